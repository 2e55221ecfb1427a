// URL normalization and glob matching for remote servers: scheme and host case-insensitive, default ports
// dropped, trailing slash ignored, query and fragment ignored for matching.
import { minimatch } from 'minimatch';

export interface NormalUrl {
  scheme: string;
  host: string;
  /** '' for the scheme's default port */
  port: string;
  /** no trailing slash, '/' for the root */
  path: string;
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443' };
const URL_SHAPE = /^([a-z*][a-z0-9+.*-]*):\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(?::([0-9*]*))?([^?#]*)/i;

export function normalizeUrl(url: string): NormalUrl | null {
  const m = URL_SHAPE.exec(url.trim());
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase().replace(/\.$/, '');
  if (!host) return null;
  let port = m[3] ?? '';
  if (port === DEFAULT_PORTS[scheme]) port = '';
  let path = m[4] || '/';
  path = path.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return { scheme, host, port, path };
}

export function formatNormalUrl(u: NormalUrl): string {
  return `${u.scheme}://${u.host}${u.port ? `:${u.port}` : ''}${u.path === '/' ? '' : u.path}`;
}

export interface UrlPattern {
  source: string;
  url: NormalUrl;
  /** the pattern gave no path: any path on that origin matches */
  anyPath: boolean;
  hasWildcard: boolean;
}

export function compileUrlPattern(pattern: string): UrlPattern | null {
  const url = normalizeUrl(pattern);
  if (!url) return null;
  const m = URL_SHAPE.exec(pattern.trim());
  const anyPath = !m?.[4];
  return { source: pattern, url, anyPath, hasWildcard: /[*?[]/.test(pattern) };
}

export function urlMatches(pattern: UrlPattern, url: NormalUrl): boolean {
  const p = pattern.url;
  if (!globOrEqual(p.scheme, url.scheme)) return false;
  if (!globOrEqual(p.host, url.host)) return false;
  if (p.port !== url.port && !(p.port.includes('*') && minimatch(url.port, p.port))) return false;
  if (pattern.anyPath) return true;
  if (p.path === url.path) return true;
  if (!/[*?[]/.test(p.path)) return false;
  // `/mcp/**` also covers `/mcp` itself
  if (p.path.endsWith('/**') && url.path === p.path.slice(0, -3)) return true;
  return minimatch(url.path, p.path, { dot: true });
}

function globOrEqual(pattern: string, value: string): boolean {
  return pattern === value || (/[*?[]/.test(pattern) && minimatch(value, pattern, { nocase: true, dot: true }));
}

/** Is `url` the same origin as `base` and at or under its path (on a segment boundary)? */
export function isUnder(base: NormalUrl, url: NormalUrl): boolean {
  if (base.scheme !== url.scheme || base.host !== url.host || base.port !== url.port) return false;
  if (base.path === '/') return true;
  return url.path === base.path || url.path.startsWith(`${base.path}/`);
}
