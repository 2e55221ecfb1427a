// Short verdict words for lists (the MCP Servers and Running MCP Servers views), in the display language.
import * as vscode from 'vscode';
import type { Verdict } from '../core/model';

export function shortVerdictLabel(verdict: Verdict, versionNotApproved = false): string {
  if (versionNotApproved) return vscode.l10n.t('version not approved');
  switch (verdict) {
    case 'approved':
      return vscode.l10n.t('approved');
    case 'pending':
      return vscode.l10n.t('pending');
    case 'rejected':
      return vscode.l10n.t('rejected');
    case 'deprecated':
      return vscode.l10n.t('deprecated');
    default:
      return vscode.l10n.t('shadow');
  }
}
