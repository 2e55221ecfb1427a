// The "MCP Servers" view: client → file → server, icons and descriptions by verdict, the inventory's reason in the
// tooltip, click to reveal the key, inline quick-fixes. Refreshes whenever diagnostics are republished.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { shortVerdictLabel } from '../labels';
import { escapeMarkdown } from '../markdown';
import { clientById } from '../../core/clients';
import type { CheckedServer, ClientId, Verdict } from '../../core/model';
import type { FileAnalysis } from '../../core/scan';
import { maskArgs, maskText, maskUrl } from '../../core/secrets';
import { tildePath } from '../../core/report/cells';
import type { DiagnosticsController } from '../diagnosticsController';
import type { FixApplier } from '../fixes/applyFix';

type Node = { kind: 'client'; client: ClientId; files: FileAnalysis[] } | { kind: 'file'; analysis: FileAnalysis } | { kind: 'server'; server: CheckedServer; analysis: FileAnalysis };

/** A row of the view as shown (label, description, icon) with its children. */
export interface TreeSnapshot {
  label: string;
  description: string;
  icon: string;
  children: TreeSnapshot[];
}

const ONLY_PROBLEMS_KEY = 'mcpGatekeeper.onlyProblems';

const VERDICT_ICON: Record<Verdict, [string, string]> = {
  approved: ['pass-filled', 'testing.iconPassed'],
  pending: ['clock', 'editorWarning.foreground'],
  rejected: ['error', 'editorError.foreground'],
  deprecated: ['warning', 'editorWarning.foreground'],
  unknown: ['shield', 'editorWarning.foreground'],
};

export class ServersView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private onlyProblems = false;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly fixes: FixApplier,
  ) {
    this.view = vscode.window.createTreeView('mcpGatekeeper.servers', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, diagnostics.onDidCheck(() => this.refresh()));
    void vscode.commands.executeCommand('setContext', ONLY_PROBLEMS_KEY, false);
    this.refresh();
  }

  setOnlyProblems(value: boolean): void {
    this.onlyProblems = value;
    void vscode.commands.executeCommand('setContext', ONLY_PROBLEMS_KEY, value);
    this.refresh();
  }

  private refresh(): void {
    const all = this.diagnostics.results().flatMap((a) => a.servers);
    const problems = all.filter((s) => s.verdict !== 'approved' && !s.disabled).length;
    this.view.badge = problems ? { value: problems, tooltip: vscode.l10n.t('{0} MCP servers not approved', problems) } : undefined;
    this.view.message = all.length && this.onlyProblems && !problems ? vscode.l10n.t('All MCP servers are approved.') : undefined;
    void vscode.commands.executeCommand('setContext', 'mcpGatekeeper.hasServers', all.length > 0);
    this.changed.fire(undefined);
  }

  /** The whole tree and the badge, as the view would show them now. */
  snapshot(): { servers: TreeSnapshot[]; badge: number } {
    const walk = (node?: Node): TreeSnapshot[] =>
      this.getChildren(node).map((child) => {
        const item = this.getTreeItem(child);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        return { label, description: String(item.description ?? ''), icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '', children: walk(child) };
      });
    return { servers: walk(), badge: this.view.badge?.value ?? 0 };
  }

  private visible(a: FileAnalysis): CheckedServer[] {
    return a.servers.filter((s) => !this.onlyProblems || (s.verdict !== 'approved' && !s.disabled) || s.findings.some((f) => f.severity !== 'info'));
  }

  getChildren(node?: Node): Node[] {
    const analyses = this.diagnostics.results().filter((a) => this.visible(a).length > 0);
    if (!node) {
      const byClient = new Map<ClientId, FileAnalysis[]>();
      for (const a of analyses) byClient.set(a.location.client, [...(byClient.get(a.location.client) ?? []), a]);
      return [...byClient].sort(([a], [b]) => clientById(a).displayName.localeCompare(clientById(b).displayName)).map(([client, files]) => ({ kind: 'client', client, files }));
    }
    if (node.kind === 'client') return node.files.map((analysis) => ({ kind: 'file', analysis }));
    if (node.kind === 'file') return this.visible(node.analysis).map((server) => ({ kind: 'server', server, analysis: node.analysis }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'client') {
      const item = new vscode.TreeItem(clientById(node.client).displayName, vscode.TreeItemCollapsibleState.Expanded);
      const servers = node.files.flatMap((f) => f.servers);
      const bad = servers.filter((s) => s.verdict !== 'approved' && !s.disabled).length;
      item.description = bad ? vscode.l10n.t('{0} of {1} not approved', bad, servers.length) : vscode.l10n.t('{0} approved', servers.length);
      item.iconPath = new vscode.ThemeIcon('hubot');
      item.contextValue = 'client';
      return item;
    }
    if (node.kind === 'file') {
      const loc = node.analysis.location;
      const item = new vscode.TreeItem(path.basename(loc.path), vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = vscode.Uri.file(loc.path);
      item.description = `${loc.scope} · ${tildify(path.dirname(loc.path))}`;
      item.tooltip = loc.path;
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.file(loc.path)] };
      item.contextValue = 'file';
      return item;
    }
    const s = node.server;
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.None);
    const [icon, color] = VERDICT_ICON[s.verdict];
    item.iconPath = new vscode.ThemeIcon(s.disabled ? 'circle-slash' : icon, new vscode.ThemeColor(color));
    item.description = `${verdictLabel(s)}${s.disabled ? ` · ${vscode.l10n.t('disabled')}` : ''} · ${target(s)}`;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${escapeMarkdown(s.name)}** — ${verdictLabel(s)}\n\n`);
    for (const f of s.findings) tip.appendMarkdown(`- ${escapeMarkdown(maskText(f.message))}\n`);
    tip.appendMarkdown(`\n${escapeMarkdown(target(s))}\n\n${escapeMarkdown(s.client)} · ${escapeMarkdown(s.scope)} · ${escapeMarkdown(tildify(s.file))}:${s.range.start.line + 1}`);
    item.tooltip = tip;
    item.accessibilityInformation = { label: `${s.name}, ${verdictLabel(s)}${s.disabled ? `, ${vscode.l10n.t('disabled')}` : ''}` };
    item.command = {
      command: 'vscode.open',
      title: vscode.l10n.t('Reveal in file'),
      arguments: [vscode.Uri.file(s.file), { selection: new vscode.Range(s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character) }],
    };
    // what the inline actions and the context menu may offer, from what the planner can do on the file now
    const kinds = this.fixKinds(node);
    item.contextValue = ['server', s.verdict === 'approved' ? 'approved' : 'problem', ...kinds.map((k) => `fix-${k}`)].join(' ');
    return item;
  }

  private fixKinds(node: Extract<Node, { kind: 'server' }>): string[] {
    if (!node.server.findings.length) return [];
    const text = this.diagnostics.textOf(node.server.file);
    return text === undefined ? [] : this.fixes.fixesForText(text, node.analysis.location, node.server.name).map((f) => f.kind);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function verdictLabel(s: CheckedServer): string {
  return shortVerdictLabel(s.verdict, s.findings.some((f) => f.rule === 'unapproved-version'));
}

function target(s: CheckedServer): string {
  if (s.url) return maskUrl(s.url);
  if (s.package) return `${s.package.name}${s.package.version ? `@${s.package.version}` : ''}`;
  return [s.command ?? '', ...maskArgs(s.args)].join(' ').trim();
}

function tildify(p: string): string {
  return tildePath(p, os.homedir());
}
