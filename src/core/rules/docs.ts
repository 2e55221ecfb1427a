// Where each rule's documentation page lives (docs/rules/<id>.md in this repository by default). One function builds
// every help link — diagnostics' codeDescription, SARIF helpUri, the hover, the JSON report — so they never disagree.
// An organization can point the links at its own copy (policy `docsBaseUrl`); the base must be https (plain http only
// to this machine), because editors open it on a click.
import { checkUrl } from '../net/httpGet';

export const DEFAULT_DOCS_BASE_URL = 'https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/';
/** the same rule as a pattern, for editors validating settings and policy files (JSON Schema, package.json) */
export const DOCS_BASE_URL_PATTERN = '^(https://.*|http://(localhost|127\\.[0-9.]+|\\[::1\\])(:[0-9]+)?(/.*)?)?$';

/**
 * Why `base` cannot be used as a docs base URL, or null when it can. `{id}` in the base is replaced by the rule id;
 * without it, `<id>.md` is appended (a missing trailing slash is added).
 */
export function docsBaseUrlProblem(base: string): string | null {
  return checkUrl(base.trim().split('{id}').join('rule-id'));
}

/** The documentation page of a rule under `baseUrl`; an unusable base falls back to the project's own pages. */
export function ruleHelpUri(ruleId: string, baseUrl: string = DEFAULT_DOCS_BASE_URL): string {
  const base = baseUrl.trim();
  const usable = base && docsBaseUrlProblem(base) === null ? base : DEFAULT_DOCS_BASE_URL;
  return new URL(expand(usable, ruleId)).href;
}

function expand(base: string, ruleId: string): string {
  const id = encodeURIComponent(ruleId);
  return base.includes('{id}') ? base.split('{id}').join(id) : `${base}${base.endsWith('/') ? '' : '/'}${id}.md`;
}
