// What every export target shares: the inventory's approved/rejected entries reduced to what clients can match on
// (a launch command line, a URL, a command), canonical launch forms per ecosystem, and translations of the
// inventory's version specs and URL/command globs into the matching languages clients have (exact strings,
// anchored regular expressions, Claude Code's `*` patterns). Nothing here decides; each target reports what its
// client cannot express as an ExportNote.
import * as semver from 'semver';
import type { Inventory, InventoryServer, PackageMatch } from '../../inventory/schema';
import { compileUrlPattern, type UrlPattern } from '../../urls';

export const EXPORT_TARGETS = ['claude-code', 'codex', 'gemini', 'windsurf', 'vscode', 'copilot', 'kiro'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/**
 * `lost`: the entry (or one of its rules) is not in the output at all; `widened`: the output admits more than the
 * inventory (an allow rule) or the deny rule misses forms the inventory rejects; `info`: how the client will treat it.
 */
export type NoteLevel = 'lost' | 'widened' | 'info';

export interface ExportNote {
  /** the inventory entry, or null for the document as a whole */
  id: string | null;
  level: NoteLevel;
  message: string;
}

export interface ExportFile {
  /** the file name the client expects, e.g. `managed-settings.json` */
  name: string;
  /** where it goes, for the printed summary */
  installTo: string;
  text: string;
}

export interface ExportResult {
  target: ExportTarget;
  files: ExportFile[];
  notes: ExportNote[];
  /** how many inventory entries ended up allowed / denied in the output (at least one rule each) */
  allowed: number;
  denied: number;
  /** settings to set alongside the file (VS Code / Copilot / Kiro registry policy) */
  policy?: Record<string, unknown>;
}

export interface ExportOptions {
  /** claude-code: also write `managed-mcp.json` with the gateway routes */
  withManagedMcp?: boolean;
  /** registry targets: reverse-DNS namespace for server names (default: from gateway.url or the organization) */
  namespace?: string;
  /** registry targets: the URL the document will be served from (for the policy values) */
  registryUrl?: string;
  /**
   * regex targets: a version range no regex can express is dropped (blocked) instead of widened to any version.
   * Exact-argv targets always drop it.
   */
  strictVersions?: boolean;
  /** the time written into generated documents (registry `publishedAt`); tests pin it */
  now?: Date;
}

export interface ExportModule {
  target: ExportTarget;
  /** the client's name as people know it */
  title: string;
  run(inventory: Inventory, options: ExportOptions): ExportResult;
}

/** Entries an export acts on: approved ones allow, rejected ones deny; pending/deprecated are left out (noted). */
export function partition(inventory: Inventory, notes: ExportNote[]): { approved: InventoryServer[]; rejected: InventoryServer[] } {
  const approved = inventory.servers.filter((s) => s.status === 'approved');
  const rejected = inventory.servers.filter((s) => s.status === 'rejected');
  const other = inventory.servers.filter((s) => s.status === 'pending' || s.status === 'deprecated');
  if (other.length) {
    notes.push({
      id: null,
      level: 'info',
      message: `${other.length} pending/deprecated entr${other.length === 1 ? 'y is' : 'ies are'} not exported (${other.map((s) => s.id).join(', ')}): under an allow-list they are blocked until approved`,
    });
  }
  return { approved, rejected };
}

// ---------- versions ----------

export type VersionSet = { kind: 'any' } | { kind: 'exact'; versions: string[] } | { kind: 'range'; spec: string };

/** A package rule's versions as something clients can list: any version, a list of exact versions, or a range. */
export function versionSet(pm: PackageMatch): VersionSet {
  if (!pm.versions || pm.versions.trim() === '*' || pm.versions.trim() === '') return { kind: 'any' };
  const spec = pm.versions.trim();
  if (pm.ecosystem === 'pypi') {
    const m = /^===?\s*([0-9][0-9a-z.+!-]*)$/i.exec(spec);
    return m ? { kind: 'exact', versions: [m[1]] } : { kind: 'range', spec };
  }
  const alternatives = spec.split('||').map((s) => s.trim().replace(/^=\s*/, '').replace(/^v(?=\d)/, ''));
  if (alternatives.every((a) => semver.valid(a) !== null)) return { kind: 'exact', versions: alternatives };
  return { kind: 'range', spec };
}

/**
 * The version part of a regex for a spec: exact versions as an alternation, `1.4.x` / `1.x` / `~1.4` as a prefix;
 * null when the spec is a real range (`>=2025.7.0`, `^1.2.3`) that a regex can only approximate.
 */
export function versionRegex(pm: PackageMatch): string | null {
  const set = versionSet(pm);
  if (set.kind === 'exact') return alternation(set.versions.map((v) => (pm.ecosystem === 'oci' ? `v?${escapeRegex(v)}` : escapeRegex(v))));
  if (set.kind === 'any') return null;
  const spec = set.spec;
  if (pm.ecosystem === 'pypi') {
    const star = /^==\s*(\d+(?:\.\d+)*)\.\*$/.exec(spec);
    return star ? `${escapeRegex(star[1])}\\.[0-9][0-9a-z.+!-]*` : null;
  }
  // x-ranges: `1.4.x`, `1.4`, `1.x`, `1`, and tilde on major.minor (`~1.4` = 1.4.x)
  const xr = /^[v=]?(\d+)(?:\.(\d+|[x*]))?(?:\.[x*])?$/i.exec(spec) ?? /^~\s*v?(\d+)\.(\d+)(?:\.0)?$/.exec(spec);
  if (!xr) return null;
  const [, major, minor] = xr;
  const prefix = minor !== undefined && /^\d+$/.test(minor) ? `${major}\\.${minor}\\.` : `${major}\\.[0-9]+\\.`;
  return `${pm.ecosystem === 'oci' ? 'v?' : ''}${prefix}[0-9]+`;
}

function alternation(parts: string[]): string {
  return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
}

// ---------- launch forms ----------

/** How people launch a package (the form docs and registries print), at a version or unpinned. */
export function launchArgv(pm: PackageMatch, version: string | null): { command: string; args: string[] } | null {
  switch (pm.ecosystem) {
    case 'npm':
      return { command: 'npx', args: ['-y', version ? `${pm.name}@${version}` : pm.name] };
    case 'pypi':
      return { command: 'uvx', args: [version ? `${pm.name}==${version}` : pm.name] };
    case 'oci':
      return { command: 'docker', args: ['run', '-i', '--rm', pm.digest ? `${pm.name}@${pm.digest}` : version ? `${pm.name}:${version}` : pm.name] };
    case 'nuget':
      return { command: 'dnx', args: [version ? `${pm.name}@${version}` : pm.name, '--yes'] };
    case 'go':
      return { command: 'go', args: ['run', `${pm.name}@${version ?? 'latest'}`] };
    default:
      return null;
  }
}

/** The argument that names the package, as a regex (anchoring is the client's): `@scope/pkg@1\.2\.3`. */
export function packageArgRegex(pm: PackageMatch): { regex: string; widened: boolean } | null {
  const name = escapeRegex(pm.name);
  const v = versionRegex(pm);
  const set = versionSet(pm);
  const widened = set.kind === 'range' && v === null;
  switch (pm.ecosystem) {
    case 'npm':
    case 'nuget':
      return { regex: v ? `${name}@${v}` : `${name}(?:@[^\\s]+)?`, widened };
    case 'pypi':
      return { regex: v ? `${name}==${v}` : `${name}(?:==[^\\s]+)?`, widened };
    case 'oci':
      if (pm.digest) return { regex: `${name}(?::[^\\s@]+)?@${escapeRegex(pm.digest)}`, widened: false };
      return { regex: v ? `${name}:${v}(?:@sha256:[0-9a-f]{64})?` : `${name}(?::[^\\s@]+)?(?:@sha256:[0-9a-f]{64})?`, widened };
    case 'go':
      return { regex: v ? `${name}@v?${v}` : `${name}@[^\\s]+`, widened };
    default:
      return null;
  }
}

/** The argv before the package argument in the canonical launch form (`-y` for npx, `run -i --rm` for docker). */
export function launchPrefix(pm: PackageMatch): { command: string; before: string[]; after: string[] } | null {
  const argv = launchArgv(pm, null);
  if (!argv) return null;
  const at = pm.ecosystem === 'oci' ? 3 : pm.ecosystem === 'npm' ? 1 : pm.ecosystem === 'go' ? 1 : 0;
  return { command: argv.command, before: argv.args.slice(0, at), after: argv.args.slice(at + 1) };
}

// ---------- URL and command patterns ----------

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, (c) => (c === '/' ? '/' : `\\${c}`));
}

/** A path or command glob as a regex without lookarounds (RE2 / regex_lite safe): `**` any, `*` one segment. */
export function globToRegex(glob: string, segmentClass = '[^/]'): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `/**` at the end also covers the bare prefix
        if (glob[i - 1] === '/' && i + 2 === glob.length) {
          out = `${out.slice(0, -1)}(?:/.*)?`;
          i++;
          continue;
        }
        out += '.*';
        i++;
        if (glob[i + 1] === '/') {
          out += '(?:/)?';
          i++;
        }
      } else out += `${segmentClass}*`;
    } else if (c === '?') out += segmentClass;
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, end).split(',').map((p) => globToRegex(p, segmentClass)).join('|')})`;
        i = end;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443' };

/**
 * A URL pattern as a regex over the URL string a user writes: scheme and host as given (lower case), the default
 * port optional, a trailing slash and any query/fragment allowed, as the inventory's matcher ignores them.
 */
export function urlPatternToRegex(pattern: UrlPattern): string {
  const { scheme, host, port, path } = pattern.url;
  const schemeRe = /[*?[]/.test(scheme) ? '[a-z][a-z0-9+.-]*' : escapeRegex(scheme);
  const hostRe = globToRegex(host, '[^/:]');
  let portRe: string;
  if (port === '') portRe = DEFAULT_PORT[scheme] ? `(?::${DEFAULT_PORT[scheme]})?` : '';
  else if (/[*?[]/.test(port)) portRe = `:${globToRegex(port, '[0-9]')}`;
  else portRe = `:${port}`;
  const tail = '(?:[?#].*)?';
  if (pattern.anyPath || path === '/') return `${schemeRe}://${hostRe}${portRe}(?:[/?#].*)?`;
  return `${schemeRe}://${hostRe}${portRe}${globToRegex(path)}/?${tail}`;
}

/**
 * A URL pattern in Claude Code's `serverUrl` syntax (`*` matches anything, a pattern without a path matches every
 * path). `**` becomes `*`; a `*` inside the path also becomes `*`, which in Claude Code crosses `/` (widened).
 */
export function urlPatternToStar(pattern: UrlPattern): { patterns: string[]; widened: boolean; lost: string | null } {
  const { scheme, host, port, path } = pattern.url;
  if (/[?[]/.test(`${scheme}${host}${port}${path}`)) return { patterns: [], widened: false, lost: `"${pattern.source}" uses "?" or "[...]", which "*" patterns cannot express` };
  const origin = `${scheme}://${host}${port ? `:${port}` : ''}`;
  if (pattern.anyPath) return { patterns: [origin], widened: false, lost: null };
  const starred = path.replace(/\*\*/g, '*');
  // `*` spans `/` in Claude Code: a single-segment `*` followed by more path admits deeper paths
  const widened = path.split('/').some((seg, i, all) => seg.includes('*') && !seg.includes('**') && i < all.length - 1);
  if (starred.endsWith('/*')) return { patterns: [`${origin}${starred.slice(0, -2)}`, `${origin}${starred}`], widened, lost: null };
  if (path === '/') return { patterns: [origin], widened: false, lost: null };
  // the inventory ignores a trailing slash; Claude Code compares paths exactly, so both spellings are listed
  return { patterns: starred.includes('*') ? [`${origin}${starred}`] : [`${origin}${starred}`, `${origin}${starred}/`], widened, lost: null };
}

export function compileAll(sources: readonly string[] | undefined): UrlPattern[] {
  return (sources ?? []).map(compileUrlPattern).filter((p): p is UrlPattern => p !== null);
}

export function isGlob(s: string): boolean {
  return /[*?[{]/.test(s);
}

/** Pretty JSON with a final newline, as people commit it. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A package's launch command with its spec as one regex argument, for the targets that match argv by regex (Codex,
 * Windsurf); records a note when the range had to be widened or the package left out.
 */
export function regexLaunch(
  entry: InventoryServer,
  pm: PackageMatch,
  options: { strictVersions?: boolean },
  notes: ExportNote[],
): { prefix: { command: string; before: string[]; after: string[] }; regex: string } | null {
  const prefix = launchPrefix(pm);
  const arg = packageArgRegex(pm);
  if (!prefix || !arg) {
    notes.push({ id: entry.id, level: 'lost', message: `${pm.ecosystem} package ${pm.name} has no standard launch command to match` });
    return null;
  }
  if (arg.widened) {
    if (options.strictVersions) {
      notes.push({ id: entry.id, level: 'lost', message: `${pm.name} ${pm.versions}: the range cannot be written as a regex; left out (--strict-versions)` });
      return null;
    }
    notes.push({ id: entry.id, level: 'widened', message: `${pm.name} ${pm.versions}: the range cannot be written as a regex; any version is allowed (use --strict-versions to leave it out)` });
  }
  return { prefix, regex: arg.regex };
}
