// Compact, readable views of extracted servers for the client tests: one line per server (file relative to the
// fixture root, client/scope, name@line:character of its key, transport, package, url, disabled), or an object.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientModule, DiscoveryContext } from '../src/core/clients';
import { discoverAllLocations, discoverLocations } from '../src/core/discovery';
import type { ConfigLocation, ServerEntry } from '../src/core/model';
import { parseDocument } from '../src/core/parse';

export function serverRow(root: string, s: ServerEntry): string {
  const rel = path.relative(root, s.file).split(path.sep).join('/');
  const pkg = s.package ? `${s.package.ecosystem}:${s.package.name}@${s.package.version ?? '-'}` : '-';
  return `${rel} ${s.client}/${s.scope} ${s.name}@${s.range.start.line}:${s.range.start.character} ${s.transport} pkg=${pkg} url=${s.url ?? '-'}${s.disabled ? ' disabled' : ''}`;
}

const rowsOf = (root: string, module: ClientModule, locations: ConfigLocation[]) =>
  locations
    .filter((l) => fs.existsSync(l.path))
    .flatMap((l) => module.extract(parseDocument(fs.readFileSync(l.path, 'utf8'), l.format), l))
    .map((s) => serverRow(root, s));

/** Rows of every server the module finds in the files that exist (fixed locations only). */
export function scanRows(root: string, module: ClientModule, ctx: DiscoveryContext): string[] {
  return rowsOf(root, module, discoverLocations(ctx, [module]));
}

/** The same, with the locations a module enumerates from folders (profiles, agents, extensions). */
export async function scanAllRows(root: string, module: ClientModule, ctx: DiscoveryContext): Promise<string[]> {
  return rowsOf(root, module, await discoverAllLocations(ctx, [module]));
}

/** What the client tests assert for every server, as an object. */
export const serverSummary = (s: ServerEntry) => ({
  name: s.name,
  client: s.client,
  scope: s.scope,
  transport: s.transport,
  command: s.command,
  url: s.url,
  package: s.package,
  disabled: s.disabled,
  envNames: s.envNames,
  headerNames: s.headerNames,
  at: s.range.start,
});
