// The scan pipeline shared by the CLI and the extension: discover → read → parse → normalize → match → findings.
import { clientById, type DiscoveryContext } from './clients';
import { discoverAllLocations, filterByClient } from './discovery';
import { Checker } from './checker';
import { checkedServer } from './evaluate';
import type { LoadedInventory } from './inventory/load';
import { withFilePolicy, type PolicyForChecks } from './policy/apply';
import type { CheckedServer, ClientId, ConfigLocation, FileFinding, FileReport, Finding, ServerEntry, Verdict } from './model';
import { findPolicyOverrides } from './policy/overrides';
import { checkRules, SERVER_RULES } from './rules';
import { claudeCodeSettingsFindings } from './rules/autoApproveTools';
import { isClaudeCodeSettingsFile } from './clients/claudeCode';
import { withDuplicateNameFindings } from './rules/duplicateNames';
import { parseDocument, type LocatedError, type ParsedDocument } from './parse';
import { readConfigFile } from './readFile';

export interface FileAnalysis {
  location: ConfigLocation;
  servers: CheckedServer[];
  /** findings about the file itself (a workspace trying to change policy) */
  fileFindings: FileFinding[];
  error: LocatedError | null;
}

/**
 * Checks the text of one config file (from disk, or an editor buffer as the user types). `reuse` keeps each entry's
 * result for the next check of the same checker (the editor); a one-off scan, whose checker checks each file once,
 * skips that bookkeeping.
 */
export function analyzeText(text: string, location: ConfigLocation, checker: Checker, reuse = true): FileAnalysis {
  const doc = parseDocument(text, location.format);
  const entries = doc.root ? clientById(location.client).extract(doc, location) : [];
  const found = doc.root ? fileFindingsOf(doc, location) : [];
  const fileFindings = found.map((f) => withFilePolicy(f, checker.policy));
  const servers = reuse ? checkEntries(doc, text, location, entries, checker) : checkAll(doc, entries, checker);
  return { location, servers, fileFindings, error: doc.error };
}

// ---------- per-entry results, reused while the entry's text is unchanged ----------

interface CachedCheck {
  server: CheckedServer;
  /** finding ranges as offsets from the entry's value, so they follow the entry when lines above it change */
  relative: ([number, number] | null)[];
}

/**
 * One cache per checker (inventory + policy): a new inventory or policy starts empty. Inside it, one map per file
 * place (path, client, scope, disabled lists), so an entry's key is only what is in the entry.
 */
const checkCache = new WeakMap<Checker, Map<string, Map<string, CachedCheck>>>();
const MAX_CACHED = 50_000;

/** Checks every entry of one file (a one-off scan: nothing to reuse). */
function checkAll(doc: ParsedDocument, entries: ServerEntry[], checker: Checker): CheckedServer[] {
  const ruleFindings = entries.length ? checkRules(doc, entries, SERVER_RULES, checker.ruleContext) : new Map<ServerEntry, Finding[]>();
  return entries.map((entry) => checker.check(entry, ruleFindings.get(entry)));
}

/**
 * Checks the entries of one file. An entry whose text, name and file are the same as last time keeps its result
 * (re-positioned): typing in a file with a thousand servers re-checks only the entry being edited.
 */
function checkEntries(doc: ParsedDocument, text: string, location: ConfigLocation, entries: ServerEntry[], checker: Checker): CheckedServer[] {
  let files = checkCache.get(checker);
  if (!files) checkCache.set(checker, (files = new Map()));
  // what the file around an entry says of it (its place, scope and disabled lists)
  const where = `${location.path}\u0000${location.client}\u0000${location.scope}\u0000${(location.disabledNames ?? []).join('\u0001')}`;
  let cache = files.get(where);
  if (!cache) files.set(where, (cache = new Map()));
  // everything else an entry's result depends on: its name, scope, disabled state and text
  const keys = entries.map((e) => `${e.name}\u0000${e.scope}\u0000${e.disabled}\u0000${e.keyOffset - e.valueOffset}\u0000${text.slice(e.valueOffset, e.valueOffset + e.valueLength)}`);
  const hits = keys.map((k) => cache.get(k));
  const misses = entries.filter((_, i) => !hits[i]);
  const ruleFindings = misses.length ? checkRules(doc, misses, SERVER_RULES, checker.ruleContext) : new Map<ServerEntry, Finding[]>();
  if (misses.length && cache.size + misses.length > MAX_CACHED) cache.clear();
  return entries.map((entry, i) => {
    const hit = hits[i];
    if (hit) {
      // the entry as read now (same text, so the same fields) at its new place, with the cached verdict and findings
      const findings = hit.server.findings.map((f, k) => {
        const rel = hit.relative[k];
        return rel ? { ...f, range: doc.lines.rangeOf(entry.valueOffset + rel[0], rel[1]) } : f;
      });
      return checkedServer(entry, hit.server.verdict, hit.server.inventoryId, findings, hit.server.matchedBy);
    }
    const checked = checker.check(entry, ruleFindings.get(entry));
    cache.set(keys[i], {
      server: checked,
      relative: checked.findings.map((f) => {
        if (!f.range) return null;
        const start = doc.lines.offsetAt(f.range.start);
        return [start - entry.valueOffset, doc.lines.offsetAt(f.range.end) - start];
      }),
    });
    return checked;
  });
}

export interface ScanOptions extends DiscoveryContext {
  inventory: LoadedInventory;
  policy?: PolicyForChecks;
  clients?: ClientId[];
  /** also list files that do not exist */
  includeAbsent?: boolean;
}

export interface ScanResult {
  inventory: LoadedInventory;
  files: (FileReport & { absent?: boolean })[];
  servers: CheckedServer[];
  summary: Record<'total' | Verdict, number>;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const checker = new Checker(options.inventory, options.policy);
  const locations = filterByClient(await discoverAllLocations(options), options.clients);
  const results = await Promise.all(locations.map((loc) => scanFile(loc, checker)));
  const files: ScanResult['files'] = [];
  const servers: CheckedServer[] = [];
  for (const r of results) {
    if (r.absent && !options.includeAbsent) continue;
    files.push(r.report);
    servers.push(...r.servers);
  }
  // cross-file rules need every file's servers: they run once all files are read
  const checked = withDuplicateNameFindings(servers, { policy: options.policy, home: options.home });
  return { inventory: options.inventory, files, servers: checked, summary: summarize(checked) };
}

async function scanFile(location: ConfigLocation, checker: Checker): Promise<{ report: FileReport & { absent?: boolean }; servers: CheckedServer[]; absent: boolean }> {
  const base = { path: location.path, client: location.client, scope: location.scope, ...(location.alsoReadBy ? { alsoReadBy: location.alsoReadBy } : {}) };
  const read = await readConfigFile(location.path, location.maxBytes);
  if (read.kind === 'absent') return { report: { ...base, servers: 0, error: null, absent: true }, servers: [], absent: true };
  if (read.kind === 'error') return { report: { ...base, servers: 0, error: read.message }, servers: [], absent: false };
  // every file is checked once per scan, with a checker of its own: nothing to reuse
  const analysis = analyzeText(read.text, location, checker, false);
  const report: FileReport = { ...base, servers: analysis.servers.length, error: analysis.error ? `invalid ${FORMAT_NAMES[location.format]}: ${analysis.error.message}` : null };
  if (analysis.error) report.errorRange = analysis.error.range;
  if (analysis.fileFindings.length) report.findings = analysis.fileFindings;
  return { report, servers: analysis.servers, absent: false };
}

const FORMAT_NAMES: Record<ConfigLocation['format'], string> = { json: 'JSON', jsonc: 'JSON', yaml: 'YAML', toml: 'TOML' };

/** Findings about a file itself: a workspace trying to set policy, Claude Code settings that approve MCP tools. */
function fileFindingsOf(doc: ParsedDocument, location: ConfigLocation): FileFinding[] {
  if (isWorkspaceSettings(location)) return findPolicyOverrides(doc, location.path.endsWith('.code-workspace'));
  if (isClaudeCodeSettingsFile(location)) return claudeCodeSettingsFindings(doc);
  return [];
}

/** VS Code workspace settings: `.vscode/settings.json` and `*.code-workspace` files in workspace scope. */
function isWorkspaceSettings(location: ConfigLocation): boolean {
  if (location.scope !== 'workspace') return false;
  const p = location.path.replace(/\\/g, '/');
  return p.endsWith('/.vscode/settings.json') || p.endsWith('.code-workspace');
}

export function summarize(servers: readonly CheckedServer[]): Record<'total' | Verdict, number> {
  const s = { total: servers.length, approved: 0, pending: 0, rejected: 0, deprecated: 0, unknown: 0 };
  for (const v of servers) s[v.verdict]++;
  return s;
}
