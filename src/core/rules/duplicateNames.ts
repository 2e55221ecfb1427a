// duplicate-server-name: one server name defined differently in several config files (or twice in one file).
// A cross-file rule: it needs every file's servers, so it runs after all files are analyzed (scan(), and the
// extension over its own results), not per file like SERVER_RULES.
//
// Why it matters (tool shadowing): clients resolve a name clash by precedence, not by content. Claude Code keeps
// one definition per name (local > project > user), so a repository's `.mcp.json` can replace the user's trusted
// "github" with another server, and tools are addressed by the name (`mcp__github__…`), so the model calls the
// replacement believing it is the original. Across clients the same name meaning different servers is the same
// confusion one step removed.
//
// "Differently" = a different identity: the URL the client connects to (normalized; for a stdio bridge such as
// `mcp-remote URL`, its target), else the package (ecosystem, name, version; `latest` = no version), else the
// command and its arguments. Identical definitions in several files are fine; disabled entries do not count.
// Two definitions the inventory approves as the same entry are the same server too (GitHub's local image in one
// client, GitHub's hosted endpoint in another): the organization vetted both, and a rogue redefinition of the name
// never matches that entry, so it is still flagged.
//
// Names compare exactly (case-sensitive, no Unicode folding): every client keys servers by the literal JSON/TOML/
// YAML key and resolves clashes on it, so `GitHub` and `github` do not replace each other — both load, under
// separate tool prefixes (github/copilot-cli#4478: Copilot CLI's collision check is case-sensitive and starts both;
// getsentry/sentry-docs#17663: `sentry` and `Sentry` give `mcp__sentry__*` and `mcp__Sentry__*`). Names that only
// look alike are a lookalike problem, not a replacement, and are left to the lookalike rules.
import * as path from 'node:path';
import type { CheckedServer, Finding, ServerEntry, Severity } from '../model';
import type { PolicyForChecks } from '../policy/apply';
import { maskArgs, maskText, maskUrl } from '../secrets';
import { formatNormalUrl, normalizeUrl } from '../urls';
import type { RuleMeta } from './types';

export const DUPLICATE_SERVER_NAME_RULE: RuleMeta = {
  id: 'duplicate-server-name',
  name: 'DuplicateServerName',
  shortDescription: 'Same MCP server name defined differently',
  fullDescription:
    'The same server name is defined in several config files (or twice in one) with a different URL, package, version or command. Clients resolve a name clash by precedence, so one definition can silently replace (shadow) the other and its tools are called under the trusted name. Rename one of them, or make the definitions identical.',
  defaultSeverity: 'warning',
};

export interface DuplicateNameOptions {
  /** the organization's policy: per-rule severity and enforcement apply as for every other finding */
  policy?: PolicyForChecks;
  /** the home folder, to show user-level files as `~/…` in messages */
  home?: string;
}

/** At most this many other definitions are spelled out in the finding's message (all are in `related`). */
const LISTED = 3;
const DESCRIPTION_MAX = 100;

/**
 * The duplicate-server-name findings for every server that has one, given all servers of a scan (every file,
 * every client). Each finding's `related` points at every other definition of the name with a different identity.
 */
export function duplicateNameFindings(servers: readonly CheckedServer[], options: DuplicateNameOptions = {}): Map<CheckedServer, Finding[]> {
  const byName = new Map<string, CheckedServer[]>();
  for (const s of servers) {
    if (s.disabled) continue;
    const group = byName.get(s.name);
    if (group) group.push(s);
    else byName.set(s.name, [s]);
  }
  const out = new Map<CheckedServer, Finding[]>();
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    const ids = new Map(group.map((s) => [s, s.verdict === 'approved' && s.inventoryId ? `inventory ${s.inventoryId}` : serverIdentity(s)]));
    for (const s of group) {
      const others = group.filter((o) => o !== s && ids.get(o) !== ids.get(s));
      if (!others.length) continue;
      out.set(s, [finding(s, others, options)]);
    }
  }
  return out;
}

/** The servers with their duplicate-name findings appended (new objects where something was added, same order). */
export function withDuplicateNameFindings<T extends CheckedServer>(servers: readonly T[], options: DuplicateNameOptions = {}): T[] {
  const found = duplicateNameFindings(servers, options);
  return servers.map((s) => {
    const extra = found.get(s);
    return extra ? { ...s, findings: [...s.findings, ...extra] } : s;
  });
}

/** What a server actually is, for deciding whether two definitions of one name differ. */
export function serverIdentity(s: Pick<ServerEntry, 'url' | 'package' | 'command' | 'args'>): string {
  if (s.url) {
    const u = normalizeUrl(s.url);
    return `url ${u ? formatNormalUrl(u) : s.url.trim()}`;
  }
  if (s.package) {
    const p = s.package;
    const name = p.ecosystem === 'pypi' ? p.name.toLowerCase().replace(/[-_.]+/g, '-') : p.ecosystem === 'other' ? p.name : p.name.toLowerCase();
    const version = p.version === null || p.version === 'latest' ? '' : p.version;
    return `package ${p.ecosystem}:${name}@${version}${p.digest ? `@${p.digest}` : ''}`;
  }
  return `command ${JSON.stringify([s.command ?? '', ...s.args])}`;
}

function finding(s: CheckedServer, others: readonly CheckedServer[], options: DuplicateNameOptions): Finding {
  const where = (o: CheckedServer) => `${displayPath(o.file, options.home)}${o.file === s.file ? ` line ${o.range.start.line + 1}` : ''} (${o.client})`;
  const listed = others.slice(0, LISTED).map((o) => `${where(o)} ${describe(o)}`);
  const more = others.length > LISTED ? ` and ${others.length - LISTED} more` : '';
  const message =
    `"${s.name}" is also defined differently in ${listed.join('; ')}${more}. ` +
    'A client that sees both may use the other definition under this name (tool shadowing); rename one or make them identical.';
  return {
    rule: 'duplicate-server-name',
    severity: severity(s, options.policy),
    message: maskText(message),
    related: others.map((o) => ({ file: o.file, range: o.range, message: maskText(`also defined in ${where(o)} ${describe(o)}`) })),
  };
}

/** `running npx -y foo@1` / `connecting to https://…`, secrets masked, cut to a readable length. */
function describe(s: ServerEntry): string {
  const text = s.command ? `running ${[maskText(s.command), ...maskArgs(s.args)].join(' ')}` : s.url ? `connecting to ${maskUrl(s.url)}` : 'with no command or URL';
  return text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text;
}

function displayPath(file: string, home: string | undefined): string {
  if (home) {
    const rel = path.relative(home, file);
    if (rel && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel)) return `~/${rel.split(path.sep).join('/')}`;
  }
  return file;
}

/** The same severity logic as policy/apply.ts (disabled entries never get here): per-rule override, then enforcement. */
function severity(s: CheckedServer, policy: PolicyForChecks | undefined): Severity {
  const base = DUPLICATE_SERVER_NAME_RULE.defaultSeverity;
  if (s.disabled) return 'info';
  const override = policy?.severities[DUPLICATE_SERVER_NAME_RULE.id];
  if (override) return override;
  return policy?.enforcement === 'error' && base === 'warning' ? 'error' : base;
}
