// PyPI's JSON API (`GET {registry}/pypi/{project}/json`): the project's metadata and every release's files. PyPI
// does not list maintainer accounts there, and provenance lives in a separate Integrity API (per file), so both are
// reported as unknown (null) instead of guessed.
import * as z from '../zod';
import { asText, isoDate, normalizeRepository, oneLine, shapeError } from './shared';
import type { VersionFacts } from './types';
import type { Parsed } from './npm';

const File = z.looseObject({
  upload_time_iso_8601: z.optional(z.nullable(z.string())),
  upload_time: z.optional(z.nullable(z.string())),
  yanked: z.optional(z.nullable(z.boolean())),
  yanked_reason: z.optional(z.nullable(z.string())),
});

const Project = z.looseObject({
  info: z.looseObject({
    name: z.string(),
    version: z.optional(z.nullable(z.string())),
    license: z.optional(z.nullable(z.string())),
    license_expression: z.optional(z.nullable(z.string())),
    classifiers: z.optional(z.nullable(z.array(z.string()))),
    home_page: z.optional(z.nullable(z.string())),
    project_urls: z.optional(z.nullable(z.record(z.string(), z.nullable(z.string())))),
  }),
  releases: z.optional(z.record(z.string(), z.array(File))),
});

/** PEP 503 normalized project name in the path (`Mcp_Server.X` → `mcp-server-x`). */
export function pypiProjectUrl(registry: string, name: string): string {
  const normalized = name.trim().toLowerCase().replace(/[-_.]+/g, '-');
  return `${registry.replace(/\/+$/, '')}/pypi/${encodeURIComponent(normalized)}/json`;
}

export function parsePypiProject(data: unknown, registry: string): Parsed {
  const parsed = Project.safeParse(data);
  if (!parsed.success) return { ok: false, reason: shapeError('a PyPI project document', parsed.error) };
  const { info, releases = {} } = parsed.data;
  const versions: Record<string, VersionFacts> = {};
  for (const [v, files] of Object.entries(releases)) {
    // a release with no files was never installable (or all its files were deleted)
    if (!files.length) continue;
    const dates = files.map((f) => isoDate(f.upload_time_iso_8601 ?? (f.upload_time ? `${f.upload_time}Z` : null))).filter((d): d is string => d !== null).sort();
    const facts: VersionFacts = { published: dates[0] ?? null };
    // a release counts as yanked when all its files are (pip then skips it unless pinned exactly)
    if (files.every((f) => f.yanked)) {
      const reason = files.map((f) => oneLine(f.yanked_reason)).find(Boolean);
      facts.deprecated = reason ? `yanked: ${reason}` : 'yanked';
    }
    versions[v] = facts;
  }
  if (!Object.keys(versions).length) return { ok: false, reason: 'the registry lists no released files of this project' };
  const published = Object.values(versions).map((v) => v.published).filter((d): d is string => d !== null).sort();
  return {
    ok: true,
    facts: {
      ecosystem: 'pypi',
      registry,
      name: info.name,
      firstPublished: published[0] ?? null,
      maintainers: null,
      repository: sourceRepository(info.project_urls ?? {}, info.home_page ?? null),
      license: asText(info.license_expression) ?? asText(info.license) ?? licenseClassifier(info.classifiers ?? []),
      latest: info.version ?? null,
      tags: info.version ? { latest: info.version } : {},
      provenanceKnown: false,
      versions,
    },
  };
}

const SOURCE_LABELS = /^(source|source[ _-]?code|repository|repo|code|github|gitlab|git)$/i;
const FORGES = /^https?:\/\/(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\/[^/]+\/[^/]+/i;

/** A "Source"/"Repository" project URL, else the first project URL (or home page) on a known code forge. */
function sourceRepository(urls: Record<string, string | null>, homePage: string | null): string | null {
  const entries = Object.entries(urls).filter((e): e is [string, string] => typeof e[1] === 'string');
  const labelled = entries.find(([label]) => SOURCE_LABELS.test(label.trim()));
  if (labelled) return normalizeRepository(labelled[1]);
  const forge = [...entries.map(([, u]) => u), ...(homePage ? [homePage] : [])].find((u) => FORGES.test(u.trim()));
  return forge ? normalizeRepository(FORGES.exec(forge.trim())![0]) : null;
}

/** `License :: OSI Approved :: MIT License` → `MIT License` */
function licenseClassifier(classifiers: string[]): string | null {
  const c = classifiers.find((x) => x.startsWith('License ::'));
  return c ? asText(c.split('::').pop()) : null;
}
