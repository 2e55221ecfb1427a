// SARIF 2.1.0 output (`scan --format sarif`), shaped for GitHub code scanning: one run, every rule described in
// tool.driver.rules, one result per finding with a 1-based region, related locations, and partial fingerprints that
// survive line moves. Files inside the first workspace are addressed relative to %SRCROOT%, others (user-level
// configs in the home folder) by absolute file:// URI. Messages are masked again here: nothing secret leaves.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Range, RuleId, Severity } from '../model';
import { allRuleMeta } from '../rules';
import { ruleHelpUri } from '../rules/docs';
import { DUPLICATE_SERVER_NAME_RULE } from '../rules/duplicateNames';
import type { RuleMeta } from '../rules/types';
import type { ScanResult } from '../scan';
import { maskText, maskUrl } from '../secrets';

declare const __VERSION__: string | undefined;

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** the key of our own partial fingerprint (versioned, as SARIF recommends: change the version if the recipe changes) */
export const FINGERPRINT_KEY = 'mcpGatekeeper/v1';
export const TOOL_NAME = 'MCP Gatekeeper';

export interface SarifOptions {
  /** workspace folders; files under the first are reported relative to %SRCROOT% (the repository in CI) */
  workspaces?: readonly string[];
  /** the home folder: user-level files get home-relative fingerprints, so they match across machines */
  home?: string;
  /**
   * Where the rule docs live (the policy's `docsBaseUrl`). `{id}` is replaced by the rule id; without it, `<id>.md`
   * is appended. Default: this project's docs/rules/ pages.
   */
  docsBaseUrl?: string;
  /** tool.driver.informationUri; omitted when not given */
  informationUri?: string;
  /** tool version; defaults to the version baked into the build */
  toolVersion?: string;
}

// A minimal model of the SARIF objects we write (validated against the official schema in the tests).
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
export interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region?: SarifRegion;
}
export interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  message?: { text: string };
}
export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  defaultConfiguration?: { level: SarifLevel };
  helpUri?: string;
  help?: { text: string; markdown: string };
  properties?: Record<string, unknown>;
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}
export interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
}
export interface SarifRun {
  tool: { driver: { name: string; version?: string; semanticVersion?: string; informationUri?: string; rules: SarifReportingDescriptor[] } };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications?: SarifNotification[] }[];
  originalUriBaseIds?: Record<string, { uri: string; description?: { text: string } }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}
export type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub ranks alerts of rules tagged `security` by this (0.1–3.9 low, 4–6.9 medium, 7–8.9 high). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export function toSarif(result: ScanResult, options: SarifOptions = {}): SarifLog {
  const paths = new PathResolver(options);
  const rules = ruleDescriptors(result, options.docsBaseUrl);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  const seen = new Map<string, number>();
  const fingerprint = (parts: readonly string[]) => {
    // the same rule twice on one server (e.g. two hard-coded secrets) is told apart by its order, not its line
    const base = JSON.stringify(parts);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('sha256').update(`${base}#${n}`).digest('hex');
  };

  for (const s of result.servers) {
    for (const f of s.findings) {
      results.push({
        ...resultCore(f, ruleIndex),
        locations: [{ physicalLocation: paths.physical(s.file, f.range ?? s.range) }],
        ...related(f, paths),
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([f.rule, s.client, paths.stableKey(s.file), s.name]) },
        properties: {
          verdict: s.verdict,
          client: s.client,
          scope: s.scope,
          server: maskText(s.name),
          ...(s.inventoryId ? { inventoryId: s.inventoryId } : {}),
          ...(s.disabled ? { disabled: true } : {}),
        },
      });
    }
  }
  for (const file of result.files) {
    for (const f of file.findings ?? []) {
      results.push({
        ...resultCore(f, ruleIndex),
        locations: [{ physicalLocation: paths.physical(file.path, f.range) }],
        ...related(f, paths),
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([f.rule, file.client, paths.stableKey(file.path), '']) },
        properties: { client: file.client, scope: file.scope, ...(file.alsoReadBy?.length ? { alsoReadBy: file.alsoReadBy } : {}) },
      });
    }
  }

  const notifications: SarifNotification[] = [];
  if (result.inventory.error) {
    notifications.push({ level: 'warning', message: { text: `Inventory ${maskUrl(result.inventory.source)}: ${maskUrl(result.inventory.error)}` } });
  }
  for (const file of result.files) {
    if (!file.error) continue;
    notifications.push({
      level: 'error',
      message: { text: maskText(`${file.path} (${file.client}): ${file.error}`) },
      locations: [{ physicalLocation: paths.physical(file.path, file.errorRange) }],
    });
  }

  const version = options.toolVersion ?? (typeof __VERSION__ === 'string' ? __VERSION__ : undefined);
  const run: SarifRun = {
    tool: {
      driver: {
        name: TOOL_NAME,
        ...(version ? { version, ...(/^\d+\.\d+\.\d+(?:[-+].*)?$/.test(version) ? { semanticVersion: version } : {}) } : {}),
        ...(options.informationUri ? { informationUri: options.informationUri } : {}),
        rules,
      },
    },
    invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
    ...(paths.srcRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: paths.srcRoot, description: { text: 'The workspace folder that was scanned.' } } } } : {}),
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

function resultCore(f: Finding, ruleIndex: ReadonlyMap<string, number>): Pick<SarifResult, 'ruleId' | 'ruleIndex' | 'level' | 'message'> {
  return { ruleId: f.rule, ruleIndex: ruleIndex.get(f.rule) ?? -1, level: LEVEL[f.severity], message: { text: maskText(f.message) } };
}

function related(f: Finding, paths: PathResolver): Pick<SarifResult, 'relatedLocations'> {
  if (!f.related?.length) return {};
  return {
    relatedLocations: f.related.map((r, i) => ({ id: i + 1, physicalLocation: paths.physical(r.file, r.range), message: { text: maskText(r.message) } })),
  };
}

/** Every rule the tool knows (so code scanning can show rules with no results), plus any id a result uses. */
function ruleDescriptors(result: ScanResult, docsBaseUrl: string | undefined): SarifReportingDescriptor[] {
  const metas = new Map<RuleId, RuleMeta>();
  for (const m of [...allRuleMeta(), DUPLICATE_SERVER_NAME_RULE]) if (!metas.has(m.id)) metas.set(m.id, m);
  const out = [...metas.values()].map((m) => descriptor(m, docsBaseUrl));
  const used = [...result.servers.flatMap((s) => s.findings), ...result.files.flatMap((f) => f.findings ?? [])].map((f) => f.rule);
  for (const id of new Set(used)) if (!metas.has(id)) out.push({ id, name: id, shortDescription: { text: id }, helpUri: ruleHelpUri(id, docsBaseUrl), properties: { tags: ['security', 'mcp'] } });
  return out;
}

function descriptor(m: RuleMeta, docsBaseUrl: string | undefined): SarifReportingDescriptor {
  const helpUri = ruleHelpUri(m.id, docsBaseUrl);
  return {
    id: m.id,
    name: m.name,
    shortDescription: { text: m.shortDescription },
    fullDescription: { text: m.fullDescription },
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    helpUri,
    help: { text: m.fullDescription, markdown: `**${m.shortDescription}**\n\n${m.fullDescription}\n\n[Rule documentation](${helpUri})` },
    properties: { tags: ['security', 'mcp'], 'security-severity': SECURITY_SEVERITY[m.defaultSeverity] },
  };
}

/** SARIF regions count lines and columns from 1; the end column is the one just after the region. */
export function toRegion(r: Range): SarifRegion {
  const startLine = r.start.line + 1;
  const startColumn = r.start.character + 1;
  const backwards = r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character < r.start.character);
  return backwards ? { startLine, startColumn, endLine: startLine, endColumn: startColumn } : { startLine, startColumn, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

class PathResolver {
  /** file URI of the first workspace, with a trailing slash (a base URI must end in one) */
  readonly srcRoot: string | undefined;
  private readonly workspaces: readonly string[];
  private readonly home: string | undefined;

  constructor(options: SarifOptions) {
    this.workspaces = (options.workspaces ?? []).map((w) => path.resolve(w));
    this.home = options.home ? path.resolve(options.home) : undefined;
    const first = this.workspaces[0];
    this.srcRoot = first ? withSlash(pathToFileURL(first).href) : undefined;
  }

  physical(file: string, range: Range | undefined): SarifPhysicalLocation {
    const rel = this.workspaces[0] ? inside(this.workspaces[0], file) : undefined;
    const artifactLocation = rel !== undefined ? { uri: rel.map(encodeURIComponent).join('/'), uriBaseId: SRCROOT } : { uri: pathToFileURL(path.resolve(file)).href };
    return range ? { artifactLocation, region: toRegion(range) } : { artifactLocation };
  }

  /** The file named relative to its root (workspace or home), so the fingerprint does not depend on the machine. */
  stableKey(file: string): string {
    for (const [i, ws] of this.workspaces.entries()) {
      const rel = inside(ws, file);
      if (rel) return i === 0 ? rel.join('/') : `${path.basename(ws)}/${rel.join('/')}`;
    }
    const inHome = this.home ? inside(this.home, file) : undefined;
    if (inHome) return `~/${inHome.join('/')}`;
    return path.resolve(file).split(path.sep).join('/');
  }
}

/** The path segments of `file` under `root`, or undefined when it is not inside. */
function inside(root: string, file: string): string[] | undefined {
  const rel = path.relative(root, path.resolve(file));
  if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep);
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
