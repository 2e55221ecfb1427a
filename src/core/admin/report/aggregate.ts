// Streaming aggregation of `scan --format json` results into a FleetReport. Files are read one at a time (a few read
// ahead, consumed in order so the output is deterministic) and folded into counters; no raw result is kept. Memory
// is bounded by the number of distinct clients, scopes, days and shadow servers, not by the number of machines (the
// shadow table drops one-machine entries when it grows past a limit, and says how many).
// A machine scanned more than once (the same `machine` name) counts with its latest scan: each machine's share of
// the totals is kept as a subtractable contribution, so a later scan replaces an earlier one by reading only that
// earlier file again. Every scan counts in the trend.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Verdict } from '../../model';
import type { LoadedInventory } from '../../inventory/load';
import { packageKey } from '../../inventory/match';
import { formatNormalUrl, normalizeUrl } from '../../urls';
import { maskArgs, maskText, maskUrl } from '../../secrets';
import { executableName } from '../../launchers';
import { suggestId } from '../import';
import { emptyVerdicts, VERDICTS, type Breakdown, type DeprecatedInUse, type FleetReport, type ShadowServer, type TrendDay } from './model';

export interface ReportOptions {
  title?: string;
  /** the inventory for the hygiene section (unused approvals, stale requests, deprecated servers' replacements) */
  inventory?: LoadedInventory | null;
  /** pending requests older than this many days are listed (default 30) */
  pendingDays?: number;
  /** how many shadow servers to list (default 20) */
  top?: number;
  /** distinct shadow servers tracked before rare ones are dropped (default 20000) */
  maxTracked?: number;
  now?: Date;
  /** result files read ahead while one is folded in (default 8) */
  readAhead?: number;
}

/** The fields of a scan result the report reads (the `scan --format json` contract, plus optional extras). */
interface ScanInput {
  schemaVersion: 1;
  machine?: unknown;
  scannedAt?: unknown;
  files?: { error?: unknown }[];
  servers: ServerInput[];
}

interface ServerInput {
  name?: unknown;
  client?: unknown;
  scope?: unknown;
  command?: unknown;
  args?: unknown;
  url?: unknown;
  package?: { ecosystem?: unknown; name?: unknown; version?: unknown } | null;
  disabled?: unknown;
  verdict?: unknown;
  inventoryId?: unknown;
  findings?: { rule?: unknown }[];
}

const DATE_FIELDS = ['requestedAt', 'since'];

// ---------- inputs ----------

/** Every `*.json` under the given files and folders, one path at a time (folders in name order, recursively). */
export async function* resultFiles(inputs: readonly string[]): AsyncGenerator<string> {
  for (const input of inputs) {
    const st = await fs.stat(input).catch(() => null);
    if (!st) throw new Error(`${input}: not found`);
    if (st.isDirectory()) yield* walk(input);
    else yield input;
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const names: { name: string; dir: boolean }[] = [];
  for await (const d of await fs.opendir(dir)) {
    if (d.isDirectory()) names.push({ name: d.name, dir: true });
    else if (d.isFile() && d.name.toLowerCase().endsWith('.json')) names.push({ name: d.name, dir: false });
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    const p = path.join(dir, n.name);
    if (n.dir) yield* walk(p);
    else yield p;
  }
}

type Loaded = { file: string; ok: true; scan: ScanInput } | { file: string; ok: false; error: string };

const MAX_RESULT_BYTES = 20 * 1024 * 1024;

async function load(file: string): Promise<Loaded> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    if ((await handle.stat()).size > MAX_RESULT_BYTES) return { file, ok: false, error: 'larger than 20 MB' };
    const data = JSON.parse((await handle.readFile('utf8')).replace(/^\uFEFF/, '')) as unknown;
    if (!data || typeof data !== 'object' || (data as { schemaVersion?: unknown }).schemaVersion !== 1 || !Array.isArray((data as { servers?: unknown }).servers)) {
      return { file, ok: false, error: 'not a scan result (expected `scan --format json` output, schemaVersion 1)' };
    }
    return { file, ok: true, scan: data as ScanInput };
  } catch (e) {
    return { file, ok: false, error: e instanceof SyntaxError ? 'invalid JSON' : ((e as NodeJS.ErrnoException).code ?? String(e)) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Loads files with a few reads in flight, yielding them in input order. */
async function* loadInOrder(files: AsyncIterable<string>, readAhead: number): AsyncGenerator<Loaded> {
  const queue: Promise<Loaded>[] = [];
  for await (const file of files) {
    queue.push(load(file));
    if (queue.length >= readAhead) yield await queue.shift()!;
  }
  while (queue.length) yield await queue.shift()!;
}

export function machineOf(scan: ScanInput, file: string): string {
  return typeof scan.machine === 'string' && scan.machine.trim() ? scan.machine.trim() : path.basename(file).replace(/\.json$/i, '');
}

function dateOf(scan: ScanInput): number | null {
  if (typeof scan.scannedAt !== 'string') return null;
  const t = Date.parse(scan.scannedAt);
  return Number.isFinite(t) ? t : null;
}

// ---------- the fleet totals ----------

interface ShadowAcc {
  kind: ShadowServer['kind'];
  key: string;
  label: string;
  snippetValue: string;
  ecosystem?: string;
  machines: number;
  occurrences: number;
  clients: Map<string, number>;
  versions: Map<string, number>;
  examples: ShadowServer['examples'];
}

interface BreakdownAcc {
  total: number;
  byVerdict: Record<Verdict, number>;
  machines: number;
}

/** What one machine's scan adds to the fleet totals; subtracted again when a later scan of it replaces it. */
interface Contribution {
  machine: string;
  servers: number;
  disabled: number;
  byVerdict: Record<Verdict, number>;
  shadow: number;
  unapprovedVersion: number;
  configFilesWithErrors: number;
  hasShadow: boolean;
  hasRejected: boolean;
  clean: boolean;
  secretFindings: number;
  secretServers: number;
  clients: Map<string, { total: number; byVerdict: Record<Verdict, number> }>;
  scopes: Map<string, { total: number; byVerdict: Record<Verdict, number> }>;
  /** `server` is kept only until the contribution is applied: examples are built from it when one is needed */
  shadows: Map<string, { id: Pick<ShadowAcc, 'kind' | 'key' | 'label' | 'snippetValue' | 'ecosystem'>; occurrences: number; clients: Set<string>; versions: Set<string>; first: { client: string; scope: string; server: ServerInput } }>;
  deprecated: Map<string, { occurrences: number; clients: Set<string> }>;
  approvedIds: Set<string>;
}

function contribution(scan: ScanInput, machine: string): Contribution {
  const c: Contribution = {
    machine,
    servers: 0,
    disabled: 0,
    byVerdict: emptyVerdicts(),
    shadow: 0,
    unapprovedVersion: 0,
    configFilesWithErrors: 0,
    hasShadow: false,
    hasRejected: false,
    clean: true,
    secretFindings: 0,
    secretServers: 0,
    clients: new Map(),
    scopes: new Map(),
    shadows: new Map(),
    deprecated: new Map(),
    approvedIds: new Set(),
  };
  for (const f of scan.files ?? []) if (f && typeof f.error === 'string' && f.error) c.configFilesWithErrors++;
  for (const s of scan.servers) {
    if (!s || typeof s !== 'object') continue;
    const verdict = (VERDICTS as readonly unknown[]).includes(s.verdict) ? (s.verdict as Verdict) : 'unknown';
    const client = typeof s.client === 'string' ? s.client : 'unknown';
    const scope = typeof s.scope === 'string' ? s.scope : 'unknown';
    const inventoryId = typeof s.inventoryId === 'string' ? s.inventoryId : null;
    c.servers++;
    c.byVerdict[verdict]++;
    for (const [map, key] of [[c.clients, client], [c.scopes, scope]] as const) {
      let b = map.get(key);
      if (!b) map.set(key, (b = { total: 0, byVerdict: emptyVerdicts() }));
      b.total++;
      b.byVerdict[verdict]++;
    }
    const secrets = (s.findings ?? []).filter((f) => f && f.rule === 'hardcoded-secret').length;
    if (secrets) {
      c.secretFindings += secrets;
      c.secretServers++;
    }
    if (s.disabled === true) {
      c.disabled++;
      continue;
    }
    if (verdict !== 'approved') c.clean = false;
    if (verdict === 'approved' && inventoryId) c.approvedIds.add(inventoryId);
    if (verdict === 'rejected') c.hasRejected = true;
    if (verdict === 'deprecated' && inventoryId) {
      let d = c.deprecated.get(inventoryId);
      if (!d) c.deprecated.set(inventoryId, (d = { occurrences: 0, clients: new Set() }));
      d.occurrences++;
      d.clients.add(client);
    }
    if (verdict === 'unknown' && inventoryId) c.unapprovedVersion++;
    if (verdict === 'unknown' && !inventoryId) {
      c.shadow++;
      c.hasShadow = true;
      const id = shadowIdentity(s);
      if (!id) continue;
      let x = c.shadows.get(id.key);
      if (!x) c.shadows.set(id.key, (x = { id, occurrences: 0, clients: new Set(), versions: new Set(), first: { client, scope, server: s } }));
      x.occurrences++;
      x.clients.add(client);
      const version = s.package && typeof s.package.version === 'string' ? s.package.version : null;
      if (version) x.versions.add(version);
    }
  }
  return c;
}

class FleetTotals {
  machines = 0;
  servers = 0;
  disabled = 0;
  byVerdict = emptyVerdicts();
  shadow = 0;
  unapprovedVersion = 0;
  machinesWithShadow = 0;
  machinesWithRejected = 0;
  machinesClean = 0;
  configFilesWithErrors = 0;
  readonly byClient = new Map<string, BreakdownAcc>();
  readonly byScope = new Map<string, BreakdownAcc>();
  readonly shadows = new Map<string, ShadowAcc>();
  pruned = 0;
  readonly approvedSeen = new Map<string, number>();
  readonly deprecated = new Map<string, { machines: number; occurrences: number; clients: Map<string, number>; examples: string[] }>();
  secretFindings = 0;
  secretServers = 0;
  secretMachines = 0;

  constructor(private readonly maxTracked: number) {}

  /** Adds (sign 1) or takes back (sign -1) one machine's scan. */
  apply(c: Contribution, sign: 1 | -1): void {
    this.machines += sign;
    this.servers += sign * c.servers;
    this.disabled += sign * c.disabled;
    for (const v of VERDICTS) this.byVerdict[v] += sign * c.byVerdict[v];
    this.shadow += sign * c.shadow;
    this.unapprovedVersion += sign * c.unapprovedVersion;
    this.configFilesWithErrors += sign * c.configFilesWithErrors;
    if (c.hasShadow) this.machinesWithShadow += sign;
    if (c.hasRejected) this.machinesWithRejected += sign;
    if (c.clean && !c.unapprovedVersion) this.machinesClean += sign;
    this.secretFindings += sign * c.secretFindings;
    this.secretServers += sign * c.secretServers;
    if (c.secretFindings) this.secretMachines += sign;
    for (const [map, from] of [[this.byClient, c.clients], [this.byScope, c.scopes]] as const) {
      for (const [key, b] of from) {
        let acc = map.get(key);
        if (!acc) map.set(key, (acc = { total: 0, byVerdict: emptyVerdicts(), machines: 0 }));
        acc.total += sign * b.total;
        for (const v of VERDICTS) acc.byVerdict[v] += sign * b.byVerdict[v];
        acc.machines += sign;
        if (acc.total <= 0 && acc.machines <= 0) map.delete(key);
      }
    }
    for (const id of c.approvedIds) {
      const n = (this.approvedSeen.get(id) ?? 0) + sign;
      if (n > 0) this.approvedSeen.set(id, n);
      else this.approvedSeen.delete(id);
    }
    for (const [id, d] of c.deprecated) {
      let acc = this.deprecated.get(id);
      if (!acc) {
        if (sign < 0) continue;
        this.deprecated.set(id, (acc = { machines: 0, occurrences: 0, clients: new Map(), examples: [] }));
      }
      acc.machines += sign;
      acc.occurrences += sign * d.occurrences;
      for (const client of d.clients) countIn(acc.clients, client, sign);
      if (sign > 0 && acc.examples.length < 5 && !acc.examples.includes(c.machine)) acc.examples.push(c.machine);
      if (sign < 0) acc.examples = acc.examples.filter((m) => m !== c.machine);
      if (acc.machines <= 0) this.deprecated.delete(id);
    }
    for (const [key, x] of c.shadows) {
      let acc = this.shadows.get(key);
      if (!acc) {
        if (sign < 0) continue; // dropped by pruning meanwhile
        if (this.shadows.size >= this.maxTracked) this.prune();
        this.shadows.set(key, (acc = { ...x.id, machines: 0, occurrences: 0, clients: new Map(), versions: new Map(), examples: [] }));
      }
      acc.machines += sign;
      acc.occurrences += sign * x.occurrences;
      for (const client of x.clients) countIn(acc.clients, client, sign);
      for (const raw of x.versions) {
        const v = maskText(raw);
        if (sign < 0 || acc.versions.size < 12 || acc.versions.has(v)) countIn(acc.versions, v, sign);
      }
      if (sign > 0 && acc.examples.length < 3) {
        const { client, scope, server } = x.first;
        acc.examples.push({ machine: c.machine, client, scope, name: maskText(typeof server.name === 'string' ? server.name : ''), launch: launchOf(server) });
      }
      if (sign < 0) acc.examples = acc.examples.filter((e) => e.machine !== c.machine);
      if (acc.machines <= 0) this.shadows.delete(key);
    }
  }

  /** Drops the shadow servers seen on a single machine so far: the long tail of one-off local scripts. */
  private prune(): void {
    for (const [key, acc] of this.shadows) {
      if (acc.machines <= 1) {
        this.shadows.delete(key);
        this.pruned++;
      }
    }
    // everything is common: drop the least common half rather than grow without bound
    if (this.shadows.size >= this.maxTracked) {
      const sorted = [...this.shadows.values()].sort((a, b) => a.machines - b.machines);
      for (const acc of sorted.slice(0, Math.ceil(sorted.length / 2))) {
        this.shadows.delete(acc.key);
        this.pruned++;
      }
    }
  }
}

function countIn(map: Map<string, number>, key: string, sign: 1 | -1): void {
  const n = (map.get(key) ?? 0) + sign;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/** What a shadow server is across machines: its package, else its URL, else its command. */
function shadowIdentity(s: ServerInput): Pick<ShadowAcc, 'kind' | 'key' | 'label' | 'snippetValue' | 'ecosystem'> | null {
  const pkg = s.package;
  if (pkg && typeof pkg.name === 'string' && typeof pkg.ecosystem === 'string') {
    const eco = pkg.ecosystem as Parameters<typeof packageKey>[0];
    return { kind: 'package', key: `package:${packageKey(eco, pkg.name)}`, label: maskText(pkg.name), snippetValue: maskText(pkg.name), ecosystem: eco };
  }
  if (typeof s.url === 'string') {
    const n = normalizeUrl(s.url);
    const shown = n ? maskUrl(formatNormalUrl(n)) : maskUrl(s.url.replace(/[?#].*$/, ''));
    return { kind: 'url', key: `url:${shown}`, label: shown, snippetValue: shown };
  }
  if (typeof s.command === 'string' && s.command) {
    const cmd = maskText(s.command);
    return { kind: 'command', key: `command:${cmd}`, label: cmd, snippetValue: cmd };
  }
  return null;
}

function launchOf(s: ServerInput): string {
  if (typeof s.url === 'string' && (typeof s.command !== 'string' || !s.command)) return maskUrl(s.url);
  const args = Array.isArray(s.args) ? s.args.filter((a): a is string => typeof a === 'string') : [];
  const shown = maskArgs(args.slice(0, 8));
  return [typeof s.command === 'string' ? maskText(s.command) : '', ...shown, ...(args.length > 8 ? ['…'] : [])].filter(Boolean).join(' ');
}

// ---------- the trend ----------

class Trend {
  readonly days = new Map<string, { machines: Set<string>; servers: number; shadow: number; machinesWithShadow: number }>();
  dated = 0;

  add(scan: ScanInput, machine: string, at: number | null): void {
    if (at === null) return;
    this.dated++;
    const date = new Date(at).toISOString().slice(0, 10);
    let day = this.days.get(date);
    if (!day) this.days.set(date, (day = { machines: new Set(), servers: 0, shadow: 0, machinesWithShadow: 0 }));
    // a machine scanned twice in a day counts once: its last scan that day wins would need the raw data again; the
    // first one is kept, which is as good a sample
    if (day.machines.has(machine)) return;
    day.machines.add(machine);
    let shadow = 0;
    for (const s of scan.servers) if (s && s.disabled !== true && s.verdict === 'unknown' && typeof s.inventoryId !== 'string') shadow++;
    day.servers += scan.servers.length;
    day.shadow += shadow;
    if (shadow) day.machinesWithShadow++;
  }

  result(): TrendDay[] {
    return [...this.days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, d]) => ({ date, machines: d.machines.size, servers: d.servers, shadow: d.shadow, machinesWithShadow: d.machinesWithShadow }));
  }
}

// ---------- the report ----------

export async function buildFleetReport(inputs: readonly string[], options: ReportOptions = {}): Promise<FleetReport> {
  const maxTracked = options.maxTracked ?? 20000;
  const readAhead = Math.max(1, options.readAhead ?? 8);
  const now = options.now ?? new Date();
  const totals = new FleetTotals(maxTracked);
  const trend = new Trend();
  const invalidFiles: { file: string; error: string }[] = [];
  let invalid = 0;
  let files = 0;
  let rescannedMachines = 0;
  // which scan of each machine is in the totals (file names only, to read an older one again when it is replaced)
  const counted = new Map<string, { at: number | null; file: string }>();

  for await (const loaded of loadInOrder(resultFiles(inputs), readAhead)) {
    files++;
    if (!loaded.ok) {
      invalid++;
      if (invalidFiles.length < 20) invalidFiles.push({ file: loaded.file, error: loaded.error });
      continue;
    }
    const machine = machineOf(loaded.scan, loaded.file);
    const at = dateOf(loaded.scan);
    trend.add(loaded.scan, machine, at);
    const seen = counted.get(machine);
    if (!seen) {
      counted.set(machine, { at, file: loaded.file });
      totals.apply(contribution(loaded.scan, machine), 1);
      continue;
    }
    // the same machine again: the later scan counts (by scannedAt; undated ones by input order)
    rescannedMachines++;
    if ((at ?? Infinity) < (seen.at ?? -Infinity)) continue;
    const old = await load(seen.file);
    if (old.ok) totals.apply(contribution(old.scan, machine), -1);
    else totals.machines--; // it vanished meanwhile: at least keep the machine count right
    totals.apply(contribution(loaded.scan, machine), 1);
    counted.set(machine, { at, file: loaded.file });
  }

  return assemble(totals, trend, { files, invalid, invalidFiles, rescannedMachines, machines: counted.size }, options, now);
}

function assemble(t: FleetTotals, trend: Trend, inputs: { files: number; invalid: number; invalidFiles: { file: string; error: string }[]; rescannedMachines: number; machines: number }, options: ReportOptions, now: Date): FleetReport {
  const top = options.top ?? 20;
  const breakdown = (map: Map<string, BreakdownAcc>): Breakdown[] =>
    [...map.entries()].map(([key, a]) => ({ key, total: a.total, byVerdict: a.byVerdict, machines: a.machines })).sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
  const shadowList = [...t.shadows.values()].sort((a, b) => b.machines - a.machines || b.occurrences - a.occurrences || (a.key < b.key ? -1 : 1));
  const days = trend.result();
  const trendNote =
    trend.dated === 0
      ? 'No result carries a scannedAt date, so there is no trend. Add a top-level "scannedAt" (ISO time) to each result, e.g. in the agent that collects them.'
      : days.length < 2
        ? `All dated results are from ${days[0]?.date}: one day is not a trend yet.`
        : `${trend.dated} of ${inputs.files - inputs.invalid} results carry a scannedAt date.`;

  return {
    schemaVersion: 1,
    kind: 'mcp-gatekeeper-fleet-report',
    title: options.title ?? `MCP fleet report${options.inventory?.inventory.organization ? ` — ${options.inventory.inventory.organization}` : ''}`,
    generatedAt: now.toISOString(),
    inputs: { files: inputs.files, machines: inputs.machines, invalid: inputs.invalid, invalidFiles: inputs.invalidFiles, rescannedMachines: inputs.rescannedMachines, dated: trend.dated },
    totals: {
      servers: t.servers,
      disabled: t.disabled,
      byVerdict: t.byVerdict,
      shadow: t.shadow,
      unapprovedVersion: t.unapprovedVersion,
      machinesWithShadow: t.machinesWithShadow,
      machinesWithRejected: t.machinesWithRejected,
      machinesClean: t.machinesClean,
      configFilesWithErrors: t.configFilesWithErrors,
    },
    byClient: breakdown(t.byClient),
    byScope: breakdown(t.byScope),
    trend: { available: days.length >= 2, note: trendNote, days },
    shadowServers: { top: shadowList.slice(0, top).map((s) => toShadowServer(s, now)), distinct: t.shadows.size + t.pruned, pruned: t.pruned },
    hygiene: hygiene(t, options, now),
    secrets: { findings: t.secretFindings, servers: t.secretServers, machines: t.secretMachines },
  };
}

function toShadowServer(s: ShadowAcc, now: Date): ShadowServer {
  const id = suggestId(s.kind, s.snippetValue);
  const match =
    s.kind === 'package' ? { packages: [{ ecosystem: s.ecosystem, name: s.snippetValue }] } : s.kind === 'url' ? { urls: [s.snippetValue] } : { commands: [s.snippetValue] };
  return {
    kind: s.kind,
    key: s.key,
    label: s.label,
    machines: s.machines,
    occurrences: s.occurrences,
    clients: [...s.clients.keys()].sort(),
    versions: [...s.versions.keys()].sort(),
    examples: s.examples,
    snippet: { id, title: s.kind === 'command' ? executableName(s.snippetValue) : s.label, status: 'pending', match, reason: `seen on ${s.machines} machine${s.machines === 1 ? '' : 's'} (fleet report ${now.toISOString().slice(0, 10)}); review before approving` },
  };
}

function hygiene(t: FleetTotals, options: ReportOptions, now: Date): FleetReport['hygiene'] {
  const pendingDays = options.pendingDays ?? 30;
  const inv = options.inventory ?? null;
  const byId = new Map((inv?.inventory.servers ?? []).map((s) => [s.id, s] as const));
  const deprecatedInUse: DeprecatedInUse[] = [...t.deprecated.entries()]
    .map(([id, d]) => ({ id, title: byId.get(id)?.title ?? null, replacedBy: byId.get(id)?.replacedBy ?? null, machines: d.machines, occurrences: d.occurrences, clients: [...d.clients.keys()].sort(), exampleMachines: d.examples }))
    .sort((a, b) => b.machines - a.machines || (a.id < b.id ? -1 : 1));
  if (!inv) {
    return {
      inventory: null,
      note: 'No inventory given (--inventory): unused approvals and stale requests need it. Deprecated servers in use come from the scan results.',
      pendingDays,
      dateFields: DATE_FIELDS,
      unusedApproved: [],
      stalePending: [],
      pendingWithoutDate: [],
      deprecatedInUse,
    };
  }
  const unusedApproved = inv.inventory.servers.filter((s) => s.status === 'approved' && !t.approvedSeen.has(s.id)).map((s) => ({ id: s.id, title: s.title ?? null }));
  const stalePending: FleetReport['hygiene']['stalePending'] = [];
  const pendingWithoutDate: FleetReport['hygiene']['pendingWithoutDate'] = [];
  for (const s of inv.inventory.servers.filter((e) => e.status === 'pending')) {
    const raw = DATE_FIELDS.map((f) => (s as Record<string, unknown>)[f]).find((v) => typeof v === 'string' && Number.isFinite(Date.parse(v))) as string | undefined;
    if (!raw) {
      pendingWithoutDate.push({ id: s.id, title: s.title ?? null });
      continue;
    }
    const ageDays = Math.floor((now.getTime() - Date.parse(raw)) / 86_400_000);
    if (ageDays > pendingDays) stalePending.push({ id: s.id, title: s.title ?? null, since: raw, ageDays });
  }
  stalePending.sort((a, b) => b.ageDays - a.ageDays);
  return {
    inventory: { source: inv.source, organization: inv.inventory.organization ?? null, entries: inv.inventory.servers.length },
    note: `A pending request's date is read from its "requestedAt" field, else "since" (ISO dates); requests without either are listed separately.`,
    pendingDays,
    dateFields: DATE_FIELDS,
    unusedApproved,
    stalePending,
    pendingWithoutDate,
    deprecatedInUse,
  };
}
