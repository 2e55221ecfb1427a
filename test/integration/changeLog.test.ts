// The change log in a real VS Code host: a quick-fix applied in the editor is appended to the same changes.jsonl the
// CLI writes (the test host points XDG_STATE_HOME at a throw-away folder), and "Show Change Log" shows it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, fileUri, ours, ruleOf, waitFor, waitForAsync } from './util';

function logFile(): string {
  if (process.env.MCPG_AUDIT_LOG) return process.env.MCPG_AUDIT_LOG;
  return path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'mcp-gatekeeper', 'changes.jsonl');
}

function records(): Record<string, unknown>[] {
  if (!fs.existsSync(logFile())) return [];
  return fs.readFileSync(logFile(), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('change log', () => {
  before(async () => {
    await activateExtension();
  });

  it('records a quick-fix applied in the editor (unsaved) and shows it in Show Change Log', async () => {
    const uri = fileUri('.vscode/mcp.json');
    const diag = (await waitFor(() => ours(uri), (d) => d.some((x) => ruleOf(x) === 'unapproved-version'), 'the unapproved-version diagnostic')).find((x) => ruleOf(x) === 'unapproved-version')!;
    const doc = await vscode.workspace.openTextDocument(uri);
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    try {
      // the first suite of a fresh host: the editor may ask for code actions before it has our diagnostics
      const actions = await waitForAsync(
        async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range)) ?? [],
        (list) => list.some((a) => a.title === 'Pin to the approved version 2025.7.0'),
        'the pin action',
      );
      const pin = actions.find((a) => a.title === 'Pin to the approved version 2025.7.0')!;
      const already = records().length;
      await vscode.commands.executeCommand(pin.command!.command, ...(pin.command!.arguments ?? []));

      const added = records().slice(already);
      assert.equal(added.length, 1, JSON.stringify(added));
      const r = added[0];
      assert.deepEqual(
        [r.v, r.tool, r.action, r.server, r.fix, r.file, r.client, r.saved],
        [1, 'extension', 'fix', 'fs', 'pin', uri.fsPath, 'vscode', false],
      );
      assert.match(String(r.before), /server-filesystem@2025\.3\.28/);
      assert.match(String(r.after), /server-filesystem@2025\.7\.0/);
      assert.ok(typeof r.user === 'string' && r.user.length > 0);
      if (process.platform !== 'win32') assert.equal(fs.statSync(logFile()).mode & 0o777, 0o600);

      const shown = await vscode.commands.executeCommand<vscode.Uri>('mcpGatekeeper.showChangeLog');
      const md = await vscode.workspace.openTextDocument(shown);
      assert.equal(md.languageId, 'markdown');
      const text = md.getText();
      assert.match(text, /^# MCP Gatekeeper change log/);
      assert.match(text, /## \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ · fix pin · fs/);
      assert.match(text, /\*\*Saved:\*\* no/);

    } finally {
      // leave the document exactly as the suites after this one expect it: the file's text, not dirty
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
      await doc.save();
      await waitFor(() => doc.isDirty, (dirty) => !dirty, 'the document saved as it was');
      await waitFor(() => ours(uri), (d) => d.some((x) => ruleOf(x) === 'unapproved-version'), 'the unapproved-version diagnostic back');
    }
  });
});
