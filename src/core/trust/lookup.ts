// Fetches registry facts for the packages a scan found: each package once (however many servers run it), a few at a
// time, from the disk cache when it is fresh. Nothing here throws: a registry that fails, times out, answers with
// something else or with too much becomes `{ ok: false, reason }`, shown as "trust signals unavailable".
import { checkUrl, httpGet, redact } from '../net/httpGet';
import { packageKey } from '../inventory/match';
import type { PackageRef } from '../model';
import { isFresh, readTrustCache, writeTrustCache } from './cache';
import { npmPackageUrl, parsePackument, type Parsed } from './npm';
import { parsePypiProject, pypiProjectUrl } from './pypi';
import { isTrustEcosystem, type PackageLookup, type TrustEcosystem, type TrustSettings } from './types';

/**
 * 10 MB: a packument carries every version's manifest (and often the README), so those of big, old packages run to
 * several megabytes; MCP servers' are far smaller. Beyond that the download is stopped and the facts are unavailable.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const LOOKUP_TIMEOUT_MS = 8_000;
export const LOOKUP_CONCURRENCY = 4;

export interface LookupOptions {
  /** the CLI's cache folder (facts go to its `trust/` subfolder); null keeps nothing on disk */
  cacheDir: string | null;
  /** lookups already made in this process (the extension keeps one across scans) */
  memory?: Map<string, PackageLookup>;
  now?: () => Date;
  timeoutMs?: number;
  maxBytes?: number;
  concurrency?: number;
  /** after this long, the packages not answered yet are reported unavailable (not cached) */
  deadlineMs?: number;
  caFiles?: string[];
}

export function registryFor(ecosystem: TrustEcosystem, settings: Pick<TrustSettings, 'npmRegistry' | 'pypiRegistry'>): string {
  return (ecosystem === 'npm' ? settings.npmRegistry : settings.pypiRegistry).trim().replace(/\/+$/, '');
}

/** One key per registry + package: the same package under two spellings (`Foo_Bar`, `foo-bar` on PyPI) is one lookup. */
export function lookupKey(ref: PackageRef, settings: Pick<TrustSettings, 'npmRegistry' | 'pypiRegistry'>): string | null {
  if (!isTrustEcosystem(ref.ecosystem) || !ref.name.trim()) return null;
  return `${registryFor(ref.ecosystem, settings)}\u0000${packageKey(ref.ecosystem, ref.name)}`;
}

/** Facts for every npm and PyPI package among `refs`, keyed by `lookupKey`. */
export async function lookupPackages(refs: readonly PackageRef[], settings: Pick<TrustSettings, 'npmRegistry' | 'pypiRegistry'>, options: LookupOptions): Promise<Map<string, PackageLookup>> {
  const now = options.now ?? (() => new Date());
  const wanted = new Map<string, { ecosystem: TrustEcosystem; name: string }>();
  for (const ref of refs) {
    const key = lookupKey(ref, settings);
    if (key && !wanted.has(key)) wanted.set(key, { ecosystem: ref.ecosystem as TrustEcosystem, name: ref.name.trim() });
  }
  const out = new Map<string, PackageLookup>();
  const toFetch: [string, { ecosystem: TrustEcosystem; name: string }][] = [];
  await Promise.all(
    [...wanted].map(async ([key, pkg]) => {
      const remembered = options.memory?.get(key);
      const hit = remembered && isFresh(remembered, now()) ? remembered : options.cacheDir ? await readTrustCache(options.cacheDir, key, now()) : null;
      if (hit) out.set(key, hit);
      else toFetch.push([key, pkg]);
    }),
  );

  let timedOut = false;
  // at the deadline, requests still open are aborted too: a CLI run must not linger on them after printing
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = options.deadlineMs
    ? new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          timedOut = true;
          abort.abort();
          resolve();
        }, options.deadlineMs);
      })
    : null;
  const queue = [...toFetch];
  const worker = async () => {
    for (let next = queue.shift(); next && !timedOut; next = queue.shift()) {
      const [key, pkg] = next;
      const lookup = await fetchFacts(pkg.ecosystem, pkg.name, registryFor(pkg.ecosystem, settings), { ...options, signal: abort.signal }, now);
      if (timedOut) return;
      out.set(key, lookup.result);
      if (options.cacheDir && lookup.cacheable) await writeTrustCache(options.cacheDir, key, lookup.result).catch(() => undefined);
    }
  };
  const workers = Promise.all(Array.from({ length: Math.min(options.concurrency ?? LOOKUP_CONCURRENCY, toFetch.length) }, worker));
  await (deadline ? Promise.race([workers, deadline]) : workers);
  clearTimeout(timer);
  for (const [key] of toFetch) {
    if (!out.has(key)) out.set(key, { ok: false, reason: `no answer within ${(options.deadlineMs ?? 0) / 1000} s`, fetchedAt: now().toISOString() });
  }
  if (options.memory) for (const [key, lookup] of out) options.memory.set(key, lookup);
  return out;
}

// ---------- one registry request ----------

async function fetchFacts(ecosystem: TrustEcosystem, name: string, registry: string, options: LookupOptions & { signal: AbortSignal }, now: () => Date): Promise<{ result: PackageLookup; cacheable: boolean }> {
  const fail = (reason: string, cacheable = true) => ({ result: { ok: false as const, reason, fetchedAt: now().toISOString() }, cacheable });
  // a wrong registry setting is a configuration error, not a registry outage: say so every time, cache nothing
  const bad = checkUrl(registry);
  if (bad) return fail(`registry ${bad}`, false);
  const url = ecosystem === 'npm' ? npmPackageUrl(registry, name) : pypiProjectUrl(registry, name);
  const host = new URL(registry).host;
  const res = await httpGet(url, { timeoutMs: options.timeoutMs ?? LOOKUP_TIMEOUT_MS, maxBytes: options.maxBytes ?? MAX_DOCUMENT_BYTES, accept: 'application/json', caFiles: options.caFiles, signal: options.signal });
  if (res.kind === 'error') return fail(res.status === 404 ? `${host} does not know this package (HTTP 404)` : `${host}: ${redact(res.message)}`);
  if (res.kind !== 'ok') return fail(`${host}: unexpected answer`);
  let data: unknown;
  try {
    data = JSON.parse(res.body.toString('utf8'));
  } catch {
    return fail(`${host}: the answer is not JSON`);
  }
  const parsed: Parsed = ecosystem === 'npm' ? parsePackument(data, redact(registry)) : parsePypiProject(data, redact(registry));
  if (!parsed.ok) return fail(`${host}: ${parsed.reason}`);
  return { result: { ok: true, facts: parsed.facts, fetchedAt: now().toISOString() }, cacheable: true };
}
