// Small normalizations both registry formats need: dates, free text, repository links, schema errors.
import type * as z from '../zod';

/** A registry date as ISO 8601 (UTC), or null when it is missing or not a date. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** A short single-line text, or null: registries hold whole license texts where a name was expected. */
export function asText(value: unknown, max = 80): string | null {
  if (typeof value !== 'string') return null;
  const line = value.trim().split(/\r?\n/)[0].trim();
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Free text on one line, capped: a deprecation notice is shown in hovers, tables and messages. */
export function oneLine(value: unknown, max = 300): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A repository link people can open: `git+https://github.com/o/r.git` → `https://github.com/o/r`, `github:o/r` and
 * `o/r` → GitHub, `{ "url": … }` objects unwrapped. Anything that is not an http(s) or git URL is dropped.
 */
export function normalizeRepository(value: unknown): string | null {
  const raw = value && typeof value === 'object' && !Array.isArray(value) ? (value as { url?: unknown }).url : value;
  if (typeof raw !== 'string') return null;
  let url = raw.trim();
  if (!url) return null;
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (short) {
    const host = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' }[(short[1] ?? 'github') as 'github' | 'gitlab' | 'bitbucket'];
    return `https://${host}/${short[2].replace(/\.git$/, '')}`;
  }
  url = url.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^ssh:\/\/git@/, 'https://');
  const scp = /^git@([^:]+):(.+)$/.exec(url);
  if (scp) url = `https://${scp[1]}/${scp[2]}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  return u.toString().replace(/\.git$/, '').replace(/\/$/, '');
}

/** "the registry's answer is not <what>: <first issue>" */
export function shapeError(what: string, error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
  return `the registry's answer is not ${what}${issue ? ` (${issue.message}${where})` : ''}`;
}
