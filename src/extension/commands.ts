// Command handlers. Each one delegates to the services; none decides anything itself.
import * as vscode from 'vscode';
import { summarize } from '../core/scan';
import type { DiagnosticsController } from './diagnosticsController';
import { TOKEN_SECRET_KEY, type InventoryService } from './inventoryService';

export const COMMANDS = {
  scanNow: 'mcpGatekeeper.scanNow',
  refreshInventory: 'mcpGatekeeper.refreshInventory',
  setInventoryToken: 'mcpGatekeeper.setInventoryToken',
  showPolicy: 'mcpGatekeeper.showPolicy',
  showLog: 'mcpGatekeeper.showLog',
} as const;

interface Deps {
  scanNow(): Promise<void>;
  diagnostics: DiagnosticsController;
  inventory: InventoryService;
  secrets: vscode.SecretStorage;
  log: vscode.LogOutputChannel;
}

export function registerCommands({ scanNow, diagnostics, inventory, secrets, log }: Deps): vscode.Disposable[] {
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
    vscode.commands.registerCommand(COMMANDS.refreshInventory, async () => {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('MCP Gatekeeper: refreshing the inventory') }, () => inventory.reload());
      const inv = inventory.inventory;
      if (inventory.error) void vscode.window.showWarningMessage(vscode.l10n.t('MCP Gatekeeper: inventory not refreshed: {0}', inventory.error));
      else void vscode.window.showInformationMessage(vscode.l10n.t('MCP Gatekeeper: inventory refreshed ({0} entries from {1}).', inv.inventory.servers.length, inv.source));
      return { source: inv.source, fetchedAt: inv.fetchedAt, fromCache: inv.fromCache, stale: inv.stale, error: inventory.error };
    }),
    vscode.commands.registerCommand(COMMANDS.setInventoryToken, async () => {
      const token = await vscode.window.showInputBox({
        title: vscode.l10n.t('Inventory access token'),
        prompt: vscode.l10n.t('Bearer token for the inventory URL. It is kept in the editor\'s secret storage, never in settings. Leave empty to remove it.'),
        password: true,
        ignoreFocusOut: true,
      });
      if (token === undefined) return;
      if (token.trim()) await secrets.store(TOKEN_SECRET_KEY, token.trim());
      else await secrets.delete(TOKEN_SECRET_KEY);
      log.info(token.trim() ? 'Inventory access token stored in secret storage.' : 'Inventory access token removed.');
    }),
    vscode.commands.registerCommand(COMMANDS.showPolicy, async () => {
      const p = inventory.policy;
      const lines = (Object.keys(p) as (keyof typeof p)[]).map((k) => `| \`${k}\` | \`${k === 'trustedKeys' ? `${p[k].value.length} key(s)` : JSON.stringify(p[k].value)}\` | ${p[k].origin} |`);
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: `# ${vscode.l10n.t('MCP Gatekeeper: effective policy')}\n\n| ${vscode.l10n.t('Setting')} | ${vscode.l10n.t('Value')} | ${vscode.l10n.t('From')} |\n| --- | --- | --- |\n${lines.join('\n')}\n`,
      });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  ];
}
