// Commands behind the view's inline actions and context menu: each applies one planned fix to one server.
import * as vscode from 'vscode';
import type { FixKind } from '../../core/fix/types';
import type { CheckedServer } from '../../core/model';
import type { FixApplier } from '../fixes/applyFix';
import { REQUEST_COMMAND } from '../fixes/codeActions';
import type { ServersView } from './serversView';

interface ServerNode {
  kind: 'server';
  server: CheckedServer;
}

const FIX_COMMANDS: Record<string, FixKind> = {
  'mcpGatekeeper.view.routeThroughGateway': 'gateway',
  'mcpGatekeeper.view.switchToApproved': 'switch',
  'mcpGatekeeper.view.pinVersion': 'pin',
  'mcpGatekeeper.view.disable': 'disable',
  'mcpGatekeeper.view.remove': 'remove',
};

export function registerViewCommands(view: ServersView, fixes: FixApplier): vscode.Disposable[] {
  return [
    ...Object.entries(FIX_COMMANDS).map(([id, kind]) =>
      vscode.commands.registerCommand(id, async (node?: ServerNode) => {
        if (node?.kind !== 'server') return false;
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(node.server.file));
        return fixes.apply({ uri: doc.uri.toString(), version: doc.version, server: node.server.name, kind });
      }),
    ),
    vscode.commands.registerCommand('mcpGatekeeper.view.requestApproval', (node?: ServerNode) =>
      node?.kind === 'server' ? vscode.commands.executeCommand(REQUEST_COMMAND, { file: node.server.file, name: node.server.name }) : undefined,
    ),
    vscode.commands.registerCommand('mcpGatekeeper.view.showOnlyProblems', () => view.setOnlyProblems(true)),
    vscode.commands.registerCommand('mcpGatekeeper.view.showAllServers', () => view.setOnlyProblems(false)),
  ];
}
