// Which config files to look at: every client's locations for this home, OS and set of workspaces,
// each file once (a file read by several clients is reported under its primary client).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CLIENTS, type ClientModule, type DiscoveryContext } from './clients';
import type { ListDir } from './clients/types';
import { readConfigFile } from './readFile';
import type { ClientId, ConfigLocation, Platform } from './model';

/** Fixed-path locations only (no folder listing): cheap and synchronous. */
export function discoverLocations(ctx: DiscoveryContext, clients: readonly ClientModule[] = CLIENTS): ConfigLocation[] {
  return dedupe(ctx, clients.map((c) => c.locations(ctx)));
}

/** Fixed-path locations plus those found by listing folders (profiles, agent and block files). */
export async function discoverAllLocations(ctx: DiscoveryContext, clients: readonly ClientModule[] = CLIENTS, listDir: ListDir = readDirNames): Promise<ConfigLocation[]> {
  const perClient = await Promise.all(
    clients.map(async (c) => [...c.locations(ctx), ...(c.enumerate ? await c.enumerate(ctx, listDir).catch(() => []) : [])]),
  );
  const locations = dedupe(ctx, perClient);
  // names turned off in other files (settings, approval lists) belong to the file's primary client
  await Promise.all(
    locations.map(async (loc) => {
      const hook = clients.find((c) => c.id === loc.client)?.disabledNames;
      const names = hook ? await hook(ctx, loc, readSmallText).catch(() => []) : [];
      if (names.length) loc.disabledNames = names;
    }),
  );
  return locations;
}

async function readSmallText(file: string): Promise<string | undefined> {
  const r = await readConfigFile(file);
  return r.kind === 'text' ? r.text : undefined;
}

export const readDirNames: ListDir = async (dir) => {
  try {
    return (await fs.readdir(dir)).sort();
  } catch {
    return [];
  }
};

/** One location per file; clients are listed in priority order, so the first to claim a file is its primary client. */
function dedupe(ctx: DiscoveryContext, perClient: ConfigLocation[][]): ConfigLocation[] {
  const byPath = new Map<string, ConfigLocation>();
  for (const list of perClient) {
    for (const loc of list) {
      const key = pathKey(loc.path, ctx.platform);
      const first = byPath.get(key);
      if (!first) {
        byPath.set(key, { ...loc });
      } else if (first.client !== loc.client && !first.alsoReadBy?.includes(loc.client)) {
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
