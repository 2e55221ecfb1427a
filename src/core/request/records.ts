// Requests already sent, so a server shows "approval requested (#id, date)" until the inventory changes its status.
// Keyed by what runs (package, URL or command), not by the display name.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CheckedServer, Verdict } from '../model';
import { normalizeUrl, formatNormalUrl } from '../urls';
import { packageKey } from '../inventory/match';

export interface RequestRecord {
  key: string;
  name: string;
  id: string | null;
  submittedAt: string;
  /** the verdict when the request was sent: once the inventory says something else, the record no longer applies */
  verdict: Verdict;
  channel: 'post' | 'browser' | 'clipboard' | 'mailto';
}

export function serverKey(s: Pick<CheckedServer, 'package' | 'url' | 'command' | 'name'>): string {
  if (s.url) {
    const n = normalizeUrl(s.url);
    if (n) return `url:${formatNormalUrl(n)}`;
  }
  if (s.package) return `pkg:${packageKey(s.package.ecosystem, s.package.name)}`;
  if (s.command) return `cmd:${s.command}`;
  return `name:${s.name}`;
}

/** The record that still applies to this server, if any. */
export function pendingRequestFor(records: readonly RequestRecord[], server: CheckedServer): RequestRecord | undefined {
  const key = serverKey(server);
  return [...records].reverse().find((r) => r.key === key && r.verdict === server.verdict);
}

export function requestNote(record: RequestRecord): string {
  const parts = [...(record.id ? [`#${record.id}`] : []), record.submittedAt.slice(0, 10)];
  return `Approval requested (${parts.join(', ')}).`;
}

/** A small JSON file of records (CLI); the extension keeps the same records in its global state. */
export async function readRecords(file: string): Promise<RequestRecord[]> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    return Array.isArray(data) ? (data.filter((r) => r && typeof r === 'object' && typeof (r as RequestRecord).key === 'string') as RequestRecord[]) : [];
  } catch {
    return [];
  }
}

export async function appendRecord(file: string, record: RequestRecord): Promise<void> {
  const records = [...(await readRecords(file)), record].slice(-500);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(records, null, 1));
  await fs.rename(tmp, file);
}
