// Command handlers. Each one delegates to the controller; none decides anything itself.
import * as vscode from 'vscode';
import { summarize } from '../core/scan';
import type { DiagnosticsController } from './diagnosticsController';

export const COMMANDS = {
  scanNow: 'mcpGatekeeper.scanNow',
  showLog: 'mcpGatekeeper.showLog',
} as const;

interface Deps {
  scanNow(): Promise<void>;
  diagnostics: DiagnosticsController;
  log: vscode.LogOutputChannel;
}

export function registerCommands({ scanNow, diagnostics, log }: Deps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.scanNow, async () => {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('MCP Gatekeeper: scanning') }, scanNow);
      const s = summarize(diagnostics.results().flatMap((a) => a.servers));
      const notApproved = s.total - s.approved;
      const message =
        s.total === 0
          ? vscode.l10n.t('MCP Gatekeeper found no MCP servers.')
          : notApproved === 0
            ? vscode.l10n.t('MCP Gatekeeper: all {0} MCP servers are approved.', s.total)
            : vscode.l10n.t('MCP Gatekeeper: {0} of {1} MCP servers are not approved ({2} shadow, {3} pending, {4} rejected, {5} deprecated).', notApproved, s.total, s.unknown, s.pending, s.rejected, s.deprecated);
      void vscode.window.showInformationMessage(message);
      return s;
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  ];
}
