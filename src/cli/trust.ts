// Trust signals for `scan` and `request`: when the policy or `--trust` turns them on, the registry facts of every
// npm and PyPI package, within an overall deadline. A registry that fails never fails the command: the package's
// facts say "unavailable" (stderr says why, once per package).
import type { DiscoveryContext } from '../core/clients';
import type { CheckedServer } from '../core/model';
import { applyTrust, lookupTrust, trustSettings } from '../core/trust';
import { printable } from '../core/text';
import { cacheDirOf, type InventoryValues, type PolicyContext } from './context';

/** however many packages and however slow the registry, a scan waits at most this long for facts */
export const TRUST_DEADLINE_MS = 60_000;

export async function withTrustSignals(servers: CheckedServer[], ctx: DiscoveryContext, p: PolicyContext, values: InventoryValues): Promise<CheckedServer[]> {
  const settings = trustSettings(p.policy);
  const lookups = await lookupTrust(servers, settings, { cacheDir: cacheDirOf(ctx, values), deadlineMs: TRUST_DEADLINE_MS, caFiles: p.policy.caFile.value ? [p.policy.caFile.value] : undefined });
  if (!lookups) return servers;
  const out = applyTrust(servers, lookups, settings, p.checks, new Date());
  const told = new Set<string>();
  for (const s of out) {
    const why = s.trust?.unavailable;
    const what = s.package ? `${s.package.ecosystem} ${s.package.name}` : s.name;
    if (!why || told.has(what)) continue;
    told.add(what);
    process.stderr.write(`mcp-gatekeeper: trust signals unavailable for ${printable(what)}: ${printable(why)}\n`);
  }
  return out;
}
