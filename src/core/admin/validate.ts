// `inventory validate`: every problem in an inventory document at once, each with its line and column, instead of
// the loader's first-error-wins message. Beyond the schema it reports what the loader accepts but an admin would not
// want: patterns that can never match, ranges that overlap between entries with conflicting statuses, a gatewayUrl
// no server can reach the entry through. Errors make the inventory unusable or wrong; warnings are suspicious.
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { minimatch } from 'minimatch';
import * as semver from 'semver';
import type { Ecosystem } from '../model';
import { plainValue } from '../parse/document';
import { parseJsonc } from '../parse/jsonc';
import { isRegistryDocument, registryToInventory } from '../inventory/registryFormat';
import { ECOSYSTEMS, InventoryFileSchema, STATUSES } from '../inventory/schema';
import { packageKey } from '../inventory/match';
import { isValidSpec } from '../inventory/versions';
import { compileUrlPattern, formatNormalUrl, isUnder, normalizeUrl, urlMatches, type NormalUrl, type UrlPattern } from '../urls';

export type ProblemSeverity = 'error' | 'warning';

export type ProblemCode =
  | 'syntax'
  | 'schema'
  | 'duplicate-id'
  | 'replaced-by'
  | 'invalid-range'
  | 'url-never-matches'
  | 'url-pattern'
  | 'command-pattern'
  | 'conflict'
  | 'matches-nothing'
  | 'gateway-url';

export interface ValidationProblem {
  severity: ProblemSeverity;
  code: ProblemCode;
  message: string;
  /** JSON path in the document, e.g. ['servers', 3, 'match', 'urls', 0] */
  path: (string | number)[];
  /** 1-based; null when the document has no source positions (a converted registry document) */
  line: number | null;
  column: number | null;
}

export interface ValidationResult {
  source: string;
  /** 'v1' | 'registry' (converted before the checks) | null when unreadable */
  format: 'v1' | 'registry' | null;
  entries: number;
  problems: ValidationProblem[];
  errors: number;
  warnings: number;
}

type Path = (string | number)[];

/** Validates one inventory document's text. */
export function validateInventoryText(text: string, source: string): ValidationResult {
  const doc = parseJsonc(text, 'jsonc');
  const problems: ValidationProblem[] = [];
  if (doc.error || !doc.root) {
    const pos = doc.error?.range.start ?? { line: 0, character: 0 };
    problems.push({ severity: 'error', code: 'syntax', message: `invalid JSON: ${stripPosition(doc.error?.message ?? 'empty document')}`, path: [], line: pos.line + 1, column: pos.character + 1 });
    return finish(source, null, 0, problems);
  }
  let data = plainValue(doc.root);
  let locate: (path: Path) => { line: number | null; column: number | null } = (path) => {
    const node = nodeAt(doc.root!, path);
    if (!node) return { line: null, column: null };
    const p = doc.lines.positionAt(node.offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  let format: 'v1' | 'registry' = 'v1';
  if (isRegistryDocument(data)) {
    format = 'registry';
    const converted = registryToInventory(data, undefined);
    if (!converted.ok) {
      problems.push({ severity: 'error', code: 'schema', message: converted.error, path: [], line: 1, column: 1 });
      return finish(source, format, 0, problems);
    }
    data = converted.value;
    // the checks below run on the converted entries, which have no place in the text
    locate = () => ({ line: null, column: null });
  }
  const add = (severity: ProblemSeverity, code: ProblemCode, path: Path, message: string) => problems.push({ severity, code, message, path, ...locate(path) });
  checkSchema(data, add);
  const servers = serversOf(data);
  checkIds(servers, add);
  checkEntries(data, servers, add);
  checkConflicts(servers, add);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return finish(source, format, servers.length, problems);
}

function finish(source: string, format: ValidationResult['format'], entries: number, problems: ValidationProblem[]): ValidationResult {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { source, format, entries, problems, errors, warnings: problems.length - errors };
}

type Add = (severity: ProblemSeverity, code: ProblemCode, path: Path, message: string) => void;

/** The value node at a path, or the nearest existing ancestor (a missing property points at its object). */
function nodeAt(root: Node, path: Path): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node;
  }
  return root;
}

function stripPosition(message: string): string {
  return message.replace(/ at line \d+, column \d+$/, '');
}

// ---------- schema ----------

function checkSchema(data: unknown, add: Add): void {
  const parsed = InventoryFileSchema.safeParse(data);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const last = path[path.length - 1];
    const code: ProblemCode = last === 'versions' && /not a valid/.test(issue.message) ? 'invalid-range' : 'schema';
    add('error', code, path, `${describePath(path, data)}: ${issue.message}`);
  }
}

/** `servers[3] (id "github").match.urls[0]` */
export function describePath(path: Path, data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      if (out === `servers[${key}]` && node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') out += ` (id "${(node as { id: string }).id}")`;
    } else {
      out += out ? `.${key}` : key;
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out || 'document';
}

// ---------- loose views of the (possibly invalid) data ----------

interface LooseEntry {
  index: number;
  id: string | null;
  status: string | null;
  packages: { index: number; ecosystem: Ecosystem; name: string; versions: string | null; digest: string | null }[];
  urls: { index: number; source: string }[];
  commands: { index: number; glob: string }[];
  gatewayUrl: string | null;
  replacedBy: string | null;
}

function serversOf(data: unknown): LooseEntry[] {
  const list = data && typeof data === 'object' ? (data as { servers?: unknown }).servers : undefined;
  if (!Array.isArray(list)) return [];
  return list.map((raw, index): LooseEntry => {
    const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const match = o.match && typeof o.match === 'object' ? (o.match as Record<string, unknown>) : {};
    const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
    return {
      index,
      id: str(o.id),
      status: str(o.status),
      packages: arr(match.packages).flatMap((p, i) => {
        const q = p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
        const ecosystem = str(q.ecosystem);
        const name = str(q.name);
        if (!ecosystem || !(ECOSYSTEMS as readonly string[]).includes(ecosystem) || !name) return [];
        return [{ index: i, ecosystem: ecosystem as Ecosystem, name, versions: str(q.versions), digest: str(q.digest) }];
      }),
      urls: arr(match.urls).flatMap((u, i) => (typeof u === 'string' ? [{ index: i, source: u }] : [])),
      commands: arr(match.commands).flatMap((c, i) => (typeof c === 'string' ? [{ index: i, glob: c }] : [])),
      gatewayUrl: str(o.gatewayUrl),
      replacedBy: str(o.replacedBy),
    };
  });
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

// ---------- ids and replacedBy ----------

function checkIds(servers: LooseEntry[], add: Add): void {
  const first = new Map<string, number>();
  for (const s of servers) {
    if (s.id === null) continue;
    const seen = first.get(s.id);
    if (seen !== undefined) add('error', 'duplicate-id', ['servers', s.index, 'id'], `duplicate id "${s.id}" (first used by servers[${seen}])`);
    else first.set(s.id, s.index);
  }
  const byId = new Map(servers.filter((s) => s.id !== null).map((s) => [s.id!, s] as const));
  for (const s of servers) {
    if (s.replacedBy === null) continue;
    const path = ['servers', s.index, 'replacedBy'];
    if (s.replacedBy === s.id) {
      add('error', 'replaced-by', path, `servers[${s.index}] (id "${s.id}") is replaced by itself`);
      continue;
    }
    const target = byId.get(s.replacedBy);
    if (!target) {
      add('error', 'replaced-by', path, `replacedBy refers to unknown id "${s.replacedBy}"`);
      continue;
    }
    // follow the chain: a cycle, or a chain that ends on something users cannot switch to
    const chain = [s.id ?? `servers[${s.index}]`];
    let current: LooseEntry | undefined = target;
    let reported = false;
    while (current) {
      if (chain.includes(current.id ?? '')) {
        add('error', 'replaced-by', path, `replacedBy cycle: ${[...chain, current.id].join(' -> ')}`);
        reported = true;
        break;
      }
      chain.push(current.id ?? '');
      if (current.status === 'approved' || current.replacedBy === null) break;
      current = byId.get(current.replacedBy);
    }
    if (!reported && current && current.status !== 'approved') {
      add('warning', 'replaced-by', path, `replacedBy leads to "${current.id}", which is ${current.status ?? 'without a status'}, not approved: users are pointed at a server they cannot use`);
    }
    if (s.status === 'approved') add('warning', 'replaced-by', path, `an approved entry has replacedBy "${s.replacedBy}"; replacements are only offered for deprecated or rejected entries`);
  }
}

// ---------- per-entry checks ----------

function checkEntries(data: unknown, servers: LooseEntry[], add: Add): void {
  const gatewayRaw = data && typeof data === 'object' ? (data as { gateway?: { url?: unknown } }).gateway?.url : undefined;
  const gatewayBase = typeof gatewayRaw === 'string' ? normalizeUrl(gatewayRaw) : null;
  for (const s of servers) {
    const base: Path = ['servers', s.index];
    for (const p of s.packages) {
      const path = [...base, 'match', 'packages', p.index];
      if (p.versions !== null && p.digest !== null) add('warning', 'invalid-range', [...path, 'versions'], `${p.name}: "versions" is ignored when "digest" is set (only that image digest matches)`);
      if (p.versions !== null && p.versions.trim() !== p.versions) add('warning', 'invalid-range', [...path, 'versions'], `"${p.versions}" has surrounding spaces`);
      if (p.versions !== null && isValidSpec(p.ecosystem, p.versions)) {
        const range = rangeOf(p.ecosystem, p.versions);
        if (range !== null && !semver.minVersion(range, { loose: true })) add('error', 'invalid-range', [...path, 'versions'], `"${p.versions}" admits no version: the entry never matches this package`);
      }
      if (p.ecosystem === 'pypi' && p.versions !== null && !isValidSpec('pypi', p.versions) && semver.validRange(p.versions, { loose: true })) {
        // the schema already reported it; say what was probably meant
        add('error', 'invalid-range', [...path, 'versions'], `"${p.versions}" is npm-style; PyPI uses PEP 440 specifiers such as ">=1.2,<2" or "~=1.2"`);
      }
    }
    for (const u of s.urls) checkUrlPattern(u.source, [...base, 'match', 'urls', u.index], add);
    for (const c of s.commands) checkCommandGlob(c.glob, [...base, 'match', 'commands', c.index], add);
    if (s.gatewayUrl !== null) {
      const gw = normalizeUrl(s.gatewayUrl);
      const ownMatch = gw && s.urls.some((u) => {
        const p = compileUrlPattern(u.source);
        return p !== null && urlMatches(p, gw);
      });
      if (gw && !ownMatch && !(gatewayBase && isUnder(gatewayBase, gw))) {
        add('warning', 'gateway-url', [...base, 'gatewayUrl'], gatewayBase
          ? `gatewayUrl ${s.gatewayUrl} is not under gateway.url and not in match.urls: a server configured with it is not recognized as this entry`
          : `gatewayUrl ${s.gatewayUrl} is used, but the inventory has no gateway.url and the URL is not in match.urls: a server configured with it is not recognized as this entry`);
      }
    }
    const nothing = !s.packages.length && !s.urls.length && !s.commands.length;
    if (nothing && s.status !== null && (STATUSES as readonly string[]).includes(s.status)) {
      const reachable = s.gatewayUrl !== null && gatewayBase !== null && (() => {
        const gw = normalizeUrl(s.gatewayUrl!);
        return gw !== null && isUnder(gatewayBase, gw);
      })();
      if (!reachable) add('warning', 'matches-nothing', [...base, 'match'], `servers[${s.index}]${s.id ? ` (id "${s.id}")` : ''} has no packages, urls or commands: no server ever matches it`);
    }
  }
}

const KNOWN_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);

function checkUrlPattern(source: string, path: Path, add: Add): void {
  if (/\s/.test(source.trim()) || source.trim() !== source) {
    add('error', 'url-never-matches', path, `"${source}" contains whitespace: no URL ever matches it`);
    return;
  }
  const pattern = compileUrlPattern(source);
  if (!pattern) {
    const why = /^[a-z*][a-z0-9+.*-]*:\/\//i.test(source) ? 'it has no host' : 'it is not scheme://host/path';
    add('error', 'url-never-matches', path, `"${source}" can never match: ${why}`);
    return;
  }
  const { scheme, host, port, path: urlPath } = pattern.url;
  if (!/[*?[]/.test(scheme) && !KNOWN_SCHEMES.has(scheme)) add('warning', 'url-never-matches', path, `"${source}": scheme "${scheme}" is not one MCP clients connect with (http, https)`);
  const bareHost = host.replace(/[*?]|\[[^\]]*\]/g, '');
  if (!host.startsWith('[') && /[^a-z0-9.\-_]/.test(bareHost)) add('error', 'url-never-matches', path, `"${source}": host "${host}" contains characters no host name has`);
  if (host.includes('**')) add('warning', 'url-pattern', path, `"${source}": "**" in a host is the same as "*"`);
  if (port && !/^[0-9]+$/.test(port) && !/[*?[]/.test(port)) add('error', 'url-never-matches', path, `"${source}": port "${port}" is not a number`);
  if (port && /^[0-9]+$/.test(port) && (Number(port) < 1 || Number(port) > 65535)) add('error', 'url-never-matches', path, `"${source}": port ${port} is out of range`);
  if (/[*?[]/.test(urlPath)) {
    if (minimatch.makeRe(urlPath, { dot: true }) === false) add('error', 'url-never-matches', path, `"${source}": the path glob "${urlPath}" is invalid`);
    for (const seg of urlPath.split('/')) {
      if (seg.includes('**') && seg !== '**') add('warning', 'url-pattern', path, `"${source}": "**" only spans path segments when it is a whole segment ("/mcp/**"); in "${seg}" it acts like "*"`);
    }
  }
  const afterHost = source.replace(/^[^:]*:\/\/[^/]*/, '');
  if (/[?#]/.test(afterHost)) add('warning', 'url-pattern', path, `"${source}": the query and fragment are ignored when matching; the pattern matches every query`);
  if (/^[^:]*:\/\/[^/?#]*@/.test(source)) add('warning', 'url-pattern', path, `"${source}": user info in a pattern is ignored when matching`);
}

function checkCommandGlob(glob: string, path: Path, add: Add): void {
  if (!glob.trim()) {
    add('error', 'command-pattern', path, 'an empty command pattern never matches');
    return;
  }
  if (/\s/.test(glob) && !/^[a-z]:\\|^\//i.test(glob)) add('warning', 'command-pattern', path, `"${glob}": command patterns match the executable only, not its arguments`);
  if (minimatch.makeRe(glob, { dot: true }) === false) add('error', 'command-pattern', path, `"${glob}" is not a valid glob`);
}

// ---------- conflicts between entries ----------

const STRICTNESS: Record<string, number> = { approved: 0, pending: 1, deprecated: 2, rejected: 3 };

function checkConflicts(servers: LooseEntry[], add: Add): void {
  const usable = servers.filter((s) => s.status !== null && s.status in STRICTNESS);
  const report = (a: LooseEntry, b: LooseEntry, path: Path, what: string) => {
    if (a.status === b.status) return;
    const approvedVsRejected = new Set([a.status, b.status]).has('approved') && new Set([a.status, b.status]).has('rejected');
    const label = (s: LooseEntry) => `servers[${s.index}]${s.id ? ` (id "${s.id}")` : ''}`;
    add(
      approvedVsRejected ? 'error' : 'warning',
      'conflict',
      path,
      approvedVsRejected
        ? `${what} is ${b.status} here but ${a.status} in ${label(a)}: a rejected match always wins, so the approval never applies where they overlap`
        : `${what} is ${b.status} here but ${a.status} in ${label(a)}: servers in the overlap get the more specific match, then the stricter status`,
    );
  };

  // packages: grouped by normalized name
  const byPackage = new Map<string, { entry: LooseEntry; p: LooseEntry['packages'][number] }[]>();
  for (const entry of usable) for (const p of entry.packages) push(byPackage, packageKey(p.ecosystem, p.name), { entry, p });
  for (const list of byPackage.values()) {
    for (let j = 1; j < list.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = list[i];
        const b = list[j];
        if (a.entry === b.entry || !packagesOverlap(a.p, b.p)) continue;
        const what = `${b.p.name}${b.p.versions ? ` ${b.p.versions}` : ''}${a.p.versions !== b.p.versions ? ` (overlaps ${a.p.versions ?? 'any version'})` : ''}`;
        report(a.entry, b.entry, ['servers', b.entry.index, 'match', 'packages', b.p.index], what);
      }
    }
  }

  // URLs: same host (or a wildcard host) and one pattern covering the other
  const compiled: { entry: LooseEntry; index: number; pattern: UrlPattern }[] = [];
  for (const entry of usable) {
    for (const u of entry.urls) {
      const pattern = compileUrlPattern(u.source);
      if (pattern) compiled.push({ entry, index: u.index, pattern });
    }
  }
  const byHost = new Map<string, typeof compiled>();
  const wildHosts: typeof compiled = [];
  for (const c of compiled) {
    if (/[*?[]/.test(c.pattern.url.host)) wildHosts.push(c);
    else push(byHost, c.pattern.url.host, c);
  }
  const pairs: [(typeof compiled)[number], (typeof compiled)[number]][] = [];
  for (const list of byHost.values()) for (let j = 1; j < list.length; j++) for (let i = 0; i < j; i++) pairs.push([list[i], list[j]]);
  for (const w of wildHosts) for (const c of compiled) if (c !== w) pairs.push([c, w]);
  const seenPair = new Set<string>();
  for (const [a, b] of pairs) {
    if (a.entry === b.entry) continue;
    const key = [[a.entry.index, a.index].join(':'), [b.entry.index, b.index].join(':')].sort().join('|');
    if (seenPair.has(key)) continue;
    seenPair.add(key);
    if (!urlPatternsOverlap(a.pattern, b.pattern)) continue;
    const [first, second] = a.entry.index <= b.entry.index ? [a, b] : [b, a];
    report(first.entry, second.entry, ['servers', second.entry.index, 'match', 'urls', second.index], `URL ${second.pattern.source}${second.pattern.source !== first.pattern.source ? ` (overlaps ${first.pattern.source})` : ''}`);
  }

  // commands: the same glob, or an exact command another glob covers
  const commands = usable.flatMap((entry) => entry.commands.map((c) => ({ entry, ...c })));
  for (let j = 1; j < commands.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = commands[i];
      const b = commands[j];
      if (a.entry === b.entry) continue;
      const overlap = a.glob === b.glob || (!/[*?[{]/.test(a.glob) && minimatch(a.glob, b.glob, { dot: true })) || (!/[*?[{]/.test(b.glob) && minimatch(b.glob, a.glob, { dot: true }));
      if (overlap) report(a.entry, b.entry, ['servers', b.entry.index, 'match', 'commands', b.index], `command ${b.glob}${a.glob !== b.glob ? ` (overlaps ${a.glob})` : ''}`);
    }
  }
}

function packagesOverlap(a: LooseEntry['packages'][number], b: LooseEntry['packages'][number]): boolean {
  if (a.digest || b.digest) {
    if (a.digest && b.digest) return a.digest.toLowerCase() === b.digest.toLowerCase();
    // a digest rule against a version rule: only "any version" certainly overlaps
    const other = a.digest ? b : a;
    return other.versions === null;
  }
  const ra = a.versions === null ? '*' : rangeOf(a.ecosystem, a.versions);
  const rb = b.versions === null ? '*' : rangeOf(b.ecosystem, b.versions);
  if (ra === null || rb === null) return false;
  try {
    return semver.intersects(ra, rb, { loose: true });
  } catch {
    return false;
  }
}

/** A version spec as a semver range (PEP 440 specifiers translated clause by clause; `!=` over-approximated). */
export function rangeOf(ecosystem: Ecosystem, spec: string): string | null {
  if (ecosystem !== 'pypi') return semver.validRange(spec, { loose: true });
  const parts: string[] = [];
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(===|==|!=|~=|>=|<=|>|<)\s*([0-9][0-9a-z.*+!-]*)$/i.exec(raw);
    if (!m) return null;
    const [, op, v] = m;
    if (op === '!=') continue;
    if (v.endsWith('.*')) {
      if (op !== '==') return null;
      parts.push(`${v.slice(0, -2)}.x`);
      continue;
    }
    const c = semver.coerce(v)?.version;
    if (!c) return null;
    if (op === '==' || op === '===') parts.push(c);
    else if (op === '~=') {
      const segments = v.split('.').length;
      parts.push(`>=${c} <${segments >= 3 ? `${semver.major(c)}.${semver.minor(c) + 1}.0` : `${semver.major(c) + 1}.0.0`}`);
    } else parts.push(`${op}${c}`);
  }
  const range = parts.join(' ') || '*';
  return semver.validRange(range) ? range : null;
}

/** Could some URL match both patterns? Exact when either is concrete; same normalized pattern otherwise. */
function urlPatternsOverlap(a: UrlPattern, b: UrlPattern): boolean {
  if (formatNormalUrl(a.url) === formatNormalUrl(b.url) && a.anyPath === b.anyPath) return true;
  const concrete = (p: UrlPattern): NormalUrl | null => (p.hasWildcard ? null : p.url);
  const ca = concrete(a);
  const cb = concrete(b);
  if (ca && urlMatches(b, ca)) return true;
  if (cb && urlMatches(a, cb)) return true;
  // an origin-wide pattern covers every path pattern on that origin
  if (a.anyPath && !a.hasWildcard && b.url.host === a.url.host && b.url.scheme === a.url.scheme && b.url.port === a.url.port) return true;
  if (b.anyPath && !b.hasWildcard && a.url.host === b.url.host && a.url.scheme === b.url.scheme && a.url.port === b.url.port) return true;
  return false;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** One line per problem, compiler style: `file:line:col: error[code]: message`. */
export function formatProblems(result: ValidationResult): string {
  const lines = result.problems.map((p) => `${result.source}${p.line !== null ? `:${p.line}:${p.column}` : ''}: ${p.severity}[${p.code}]: ${p.message}`);
  const summary =
    result.errors === 0 && result.warnings === 0
      ? `OK: ${result.source} is a valid inventory (${result.entries} entries${result.format === 'registry' ? ', MCP Registry format' : ''}).`
      : `${result.source}: ${result.errors} error(s), ${result.warnings} warning(s) in ${result.entries} entries${result.format === 'registry' ? ' (MCP Registry format, checked after conversion)' : ''}.`;
  return `${[...lines, summary].join('\n')}\n`;
}
