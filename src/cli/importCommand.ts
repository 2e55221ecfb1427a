// `mcp-gatekeeper import --from claude-code|windsurf|gemini|registry FILE [-o FILE]`: a client's allow/deny list as a
// draft inventory v1, validated before it is written. Exit 0 written, 1 nothing importable or invalid, 2 usage.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { importPolicy, IMPORT_SOURCES } from '../core/admin/import';
import { validateInventoryText } from '../core/admin/validate';
import { readConfigFile } from '../core/readFile';
import { MAX_INVENTORY_BYTES } from '../core/inventory/load';
import { oneOf, parse, UsageError } from './args';

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { from: { type: 'string' }, out: { type: 'string', short: 'o' }, organization: { type: 'string' }, force: { type: 'boolean' } }, true);
  if (!values.from) throw new UsageError(`--from is required: one of ${IMPORT_SOURCES.join(', ')}`);
  const from = oneOf('from', values.from, IMPORT_SOURCES, 'registry');
  if (positionals.length !== 1) throw new UsageError('import needs one file to read');
  const file = path.resolve(positionals[0]);
  const read = await readConfigFile(file, MAX_INVENTORY_BYTES);
  if (read.kind !== 'text') throw new UsageError(`${positionals[0]}: ${read.kind === 'error' ? read.message : 'not found'}`, false);
  const result = importPolicy(from, read.text, file, values.organization);
  const say = (s: string) => (values.out ? process.stdout : process.stderr).write(s);
  if (!result.ok) {
    process.stderr.write(`mcp-gatekeeper: ${result.error}\n`);
    return 1;
  }
  const text = `${JSON.stringify(result.inventory, null, 2)}\n`;
  const check = validateInventoryText(text, 'draft');
  if (values.out) {
    const out = path.resolve(values.out);
    if (!values.force && (await fs.stat(out).catch(() => null))) throw new UsageError(`${values.out} exists; not overwritten (use --force)`, false);
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, text);
  } else process.stdout.write(text);
  const approved = result.inventory.servers.filter((s) => s.status === 'approved').length;
  const lines = [`Draft inventory: ${approved} approved and ${result.inventory.servers.length - approved} rejected entries from ${positionals[0]}${values.out ? `, written to ${values.out}` : ''}. Review ids and titles before publishing.`];
  if (check.warnings) lines.push(`${check.warnings} warning(s) from inventory validate: ${check.problems.map((p) => p.message).join('; ')}`);
  if (result.notes.length) lines.push(`${result.notes.length} rule(s) not imported as they are:`, ...result.notes.map((n) => `  ${n.rule}: ${n.message}`));
  say(`${lines.join('\n')}\n`);
  return result.inventory.servers.length ? 0 : 1;
}
