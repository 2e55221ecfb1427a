// End-to-end: `mcp-gatekeeper processes` from the real CLI bundle, fed recorded process tables through the hidden
// `--ps-output FILE --ps-format OS` hook, against the fixture homes for each OS layout.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, FIXTURES, tempDir } from '../helpers';

const SYSTEM_ROOT = path.join(FIXTURES, 'empty-system-root');
const TABLES = path.join(FIXTURES, 'processes');
const WORKSPACE = path.join(FIXTURES, 'workspace');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'processes', '--system-root', SYSTEM_ROOT, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function layout(platform: string, workspace = WORKSPACE): string[] {
  return ['--home', path.join(FIXTURES, 'homes', platform), '--platform', platform, '--workspace', workspace];
}

describe('mcp-gatekeeper processes (CLI)', () => {
  it('prints the JSON contract for a recorded Linux process table', () => {
    const r = run([...layout('linux'), '--ps-output', path.join(TABLES, 'linux-ps.txt'), '--ps-format', 'linux', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ['schemaVersion', 'processes', 'summary']);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.summary, { total: 13, configured: 8, unconfigured: 5, approved: 5, pending: 1, rejected: 1, deprecated: 1, unknown: 5 });
    assert.deepEqual(report.processes[3], {
      pid: 3201,
      ppid: 3150,
      user: 'dev',
      pids: [3201, 3215],
      commandLine: 'npm exec @modelcontextprotocol/server-filesystem@2026.1.14 /Users/dev/Projects',
      via: 'npm exec',
      package: { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', version: '2026.1.14' },
      bridgedUrl: null,
      program: 'mcp-server-filesystem',
      unconfigured: false,
      matches: [{ client: 'cursor', scope: 'user', file: path.join(FIXTURES, 'homes', 'linux', '.cursor', 'mcp.json'), name: 'filesystem', verdict: 'approved', inventoryId: 'filesystem', by: 'package', disabled: false }],
      verdict: 'approved',
      inventoryId: 'filesystem',
      findings: [],
    });
    const time = report.processes.find((p: { pid: number }) => p.pid === 5101);
    assert.deepEqual(
      { unconfigured: time.unconfigured, matches: time.matches, verdict: time.verdict, package: time.package, rules: time.findings.map((f: { rule: string }) => f.rule) },
      { unconfigured: true, matches: [], verdict: 'unknown', package: { ecosystem: 'pypi', name: 'mcp-server-time', version: null }, rules: ['shadow-mcp'] },
    );
    assert.ok(!r.stdout.includes('ghp_0123456789'), 'GitHub token leaked');
    assert.ok(!r.stdout.includes('sk-proj-abcdefghij'), 'OpenAI key leaked');
  });

  it('prints a readable table: the worst case is a rejected server no client configures', () => {
    const r = run([...layout('win32', tempDir()), '--ps-output', path.join(TABLES, 'win32-cim.json'), '--ps-format', 'win32']);
    assert.equal(r.code, 1, r.stderr);
    const flat = r.stdout.replace(/\s+/g, ' ');
    assert.match(flat, /^VERDICT PID USER RUNS CONFIGURED IN /);
    assert.match(flat, / REJECTED 9300 - npm @modelcontextprotocol\/server-slack NOT CONFIGURED \$ C:\\WINDOWS\\system32\\cmd\.exe \/c npx -y @modelcontextprotocol\/server-slack \(pids 9300, 9310\) Running, not configured in any known client\. "process 9300" matches "Slack \(reference server\)", which the Acme inventory rejects:/);
    assert.match(flat, / REJECTED 7200 - npm @modelcontextprotocol\/server-everything claude-desktop "everything" \$ C:\\WINDOWS\\system32\\cmd\.exe \/d \/s \/c "npx -y @modelcontextprotocol\/server-everything" \(pids 7200, 7210, 7230, 7240\) Configured in claude-desktop "everything"/);
    assert.match(flat, / PENDING 9100 - bridge to https:\/\/mcp\.notion\.com\/sse\?api_key=Zx9Qw8\*\*\*\* NOT CONFIGURED /);
    assert.ok(!r.stdout.includes('Ty6Ui5Op4As3Df2Gh1'), 'the api_key in the bridged URL leaked');
    assert.match(flat, / 7 running MCP servers: 4 configured, 3 not configured in any known client; 1 approved, 1 pending, 2 rejected, 0 deprecated, 3 shadow\/unapproved\. $/);
  });

  it('reads the wmic CSV fallback and the macOS table', () => {
    const wmic = run([...layout('win32', tempDir()), '--ps-output', path.join(TABLES, 'win32-wmic.csv'), '--ps-format', 'win32', '--format', 'json']);
    assert.equal(wmic.code, 1, wmic.stderr);
    assert.deepEqual(JSON.parse(wmic.stdout).processes.map((p: { pid: number; pids: number[] }) => [p.pid, p.pids]), [[7200, [7200, 7210, 7230, 7240]], [7300, [7300]]]);
    const mac = run([...layout('darwin', tempDir()), '--ps-output', path.join(TABLES, 'darwin-ps.txt'), '--ps-format', 'darwin', '--format', 'json']);
    assert.equal(mac.code, 1, mac.stderr);
    assert.deepEqual(JSON.parse(mac.stdout).summary, { total: 6, configured: 4, unconfigured: 2, approved: 1, pending: 0, rejected: 1, deprecated: 0, unknown: 4 });
  });

  it('exits 0 when every running MCP server is configured and approved', () => {
    const dir = tempDir();
    const table = path.join(dir, 'ps.txt');
    const lines = fs.readFileSync(path.join(TABLES, 'linux-ps.txt'), 'utf8').split('\n');
    fs.writeFileSync(table, lines.filter((l) => /^\s*(1|1510|3100|3150|3201|3215)\s/.test(l)).join('\n'));
    const r = run([...layout('linux'), '--ps-output', table, '--ps-format', 'linux']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 running MCP server: 1 configured, 0 not configured in any known client; 1 approved/);
    const none = path.join(dir, 'none.txt');
    fs.writeFileSync(none, '    1     0 root     /sbin/init\n');
    const empty = run([...layout('linux'), '--ps-output', none, '--ps-format', 'linux']);
    assert.deepEqual([empty.code, empty.stdout], [0, 'No running MCP servers found.\n']);
  });

  it('exits 2 with a clear message for unusable input', () => {
    const missing = run([...layout('linux'), '--ps-output', path.join(tempDir(), 'nope.txt'), '--ps-format', 'linux']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^mcp-gatekeeper: cannot read --ps-output \S+nope\.txt: ENOENT\n$/);
    const badFormat = run([...layout('linux'), '--ps-output', path.join(TABLES, 'linux-ps.txt'), '--ps-format', 'aix']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--ps-format must be one of linux, darwin, win32 \(got "aix"\)/);
    const alone = run([...layout('linux'), '--ps-format', 'linux']);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--ps-format needs --ps-output/);
    const notJson = path.join(tempDir(), 'ps.json');
    fs.writeFileSync(notJson, '[{"ProcessId": 1,');
    const broken = run([...layout('win32', tempDir()), '--ps-output', notJson, '--ps-format', 'win32']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^mcp-gatekeeper: --ps-output \S+ps\.json: PowerShell printed something that is not JSON: /);
  });
});
