// The last inspection of each server, kept locally: the baseline for `tool-changed` when the inventory pins no
// fingerprints, and the tool names of the other servers for `tool-shadowing`. One small JSON file per server in
// `<dir>` (the CLI's cache folder + `inspections/`, the extension's global storage + `inspections/`), named after a
// hash of the server's key, written atomically (temp file + rename) and readable only by the user.
// The key is what runs, as for approval requests (`serverKey`: URL, package, command); for a bare command the
// arguments are part of it (`node a.js` and `node b.js` are different servers). Only its hash is stored, since
// arguments may hold secrets.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ClientId, ServerEntry } from '../model';
import { serverKey } from '../request/records';
import type { Channel, InspectedTool } from './types';

export interface StoredInspection {
  version: 1;
  /** sha256 of the server key (see `inspectionKey`) */
  keyHash: string;
  /** display only */
  name: string;
  client: ClientId;
  inspectedAt: string;
  via: Channel;
  serverInfo: { name: string; version: string } | null;
  tools: InspectedTool[];
}

export const INSPECTIONS_FOLDER = 'inspections';
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_FILES = 500;

export function inspectionKey(s: Pick<ServerEntry, 'package' | 'url' | 'command' | 'args' | 'name'>): string {
  const key = serverKey(s);
  return key.startsWith('cmd:') ? `${key}\u0000${s.args.join('\u0000')}` : key;
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function inspectionFile(dir: string, hash: string): string {
  return path.join(dir, `tools-${hash.slice(0, 32)}.json`);
}

export async function readInspection(dir: string, hash: string): Promise<StoredInspection | null> {
  return readFile(inspectionFile(dir, hash), hash);
}

async function readFile(file: string, hash?: string): Promise<StoredInspection | null> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return null;
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<StoredInspection>;
    if (data.version !== 1 || typeof data.keyHash !== 'string' || (hash && data.keyHash !== hash) || !Array.isArray(data.tools)) return null;
    const tools = data.tools.filter((t): t is InspectedTool => !!t && typeof t === 'object' && typeof (t as InspectedTool).name === 'string');
    return {
      version: 1,
      keyHash: data.keyHash,
      name: typeof data.name === 'string' ? data.name : '',
      client: data.client as ClientId,
      inspectedAt: typeof data.inspectedAt === 'string' ? data.inspectedAt : '',
      via: data.via ?? 'stdio',
      serverInfo: data.serverInfo ?? null,
      tools,
    };
  } catch {
    return null;
  }
}

export async function writeInspection(dir: string, record: StoredInspection): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = inspectionFile(dir, record.keyHash);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(record), { mode: 0o600 });
  await fs.rename(tmp, file);
}

/** The stored inspections of these servers (by key hash); the others are ignored (servers no longer configured). */
export async function readInspections(dir: string, hashes: Iterable<string>): Promise<StoredInspection[]> {
  const wanted = [...new Set(hashes)].slice(0, MAX_FILES);
  const all = await Promise.all(wanted.map((h) => readInspection(dir, h)));
  return all.filter((r): r is StoredInspection => r !== null);
}
