// A security rule: one module per rule, each with stable metadata (used for diagnostics, docs links and SARIF).
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
}

export interface ServerRule extends RuleMeta {
  check(input: RuleInput): Finding[];
}
