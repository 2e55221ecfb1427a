// End-to-end: the real CLI bundle as users run it, against fake homes for each OS layout.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI, FIXTURES, tempDir, writeTree } from '../helpers';

/** system-wide (managed) files are read from an empty folder, so this machine's /etc cannot change the results */
const SYSTEM_ROOT = path.join(FIXTURES, 'empty-system-root');

function run(args: string[], cwd?: string) {
  const withRoot = args[0] === 'scan' ? [...args, '--system-root', SYSTEM_ROOT] : args;
  const r = spawnSync(process.execPath, [CLI, ...withRoot], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WORKSPACE = path.join(FIXTURES, 'workspace');

describe('mcp-gatekeeper scan (CLI)', () => {
  for (const platform of ['linux', 'darwin', 'win32']) {
    it(`prints the JSON contract for the ${platform} layout`, () => {
      const home = path.join(FIXTURES, 'homes', platform);
      const r = run(['scan', '--home', home, '--platform', platform, '--workspace', WORKSPACE, '--format', 'json']);
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(report), ['schemaVersion', 'inventory', 'files', 'servers', 'summary']);
      assert.equal(report.schemaVersion, 1);
      assert.deepEqual(report.inventory, { source: 'builtin:examples/inventory.json', organization: 'Acme', servers: 17, fetchedAt: null, fromCache: false, stale: false, error: null });
      assert.equal(report.files.length, 6);
      for (const f of report.files) {
        assert.ok(path.isAbsolute(f.path));
        assert.ok(['user', 'workspace', 'managed'].includes(f.scope));
        assert.equal(f.error, null);
      }
      const claude = report.servers.find((s: { client: string; name: string }) => s.client === 'claude-desktop' && s.name === 'github');
      assert.deepEqual(claude, {
        name: 'github',
        client: 'claude-desktop',
        scope: 'user',
        file: claude.file,
        range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } },
        transport: 'stdio',
        command: 'docker',
        args: ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server:v0.20.1'],
        url: null,
        package: { ecosystem: 'oci', name: 'ghcr.io/github/github-mcp-server', version: 'v0.20.1' },
        disabled: false,
        verdict: 'approved',
        inventoryId: 'github',
        matchedBy: { kind: 'package', rule: 'oci package ghcr.io/github/github-mcp-server, versions >=0.20.0' },
        findings: claude.findings,
        envNames: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
        headerNames: [],
      });
      assert.ok(claude.file.startsWith(home) && claude.file.endsWith('claude_desktop_config.json'));
      // approved by the inventory, but the static rules still see the token in env and the tag-only image pin
      assert.deepEqual(claude.findings.map((f: { rule: string; severity: string }) => `${f.rule}/${f.severity}`), ['hardcoded-secret/error', 'unpinned-package/warning']);
      assert.match(claude.findings[0].message, /env GITHUB_PERSONAL_ACCESS_TOKEN holds a hardcoded GitHub token \(ghp_01\*\*\*\*\)/);
      assert.deepEqual(claude.findings[0].range, { start: { line: 5, character: 47 }, end: { line: 5, character: 89 } });
      assert.deepEqual(report.summary, { total: 17, approved: 7, pending: 2, rejected: 2, deprecated: 1, unknown: 5 });
      // the env value in the fixture is a GitHub token and the Slack one a bot token: neither may appear
      assert.ok(!r.stdout.includes('ghp_0123456789'), 'GitHub token leaked');
      assert.ok(!r.stdout.includes('xoxb-1234567890'), 'Slack token leaked');
    });
  }

  it('prints a readable table with verdict, client, file:line and why', () => {
    const home = path.join(FIXTURES, 'homes', 'linux');
    const r = run(['scan', '--home', home, '--platform', 'linux', '--workspace', WORKSPACE]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Inventory: Acme — 17 entries from builtin:examples\/inventory\.json/);
    // the explanation wraps under its row; compare with whitespace collapsed
    const flat = r.stdout.replace(/\s+/g, ' ');
    assert.match(flat, /SHADOW perplexity vscode workspace \S*\.vscode\/mcp\.json:24 "perplexity" is a shadow MCP server: npm package server-perplexity-ask is not in the Acme inventory\./);
    assert.match(flat, /UNAPPROVED playwright vscode user ~\/\.config\/Code\/User\/mcp\.json:3 "playwright" runs @playwright\/mcp@latest, but the Acme inventory approves "Playwright" only at versions >=0\.0\.30\./);
    assert.match(r.stdout, /REJECTED\s+slack\s+cursor\s+workspace\s+\S*\.cursor\/mcp\.json:11/);
    assert.match(r.stdout, /~\/\.config\/Claude\/claude_desktop_config\.json:3/);
    assert.match(r.stdout, /17 servers in 6 file\(s\): 7 approved, 2 pending, 2 rejected, 1 deprecated, 5 shadow\/unapproved\./);
  });

  it('exit codes follow --fail-on', () => {
    const home = tempDir();
    const ws = tempDir();
    writeTree(ws, {
      '.mcp.json': JSON.stringify({
        mcpServers: {
          sentry: { type: 'http', url: 'https://mcp.sentry.dev/mcp' },
          old: { command: 'npx', args: ['unknown-mcp'], disabled: true },
        },
      }),
    });
    assert.equal(run(['scan', '--home', home, '--workspace', ws]).code, 0, 'approved + disabled shadow passes');
    assert.equal(run(['scan', '--home', home, '--workspace', ws, '--fail-on', 'warning']).code, 0, 'info does not fail');
    writeTree(ws, { '.cursor/mcp.json': JSON.stringify({ mcpServers: { n: { url: 'https://mcp.notion.com/mcp' } } }) });
    assert.equal(run(['scan', '--home', home, '--workspace', ws]).code, 1, 'pending fails at shadow');
    assert.equal(run(['scan', '--home', home, '--workspace', ws, '--fail-on', 'warning']).code, 1);
    assert.equal(run(['scan', '--home', home, '--workspace', ws, '--fail-on', 'never']).code, 0);
  });

  it('the default workspace is the current folder', () => {
    const home = tempDir();
    const ws = tempDir();
    writeTree(ws, { '.vscode/mcp.json': '{ "servers": { "here": { "command": "npx", "args": ["mcp-here"] } } }' });
    const r = run(['scan', '--home', home, '--format', 'json'], ws);
    assert.deepEqual(JSON.parse(r.stdout).servers.map((s: { name: string }) => s.name), ['here']);
  });

  it('usage and inventory errors exit 2 with a message on stderr', () => {
    const home = tempDir();
    const bad = path.join(tempDir(), 'inv.json');
    writeTree(path.dirname(bad), { 'inv.json': JSON.stringify({ schemaVersion: 1, servers: [{ id: 'x', status: 'allowed' }] }) });
    let r = run(['scan', '--home', home, '--inventory', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /inv\.json: invalid inventory: servers\[0\] \(id "x"\) status: /);
    assert.doesNotMatch(r.stderr, /--help/);
    assert.equal(r.stdout, '');
    r = run(['scan', '--home', home, '--inventory', path.join(home, 'missing.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /inventory file not found/);
    r = run(['scan', '--platform', 'beos']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--platform must be one of linux, darwin, win32/);
    assert.equal(run(['scan', '--frobnicate']).code, 2);
    assert.equal(run(['explode']).code, 2);
    assert.equal(run(['scan', '--client', 'notepad']).code, 2);
  });

  it('masks secrets in args and URLs and prints no raw control characters', () => {
    const home = tempDir();
    const ws = tempDir();
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    writeTree(ws, {
      '.cursor/mcp.json': JSON.stringify({
        mcpServers: {
          'evil\u001b[2J\u001b]0;pwned\u0007': { command: 'npx', args: ['-y', 'mcp-x', '--token', token], env: { GITHUB_TOKEN: token } },
          remote: { url: `https://user:hunter2hunter2@mcp.example.com/sse?access_token=${token}` },
        },
      }),
    });
    const json = run(['scan', '--home', home, '--workspace', ws, '--format', 'json']);
    const table = run(['scan', '--home', home, '--workspace', ws]);
    for (const out of [json.stdout, table.stdout]) {
      assert.ok(!out.includes(token.slice(0, 10)), 'token leaked');
      assert.ok(!out.includes('hunter2hunter2'), 'password leaked');
    }
    assert.ok(!table.stdout.includes('\u001b'), 'raw ESC in table');
    assert.ok(!table.stdout.includes('\u0007'), 'raw BEL in table');
    const servers = JSON.parse(json.stdout).servers;
    assert.deepEqual(servers[0].args, ['-y', 'mcp-x', '--token', 'ghp_16****']);
    assert.equal(servers[1].url, 'https://user:hunter****@mcp.example.com/sse?access_token=ghp_16****');
  });
});
