// From a package's registry facts to what is true of the version a config runs: the written version, or what its
// dist-tag or range resolves to, or the latest release when nothing is pinned (that is what gets installed).
import * as semver from 'semver';
import { satisfies, toSemver } from '../inventory/versions';
import type { PackageRef } from '../model';
import type { PackageFacts, PackageLookup, TrustInfo } from './types';

export function resolveVersion(facts: PackageFacts, written: string | null): string | null {
  const v = written?.trim() || null;
  const known = Object.keys(facts.versions);
  if (!v) return facts.latest;
  if (facts.versions[v]) return v;
  if (facts.tags[v]) return facts.tags[v];
  const clean = toSemver(v);
  const same = known.find((k) => k === clean || (facts.ecosystem === 'pypi' && toSemver(k) === clean && !/[a-z]/i.test(v.replace(/^v/, ''))));
  if (same) return same;
  const matching = facts.ecosystem === 'npm' ? semver.maxSatisfying(known, v, { loose: true }) : highest(known.filter((k) => satisfies('pypi', k, v)));
  return matching ?? null;
}

function highest(versions: string[]): string | null {
  let best: string | null = null;
  for (const v of versions) {
    const s = toSemver(v);
    if (s && (!best || semver.gt(s, toSemver(best)!))) best = v;
  }
  return best;
}

const NOTHING = { version: null, firstPublished: null, versionPublished: null, maintainers: null, repository: null, license: null, deprecated: null, provenance: null, latest: null } as const;

/** The facts about `ref` as the JSON contract prints them (`unavailable` set when the registry could not answer). */
export function trustInfo(ref: PackageRef, lookup: PackageLookup | undefined, registry: string): TrustInfo {
  if (!lookup) return { registry, ...NOTHING, unavailable: 'not looked up' };
  if (!lookup.ok) return { registry, ...NOTHING, unavailable: lookup.reason };
  const facts = lookup.facts;
  const version = resolveVersion(facts, ref.version);
  const v = version ? facts.versions[version] : undefined;
  return {
    registry: facts.registry,
    version: version ?? ref.version,
    firstPublished: facts.firstPublished,
    versionPublished: v?.published ?? null,
    maintainers: facts.maintainers,
    repository: facts.repository,
    license: facts.license,
    deprecated: v?.deprecated ?? null,
    provenance: facts.provenanceKnown && v ? v.provenance === true : null,
    latest: facts.latest,
    unavailable: null,
  };
}

/** Is there a release newer than the version in use? null when either version is unknown or not comparable. */
export function newerVersionExists(info: Pick<TrustInfo, 'version' | 'latest'>): boolean | null {
  if (!info.version || !info.latest) return null;
  if (info.version === info.latest) return false;
  const a = toSemver(info.version);
  const b = toSemver(info.latest);
  return a && b ? semver.gt(b, a) : null;
}
