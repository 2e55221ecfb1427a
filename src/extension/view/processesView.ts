// "Running MCP servers": processes that look like MCP servers, each with the config entry that explains it, or
// flagged "running, not configured in any known client". Listed when the view is shown and on Refresh, never polled;
// not at all in Restricted Mode (listing processes may start `ps` or PowerShell).
import * as vscode from 'vscode';
import { shortVerdictLabel } from '../labels';
import { findRunningServers, type RunningServer } from '../../core/processes/correlate';
import { listProcesses } from '../../core/processes/list';
import { formatPackage } from '../../core/evaluate';
import type { DiagnosticsController } from '../diagnosticsController';
import type { InventoryService } from '../inventoryService';

export const REFRESH_PROCESSES_COMMAND = 'mcpGatekeeper.processes.refresh';

export class ProcessesView implements vscode.TreeDataProvider<RunningServer>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private running: RunningServer[] = [];
  private readonly view: vscode.TreeView<RunningServer>;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly inventory: InventoryService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.view = vscode.window.createTreeView('mcpGatekeeper.processes', { treeDataProvider: this });
    this.disposables.push(
      this.view,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) void this.refresh();
      }),
      vscode.commands.registerCommand(REFRESH_PROCESSES_COMMAND, () => this.refresh()),
    );
  }

  async refresh(): Promise<RunningServer[]> {
    if (!vscode.workspace.isTrusted) {
      this.view.message = vscode.l10n.t('Running servers are not listed in Restricted Mode (it would start a process).');
      this.running = [];
      this.changed.fire();
      return this.running;
    }
    try {
      const table = await listProcesses();
      const configured = this.diagnostics.results().flatMap((a) => a.servers);
      this.running = findRunningServers(table, configured, this.inventory.checker, { selfPid: process.pid }).processes;
      const unconfigured = this.running.filter((p) => p.unconfigured).length;
      this.view.message = this.running.length
        ? unconfigured
          ? vscode.l10n.t('{0} running, {1} not configured in any known client', this.running.length, unconfigured)
          : undefined
        : vscode.l10n.t('No running MCP servers found.');
    } catch (e) {
      this.running = [];
      this.view.message = vscode.l10n.t('Could not list processes: {0}', e instanceof Error ? e.message : String(e));
      this.log.warn(`Listing processes failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.changed.fire();
    return this.running;
  }

  getChildren(node?: RunningServer): RunningServer[] {
    return node ? [] : this.running;
  }

  getTreeItem(p: RunningServer): vscode.TreeItem {
    const name = p.package ? formatPackage(p.package) : (p.bridgedUrl ?? p.program ?? p.via);
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    const problem = p.unconfigured || p.verdict !== 'approved';
    item.iconPath = new vscode.ThemeIcon(p.unconfigured ? 'question' : problem ? 'warning' : 'pass-filled', new vscode.ThemeColor(problem ? 'editorWarning.foreground' : 'testing.iconPassed'));
    const where = p.matches.map((m) => `${m.client}: ${m.name}`).join(', ');
    const verdict = shortVerdictLabel(p.verdict);
    item.description = p.unconfigured ? vscode.l10n.t('running, not configured in any known client · {0}', verdict) : `${verdict} · ${where}`;
    const tip = new vscode.MarkdownString();
    tip.appendText(`pid ${p.pids.join(' → ')}\n${p.commandLine}\n`);
    for (const f of p.findings) tip.appendText(`\n${f.message}`);
    item.tooltip = tip;
    item.accessibilityInformation = { label: `${name}, ${p.unconfigured ? vscode.l10n.t('not configured in any known client') : verdict}` };
    const first = p.matches[0];
    if (first) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open the config entry'), arguments: [vscode.Uri.file(first.file)] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
