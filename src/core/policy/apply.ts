// Policy applied to checked servers: gateway requirement, stale-inventory notes, enforcement level and
// per-rule severities. Runs after matching, so the verdict logic stays independent of policy.
import type { CheckedServer, Finding, Severity } from '../model';
import type { InventoryIndex } from '../inventory/match';
import type { LoadedInventory } from '../inventory/load';
import { isUnder, normalizeUrl } from '../urls';
import { maskUrl } from '../secrets';

export interface PolicyForChecks {
  requireGateway: boolean;
  enforcement: 'warn' | 'error';
  severities: Partial<Record<Finding['rule'], Severity>>;
}

export const LENIENT_POLICY: PolicyForChecks = { requireGateway: false, enforcement: 'warn', severities: {} };

/**
 * The findings of a checked server once policy is applied: the gateway and stale-inventory findings added, every
 * severity set by the enforcement level and per-rule overrides. Returns a new list; the server is not changed.
 */
export function applyPolicy(server: CheckedServer, index: InventoryIndex, inventory: LoadedInventory, policy: PolicyForChecks): Finding[] {
  const findings: Finding[] = [];
  for (const f of server.findings) findings.push(withSeverity(f, server.disabled, policy));
  const entry = server.inventoryId ? index.byId.get(server.inventoryId) : undefined;

  if (policy.requireGateway && server.verdict === 'approved' && entry?.gatewayUrl && !throughGateway(server.url, entry.gatewayUrl, index)) {
    findings.push(
      withSeverity(
        {
          rule: 'bypasses-gateway',
          severity: 'warning',
          message: `"${server.name}" reaches "${entry.title ?? entry.id}" directly; the organization requires its gateway route ${maskUrl(entry.gatewayUrl)}.`,
        },
        server.disabled,
        policy,
      ),
    );
  }
  if (inventory.stale && server.verdict === 'approved') {
    findings.push(
      withSeverity(
        {
          rule: 'inventory-stale',
          severity: 'info',
          message: `Approval of "${server.name}" could not be refreshed: the inventory in force was fetched ${inventory.fetchedAt ?? 'at an unknown time'} and its source is failing (${inventory.error ?? 'unknown error'}).`,
        },
        server.disabled,
        policy,
      ),
    );
  }
  return findings;
}

function throughGateway(url: string | null, gatewayUrl: string, index: InventoryIndex): boolean {
  if (!url) return false;
  const u = normalizeUrl(url);
  const own = normalizeUrl(gatewayUrl);
  const base = index.inventory.gateway?.url ? normalizeUrl(index.inventory.gateway.url) : null;
  return !!u && ((!!own && isUnder(own, u)) || (!!base && isUnder(base, u)));
}

/** Policy applied to a finding about a file (it has no server that could be disabled). */
export function withFilePolicy<F extends Finding>(f: F, policy: PolicyForChecks): F {
  return withSeverity(f, false, policy);
}

function withSeverity<F extends Finding>(f: F, disabled: boolean, policy: PolicyForChecks): F {
  // a disabled entry stays informational whatever the policy says
  if (disabled) return f.severity === 'info' ? f : { ...f, severity: 'info' };
  const override = policy.severities[f.rule];
  if (override) return { ...f, severity: override };
  if (policy.enforcement === 'error' && f.severity === 'warning') return { ...f, severity: 'error' };
  return f;
}
