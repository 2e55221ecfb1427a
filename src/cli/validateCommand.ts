// `mcp-gatekeeper inventory validate FILE|FOLDER|URL`: every problem in an inventory with its line and column.
// Exit 0 valid (warnings allowed unless --strict), 1 problems, 2 usage or unreadable source.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { httpGet, redact } from '../core/net/httpGet';
import { readConfigFile } from '../core/readFile';
import { MAX_INVENTORY_BYTES } from '../core/inventory/load';
import { formatProblems, validateInventoryText, type ValidationResult } from '../core/admin/validate';
import { oneOf, parse, UsageError } from './args';

export async function runValidate(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, strict: { type: 'boolean' }, 'ca-file': { type: 'string' } }, true);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 1) throw new UsageError('inventory validate needs one inventory file, folder or URL');
  const source = positionals[0];
  const results: ValidationResult[] = [];
  if (/^https?:\/\//i.test(source)) {
    const token = process.env.MCPG_INVENTORY_TOKEN;
    const res = await httpGet(source, { maxBytes: MAX_INVENTORY_BYTES, bearerToken: token || undefined, caFiles: values['ca-file'] ? [path.resolve(values['ca-file'])] : undefined });
    if (res.kind !== 'ok') throw new UsageError(`${redact(source)}: ${res.kind === 'error' ? res.message : 'unexpected 304 Not Modified'}`, false);
    results.push(validateInventoryText(res.body.toString('utf8').replace(/^\uFEFF/, ''), redact(source)));
  } else {
    const file = path.resolve(source);
    const st = await fs.stat(file).catch(() => null);
    if (!st) throw new UsageError(`${source}: not found`, false);
    // a folder inventory: each *.json is checked on its own (the loader merges them in name order)
    const files = st.isDirectory() ? (await fs.readdir(file)).filter((n) => n.toLowerCase().endsWith('.json')).sort().map((n) => path.join(file, n)) : [file];
    if (!files.length) throw new UsageError(`${source}: the folder has no .json files`, false);
    for (const f of files) {
      const read = await readConfigFile(f, MAX_INVENTORY_BYTES);
      if (read.kind !== 'text') throw new UsageError(`${f}: ${read.kind === 'error' ? read.message : 'not found'}`, false);
      results.push(validateInventoryText(read.text, st.isDirectory() ? path.join(source, path.basename(f)) : source));
    }
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  else for (const r of results) process.stdout.write(formatProblems(r));
  const failed = results.some((r) => r.errors > 0 || (values.strict && r.warnings > 0));
  return failed ? 1 : 0;
}
