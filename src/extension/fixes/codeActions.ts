// Quick-fixes on our diagnostics, plus "Fix all in file" (source.fixAll.mcpGatekeeper). The fixes themselves come
// from the core planner; here they only become code actions.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../toDiagnostics';
import type { LocationRegistry } from '../locations';
import type { FixApplier, FixRequest } from './applyFix';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('mcpGatekeeper');
export const APPLY_FIX_COMMAND = 'mcpGatekeeper.applyFix';
export const FIX_ALL_COMMAND = 'mcpGatekeeper.fixAllInFile';
export const REQUEST_COMMAND = 'mcpGatekeeper.requestApproval';

export class FixCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly locations: LocationRegistry,
    private readonly fixes: FixApplier,
    private readonly serverAt: (uri: vscode.Uri, range: vscode.Range) => string | undefined,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const location = this.locations.forUri(doc.uri);
    if (!location) return [];
    if (context.only && FIX_ALL_KIND.contains(context.only)) return [this.fixAllAction(doc)];
    const out: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diag of context.diagnostics) {
      if (diag.source !== DIAGNOSTIC_SOURCE) continue;
      const name = this.serverAt(doc.uri, diag.range);
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const fixes = this.fixes.fixesFor(doc, location, name);
      for (const fix of fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const index = fixes.filter((f) => f.kind === fix.kind).indexOf(fix);
        const req: FixRequest = { uri: doc.uri.toString(), version: doc.version, server: name, kind: fix.kind, index };
        action.command = { command: APPLY_FIX_COMMAND, title: fix.title, arguments: [req] };
        action.diagnostics = context.diagnostics.filter((d) => this.serverAt(doc.uri, d.range) === name);
        action.isPreferred = fix.isPreferred;
        out.push(action);
      }
      const request = new vscode.CodeAction(vscode.l10n.t('Request approval for "{0}"…', name), vscode.CodeActionKind.QuickFix);
      request.command = { command: REQUEST_COMMAND, title: request.title, arguments: [{ file: doc.uri.fsPath, name }] };
      request.diagnostics = [diag];
      out.push(request);
    }
    if (out.length) out.push(this.fixAllAction(doc));
    return out;
  }

  private fixAllAction(doc: vscode.TextDocument): vscode.CodeAction {
    const fixAll = new vscode.CodeAction(vscode.l10n.t('Fix all MCP servers in this file (gateway routes and version pins)'), FIX_ALL_KIND);
    fixAll.command = { command: FIX_ALL_COMMAND, title: fixAll.title, arguments: [doc.uri] };
    return fixAll;
  }
}
