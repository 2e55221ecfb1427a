// The shared mapping for JSON dialects that keep servers as `{ "<name>": { command, args, env, url, … } }`.
// Each client module only states where the map lives and how its own keys differ.
import * as z from '../zod';
import { recognizeLauncher } from '../launchers';
import type { ConfigLocation, ServerEntry, Transport } from '../model';
import { plainValue, valueAt, type ParsedDocument, type TreeNode } from '../parse';

export interface JsonDialect {
  /** key path from the document root to the servers object */
  serversPath: string[];
  /** keys that hold a remote URL, in order of preference */
  urlKeys: string[];
  /** transport of a remote entry that names none */
  remoteDefault?: Transport;
  /** per-URL-key transport overrides (Gemini: `url` = sse, `httpUrl` = http) */
  urlKeyTransport?: Record<string, Transport>;
}

const stringList = z.pipe(
  z.catch(z.array(z.unknown()), []),
  z.transform((a) => a.filter((x): x is string => typeof x === 'string')),
);
const nameList = z.pipe(
  z.catch(z.record(z.string(), z.unknown()), {}),
  z.transform((o) => Object.keys(o)),
);
const optionalOf = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

/** Config entries are external input: wrong types are tolerated field by field, never thrown. */
const EntrySchema = z.looseObject({
  type: optionalOf(z.string()),
  transport: optionalOf(z.string()),
  command: optionalOf(z.string()),
  args: z.optional(stringList),
  env: z.optional(nameList),
  headers: z.optional(nameList),
  disabled: optionalOf(z.boolean()),
  enabled: optionalOf(z.boolean()),
});

export function extractJsonServers(doc: ParsedDocument, location: ConfigLocation, dialect: JsonDialect): ServerEntry[] {
  const map = valueAt(doc.root, dialect.serversPath);
  if (!map || map.type !== 'object') return [];
  const out: ServerEntry[] = [];
  for (const prop of map.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string' || !valueNode || valueNode.type !== 'object') continue;
    out.push(entryFromNode(doc, location, dialect, keyNode, valueNode));
  }
  return out;
}

function entryFromNode(doc: ParsedDocument, location: ConfigLocation, dialect: JsonDialect, keyNode: TreeNode, valueNode: TreeNode): ServerEntry {
  const raw = plainValue(valueNode) as Record<string, unknown>;
  const e = EntrySchema.parse(raw);
  const urlKey = dialect.urlKeys.find((k) => typeof raw[k] === 'string' && (raw[k] as string).length > 0);
  const directUrl = urlKey ? (raw[urlKey] as string) : null;
  const command = e.command ?? null;
  const args = e.args ?? [];
  const launch = directUrl ? { package: null, bridgedUrl: null } : recognizeLauncher(command, args);
  return {
    name: keyNode.value as string,
    client: location.client,
    scope: location.scope,
    file: location.path,
    range: doc.lines.rangeOf(keyNode.offset, keyNode.length),
    keyOffset: keyNode.offset,
    keyLength: keyNode.length,
    valueOffset: valueNode.offset,
    valueLength: valueNode.length,
    transport: transportOf(e.type ?? e.transport, urlKey, dialect),
    command: directUrl ? null : command,
    args: directUrl ? [] : args,
    url: directUrl ?? launch.bridgedUrl,
    envNames: e.env ?? [],
    headerNames: e.headers ?? [],
    package: launch.package,
    disabled: e.disabled === true || e.enabled === false,
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
