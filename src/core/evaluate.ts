// From match candidates to a verdict and findings with messages that say what the inventory says.
import type { CheckedServer, Finding, MatchedBy, PackageRef, ServerEntry, Verdict } from './model';
import type { Candidate, InventoryIndex, VersionMismatch } from './inventory/match';
import type { InventoryServer } from './inventory/schema';
import { maskArgs, maskUrl } from './secrets';

/** Rejected beats everything; then the most specific match; on a tie the stricter status. */
const STATUS_WEIGHT: Record<InventoryServer['status'], number> = { rejected: 3, deprecated: 2, pending: 1, approved: 0 };

export function evaluateServer(server: ServerEntry, index: InventoryIndex): CheckedServer {
  const { candidates, versionMismatches } = index.match(server);
  const org = orgPhrase(index);
  const winner = pickWinner(candidates);
  let verdict: Verdict;
  let inventoryId: string | null;
  let matchedBy: MatchedBy | undefined;
  let finding: Finding | null;

  if (winner) {
    const entry = winner.entry;
    verdict = entry ? entry.status : 'approved';
    inventoryId = entry ? entry.id : null;
    matchedBy = describeMatch(winner, index);
    finding = entry ? statusFinding(server, entry, index, org) : null;
  } else if (versionMismatches.length) {
    const best = versionMismatches[0];
    verdict = 'unknown';
    inventoryId = best.entry.id;
    matchedBy = { kind: 'package', rule: describePackageMatch(best.packageMatch) };
    finding = versionFinding(server, best, org);
  } else {
    verdict = 'unknown';
    inventoryId = null;
    finding = { rule: 'shadow-mcp', severity: 'warning', message: `"${server.name}" is a shadow MCP server: ${describeTarget(server)} is not in ${org}.` };
  }

  const findings: Finding[] = [];
  if (finding) {
    // a disabled entry does not run: keep it visible, but only as information
    findings.push(server.disabled ? { ...finding, severity: 'info', message: `${finding.message} (The entry is disabled.)` } : finding);
  }
  return checkedServer(server, verdict, inventoryId, findings, matchedBy);
}

/**
 * A checked copy of an entry, written out field by field: in V8, `{ ...server, verdict, inventoryId, findings }`
 * leaves the fast path (a spread followed by new properties) and cost about 8 µs a server, more than matching it.
 * The mapped type makes a field added to ServerEntry or CheckedServer a compile error here until it is copied too.
 */
export function checkedServer(server: ServerEntry, verdict: Verdict, inventoryId: string | null, findings: Finding[], matchedBy?: MatchedBy): CheckedServer {
  // trust facts are added later (registry lookups), never by the check itself
  const checked: { [K in keyof Required<Omit<CheckedServer, 'matchedBy' | 'trust'>>]: CheckedServer[K] } & Pick<CheckedServer, 'matchedBy' | 'trust'> = {
    name: server.name,
    client: server.client,
    scope: server.scope,
    file: server.file,
    range: server.range,
    keyOffset: server.keyOffset,
    keyLength: server.keyLength,
    valueOffset: server.valueOffset,
    valueLength: server.valueLength,
    transport: server.transport,
    command: server.command,
    args: server.args,
    url: server.url,
    envNames: server.envNames,
    headerNames: server.headerNames,
    package: server.package,
    disabled: server.disabled,
    verdict,
    inventoryId,
    findings,
  };
  // only when there is one: a server no inventory rule matched has no `matchedBy` key
  if (matchedBy) checked.matchedBy = matchedBy;
  return checked;
}

function describeMatch(c: Candidate, index: InventoryIndex): MatchedBy {
  switch (c.kind) {
    case 'package':
      return { kind: 'package', rule: c.packageMatch ? describePackageMatch(c.packageMatch) : 'package' };
    case 'url':
      return { kind: 'url', rule: `URL pattern ${c.pattern ?? ''}`.trim() };
    case 'command':
      return { kind: 'command', rule: `command ${c.pattern ?? ''}`.trim() };
    case 'gateway':
      return { kind: 'gateway', rule: c.entry?.gatewayUrl ? `gateway route ${c.entry.gatewayUrl}` : `under the gateway ${index.inventory.gateway?.url ?? ''}`.trim() };
  }
}

function describePackageMatch(pm: { ecosystem: string; name: string; versions?: string; digest?: string }): string {
  const extra = pm.digest ? `, digest ${pm.digest.slice(0, 19)}…` : pm.versions ? `, versions ${pm.versions}` : ', any version';
  return `${pm.ecosystem} package ${pm.name}${extra}`;
}

function pickWinner(candidates: Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best || rank(c) > rank(best)) best = c;
  }
  return best;
}

function rank(c: Candidate): number {
  const status = c.entry ? STATUS_WEIGHT[c.entry.status] : 0;
  return (status === 3 ? 1000 : 0) + c.specificity * 10 + status;
}

function statusFinding(server: ServerEntry, entry: InventoryServer, index: InventoryIndex, org: string): Finding | null {
  const label = `"${server.name}" matches "${title(entry)}"`;
  const reason = entry.reason ? `: ${stripPeriod(entry.reason)}` : '';
  switch (entry.status) {
    case 'approved':
      return null;
    case 'pending':
      return { rule: 'pending-mcp', severity: 'warning', message: `${label}, which is pending approval in ${org} (not approved yet)${reason}.` };
    case 'rejected':
      return { rule: 'rejected-mcp', severity: 'error', message: `${label}, which ${org} rejects${reason || ' (no reason given)'}.${replacement(entry, index)}` };
    case 'deprecated':
      return { rule: 'deprecated-mcp', severity: 'warning', message: `${label}, which ${org} deprecates${reason}.${replacement(entry, index)}` };
  }
}

function versionFinding(server: ServerEntry, mismatch: VersionMismatch, org: string): Finding {
  const pkg = server.package!;
  const pm = mismatch.packageMatch;
  const allowed = pm.digest ? `only as image digest ${pm.digest.slice(0, 19)}…` : `only at versions ${pm.versions}`;
  const runs = pm.digest ? `${pkg.name} without that digest` : pkg.version ? formatPackage(pkg) : `${pkg.name} without a pinned version`;
  return {
    rule: 'unapproved-version',
    severity: 'warning',
    message: `"${server.name}" runs ${runs}, but ${org} approves "${title(mismatch.entry)}" ${allowed}.`,
  };
}

function stripPeriod(text: string): string {
  return text.trim().replace(/\.$/, '');
}

function replacement(entry: InventoryServer, index: InventoryIndex): string {
  if (!entry.replacedBy) return '';
  const r = index.replacementOf(entry);
  return ` Use ${r ? `"${title(r)}"` : `"${entry.replacedBy}"`} instead.`;
}

function title(entry: InventoryServer): string {
  return entry.title ?? entry.id;
}

function orgPhrase(index: InventoryIndex): string {
  const org = index.inventory.organization;
  return org ? `the ${org} inventory` : 'the inventory';
}

/** What a server runs or connects to, for messages (secrets masked). */
export function describeTarget(server: ServerEntry): string {
  if (server.url && server.transport !== 'stdio') return `the remote server ${maskUrl(server.url)}`;
  if (server.url) return `the remote server ${maskUrl(server.url)} (through ${server.command ?? 'a bridge'})`;
  if (server.package) {
    const kind = server.package.ecosystem === 'oci' ? 'container image' : `${server.package.ecosystem} package`;
    return `${kind} ${formatPackage(server.package)}`;
  }
  if (server.command) return `the command ${maskArgs([server.command])[0]}`;
  return 'its configuration';
}

/** A package as its launcher would spell it: `name@1.2.3`, `name==1.2.3`, `image:tag@sha256:…`. */
export function formatPackage(p: PackageRef): string {
  const digest = p.digest ? `@${p.digest}` : '';
  if (!p.version) return `${p.name}${digest}`;
  const sep = /^[<>=!~]/.test(p.version) ? '' : p.ecosystem === 'pypi' ? '==' : p.ecosystem === 'oci' ? ':' : '@';
  return `${p.name}${sep}${p.version}${digest}`;
}
