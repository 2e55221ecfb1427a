// Registry facts about a package ("trust signals"): what npm or PyPI says of its age, maintainers, source, license,
// deprecation and provenance. Looked up only when the user or the organization turned the feature on.
import type { Ecosystem } from '../model';

export const TRUST_ECOSYSTEMS = ['npm', 'pypi'] as const;
export type TrustEcosystem = (typeof TRUST_ECOSYSTEMS)[number];

export function isTrustEcosystem(e: Ecosystem): e is TrustEcosystem {
  return (TRUST_ECOSYSTEMS as readonly string[]).includes(e);
}

/** What one version of a package says of itself. */
export interface VersionFacts {
  /** ISO date the version was published (npm `time[v]`, PyPI earliest file upload) */
  published: string | null;
  /** the npm deprecation message, or "yanked" (with its reason) on PyPI */
  deprecated?: string;
  /** npm: the version carries a provenance attestation */
  provenance?: boolean;
}

/** Everything kept of one registry document: small enough to cache, enough to answer for any version. */
export interface PackageFacts {
  ecosystem: TrustEcosystem;
  /** the registry base URL the facts came from */
  registry: string;
  name: string;
  firstPublished: string | null;
  /** null where the registry does not say (PyPI's JSON API has no maintainer list) */
  maintainers: number | null;
  repository: string | null;
  license: string | null;
  latest: string | null;
  /** npm dist-tags (`latest`, `next`, …) → version */
  tags: Record<string, string>;
  /** false where the registry's document cannot tell provenance (PyPI): `provenance` is then unknown, never "missing" */
  provenanceKnown: boolean;
  versions: Record<string, VersionFacts>;
}

export type PackageLookup = { ok: true; facts: PackageFacts; fetchedAt: string } | { ok: false; reason: string; fetchedAt: string };

/**
 * The facts about one configured package, as the CLI JSON contract (`servers[].trust`) prints them. When the registry
 * could not answer, `unavailable` says why and every fact is null.
 */
export interface TrustInfo {
  registry: string;
  /** the version the facts are about: the one written in the config, or what its tag or range resolves to */
  version: string | null;
  firstPublished: string | null;
  versionPublished: string | null;
  maintainers: number | null;
  repository: string | null;
  license: string | null;
  deprecated: string | null;
  /** true: attested; false: published without provenance; null: unknown (PyPI, or a version the registry lacks) */
  provenance: boolean | null;
  latest: string | null;
  unavailable: string | null;
}

/** Where lookups go and whether they happen at all. */
export interface TrustSettings {
  enabled: boolean;
  npmRegistry: string;
  pypiRegistry: string;
}

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';
export const DEFAULT_PYPI_REGISTRY = 'https://pypi.org';
