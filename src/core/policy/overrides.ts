// A workspace must not be able to change organization policy. VS Code already ignores workspace values of our
// machine-scoped settings; this finds the attempts in a workspace's settings so they can be shown, not silently dropped.
import type { FileFinding } from '../model';
import { property, type ParsedDocument, type TreeNode } from '../parse';

/** Settings that carry organization policy; only user/machine values (or the managed policy file) count. */
export const POLICY_SETTINGS = [
  'mcpGatekeeper.inventory.path',
  'mcpGatekeeper.inventory.url',
  'mcpGatekeeper.inventory.refreshMinutes',
  'mcpGatekeeper.inventory.staleAfterDays',
  'mcpGatekeeper.inventory.caFile',
  'mcpGatekeeper.policy.requireGateway',
  'mcpGatekeeper.policy.enforcement',
  'mcpGatekeeper.policy.trustedKeys',
  'mcpGatekeeper.policy.severities',
  'mcpGatekeeper.policy.docsBaseUrl',
  'mcpGatekeeper.trustSignals.enabled',
  'mcpGatekeeper.trustSignals.npmRegistry',
  'mcpGatekeeper.trustSignals.pypiRegistry',
] as const;

/**
 * Policy keys set in a workspace settings document: `.vscode/settings.json` (top level) or a `.code-workspace`
 * file (under `settings`). Both the flat form (`"mcpGatekeeper.inventory.path"`) and nested objects count.
 */
export function findPolicyOverrides(doc: ParsedDocument, isWorkspaceFile: boolean): FileFinding[] {
  const settings = isWorkspaceFile ? property(doc.root, 'settings')?.children?.[1] : doc.root;
  if (!settings || settings.type !== 'object') return [];
  const out: FileFinding[] = [];
  const visit = (obj: TreeNode, prefix: string) => {
    for (const prop of obj.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || typeof key.value !== 'string') continue;
      const name = prefix ? `${prefix}.${key.value}` : key.value;
      if ((POLICY_SETTINGS as readonly string[]).includes(name)) {
        out.push({
          rule: 'inventory-override-attempt',
          severity: 'warning',
          message: `This workspace sets "${name}", which is organization policy. Policy is never taken from a workspace, so this value is ignored.`,
          range: doc.lines.rangeOf(key.offset, key.length),
        });
      } else if (value?.type === 'object' && POLICY_SETTINGS.some((s) => s.startsWith(`${name}.`))) {
        visit(value, name);
      }
    }
  };
  visit(settings, '');
  return out;
}
