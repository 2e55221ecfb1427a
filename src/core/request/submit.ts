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
      signal: AbortSignal.timeout(timeoutMs * 2),
    });
    const text = await readCapped(res.body, 256 * 1024).then((b) => b.toString('utf8'), () => '');
    if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true, id: requestId(text), status: res.statusCode };
    const detail = serverMessage(text);
    const message = `the request server answered HTTP ${res.statusCode}${detail ? `: ${detail}` : ''}`;
    return { ok: false, message, retryable: res.statusCode >= 500 };
  } catch (e) {
    return { ok: false, message: describeNetworkError(e, timeoutMs, 256 * 1024), retryable: true };
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
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
