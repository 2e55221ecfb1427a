// The registry of static security rules. Adding a rule = one module here and its tests.
import type { Finding, ServerEntry } from '../model';
import type { ParsedDocument } from '../parse';
import { autoApproveTools } from './autoApproveTools';
import { broadFilesystemAccess } from './broadFilesystemAccess';
import { dockerRisk } from './dockerRisk';
import { hardcodedSecret } from './hardcodedSecret';
import { insecureTransport } from './insecureTransport';
import { findNodeAt } from './nodes';
import type { RuleContext, RuleMeta, ServerRule } from './types';
import { LookalikeIndex } from '../lookalike';
import { lookalikePackage } from './lookalikePackage';
import { suspiciousCharacters } from './suspiciousCharacters';
import { unpinnedPackage } from './unpinnedPackage';
import { DUPLICATE_SERVER_NAME_RULE } from './duplicateNames';
import { TRUST_SIGNAL_RULES } from './trustSignals';

export const SERVER_RULES: readonly ServerRule[] = [hardcodedSecret, insecureTransport, unpinnedPackage, dockerRisk, broadFilesystemAccess, autoApproveTools, lookalikePackage, suspiciousCharacters];

let noInventoryContext: RuleContext | undefined;

/** The context without an inventory: look-alikes of the well-known MCP packages only. */
export function defaultRuleContext(): RuleContext {
  return (noInventoryContext ??= { lookalikes: new LookalikeIndex(null), organization: null, locate: () => undefined });
}

/** Metadata of every rule the tool can report (inventory rules included), for SARIF and docs. */
export const INVENTORY_RULES: readonly RuleMeta[] = [
  { id: 'shadow-mcp', name: 'ShadowMcpServer', shortDescription: 'MCP server not in the inventory', fullDescription: 'The server runs a package, URL or command that the organization inventory does not list: a shadow MCP server nobody reviewed.', defaultSeverity: 'warning' },
  { id: 'pending-mcp', name: 'PendingMcpServer', shortDescription: 'MCP server pending approval', fullDescription: 'The inventory lists the server as pending: its review is not finished, so it is not approved yet.', defaultSeverity: 'warning' },
  { id: 'rejected-mcp', name: 'RejectedMcpServer', shortDescription: 'MCP server rejected by the organization', fullDescription: 'The inventory rejects this server; the message gives the reason and, when there is one, the approved replacement.', defaultSeverity: 'error' },
  { id: 'deprecated-mcp', name: 'DeprecatedMcpServer', shortDescription: 'MCP server deprecated', fullDescription: 'The inventory deprecates this server and names its replacement.', defaultSeverity: 'warning' },
  { id: 'unapproved-version', name: 'UnapprovedVersion', shortDescription: 'Version of an MCP server not approved', fullDescription: 'The package is in the inventory, but the version (or the missing pin) is outside the approved range.', defaultSeverity: 'warning' },
  { id: 'bypasses-gateway', name: 'BypassesGateway', shortDescription: 'Approved MCP server reached without the gateway', fullDescription: 'The organization requires approved servers that have a gateway route to be reached through the gateway.', defaultSeverity: 'warning' },
  { id: 'inventory-stale', name: 'InventoryStale', shortDescription: 'Approval could not be refreshed', fullDescription: 'The inventory source is failing and the cached copy in force is older than the policy allows.', defaultSeverity: 'info' },
  { id: 'inventory-override-attempt', name: 'InventoryOverrideAttempt', shortDescription: 'Workspace tries to change organization policy', fullDescription: 'A workspace setting tries to set the inventory, gateway or enforcement. Policy is never taken from a workspace; the value is ignored.', defaultSeverity: 'warning' },
];

/** Runs every static rule on the servers of one parsed file. */
export function checkRules(doc: ParsedDocument, servers: readonly ServerEntry[], rules: readonly ServerRule[] = SERVER_RULES, context: RuleContext = defaultRuleContext()): Map<ServerEntry, Finding[]> {
  const out = new Map<ServerEntry, Finding[]>();
  if (!doc.root) return out;
  for (const server of servers) {
    const entry = findNodeAt(doc.root, server.valueOffset, server.valueLength);
    if (!entry) continue;
    const input = { server, entry, doc, context };
    const findings: Finding[] = [];
    for (const r of rules) {
      try {
        findings.push(...r.check(input));
      } catch {
        // a rule must never break the scan
      }
    }
    if (findings.length) out.set(server, findings);
  }
  return out;
}

export function allRuleMeta(): RuleMeta[] {
  return [
    ...INVENTORY_RULES,
    ...SERVER_RULES.map(({ id, name, shortDescription, fullDescription, defaultSeverity }) => ({ id, name, shortDescription, fullDescription, defaultSeverity })),
    DUPLICATE_SERVER_NAME_RULE,
    ...TRUST_SIGNAL_RULES,
  ];
}
