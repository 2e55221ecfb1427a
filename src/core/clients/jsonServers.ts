// The shared mapping for JSON dialects that keep servers as `{ "<name>": { command, args, env, url, … } }`.
// Each client module only states where the map lives and how its own keys differ.
import { recognizeLauncher } from '../launchers';
import { stripBom } from '../text';
import type { ConfigLocation, ServerEntry, Transport } from '../model';
import type { DiscoveryContext } from './types';
import { parseDocument, plainValue, property, valueAt, type ParsedDocument, type TreeNode } from '../parse';

export interface JsonDialect {
  /** key path from the document root to the servers object */
  serversPath: string[];
  /** keys that hold a remote URL, in order of preference */
  urlKeys: string[];
  /** transport of a remote entry that names none */
  remoteDefault?: Transport;
  /** per-URL-key transport overrides (Gemini: `url` = sse, `httpUrl` = http) */
  urlKeyTransport?: Record<string, Transport>;
  /**
   * When the document has no `serversPath[0]` key at all, read the top-level object itself as the servers map
   * (the bare `{ "<name>": { … } }` shape that VS Code and Copilot CLI accept in `.mcp.json`). Only values that look
   * like a server (a `command`, `url` or `type` key) count, so stray settings are not reported as servers.
   */
  bareMapFallback?: boolean;
}

export function extractJsonServers(doc: ParsedDocument, location: ConfigLocation, dialect: JsonDialect): ServerEntry[] {
  const bare = dialect.bareMapFallback === true && doc.root?.type === 'object' && !property(doc.root, dialect.serversPath[0] ?? '');
  const map = bare ? doc.root : valueAt(doc.root, dialect.serversPath);
  if (!map || map.type !== 'object') return [];
  const out: ServerEntry[] = [];
  for (const prop of map.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string' || !valueNode || valueNode.type !== 'object') continue;
    if (bare && !['command', 'url', 'type'].some((k) => property(valueNode, k))) continue;
    out.push(entryFromNode(doc, location, dialect, keyNode, valueNode));
  }
  return out;
}

/**
 * Marks the entries a client turns off by name (Claude Code's `disabledMcpServers`, Copilot CLI's settings).
 * The names may come from another file than the one the entries are in.
 */
export function withDisabledNames(entries: ServerEntry[], names: Iterable<string> | undefined): ServerEntry[] {
  const off = new Set(names ?? []);
  return off.size ? entries.map((e) => (off.has(e.name) && !e.disabled ? { ...e, disabled: true } : e)) : entries;
}

/** The strings of a JSON array value (a name list); anything else reads as no names. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** Server names that other files turn off for this location (attached by discovery). */
export function disabledNamesOf(location: ConfigLocation): string[] {
  return location.disabledNames ?? [];
}

function entryFromNode(doc: ParsedDocument, location: ConfigLocation, dialect: JsonDialect, keyNode: TreeNode, valueNode: TreeNode): ServerEntry {
  const fields = childValues(valueNode);
  const urlKey = dialect.urlKeys.find((k) => (stringValue(fields[k])?.length ?? 0) > 0);
  const directUrl = urlKey ? (stringValue(fields[urlKey]) ?? null) : null;
  const command = stringValue(fields.command) ?? null;
  const args = stringItems(fields.args);
  const launch = directUrl ? { package: null, bridgedUrl: null } : recognizeLauncher(command, args);
  return {
    name: keyNode.value as string,
    ...entryPlace(doc, location, keyNode, valueNode),
    transport: transportOf(stringValue(fields.type) ?? stringValue(fields.transport), urlKey, dialect),
    command: directUrl ? null : command,
    args: directUrl ? [] : args,
    url: directUrl ?? launch.bridgedUrl,
    envNames: keysOf(fields.env),
    headerNames: keysOf(fields.headers),
    package: launch.package,
    disabled: booleanValue(fields.disabled) === true || booleanValue(fields.enabled) === false,
  };
}

// Config entries are external input: a field of the wrong type reads as absent (a list as empty), never throws.
// These read the tree directly (no plain-object copy, no schema pass): they run once per server of every scan.

/** Key → value node of an object node; the last of duplicate keys wins, as in JSON.parse. */
function childValues(obj: TreeNode): Record<string, TreeNode | undefined> {
  const out: Record<string, TreeNode | undefined> = Object.create(null);
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && typeof k.value === 'string') out[k.value] = v;
  }
  return out;
}

function stringValue(node: TreeNode | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

function booleanValue(node: TreeNode | undefined): boolean | undefined {
  return node?.type === 'boolean' && typeof node.value === 'boolean' ? node.value : undefined;
}

/** The string items of an array node (other items skipped); anything else reads as no items. */
function stringItems(node: TreeNode | undefined): string[] {
  const out: string[] = [];
  if (node?.type !== 'array') return out;
  for (const item of node.children ?? []) {
    const v = stringValue(item);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** The key names of an object node (env variables, headers); anything else reads as none. */
function keysOf(node: TreeNode | undefined): string[] {
  return node?.type === 'object' ? Object.keys(childValues(node)) : [];
}

/** Where an entry is: its file, scope and the source ranges of its key and value (shared by every dialect). */
export function entryPlace(doc: ParsedDocument, location: ConfigLocation, keyNode: TreeNode, valueNode: TreeNode) {
  return {
    client: location.client,
    scope: location.scope,
    file: location.path,
    range: doc.lines.rangeOf(keyNode.offset, keyNode.length),
    keyOffset: keyNode.offset,
    keyLength: keyNode.length,
    valueOffset: valueNode.offset,
    valueLength: valueNode.length,
  };
}

export function transportOf(type: string | undefined, urlKey: string | undefined, dialect: JsonDialect): Transport {
  const t = type?.toLowerCase().replace(/[\s_]/g, '-');
  if (t === 'sse') return 'sse';
  if (t === 'http' || t === 'streamable-http' || t === 'streamablehttp' || t === 'remote') return 'http';
  if (t === 'stdio' || t === 'local') return 'stdio';
  if (!urlKey) return 'stdio';
  return dialect.urlKeyTransport?.[urlKey] ?? dialect.remoteDefault ?? 'http';
}

/** Reads a small text file for discovery; undefined when it is absent or unreadable. Injected so tests can fake it. */
export type ReadText = (file: string) => Promise<string | undefined>;

/**
 * Optional ClientModule member: the server names that OTHER files turn off for one of this client's
 * locations (discovery stores them as the location's `disabledNames`; `extract` applies them).
 */
export type DisabledNamesHook = (ctx: DiscoveryContext, location: ConfigLocation, readText: ReadText) => Promise<string[]>;

/** The top-level object of a JSON(C) file (comments and trailing commas allowed); undefined when absent or not an object. */
export async function readJsonObject(readText: ReadText, file: string): Promise<Record<string, unknown> | undefined> {
  const text = await readText(file).catch(() => undefined);
  if (text === undefined) return undefined;
  const root = parseDocument(stripBom(text), 'jsonc').root;
  return root?.type === 'object' ? (plainValue(root) as Record<string, unknown>) : undefined;
}
