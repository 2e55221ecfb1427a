// `mcp-gatekeeper export --to TARGET [-o FILE]`: the inventory as a client's own enforcement file, with what the
// client's matching cannot express printed. Exit 0 when written (even with notes), 2 on usage or inventory errors.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EXPORTERS, EXPORT_TARGETS, formatNotes, type ExportResult } from '../core/admin/export';
import { loadInventorySource } from '../core/inventory/sources';
import type { LoadedInventory } from '../core/inventory/load';
import { discoveryContext, INVENTORY_OPTIONS, loadPolicyInventory, policyContext } from './context';
import { oneOf, parse, UsageError } from './args';

export async function runExport(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...INVENTORY_OPTIONS,
    to: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'with-managed-mcp': { type: 'boolean' },
    namespace: { type: 'string' },
    'registry-url': { type: 'string' },
    'strict-versions': { type: 'boolean' },
  });
  if (!values.to) throw new UsageError(`--to is required: one of ${EXPORT_TARGETS.join(', ')}`);
  const target = oneOf('to', values.to, EXPORT_TARGETS, 'claude-code');
  if (values['with-managed-mcp'] && target !== 'claude-code') throw new UsageError('--with-managed-mcp is for --to claude-code');
  if (values['with-managed-mcp'] && !values.out) throw new UsageError('--with-managed-mcp writes two files: give -o FILE (managed-mcp.json goes next to it)');
  const loaded = await loadInventory(values);
  const result = EXPORTERS[target].run(loaded.inventory, {
    withManagedMcp: values['with-managed-mcp'],
    namespace: values.namespace,
    registryUrl: values['registry-url'],
    strictVersions: values['strict-versions'],
  });
  const written = await writeFiles(result, values.out);
  // with -o, stdout is free for the summary; without it, stdout is the file and the summary goes to stderr
  const say = (s: string) => (values.out ? process.stdout : process.stderr).write(s);
  say(summary(result, loaded, written));
  return 0;
}

async function loadInventory(values: { inventory?: string; policy?: string; 'cache-dir'?: string; 'ca-file'?: string }): Promise<LoadedInventory> {
  if (values.inventory && !values.policy) {
    const source = /^(https?:\/\/|builtin)/i.test(values.inventory) ? values.inventory : path.resolve(values.inventory);
    const token = process.env.MCPG_INVENTORY_TOKEN;
    const r = await loadInventorySource(source, { cacheDir: null, http: { bearerToken: token || undefined, caFiles: values['ca-file'] ? [path.resolve(values['ca-file'])] : undefined } });
    if (!r.ok) throw new UsageError(r.error, false);
    return r.value;
  }
  // no --inventory: the one the policy names (as scan uses)
  const ctx = await discoveryContext({});
  return loadPolicyInventory(ctx, await policyContext(ctx, values), values);
}

async function writeFiles(result: ExportResult, out: string | undefined): Promise<string[]> {
  if (!out) {
    process.stdout.write(result.files[0].text);
    return ['(stdout)'];
  }
  const first = path.resolve(out);
  await fs.mkdir(path.dirname(first), { recursive: true });
  const written: string[] = [];
  for (const [i, f] of result.files.entries()) {
    const file = i === 0 ? first : path.join(path.dirname(first), f.name);
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, f.text);
    await fs.rename(tmp, file);
    written.push(file);
  }
  return written;
}

function summary(result: ExportResult, loaded: LoadedInventory, written: string[]): string {
  const title = EXPORTERS[result.target].title;
  const lines = [
    `${title}: ${result.allowed} allowed and ${result.denied} denied of ${loaded.inventory.servers.length} inventory entries (${loaded.source}).`,
    ...result.files.map((f, i) => `  ${f.name}${written[i] && written[i] !== '(stdout)' ? ` written to ${written[i]}` : ''}; install: ${f.installTo}`),
  ];
  if (result.policy) lines.push(`Policy values: ${JSON.stringify(result.policy)}`);
  const lost = result.notes.filter((n) => n.level === 'lost').length;
  const widened = result.notes.filter((n) => n.level === 'widened').length;
  if (result.notes.length) lines.push(`${lost} rule(s) could not be expressed, ${widened} widened:`, formatNotes(result.notes));
  return `${lines.join('\n')}\n`;
}
