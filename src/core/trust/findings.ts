// The five trust-signal findings, from the facts and a clock (tests pass a fixed "now"). Informational unless the
// policy's `severities` raises them: a young package or a missing repository is a reason to look, not proof of harm.
import type { CheckedServer, Finding, RuleId } from '../model';
import type { PolicyForChecks } from '../policy/apply';
import { trustInfo } from './facts';
import { lookupKey, registryFor } from './lookup';
import { DEFAULT_NPM_REGISTRY, DEFAULT_PYPI_REGISTRY, isTrustEcosystem, type PackageLookup, type TrustInfo, type TrustSettings } from './types';

export const YOUNG_PACKAGE_DAYS = 30;
export const YOUNG_VERSION_HOURS = 72;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export type TrustRuleId = Extract<RuleId, 'young-package' | 'young-version' | 'no-source-repository' | 'deprecated-package' | 'no-provenance'>;

export function trustFindings(pkg: { ecosystem: 'npm' | 'pypi'; name: string }, info: TrustInfo, now: Date): Finding[] {
  if (info.unavailable) return [];
  const where = registryLabel(pkg.ecosystem, info.registry);
  const label = info.version ? `${pkg.name}@${info.version}` : pkg.name;
  const out: Finding[] = [];
  const add = (rule: TrustRuleId, message: string) => out.push({ rule, severity: 'info', message });
  const first = age(info.firstPublished, now);
  if (first !== null && first < YOUNG_PACKAGE_DAYS * DAY) {
    add('young-package', `${pkg.name} was first published on ${where} ${ago(first)} (${day(info.firstPublished!)}). New packages are where typosquats and malware usually appear; check who publishes it before trusting it.`);
  }
  const released = age(info.versionPublished, now);
  if (released !== null && released < YOUNG_VERSION_HOURS * HOUR) {
    add('young-version', `${label} was published ${ago(released)} (${info.versionPublished}). Compromised releases are usually caught and pulled within ${YOUNG_VERSION_HOURS} hours; consider pinning the previous version until then.`);
  }
  if (!info.repository) add('no-source-repository', `${pkg.name} names no source repository on ${where}: what it runs cannot be traced to reviewable source code.`);
  if (info.deprecated) {
    const yanked = /^yanked(?:: (.*))?$/.exec(info.deprecated);
    add('deprecated-package', yanked ? `${label} was yanked from ${where}${yanked[1] ? `: ${yanked[1]}` : ''}` : `${label} is deprecated on ${where}: ${info.deprecated}`);
  }
  if (info.provenance === false) add('no-provenance', `${label} was published to ${where} without a provenance attestation: nothing ties the package to the source and build that produced it.`);
  return out;
}

/** The servers with their `trust` facts and trust findings (severity per policy; disabled servers stay informational). */
export function applyTrust(servers: readonly CheckedServer[], lookups: ReadonlyMap<string, PackageLookup>, settings: TrustSettings, policy: PolicyForChecks, now: Date): CheckedServer[] {
  return servers.map((s) => {
    const pkg = s.package;
    const key = pkg ? lookupKey(pkg, settings) : null;
    if (!pkg || !key || !isTrustEcosystem(pkg.ecosystem)) return s;
    const info = trustInfo(pkg, lookups.get(key), registryFor(pkg.ecosystem, settings));
    // a severity the policy names is taken as it is (enforcement does not raise it further)
    const found = trustFindings({ ecosystem: pkg.ecosystem, name: pkg.name }, info, now).map((f): Finding => ({ ...f, severity: s.disabled ? 'info' : (policy.severities[f.rule] ?? 'info') }));
    return { ...s, trust: info, findings: [...s.findings.filter((f) => !TRUST_RULES.has(f.rule)), ...found] };
  });
}

const TRUST_RULES: ReadonlySet<RuleId> = new Set<TrustRuleId>(['young-package', 'young-version', 'no-source-repository', 'deprecated-package', 'no-provenance']);

function registryLabel(ecosystem: 'npm' | 'pypi', registry: string): string {
  if (registry === DEFAULT_NPM_REGISTRY) return 'npm';
  if (registry === DEFAULT_PYPI_REGISTRY) return 'PyPI';
  try {
    return new URL(registry).host;
  } catch {
    return ecosystem === 'npm' ? 'npm' : 'PyPI';
  }
}

function age(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  // a date in the future (clock skew) is "just now", not old
  return Number.isNaN(t) ? null : Math.max(0, now.getTime() - t);
}

function ago(ms: number): string {
  if (ms < HOUR) return 'less than an hour ago';
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} hour${Math.floor(ms / HOUR) === 1 ? '' : 's'} ago`;
  return `${Math.floor(ms / DAY)} days ago`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
