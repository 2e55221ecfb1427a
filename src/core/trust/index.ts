// Trust signals for a scan: the lookups (only when turned on: a lookup tells the registry which package you use) and
// the facts and findings they add to the servers.
import type { CheckedServer } from '../model';
import type { EffectivePolicy } from '../policy/policy';
import { lookupPackages, type LookupOptions } from './lookup';
import type { PackageLookup, TrustSettings } from './types';

export { applyTrust } from './findings';
export type { PackageLookup, TrustInfo, TrustSettings } from './types';

export function trustSettings(policy: Pick<EffectivePolicy, 'trustSignals' | 'npmRegistry' | 'pypiRegistry'>): TrustSettings {
  return { enabled: policy.trustSignals.value, npmRegistry: policy.npmRegistry.value, pypiRegistry: policy.pypiRegistry.value };
}

/** Registry facts for the servers' npm and PyPI packages; null, without any request, when trust signals are off. */
export async function lookupTrust(servers: readonly CheckedServer[], settings: TrustSettings, options: LookupOptions): Promise<Map<string, PackageLookup> | null> {
  if (!settings.enabled) return null;
  return lookupPackages(servers.flatMap((s) => (s.package ? [s.package] : [])), settings, options);
}
