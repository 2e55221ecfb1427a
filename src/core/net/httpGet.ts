// HTTPS GET for organization documents (inventory, signatures) with undici: connect and body timeouts, a size cap
// counted while reading, conditional requests, at most 3 redirects and never from https to http, plain http only
// to loopback, extra CA certificates, and HTTP(S)_PROXY / NO_PROXY honoured.
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { undici } from './undici';

export interface HttpGetOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** sent as `Authorization: Bearer …`; never logged */
  bearerToken?: string;
  etag?: string;
  lastModified?: string;
  /** PEM files with extra CA certificates (corporate TLS inspection) */
  caFiles?: string[];
  /** PEM text of extra CA certificates */
  caCerts?: string[];
  accept?: string;
  /** ends the request early (e.g. an overall deadline) */
  signal?: AbortSignal;
}

export type HttpGetResult =
  | { kind: 'ok'; url: string; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified'; url: string }
  | { kind: 'error'; message: string; status?: number };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? 3;
  const check = checkUrl(url);
  if (check) return { kind: 'error', message: check };

  let dispatcher: Dispatcher;
  try {
    dispatcher = makeDispatcher(options, timeoutMs);
  } catch (e) {
    return { kind: 'error', message: `cannot load CA certificates: ${errorText(e)}` };
  }
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { accept: options.accept ?? 'application/json', 'user-agent': 'mcp-gatekeeper' };
      if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
      if (hop === 0 && options.etag) headers['if-none-match'] = options.etag;
      if (hop === 0 && options.lastModified) headers['if-modified-since'] = options.lastModified;
      // same-origin only for credentials: a redirect elsewhere does not get the token
      if (hop > 0 && options.bearerToken && new URL(current).origin !== new URL(url).origin) delete headers.authorization;

      const res = await undici().request(current, { method: 'GET', headers, dispatcher, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs * 3)]) : AbortSignal.timeout(timeoutMs * 3) });
      if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304) {
        await res.body.dump().catch(() => undefined);
        const location = header(res.headers, 'location');
        if (!location) return { kind: 'error', message: `HTTP ${res.statusCode} redirect without a Location header`, status: res.statusCode };
        if (hop + 1 > maxRedirects) return { kind: 'error', message: `too many redirects (more than ${maxRedirects})`, status: res.statusCode };
        const next = new URL(location, current).toString();
        if (new URL(current).protocol === 'https:' && new URL(next).protocol !== 'https:') {
          return { kind: 'error', message: `refused a redirect from https to ${new URL(next).protocol.replace(':', '')} (${redact(next)})`, status: res.statusCode };
        }
        const bad = checkUrl(next);
        if (bad) return { kind: 'error', message: `redirect refused: ${bad}` };
        current = next;
        continue;
      }
      if (res.statusCode === 304) {
        await res.body.dump().catch(() => undefined);
        return { kind: 'not-modified', url: current };
      }
      if (res.statusCode !== 200) {
        const text = await readCapped(res.body, 2048).then((b) => b.toString('utf8'), () => '');
        const detail = text.trim().replace(/\s+/g, ' ').slice(0, 200);
        return { kind: 'error', message: `HTTP ${res.statusCode}${detail ? `: ${detail}` : ''}`, status: res.statusCode };
      }
      const declared = Number(header(res.headers, 'content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        return { kind: 'error', message: `response is larger than ${formatBytes(maxBytes)} (Content-Length ${declared})` };
      }
      const body = await readCapped(res.body, maxBytes);
      return { kind: 'ok', url: current, body, contentType: header(res.headers, 'content-type'), etag: header(res.headers, 'etag'), lastModified: header(res.headers, 'last-modified') };
    }
  } catch (e) {
    return { kind: 'error', message: describeNetworkError(e, timeoutMs, maxBytes) };
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}

/** https anywhere; plain http only to this machine (local testing). */
export function checkUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return `not a valid URL: ${redact(raw)}`;
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return null;
  if (u.protocol === 'http:') return `plain http is only allowed to loopback addresses; use https (${redact(raw)})`;
  return `unsupported URL scheme ${u.protocol} (${redact(raw)})`;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export class SizeLimitError extends Error {}

export async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      throw new SizeLimitError();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export function makeDispatcher(options: Pick<HttpGetOptions, 'caFiles' | 'caCerts'>, timeoutMs: number): Dispatcher {
  const extra = [...(options.caCerts ?? []), ...(options.caFiles ?? []).map((f) => fs.readFileSync(f, 'utf8'))];
  // Passing `ca` replaces Node's defaults, so the bundled roots (and the OS store where Node exposes it) are kept.
  const ca = extra.length ? [...defaultRoots(), ...extra] : undefined;
  const connect = { timeout: timeoutMs, ...(ca ? { ca } : {}) };
  const hasProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => process.env[k]);
  const { Agent, EnvHttpProxyAgent } = undici();
  return hasProxy ? new EnvHttpProxyAgent({ connect, requestTls: ca ? { ca } : undefined, proxyTls: ca ? { ca } : undefined }) : new Agent({ connect });
}

function defaultRoots(): string[] {
  const getCA = (tls as unknown as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  if (getCA) {
    try {
      return [...getCA('default'), ...getCA('system')];
    } catch {
      /* older Node: fall through */
    }
  }
  // Node 20 has no getCACertificates, and tls.rootCertificates lacks NODE_EXTRA_CA_CERTS, which Node adds to its own
  // defaults: without it here, an extra CA file would drop the certificates a corporate setup put there
  return [...tls.rootCertificates, ...extraCaFromEnv()];
}

function extraCaFromEnv(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [fs.readFileSync(file, 'utf8')];
  } catch {
    return []; // Node itself only warns about an unreadable file
  }
}

export function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

export function describeNetworkError(e: unknown, timeoutMs: number, maxBytes: number): string {
  if (e instanceof SizeLimitError) return `response is larger than ${formatBytes(maxBytes)}; download stopped`;
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `could not connect within ${timeoutMs / 1000} s`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `no response within ${timeoutMs / 1000} s`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset by the server';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `TLS certificate not trusted (${code}); add the organization's CA certificate`;
    case 'CERT_HAS_EXPIRED':
      return 'TLS certificate has expired';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'TLS certificate does not match the host name';
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no complete response within ${(timeoutMs * 3) / 1000} s`;
  return errorText(e);
}

export function errorText(e: unknown): string {
  const err = e as { message?: string; cause?: { message?: string } };
  return err?.cause?.message ?? err?.message ?? String(e);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`; // a small cap would otherwise read "0 KB"
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

/** URLs in messages lose their query and userinfo (either may hold a token). */
export function redact(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/, '//').replace(/[?#].*$/, '');
}
