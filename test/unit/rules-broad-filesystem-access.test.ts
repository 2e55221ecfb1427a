import * as assert from 'node:assert/strict';
import type { ClientId, ConfigFormat } from '../../src/core/model';
import { SERVER_RULES } from '../../src/core/rules';
import { broadFilesystemAccess, broadScope } from '../../src/core/rules/broadFilesystemAccess';
import { readRuleFixture, runRule } from '../rules';

const read = readRuleFixture;

const scan = (text: string, client: ClientId, format: ConfigFormat, file?: string) => runRule(broadFilesystemAccess, text, client, format, file);


describe('rule broad-filesystem-access', () => {
  it('is registered with its SARIF metadata', () => {
    assert.ok(SERVER_RULES.includes(broadFilesystemAccess));
    assert.deepEqual([broadFilesystemAccess.id, broadFilesystemAccess.name, broadFilesystemAccess.defaultSeverity], ['broad-filesystem-access', 'BroadFilesystemAccess', 'warning']);
  });

  describe('Claude Desktop filesystem servers (JSON)', () => {
    const hits = scan(read('claude-desktop-filesystem.json'), 'claude-desktop', 'json');

    it('flags the root, drive roots and home folders, on the argument', () => {
      assert.deepEqual(
        hits.map((h) => [h.server, h.finding.severity, h.at]),
        [
          ['filesystem', 'warning', '"/Users/username"'],
          ['fs-root', 'warning', '"/"'],
          ['fs-home', 'warning', '"~"'],
          ['rust-fs', 'warning', '"C:\\\\"'],
          ['windows', 'warning', '"C:\\\\Users\\\\alice"'],
        ],
      );
    });

    it('golden message', () => {
      assert.equal(
        hits[0].finding.message,
        'args[3]: the filesystem server is allowed the whole home folder (/Users/username): the model can read, and usually change, SSH keys, cloud credentials and every other project there. Allow only the folders it needs.',
      );
      assert.match(hits[1].finding.message, /is allowed the whole file system \(\/\)/);
      assert.match(hits[3].finding.message, /is allowed the whole C: drive \(C:\\\)/);
    });

    it('a project folder is fine, and so is a non-filesystem server given the home folder', () => {
      assert.ok(!hits.some((h) => h.server === 'project-only' || h.server === 'git'));
    });
  });

  it('VS Code ${userHome} (JSONC); ${workspaceFolder} is fine', () => {
    const hits = scan(read('vscode-filesystem.json'), 'vscode', 'jsonc', '/home/me/.config/Code/User/mcp.json');
    assert.deepEqual(hits.map((h) => [h.server, h.at]), [['filesystem', '"${userHome}"']]);
  });

  it('broadScope: every spelling', () => {
    assert.equal(broadScope('/'), 'the whole file system');
    assert.equal(broadScope('D:\\'), 'the whole D: drive');
    assert.equal(broadScope('/Users'), "every user's home folder");
    assert.equal(broadScope('C:\\Users'), "every user's home folder");
    for (const p of ['~', '~/', '$HOME', '${HOME}', '${userHome}', '%USERPROFILE%', '/home/alice', '/Users/alice/', '/root', 'C:\\Users\\alice', 'c:/Users/alice']) assert.equal(broadScope(p), 'the whole home folder', p);
    for (const p of ['/Users/alice/projects', '~/work', '/tmp', '.', '${workspaceFolder}', '/home/alice/src/app']) assert.equal(broadScope(p), null, p);
  });

  it('recognizes filesystem servers by package, command or script name', () => {
    const run = (command: string, args: string[]) => scan(JSON.stringify({ mcpServers: { s: { command, args } } }), 'cursor', 'json');
    assert.equal(run('uvx', ['mcp-server-filesystem==0.1.0', '/']).length, 1);
    assert.equal(run('npx', ['-y', '@cyanheads/filesystem-mcp-server@1.0.4', '--root=~']).length, 1);
    assert.equal(run('npx', ['-y', 'fs-mcp@2.0.0', '/home/alice']).length, 1);
    assert.equal(run('node', ['/opt/mcp/server-filesystem/dist/index.js', '/']).length, 1);
    assert.equal(run('npx', ['-y', '@modelcontextprotocol/server-memory@2025.8.4', '/']).length, 0);
    // containers are docker-risk's: there the host is reached through mounts
    assert.equal(run('docker', ['run', '-i', '--rm', '-v', '/Users/alice:/projects', 'mcp/filesystem', '/']).length, 0);
  });

  it('YAML (Continue) and TOML (Codex) entries', () => {
    const yaml = 'mcpServers:\n  - name: Filesystem\n    command: npx\n    args:\n      - -y\n      - "@modelcontextprotocol/server-filesystem@2025.7.1"\n      - /Users/alice\n';
    assert.deepEqual(scan(yaml, 'continue', 'yaml', '/home/me/.continue/config.yaml').map((h) => [h.at, h.finding.range?.start]), [['/Users/alice', { line: 6, character: 8 }]]);
    const toml = '[mcp_servers.fs]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "/home/alice"]\n';
    assert.deepEqual(scan(toml, 'codex', 'toml', '/home/me/.codex/config.toml').map((h) => [h.at, h.finding.range?.start]), [['"/home/alice"', { line: 2, character: 66 }]]);
  });
});
