// The MCP-Registry-compatible static document an organization hosts as its private registry, shared by the VS Code,
// GitHub Copilot and Kiro targets (each adds its own policy values). Shape: the `/v0.1/servers` list response of
// modelcontextprotocol/registry (docs/reference/api/generic-registry-api.md, reference §15 [V]):
// `{ servers: [{ server: <server.json>, _meta: { "io.modelcontextprotocol.registry/official": {…} } }],
//    metadata: { count } }`. server.json: reverse-DNS `name`, `description`, exact `version`, `packages[]`
// ({ registryType, identifier, version, transport }) and `remotes[]` ({ type, url }).
// A registry lists what is allowed; there is no deny list, so rejected entries are simply absent.
import type { Inventory, InventoryServer, PackageMatch } from '../../inventory/schema';
import { floorOf } from '../../inventory/versions';
import { compileAll, jsonText, partition, versionSet, type ExportNote, type ExportOptions } from './common';

export const SERVER_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
const OFFICIAL = 'io.modelcontextprotocol.registry/official';

export interface RegistryPackage {
  registryType: 'npm' | 'pypi' | 'oci' | 'nuget';
  registryBaseUrl?: string;
  identifier: string;
  version: string;
  transport: { type: 'stdio' };
}

export interface RegistryRemote {
  type: 'streamable-http' | 'sse';
  url: string;
}

export interface RegistryServerJson {
  $schema: string;
  name: string;
  title?: string;
  description: string;
  version: string;
  packages?: RegistryPackage[];
  remotes?: RegistryRemote[];
}

export interface RegistryDocument {
  servers: { server: RegistryServerJson; _meta: Record<string, unknown> }[];
  metadata: { count: number };
}

const BASE_URLS: Record<string, string> = { npm: 'https://registry.npmjs.org', pypi: 'https://pypi.org', nuget: 'https://api.nuget.org/v3/index.json' };

export function buildRegistry(inventory: Inventory, options: ExportOptions, notes: ExportNote[]): { doc: RegistryDocument; allowed: number; denied: number; namespace: string } {
  const { approved, rejected } = partition(inventory, notes);
  const namespace = options.namespace ?? defaultNamespace(inventory);
  const now = (options.now ?? new Date()).toISOString();
  const servers: RegistryDocument['servers'] = [];
  for (const entry of approved) {
    const packages = (entry.match.packages ?? []).flatMap((pm) => registryPackage(entry, pm, notes));
    const remotes = remotesOf(entry, notes);
    if (!packages.length && !remotes.length) {
      notes.push({ id: entry.id, level: 'lost', message: 'no package with a version or concrete URL to list: not in the registry, so registry-only clients block it' });
      continue;
    }
    const server: RegistryServerJson = {
      $schema: SERVER_SCHEMA,
      name: `${namespace}/${slug(entry.id)}`,
      ...(entry.title ? { title: entry.title } : {}),
      description: describe(entry),
      version: serverVersion(entry, packages),
      ...(packages.length ? { packages } : {}),
      ...(remotes.length ? { remotes } : {}),
    };
    servers.push({ server, _meta: { [OFFICIAL]: { status: 'active', publishedAt: now, updatedAt: now, isLatest: true } } });
  }
  if (rejected.length) notes.push({ id: null, level: 'info', message: `a registry has no deny list: the ${rejected.length} rejected entr${rejected.length === 1 ? 'y is' : 'ies are'} blocked because they are not listed` });
  if (inventory.gateway?.url) notes.push({ id: null, level: 'lost', message: `gateway.url ${inventory.gateway.url}: a registry lists concrete URLs, not prefixes; only the entries' own gateway routes are listed` });
  notes.push({ id: null, level: 'info', message: 'registry-only clients match local servers by their registry server name: servers installed from this registry carry it; hand-written entries are not matched' });
  return { doc: { servers, metadata: { count: servers.length } }, allowed: servers.length, denied: rejected.length, namespace };
}

export function registryText(doc: RegistryDocument): string {
  return jsonText(doc);
}

function registryPackage(entry: InventoryServer, pm: PackageMatch, notes: ExportNote[]): RegistryPackage[] {
  if (pm.ecosystem !== 'npm' && pm.ecosystem !== 'pypi' && pm.ecosystem !== 'oci' && pm.ecosystem !== 'nuget') {
    notes.push({ id: entry.id, level: 'lost', message: `${pm.ecosystem} package ${pm.name}: the registry has no package type for it` });
    return [];
  }
  const set = versionSet(pm);
  let versions: string[];
  if (pm.digest) versions = [];
  else if (set.kind === 'exact') versions = set.versions;
  else if (set.kind === 'range') {
    const floor = floorOf(pm.ecosystem, set.spec);
    if (!floor) {
      notes.push({ id: entry.id, level: 'lost', message: `${pm.name} ${set.spec}: a registry lists exact versions and this range has no lowest version to list` });
      return [];
    }
    versions = [floor];
    notes.push({ id: entry.id, level: 'info', message: `${pm.name} ${set.spec}: a registry lists exact versions; listed at ${floor}, the lowest the range allows (add later versions by hand or with an exact list)` });
  } else {
    notes.push({ id: entry.id, level: 'lost', message: `${pm.name}: any version is approved, but a registry needs an exact version ("latest" is invalid); pin one in the inventory` });
    return [];
  }
  const base = BASE_URLS[pm.ecosystem];
  if (pm.ecosystem === 'oci') {
    // server.json requires `version` on every package (schema 2025-09-29, Package.required); the image name goes in
    // `identifier` and the tag (or the pinned digest) in `version`, which readers combine into the reference
    if (pm.digest) return [{ registryType: 'oci', identifier: `${pm.name}@${pm.digest}`, version: pm.digest, transport: { type: 'stdio' } }];
    return versions.map((v) => ({ registryType: 'oci', identifier: pm.name, version: v, transport: { type: 'stdio' } }));
  }
  return versions.map((version) => ({ registryType: pm.ecosystem as RegistryPackage['registryType'], ...(base ? { registryBaseUrl: base } : {}), identifier: pm.name, version, transport: { type: 'stdio' } }));
}

function remotesOf(entry: InventoryServer, notes: ExportNote[]): RegistryRemote[] {
  const out: RegistryRemote[] = [];
  for (const p of compileAll(entry.match.urls)) {
    let url: string | null = null;
    if (!p.hasWildcard) url = p.source;
    else if (/\/\*\*$/.test(p.source) && !/[*?[]/.test(p.source.slice(0, -3))) {
      url = `${p.source.slice(0, -3)}/`;
      notes.push({ id: entry.id, level: 'info', message: `URL pattern ${p.source}: listed as ${url}; registry-only clients compare remote URLs exactly, so other paths under it are blocked` });
    }
    if (!url) {
      notes.push({ id: entry.id, level: 'lost', message: `URL pattern ${p.source}: a registry lists concrete URLs; left out` });
      continue;
    }
    out.push({ type: /\/sse\/?$/i.test(p.url.path) ? 'sse' : 'streamable-http', url });
  }
  if (entry.gatewayUrl && !out.some((r) => r.url === entry.gatewayUrl)) out.push({ type: 'streamable-http', url: entry.gatewayUrl });
  return out;
}

function serverVersion(entry: InventoryServer, packages: RegistryPackage[]): string {
  const own = (entry as Record<string, unknown>).version;
  if (typeof own === 'string' && own.trim()) return own.trim();
  const pkg = packages.find((p) => /^v?\d/.test(p.version))?.version.replace(/^v(?=\d)/, '');
  return pkg ?? '1.0.0';
}

function describe(entry: InventoryServer): string {
  const own = (entry as Record<string, unknown>).description;
  const text = typeof own === 'string' && own.trim() ? own.trim() : entry.title ? `${entry.title} (approved)` : `${entry.id} (approved)`;
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/** `mcp.acme.example` → `example.acme.mcp`; else `org.<organization>`; else `local.inventory`. */
export function defaultNamespace(inventory: Inventory): string {
  const gw = inventory.gateway?.url;
  const host = gw ? /^[a-z]+:\/\/([^/:?#]+)/i.exec(gw)?.[1] : undefined;
  if (host && /[a-z]/i.test(host) && host.includes('.')) return host.toLowerCase().split('.').reverse().join('.');
  if (inventory.organization) return `org.${slug(inventory.organization).toLowerCase()}`;
  return 'local.inventory';
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'server';
}
