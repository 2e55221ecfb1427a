// Organization policy: what inventory to use and how strictly to enforce it. Layers, strongest first: the managed
// policy file an admin deploys, then user/machine settings (or CLI flags), then defaults. A workspace is never a
// layer: whatever a repository sets is ignored (and reported by the caller).
import * as path from 'node:path';
import * as z from '../zod';
import type { RuleId, Severity } from '../model';
import { systemPath } from '../clients/systemPaths';
import type { DiscoveryContext } from '../clients/types';
import { parseInventoryData, describeIssues } from '../inventory/load';
import { readConfigFile } from '../readFile';
import { DEFAULT_DOCS_BASE_URL, DOCS_BASE_URL_PATTERN, docsBaseUrlProblem } from '../rules/docs';
import { checkUrl } from '../net/httpGet';
import { DEFAULT_NPM_REGISTRY, DEFAULT_PYPI_REGISTRY } from '../trust/types';

const SeveritySchema = z.enum(['error', 'warning', 'info']);
const RegistryUrl = z.string().check(z.refine((u) => checkUrl(u) === null, 'must be an https URL (plain http only to this machine)'));
const machineLocal = (description: string) => z.describe(`${description} Relative paths are relative to this file.`);

export const PolicySchema = z
  .looseObject({
    $schema: z.optional(z.string().check(z.describe('JSON Schema of this file (editor support only; ignored by MCP Gatekeeper).'))),
    inventory: z.optional(
      z
        .looseObject({
          source: z.optional(z.string().check(machineLocal('The inventory: an https URL, a file or folder path, or "builtin" (the bundled example).'))),
          refreshMinutes: z.optional(z.number().check(z.gte(1), z.describe('How often the inventory is fetched again (minutes).'))),
          staleAfterDays: z.optional(z.number().check(z.gt(0), z.describe('After how many days a cached inventory counts as stale (inventory-stale).'))),
          /** name of the environment variable that holds the bearer token for the inventory URL */
          tokenEnv: z.optional(
            z.string().check(
              z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
              z.meta({ description: 'Name of the environment variable that holds the bearer token for the inventory URL (CLI; default MCPG_INVENTORY_TOKEN).', patternErrorMessage: 'Must be an environment variable name.' }),
            ),
          ),
          caFile: z.optional(z.string().check(machineLocal('PEM file with extra CA certificates for the inventory URL.'))),
        })
        .check(z.describe('Which inventory is in force.')),
    ),
    trustedKeys: z.optional(z.array(z.string()).check(z.describe('Ed25519 public keys (base64 or PEM): when set, the inventory must be signed with one of them.'))),
    requireGateway: z.optional(z.boolean().check(z.describe('Warn (bypasses-gateway) when an approved server with a gateway route is reached directly.'))),
    enforcement: z.optional(
      z.enum(['warn', 'error']).check(
        z.meta({ description: 'How strictly findings are reported.', enumDescriptions: ['Findings are warnings (rejected servers are errors).', 'Every warning becomes an error.'] }),
      ),
    ),
    severities: z.optional(z.record(z.string(), SeveritySchema).check(z.describe('Severity per rule id, e.g. { "shadow-mcp": "error" }.'))),
    docsBaseUrl: z.optional(
      z.string().check(
        z.meta({
          description: 'Where the rule documentation pages live (help links in the editor, hover and SARIF): <rule-id>.md is appended, or {id} is replaced by the rule id. https only (plain http only to localhost).',
          pattern: DOCS_BASE_URL_PATTERN,
          patternErrorMessage: 'Use an https URL (plain http only for localhost).',
        }),
        z.superRefine((v, ctx) => {
          const problem = docsBaseUrlProblem(v);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      ),
    ),
    /** registry lookups (package age, maintainers, provenance…): off unless turned on; they tell the registry the package names */
    trustSignals: z.optional(
      z
        .looseObject({
          enabled: z.optional(z.boolean().check(z.describe('Look up npm and PyPI packages in their registry (publish dates, maintainers, repository, license, deprecation, provenance). Off by default: a lookup tells the registry which package is used.'))),
          npmRegistry: z.optional(RegistryUrl.check(z.describe('npm registry or mirror for the lookups (default https://registry.npmjs.org).'))),
          pypiRegistry: z.optional(RegistryUrl.check(z.describe('PyPI or a mirror serving its JSON API (default https://pypi.org).'))),
        })
        .check(z.describe('Trust signals: registry facts about the packages MCP servers run.')),
    ),
  })
  .check(z.describe('MCP Gatekeeper managed policy: it overrides user settings and command-line flags; a workspace cannot change it.'));
export type PolicyDocument = z.output<typeof PolicySchema>;

/** A policy layer: the values it sets and where they came from. */
export interface PolicyLayer {
  origin: string;
  values: PolicyDocument;
}

export interface Valued<T> {
  value: T;
  origin: string;
}

export interface EffectivePolicy {
  inventorySource: Valued<string>;
  refreshMinutes: Valued<number>;
  staleAfterDays: Valued<number>;
  tokenEnv: Valued<string>;
  caFile: Valued<string | null>;
  trustedKeys: Valued<string[]>;
  requireGateway: Valued<boolean>;
  enforcement: Valued<'warn' | 'error'>;
  severities: Valued<Partial<Record<RuleId, Severity>>>;
  docsBaseUrl: Valued<string>;
  trustSignals: Valued<boolean>;
  npmRegistry: Valued<string>;
  pypiRegistry: Valued<string>;
}

export const DEFAULT_POLICY: PolicyDocument = {
  inventory: { source: 'builtin', refreshMinutes: 60, staleAfterDays: 7, tokenEnv: 'MCPG_INVENTORY_TOKEN' },
  trustedKeys: [],
  requireGateway: false,
  enforcement: 'warn',
  severities: {},
  docsBaseUrl: DEFAULT_DOCS_BASE_URL,
  trustSignals: { enabled: false, npmRegistry: DEFAULT_NPM_REGISTRY, pypiRegistry: DEFAULT_PYPI_REGISTRY },
};

export function resolvePolicy(layers: readonly PolicyLayer[]): EffectivePolicy {
  const all = [...layers, { origin: 'default', values: DEFAULT_POLICY }];
  const pick = <T>(get: (p: PolicyDocument) => T | undefined, fallback: T): Valued<T> => {
    for (const layer of all) {
      const v = get(layer.values);
      if (v !== undefined) return { value: v, origin: layer.origin };
    }
    return { value: fallback, origin: 'default' };
  };
  return {
    inventorySource: pick((p) => p.inventory?.source, 'builtin'),
    refreshMinutes: pick((p) => p.inventory?.refreshMinutes, 60),
    staleAfterDays: pick((p) => p.inventory?.staleAfterDays, 7),
    tokenEnv: pick((p) => p.inventory?.tokenEnv, 'MCPG_INVENTORY_TOKEN'),
    caFile: pick<string | null>((p) => p.inventory?.caFile, null),
    trustedKeys: pick((p) => (p.trustedKeys?.length ? p.trustedKeys : undefined), []),
    requireGateway: pick((p) => p.requireGateway, false),
    enforcement: pick((p) => p.enforcement, 'warn'),
    severities: pick((p) => (p.severities && Object.keys(p.severities).length ? (p.severities as Partial<Record<RuleId, Severity>>) : undefined), {}),
    // an unusable base is skipped (each layer's reader reports it), never used for a link
    docsBaseUrl: pick((p) => (p.docsBaseUrl?.trim() && !docsBaseUrlProblem(p.docsBaseUrl) ? p.docsBaseUrl.trim() : undefined), DEFAULT_DOCS_BASE_URL),
    trustSignals: pick((p) => p.trustSignals?.enabled, false),
    npmRegistry: pick((p) => p.trustSignals?.npmRegistry, DEFAULT_NPM_REGISTRY),
    pypiRegistry: pick((p) => p.trustSignals?.pypiRegistry, DEFAULT_PYPI_REGISTRY),
  };
}

/** Where an admin deploys the managed policy file on each OS. */
export function managedPolicyPath(ctx: Pick<DiscoveryContext, 'platform' | 'env' | 'home' | 'workspaces'>): string {
  const folder = ctx.platform === 'linux' ? 'mcp-gatekeeper' : 'MCP Gatekeeper';
  return systemPath(ctx as DiscoveryContext, 'config', folder, 'policy.json');
}

export type PolicyFileResult = { kind: 'absent' } | { kind: 'ok'; layer: PolicyLayer } | { kind: 'error'; message: string };

/** Reads a policy file; a broken one is an error the caller must surface (it never silently loosens policy). */
export async function readPolicyFile(file: string): Promise<PolicyFileResult> {
  const read = await readConfigFile(file, 1024 * 1024);
  if (read.kind === 'absent') return { kind: 'absent' };
  if (read.kind === 'error') return { kind: 'error', message: `${file}: ${read.message}` };
  const data = parseInventoryData(read.text, file);
  if (!data.ok) return { kind: 'error', message: data.error };
  const parsed = PolicySchema.safeParse(data.data);
  if (!parsed.success) return { kind: 'error', message: `${file}: invalid policy: ${describeIssues(parsed.error, data.data).replace(/^invalid inventory: /, '')}` };
  const values = parsed.data;
  // relative paths in a policy file are relative to the file
  if (values.inventory?.caFile) values.inventory.caFile = path.resolve(path.dirname(file), values.inventory.caFile);
  if (values.inventory?.source && !/^(https?:\/\/|builtin)/i.test(values.inventory.source)) {
    values.inventory.source = path.resolve(path.dirname(file), values.inventory.source);
  }
  return { kind: 'ok', layer: { origin: `policy file ${file}`, values } };
}
