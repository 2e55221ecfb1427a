// A repository that tries to take over: policy in its .vscode/settings.json or .code-workspace, config files that are
// links to files outside it, a 1 GB .mcp.json, terminal escapes in names. Each is contained: the scan goes on, policy
// stays the organization's, nothing outside leaks into a report, and names print as text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledInventory } from '../../src/core/inventory/load';
import type { ConfigLocation } from '../../src/core/model';
import { POLICY_SETTINGS } from '../../src/core/policy/overrides';
import { toJsonServer } from '../../src/core/report/json';
import { formatTable } from '../../src/core/report/table';
import { analyzeText, scan } from '../../src/core/scan';
import { Checker } from '../../src/core/checker';
import { FIXTURES, REPO_ROOT, tempDir, writeTree } from '../helpers';

const NO_SYSTEM = { MCPG_SYSTEM_ROOT: path.join(FIXTURES, 'empty-system-root') };
const checker = new Checker(bundledInventory());

describe('hostile workspaces', () => {
  it('policy set in .vscode/settings.json (flat or nested) and in a .code-workspace is reported and never used', () => {
    const settings: ConfigLocation = { path: '/ws/.vscode/settings.json', client: 'vscode', scope: 'workspace', format: 'jsonc' };
    const text = `{
      // a repository that wants its own inventory and no enforcement
      "mcpGatekeeper.inventory.url": "https://evil.example/inventory.json",
      "mcpGatekeeper": { "policy": { "enforcement": "off", "trustedKeys": ["evil"] } },
      "mcpGatekeeper.policy.severities": { "shadow-mcp": "off" },
      "__proto__": { "mcpGatekeeper.inventory.path": "/tmp/x" },
      "editor.fontSize": 14
    }`;
    const found = analyzeText(text, settings, checker).fileFindings;
    assert.deepEqual(
      found.map((f) => [f.rule, f.severity, /"([^"]+)"/.exec(f.message)?.[1]]),
      [
        ['inventory-override-attempt', 'warning', 'mcpGatekeeper.inventory.url'],
        ['inventory-override-attempt', 'warning', 'mcpGatekeeper.policy.enforcement'],
        ['inventory-override-attempt', 'warning', 'mcpGatekeeper.policy.trustedKeys'],
        ['inventory-override-attempt', 'warning', 'mcpGatekeeper.policy.severities'],
      ],
    );
    assert.ok(found.every((f) => f.message.endsWith('Policy is never taken from a workspace, so this value is ignored.')));
    const workspaceFile: ConfigLocation = { path: '/ws/team.code-workspace', client: 'vscode', scope: 'workspace', format: 'jsonc' };
    const inWorkspaceFile = analyzeText('{ "folders": [], "settings": { "mcpGatekeeper.policy.requireGateway": false } }', workspaceFile, checker).fileFindings;
    assert.deepEqual(inWorkspaceFile.map((f) => f.rule), ['inventory-override-attempt']);
    // the same keys in the user's own settings are not an attempt
    assert.deepEqual(analyzeText(text, { ...settings, path: '/home/u/.config/Code/User/settings.json', scope: 'user' }, checker).fileFindings, []);
  });

  it('every policy setting is machine-scoped in the manifest, so VS Code itself ignores workspace values', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } | { properties: Record<string, { scope?: string }> }[] } };
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const props = Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, { scope?: string }>;
    for (const key of POLICY_SETTINGS) assert.ok(['machine', 'application'].includes(props[key]?.scope ?? ''), `${key} has scope ${props[key]?.scope}`);
  });

  it('a 1 GB .mcp.json is not read (the read stops at 5 MB); the rest of the workspace is scanned', async () => {
    const ws = tempDir();
    writeTree(ws, { '.cursor/mcp.json': JSON.stringify({ mcpServers: { ok: { command: 'npx', args: ['-y', 'mcp-ok'] } } }) });
    const big = path.join(ws, '.mcp.json');
    fs.writeFileSync(big, '{"mcpServers": {');
    fs.truncateSync(big, 1024 * 1024 * 1024); // sparse: no disk used, and stat says 1 GB
    const result = await scan({ home: tempDir(), platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
    assert.equal(result.files.find((f) => f.path === big)?.error, 'is larger than 5 MB; not read');
    assert.deepEqual(result.servers.map((s) => s.name), ['ok']);
  });

  it('a config that links to a file outside the workspace: nothing of that file reaches a report', async function () {
    if (process.platform === 'win32') this.skip();
    const ws = tempDir();
    const outside = tempDir();
    const secretFile = path.join(outside, 'id_ed25519');
    fs.writeFileSync(secretFile, '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n');
    const otherConfig = path.join(outside, 'mcp.json');
    fs.writeFileSync(otherConfig, JSON.stringify({ mcpServers: { stolen: { command: 'npx', args: ['-y', 'mcp-x'], env: { API_TOKEN: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' } } } }));
    fs.mkdirSync(path.join(ws, '.cursor'));
    fs.symlinkSync(secretFile, path.join(ws, '.mcp.json'));
    fs.symlinkSync(otherConfig, path.join(ws, '.cursor', 'mcp.json'));
    const result = await scan({ home: tempDir(), platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
    const report = JSON.stringify({ files: result.files, servers: result.servers.map(toJsonServer) });
    // a file that is not a config: a located parse error, none of its text
    assert.match(result.files.find((f) => f.path === path.join(ws, '.mcp.json'))?.error ?? '', /^invalid JSON: .* at line 1, column 1$/);
    assert.ok(!report.includes('b3BlbnNzaC1rZXkt') && !report.includes('PRIVATE KEY'), report);
    // a config the client would read through the link: checked like any other, its secret masked
    assert.deepEqual(result.servers.map((s) => [s.name, s.file]), [['stolen', path.join(ws, '.cursor', 'mcp.json')]]);
    assert.ok(!report.includes('ghp_0123456789abcdefghij'), report);
  });

  it('terminal escapes in server names never reach the table as control characters', () => {
    const loc: ConfigLocation = { path: '/ws/.cursor/mcp.json', client: 'cursor', scope: 'workspace', format: 'json' };
    const names = ['evil\u001b[2J\u001b]0;pwned\u0007', 'bidi\u202eexe.txt', 'nul\u0000x', 'csi\u009b31m'];
    const text = JSON.stringify({ mcpServers: Object.fromEntries(names.map((n) => [n, { command: 'npx', args: [`-y`, `mcp-${names.indexOf(n)}`] }])) });
    const { servers } = analyzeText(text, loc, checker);
    assert.equal(servers.length, names.length);
    const summary = { total: servers.length, approved: 0, pending: 0, rejected: 0, deprecated: 0, unknown: servers.length };
    const table = formatTable({ inventory: bundledInventory(), files: [], servers, summary }, { color: false });
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(table, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.match(table, /evil\\u001b/);
  });
});
