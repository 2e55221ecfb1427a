// What the extension keeps between sessions for the request flow: drafts of unsent requests and the records of sent
// ones. Both live in the editor's global state, which is plain storage: drafts are scrubbed of token-like strings
// before they are kept, and anything read back is validated (an older or damaged state must not break the form).
import { redactText } from '../secrets';
import * as z from '../zod';
import { FIELD_KEYS, type FieldKey } from './fields';
import type { RequestRecord } from './records';
import { MAX_ANSWER_CHARS, MAX_NAME_CHARS } from './formState';

/** The key of the draft for a server not detected yet. */
export const NEW_SERVER_KEY = 'new';
export const DRAFT_MAX_AGE_DAYS = 30;
export const MAX_DRAFTS = 50;
export const MAX_RECORDS = 500;

export interface StoredDraft {
  savedAt: string;
  /** the name typed for a server not detected yet */
  name?: string;
  answers: Partial<Record<FieldKey, string>>;
}

const StoredDraftSchema = z.object({
  savedAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T/)),
  name: z.optional(z.string().check(z.maxLength(MAX_NAME_CHARS))),
  answers: z.partialRecord(z.enum(FIELD_KEYS), z.string().check(z.maxLength(MAX_ANSWER_CHARS))),
});

/** The draft to keep for what was typed, or null when nothing was (then any old draft goes). */
export function toStoredDraft(name: string | undefined, answers: Partial<Record<FieldKey, string>>, now: Date): StoredDraft | null {
  const kept: Partial<Record<FieldKey, string>> = {};
  for (const key of FIELD_KEYS) {
    const v = answers[key];
    if (v?.trim()) kept[key] = redactText(v);
  }
  const n = name?.trim() ? redactText(name) : undefined;
  if (!n && Object.keys(kept).length === 0) return null;
  return { savedAt: now.toISOString(), ...(n ? { name: n } : {}), answers: kept };
}

/** Drafts from global state: malformed ones and those older than DRAFT_MAX_AGE_DAYS are dropped. */
export function readDrafts(raw: unknown, now: Date): Record<string, StoredDraft> {
  const out: Record<string, StoredDraft> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const oldest = now.getTime() - DRAFT_MAX_AGE_DAYS * 86_400_000;
  for (const [key, value] of Object.entries(raw)) {
    const r = StoredDraftSchema.safeParse(value);
    if (!r.success) continue;
    const t = Date.parse(r.data.savedAt);
    if (Number.isNaN(t) || t < oldest) continue;
    out[key] = r.data;
  }
  return out;
}

/** The drafts after setting (or, with null, removing) one; only the MAX_DRAFTS newest are kept. */
export function putDraft(drafts: Record<string, StoredDraft>, key: string, draft: StoredDraft | null): Record<string, StoredDraft> {
  const next = { ...drafts };
  delete next[key];
  if (draft) next[key] = draft;
  const keys = Object.keys(next).sort((a, b) => Date.parse(next[b].savedAt) - Date.parse(next[a].savedAt));
  for (const k of keys.slice(MAX_DRAFTS)) delete next[k];
  return next;
}

const RecordSchema = z.object({
  key: z.string().check(z.minLength(1)),
  name: z.string(),
  id: z.nullable(z.string()),
  submittedAt: z.string(),
  verdict: z.enum(['approved', 'pending', 'rejected', 'deprecated', 'unknown']),
  channel: z.enum(['post', 'browser', 'clipboard', 'mailto']),
});

/** Request records from global state, oldest first; malformed entries are dropped. */
export function readRecords(raw: unknown): RequestRecord[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    const p = RecordSchema.safeParse(r);
    return p.success ? [p.data] : [];
  });
}

export function appendRecords(records: readonly RequestRecord[], record: RequestRecord): RequestRecord[] {
  return [...records, record].slice(-MAX_RECORDS);
}

/** The newest record for a server key, whatever the verdict (the form says "you already asked on …"). */
export function lastRecordFor(records: readonly RequestRecord[], key: string): RequestRecord | null {
  for (let i = records.length - 1; i >= 0; i--) if (records[i].key === key) return records[i];
  return null;
}
