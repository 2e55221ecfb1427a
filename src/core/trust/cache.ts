// Registry facts kept on disk next to the inventory cache (`<cache dir>/trust/`), shared by the CLI and the
// extension: one small file per registry + package, written atomically, readable only by the user. Facts are kept
// 24 hours; a failed lookup 10 minutes, so a registry that is down does not slow every scan.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { PackageLookup } from './types';

export const FACTS_TTL_MS = 24 * 60 * 60 * 1000;
export const ERROR_TTL_MS = 10 * 60 * 1000;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

interface Stored {
  version: 1;
  key: string;
  lookup: PackageLookup;
}

export function trustCacheFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, 'trust', `pkg-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
}

/** Is this lookup still good at `now`? (A date in the future, from a clock that moved back, is not.) */
export function isFresh(lookup: PackageLookup, now: Date): boolean {
  const age = now.getTime() - Date.parse(lookup.fetchedAt);
  return age >= 0 && age < (lookup.ok ? FACTS_TTL_MS : ERROR_TTL_MS);
}

export async function readTrustCache(cacheDir: string, key: string, now: Date): Promise<PackageLookup | null> {
  try {
    const file = trustCacheFile(cacheDir, key);
    if ((await fs.stat(file)).size > MAX_FILE_BYTES) return null;
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Stored>;
    const lookup = data.lookup;
    if (data.version !== 1 || data.key !== key || !lookup || typeof lookup.fetchedAt !== 'string') return null;
    if (lookup.ok ? !lookup.facts || typeof lookup.facts.versions !== 'object' : typeof lookup.reason !== 'string') return null;
    return isFresh(lookup, now) ? lookup : null;
  } catch {
    return null;
  }
}

export async function writeTrustCache(cacheDir: string, key: string, lookup: PackageLookup): Promise<void> {
  const file = trustCacheFile(cacheDir, key);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const stored: Stored = { version: 1, key, lookup };
  await fs.writeFile(tmp, JSON.stringify(stored), { mode: 0o600 });
  await fs.rename(tmp, file);
}
