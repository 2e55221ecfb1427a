// The change log in the editor: fixes and approval requests are appended to the same `changes.jsonl` the CLI writes
// (core/audit), and "Show Change Log" shows it as a read-only Markdown document, newest first. A log that cannot be
// written never undoes or fails the change it records: the problem goes to the output channel.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { formatAuditMarkdown } from '../core/audit/format';
import { appendAuditRecords, auditLogPath, readAuditLog } from '../core/audit/log';
import type { AuditRecord, AuditSource } from '../core/audit/record';
import { PLATFORM } from './locations';

export const SHOW_CHANGE_LOG_COMMAND = 'mcpGatekeeper.showChangeLog';
const SCHEME = 'mcp-gatekeeper-changes';
/** the newest records the document shows (the whole log is in the file and `mcp-gatekeeper log`) */
const SHOWN = 500;

export class ChangeLog implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly uri = vscode.Uri.from({ scheme: SCHEME, path: '/MCP Gatekeeper Change Log.md' });
  /** the log file: `$MCPG_AUDIT_LOG`, else the user's state folder, as the CLI uses it */
  readonly file = auditLogPath(os.homedir(), PLATFORM, process.env);
  readonly source: AuditSource;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    version: string,
  ) {
    this.source = { tool: 'extension', toolVersion: version };
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      vscode.commands.registerCommand(SHOW_CHANGE_LOG_COMMAND, () => this.show()),
    ];
  }

  /** Appends records; never throws. */
  async record(records: AuditRecord[]): Promise<void> {
    if (!records.length) return;
    try {
      await appendAuditRecords(this.file, records);
      this.changed.fire(ChangeLog.uri);
    } catch (e) {
      this.log.error(`The change log ${this.file} could not be written (${records.length} record(s) lost): ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async provideTextDocumentContent(): Promise<string> {
    try {
      return formatAuditMarkdown(await readAuditLog(this.file), { file: this.file, home: os.homedir(), limit: SHOWN });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.log.error(`The change log ${this.file} could not be read: ${why}`);
      return `# MCP Gatekeeper change log\n\n${vscode.l10n.t('The change log {0} could not be read: {1}', this.file, why)}\n`;
    }
  }

  /** Opens (or refreshes) the read-only document; returns its URI. */
  async show(): Promise<vscode.Uri> {
    // the CLI may have written since the document was last shown
    this.changed.fire(ChangeLog.uri);
    const doc = await vscode.workspace.openTextDocument(ChangeLog.uri);
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: true });
    return ChangeLog.uri;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
