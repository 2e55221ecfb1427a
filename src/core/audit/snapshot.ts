// What a change log record says about one entry: its text before and after a fix, with every secret masked. Masking
// works on the parse tree first (every value under env/header tables and under credential-named keys, whatever its
// length or shape), then on the text (the literal secrets the hardcoded-secret rule finds in arguments and URLs, the
// env/header values of the whole file, and every well-known token format), so no secret reaches the log.
import { clientById } from '../clients';
import { maskSecretsIn, secretNodes, secretValues } from '../fix/secretValues';
import { applyEdits, type PlannedFix } from '../fix/types';
import type { CheckedServer, ConfigLocation, ServerEntry } from '../model';
import { parseDocument, type ParsedDocument } from '../parse';
import { serverNode } from '../rules/entryFields';
import { findSecrets } from '../rules/hardcodedSecret';
import { findNodeAt } from '../rules/nodes';
import { maskValue, redactUrl } from '../secrets';
import { recordHeader, type AuditRecord, type AuditSource } from './record';
import type { RequestRecord } from '../request/records';

/** An entry longer than this is cut (after masking): the log stays small and every line one write. */
export const MAX_SNAPSHOT_CHARS = 16_000;

/** The masked text of the `nth` entry named `name` (key and value, dedented), or null when the text has none. */
export function entrySnapshot(text: string, location: ConfigLocation, name: string, nth = 0): string | null {
  const doc = parseDocument(text, location.format);
  if (!doc.root) return null;
  const entry = entriesOf(doc, location).filter((e) => e.name === name)[nth];
  if (!entry) return null;
  const start = Math.min(entry.keyOffset, entry.valueOffset);
  const end = Math.max(entry.keyOffset + entry.keyLength, entry.valueOffset + entry.valueLength);

  const found = findNodeAt(doc.root, entry.valueOffset, entry.valueLength);
  const node = found && serverNode(entry, found);
  // whole values first, replaced in the source text (right to left, so earlier offsets stay valid)
  const whole = node ? secretNodes(node, true).filter((n) => n.offset >= start && n.offset + n.length <= end) : [];
  let out = text.slice(start, end);
  for (const n of [...whole].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, n.offset - start) + JSON.stringify(maskValue(n.value as string)) + out.slice(n.offset - start + n.length);
  }
  // then secrets inside values (URL passwords, `--token=…`, `Bearer …`) and any value of the file's env/header tables
  const literals = node ? findSecrets(node).map((h) => h.secret) : [];
  const known = [...new Set([...literals, ...secretValues(doc.root)])].sort((a, b) => b.length - a.length);
  out = dedent(maskSecretsIn(out, known), start - text.lastIndexOf('\n', start - 1) - 1);
  return out.length > MAX_SNAPSHOT_CHARS ? `${out.slice(0, MAX_SNAPSHOT_CHARS)}\n… (${out.length - MAX_SNAPSHOT_CHARS} more characters)` : out;
}

function entriesOf(doc: ParsedDocument, location: ConfigLocation): ServerEntry[] {
  try {
    return clientById(location.client).extract(doc, location);
  } catch {
    return [];
  }
}

/** Removes the indentation the entry had in its file from every line after the first. */
function dedent(text: string, column: number): string {
  if (column <= 0) return text;
  return text.replace(/(\r?\n)([ \t]*)/g, (_m, nl: string, ws: string) => `${nl}${ws.slice(Math.min(column, ws.length))}`);
}

/** One applied fix: the file's text before and after it, and which entry of that name it changed. */
export interface FixChange {
  fix: PlannedFix;
  location: ConfigLocation;
  before: string;
  /** defaults to the fix's edits applied to `before` */
  after?: string;
  /** which of the entries with this name (a name can appear twice, e.g. in ~/.claude.json) */
  nth?: number;
}

export function fixRecord(source: AuditSource, action: 'fix' | 'fix-all', change: FixChange, extra: { saved?: boolean; backup?: string } = {}): AuditRecord {
  const { fix, location } = change;
  const after = change.after ?? applyEdits(change.before, fix.edits);
  return {
    ...recordHeader(source),
    action,
    file: location.path,
    client: location.client,
    server: fix.server,
    rules: [...new Set(fix.rules)],
    fix: fix.kind,
    title: fix.title,
    before: entrySnapshot(change.before, location, fix.server, change.nth),
    // a removed entry is gone: another entry of the same name must not be taken for it
    after: fix.kind === 'remove' ? null : entrySnapshot(after, location, fix.server, change.nth),
    ...(fix.dropped.length ? { droppedEnvNames: [...fix.dropped] } : {}),
    ...extra,
  };
}

/** An approval request handed over (sent, opened in the browser or the mail app, or copied). */
export function requestRecord(
  source: AuditSource,
  server: Pick<CheckedServer, 'name' | 'file' | 'client' | 'findings' | 'verdict'> | { name: string },
  sent: Pick<RequestRecord, 'channel' | 'id'> & { url: string | null },
): AuditRecord {
  const detected = 'file' in server ? server : null;
  return {
    ...recordHeader(source),
    action: 'request',
    file: detected?.file ?? null,
    client: detected?.client ?? null,
    server: server.name,
    rules: detected ? [...new Set(detected.findings.map((f) => f.rule))] : [],
    request: {
      channel: sent.channel,
      id: sent.id,
      // a mailto: or form URL never carries the payload here: only where it went
      url: sent.url === null ? null : redactUrl(sent.url),
      ...(detected ? { verdict: detected.verdict } : {}),
    },
  };
}
