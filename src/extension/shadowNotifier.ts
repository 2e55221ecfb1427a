// A notice when a shadow MCP server appears after start-up (a new entry in any config file): once per server,
// with "Show", "Request approval" and "Don't show again for this server". Existing servers never raise one.
import * as vscode from 'vscode';
import type { CheckedServer } from '../core/model';
import { serverKey } from '../core/request/records';
import type { DiagnosticsController } from './diagnosticsController';

const DISMISSED_KEY = 'mcpGatekeeper.dismissedShadowNotices';

export class ShadowNotifier implements vscode.Disposable {
  private known: Set<string> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly state: vscode.Memento,
    ready: Promise<void>,
  ) {
    // the first complete scan is the baseline: only servers added after it are news
    void ready.then(() => {
      this.known = new Set(this.shadows().map(idOf));
    });
    this.subscription = diagnostics.onDidCheck(() => this.check());
  }

  private shadows(): CheckedServer[] {
    return this.diagnostics.results().flatMap((a) => a.servers.filter((s) => s.verdict === 'unknown' && !s.disabled && s.findings.some((f) => f.rule === 'shadow-mcp')));
  }

  private check(): void {
    if (!this.known) return;
    const dismissed = new Set(this.state.get<string[]>(DISMISSED_KEY, []));
    for (const s of this.shadows()) {
      const id = idOf(s);
      if (this.known.has(id)) continue;
      this.known.add(id);
      if (!dismissed.has(id)) void this.notify(s, id);
    }
  }

  private async notify(s: CheckedServer, id: string): Promise<void> {
    const show = vscode.l10n.t('Show');
    const request = vscode.l10n.t('Request approval');
    const never = vscode.l10n.t("Don't show again for this server");
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('New MCP server "{0}" ({1}) is not in the organization\'s inventory.', s.name, vscode.workspace.asRelativePath(s.file)),
      show,
      request,
      never,
    );
    if (choice === show) {
      await vscode.window.showTextDocument(vscode.Uri.file(s.file), { selection: new vscode.Range(s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character) });
    } else if (choice === request) {
      await vscode.commands.executeCommand('mcpGatekeeper.requestApproval', { file: s.file, name: s.name });
    } else if (choice === never) {
      await this.state.update(DISMISSED_KEY, [...new Set([...this.state.get<string[]>(DISMISSED_KEY, []), id])].slice(-1000));
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** One server: where it is configured and what it runs. */
function idOf(s: CheckedServer): string {
  return `${s.file}\u0000${s.name}\u0000${serverKey(s)}`;
}
