// `import --from claude-code|windsurf|gemini|registry FILE`: an allow/deny list an organization already keeps in one
// client's format, turned into a draft inventory v1 (approved/rejected entries with `reason: "imported from …"`), so
// it moves to one list without retyping. Rules that say only a name (Claude Code `serverName`, Gemini names without
// a definition) cannot become inventory rules (the inventory matches what runs, never the name): they are reported.
import * as path from 'node:path';
import type { Ecosystem, PackageRef } from '../model';
import { parseJsonc } from '../parse/jsonc';
import { plainValue } from '../parse/document';
import { recognizeLauncher, executableName } from '../launchers';
import { isRegistryDocument, registryToInventory } from '../inventory/registryFormat';
import { packageKey } from '../inventory/match';
import { validateInventory } from '../inventory/load';
import { compileUrlPattern, formatNormalUrl, urlMatches, type UrlPattern } from '../urls';

export const IMPORT_SOURCES = ['claude-code', 'windsurf', 'gemini', 'registry'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

export interface ImportNote {
  /** the rule in the source, as written */
  rule: string;
  message: string;
}

export type ImportResult = { ok: true; inventory: DraftInventory; notes: ImportNote[] } | { ok: false; error: string };

interface DraftPackage {
  ecosystem: Ecosystem;
  name: string;
  versions?: string;
  digest?: string;
}

interface DraftEntry {
  id: string;
  title: string;
  status: 'approved' | 'rejected';
  match: { packages?: DraftPackage[]; urls?: string[]; commands?: string[] };
  reason: string;
}

export interface DraftInventory {
  schemaVersion: 1;
  organization?: string;
  servers: DraftEntry[];
}

type Status = 'approved' | 'rejected';

/** A rule in the client's terms, before grouping into entries. */
type Rule = { kind: 'package'; pkg: PackageRef; title: string } | { kind: 'url'; url: string } | { kind: 'command'; command: string };

export function importPolicy(from: ImportSource, text: string, file: string, organization?: string): ImportResult {
  const doc = parseJsonc(text, 'jsonc');
  if (doc.error || !doc.root) return { ok: false, error: `${file}: invalid JSON: ${doc.error?.message ?? 'empty document'}` };
  const data = plainValue(doc.root);
  const reason = `imported from ${from === 'registry' ? 'an MCP registry document' : `the ${from} policy`} ${path.basename(file)}`;
  const notes: ImportNote[] = [];
  const builder = new DraftBuilder(reason);
  switch (from) {
    case 'claude-code':
      fromClaudeCode(data, builder, notes);
      break;
    case 'windsurf':
      fromWindsurf(data, builder, notes);
      break;
    case 'gemini':
      fromGemini(data, builder, notes);
      break;
    case 'registry': {
      if (!isRegistryDocument(data)) return { ok: false, error: `${file}: not an MCP registry document (a /v0.1/servers response, a list of server.json documents or one server.json)` };
      const converted = registryToInventory(data, organization);
      if (!converted.ok) return { ok: false, error: `${file}: ${converted.error}` };
      const inv = converted.value as DraftInventory;
      shortenRegistryIds(inv);
      for (const s of inv.servers) s.reason = reason;
      return finish(inv, notes, file);
    }
  }
  const inventory: DraftInventory = { schemaVersion: 1, ...(organization ? { organization } : {}), servers: builder.entries() };
  if (!inventory.servers.length) notes.push({ rule: '(document)', message: 'no rule could be imported' });
  return finish(inventory, notes, file);
}

function finish(inventory: DraftInventory, notes: ImportNote[], file: string): ImportResult {
  // what is written must load: the same validation every inventory goes through
  const checked = validateInventory(inventory, `draft inventory from ${path.basename(file)}`);
  if (!checked.ok) return { ok: false, error: checked.error };
  return { ok: true, inventory, notes };
}

// ---------- Claude Code managed settings ----------

function fromClaudeCode(data: unknown, builder: DraftBuilder, notes: ImportNote[]): void {
  const o = asObject(data);
  if (!('allowedMcpServers' in o) && !('deniedMcpServers' in o)) notes.push({ rule: '(document)', message: 'no allowedMcpServers or deniedMcpServers: nothing to import' });
  for (const [key, status] of [['allowedMcpServers', 'approved'], ['deniedMcpServers', 'rejected']] as const) {
    const list = o[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      notes.push({ rule: key, message: 'is not an array' });
      continue;
    }
    for (const item of list) {
      const rule = asObject(item);
      const shown = JSON.stringify(item);
      if (Array.isArray(rule.serverCommand) && rule.serverCommand.every((a) => typeof a === 'string') && rule.serverCommand.length) {
        const [command, ...args] = rule.serverCommand as string[];
        builder.add(status, commandRule(command, args, shown, notes), shown);
      } else if (typeof rule.serverUrl === 'string') {
        builder.add(status, { kind: 'url', url: starToGlob(rule.serverUrl, shown, notes) }, shown);
      } else if (typeof rule.serverName === 'string') {
        notes.push({ rule: shown, message: 'a name-only rule: the inventory matches what a server runs, never its name; add match rules for it by hand' });
      } else notes.push({ rule: shown, message: 'not a serverName, serverCommand or serverUrl rule; skipped' });
    }
  }
}

/** Claude Code's `*` matches anything, `/` included; the inventory's `**` spans segments, `*` one segment. */
function starToGlob(pattern: string, shown: string, notes: ImportNote[]): string {
  const m = /^([^:]+:\/\/[^/]*)(\/.*)?$/.exec(pattern);
  if (!m || !m[2]) return pattern;
  const segments = m[2].split('/');
  const out = segments.map((seg, i) => (seg === '*' && i === segments.length - 1 ? '**' : seg));
  if (out.some((seg, i) => seg.includes('*') && seg !== '**' && i < out.length)) {
    notes.push({ rule: shown, message: `"*" inside a path segment matches within that segment only in the inventory (Claude Code lets it cross "/"); check the result` });
  }
  return `${m[1]}${out.join('/')}`;
}

function commandRule(command: string, args: string[], shown: string, notes: ImportNote[]): Rule {
  const target = recognizeLauncher(command, args);
  if (target.bridgedUrl) return { kind: 'url', url: target.bridgedUrl };
  if (target.package) return { kind: 'package', pkg: target.package, title: target.package.name };
  if (args.length) notes.push({ rule: shown, message: `the inventory matches local commands by executable only: ${command} is approved with any arguments` });
  return { kind: 'command', command };
}

// ---------- Windsurf whitelist ----------

function fromWindsurf(data: unknown, builder: DraftBuilder, notes: ImportNote[]): void {
  // our export's { whitelist: [{ serverId, serverConfig }] }, a bare list of rows, or an mcp_config-style map
  const o = asObject(data);
  let rows: { id: string; config: Record<string, unknown> }[] = [];
  const list = Array.isArray(data) ? data : Array.isArray(o.whitelist) ? o.whitelist : null;
  if (list) {
    rows = list.map((r, i) => {
      const row = asObject(r);
      return { id: typeof row.serverId === 'string' ? row.serverId : `server-${i + 1}`, config: asObject(row.serverConfig ?? row.config) };
    });
  } else if (o.mcpServers && typeof o.mcpServers === 'object') {
    rows = Object.entries(asObject(o.mcpServers)).map(([id, config]) => ({ id, config: asObject(config) }));
  } else {
    notes.push({ rule: '(document)', message: 'expected { "whitelist": [{ "serverId", "serverConfig" }] }, a list of such rows, or { "mcpServers": { … } }' });
    return;
  }
  for (const { id, config } of rows) {
    const shown = `${id}: ${JSON.stringify(config)}`;
    const url = typeof config.serverUrl === 'string' ? config.serverUrl : typeof config.url === 'string' ? config.url : null;
    if (url !== null) {
      const glob = regexToUrlGlob(url);
      if (glob) builder.add('approved', { kind: 'url', url: glob }, shown, id);
      else notes.push({ rule: shown, message: 'the serverUrl regex has no URL-glob equivalent; skipped' });
      continue;
    }
    if (typeof config.command !== 'string') {
      notes.push({ rule: shown, message: 'neither command nor serverUrl; skipped' });
      continue;
    }
    const command = regexToLiteral(config.command);
    const rawArgs = Array.isArray(config.args) ? config.args.filter((a): a is string => typeof a === 'string') : [];
    const versions: string[] = [];
    const args = rawArgs.map((a) => {
      const literal = regexToLiteral(a);
      if (literal !== null) return literal;
      const pkg = stripVersionRegex(a);
      if (pkg) {
        versions.push(...pkg.versions);
        return pkg.name;
      }
      return null;
    });
    if (command !== null && args.some((a) => a === null)) {
      // argument patterns (paths, flags) beside a literal package: the package is what the inventory matches
      const literal = args.filter((a): a is string => a !== null);
      const target = recognizeLauncher(command, literal);
      if (target.package) {
        notes.push({ rule: shown, message: 'argument patterns other than the package are not kept: the inventory matches the package, whatever the other arguments' });
        const rule: Rule = { kind: 'package', pkg: target.package, title: target.package.name };
        if (versions.length) for (const v of versions) builder.add('approved', { ...rule, pkg: { ...target.package, version: v } }, shown, id);
        else builder.add('approved', rule, shown, id);
      } else notes.push({ rule: shown, message: 'the argument patterns have no literal equivalent the inventory can match; skipped' });
      continue;
    }
    if (command === null) {
      const glob = regexToGlob(config.command);
      if (glob && !args.length) builder.add('approved', { kind: 'command', command: glob }, shown, id);
      else notes.push({ rule: shown, message: 'the command pattern has no glob equivalent the inventory can match; skipped' });
      continue;
    }
    const rule = commandRule(command, args as string[], shown, notes);
    if (rule.kind === 'package' && versions.length) {
      // one rule per listed version; "any version" when the regex allowed any
      for (const v of versions) builder.add('approved', { ...rule, pkg: { ...rule.pkg, version: v } }, shown, id);
    } else builder.add('approved', rule, shown, id);
  }
}

/** A regex that only escapes metacharacters, as a literal; null when it really is a pattern. */
function regexToLiteral(re: string): string | null {
  const body = re.replace(/^\^/, '').replace(/\$$/, '');
  if (/(^|[^\\])[.*+?()[\]{}|^$]/.test(body)) return null;
  return body.replace(/\\(.)/g, '$1');
}

/** `name(?:@[^\s]+)?` (any version) or `name@(?:1\.2\.3|1\.2\.4)` (exact versions) → name + versions. */
function stripVersionRegex(re: string): { name: string; versions: string[] } | null {
  const any = /^(.*?)(?:\(\?:@\[\^\\s\]\+\)\?|\(\?:==\[\^\\s\]\+\)\?|\(\?::\[\^\\s@\]\+\)\?(?:\(\?:@sha256:\[0-9a-f\]\{64\}\)\?)?)$/.exec(re);
  if (any) {
    const name = regexToLiteral(any[1]);
    return name ? { name, versions: [] } : null;
  }
  // x-ranges as written by export: `name@1\.4\.[0-9]+` (npm, OCI) and `name==1\.4\.[0-9][0-9a-z.+!-]*` (PyPI)
  const xr = /^(.*?)(@|==|:)(?:v\?)?((?:\d+\\\.)+)(?:\[0-9\]\+\\\.)?\[0-9\](?:\+|\[0-9a-z\.\+!-\]\*)(?:\(\?:@sha256:\[0-9a-f\]\{64\}\)\?)?$/i.exec(re);
  if (xr) {
    const name = regexToLiteral(xr[1]);
    const prefix = xr[3].replace(/\\\./g, '.');
    const anyMinor = /\[0-9\]\+\\\.\[0-9\]/.test(re.slice(xr[1].length));
    if (name) return { name, versions: [xr[2] === '==' ? `${prefix}*` : `${prefix}${anyMinor ? 'x.x' : 'x'}`] };
  }
  const exact = /^(.*?)(@|==|:)(?:v\?)?(\(\?:[^()]*\)|[0-9\\.a-z+-]+)(?:\(\?:@sha256:\[0-9a-f\]\{64\}\)\?)?$/i.exec(re);
  if (!exact) return null;
  const name = regexToLiteral(exact[1]);
  const alts = exact[3].replace(/^\(\?:|\)$/g, '').split('|').map((v) => regexToLiteral(v.replace(/^v\?/, '')));
  if (!name || alts.some((v) => v === null)) return null;
  return { name, versions: alts as string[] };
}

/** Our own URL regexes (and simple hand-written ones) back to an inventory URL glob. */
function regexToUrlGlob(re: string): string | null {
  let s = re.replace(/^\^/, '').replace(/\$$/, '');
  s = s.replace(/\/\?\(\?:\[\?#\]\.\*\)\?$/, '').replace(/\(\?:\[\/\?#\]\.\*\)\?$/, '');
  s = s.replace(/\(\?::(443|80)\)\?/g, '');
  s = s.replace(/\(\?:\/\.\*\)\?$/, '/**').replace(/\.\*/g, '**').replace(/\[\^\/:?\]\*/g, '*').replace(/\[\^\/\]\*/g, '*');
  s = s.replace(/\[a-z\]\[a-z0-9\+\.-\]\*/, '*');
  const literal = s.replace(/\\(.)/g, '\u0000$1');
  if (/[+?()[\]{}|^$]/.test(literal.replace(/\u0000./g, ''))) return null;
  return literal.replace(/\u0000/g, '');
}

function regexToGlob(re: string): string | null {
  const s = re.replace(/^\^/, '').replace(/\$$/, '').replace(/\.\*/g, '**').replace(/\[\^\/\]\*/g, '*');
  const literal = s.replace(/\\(.)/g, '\u0000$1');
  if (/[+?()[\]{}|^$]/.test(literal.replace(/\u0000./g, ''))) return null;
  return literal.replace(/\u0000/g, '');
}

// ---------- Gemini CLI settings ----------

function fromGemini(data: unknown, builder: DraftBuilder, notes: ImportNote[]): void {
  const o = asObject(data);
  const defs = asObject(o.mcpServers);
  const mcp = asObject(o.mcp);
  const allowed = Array.isArray(mcp.allowed) ? mcp.allowed.filter((n): n is string => typeof n === 'string') : null;
  const excluded = Array.isArray(mcp.excluded) ? mcp.excluded.filter((n): n is string => typeof n === 'string') : [];
  if (!allowed) notes.push({ rule: 'mcp.allowed', message: 'absent: every server the file defines is imported as approved' });
  const names = allowed ?? Object.keys(defs).filter((n) => !excluded.includes(n));
  for (const [names_, status] of [[names, 'approved'], [excluded, 'rejected']] as const) {
    for (const name of names_) {
      const def = defs[name];
      const shown = `${status === 'approved' ? 'mcp.allowed' : 'mcp.excluded'} "${name}"`;
      if (!def || typeof def !== 'object') {
        notes.push({ rule: shown, message: 'a name without a definition in this file: the inventory matches what a server runs, never its name; add match rules for it by hand' });
        continue;
      }
      const d = asObject(def);
      const url = typeof d.httpUrl === 'string' ? d.httpUrl : typeof d.url === 'string' ? d.url : null;
      if (url) builder.add(status, { kind: 'url', url }, shown, name);
      else if (typeof d.command === 'string') {
        const args = Array.isArray(d.args) ? d.args.filter((a): a is string => typeof a === 'string') : [];
        builder.add(status, commandRule(d.command, args, shown, notes), shown, name);
      } else notes.push({ rule: shown, message: 'the definition has no command, url or httpUrl; skipped' });
    }
  }
}

// ---------- grouping rules into entries ----------

class DraftBuilder {
  private readonly list: DraftEntry[] = [];
  private readonly byKey = new Map<string, DraftEntry>();
  private readonly ids = new Set<string>();

  constructor(private readonly reason: string) {}

  /** Rules for the same package (or host, or command) and status share one entry. */
  add(status: Status, rule: Rule, _shown: string, preferredId?: string): void {
    // rows that name their server (Windsurf server ids, Gemini names) stay one entry per name
    const key = `${status}|${preferredId !== undefined ? `id:${preferredId}` : groupKey(rule)}`;
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { id: this.uniqueId(preferredId ?? deriveId(rule)), title: titleOf(rule), status, match: {}, reason: this.reason };
      this.byKey.set(key, entry);
      this.list.push(entry);
    }
    if (rule.kind === 'package') {
      const pm: DraftPackage = { ecosystem: rule.pkg.ecosystem, name: rule.pkg.name };
      if (rule.pkg.digest) pm.digest = rule.pkg.digest;
      else if (rule.pkg.version && !/^latest$/i.test(rule.pkg.version)) pm.versions = rule.pkg.ecosystem === 'pypi' ? `==${rule.pkg.version}` : rule.pkg.version;
      const list = (entry.match.packages ??= []);
      // an unversioned rule covers every version: it replaces pinned ones
      if (!pm.versions && !pm.digest) entry.match.packages = [pm];
      else if (!list.some((p) => !p.versions && !p.digest) && !list.some((p) => JSON.stringify(p) === JSON.stringify(pm))) list.push(pm);
    } else if (rule.kind === 'url') {
      const list = (entry.match.urls ??= []);
      addUrl(list, rule.url);
    } else {
      const list = (entry.match.commands ??= []);
      if (!list.includes(rule.command)) list.push(rule.command);
    }
  }

  entries(): DraftEntry[] {
    return this.list;
  }

  private uniqueId(base: string): string {
    let id = base || 'server';
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }
}

function groupKey(rule: Rule): string {
  if (rule.kind === 'package') return `p:${packageKey(rule.pkg.ecosystem, rule.pkg.name)}`;
  // the same service: `https://x/mcp`, `https://x/mcp/` and `https://x/mcp/**` share an entry; other paths do not
  if (rule.kind === 'url') {
    const p = compileUrlPattern(rule.url);
    return p ? `u:${p.url.scheme}://${p.url.host}${p.url.port ? `:${p.url.port}` : ''}${p.url.path.replace(/\/\*\*?$/, '').replace(/\/$/, '')}` : `u:${rule.url}`;
  }
  return `c:${rule.command}`;
}

/** Adds a URL pattern unless one already listed covers it; drops listed ones it covers. */
function addUrl(list: string[], url: string): void {
  const p = compileUrlPattern(url);
  if (!p) {
    if (!list.includes(url)) list.push(url);
    return;
  }
  const sameOrigin = (a: UrlPattern, b: UrlPattern) => a.url.scheme === b.url.scheme && a.url.host === b.url.host && a.url.port === b.url.port;
  const covers = (a: UrlPattern, b: UrlPattern): boolean => {
    if (formatNormalUrl(a.url) === formatNormalUrl(b.url) && a.anyPath === b.anyPath) return true;
    if (a.anyPath && !a.hasWildcard) return sameOrigin(a, b) && !/[*?[]/.test(b.url.host);
    return !b.hasWildcard && !b.anyPath && urlMatches(a, b.url);
  };
  const compiled = list.map((u) => compileUrlPattern(u));
  if (compiled.some((c) => c && covers(c, p))) return;
  for (let i = list.length - 1; i >= 0; i--) if (compiled[i] && covers(p, compiled[i]!)) list.splice(i, 1);
  list.push(url);
}

/** Registry names are `namespace/name`; the inventory id is the part after the slash when that is unique. */
function shortenRegistryIds(inv: DraftInventory): void {
  const short = (id: string) => id.replace(/^.*\//, '');
  const counts = new Map<string, number>();
  for (const s of inv.servers) counts.set(short(s.id), (counts.get(short(s.id)) ?? 0) + 1);
  const rename = new Map(inv.servers.map((s) => [s.id, counts.get(short(s.id)) === 1 ? short(s.id) : s.id] as const));
  for (const s of inv.servers as (DraftEntry & { replacedBy?: string })[]) {
    s.id = rename.get(s.id) ?? s.id;
    if (s.replacedBy) s.replacedBy = rename.get(s.replacedBy) ?? s.replacedBy;
  }
}

function titleOf(rule: Rule): string {
  if (rule.kind === 'package') return rule.title;
  if (rule.kind === 'url') return /^[^:]+:\/\/([^/?#]*)/.exec(rule.url)?.[1] ?? rule.url;
  return executableName(rule.command);
}

/** A readable id: `@modelcontextprotocol/server-filesystem` → `filesystem`, `https://mcp.sentry.dev/mcp` → `sentry`. */
export function deriveId(rule: Rule): string {
  if (rule.kind === 'package') {
    const segments = rule.pkg.name.split(/[/:]/).filter(Boolean);
    let last = segments[segments.length - 1] ?? rule.pkg.name;
    last = last.replace(/^(mcp-server-|server-|mcp-)/i, '').replace(/(-mcp-server|-mcp|-server)$/i, '');
    if (!last || /^mcp$/i.test(last)) last = (segments[segments.length - 2] ?? rule.pkg.name).replace(/^@/, '');
    return slugId(last);
  }
  if (rule.kind === 'url') {
    // a gateway route names its server in the path: https://gw.example/gw/filesystem/mcp → filesystem
    const pathSegments = (/^[^:]+:\/\/[^/]*(\/[^?#]*)?/.exec(rule.url)?.[1] ?? '').split('/').filter((seg) => seg && !/[*?[]/.test(seg) && !GENERIC_SEGMENTS.has(seg.toLowerCase()));
    if (pathSegments.length) return slugId(pathSegments[pathSegments.length - 1]);
    const host = (/^[^:]+:\/\/(?:[^@/]*@)?([^/:?#]*)/.exec(rule.url)?.[1] ?? '').toLowerCase().replace(/\*\.?/g, '');
    const labels = host.split('.').filter((l) => l && !['mcp', 'api', 'www', 'app'].includes(l));
    return slugId(labels.length > 1 ? labels[labels.length - 2] : labels[0] ?? 'remote');
  }
  return slugId(executableName(rule.command).replace(/\.(exe|cmd|bat|sh|js|py)$/i, ''));
}

/** An id for a server seen in the fleet report's shadow table. */
export function suggestId(kind: 'package' | 'url' | 'command', value: string): string {
  if (kind === 'package') return deriveId({ kind, pkg: { ecosystem: 'other', name: value, version: null }, title: value });
  return kind === 'url' ? deriveId({ kind, url: value }) : deriveId({ kind, command: value });
}

const GENERIC_SEGMENTS = new Set(['mcp', 'sse', 'gw', 'gateway', 'api', 'v1', 'v2', 'v0', 'servers', 'server', 'stream', 'http']);

function slugId(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'server';
}

function asObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
