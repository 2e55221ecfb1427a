// The last good copy of a remote inventory, used when its source is unreachable or returns garbage.
// One file per source, written atomically (temp file + rename) so a crash never leaves half a cache.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Platform } from '../model';

export interface CacheEntry {
  source: string;
  fetchedAt: string;
  etag: string | null;
  lastModified: string | null;
  body: string;
  /** the detached signature (`<source>.sig`) the body was verified with, so the copy can be verified again offline */
  signature?: string;
}

export function cacheFile(cacheDir: string, source: string): string {
  return path.join(cacheDir, `inventory-${createHash('sha256').update(source).digest('hex').slice(0, 24)}.json`);
}

export async function readCache(cacheDir: string, source: string): Promise<CacheEntry | null> {
  try {
    const data = JSON.parse(await fs.readFile(cacheFile(cacheDir, source), 'utf8')) as Partial<CacheEntry>;
    if (data.source !== source || typeof data.body !== 'string' || typeof data.fetchedAt !== 'string') return null;
    return { source, fetchedAt: data.fetchedAt, etag: data.etag ?? null, lastModified: data.lastModified ?? null, body: data.body, ...(typeof data.signature === 'string' ? { signature: data.signature } : {}) };
  } catch {
    return null;
  }
}

export async function writeCache(cacheDir: string, entry: CacheEntry): Promise<void> {
  await fs.mkdir(cacheDir, { recursive: true });
  const file = cacheFile(cacheDir, entry.source);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(entry), { mode: 0o600 });
  await fs.rename(tmp, file);
}

/** The CLI's cache folder: `$XDG_CACHE_HOME`, `~/Library/Caches`, `%LOCALAPPDATA%`. */
export function defaultCacheDir(home: string, platform: Platform, env: Record<string, string | undefined>): string {
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Caches', 'mcp-gatekeeper');
    case 'win32':
      return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'mcp-gatekeeper', 'Cache');
    default:
      return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'mcp-gatekeeper');
  }
}
