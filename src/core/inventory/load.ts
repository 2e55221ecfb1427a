// Reading an inventory: text → validated inventory, or one clear message naming the bad field and entry.
import type * as z from '../zod';
import { parseJsonc } from '../parse/jsonc';
import { plainValue } from '../parse/document';
import { readConfigFile } from '../readFile';
import { InventorySchema, type Inventory } from './schema';
import bundledExample from '../../../examples/inventory.json';

export interface LoadedInventory {
  inventory: Inventory;
  /** where it came from: a path, or `builtin:examples/inventory.json` */
  source: string;
}

export type InventoryResult = { ok: true; value: LoadedInventory } | { ok: false; error: string };

export const BUNDLED_SOURCE = 'builtin:examples/inventory.json';
const MAX_INVENTORY_BYTES = 5 * 1024 * 1024;

export function parseInventory(text: string, source: string): InventoryResult {
  const doc = parseJsonc(text);
  if (doc.error || !doc.root) return { ok: false, error: `${source}: invalid JSON: ${doc.error?.message ?? 'empty document'}` };
  return validateInventory(plainValue(doc.root), source);
}

export function validateInventory(data: unknown, source: string): InventoryResult {
  const parsed = InventorySchema.safeParse(data);
  if (parsed.success) return { ok: true, value: { inventory: parsed.data, source } };
  return { ok: false, error: `${source}: ${describeIssues(parsed.error, data)}` };
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
  return parseInventory(read.text, file);
}

/** `servers[3] (id "github") status: expected one of …` — at most three issues, the first ones. */
function describeIssues(error: z.core.$ZodError, data: unknown): string {
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
