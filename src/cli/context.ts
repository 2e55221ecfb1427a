// What every scanning command shares: where to look (home, OS layout, workspaces, system root), the effective
// policy (managed file > command line > defaults) and the inventory it names.
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { appendAuditRecords, auditLogPath, AUDIT_LOG_ENV } from '../core/audit/log';
import type { AuditRecord, AuditSource } from '../core/audit/record';
import { isClientId, type DiscoveryContext } from '../core/clients';
import { SYSTEM_ROOT_ENV } from '../core/clients/systemPaths';
import { defaultCacheDir } from '../core/inventory/cache';
import type { LoadedInventory } from '../core/inventory/load';
import { loadInventorySource } from '../core/inventory/sources';
import type { ClientId, Platform } from '../core/model';
import { managedPolicyPath, readPolicyFile, resolvePolicy, type EffectivePolicy, type PolicyLayer } from '../core/policy/policy';
import type { PolicyForChecks } from '../core/policy/apply';
import { docsBaseUrlProblem } from '../core/rules/docs';
import { checkUrl } from '../core/net/httpGet';
import { oneOf, UsageError } from './args';

export const LOCATION_OPTIONS = {
  workspace: { type: 'string', multiple: true },
  home: { type: 'string' },
  platform: { type: 'string' },
  'system-root': { type: 'string' },
  client: { type: 'string', multiple: true },
} as const;

export const INVENTORY_OPTIONS = {
  inventory: { type: 'string' },
  policy: { type: 'string' },
  'cache-dir': { type: 'string' },
  'ca-file': { type: 'string' },
  'docs-base-url': { type: 'string' },
} as const;

/** Registry lookups for `scan` and `request`: `--trust` turns them on for this run (the policy may turn them on too). */
export const TRUST_OPTIONS = {
  trust: { type: 'boolean' },
  'npm-registry': { type: 'string' },
  'pypi-registry': { type: 'string' },
} as const;

const PLATFORMS = ['linux', 'darwin', 'win32'] as const;

export interface LocationValues {
  workspace?: string[];
  home?: string;
  platform?: string;
  'system-root'?: string;
  client?: string[];
}

export interface InventoryValues {
  inventory?: string;
  policy?: string;
  'cache-dir'?: string;
  'ca-file'?: string;
  'docs-base-url'?: string;
}

export interface TrustValues {
  trust?: boolean;
  'npm-registry'?: string;
  'pypi-registry'?: string;
}

export async function discoveryContext(values: LocationValues): Promise<DiscoveryContext & { clients: ClientId[] }> {
  const platform = oneOf('platform', values.platform, PLATFORMS, hostPlatform());
  const clients = (values.client ?? []).map((c): ClientId => {
    if (!isClientId(c)) throw new UsageError(`unknown client "${c}"`);
    return c;
  });
  const home = path.resolve(values.home ?? os.homedir());
  const workspaces = (values.workspace?.length ? values.workspace : [process.cwd()]).map((w) => path.resolve(w));
  for (const w of workspaces) await requireDirectory(w, '--workspace');
  if (values.home) await requireDirectory(home, '--home');
  // a simulated home gets no environment overrides from the real one
  const env: Record<string, string | undefined> = values.home ? {} : { ...process.env };
  if (values['system-root']) {
    await requireDirectory(path.resolve(values['system-root']), '--system-root');
    env[SYSTEM_ROOT_ENV] = path.resolve(values['system-root']);
  }
  return { home, platform, workspaces, env, clients };
}

export interface PolicyContext {
  policy: EffectivePolicy;
  checks: PolicyForChecks;
  policyFile: string;
}

export async function policyContext(ctx: DiscoveryContext, values: InventoryValues & TrustValues): Promise<PolicyContext> {
  const policyFile = values.policy ? path.resolve(values.policy) : managedPolicyPath(ctx);
  const file = await readPolicyFile(policyFile);
  if (file.kind === 'error') throw new UsageError(`policy file is invalid, refusing to run with a weaker policy: ${file.message}`, false);
  if (file.kind === 'absent' && values.policy) throw new UsageError(`policy file not found: ${policyFile}`, false);
  // The person running the CLI may name the inventory and CA explicitly (e.g. in CI); that wins for those values.
  // Everything else (signatures, enforcement, gateway requirement) comes from the managed file.
  const inventory: NonNullable<PolicyLayer['values']['inventory']> = {};
  if (values.inventory) inventory.source = /^(https?:\/\/|builtin)/i.test(values.inventory) ? values.inventory : path.resolve(values.inventory);
  if (values['ca-file']) inventory.caFile = path.resolve(values['ca-file']);
  const docsBaseUrl = values['docs-base-url'];
  const docsProblem = docsBaseUrl !== undefined && docsBaseUrlProblem(docsBaseUrl);
  if (docsProblem) throw new UsageError(`--docs-base-url: ${docsProblem}`);
  const trustSignals = trustFlags(values);
  const layers: PolicyLayer[] = [];
  if (Object.keys(inventory).length || trustSignals) layers.push({ origin: 'command line', values: { ...(Object.keys(inventory).length ? { inventory } : {}), ...(trustSignals ? { trustSignals } : {}) } });
  if (file.kind === 'ok') layers.push(file.layer);
  // where help links point is the organization's call: the managed file wins over the flag
  if (docsBaseUrl !== undefined) layers.push({ origin: 'command line', values: { docsBaseUrl } });
  const policy = resolvePolicy(layers);
  return {
    policy,
    policyFile,
    checks: { requireGateway: policy.requireGateway.value, enforcement: policy.enforcement.value, severities: policy.severities.value },
  };
}

function trustFlags(values: TrustValues): NonNullable<PolicyLayer['values']['trustSignals']> | undefined {
  const out: NonNullable<PolicyLayer['values']['trustSignals']> = {};
  if (values.trust) out.enabled = true;
  for (const [flag, key] of [['npm-registry', 'npmRegistry'], ['pypi-registry', 'pypiRegistry']] as const) {
    const url = values[flag]?.trim();
    if (url === undefined) continue;
    const bad = checkUrl(url);
    if (bad) throw new UsageError(`--${flag}: ${bad}`);
    out[key] = url;
  }
  return Object.keys(out).length ? out : undefined;
}

/** `--cache-dir`, or the user's cache folder (inventory copies, registry facts, request records). */
export function cacheDirOf(ctx: DiscoveryContext, values: InventoryValues): string {
  return values['cache-dir'] ? path.resolve(values['cache-dir']) : defaultCacheDir(ctx.home, ctx.platform, ctx.env);
}

export async function loadPolicyInventory(ctx: DiscoveryContext, p: PolicyContext, values: InventoryValues): Promise<LoadedInventory> {
  const source = p.policy.inventorySource.value;
  const token = process.env[p.policy.tokenEnv.value];
  const r = await loadInventorySource(source, {
    cacheDir: cacheDirOf(ctx, values),
    staleAfterMs: p.policy.staleAfterDays.value * 24 * 60 * 60 * 1000,
    trustedKeys: p.policy.trustedKeys.value,
    http: { bearerToken: token || undefined, caFiles: p.policy.caFile.value ? [p.policy.caFile.value] : undefined },
  });
  if (!r.ok) throw new UsageError(r.error, false);
  return r.value;
}

async function requireDirectory(dir: string, flag: string): Promise<void> {
  const st = await fs.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new UsageError(`${flag} ${dir} is not a folder`);
}

export function hostPlatform(): Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
}

/**
 * The change log this run records to and `log` reads: `$MCPG_AUDIT_LOG`, else the state folder of the home in use
 * (a simulated `--home` keeps its own log, as it keeps its own cache).
 */
export function cliAuditLogPath(ctx: Pick<DiscoveryContext, 'home' | 'platform' | 'env'>): string {
  return auditLogPath(ctx.home, ctx.platform, { ...ctx.env, [AUDIT_LOG_ENV]: process.env[AUDIT_LOG_ENV] });
}

declare const __VERSION__: string | undefined;

/** How the CLI signs its change log records. */
export const AUDIT_SOURCE: AuditSource = { tool: 'cli', toolVersion: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' };

/** Appends to the change log; a log that cannot be written is a warning, never a reason to fail the change it records. */
export async function recordChanges(file: string, records: AuditRecord[]): Promise<void> {
  await appendAuditRecords(file, records).catch((e: unknown) => {
    process.stderr.write(`mcp-gatekeeper: warning: the change log ${file} could not be written: ${describeError(e)}\n`);
  });
}

export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
