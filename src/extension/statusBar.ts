// Status bar: "MCP: 3 shadow · 1 pending", or a shield check when everything is approved; the tooltip says which
// inventory is in force and how old it is. Warning colours only when something is not approved or the inventory is stale.
import * as vscode from 'vscode';
import { summarize } from '../core/scan';
import type { DiagnosticsController } from './diagnosticsController';
import type { InventoryService } from './inventoryService';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mcpGatekeeper.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly inventory: InventoryService,
  ) {
    this.item.name = vscode.l10n.t('MCP Gatekeeper');
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(diagnostics.onDidCheck(() => this.update()), inventory.onDidChange(() => this.update()));
    // nothing is known before the first scan, which runs right after activation and calls update(); reading the
    // inventory here would load it during activation
    this.item.text = '$(sync~spin) MCP';
    this.item.tooltip = vscode.l10n.t('MCP Gatekeeper: checking MCP servers…');
    this.item.show();
  }

  /** what the item shows */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const s = summarize(this.diagnostics.results().flatMap((a) => a.servers.filter((x) => !x.disabled)));
    const inv = this.inventory.inventory;
    const parts: string[] = [];
    if (s.unknown) parts.push(vscode.l10n.t('{0} shadow', s.unknown));
    if (s.rejected) parts.push(vscode.l10n.t('{0} rejected', s.rejected));
    if (s.pending) parts.push(vscode.l10n.t('{0} pending', s.pending));
    if (s.deprecated) parts.push(vscode.l10n.t('{0} deprecated', s.deprecated));
    const problems = parts.length > 0;
    const stale = inv.stale || this.inventory.error !== null;
    this.item.text = problems ? `$(shield) MCP: ${parts.join(' · ')}` : `$(verified) MCP${stale ? ' $(warning)' : ''}`;
    this.item.backgroundColor = problems || inv.stale ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = {
      label: problems ? vscode.l10n.t('MCP Gatekeeper: {0}', parts.join(', ')) : vscode.l10n.t('MCP Gatekeeper: all {0} MCP servers approved', s.total),
    };

    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${vscode.l10n.t('MCP Gatekeeper')}**\n\n`);
    tip.appendMarkdown(vscode.l10n.t('{0} servers: {1} approved, {2} pending, {3} rejected, {4} deprecated, {5} shadow', s.total, s.approved, s.pending, s.rejected, s.deprecated, s.unknown) + '\n\n');
    tip.appendText(vscode.l10n.t('Inventory: {0} ({1} entries) from {2}', inv.inventory.organization ?? '—', inv.inventory.servers.length, inv.source));
    if (inv.fetchedAt) tip.appendText(`\n${vscode.l10n.t('Fetched {0} ({1})', inv.fetchedAt, age(inv.fetchedAt))}${inv.fromCache ? ` — ${vscode.l10n.t('cached copy')}` : ''}`);
    if (inv.stale) tip.appendMarkdown(`\n\n$(warning) ${vscode.l10n.t('Stale: approvals could not be refreshed.')}`);
    if (this.inventory.error) tip.appendText(`\n\n${vscode.l10n.t('Problem: {0}', this.inventory.error)}`);
    this.item.tooltip = tip;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function age(iso: string): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000));
  if (minutes < 60) return vscode.l10n.t('{0} min ago', minutes);
  if (minutes < 48 * 60) return vscode.l10n.t('{0} h ago', Math.round(minutes / 60));
  return vscode.l10n.t('{0} days ago', Math.round(minutes / 1440));
}
