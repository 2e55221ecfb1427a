// The change log on disk: one JSON record per line in `changes.jsonl`, shared by the CLI and the extension. Each
// append is one write to a file opened with O_APPEND, so two writers never interleave within a line; the folder is
// created private (0700) and the file too (0600). At 5 MB the file is rotated (`changes.jsonl.1` … `.3`). Reading
// skips lines that are not valid records (a crash mid-write, a hand edit) and says how many.
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Platform } from '../model';
import { maskText } from '../secrets';
import { AuditRecordSchema, type AuditRecord } from './record';

/** Environment variable naming the log file (tests, or an organization that collects it elsewhere). */
export const AUDIT_LOG_ENV = 'MCPG_AUDIT_LOG';
export const AUDIT_FILE_NAME = 'changes.jsonl';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;
/** rotated files kept next to the log: `changes.jsonl.1` (newest) … `.3` */
export const KEEP_ROTATED = 3;

/**
 * Where the log lives: `$MCPG_AUDIT_LOG`, else the user's state folder (`$XDG_STATE_HOME` or `~/.local/state`),
 * `~/Library/Logs` on macOS, `%LOCALAPPDATA%\mcp-gatekeeper\Logs` on Windows. Not the cache folder: clearing a
 * cache must not erase the record of what was changed.
 */
export function auditLogPath(home: string, platform: Platform, env: Record<string, string | undefined>): string {
  const override = env[AUDIT_LOG_ENV];
  if (override) return path.resolve(override);
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Logs', 'mcp-gatekeeper', AUDIT_FILE_NAME);
    case 'win32':
      return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'mcp-gatekeeper', 'Logs', AUDIT_FILE_NAME);
    default:
      return path.join(env.XDG_STATE_HOME || path.join(home, '.local', 'state'), 'mcp-gatekeeper', AUDIT_FILE_NAME);
  }
}

export interface AppendOptions {
  maxBytes?: number;
  keep?: number;
}

/** Appends records (one line each, in one write). Throws when the log cannot be written; callers report and go on. */
export async function appendAuditRecords(file: string, records: readonly AuditRecord[], options: AppendOptions = {}): Promise<void> {
  if (!records.length) return;
  const data = Buffer.from(records.map((r) => `${JSON.stringify(scrub(r))}\n`).join(''), 'utf8');
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await rotateIfFull(file, data.length, options.maxBytes ?? MAX_LOG_BYTES, options.keep ?? KEEP_ROTATED);
  // never through a link someone put in the log's place; O_NOFOLLOW does not exist on Windows
  const fh = await fs.open(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${file} is not a regular file`);
    // a line cut short by a crash must not swallow the next record
    let out = data;
    if (st.size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, st.size - 1);
      if (last[0] !== 0x0a) out = Buffer.concat([Buffer.from('\n'), data]);
    }
    await fh.write(out);
  } finally {
    await fh.close();
  }
}

/** `changes.jsonl` → `.1` → `.2` …; the oldest beyond `keep` is dropped. A racing writer's rotation is harmless. */
async function rotateIfFull(file: string, incoming: number, maxBytes: number, keep: number): Promise<void> {
  const st = await fs.lstat(file).catch(() => null);
  if (!st || st.size === 0 || st.size + incoming <= maxBytes) return;
  for (let i = keep - 1; i >= 1; i--) await fs.rename(`${file}.${i}`, `${file}.${i + 1}`).catch(ignoreMissing);
  if (keep >= 1) await fs.rename(file, `${file}.1`).catch(ignoreMissing);
  else await fs.rm(file, { force: true });
}

function ignoreMissing(e: unknown): void {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
}

/**
 * Last line of defence: every string of the record goes through token masking once more, so even a caller that
 * forgot to mask cannot put a well-known token format into the file.
 */
function scrub<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map(scrub) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'time' ? v : scrub(v);
    return out as T;
  }
  return value;
}

export interface AuditLogContents {
  /** oldest first */
  records: AuditRecord[];
  /** lines that were not valid records (cut short, edited, from a newer version) */
  skipped: number;
  /** the files read, oldest first */
  files: string[];
}

/** At most this much of each file is read (its end): a log pointed at something huge stays readable. */
const MAX_READ_BYTES = 32 * 1024 * 1024;

/** The log and its rotated files, oldest record first. A missing log is an empty one. */
export async function readAuditLog(file: string, keep = KEEP_ROTATED): Promise<AuditLogContents> {
  const out: AuditLogContents = { records: [], skipped: 0, files: [] };
  const candidates = [...Array.from({ length: keep }, (_, i) => `${file}.${keep - i}`), file];
  for (const f of candidates) {
    const text = await readTail(f);
    if (text === null) continue;
    out.files.push(f);
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const record = parseLine(line);
      if (record) out.records.push(record);
      else out.skipped++;
    }
  }
  return out;
}

export function parseLine(line: string): AuditRecord | null {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return null;
  }
  const r = AuditRecordSchema.safeParse(data);
  return r.success ? r.data : null;
}

async function readTail(file: string): Promise<string | null> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${file} is not a regular file`);
    const length = Math.min(st.size, MAX_READ_BYTES);
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, st.size - length);
    const text = buf.toString('utf8');
    // a cut at the start lands inside a line: that partial line is dropped, not counted as damage
    return length < st.size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await fh.close();
  }
}
