// Claude Code settings files as file-level auto-approve-tools findings: enableAllProjectMcpServers, MCP entries in
// permissions.allow, defaultMode bypassPermissions. The files are discovered as Claude Code locations (holding no
// servers), and their findings flow like every file finding: JSON report, SARIF, policy severities.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { claudeCode, isClaudeCodeSettingsFile } from '../../src/core/clients/claudeCode';
import { bundledInventory } from '../../src/core/inventory/load';
import { parseDocument } from '../../src/core/parse';
import { failsAt, toJsonReport } from '../../src/core/report/json';
import { formatTable } from '../../src/core/report/table';
import { toSarif } from '../../src/core/report/sarif';
import { claudeCodeSettingsFindings } from '../../src/core/rules/autoApproveTools';
import { scan } from '../../src/core/scan';
import { FIXTURES, tempDir, writeTree } from '../helpers';

const DIR = path.join(FIXTURES, 'clients', 'claude-code', 'settings-approvals');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
const NO_SYSTEM = { MCPG_SYSTEM_ROOT: path.join(FIXTURES, 'empty-system-root') };

/** [line (1-based), the text the finding sits on, message] */
function findings(text: string): [number, string, string][] {
  const doc = parseDocument(text, 'jsonc');
  return claudeCodeSettingsFindings(doc).map((f) => {
    assert.equal(f.rule, 'auto-approve-tools');
    assert.equal(f.severity, 'warning');
    const start = doc.lines.offsetAt(f.range.start);
    return [f.range.start.line + 1, text.slice(start, doc.lines.offsetAt(f.range.end)), f.message];
  });
}

describe('Claude Code settings: auto-approve-tools on the file', () => {
  it('enableAllProjectMcpServers, server-wide and per-tool MCP allow rules; ignored rule shapes approve nothing', () => {
    assert.deepEqual(findings(read('settings.json')), [
      [
        3,
        '"enableAllProjectMcpServers"',
        "Claude Code starts every server of the project's .mcp.json without asking (enableAllProjectMcpServers), including servers a later commit adds. Approve servers one by one when Claude Code asks, or list them in enabledMcpjsonServers.",
      ],
      // the single tools of one server: one finding, on the first of them
      [
        7,
        '"mcp__github__get_issue"',
        'Claude Code runs 2 tools of "github" without asking: get_issue, list_pull_requests (permissions.allow). Keep only tools that cannot change anything or send data out.',
      ],
      [
        9,
        '"mcp__puppeteer"',
        'Claude Code runs every tool of "puppeteer" without asking (permissions.allow), including tools a later server update adds. Allow only single read-only tools (mcp__puppeteer__<tool>).',
      ],
      [
        10,
        '"mcp__sentry__*"',
        'Claude Code runs every tool of "sentry" without asking (permissions.allow), including tools a later server update adds. Allow only single read-only tools (mcp__sentry__<tool>).',
      ],
    ]);
  });

  it('defaultMode bypassPermissions runs every tool without asking; approving named servers is no finding', () => {
    assert.deepEqual(findings(read('settings.local.json')), [
      [3, '"bypassPermissions"', 'Claude Code runs every tool without asking (defaultMode "bypassPermissions"), MCP tools included. Use "default" and allow single read-only tools instead.'],
    ]);
  });

  it('asking, denying, approving named servers and a turned-off switch are fine; so are odd shapes', () => {
    assert.deepEqual(findings(read('fine.json')), []);
    for (const text of ['', '[]', '{ "permissions": "all" }', '{ "permissions": { "allow": "mcp__github" } }', '{ "enableAllProjectMcpServers": "true" }', '{ "permissions": { "allow": [42, null, {}] } }']) {
      assert.deepEqual(findings(text), [], text);
    }
  });

  it('the settings files are Claude Code locations in every scope, and define no servers', () => {
    const locs = claudeCode.locations({ home: '/home/me', platform: 'linux', workspaces: ['/work/app'], env: { CLAUDE_CONFIG_DIR: '/home/me/.claude-work' } });
    const settings = locs.filter(isClaudeCodeSettingsFile).map((l) => `${l.scope} ${l.path}`);
    assert.deepEqual(settings, [
      'workspace /work/app/.claude/settings.json',
      'workspace /work/app/.claude/settings.local.json',
      'user /home/me/.claude-work/settings.json',
      'user /home/me/.claude/settings.json',
      'managed /etc/claude-code/managed-settings.json',
    ]);
    // the server files are still there, unchanged
    assert.ok(locs.some((l) => l.path === '/work/app/.mcp.json' && !isClaudeCodeSettingsFile(l)));
    assert.ok(locs.some((l) => l.path === '/home/me/.claude.json'));
    assert.equal(isClaudeCodeSettingsFile({ path: '/work/app/.vscode/settings.json', client: 'vscode' }), false);
    // Claude Code reads no servers from a settings file, whatever it contains
    const loc = locs.find((l) => l.path === '/work/app/.claude/settings.json')!;
    assert.deepEqual(claudeCode.extract(parseDocument('{ "mcpServers": { "x": { "command": "x" } } }', 'jsonc'), loc), []);
  });

  it('a scan reports them as file findings (JSON and SARIF), with policy severities; .mcp.json toggles still work', async () => {
    const home = tempDir();
    const ws = tempDir();
    writeTree(ws, {
      '.mcp.json': JSON.stringify({ mcpServers: { shadow: { command: 'npx', args: ['-y', 'some-unknown-mcp@1.0.0'] } } }, null, 2),
      '.claude/settings.json': read('settings.json'),
      '.claude/settings.local.json': JSON.stringify({ disabledMcpjsonServers: ['shadow'] }),
    });
    writeTree(home, { '.claude/settings.json': read('fine.json') });
    const options = { home, platform: 'linux' as const, workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory(), clients: ['claude-code' as const] };
    const result = await scan(options);

    const project = result.files.find((f) => f.path === path.join(ws, '.claude', 'settings.json'))!;
    assert.equal(project.servers, 0);
    assert.deepEqual(project.findings?.map((f) => [f.rule, f.severity, f.range.start.line]), [
      ['auto-approve-tools', 'warning', 2],
      ['auto-approve-tools', 'warning', 6],
      ['auto-approve-tools', 'warning', 8],
      ['auto-approve-tools', 'warning', 9],
    ]);
    // a file without findings is listed without a findings field; the local file still turns the .mcp.json server off
    const user = result.files.find((f) => f.path === path.join(home, '.claude', 'settings.json'))!;
    assert.deepEqual([user.servers, user.error, user.findings], [0, null, undefined]);
    assert.deepEqual(result.servers.map((s) => [s.name, s.disabled]), [['shadow', true]]);

    const json = toJsonReport(result);
    const jsonFile = json.files.find((f) => f.path === project.path)!;
    assert.equal(jsonFile.findings?.length, 4);
    assert.equal(json.summary.total, 1);

    const sarif = toSarif(result, { workspaces: [ws], home });
    const results = sarif.runs[0].results.filter((r) => r.ruleId === 'auto-approve-tools');
    assert.equal(results.length, 4);
    assert.deepEqual(results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: '.claude/settings.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 31 },
    });
    assert.deepEqual(results[0].properties, { client: 'claude-code', scope: 'workspace' });
    // the four results of one file are told apart
    assert.equal(new Set(results.map((r) => Object.values(r.partialFingerprints)[0])).size, 4);

    // the table lists them under the servers; --fail-on warning fails on them even when every server is fine
    const table = formatTable(result, { home, width: 120 });
    assert.match(table, /\nFindings about files:\n {2}WARNING {2}\S*\.claude\/settings\.json:3 \(claude-code\) {2}auto-approve-tools\n {11}Claude Code starts every server of the project's \.mcp\.json without asking/);
    assert.equal(table.match(/ {2}auto-approve-tools$/gm)?.length, 4);
    assert.equal(failsAt({ servers: [], files: result.files }, 'warning'), true);
    assert.equal(failsAt({ servers: [], files: result.files }, 'shadow'), false);
    assert.equal(failsAt({ servers: [], files: user ? [user] : [] }, 'warning'), false);

    const strict = await scan({ ...options, policy: { requireGateway: false, enforcement: 'warn', severities: { 'auto-approve-tools': 'error' } } });
    const strictFile = strict.files.find((f) => f.path === project.path)!;
    assert.deepEqual([...new Set(strictFile.findings?.map((f) => f.severity))], ['error']);
  });
});
