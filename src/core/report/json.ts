// The CLI JSON contract (schemaVersion 1). Extend it, never break it. Secrets are masked in args, url and messages.
import type { CheckedServer, ClientId, Finding, PackageRef, Range, Scope, Severity, Transport, Verdict } from '../model';
import type { ScanResult } from '../scan';
import { maskArgs, maskText, maskUrl } from '../secrets';
import type { TrustInfo } from '../trust/types';

export interface JsonServer {
  name: string;
  client: ClientId;
  scope: Scope;
  file: string;
  range: Range;
  transport: Transport;
  command: string | null;
  args: string[];
  url: string | null;
  package: PackageRef | null;
  disabled: boolean;
  verdict: Verdict;
  inventoryId: string | null;
  /** which inventory rule decided the verdict; absent for shadow servers (added in 0.1, optional) */
  matchedBy?: { kind: 'package' | 'url' | 'command' | 'gateway'; rule: string };
  findings: Finding[];
  /** names only; values are never printed */
  envNames: string[];
  headerNames: string[];
  /** registry facts (npm and PyPI packages), present only when trust signals are on */
  trust?: TrustInfo;
}

export interface JsonReport {
  schemaVersion: 1;
  inventory: {
    source: string;
    organization: string | null;
    servers: number;
    fetchedAt: string | null;
    fromCache: boolean;
    stale: boolean;
    error: string | null;
  };
  files: ScanResult['files'];
  servers: JsonServer[];
  summary: ScanResult['summary'];
}

export function toJsonReport(result: ScanResult): JsonReport {
  return {
    schemaVersion: 1,
    inventory: {
      source: result.inventory.source,
      organization: result.inventory.inventory.organization ?? null,
      servers: result.inventory.inventory.servers.length,
      fetchedAt: result.inventory.fetchedAt,
      fromCache: result.inventory.fromCache,
      stale: result.inventory.stale,
      error: result.inventory.error === null ? null : maskUrl(result.inventory.error),
    },
    files: result.files,
    servers: result.servers.map(toJsonServer),
    summary: result.summary,
  };
}

export function toJsonServer(s: CheckedServer): JsonServer {
  return {
    name: maskText(s.name),
    client: s.client,
    scope: s.scope,
    file: s.file,
    range: s.range,
    transport: s.transport,
    command: s.command === null ? null : maskText(s.command),
    args: maskArgs(s.args),
    url: s.url === null ? null : maskUrl(s.url),
    package: s.package,
    disabled: s.disabled,
    verdict: s.verdict,
    inventoryId: s.inventoryId,
    ...(s.matchedBy ? { matchedBy: { kind: s.matchedBy.kind, rule: maskText(s.matchedBy.rule) } } : {}),
    findings: s.findings.map((f) => ({ ...f, message: maskText(f.message) })),
    envNames: s.envNames,
    headerNames: s.headerNames,
    ...(s.trust ? { trust: s.trust } : {}),
  };
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export type FailOn = 'shadow' | 'warning' | 'never';

/** Does the scan fail at this threshold? `shadow`: any enabled server not approved; `warning`: any warning or error. */
export function failsAt(result: Pick<ScanResult, 'servers'> & { files?: Pick<ScanResult['files'][number], 'findings'>[] }, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'shadow') return result.servers.some((s) => !s.disabled && s.verdict !== 'approved');
  const atLeastWarning = (f: { severity: Severity }) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning;
  // findings about files count too (a workspace setting policy, Claude Code settings approving MCP tools)
  return result.servers.some((s) => s.findings.some(atLeastWarning)) || (result.files ?? []).some((f) => (f.findings ?? []).some(atLeastWarning));
}
