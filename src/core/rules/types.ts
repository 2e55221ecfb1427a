// A security rule: one module per rule, each with stable metadata (used for diagnostics, docs links and SARIF).
import type { InventoryLocation } from '../inventory/load';
import type { LookalikeIndex } from '../lookalike';
import type { Finding, RuleId, ServerEntry, Severity } from '../model';
import type { ParsedDocument, TreeNode } from '../parse';

export interface RuleMeta {
  id: RuleId;
  /** PascalCase name for SARIF */
  name: string;
  shortDescription: string;
  fullDescription: string;
  defaultSeverity: Severity;
}

/** What a per-server rule sees: the normalized entry, its node in the parsed file (values included), and the file. */
export interface RuleInput {
  server: ServerEntry;
  entry: TreeNode;
  doc: ParsedDocument;
  context: RuleContext;
}

/** The little a rule may know beyond the file: what the inventory in force approves (built once per inventory). */
export interface RuleContext {
  /** approved inventory packages and well-known MCP packages, for look-alike names */
  lookalikes: LookalikeIndex;
  /** the inventory's organization name, for messages */
  organization: string | null;
  /** where an inventory entry is written, when the inventory is a local file */
  locate(entryId: string): InventoryLocation | undefined;
}

export interface ServerRule extends RuleMeta {
  check(input: RuleInput): Finding[];
}
