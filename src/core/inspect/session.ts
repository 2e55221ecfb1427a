// One inspection from start to report, shared by the CLI and the extension (each asks for consent its own way and
// shows the report its own way): connect and list → compare with the inventory's pins or the last inspection →
// analyze against the other servers' last inspections → remember this one → report.
import type { Inventory } from '../inventory/schema';
import type { CheckedServer, Severity } from '../model';
import { analyzeTools, applySeverityPolicy, type Baseline, type OtherServerTools } from './analyze';
import { inspectionKey, keyHash, readInspection, readInspections, writeInspection } from './cache';
import { inspectServer } from './connect';
import { toolFingerprint } from './fingerprint';
import type { InspectionReport } from './report';
import type { LaunchPlan } from './target';

export interface InspectRequest {
  server: CheckedServer;
  /** every configured server (for tool-shadowing: only their inspections are read) */
  allServers: readonly CheckedServer[];
  inventory: Inventory;
  /** the folder of stored inspections */
  cacheDir: string;
  plan: LaunchPlan;
  /** the user agreed to start the stdio command */
  allowStdio: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  clientVersion?: string;
  policy?: { enforcement?: 'warn' | 'error'; severities?: Partial<Record<string, Severity>> };
  /** for tests: the time of the inspection */
  now?: () => Date;
}

export type InspectRun = { ok: true; report: InspectionReport } | { ok: false; error: string; timedOut: boolean };

export async function runInspection(req: InspectRequest): Promise<InspectRun> {
  const outcome = await inspectServer(req.plan, { allowStdio: req.allowStdio, timeoutMs: req.timeoutMs, signal: req.signal, clientVersion: req.clientVersion });
  if (!outcome.ok) return { ok: false, error: outcome.error, timedOut: outcome.timedOut };
  const inspection = outcome.inspection;
  const inspectedAt = (req.now?.() ?? new Date()).toISOString();

  const hash = keyHash(inspectionKey(req.server));
  const previous = await readInspection(req.cacheDir, hash);
  const otherHashes = new Map<string, CheckedServer>();
  for (const s of req.allServers) {
    const h = keyHash(inspectionKey(s));
    if (h !== hash && !otherHashes.has(h)) otherHashes.set(h, s);
  }
  const others: OtherServerTools[] = (await readInspections(req.cacheDir, otherHashes.keys())).map((r) => {
    const s = otherHashes.get(r.keyHash)!;
    return { server: `${s.name} (${s.client})`, tools: r.tools.map((t) => t.name) };
  });

  const entry = req.server.inventoryId ? req.inventory.servers.find((s) => s.id === req.server.inventoryId) : undefined;
  let baseline: Baseline | null = null;
  if (entry?.tools?.length) {
    baseline = { source: 'inventory', label: `the tools pinned in the inventory entry "${entry.id}"`, pins: entry.tools.map((t) => ({ name: t.name, sha256: t.sha256 })), known: previous?.tools };
  } else if (previous) {
    baseline = {
      source: 'last-inspection',
      label: `the last inspection (${previous.inspectedAt.slice(0, 16).replace('T', ' ')} UTC)`,
      pins: previous.tools.map((t) => ({ name: t.name, sha256: toolFingerprint(t) })),
      known: previous.tools,
    };
  }

  const findings = applySeverityPolicy(
    analyzeTools({ tools: inspection.tools, instructions: inspection.instructions, prompts: inspection.prompts, others, baseline }),
    req.policy,
  );

  const notes = [...req.plan.notes];
  try {
    await writeInspection(req.cacheDir, {
      version: 1,
      keyHash: hash,
      name: req.server.name,
      client: req.server.client,
      inspectedAt,
      via: inspection.via,
      serverInfo: inspection.serverInfo,
      tools: inspection.tools,
    });
  } catch (e) {
    notes.push(`This inspection could not be kept for next time: ${e instanceof Error ? e.message : String(e)}.`);
  }
  if (!others.length && req.allServers.length > 1) notes.push('No other server has been inspected yet, so tool names could not be compared across servers (tool-shadowing).');

  return {
    ok: true,
    report: {
      server: {
        name: req.server.name,
        client: req.server.client,
        scope: req.server.scope,
        file: req.server.file,
        line: req.server.range.start.line + 1,
        transport: req.server.transport,
        target: req.plan.display,
        inventoryId: req.server.inventoryId,
      },
      inspectedAt,
      inspection,
      findings,
      baseline: baseline ? { source: baseline.source, label: baseline.label } : null,
      notes,
    },
  };
}
