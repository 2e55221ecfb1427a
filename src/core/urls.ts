// URL normalization and glob matching for remote servers: scheme and host case-insensitive, default ports
// dropped, trailing slash ignored, query and fragment ignored for matching.
import { Minimatch, type MinimatchOptions } from 'minimatch';

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
  /** the path up to its first glob segment: a URL whose path does not start with it cannot match (cheap pre-check) */
  literalPrefix: string;
  /** globs compiled once, on first use (compiling per comparison dominated large scans; compiling every pattern of a
   * large inventory up front dominated short CLI runs, where most patterns are never compared) */
  globs: { scheme?: GlobMatcher; host?: GlobMatcher; port?: GlobMatcher; path?: GlobMatcher };
}

export interface GlobMatcher {
  match(subject: string): boolean;
}

/** A minimatch glob compiled the first time it is matched. */
export function lazyGlob(pattern: string, options: MinimatchOptions = {}): GlobMatcher {
  let compiled: Minimatch | undefined;
  return { match: (subject) => (compiled ??= new Minimatch(pattern, options)).match(subject) };
}

const GLOB = /[*?[]/;

export function compileUrlPattern(pattern: string): UrlPattern | null {
  const url = normalizeUrl(pattern);
  if (!url) return null;
  const m = URL_SHAPE.exec(pattern.trim());
  const anyPath = !m?.[4];
  const glob = (p: string, nocase: boolean) => (GLOB.test(p) ? lazyGlob(p, { nocase, dot: true }) : undefined);
  return {
    source: pattern,
    url,
    anyPath,
    hasWildcard: GLOB.test(pattern),
    literalPrefix: literalPrefixOf(url.path),
    globs: { scheme: glob(url.scheme, true), host: glob(url.host, true), port: url.port.includes('*') ? lazyGlob(url.port) : undefined, path: glob(url.path, false) },
  };
}

function literalPrefixOf(globPath: string): string {
  const segments = globPath.split('/');
  const firstGlob = segments.findIndex((s) => GLOB.test(s) || s.includes('{'));
  return firstGlob < 0 ? globPath : segments.slice(0, firstGlob).join('/');
}

export function urlMatches(pattern: UrlPattern, url: NormalUrl): boolean {
  const p = pattern.url;
  const g = pattern.globs;
  if (p.scheme !== url.scheme && !g.scheme?.match(url.scheme)) return false;
  if (p.host !== url.host && !g.host?.match(url.host)) return false;
  if (p.port !== url.port && !g.port?.match(url.port)) return false;
  if (pattern.anyPath) return true;
  if (p.path === url.path) return true;
  if (!g.path) return false;
  if (!url.path.startsWith(pattern.literalPrefix)) return false;
  // `/mcp/**` also covers `/mcp` itself
  if (p.path.endsWith('/**') && url.path === p.path.slice(0, -3)) return true;
  return g.path.match(url.path);
}

/**
 * The key a pattern is indexed under by the path a URL must have: every URL it matches has the key among
 * `pathKeysOf(url)`. A pattern without a path matches any path ('' is every URL's key); a pattern without a path glob
 * matches only its own path; a glob path only paths that start with its literal leading segments (`/a/b/**` →
 * `/a/b`), as urlMatches checks.
 */
export function pathKeyOf(pattern: UrlPattern): string {
  if (pattern.anyPath) return '';
  return pattern.globs.path ? pattern.literalPrefix : pattern.url.path;
}

/** Every key a pattern matching `url` can be indexed under: '' and each leading run of whole path segments. */
export function pathKeysOf(url: NormalUrl): string[] {
  const p = url.path;
  const keys = [''];
  for (let i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) keys.push(p.slice(0, i));
  keys.push(p);
  return keys;
}

/** Is `url` the same origin as `base` and at or under its path (on a segment boundary)? */
export function isUnder(base: NormalUrl, url: NormalUrl): boolean {
  if (base.scheme !== url.scheme || base.host !== url.host || base.port !== url.port) return false;
  if (base.path === '/') return true;
  return url.path === base.path || url.path.startsWith(`${base.path}/`);
}
