// What a quick-fix is: text edits for one file, what it promises, and what it drops.
import type { RuleId, Verdict } from '../model';

export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

export const FIX_KINDS = ['gateway', 'switch', 'pin', 'disable', 'remove', 'move-secret'] as const;
export type FixKind = (typeof FIX_KINDS)[number];

export interface PlannedFix {
  kind: FixKind;
  title: string;
  /** the server the fix rewrites */
  server: string;
  file: string;
  edits: TextEdit[];
  /** the verdict the entry has once the fix is applied (checked by re-scanning the result) */
  expectedVerdict: Verdict | null;
  /** names of env vars / headers that the new entry no longer carries (the gateway holds credentials) */
  dropped: string[];
  /** the findings it resolves */
  rules: RuleId[];
  isPreferred: boolean;
  /** applied by `mcp-gatekeeper fix` without extra flags */
  safe: boolean;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}
