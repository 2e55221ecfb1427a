// The scan pipeline shared by the CLI and the extension: discover → read → parse → normalize → match → findings.
import { clientById, type DiscoveryContext } from './clients';
import { discoverAllLocations, filterByClient } from './discovery';
import { Checker } from './checker';
import type { LoadedInventory } from './inventory/load';
import type { PolicyForChecks } from './policy/apply';
import type { CheckedServer, ClientId, ConfigLocation, FileFinding, FileReport, Verdict } from './model';
import { findPolicyOverrides } from './policy/overrides';
import { checkRules } from './rules';
import { withDuplicateNameFindings } from './rules/duplicateNames';
import { parseDocument, type LocatedError } from './parse';
import { readConfigFile } from './readFile';

export interface FileAnalysis {
  location: ConfigLocation;
  servers: CheckedServer[];
  /** findings about the file itself (a workspace trying to change policy) */
  fileFindings: FileFinding[];
  error: LocatedError | null;
}

/** Checks the text of one config file (from disk, or an editor buffer as the user types). */
export function analyzeText(text: string, location: ConfigLocation, checker: Checker): FileAnalysis {
  const doc = parseDocument(text, location.format);
  const entries = doc.root ? clientById(location.client).extract(doc, location) : [];
  const fileFindings = doc.root && isWorkspaceSettings(location) ? findPolicyOverrides(doc, location.path.endsWith('.code-workspace')) : [];
  const ruleFindings = checkRules(doc, entries);
  return { location, servers: entries.map((e) => checker.check(e, ruleFindings.get(e))), fileFindings, error: doc.error };
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
  const analysis = analyzeText(read.text, location, checker);
  const report: FileReport = { ...base, servers: analysis.servers.length, error: analysis.error ? `invalid ${FORMAT_NAMES[location.format]}: ${analysis.error.message}` : null };
  if (analysis.error) report.errorRange = analysis.error.range;
  if (analysis.fileFindings.length) report.findings = analysis.fileFindings;
  return { report, servers: analysis.servers, absent: false };
}

const FORMAT_NAMES: Record<ConfigLocation['format'], string> = { json: 'JSON', jsonc: 'JSON', yaml: 'YAML', toml: 'TOML' };

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
