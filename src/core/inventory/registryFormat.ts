// The official MCP Registry format as an inventory: a `/v0/servers` or `/v0.1/servers` list response, a list of
// `server.json` documents, or one `server.json`. Every listed package version and remote counts as approved;
// versions the registry marks deprecated are deprecated; deleted ones are left out.
import * as z from '../zod';
import type { Ecosystem } from '../model';
import type { PackageMatch } from './schema';
import { parseImageRef } from '../launchers';

const RegistryPackage = z.looseObject({
  registryType: z.optional(z.string()),
  identifier: z.optional(z.string()),
  version: z.optional(z.string()),
  fileSha256: z.optional(z.string()),
});
const RegistryRemote = z.looseObject({ type: z.optional(z.string()), url: z.string() });
const ServerJson = z.looseObject({
  name: z.string().check(z.minLength(1)),
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  version: z.optional(z.string()),
  packages: z.optional(z.array(RegistryPackage)),
  remotes: z.optional(z.array(RegistryRemote)),
});
const ListItem = z.looseObject({ server: ServerJson, _meta: z.optional(z.record(z.string(), z.unknown())) });

type ServerJsonT = z.output<typeof ServerJson>;
interface Listed {
  server: ServerJsonT;
  status: string | undefined;
}

/** Does this document look like the registry format rather than inventory v1? */
export function isRegistryDocument(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  if (Array.isArray(data)) return data.length > 0 && data.every((d) => d && typeof d === 'object' && ('server' in d || 'packages' in d || 'remotes' in d));
  const o = data as Record<string, unknown>;
  if ('schemaVersion' in o) return false;
  if (Array.isArray(o.servers)) return o.servers.every((s) => s && typeof s === 'object' && 'server' in (s as object));
  return typeof o.name === 'string' && ('packages' in o || 'remotes' in o || typeof o.$schema === 'string');
}

/** Converts a registry document to inventory v1 data (validated afterwards like any inventory). */
export function registryToInventory(data: unknown, organization: string | undefined): { ok: true; value: unknown } | { ok: false; error: string } {
  const listed: Listed[] = [];
  const items: unknown[] = Array.isArray(data) ? data : Array.isArray((data as { servers?: unknown }).servers) ? (data as { servers: unknown[] }).servers : [data];
  for (const [i, item] of items.entries()) {
    const asListItem = ListItem.safeParse(item);
    if (asListItem.success) {
      const official = asListItem.data._meta?.['io.modelcontextprotocol.registry/official'] as { status?: unknown } | undefined;
      listed.push({ server: asListItem.data.server, status: typeof official?.status === 'string' ? official.status : undefined });
      continue;
    }
    const asServer = ServerJson.safeParse(item);
    if (!asServer.success) return { ok: false, error: `registry entry [${i}]: ${asServer.error.issues[0]?.message ?? 'not a server.json document'}` };
    listed.push({ server: asServer.data, status: undefined });
  }

  // one inventory entry per server name; versions of the same server accumulate. The registry keeps a status per
  // version, so deprecated versions of a server that still has active ones get their own deprecated entry (whatever
  // the listing order), pointing at the active one.
  const byName = new Map<string, { title: string; active: Accumulated | null; deprecated: Accumulated | null }>();
  for (const { server, status } of listed) {
    if (status === 'deleted') continue;
    let named = byName.get(server.name);
    if (!named) {
      named = { title: server.title ?? server.name, active: null, deprecated: null };
      byName.set(server.name, named);
    }
    const acc = status === 'deprecated' ? (named.deprecated ??= { packages: [], urls: [] }) : (named.active ??= { packages: [], urls: [] });
    for (const p of server.packages ?? []) {
      const pm = packageMatch(p);
      if (pm) acc.packages.push(pm);
    }
    // `{var}` placeholders in remote URLs match any value in that position
    for (const r of server.remotes ?? []) {
      const url = r.url.replace(/\{[^}]*\}/g, '*');
      if (!acc.urls.includes(url)) acc.urls.push(url);
    }
  }

  const servers: Record<string, unknown>[] = [];
  for (const [id, { title, active, deprecated }] of byName) {
    if (active) servers.push(inventoryEntry(id, title, 'approved', active));
    if (deprecated && !active) servers.push(inventoryEntry(id, title, 'deprecated', deprecated));
    if (deprecated && active) {
      // a remote every version shares stays approved
      const own = { packages: deprecated.packages, urls: deprecated.urls.filter((u) => !active.urls.includes(u)) };
      if (own.packages.length || own.urls.length) servers.push({ ...inventoryEntry(`${id} (deprecated versions)`, `${title} (deprecated versions)`, 'deprecated', own), replacedBy: id });
    }
  }
  return { ok: true, value: { schemaVersion: 1, ...(organization ? { organization } : {}), servers } };
}

interface Accumulated {
  packages: PackageMatch[];
  urls: string[];
}

function inventoryEntry(id: string, title: string, status: 'approved' | 'deprecated', acc: Accumulated): Record<string, unknown> {
  return { id, title, status, match: { ...(acc.packages.length ? { packages: acc.packages } : {}), ...(acc.urls.length ? { urls: acc.urls } : {}) } };
}

/** One registry package as an inventory package rule admitting exactly that version (or digest). */
function packageMatch(p: z.output<typeof RegistryPackage>): PackageMatch | null {
  if (!p.identifier) return null;
  const ecosystem = ECOSYSTEM[p.registryType ?? ''] ?? 'other';
  if (ecosystem === 'oci') {
    // since schema 2025-10-11 an OCI identifier is the full reference, `registry/namespace/repository:tag` (or
    // `@sha256:…`); older documents gave the tag in `version`
    const ref = parseImageRef(p.identifier);
    if (!ref) return null;
    const pm: PackageMatch = { ecosystem, name: ref.name };
    if (ref.digest) pm.digest = ref.digest;
    else if (ref.version ?? p.version) pm.versions = ref.version ?? p.version;
    return pm;
  }
  const pm: PackageMatch = { ecosystem, name: p.identifier };
  if (p.version) pm.versions = exactVersion(ecosystem, p.version);
  return pm;
}

const ECOSYSTEM: Record<string, Ecosystem> = { npm: 'npm', pypi: 'pypi', oci: 'oci', nuget: 'nuget', go: 'go', mcpb: 'other' };

/** A version range that admits exactly the listed version. */
function exactVersion(ecosystem: Ecosystem, version: string): string {
  return ecosystem === 'pypi' ? `==${version}` : version;
}
