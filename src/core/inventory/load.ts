// Reading an inventory: text → validated inventory, or one clear message naming the bad field and entry.
import type * as z from '../zod';
import { parseJsonc } from '../parse/jsonc';
import { plainValue, valueAt } from '../parse/document';
import type { Range } from '../model';
import { readConfigFile } from '../readFile';
import { InventorySchema, type Inventory } from './schema';
import { isRegistryDocument, registryToInventory } from './registryFormat';
import bundledExample from '../../../examples/inventory.json';

export interface LoadedInventory {
  inventory: Inventory;
  /** where it came from: a path, a URL, or `builtin:examples/inventory.json` */
  source: string;
  /** when the copy in force was read from its source (ISO time); null for the bundled example */
  fetchedAt: string | null;
  /** the source could not be used and the last good copy is in force */
  fromCache: boolean;
  /** that copy is older than the policy allows: approvals could not be refreshed */
  stale: boolean;
  /** why the live source was not used, when it was not */
  error: string | null;
  /** where each entry is written (its `id` value), by id, when the inventory was read from local files */
  locations?: Record<string, InventoryLocation>;
}

export interface InventoryLocation {
  file: string;
  range: Range;
}

export type InventoryResult = { ok: true; value: LoadedInventory } | { ok: false; error: string };

export const BUNDLED_SOURCE = 'builtin:examples/inventory.json';
export const MAX_INVENTORY_BYTES = 5 * 1024 * 1024;

/** JSON text → plain data (comments tolerated), or a located syntax error. */
export function parseInventoryData(text: string, source: string): { ok: true; data: unknown } | { ok: false; error: string } {
  // Most inventories are plain JSON, which JSON.parse reads several times faster than building a located tree (a
  // 10,000-entry inventory is read on every CLI run). The same data either way; whatever JSON.parse rejects (comments,
  // trailing commas, a byte order mark, a syntax error) goes through the tolerant parser, which also locates errors.
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    // below
  }
  const doc = parseJsonc(text);
  if (doc.error || !doc.root) return { ok: false, error: `${source}: invalid JSON: ${doc.error?.message ?? 'empty document'}` };
  return { ok: true, data: plainValue(doc.root) };
}

/** Inventory v1 or the MCP Registry format, validated. */
export function parseInventory(text: string, source: string, organization?: string): InventoryResult {
  const parsed = parseInventoryData(text, source);
  return parsed.ok ? validateInventory(parsed.data, source, organization) : parsed;
}

export function validateInventory(data: unknown, source: string, organization?: string): InventoryResult {
  let doc = data;
  if (isRegistryDocument(data)) {
    const converted = registryToInventory(data, organization);
    if (!converted.ok) return { ok: false, error: `${source}: ${converted.error}` };
    doc = converted.value;
  }
  const parsed = InventorySchema.safeParse(doc);
  if (parsed.success) return { ok: true, value: { inventory: parsed.data, source, fetchedAt: null, fromCache: false, stale: false, error: null } };
  return { ok: false, error: `${source}: ${describeIssues(parsed.error, doc)}` };
}

export function bundledInventory(): LoadedInventory {
  const r = validateInventory(bundledExample, BUNDLED_SOURCE);
  if (!r.ok) throw new Error(r.error); // a broken bundled example is a build defect, caught by the tests
  return r.value;
}

export async function loadInventoryFile(file: string): Promise<InventoryResult> {
  const read = await readConfigFile(file, MAX_INVENTORY_BYTES);
  if (read.kind === 'absent') return { ok: false, error: `${file}: inventory file not found` };
  if (read.kind === 'error') return { ok: false, error: `${file}: ${read.message}` };
  const r = parseInventory(read.text, file);
  return r.ok ? { ok: true, value: { ...r.value, fetchedAt: new Date().toISOString(), locations: entryLocations(read.text, file) } } : r;
}

/** Where each entry of an inventory file (v1 format) is written: its `id` value, so a diagnostic can point at it. */
export function entryLocations(text: string, file: string): Record<string, InventoryLocation> {
  const doc = parseJsonc(text);
  const out: Record<string, InventoryLocation> = {};
  const servers = valueAt(doc.root, ['servers']);
  if (servers?.type !== 'array') return out;
  for (const entry of servers.children ?? []) {
    const id = valueAt(entry, ['id']);
    if (id?.type === 'string' && typeof id.value === 'string' && id.value !== '__proto__') out[id.value] = { file, range: doc.lines.rangeOf(id.offset, id.length) };
  }
  return out;
}

/** `servers[3] (id "github") status: expected one of …` — at most three issues, the first ones. */
export function describeIssues(error: z.core.$ZodError, data: unknown): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = formatPath(issue.path, data);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `invalid inventory: ${parts.join('; ')}${more}`;
}

function formatPath(path: PropertyKey[], data: unknown): string {
  let out = '';
  let node: unknown = data;
  let named = false;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      // name the server entry by its id, which admins search for
      named = false;
      if (out === `servers[${key}]` && node && typeof node === 'object') {
        const id = (node as { id?: unknown }).id;
        if (typeof id === 'string') {
          out += ` (id "${id}")`;
          named = true;
        }
      }
    } else {
      out += named ? ` ${String(key)}` : out ? `.${String(key)}` : String(key);
      named = false;
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return out;
}
