// Core findings → VS Code diagnostics on the server's key. Translation only; the core decides.
import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../core/model';
import { ruleHelpUri } from '../core/rules/docs';
import type { FileAnalysis } from '../core/scan';
import { maskText } from '../core/secrets';

export const DIAGNOSTIC_SOURCE = 'MCP Gatekeeper';
export const INVALID_CONFIG_CODE = 'invalid-config';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export interface DiagnosticOptions {
  /** the policy's docs base URL: each diagnostic's rule id links to its page */
  docsBaseUrl?: string;
}

export function toDiagnostics(analysis: FileAnalysis, options: DiagnosticOptions = {}): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  const diagnostic = (f: Finding, range: Range) => {
    const d = new vscode.Diagnostic(toRange(range), maskText(f.message), SEVERITY[f.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: f.rule, target: vscode.Uri.parse(ruleHelpUri(f.rule, options.docsBaseUrl), true) };
    if (f.related?.length) {
      d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), toRange(r.range)), maskText(r.message)));
    }
    out.push(d);
  };
  for (const server of analysis.servers) {
    for (const f of server.findings) diagnostic(f, f.range ?? server.range);
  }
  for (const f of analysis.fileFindings) diagnostic(f, f.range);
  if (analysis.error) {
    const d = new vscode.Diagnostic(
      toRange(analysis.error.range),
      vscode.l10n.t('MCP Gatekeeper cannot read this file completely ({0}); servers after this point may not be checked.', analysis.error.message),
      vscode.DiagnosticSeverity.Warning,
    );
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: INVALID_CONFIG_CODE, target: vscode.Uri.parse(ruleHelpUri(INVALID_CONFIG_CODE, options.docsBaseUrl), true) };
    out.push(d);
  }
  return out;
}

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
