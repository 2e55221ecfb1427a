// Applying a quick-fix: re-planned on the document as it is now (refused if it changed since the fix was offered),
// applied as a WorkspaceEdit so undo works, also for files outside the workspace.
import * as vscode from 'vscode';
import { fixRecord, type FixChange } from '../../core/audit/snapshot';
import { planFixes } from '../../core/fix/plan';
import { applyEdits, type FixKind, type PlannedFix } from '../../core/fix/types';
import type { ConfigLocation } from '../../core/model';
import { analyzeText } from '../../core/scan';
import type { ChangeLog } from '../changeLog';
import type { InventoryService } from '../inventoryService';
import type { LocationRegistry } from '../locations';

export interface FixRequest {
  uri: string;
  /** the document version the fix was offered for */
  version: number;
  server: string;
  kind: FixKind;
  /** which fix of that kind (a server with two literal secrets has two "move" fixes) */
  index?: number;
}

export class FixApplier {
  constructor(
    private readonly locations: LocationRegistry,
    private readonly inventory: InventoryService,
    private readonly log: vscode.LogOutputChannel,
    private readonly changes: ChangeLog,
  ) {}

  /** The fixes for one server of a document, as they would apply now. */
  fixesFor(doc: vscode.TextDocument, location: ConfigLocation, serverName: string): PlannedFix[] {
    return this.fixesForText(doc.getText(), location, serverName);
  }

  fixesForText(text: string, location: ConfigLocation, serverName: string): PlannedFix[] {
    const checker = this.inventory.checker;
    const server = analyzeText(text, location, checker).servers.find((s) => s.name === serverName);
    return server ? planFixes(text, location, server, checker) : [];
  }

  async apply(req: FixRequest): Promise<boolean> {
    const uri = vscode.Uri.parse(req.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const location = this.locations.forUri(uri);
    if (!location) return false;
    if (doc.version !== req.version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The file changed since this fix was offered; nothing was changed. Try the fix again.'));
      return false;
    }
    const fix = this.fixesFor(doc, location, req.server).filter((f) => f.kind === req.kind)[req.index ?? 0];
    if (!fix) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This fix no longer applies to "{0}".', req.server));
      return false;
    }
    const before = doc.getText();
    const ok = await applyToDocument(doc, [fix]);
    if (!ok) {
      refused(doc.uri);
      return false;
    }
    this.log.info(`Applied "${fix.title}" to "${fix.server}" in ${doc.uri.fsPath}`);
    // applied to the document; it is saved when the user saves it (or undone before)
    await this.changes.record([fixRecord(this.changes.source, 'fix', { fix, location, before }, { saved: !doc.isDirty })]);
    if (fix.dropped.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('"{0}" now goes through the gateway, which holds its credentials. Removed from the entry: {1}. Undo brings them back.', fix.server, fix.dropped.join(', ')),
      );
    }
    return true;
  }

  /** Every gateway route (and approved-version pin) in the file, one server at a time on the edited text. */
  async fixAll(uri: vscode.Uri): Promise<number> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const location = this.locations.forUri(uri);
    if (!location) return 0;
    const checker = this.inventory.checker;
    let text = doc.getText();
    const applied: PlannedFix[] = [];
    const changes: FixChange[] = [];
    for (const name of analyzeText(text, location, checker).servers.map((s) => s.name)) {
      const server = analyzeText(text, location, checker).servers.find((s) => s.name === name);
      if (!server?.findings.length) continue;
      const fixes = planFixes(text, location, server, checker);
      const fix = fixes.find((f) => f.kind === 'gateway') ?? fixes.find((f) => f.kind === 'pin' && f.safe);
      if (!fix) continue;
      const step = text;
      text = applyEdits(text, fix.edits);
      applied.push(fix);
      changes.push({ fix, location, before: step, after: text });
    }
    if (!applied.length) return 0;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      refused(uri);
      return 0;
    }
    const dropped = applied.flatMap((f) => f.dropped);
    this.log.info(`Fix all: ${applied.length} fix(es) in ${uri.fsPath}`);
    await this.changes.record(changes.map((c) => fixRecord(this.changes.source, 'fix-all', c, { saved: !doc.isDirty })));
    if (dropped.length) void vscode.window.showInformationMessage(vscode.l10n.t('Routed through the gateway, which holds the credentials. Removed: {0}. Undo brings them back.', [...new Set(dropped)].join(', ')));
    return applied.length;
  }
}

async function applyToDocument(doc: vscode.TextDocument, fixes: PlannedFix[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const fix of fixes) {
    for (const e of fix.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  }
  return vscode.workspace.applyEdit(edit);
}

/** The editor refused the edit (a read-only file or file system, a file gone): say so, the file is as it was. */
function refused(uri: vscode.Uri): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('The fix could not be applied to {0}: the editor refused the change (is the file read-only, or gone?). Nothing was changed.', uri.fsPath));
}
