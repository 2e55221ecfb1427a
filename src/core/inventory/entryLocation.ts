// Where each entry of a local inventory (a file, or a folder of files) is written, so the editor can point from a
// server's verdict to the entry that decided it: the diagnostic's related information and the hover's "Open inventory
// entry" link. A URL inventory has no file to point at; the bundled example is not the user's file either.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import type { CheckedServer, Finding, Range, RuleId } from '../model';
import { parseDocument, property } from '../parse';
import { readConfigFile } from '../readFile';
import { MAX_INVENTORY_BYTES } from './load';
import { BUILTIN_SOURCES } from './sources';

export interface EntryLocation {
  file: string;
  /** the entry's `"id": "…"` property */
  range: Range;
}

/** Inventory id → where that entry is written; empty for URL and bundled inventories or files that cannot be read. */
export async function locateInventoryEntries(source: string): Promise<Map<string, EntryLocation>> {
  const out = new Map<string, EntryLocation>();
  if (BUILTIN_SOURCES.has(source.trim()) || /^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return out;
  const st = await fs.stat(source).catch(() => null);
  if (!st) return out;
  // a folder is merged in name order and a later file replaces an entry with the same id: the last one is in force
  const files = st.isDirectory()
    ? (await fs.readdir(source).catch(() => [] as string[])).filter((n) => n.toLowerCase().endsWith('.json')).sort().map((n) => path.join(source, n))
    : [source];
  for (const file of files) {
    for (const [id, range] of entriesIn(await readConfigFile(file, MAX_INVENTORY_BYTES).then((r) => (r.kind === 'text' ? r.text : '')))) out.set(id, { file, range });
  }
  return out;
}

/** `servers[].id` of one inventory document, with the range of each `"id": "…"` property. */
function entriesIn(text: string): [string, Range][] {
  if (!text) return [];
  const doc = parseDocument(text, 'jsonc');
  const servers = property(doc.root, 'servers')?.children?.[1];
  if (servers?.type !== 'array') return [];
  const out: [string, Range][] = [];
  for (const entry of servers.children ?? []) {
    const idProp = property(entry, 'id');
    const id = idProp?.children?.[1]?.value;
    if (idProp && typeof id === 'string') out.push([id, doc.lines.rangeOf(idProp.offset, idProp.length)]);
  }
  return out;
}

/** The findings that come from the inventory's decision about a matched entry. */
const ENTRY_RULES: ReadonlySet<RuleId> = new Set(['pending-mcp', 'rejected-mcp', 'deprecated-mcp', 'unapproved-version', 'bypasses-gateway']);

/**
 * The server with its inventory-verdict findings pointing (related information) at the entry that decided them,
 * when that entry is in a local file. Other findings, and servers without such an entry, are returned unchanged.
 */
export function withInventoryEntryRelated<T extends CheckedServer>(server: T, locate: (id: string) => EntryLocation | undefined, title?: string): T {
  const where = server.inventoryId ? locate(server.inventoryId) : undefined;
  if (!where || !server.findings.some((f) => ENTRY_RULES.has(f.rule))) return server;
  const message = `Inventory entry ${title ? `"${title}" (${server.inventoryId})` : `"${server.inventoryId}"`} in ${path.basename(where.file)}`;
  const findings = server.findings.map((f): Finding => (ENTRY_RULES.has(f.rule) ? { ...f, related: [...(f.related ?? []), { file: where.file, range: where.range, message }] } : f));
  return { ...server, findings };
}
