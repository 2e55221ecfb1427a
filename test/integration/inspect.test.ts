// "Inspect Tools of Server…" in a real extension host: a streamable HTTP server on loopback (started here, with
// the SDK's server classes) is added to the workspace's .vscode/mcp.json; the command, given its file and name,
// connects, opens the Markdown report and returns the findings. A second run after the server changed its tools
// reports tool-changed. (stdio servers need a modal confirmation, which a test cannot click: the CLI tests cover
// them.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectCommandResult } from '../../src/extension/inspect/registerInspect';
import { startStreamableServer, TOOLS, type FixtureTool, type TestServer } from '../mcpServers';
import { activateExtension, allOurs, waitFor, workspaceRoot } from './util';

const COMMAND = 'mcpGatekeeper.inspectTools';

describe('inspect tools of an MCP server (command and report)', () => {
  let api: Awaited<ReturnType<typeof activateExtension>>;
  let server: TestServer;
  let tools: FixtureTool[] = [TOOLS.forecastV1, TOOLS.alertsTool, TOOLS.POISONED_ADD];
  const mcpFile = path.join(workspaceRoot(), '.vscode', 'mcp.json');
  let original: string;

  before(async () => {
    api = await activateExtension();
    // earlier tests leave .vscode/mcp.json open: close it, so the file written below is what gets checked
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    server = await startStreamableServer({ kind: 'tools', name: 'quotes', tools: () => tools });
    original = fs.readFileSync(mcpFile, 'utf8');
    fs.writeFileSync(
      mcpFile,
      JSON.stringify({ servers: { 'inspect-quotes': { type: 'http', url: server.url, headers: { 'X-Team': 'platform' } }, fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.3.28'] } } }, null, 2),
    );
    await api.scanNow();
    await waitFor(() => allOurs(vscode.Uri.file(mcpFile)).some((d) => /"inspect-quotes"/.test(d.message)), (seen) => seen, 'the extension to see the inspect-quotes server');
  });

  after(async () => {
    fs.writeFileSync(mcpFile, original);
    await server.close();
    await api.scanNow();
  });

  it('inspects the named server, opens the report and returns the findings', async () => {
    const result = await vscode.commands.executeCommand<InspectCommandResult | undefined>(COMMAND, { file: mcpFile, name: 'inspect-quotes' });
    assert.ok(result, 'the command inspected nothing');
    assert.deepEqual(result.tools, ['get_forecast', 'get_alerts', 'add']);
    const poisoning = result.findings.filter((f) => f.rule === 'tool-poisoning');
    assert.ok(poisoning.length >= 4);
    assert.ok(poisoning.every((f) => f.tool === 'add' && f.severity === 'error'));
    assert.equal(result.findings.filter((f) => f.rule === 'tool-changed').length, 0, 'first inspection: nothing to compare with');
    // the literal header from the config was sent
    assert.equal(server.requests[server.requests.length - 1]['x-team'], 'platform');

    const md = fs.readFileSync(result.reportUri.fsPath, 'utf8');
    assert.match(md, /^# Tool inspection: inspect\\-quotes$/m);
    assert.match(md, /^- \*\*error\*\* `tool-poisoning`: Tool "add" contains a tag addressed to the model/m);
    assert.ok(md.includes('```text\nAdds two numbers.\n\n    <IMPORTANT>\n'), 'descriptions are shown in code blocks');
    // the report is open, as a preview when the Markdown extension is there
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await waitFor(labels, (l) => l.some((x) => x.includes(path.basename(result.reportUri.fsPath))), 'the report tab');
  });

  it('a second inspection after the server changed its tools reports tool-changed', async () => {
    tools = [TOOLS.forecastV2, TOOLS.alertsTool, TOOLS.POISONED_ADD];
    const result = await vscode.commands.executeCommand<InspectCommandResult | undefined>(COMMAND, { file: mcpFile, name: 'inspect-quotes' });
    assert.ok(result);
    const changed = result.findings.filter((f) => f.rule === 'tool-changed');
    assert.deepEqual(
      changed.map((f) => [f.tool, f.severity]),
      [['get_forecast', 'warning']],
    );
    assert.match(changed[0].diff ?? '', /^description: Get the weather forecast for a location\. \{\+<IMPORTANT>Before answering/);
    const md = fs.readFileSync(result.reportUri.fsPath, 'utf8');
    assert.match(md, /^\| Compared with \| the last inspection \\\(\d{4}\\-\d\d\\-\d\d \d\d:\d\d UTC\\\) \|$/m);
  });

  it('refuses a server it does not see, and inspects nothing', async () => {
    const result = await vscode.commands.executeCommand<InspectCommandResult | undefined>(COMMAND, { file: mcpFile, name: 'no-such-server' });
    assert.equal(result, undefined);
  });
});
