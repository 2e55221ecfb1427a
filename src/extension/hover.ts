// Hover on a server's key: its verdict, what it runs, what the inventory says (entry, status, reason, owner) and
// every finding, with links to request approval or inspect it. Reads the controller's results; decides nothing.
import * as vscode from 'vscode';
import { escapeMarkdown } from './markdown';
import type { CheckedServer, Verdict } from '../core/model';
import { ruleHelpUri } from '../core/rules/docs';
import { maskArgs, maskText, maskUrl } from '../core/secrets';
import type { DiagnosticsController } from './diagnosticsController';
import type { InventoryService } from './inventoryService';
import type { TrustService } from './trustService';
import { trustLines } from '../core/trust/describe';

const ICON: Record<Verdict, string> = { approved: '$(pass-filled)', pending: '$(clock)', rejected: '$(error)', deprecated: '$(warning)', unknown: '$(shield)' };

export class ServerHover implements vscode.HoverProvider {
  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly inventory: InventoryService,
    private readonly trust: TrustService,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.diagnostics.results().find((a) => a.location.path === doc.uri.fsPath);
    const server = analysis?.servers.find((s) => new vscode.Range(s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character).contains(position));
    if (!server) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['mcpGatekeeper.requestApproval', 'mcpGatekeeper.inspectTools'] };
    md.appendMarkdown(`${ICON[server.verdict]} **${escapeMarkdown(server.name)}**: ${verdictText(server)}${server.disabled ? ` · ${vscode.l10n.t('disabled')}` : ''}\n\n`);
    md.appendMarkdown(`${escapeMarkdown(runs(server))}\n\n`);
    const entry = server.inventoryId ? this.inventory.checker.index.byId.get(server.inventoryId) : undefined;
    if (entry) {
      const extra = entry as Record<string, unknown>;
      const who = ['owner', 'approver', 'approvedBy'].map((k) => extra[k]).find((v) => typeof v === 'string') as string | undefined;
      const when = ['approvedAt', 'since', 'date'].map((k) => extra[k]).find((v) => typeof v === 'string') as string | undefined;
      md.appendMarkdown(`${vscode.l10n.t('Inventory entry')}: **${escapeMarkdown(entry.title ?? entry.id)}** (\`${escapeMarkdown(entry.id)}\`, ${entry.status})`);
      if (who) md.appendMarkdown(` · ${escapeMarkdown(who)}`);
      if (when) md.appendMarkdown(` · ${escapeMarkdown(when)}`);
      const where = this.inventory.entryLocation(entry.id);
      if (where) {
        const at = `${vscode.Uri.file(where.file).toString()}#L${where.range.start.line + 1},${where.range.start.character + 1}`;
        md.appendMarkdown(` · [${vscode.l10n.t('Open inventory entry')}](${at})`);
      }
      md.appendMarkdown('\n\n');
      if (entry.reason) md.appendMarkdown(`> ${escapeMarkdown(entry.reason)}\n\n`);
    } else if (server.verdict === 'approved') {
      md.appendMarkdown(`${vscode.l10n.t('Approved: it goes through the organization gateway.')}\n\n`);
    } else {
      md.appendMarkdown(`${vscode.l10n.t('Not in the {0} inventory.', this.inventory.inventory.inventory.organization ?? vscode.l10n.t('organization'))}\n\n`);
    }
    if (server.matchedBy) md.appendMarkdown(`${vscode.l10n.t('Matched by: {0}', escapeMarkdown(server.matchedBy.rule))}\n\n`);
    this.appendTrust(md, server);
    const docsBase = this.inventory.policy.docsBaseUrl.value;
    for (const f of server.findings) {
      md.appendMarkdown(`- \`${f.rule}\` (${f.severity}): ${escapeMarkdown(maskText(f.message))} [${vscode.l10n.t('Docs for this rule')}](${ruleHelpUri(f.rule, docsBase).replace(/[()\s]/g, encodeURIComponent)})\n`);
    }
    const arg = encodeURIComponent(JSON.stringify([{ file: server.file, name: server.name }]));
    const links = [`[${vscode.l10n.t('Inspect tools')}](command:mcpGatekeeper.inspectTools?${arg})`];
    if (server.verdict !== 'approved') links.unshift(`[${vscode.l10n.t('Request approval')}](command:mcpGatekeeper.requestApproval?${arg})`);
    md.appendMarkdown(`\n${links.join(' · ')}`);
    const r = server.range;
    return new vscode.Hover(md, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
  }

  /** Registry facts (nothing when trust signals are off or the server runs no npm/PyPI package). */
  private appendTrust(md: vscode.MarkdownString, server: CheckedServer): void {
    const info = server.trust;
    if (!info) {
      if (this.trust.isPending(server)) md.appendMarkdown(`**${vscode.l10n.t('Trust')}**: ${vscode.l10n.t('looking up registry facts…')}\n\n`);
      return;
    }
    if (info.unavailable) {
      md.appendMarkdown(`**${vscode.l10n.t('Trust')}**: ${vscode.l10n.t('Trust signals unavailable ({0})', escapeMarkdown(info.unavailable))}\n\n`);
      return;
    }
    md.appendMarkdown(`**${vscode.l10n.t('Trust')}**\n\n`);
    for (const [label, value] of trustLines(info)) md.appendMarkdown(`- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}\n`);
    md.appendMarkdown('\n');
  }
}

function verdictText(s: CheckedServer): string {
  if (s.findings.some((f) => f.rule === 'unapproved-version')) return vscode.l10n.t('version not approved');
  const labels: Record<Verdict, string> = {
    approved: vscode.l10n.t('approved'),
    pending: vscode.l10n.t('pending approval'),
    rejected: vscode.l10n.t('rejected'),
    deprecated: vscode.l10n.t('deprecated'),
    unknown: vscode.l10n.t('shadow MCP server (not in the inventory)'),
  };
  return labels[s.verdict];
}

function runs(s: CheckedServer): string {
  if (s.url) return `${s.transport} ${maskUrl(s.url)}`;
  return [s.command ?? '', ...maskArgs(s.args)].join(' ').trim();
}
