// Running MCP servers matched to the configuration that explains them. A launcher and the processes it starts
// (npx → node, uvx → python, `cmd /c` → npx → node) are collapsed into one entry through their parent ids. A process is
// explained by a configured entry when the package is the same (same `packageKey`, compatible versions), when its
// command line is the entry's command and arguments, or when it bridges to the entry's URL. Anything else is
// "running, not configured in any known client" and is checked against the inventory on its own.
import type { Checker } from '../checker';
import { executableName, shellSplit } from '../launchers';
import { packageKey } from '../inventory/match';
import { satisfies, toSemver } from '../inventory/versions';
import type { CheckedServer, ClientId, Finding, PackageRef, RuleId, Scope, ServerEntry, Verdict } from '../model';
import { maskArgs, maskText, maskUrl } from '../secrets';
import { formatNormalUrl, normalizeUrl } from '../urls';
import { detectProcess, isExcluded, isWrapper, type Detection } from './detect';
import { quoteForDisplay, type ProcessInfo } from './list';

export type MatchedBy = 'command' | 'package' | 'url';

export interface ConfiguredMatch {
  client: ClientId;
  scope: Scope;
  file: string;
  name: string;
  verdict: Verdict;
  inventoryId: string | null;
  by: MatchedBy;
  disabled: boolean;
}

export interface RunningServer {
  pid: number;
  ppid: number;
  user: string | null;
  /** the launcher first, then the processes it started */
  pids: number[];
  /** the launcher's command line, secrets masked */
  commandLine: string;
  /** how it was recognized (`npm exec`, `uvx`, `node script`, `configured command`, …) */
  via: string;
  package: PackageRef | null;
  /** where a bridge such as mcp-remote connects, secrets masked */
  bridgedUrl: string | null;
  /** the server program when no package is known: a script's path, an executable, an npm bin's name */
  program: string | null;
  /** true: running, not configured in any known client */
  unconfigured: boolean;
  matches: ConfiguredMatch[];
  /** the worst verdict of the matched entries, or the inventory's verdict on the process itself when unconfigured */
  verdict: Verdict;
  inventoryId: string | null;
  findings: Finding[];
}

export interface ProcessesSummary {
  total: number;
  configured: number;
  unconfigured: number;
  approved: number;
  pending: number;
  rejected: number;
  deprecated: number;
  unknown: number;
}

export interface ProcessesResult {
  processes: RunningServer[];
  summary: ProcessesSummary;
}

export interface CorrelateOptions {
  /** this process, never reported */
  selfPid?: number;
}

/** The inventory's word on what runs; the configuration's lints (secrets, pinning, …) are `scan`'s business. */
const INVENTORY_RULES = new Set<RuleId>(['shadow-mcp', 'pending-mcp', 'rejected-mcp', 'deprecated-mcp', 'unapproved-version', 'bypasses-gateway', 'inventory-stale', 'lookalike-package']);

function inventoryFindings(list: readonly Finding[]): Finding[] {
  return list.filter((f) => INVENTORY_RULES.has(f.rule)).map(({ rule, severity, message }) => ({ rule, severity, message }));
}

const LAUNCHER_CACHE = /[\\/]_npx[\\/]|[\\/]archive-v0[\\/]/;

/** rejected is the worst, then deprecated, pending, unknown (shadow), approved */
const VERDICT_RANK: Record<Verdict, number> = { approved: 0, unknown: 1, pending: 2, deprecated: 3, rejected: 4 };

export function findRunningServers(processes: readonly ProcessInfo[], configured: readonly CheckedServer[], checker: Checker, options: CorrelateOptions = {}): ProcessesResult {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const stdio = configured.filter((s) => s.transport === 'stdio');
  const knownPackages = new Set<string>();
  for (const s of stdio) if (s.package) knownPackages.add(packageKey(s.package.ecosystem, s.package.name));
  for (const e of checker.inventory.inventory.servers) for (const pm of e.match.packages ?? []) knownPackages.add(packageKey(pm.ecosystem, pm.name));
  const isKnownCommand = (command: string) => checker.index.match({ command, package: null, url: null }).candidates.length > 0;

  // every process that is, or is part of, an MCP server
  const candidates = new Map<number, Detection | null>();
  for (const p of processes) {
    if (isExcluded(p, options.selfPid) || inContainer(p, byPid)) continue;
    const d = detectProcess(p, { knownPackages, isKnownCommand });
    if (d || stdio.some((s) => commandMatches(s, p))) candidates.set(p.pid, d);
  }
  // a child that runs from a launcher's package cache (`~/.npm/_npx/<hash>/…`, uv's `archive-v0/<hash>/…`) belongs to
  // its launcher even when its own name says nothing (`npx -y server-perplexity-ask` → `node …/.bin/server-perplexity-ask`)
  for (const p of processes) {
    if (candidates.has(p.pid) || isExcluded(p, options.selfPid) || !p.argv.some((a) => LAUNCHER_CACHE.test(a))) continue;
    if (candidateParent(p.pid, candidates, byPid) !== null) candidates.set(p.pid, null);
  }

  // collapse launcher → child chains: each candidate joins its nearest candidate ancestor (through wrappers)
  const groups = new Map<number, ProcessInfo[]>();
  for (const pid of [...candidates.keys()].sort((a, b) => a - b)) {
    const root = rootOf(pid, candidates, byPid);
    const list = groups.get(root) ?? [];
    list.push(byPid.get(pid)!);
    groups.set(root, list);
  }

  const result: RunningServer[] = [];
  for (const [rootPid, members] of [...groups].sort((a, b) => a[0] - b[0])) {
    const ordered = orderFromRoot(rootPid, members, byPid);
    result.push(describe(ordered, candidates, stdio, checker));
  }
  return { processes: result, summary: summarize(result) };
}

export function processesFail(result: ProcessesResult): boolean {
  return result.processes.some((p) => p.unconfigured || p.verdict !== 'approved');
}

function describe(members: ProcessInfo[], candidates: Map<number, Detection | null>, stdio: readonly CheckedServer[], checker: Checker): RunningServer {
  const root = members[0];
  const detections = members.map((m) => candidates.get(m.pid) ?? null);
  const packages = detections.flatMap((d) => (d?.package ? [d.package] : []));
  const pkg = bestPackage(packages);
  const bridgedUrl = detections.find((d) => d?.bridgedUrl)?.bridgedUrl ?? null;
  const program = detections.find((d) => d?.program)?.program ?? null;
  const via = detections.find((d) => d)?.via ?? 'configured command';

  const matches: (ConfiguredMatch & { server: CheckedServer })[] = [];
  for (const s of stdio) {
    const by = matchEntry(s, members, packages, bridgedUrl);
    if (by) matches.push({ client: s.client, scope: s.scope, file: s.file, name: s.name, verdict: s.verdict, inventoryId: s.inventoryId, by, disabled: s.disabled, server: s });
  }

  let verdict: Verdict;
  let inventoryId: string | null;
  let findings: Finding[];
  if (matches.length) {
    const worst = matches.reduce((a, b) => (VERDICT_RANK[b.verdict] > VERDICT_RANK[a.verdict] ? b : a));
    ({ verdict, inventoryId } = worst);
    findings = inventoryFindings(worst.server.findings);
  } else {
    const checked = checker.check(asServerEntry(root, members, pkg, bridgedUrl, program, checker));
    ({ verdict, inventoryId } = checked);
    findings = inventoryFindings(checked.findings);
  }

  return {
    pid: root.pid,
    ppid: root.ppid,
    user: root.user,
    pids: members.map((m) => m.pid),
    commandLine: displayCommandLine(root),
    via,
    package: pkg,
    bridgedUrl: bridgedUrl ? maskUrl(bridgedUrl) : null,
    program: program ? maskArgs([program])[0] : null,
    unconfigured: matches.length === 0,
    matches: matches.map(({ server: _server, ...m }) => m),
    verdict,
    inventoryId,
    findings,
  };
}

/** The launcher's package when it names one (it carries the version), else the first one a child shows. */
function bestPackage(packages: PackageRef[]): PackageRef | null {
  if (!packages.length) return null;
  const first = packages[0];
  if (first.version) return first;
  const key = packageKey(first.ecosystem, first.name);
  return packages.find((p) => p.version && packageKey(p.ecosystem, p.name) === key) ?? first;
}

function matchEntry(s: CheckedServer, members: ProcessInfo[], packages: PackageRef[], bridgedUrl: string | null): MatchedBy | null {
  if (members.some((m) => commandMatches(s, m))) return 'command';
  // a bridge entry (`mcp-remote URL`) is the URL, not the bridge package every other bridge shares
  if (s.url) return bridgedUrl && sameUrl(s.url, bridgedUrl) ? 'url' : null;
  if (s.package && !bridgedUrl) {
    const key = packageKey(s.package.ecosystem, s.package.name);
    if (packages.some((p) => packageKey(p.ecosystem, p.name) === key && versionsCompatible(s.package!, p))) return 'package';
  }
  return null;
}

/** Versions agree when either is absent or a tag (`latest`), when a range admits the other, or when both are the same version. */
export function versionsCompatible(a: PackageRef, b: PackageRef): boolean {
  if (a.digest && b.digest) return a.digest.toLowerCase() === b.digest.toLowerCase();
  if (!a.version || !b.version) return true;
  const range = (v: string) => /^[<>=!~^*]|\s|\|\||,|\.[x*]\b/i.test(v.trim());
  if (range(a.version) && !range(b.version)) return satisfies(a.ecosystem, b.version, a.version);
  if (range(b.version) && !range(a.version)) return satisfies(b.ecosystem, a.version, b.version);
  const va = toSemver(a.version);
  const vb = toSemver(b.version);
  if (!va || !vb) return true;
  return va === vb;
}

function sameUrl(a: string, b: string): boolean {
  const na = normalizeUrl(a);
  const nb = normalizeUrl(b);
  return !!na && !!nb && formatNormalUrl(na) === formatNormalUrl(nb);
}

/**
 * Is the process (or the command its `sh -c` / `cmd /c` wrapper runs) the entry's command and arguments? Variables
 * in the configuration (`${workspaceFolder}`, `${env:X}`) match any value; a bare command matches by program name.
 */
export function commandMatches(s: Pick<ServerEntry, 'command' | 'args'>, p: ProcessInfo): boolean {
  if (!s.command) return false;
  const want = [s.command, ...s.args];
  if (sameArgv(want, p.argv, p.argvExact)) return true;
  const exe = executableName(p.argv[0] ?? '');
  if (exe === 'cmd' || exe === 'sh' || exe === 'bash' || exe === 'zsh' || exe === 'dash') {
    const i = exe === 'cmd' ? p.argv.findIndex((a) => /^\/[ck]$/i.test(a)) : p.argv.findIndex((a) => /^-[a-z]*c$/.test(a));
    if (i > 0 && i + 1 < p.argv.length) {
      const rest = p.argv.slice(i + 1);
      return sameArgv(want, rest.length === 1 ? shellSplit(rest[0]) : rest, false);
    }
  }
  return false;
}

function sameArgv(want: readonly string[], got: readonly string[], exact: boolean): boolean {
  if (!got.length || !sameProgram(want[0], got[0])) return false;
  if (exact) {
    if (want.length !== got.length) return false;
    return want.slice(1).every((w, i) => argMatches(w, got[i + 1]));
  }
  const pattern = want.slice(1).map((w) => argPattern(w)).join(' ');
  return new RegExp(`^${pattern}$`, 's').test(got.slice(1).join(' '));
}

function sameProgram(want: string, got: string): boolean {
  if (!/[\\/]/.test(want)) return executableName(want) === executableName(got);
  const windows = /^[a-z]:[\\/]/i.test(want) || want.includes('\\');
  const norm = (s: string) => (windows ? s.replace(/\\/g, '/').toLowerCase() : s);
  return norm(want) === norm(got);
}

const VARIABLE = /\$\{[^}]+\}|\{env:[^}]+\}/;

function argMatches(want: string, got: string): boolean {
  return VARIABLE.test(want) ? new RegExp(`^${argPattern(want)}$`, 's').test(got) : want === got;
}

function argPattern(want: string): string {
  return want
    .split(VARIABLE)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*?');
}

/** Processes inside a container also show up on a Linux host: the `docker run` that started them is what counts. */
function inContainer(p: ProcessInfo, byPid: Map<number, ProcessInfo>): boolean {
  let cur = byPid.get(p.ppid);
  for (let hops = 0; cur && hops < 10; hops++) {
    const exe = executableName(cur.argv[0] ?? '');
    if (exe.startsWith('containerd-shim') || exe === 'conmon') return true;
    if (cur.ppid === cur.pid) break;
    cur = byPid.get(cur.ppid);
  }
  return false;
}

function rootOf(pid: number, candidates: Map<number, Detection | null>, byPid: Map<number, ProcessInfo>): number {
  const seen = new Set<number>([pid]);
  let root = pid;
  for (;;) {
    const up = candidateParent(root, candidates, byPid);
    if (up === null || seen.has(up)) return root;
    seen.add(up);
    root = up;
  }
}

/**
 * The nearest candidate ancestor, crossing at most three wrapper processes (shells, `npm`, `uv`, …) on the way.
 * A child that runs a package of its own joins only a launcher (npx → node) or a process of the same package family
 * (`kubernetes-mcp-server` → `kubernetes-mcp-server-darwin-arm64`); a different server that an MCP server starts
 * (an aggregator's children) is reported on its own, so its package is checked too.
 */
function candidateParent(pid: number, candidates: Map<number, Detection | null>, byPid: Map<number, ProcessInfo>): number | null {
  let cur = byPid.get(pid)?.ppid;
  for (let hops = 0; cur !== undefined && cur > 0 && cur !== pid && hops < 4; hops++) {
    if (candidates.has(cur)) {
      const child = candidates.get(pid);
      const parent = candidates.get(cur);
      if (!child?.package) return cur;
      return parent && (parent.launcher || sameFamily(child.package, parent)) ? cur : null;
    }
    const q = byPid.get(cur);
    if (!q || !isWrapper(q)) return null;
    cur = q.ppid;
  }
  return null;
}

function sameFamily(pkg: PackageRef, parent: Detection): boolean {
  if (parent.package && packageKey(parent.package.ecosystem, parent.package.name) === packageKey(pkg.ecosystem, pkg.name)) return true;
  const name = parent.package?.name ?? parent.program?.split(/[\\/]/).pop()?.replace(/\.(c?js|mjs|py|exe|cmd)$/i, '');
  return !!name && pkg.name.toLowerCase().startsWith(name.toLowerCase());
}

/** Root first, then its descendants, each after its parent. */
function orderFromRoot(rootPid: number, members: ProcessInfo[], byPid: Map<number, ProcessInfo>): ProcessInfo[] {
  const depth = (p: ProcessInfo) => {
    let d = 0;
    let cur: ProcessInfo | undefined = p;
    while (cur && cur.pid !== rootPid && d < 16) {
      cur = byPid.get(cur.ppid);
      d++;
    }
    return d;
  };
  return [...members].sort((a, b) => depth(a) - depth(b) || a.pid - b.pid);
}

/** The process as a server entry of its own, to ask the inventory about it (it comes from no client's file). */
function asServerEntry(root: ProcessInfo, members: ProcessInfo[], pkg: PackageRef | null, url: string | null, program: string | null, checker: Checker): ServerEntry {
  // the program an inventory's `match.commands` names may be any process of the chain, or the script an interpreter runs
  const programs = [...(program && /[\\/]/.test(program) ? [program] : []), ...members.map((m) => m.argv[0])];
  const command = programs.find((c) => c && checker.index.match({ command: c, package: null, url: null }).candidates.length) ?? programs[0] ?? null;
  const zero = { line: 0, character: 0 };
  return {
    name: `process ${root.pid}`,
    client: 'process' as ClientId, // not from any client; only the verdict and findings are used
    scope: 'user',
    file: '',
    range: { start: zero, end: zero },
    keyOffset: 0,
    keyLength: 0,
    valueOffset: 0,
    valueLength: 0,
    transport: 'stdio',
    command,
    args: root.argv.slice(1),
    url,
    envNames: [],
    headerNames: [],
    package: pkg,
    disabled: false,
  };
}

/** The command line with secrets masked: argument-aware masking first, then token formats anywhere. */
export function displayCommandLine(p: ProcessInfo): string {
  const masked = maskArgs(p.argv);
  return maskText(p.argvExact ? masked.map(quoteForDisplay).join(' ') : masked.join(' '));
}

function summarize(list: readonly RunningServer[]): ProcessesSummary {
  const s: ProcessesSummary = { total: list.length, configured: 0, unconfigured: 0, approved: 0, pending: 0, rejected: 0, deprecated: 0, unknown: 0 };
  for (const p of list) {
    if (p.unconfigured) s.unconfigured++;
    else s.configured++;
    s[p.verdict]++;
  }
  return s;
}
