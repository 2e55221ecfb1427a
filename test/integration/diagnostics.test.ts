// Diagnostics in a real VS Code extension host: on the right key, with the inventory's words, live as you type.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, byLine, fileUri, hoverText, ours, ruleOf, waitFor, workspaceRoot } from './util';

describe('diagnostics on MCP config files', () => {
  let api: Awaited<ReturnType<typeof activateExtension>>;
  before(async () => {
    api = await activateExtension();
  });

  it('flags every server the inventory does not approve, on its key, in .vscode/mcp.json', async () => {
    const uri = fileUri('.vscode/mcp.json');
    const diags = await waitFor(() => ours(uri), (d) => d.length === 2, 'two diagnostics in .vscode/mcp.json');
    assert.deepEqual(byLine(diags), { 8: 'shadow-mcp', 12: 'unapproved-version' });
    const shadow = diags.find((d) => ruleOf(d) === 'shadow-mcp')!;
    assert.equal(shadow.severity, vscode.DiagnosticSeverity.Warning);
    // the rule id in the Problems panel links to its documentation page
    assert.equal(typeof shadow.code === 'object' ? shadow.code.target.toString(true) : shadow.code, 'https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/shadow-mcp.md');
    // the range covers exactly the key "perplexity" (with its quotes)
    assert.deepEqual([shadow.range.start.character, shadow.range.end.character], [4, 16]);
    assert.match(shadow.message, /"perplexity" is a shadow MCP server: npm package server-perplexity-ask@0\.1\.3 is not in the Acme inventory/);
    const version = diags.find((d) => ruleOf(d) === 'unapproved-version')!;
    assert.match(version.message, /approves "Filesystem" only at versions >=2025\.7\.0/);
  });

  it('says pending, rejected with its reason, and deprecated with its replacement', async () => {
    const cursor = await waitFor(() => ours(fileUri('.cursor/mcp.json')), (d) => d.length === 2, 'two diagnostics in .cursor/mcp.json');
    assert.deepEqual(byLine(cursor), { 3: 'pending-mcp', 4: 'rejected-mcp' });
    assert.match(cursor.find((d) => ruleOf(d) === 'pending-mcp')!.message, /pending approval in the Acme inventory/);
    const rejected = cursor.find((d) => ruleOf(d) === 'rejected-mcp')!;
    assert.equal(rejected.severity, vscode.DiagnosticSeverity.Error);
    assert.match(rejected.message, /which the Acme inventory rejects: A bot token reads every channel/);

    const claude = await waitFor(() => ours(fileUri('.mcp.json')), (d) => d.length === 1, 'one diagnostic in .mcp.json');
    assert.deepEqual(byLine(claude), { 4: 'deprecated-mcp' });
    assert.match(claude[0].message, /deprecates: The reference server is archived.*Use "GitHub \(remote\)" instead\./);
  });

  it('updates live as you type, before saving', async () => {
    const uri = fileUri('.vscode/mcp.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const anchor = doc.getText().indexOf('"perplexity"');
    const insertAt = doc.positionAt(anchor);
    await editor.edit((b) => b.insert(insertAt, '"newcomer": { "command": "uvx", "args": ["mcp-server-weather==1.0.0"] },\n    '));
    const diags = await waitFor(() => ours(uri), (d) => d.length === 3, 'a diagnostic for the typed server');
    const added = diags.find((d) => /newcomer/.test(d.message))!;
    assert.equal(added.range.start.line, insertAt.line);
    assert.equal(ruleOf(added), 'shadow-mcp');
    // typing a breaking character keeps the rest checked and points at the syntax problem
    await vscode.commands.executeCommand('undo');
    await waitFor(() => ours(uri), (d) => d.length === 2 && !d.some((x) => /newcomer/.test(x.message)), 'the diagnostic to go away after undo');
    assert.equal(doc.isDirty, false);
  });

  it('re-checks a file changed on disk', async () => {
    const file = path.join(workspaceRoot(), '.mcp.json');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, JSON.stringify({ mcpServers: { sentry: { type: 'http', url: 'https://mcp.sentry.dev/mcp' } } }, null, 2));
      await waitFor(() => ours(fileUri('.mcp.json')), (d) => d.length === 0, 'diagnostics to clear after the file changed');
      fs.writeFileSync(file, JSON.stringify({ mcpServers: { x: { command: 'npx', args: ['-y', 'totally-unknown-mcp'] } } }, null, 2));
      const d = await waitFor(() => ours(fileUri('.mcp.json')), (ds) => ds.length === 1, 'a diagnostic for the new server');
      assert.equal(d[0].range.start.line, 2);
    } finally {
      fs.writeFileSync(file, original);
      await waitFor(() => ours(fileUri('.mcp.json')), (d) => d.length === 1 && ruleOf(d[0]) === 'deprecated-mcp', 'original diagnostics back');
    }
  });

  it('notices a config file created after start-up, in a folder that did not exist', async () => {
    const dir = path.join(workspaceRoot(), '.roo');
    const file = path.join(dir, 'mcp.json');
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(file, JSON.stringify({ mcpServers: { 'late-comer': { command: 'npx', args: ['-y', 'late-mcp-server@1.0.0'] } } }, null, 2));
      const d = await waitFor(() => ours(fileUri('.roo/mcp.json')), (ds) => ds.length === 1, 'a diagnostic in the new .roo/mcp.json', 10_000);
      assert.equal(ruleOf(d[0]), 'shadow-mcp');
      assert.equal(d[0].range.start.line, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await waitFor(() => ours(fileUri('.roo/mcp.json')), (ds) => ds.length === 0, 'the diagnostics of the deleted file to go', 10_000);
  });

  it('changing the inventory setting re-checks everything without a reload', async () => {
    const inv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mcpg-inv-')), 'inventory.json');
    fs.writeFileSync(
      inv,
      JSON.stringify({
        schemaVersion: 1,
        organization: 'Contoso',
        servers: [{ id: 'perplexity', title: 'Perplexity', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: 'server-perplexity-ask' }] } }],
      }),
    );
    const config = vscode.workspace.getConfiguration('mcpGatekeeper');
    try {
      await config.update('inventory.path', inv, vscode.ConfigurationTarget.Global);
      const diags = await waitFor(
        () => ours(fileUri('.vscode/mcp.json')),
        (d) => d.length === 2 && d.every((x) => /Contoso/.test(x.message)),
        'diagnostics against the Contoso inventory',
      );
      assert.deepEqual(byLine(diags), { 4: 'shadow-mcp', 12: 'shadow-mcp' });
    } finally {
      await config.update('inventory.path', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => ours(fileUri('.vscode/mcp.json')), (d) => d.some((x) => /Acme/.test(x.message)), 'the bundled inventory back');
  });

  it('ignores a workspace that tries to point the inventory elsewhere', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpg-evil-'));
    const inv = path.join(dir, 'approve-all.json');
    fs.writeFileSync(inv, JSON.stringify({ schemaVersion: 1, gateway: { url: 'https://x.example/' }, servers: [] }));
    const settings = path.join(workspaceRoot(), '.vscode', 'settings.json');
    fs.writeFileSync(settings, JSON.stringify({ 'mcpGatekeeper.inventory.path': inv }));
    try {
      await api.scanNow();
      const diags = ours(fileUri('.vscode/mcp.json'));
      assert.equal(diags.length, 2);
      assert.ok(diags.every((d) => /Acme/.test(d.message)), 'still checked against the user-level inventory');
    } finally {
      fs.rmSync(settings, { force: true });
    }
  });

  it('a hover on a server key explains the verdict and what the inventory says', async () => {
    const uri = fileUri('.cursor/mcp.json');
    await waitFor(() => ours(uri), (d) => d.length === 2, 'diagnostics in .cursor/mcp.json');
    const slack = ours(uri).find((d) => ruleOf(d) === 'rejected-mcp')!;
    const text = await hoverText(uri, slack.range.start.translate(0, 2));
    assert.match(text, /\*\*slack\*\*: rejected/);
    assert.match(text, /Inventory entry: \*\*Slack \(reference server\)\*\* \(`slack`, rejected\)/);
    assert.match(text, /A bot token reads every channel/);
    assert.match(text, /command:mcpGatekeeper\.requestApproval/);
  });

  it('the Scan Now command is registered and runs', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('mcpGatekeeper.scanNow'));
    await vscode.commands.executeCommand('mcpGatekeeper.scanNow');
    assert.equal(ours(fileUri('.cursor/mcp.json')).length, 2);
  });
});
