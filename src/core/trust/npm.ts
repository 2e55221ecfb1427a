// The npm registry's package document ("packument", `GET {registry}/{name}`). The full document is needed: the
// abbreviated install format (`application/vnd.npm.install-v1+json`) has no `time`, `maintainers` or `repository`.
import * as z from '../zod';
import { asText, isoDate, normalizeRepository, oneLine, shapeError } from './shared';
import type { PackageFacts, VersionFacts } from './types';

const Version = z.looseObject({
  deprecated: z.optional(z.unknown()),
  dist: z.optional(z.looseObject({ attestations: z.optional(z.unknown()) })),
  repository: z.optional(z.unknown()),
  license: z.optional(z.unknown()),
});

const Packument = z.looseObject({
  name: z.string(),
  'dist-tags': z.optional(z.record(z.string(), z.string())),
  versions: z.optional(z.record(z.string(), Version)),
  time: z.optional(z.record(z.string(), z.unknown())),
  maintainers: z.optional(z.array(z.unknown())),
  repository: z.optional(z.unknown()),
  license: z.optional(z.unknown()),
});

/** `@scope/name` travels as `@scope%2Fname`, the form every npm registry accepts. */
export function npmPackageUrl(registry: string, name: string): string {
  const encoded = name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
  return `${registry.replace(/\/+$/, '')}/${encoded}`;
}

export type Parsed = { ok: true; facts: PackageFacts } | { ok: false; reason: string };

export function parsePackument(data: unknown, registry: string): Parsed {
  const parsed = Packument.safeParse(data);
  if (!parsed.success) return { ok: false, reason: shapeError('an npm package document', parsed.error) };
  const doc = parsed.data;
  const time = doc.time ?? {};
  if (!doc.versions || !Object.keys(doc.versions).length) {
    return { ok: false, reason: time.unpublished ? 'the package was unpublished from the registry' : 'the registry lists no versions of this package' };
  }
  const latest = doc['dist-tags']?.latest ?? null;
  const latestDoc = latest ? doc.versions[latest] : undefined;
  const versions: Record<string, VersionFacts> = {};
  for (const [v, meta] of Object.entries(doc.versions)) {
    const facts: VersionFacts = { published: isoDate(time[v]), provenance: hasProvenance(meta.dist?.attestations) };
    // `"deprecated": ""` is how npm records an un-deprecation
    const deprecated = oneLine(meta.deprecated);
    if (deprecated) facts.deprecated = deprecated;
    versions[v] = facts;
  }
  const published = Object.values(versions).map((v) => v.published).filter((d): d is string => d !== null).sort();
  return {
    ok: true,
    facts: {
      ecosystem: 'npm',
      registry,
      name: doc.name,
      firstPublished: isoDate(time.created) ?? published[0] ?? null,
      maintainers: doc.maintainers ? doc.maintainers.length : null,
      repository: normalizeRepository(doc.repository ?? latestDoc?.repository),
      license: licenseOf(doc.license ?? latestDoc?.license),
      latest,
      tags: { ...doc['dist-tags'] },
      provenanceKnown: true,
      versions,
    },
  };
}

/** `dist.attestations: { url, provenance: { predicateType } }` is present only on versions published with provenance. */
function hasProvenance(attestations: unknown): boolean {
  if (!attestations || typeof attestations !== 'object') return false;
  const a = attestations as { url?: unknown; provenance?: unknown };
  return !!a.provenance || typeof a.url === 'string';
}

/** `"MIT"`, the legacy `{ "type": "MIT" }`, or a list of those. */
function licenseOf(value: unknown): string | null {
  if (Array.isArray(value)) {
    const all = value.map(licenseOf).filter((l): l is string => l !== null);
    return all.length ? all.join(' OR ') : null;
  }
  if (value && typeof value === 'object') return asText((value as { type?: unknown }).type);
  return asText(value);
}
