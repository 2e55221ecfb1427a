// Which config files to look at: every client's locations for this home, OS and set of workspaces,
// each file once (a file read by several clients is reported under its primary client).
import * as path from 'node:path';
import { CLIENTS, type ClientModule, type DiscoveryContext } from './clients';
import type { ClientId, ConfigLocation, Platform } from './model';

export function discoverLocations(ctx: DiscoveryContext, clients: readonly ClientModule[] = CLIENTS): ConfigLocation[] {
  const byPath = new Map<string, ConfigLocation>();
  for (const client of clients) {
    for (const loc of client.locations(ctx)) {
      const key = pathKey(loc.path, ctx.platform);
      const first = byPath.get(key);
      if (!first) {
        byPath.set(key, { ...loc });
      } else if (first.client !== loc.client && !first.alsoReadBy?.includes(loc.client)) {
        // clients are listed in priority order, so the first one to claim a file is its primary client
        first.alsoReadBy = [...(first.alsoReadBy ?? []), loc.client];
      }
    }
  }
  return [...byPath.values()];
}

/** Paths compare case-insensitively where the OS does (Windows, default macOS volumes). */
export function pathKey(p: string, platform: Platform): string {
  const norm = path.normalize(p);
  return platform === 'linux' ? norm : norm.toLowerCase();
}

export function filterByClient(locations: ConfigLocation[], clients: ClientId[] | undefined): ConfigLocation[] {
  if (!clients?.length) return locations;
  return locations.filter((l) => clients.includes(l.client) || l.alsoReadBy?.some((c) => clients.includes(c)));
}
