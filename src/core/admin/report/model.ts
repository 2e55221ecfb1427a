// The fleet report's data: one document the HTML, Markdown and JSON outputs all render, so they carry the same
// numbers. Built from many `scan --format json` results (one per machine); nothing in it is a raw input: server
// launches are masked again, secret findings are only counted, and config file paths (which hold user names) are
// left out.
import type { Verdict } from '../../model';

export const VERDICTS: readonly Verdict[] = ['approved', 'pending', 'rejected', 'deprecated', 'unknown'];

export type VerdictCounts = Record<Verdict, number>;

export interface Breakdown {
  /** a client id or a scope */
  key: string;
  total: number;
  byVerdict: VerdictCounts;
  /** machines where at least one server of this client / scope was seen */
  machines: number;
}

export interface TrendDay {
  /** YYYY-MM-DD (UTC) */
  date: string;
  /** scans that day (a machine scanned twice counts once per day) */
  machines: number;
  servers: number;
  shadow: number;
  machinesWithShadow: number;
}

export interface ShadowExample {
  machine: string;
  client: string;
  scope: string;
  name: string;
  /** `npx -y pkg@1.2.3` or the URL, secrets masked */
  launch: string;
}

export interface ShadowServer {
  kind: 'package' | 'url' | 'command';
  /** `npm:@scope/pkg`, `url:https://host/path`, `command:/path` */
  key: string;
  label: string;
  machines: number;
  /** configured occurrences (a machine may configure it in several clients) */
  occurrences: number;
  clients: string[];
  versions: string[];
  examples: ShadowExample[];
  /** a ready inventory v1 entry to paste (status pending) */
  snippet: Record<string, unknown>;
}

export interface DeprecatedInUse {
  id: string;
  title: string | null;
  replacedBy: string | null;
  machines: number;
  occurrences: number;
  clients: string[];
  exampleMachines: string[];
}

export interface FleetReport {
  schemaVersion: 1;
  kind: 'mcp-gatekeeper-fleet-report';
  title: string;
  generatedAt: string;
  inputs: {
    /** result files read */
    files: number;
    /** distinct machines (the latest scan of each counts) */
    machines: number;
    /** files that were not scan results (listed up to 20) */
    invalid: number;
    invalidFiles: { file: string; error: string }[];
    /** machines with more than one result: only their latest scan is in the totals */
    rescannedMachines: number;
    /** results that carried a `scannedAt` date */
    dated: number;
  };
  totals: {
    servers: number;
    disabled: number;
    byVerdict: VerdictCounts;
    /** enabled servers no inventory entry matches (verdict unknown, no inventory id) */
    shadow: number;
    /** enabled servers whose package is in the inventory, but not at this version */
    unapprovedVersion: number;
    machinesWithShadow: number;
    machinesWithRejected: number;
    /** machines whose every enabled server is approved */
    machinesClean: number;
    /** config files the scans could not read or parse */
    configFilesWithErrors: number;
  };
  byClient: Breakdown[];
  byScope: Breakdown[];
  trend: { available: boolean; note: string; days: TrendDay[] };
  shadowServers: {
    top: ShadowServer[];
    /** distinct shadow servers seen across the fleet */
    distinct: number;
    /** rare ones dropped to bound memory (seen on one machine when the table was full) */
    pruned: number;
  };
  hygiene: {
    inventory: { source: string; organization: string | null; entries: number } | null;
    note: string;
    pendingDays: number;
    /** the entry fields read for a pending request's date */
    dateFields: string[];
    unusedApproved: { id: string; title: string | null }[];
    stalePending: { id: string; title: string | null; since: string; ageDays: number }[];
    pendingWithoutDate: { id: string; title: string | null }[];
    deprecatedInUse: DeprecatedInUse[];
  };
  /** `hardcoded-secret` findings: counted, never shown */
  secrets: { findings: number; servers: number; machines: number };
}

export function emptyVerdicts(): VerdictCounts {
  return { approved: 0, pending: 0, rejected: 0, deprecated: 0, unknown: 0 };
}
