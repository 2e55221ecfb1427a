// Where the inventory comes from: the bundled example, a file, a folder of files merged in order, or an HTTPS URL
// (conditional requests, last good copy cached and used when the source fails, optional Ed25519 signatures).
// A source that fails never replaces a good inventory: the caller gets the cached copy with the reason, or an error.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { httpGet, redact, type HttpGetOptions } from '../net/httpGet';
import { readConfigFile } from '../readFile';
import { readCache, writeCache, type CacheEntry } from './cache';
import { bundledInventory, describeIssues, entryLocations, MAX_INVENTORY_BYTES, parseInventoryData, validateInventory, type InventoryLocation, type InventoryResult } from './load';
import { InventoryFileSchema } from './schema';
import { embeddedSignature, parsePublicKey, verifyBytes } from './signature';

export const BUILTIN_SOURCES = new Set(['', 'builtin', 'builtin:examples/inventory.json']);
export const DEFAULT_STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

export interface SourceOptions {
  /** where the last good copy of a URL source is kept; null = no cache */
  cacheDir?: string | null;
  staleAfterMs?: number;
  /** Ed25519 public keys (PEM or base64); when any is given, a valid signature is required */
  trustedKeys?: readonly string[];
  http?: HttpGetOptions;
  now?: () => Date;
}

export async function loadInventorySource(source: string, options: SourceOptions = {}): Promise<InventoryResult> {
  if (BUILTIN_SOURCES.has(source.trim())) return { ok: true, value: bundledInventory() };
  let keys: KeyObject[];
  try {
    keys = (options.trustedKeys ?? []).map(parsePublicKey);
  } catch (e) {
    return { ok: false, error: `trusted key is invalid: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (/^https?:\/\//i.test(source)) return loadUrl(source, keys, options);
  const st = await fs.stat(source).catch(() => null);
  if (st?.isDirectory()) return loadFolder(source, keys, options);
  return loadFile(source, keys, options);
}

// ---------- URL ----------

async function loadUrl(url: string, keys: KeyObject[], options: SourceOptions): Promise<InventoryResult> {
  const shown = redact(url);
  const now = options.now?.() ?? new Date();
  const cached = options.cacheDir ? await readCache(options.cacheDir, url) : null;
  const res = await httpGet(url, { ...options.http, maxBytes: options.http?.maxBytes ?? MAX_INVENTORY_BYTES, etag: cached?.etag ?? undefined, lastModified: cached?.lastModified ?? undefined });

  let body: string;
  let entry: CacheEntry | null = null;
  if (res.kind === 'not-modified' && cached) {
    body = cached.body;
    entry = { ...cached, fetchedAt: now.toISOString() };
  } else if (res.kind === 'ok') {
    const type = res.contentType?.split(';')[0].trim().toLowerCase();
    if (type && !/json|text\/plain|octet-stream/.test(type)) return fallback(url, cached, `${shown}: unexpected content type ${type} (expected JSON)`, keys, options);
    body = res.body.toString('utf8');
    entry = { source: url, fetchedAt: now.toISOString(), etag: res.etag, lastModified: res.lastModified, body };
  } else {
    const message = res.kind === 'error' ? res.message : 'the server answered 304 Not Modified but no cached copy exists';
    return fallback(url, cached, `${shown}: ${message}`, keys, options);
  }

  let detached: string | null = null;
  const result = await validateText(body, shown, keys, async () => {
    const sig = await httpGet(`${url.replace(/[?#].*$/, '')}.sig${url.match(/[?#].*$/)?.[0] ?? ''}`, { ...options.http, maxBytes: 64 * 1024, accept: 'text/plain' });
    detached = sig.kind === 'ok' ? sig.body.toString('utf8') : null;
    return detached;
  });
  if (!result.ok) return fallback(url, cached, result.error, keys, options);
  if (options.cacheDir && entry) await writeCache(options.cacheDir, detached === null ? entry : { ...entry, signature: detached }).catch(() => undefined);
  // shown: the URL may carry a token in its query or user info, and the source is displayed
  return { ok: true, value: { ...result.value, source: shown, fetchedAt: entry?.fetchedAt ?? now.toISOString() } };
}

/** The last good copy, marked as such, or the error when there is none. */
async function fallback(url: string, cached: CacheEntry | null, error: string, keys: KeyObject[], options: SourceOptions): Promise<InventoryResult> {
  if (!cached) return { ok: false, error };
  const shown = redact(url);
  // the cache file is as writable as any user file: when signatures are required, the copy is verified again
  if (keys.length && (await checkSignature(cached.body, shown, keys, async () => cached.signature ?? null))) return { ok: false, error };
  const parsed = parseInventoryData(cached.body, shown);
  const r = parsed.ok ? validateInventory(parsed.data, shown) : parsed;
  if (!r.ok) return { ok: false, error };
  const age = (options.now?.() ?? new Date()).getTime() - Date.parse(cached.fetchedAt);
  return { ok: true, value: { ...r.value, source: shown, fetchedAt: cached.fetchedAt, fromCache: true, stale: age > (options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS), error } };
}

// ---------- file ----------

async function loadFile(file: string, keys: KeyObject[], options: SourceOptions): Promise<InventoryResult> {
  const read = await readConfigFile(file, MAX_INVENTORY_BYTES);
  if (read.kind === 'absent') return { ok: false, error: `${file}: inventory file not found` };
  if (read.kind === 'error') return { ok: false, error: `${file}: ${read.message}` };
  const r = await validateText(read.text, file, keys, () => readSignatureFile(`${file}.sig`));
  const now = (options.now?.() ?? new Date()).toISOString();
  return r.ok ? { ok: true, value: { ...r.value, source: file, fetchedAt: now, locations: entryLocations(read.text, file) } } : r;
}

async function readSignatureFile(file: string): Promise<string | null> {
  const r = await readConfigFile(file, 64 * 1024);
  return r.kind === 'text' ? r.text : null;
}

// ---------- folder ----------

/** Every `*.json` in the folder, in name order: later files override top-level fields; same-id entries are replaced. */
async function loadFolder(dir: string, keys: KeyObject[], options: SourceOptions): Promise<InventoryResult> {
  const names = (await fs.readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  if (!names.length) return { ok: false, error: `${dir}: the inventory folder has no .json files` };
  let merged: Record<string, unknown> = {};
  const servers = new Map<string, unknown>();
  const locations: Record<string, InventoryLocation> = {};
  for (const name of names) {
    const file = path.join(dir, name);
    const read = await readConfigFile(file, MAX_INVENTORY_BYTES);
    if (read.kind !== 'text') return { ok: false, error: `${file}: ${read.kind === 'error' ? read.message : 'disappeared while reading'}` };
    if (keys.length) {
      const signed = await checkSignature(read.text, file, keys, () => readSignatureFile(`${file}.sig`));
      if (signed) return { ok: false, error: signed };
    }
    const parsed = parseInventoryData(read.text, file);
    if (!parsed.ok) return parsed;
    const shape = InventoryFileSchema.safeParse(parsed.data);
    if (!shape.success) return { ok: false, error: `${file}: ${describeIssues(shape.error, parsed.data)}` };
    const { servers: list, gateway, ...rest } = shape.data;
    // ids must be unique within each file, as for a single-file inventory; across files a later one replaces
    const seen = new Map<string, number>();
    for (const [i, s] of list.entries()) {
      const first = seen.get(s.id);
      if (first !== undefined) return { ok: false, error: `${file}: invalid inventory: servers[${i}] (id "${s.id}") id: duplicate id "${s.id}" (also servers[${first}])` };
      seen.set(s.id, i);
    }
    merged = { ...merged, ...rest, gateway: { ...(merged.gateway as object | undefined), ...gateway } };
    for (const s of list) servers.set(s.id, s);
    Object.assign(locations, entryLocations(read.text, file));
  }
  const r = validateInventory({ ...merged, servers: [...servers.values()] }, dir);
  const now = (options.now?.() ?? new Date()).toISOString();
  return r.ok ? { ok: true, value: { ...r.value, source: dir, fetchedAt: now, locations } } : r;
}

// ---------- validation and signatures ----------

async function validateText(text: string, shown: string, keys: KeyObject[], detached: () => Promise<string | null>): Promise<InventoryResult> {
  if (keys.length) {
    const problem = await checkSignature(text, shown, keys, detached);
    if (problem) return { ok: false, error: problem };
  }
  const parsed = parseInventoryData(text, shown);
  return parsed.ok ? validateInventory(parsed.data, shown) : parsed;
}

/** null when a trusted key signed the document (embedded signature first, then the detached `.sig`). */
async function checkSignature(text: string, shown: string, keys: KeyObject[], detached: () => Promise<string | null>): Promise<string | null> {
  const parsed = parseInventoryData(text, shown);
  const embedded = parsed.ok ? embeddedSignature(parsed.data) : null;
  if (embedded) return verifyBytes(embedded.signed, embedded.signature, keys) ? null : `${shown}: the inventory's embedded signature is not valid for any trusted key`;
  const sig = await detached();
  if (sig === null) return `${shown}: the inventory is not signed (no embedded signature and no ${shown}.sig), but policy requires a signature`;
  return verifyBytes(Buffer.from(text, 'utf8'), sig, keys) ? null : `${shown}: the signature in ${shown}.sig is not valid for any trusted key`;
}
