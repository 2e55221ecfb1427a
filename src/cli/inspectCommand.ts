// `mcp-gatekeeper inspect NAME`: connect to one configured server, list its tools, prompts and resources, and report
// hidden instructions (tool-poisoning), names shared with other servers' tools (tool-shadowing) and tools that
// changed since the inventory pinned them or since the last inspection (tool-changed).
// Never automatic: a remote server is contacted because the user named it; a stdio server is STARTED only with
// --allow-stdio (without it: exit 2 and the exact command line it would run, secrets masked).
// Exit codes: 0 no findings (info aside), 1 findings, 2 usage error, no consent, server unreachable or timed out.
import * as path from 'node:path';
import { defaultCacheDir } from '../core/inventory/cache';
import { INSPECTIONS_FOLDER } from '../core/inspect/cache';
import { DEFAULT_TIMEOUT_MS } from '../core/inspect/connect';
import { summarizeFindings, toJson, toMarkdown, toText } from '../core/inspect/report';
import { runInspection } from '../core/inspect/session';
import { planLaunch } from '../core/inspect/target';
import type { CheckedServer } from '../core/model';
import { scan } from '../core/scan';
import { printable } from '../core/text';
import { oneOf, parse, UsageError } from './args';
import { discoveryContext, INVENTORY_OPTIONS, loadPolicyInventory, LOCATION_OPTIONS, policyContext } from './context';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

const FORMATS = ['table', 'json', 'markdown'] as const;

export async function runInspect(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...LOCATION_OPTIONS,
      ...INVENTORY_OPTIONS,
      file: { type: 'string' },
      'allow-stdio': { type: 'boolean' },
      format: { type: 'string' },
      timeout: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `inspect takes one server name (got ${positionals.length})` : 'inspect needs the NAME of a configured server');
  const name = positionals[0];
  const format = oneOf('format', values.format, FORMATS, 'table');
  const timeoutMs = parseTimeout(values.timeout);

  const ctx = await discoveryContext(values);
  const policy = await policyContext(ctx, values);
  const inventory = await loadPolicyInventory(ctx, policy, values);
  const result = await scan({ ...ctx, inventory, policy: policy.checks });
  const server = pickServer(result.servers, name, values.file);

  const planned = await planLaunch(server, { workspaces: ctx.workspaces, home: ctx.home, env: process.env });
  if (!planned.ok) throw new UsageError(planned.error, false);
  const plan = planned.plan;
  if (plan.kind === 'stdio' && values['allow-stdio'] !== true) {
    const env = plan.envNames.length ? `\nwith the environment variables ${plan.envNames.join(', ')} from its config (values not shown)` : '';
    throw new UsageError(
      `"${printable(server.name)}" is a stdio server: inspecting it STARTS this program on this machine:\n  ${printable(plan.display)}${env}\nRun again with --allow-stdio if you trust it.`,
      false,
    );
  }
  if (plan.kind === 'stdio') process.stderr.write(`mcp-gatekeeper: starting ${printable(plan.display)} (stopped after the inspection, at most ${timeoutMs / 1000} s)\n`);

  const cacheDir = path.join(values['cache-dir'] ? path.resolve(values['cache-dir']) : defaultCacheDir(ctx.home, ctx.platform, ctx.env), INSPECTIONS_FOLDER);
  const run = await runInspection({
    server,
    allServers: result.servers,
    inventory: inventory.inventory,
    cacheDir,
    plan,
    allowStdio: values['allow-stdio'] === true,
    timeoutMs,
    clientVersion: VERSION,
    policy: { enforcement: policy.checks.enforcement, severities: policy.checks.severities },
  });
  if (!run.ok) {
    process.stderr.write(`mcp-gatekeeper: could not inspect "${printable(server.name)}": ${printable(run.error)}\n`);
    return 2;
  }
  const report = run.report;
  if (format === 'json') process.stdout.write(`${JSON.stringify(toJson(report), null, 2)}\n`);
  else if (format === 'markdown') process.stdout.write(toMarkdown(report));
  else process.stdout.write(toText(report));
  const s = summarizeFindings(report.findings);
  return s.error + s.warning > 0 ? 1 : 0;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 600) throw new UsageError(`--timeout must be a number of seconds between 0 and 600 (got "${value}")`);
  return Math.round(n * 1000);
}

function pickServer(servers: CheckedServer[], name: string, file: string | undefined): CheckedServer {
  const wanted = file ? path.resolve(file) : undefined;
  const hits = servers.filter((s) => s.name === name && (!wanted || s.file === wanted));
  if (hits.length === 1) return hits[0];
  if (!hits.length) throw new UsageError(`no MCP server named "${printable(name)}" was found${wanted ? ` in ${wanted}` : ''}`, false);
  // the same server in several files (one client's file read by another, or copied): inspect it once
  const same = new Set(hits.map((s) => JSON.stringify([s.transport, s.url, s.command, s.args])));
  if (same.size === 1) return hits[0];
  const where = hits.map((s) => `  ${s.client} ${s.scope} ${s.file}:${s.range.start.line + 1}`).join('\n');
  throw new UsageError(`"${printable(name)}" is defined ${hits.length} times; choose one with --client or --file:\n${where}`, false);
}
