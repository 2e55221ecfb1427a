// The export targets, one module each: the inventory as each client's own enforcement file.
import type { ExportModule, ExportTarget } from './common';
import { claudeCodeExport } from './claudeCode';
import { codexExport } from './codex';
import { geminiExport } from './gemini';
import { windsurfExport } from './windsurf';
import { vscodeExport } from './vscode';
import { copilotExport } from './copilot';
import { kiroExport } from './kiro';

export const EXPORTERS: Record<ExportTarget, ExportModule> = {
  'claude-code': claudeCodeExport,
  codex: codexExport,
  gemini: geminiExport,
  windsurf: windsurfExport,
  vscode: vscodeExport,
  copilot: copilotExport,
  kiro: kiroExport,
};

export { EXPORT_TARGETS, type ExportTarget, type ExportResult, type ExportNote, type ExportOptions, type ExportFile } from './common';

/** Notes as printed after an export, most serious first. */
export function formatNotes(notes: readonly { id: string | null; level: string; message: string }[]): string {
  const order = { lost: 0, widened: 1, info: 2 } as Record<string, number>;
  const label = { lost: 'NOT EXPRESSED', widened: 'WIDENED', info: 'note' } as Record<string, string>;
  return [...notes]
    .sort((a, b) => (order[a.level] ?? 3) - (order[b.level] ?? 3))
    .map((n) => `  ${label[n.level] ?? n.level}${n.id ? ` ${n.id}` : ''}: ${n.message}`)
    .join('\n');
}
