// Quick-fixes in a real VS Code host: offered per diagnostic, exact text changes, undo restores the file byte for byte.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fileUri, ours, ruleOf, waitFor } from './util';

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('quick-fixes', () => {
  before(async () => {
    await activateExtension();
  });

  it('offers "pin to the approved version" and the request on an unapproved version, and pinning changes only that argument', async () => {
    const uri = fileUri('.vscode/mcp.json');
    const diags = await waitFor(() => ours(uri), (d) => d.some((x) => ruleOf(x) === 'unapproved-version'), 'the unapproved-version diagnostic');
    const version = diags.find((x) => ruleOf(x) === 'unapproved-version')!;
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText();
    const actions = await actionsAt(uri, version.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Pin to the approved version 2025.7.0'), titles.join(' | '));
    assert.ok(titles.includes('Route through the Acme gateway'), titles.join(' | '));
    assert.ok(titles.some((t) => /^Request approval for "fs"/.test(t)), titles.join(' | '));
    const pin = actions.find((a) => a.title === 'Pin to the approved version 2025.7.0')!;
    await vscode.commands.executeCommand(pin.command!.command, ...(pin.command!.arguments ?? []));
    const after = doc.getText();
    assert.equal(after, before.replace('@modelcontextprotocol/server-filesystem@2025.3.28', '@modelcontextprotocol/server-filesystem@2025.7.0'));
    await waitFor(() => ours(uri), (d) => !d.some((x) => ruleOf(x) === 'unapproved-version'), 'the diagnostic to clear after pinning');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before, 'undo restores the file byte for byte');
    await revert(doc);
  });

  it('routes an entry through the gateway in the client dialect and keeps comments and other entries', async () => {
    const uri = fileUri('.vscode/mcp.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText();
    const diag = (await waitFor(() => ours(uri), (d) => d.some((x) => ruleOf(x) === 'unapproved-version'), 'diagnostics')).find((x) => ruleOf(x) === 'unapproved-version')!;
    const gateway = (await actionsAt(uri, diag.range)).find((a) => a.title === 'Route through the Acme gateway')!;
    assert.equal(gateway.isPreferred, true);
    await vscode.commands.executeCommand(gateway.command!.command, ...(gateway.command!.arguments ?? []));
    const after = doc.getText();
    assert.ok(after.startsWith('// Workspace MCP servers (VS Code)'), 'leading comment kept');
    assert.match(after, /"fs": \{\n {6}"type": "http",\n {6}"url": "https:\/\/mcp\.acme\.example\/gw\/filesystem\/mcp"\n {4}\}/);
    // everything before the fs entry is unchanged
    const fsKey = before.indexOf('"fs"');
    assert.equal(after.slice(0, fsKey), before.slice(0, fsKey));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
    await revert(doc);
  });

  it('refuses a fix offered for an older version of the document', async () => {
    const uri = fileUri('.vscode/mcp.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const diag = (await waitFor(() => ours(uri), (d) => d.some((x) => ruleOf(x) === 'unapproved-version'), 'diagnostics')).find((x) => ruleOf(x) === 'unapproved-version')!;
    const pin = (await actionsAt(uri, diag.range)).find((a) => a.title.startsWith('Pin'))!;
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// edited meanwhile\n'));
    const before = doc.getText();
    const applied = await vscode.commands.executeCommand<boolean>(pin.command!.command, ...(pin.command!.arguments ?? []));
    assert.equal(applied, false);
    assert.equal(doc.getText(), before);
    await revert(doc);
  });

  it('offers "Fix all" and applies every gateway route in the file', async () => {
    const uri = fileUri('.mcp.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitFor(() => ours(uri), (d) => d.length === 1, 'the deprecated diagnostic');
    const count = await vscode.commands.executeCommand<number>('mcpGatekeeper.fixAllInFile', uri);
    assert.equal(count, 1);
    assert.match(doc.getText(), /"old-github": \{ "type": "http", "url": "https:\/\/mcp\.acme\.example\/gw\/github\/mcp" \}/);
    await waitFor(() => ours(uri), (d) => d.length === 0, 'no diagnostics after fix all');
    await revert(doc);
  });
});
