// Sending a request to the organization (requestMode "post"): JSON over https (plain http only to loopback), with
// timeouts, one retry after a 5xx or network error, the server's own words for 4xx, and the request id from the answer.
import { checkUrl, describeNetworkError, makeDispatcher, readCapped, redact } from '../net/httpGet';
import { undici } from '../net/undici';
import type { RequestPayload } from './payload';

export interface SubmitOptions {
  timeoutMs?: number;
  /** wait before the single retry */
  retryDelayMs?: number;
  caFiles?: string[];
  bearerToken?: string;
}

export type SubmitResult = { ok: true; id: string | null; status: number } | { ok: false; message: string; retryable: boolean };

export async function submitRequest(url: string, payload: RequestPayload, options: SubmitOptions = {}): Promise<SubmitResult> {
  if (!/^https?:/i.test(url)) return { ok: false, message: `requestUrl ${redact(url)} is not an http(s) endpoint`, retryable: false };
  const bad = checkUrl(url);
  if (bad) return { ok: false, message: bad, retryable: false };
  const first = await postOnce(url, payload, options);
  if (first.ok || !first.retryable) return first;
  await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 1500));
  const second = await postOnce(url, payload, options);
  return second.ok ? second : { ...second, message: `${second.message} (after one retry)` };
}

async function postOnce(url: string, payload: RequestPayload, options: SubmitOptions): Promise<SubmitResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const dispatcher = makeDispatcher({ caFiles: options.caFiles }, timeoutMs);
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'mcp-gatekeeper' };
    if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
    const res = await undici().request(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // the whole exchange, as for inventory downloads (describeNetworkError words it with the same factor)
      signal: AbortSignal.timeout(timeoutMs * 3),
    });
    let broken: unknown = null;
    const text = await readCapped(res.body, 256 * 1024).then(
      (b) => b.toString('utf8'),
      (e: unknown) => {
        broken = e;
        return '';
      },
    );
    if (broken !== null && res.statusCode >= 200 && res.statusCode < 300) {
      // the server took the request but its answer broke off: not confirmed, and not re-sent (it may be a duplicate)
      const why = describeNetworkError(broken, timeoutMs, 256 * 1024);
      return { ok: false, message: `the request server answered HTTP ${res.statusCode} but the answer broke off (${why}); the request may have arrived, check before sending it again`, retryable: false };
    }
    if (res.statusCode >= 300 && res.statusCode < 400) {
      // a POST is never re-sent elsewhere: the body would go to an address nobody configured
      const location = typeof res.headers.location === 'string' ? ` to ${redact(res.headers.location)}` : '';
      return { ok: false, message: `the request server redirected (HTTP ${res.statusCode})${location}; requests are not sent on through redirects, set requestUrl to the final address`, retryable: false };
    }
    if (res.statusCode >= 200 && res.statusCode < 300) {
      // a sign-in page or a proxy's page answers 200 too, but nobody received the request
      if (isWebPage(res.headers['content-type'], text)) {
        return { ok: false, message: `the request server answered HTTP ${res.statusCode} with a web page, not a confirmation (a sign-in page or a proxy?); the request may not have arrived`, retryable: false };
      }
      return { ok: true, id: requestId(text), status: res.statusCode };
    }
    const detail = serverMessage(text);
    const message = `the request server answered HTTP ${res.statusCode}${detail ? `: ${detail}` : ''}`;
    return { ok: false, message, retryable: res.statusCode >= 500 };
  } catch (e) {
    return { ok: false, message: describeNetworkError(e, timeoutMs, 256 * 1024), retryable: true };
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}

function isWebPage(contentType: string | string[] | undefined, text: string): boolean {
  const type = (Array.isArray(contentType) ? contentType[0] : contentType) ?? '';
  return /^\s*text\/html/i.test(type) || /^\s*<(?:!doctype|html)/i.test(text);
}

/** The request id from `id` or `requestId` (string or number) in a JSON answer. */
function requestId(text: string): string | null {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const id = data.id ?? data.requestId;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}

/** A short, single-line message from an error answer (`message`/`error` in JSON, or the text). */
function serverMessage(text: string): string {
  let msg = text;
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const m = data.message ?? data.error ?? data.detail;
    if (typeof m === 'string') msg = m;
    else if (m && typeof m === 'object' && typeof (m as { message?: unknown }).message === 'string') msg = (m as { message: string }).message;
  } catch {
    /* plain text */
  }
  // eslint-disable-next-line no-control-regex
  return msg.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 300);
}
