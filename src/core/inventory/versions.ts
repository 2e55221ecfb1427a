// Version specifications per ecosystem: semver ranges (npm, OCI tags that parse as versions) and PEP 440 (PyPI).
import * as semver from 'semver';
import type { Ecosystem } from '../model';

/** A version as a semver, when it reads as one (`v0.20.1` → 0.20.1, `1.4` → 1.4.0); null for tags like `latest`. */
const semverCache = new Map<string, string | null>();

export function toSemver(version: string | null): string | null {
  if (!version) return null;
  const hit = semverCache.get(version);
  if (hit !== undefined) return hit;
  const v = toSemverUncached(version);
  if (semverCache.size > 50_000) semverCache.clear();
  semverCache.set(version, v);
  return v;
}

function toSemverUncached(version: string): string | null {
  const v = version.trim();
  const clean = semver.clean(v, { loose: true });
  if (clean) return clean;
  // short forms (1, 1.4) and PEP 440 pre-releases (1.0rc1) coerced to the nearest release
  if (/^v?\d+(\.\d+){0,2}([a-z.+-].*)?$/i.test(v)) return semver.coerce(v)?.version ?? null;
  return null;
}

/** Is `spec` a valid version specification for this ecosystem? */
export function isValidSpec(ecosystem: Ecosystem, spec: string): boolean {
  return ecosystem === 'pypi' ? parsePep440(spec) !== null : semver.validRange(spec, { loose: true }) !== null;
}

/** Does `version` (as written in the config) satisfy `spec`? Unparseable versions never do. */
export function satisfies(ecosystem: Ecosystem, version: string | null, spec: string): boolean {
  const v = toSemver(version);
  return v !== null && compiled(ecosystem, spec)(v);
}

/** Specs compiled once, per kind of ecosystem: parsing a range per comparison dominated large scans. */
const compiledSpecs = { pypi: new Map<string, (v: string) => boolean>(), semver: new Map<string, (v: string) => boolean>() };

function compiled(ecosystem: Ecosystem, spec: string): (v: string) => boolean {
  const specs = ecosystem === 'pypi' ? compiledSpecs.pypi : compiledSpecs.semver;
  let fn = specs.get(spec);
  if (!fn) {
    if (ecosystem === 'pypi') {
      const clauses = parsePep440(spec);
      fn = clauses ? (v) => clauses.every((c) => c(v)) : () => false;
    } else {
      let range: semver.Range | null = null;
      try {
        range = new semver.Range(spec, { loose: true, includePrerelease: false });
      } catch {
        range = null;
      }
      fn = range ? (v) => range.test(v) : () => false;
    }
    if (specs.size > 50_000) specs.clear();
    specs.set(spec, fn);
  }
  return fn;
}

/** The highest version the spec allows out of a list, or the range's floor when no list is given. */
export function floorOf(ecosystem: Ecosystem, spec: string): string | null {
  if (ecosystem === 'pypi') {
    const m = /(?:==|>=|~=)\s*([0-9][^,\s]*)/.exec(spec);
    return m ? m[1] : null;
  }
  return semver.minVersion(spec, { loose: true })?.version ?? null;
}

type Clause = (v: string) => boolean;

/** PEP 440 specifiers (`>=1.2,<2`, `==1.4.*`, `~=2.2`, `!=1.3`) as predicates over semver strings. */
function parsePep440(spec: string): Clause[] | null {
  const parts = spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) return null;
  const out: Clause[] = [];
  for (const part of parts) {
    const m = /^(===|==|!=|~=|>=|<=|>|<)\s*([0-9][0-9a-z.*+!-]*)$/i.exec(part);
    if (!m) return null;
    const [, op, raw] = m;
    if (raw.endsWith('.*')) {
      const prefix = raw.slice(0, -2);
      const range = `${prefix}.x`;
      if (!semver.validRange(range)) return null;
      if (op === '==') out.push((v) => semver.satisfies(v, range));
      else if (op === '!=') out.push((v) => !semver.satisfies(v, range));
      else return null;
      continue;
    }
    const target = toSemver(raw);
    if (!target) return null;
    switch (op) {
      case '==':
      case '===':
        out.push((v) => semver.eq(v, target));
        break;
      case '!=':
        out.push((v) => !semver.eq(v, target));
        break;
      case '>=':
        out.push((v) => semver.gte(v, target));
        break;
      case '<=':
        out.push((v) => semver.lte(v, target));
        break;
      case '>':
        out.push((v) => semver.gt(v, target));
        break;
      case '<':
        out.push((v) => semver.lt(v, target));
        break;
      case '~=': {
        // ~=X.Y.Z means >=X.Y.Z, ==X.Y.*; ~=X.Y means >=X.Y, ==X.*
        const segments = raw.split('.').length;
        if (segments < 2) return null;
        const upper = segments >= 3 ? `<${semver.major(target)}.${semver.minor(target) + 1}.0` : `<${semver.major(target) + 1}.0.0`;
        out.push((v) => semver.satisfies(v, `>=${target} ${upper}`));
        break;
      }
    }
  }
  return out;
}
