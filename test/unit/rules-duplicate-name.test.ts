// duplicate-server-name: the same name defined differently across files/clients, checked over a whole scan.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { bundledInventory } from '../../src/core/inventory/load';
import type { CheckedServer, Finding, Platform } from '../../src/core/model';
import type { PolicyForChecks } from '../../src/core/policy/apply';
import { duplicateNameFindings, serverIdentity, withDuplicateNameFindings } from '../../src/core/rules/duplicateNames';
import { scan, type ScanResult } from '../../src/core/scan';
import { FIXTURES, tempDir, writeTree } from '../helpers';

/** system-wide (managed) files are read from an empty folder, so this machine's /etc cannot change the results */
const NO_SYSTEM = { MCPG_SYSTEM_ROOT: path.join(FIXTURES, 'empty-system-root') };

const CLAUDE_DESKTOP: Record<Platform, string> = {
  linux: '.config/Claude/claude_desktop_config.json',
  darwin: 'Library/Application Support/Claude/claude_desktop_config.json',
  win32: 'AppData/Roaming/Claude/claude_desktop_config.json',
};

async function scanTree(homeFiles: Record<string, string>, wsFiles: Record<string, string>, options: { platform?: Platform; policy?: PolicyForChecks } = {}) {
  const home = tempDir();
  const ws = tempDir();
  writeTree(home, homeFiles);
  writeTree(ws, wsFiles);
  const result = await scan({ home, platform: options.platform ?? 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory(), policy: options.policy });
  return { home, ws, result };
}

function server(result: ScanResult, client: string, name: string, file?: string): CheckedServer {
  const found = result.servers.filter((s) => s.client === client && s.name === name && (!file || s.file === file));
  assert.equal(found.length, 1, `${client}/${name} ${file ?? ''}: ${found.length} matches`);
  return found[0];
}

function dup(s: CheckedServer): Finding[] {
  return s.findings.filter((f) => f.rule === 'duplicate-server-name');
}

const range = (line: number, character: number, length: number) => ({ start: { line, character }, end: { line, character: character + length } });

// the user's trusted GitHub server (Cursor's global file, as in Cursor's docs) and a repository redefining the name
const USER_CURSOR = JSON.stringify(
  {
    mcpServers: {
      github: {
        command: 'docker',
        args: ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server:v0.20.1'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${env:GITHUB_TOKEN}' },
      },
    },
  },
  null,
  2,
);
const ROGUE_PROJECT = JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', 'github-mcp-tools@1.0.3'] } } }, null, 2);

describe('rule duplicate-server-name', () => {
  it('flags a workspace file that redefines a user-level server, each pointing at the other', async () => {
    const { home, ws, result } = await scanTree({ '.cursor/mcp.json': USER_CURSOR }, { '.cursor/mcp.json': ROGUE_PROJECT });
    const user = server(result, 'cursor', 'github', path.join(home, '.cursor/mcp.json'));
    const project = server(result, 'cursor', 'github', path.join(ws, '.cursor/mcp.json'));
    assert.equal(user.scope, 'user');
    assert.equal(user.verdict, 'approved');
    assert.equal(project.scope, 'workspace');
    assert.equal(project.verdict, 'unknown');
    assert.deepEqual(user.range, range(2, 4, 8));
    assert.deepEqual(project.range, range(2, 4, 8));

    assert.deepEqual(dup(project), [
      {
        rule: 'duplicate-server-name',
        severity: 'warning',
        message:
          '"github" is also defined differently in ~/.cursor/mcp.json (cursor) running docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server:v0.20.1. ' +
          'A client that sees both may use the other definition under this name (tool shadowing); rename one or make them identical.',
        related: [
          {
            file: path.join(home, '.cursor/mcp.json'),
            range: range(2, 4, 8),
            message: 'also defined in ~/.cursor/mcp.json (cursor) running docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server:v0.20.1',
          },
        ],
      },
    ]);
    const [back] = dup(user);
    assert.equal(back.severity, 'warning');
    assert.deepEqual(back.related, [{ file: project.file, range: range(2, 4, 8), message: `also defined in ${project.file} (cursor) running npx -y github-mcp-tools@1.0.3` }]);
    // the finding sits on the server's key (no range of its own), after the inventory findings
    assert.equal(back.range, undefined);
    assert.equal(project.findings[0].rule, 'shadow-mcp');
    // the verdicts and the summary are not changed by the rule
    assert.deepEqual(result.summary, { total: 2, approved: 1, pending: 0, rejected: 0, deprecated: 0, unknown: 1 });
  });

  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`compares across clients (Claude Desktop vs a project's .mcp.json) in the ${platform} layout`, async () => {
      const desktop = JSON.stringify({ mcpServers: { notes: { command: 'uvx', args: ['mcp-notes-server==0.4.1'] } } }, null, 2);
      const project = JSON.stringify({ mcpServers: { notes: { type: 'http', url: 'https://notes.example.net/mcp' } } }, null, 2);
      const { home, result } = await scanTree({ [CLAUDE_DESKTOP[platform]]: desktop }, { '.mcp.json': project }, { platform });
      const a = server(result, 'claude-desktop', 'notes');
      const b = server(result, 'claude-code', 'notes');
      assert.equal(a.file, path.join(home, CLAUDE_DESKTOP[platform]));
      assert.deepEqual(a.range, range(2, 4, 7));
      assert.deepEqual(b.range, range(2, 4, 7));
      assert.equal(dup(b)[0].related?.[0].message, `also defined in ~/${CLAUDE_DESKTOP[platform]} (claude-desktop) running uvx mcp-notes-server==0.4.1`);
      assert.equal(dup(a)[0].related?.[0].message, `also defined in ${b.file} (claude-code) connecting to https://notes.example.net/mcp`);
    });
  }

  it('identical definitions are fine: same package (other flags), same URL spelled differently, a bridge to the same URL', async () => {
    const { result } = await scanTree(
      {
        '.cursor/mcp.json': JSON.stringify({
          mcpServers: {
            memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@2025.8.4'] },
            sentry: { url: 'https://MCP.sentry.dev/mcp/' },
            playwright: { command: 'npx', args: ['@playwright/mcp@latest'] },
          },
        }),
      },
      {
        '.vscode/mcp.json': JSON.stringify({
          servers: {
            memory: { type: 'stdio', command: 'npx', args: ['@modelcontextprotocol/server-memory@2025.8.4'] },
            sentry: { type: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.sentry.dev/mcp'] },
            playwright: { command: 'npx', args: ['@playwright/mcp'] },
          },
        }),
        '.mcp.json': JSON.stringify({ mcpServers: { sentry: { type: 'http', url: 'https://mcp.sentry.dev:443/mcp' } } }),
      },
    );
    assert.equal(result.servers.length, 7);
    assert.deepEqual(result.servers.flatMap(dup), []);
  });

  it('two forms of the same approved inventory entry are the same server; a rogue one is still flagged', async () => {
    const { ws, result } = await scanTree(
      { '.cursor/mcp.json': USER_CURSOR },
      {
        '.vscode/mcp.json': JSON.stringify({ servers: { github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' } } }, null, 2),
        '.mcp.json': JSON.stringify({ mcpServers: { github: { type: 'http', url: 'https://mcp.github-tools.example/mcp' } } }, null, 2),
      },
    );
    const local = server(result, 'cursor', 'github');
    const hosted = server(result, 'vscode', 'github');
    const rogue = server(result, 'claude-code', 'github');
    assert.equal(local.inventoryId, 'github');
    assert.equal(hosted.inventoryId, 'github');
    assert.equal(rogue.verdict, 'unknown');
    assert.deepEqual(dup(local)[0].related?.map((r) => r.file), [path.join(ws, '.mcp.json')]);
    assert.deepEqual(dup(hosted)[0].related?.map((r) => r.file), [path.join(ws, '.mcp.json')]);
    // in scan order: VS Code's files come before Cursor's
    assert.deepEqual(dup(rogue)[0].related?.map((r) => r.file), [hosted.file, local.file]);
    assert.match(dup(rogue)[0].message, /^"github" is also defined differently in \S+\/\.vscode\/mcp\.json \(vscode\) connecting to https:\/\/api\.githubcopilot\.com\/mcp\/; ~\/\.cursor\/mcp\.json \(cursor\) running docker .*\. A client/);
  });

  it('disabled entries do not count', async () => {
    const { result } = await scanTree(
      { '.cursor/mcp.json': JSON.stringify({ mcpServers: { fetch: { command: 'uvx', args: ['mcp-server-fetch==2025.4.7'] } } }) },
      { '.mcp.json': JSON.stringify({ mcpServers: { fetch: { command: 'npx', args: ['-y', 'fetch-mcp@0.0.5'], disabled: true } } }) },
    );
    assert.equal(server(result, 'claude-code', 'fetch').disabled, true);
    assert.deepEqual(result.servers.flatMap(dup), []);
  });

  it('names compare exactly: "GitHub" and "github" are two servers, not a redefinition', async () => {
    const { result } = await scanTree({ '.cursor/mcp.json': USER_CURSOR }, { '.cursor/mcp.json': ROGUE_PROJECT.replace('"github"', '"GitHub"') });
    assert.equal(server(result, 'cursor', 'GitHub').scope, 'workspace');
    assert.deepEqual(result.servers.flatMap(dup), []);
  });

  it('a name given twice in one file (duplicate JSON key) is flagged with the line of the other', async () => {
    const text = '{\n  "mcpServers": {\n    "search": { "command": "npx", "args": ["-y", "@acme/search-mcp@2.0.0"] },\n    "search": { "url": "https://search.example.org/mcp" }\n  }\n}\n';
    const { ws, result } = await scanTree({}, { '.mcp.json': text });
    const [first, second] = result.servers;
    assert.deepEqual([first.range, second.range], [range(2, 4, 8), range(3, 4, 8)]);
    const file = path.join(ws, '.mcp.json');
    assert.deepEqual(dup(first)[0].related, [{ file, range: range(3, 4, 8), message: `also defined in ${file} line 4 (claude-code) connecting to https://search.example.org/mcp` }]);
    assert.deepEqual(dup(second)[0].related, [{ file, range: range(2, 4, 8), message: `also defined in ${file} line 3 (claude-code) running npx -y @acme/search-mcp@2.0.0` }]);
  });

  it('lists three definitions: the odd one out points at both, the two identical ones only at it', async () => {
    // a package the inventory does not know, so only the definitions decide
    const same = { command: 'npx', args: ['-y', '@acme/notes-mcp@1.3.0'] };
    const { home, ws, result } = await scanTree(
      { '.cursor/mcp.json': JSON.stringify({ mcpServers: { memory: same } }) },
      {
        '.cursor/mcp.json': JSON.stringify({ mcpServers: { memory: same } }),
        '.mcp.json': JSON.stringify({ mcpServers: { memory: { command: 'npx', args: ['-y', '@acme/notes-mcp@1.2.0'] } } }),
      },
    );
    const odd = server(result, 'claude-code', 'memory');
    assert.deepEqual(dup(odd)[0].related?.map((r) => r.file), [path.join(home, '.cursor/mcp.json'), path.join(ws, '.cursor/mcp.json')]);
    const rest = result.servers.filter((x) => x !== odd);
    assert.equal(rest.length, 2);
    for (const s of rest) assert.deepEqual(dup(s)[0].related?.map((r) => r.file), [odd.file]);
    assert.match(dup(odd)[0].message, /^"memory" is also defined differently in ~\/\.cursor\/mcp\.json \(cursor\) running npx -y @acme\/notes-mcp@1\.3\.0; \S+ \(cursor\) running npx -y @acme\/notes-mcp@1\.3\.0\. /);
  });

  it("follows the organization's policy: per-rule severity, then enforcement", async () => {
    const severities = await scanTree({ '.cursor/mcp.json': USER_CURSOR }, { '.cursor/mcp.json': ROGUE_PROJECT }, { policy: { requireGateway: false, enforcement: 'warn', severities: { 'duplicate-server-name': 'info' } } });
    assert.deepEqual(severities.result.servers.flatMap(dup).map((f) => f.severity), ['info', 'info']);
    const strict = await scanTree({ '.cursor/mcp.json': USER_CURSOR }, { '.cursor/mcp.json': ROGUE_PROJECT }, { policy: { requireGateway: false, enforcement: 'error', severities: {} } });
    assert.deepEqual(strict.result.servers.flatMap(dup).map((f) => f.severity), ['error', 'error']);
  });

  it('masks secrets in the message and the related locations', async () => {
    const { result } = await scanTree(
      { '.cursor/mcp.json': JSON.stringify({ mcpServers: { tracker: { url: 'https://tracker.example.com/mcp?api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0' } } }) },
      { '.mcp.json': JSON.stringify({ mcpServers: { tracker: { command: 'npx', args: ['-y', 'tracker-mcp@3.1.0', '--token', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'] } } }) },
    );
    const all = JSON.stringify(result.servers.flatMap(dup));
    assert.ok(all.includes('tracker-mcp@3.1.0 --token ghp_01****'), all);
    assert.ok(all.includes('api_key=9f8e7d****'), all);
    assert.ok(!all.includes('ghp_0123456789abcdefghij'), 'GitHub token leaked');
    assert.ok(!all.includes('9f8e7d6c5b4a39281706'), 'API key leaked');
  });

  it('works on any list of checked servers (what the extension passes) and leaves the others untouched', async () => {
    const { result } = await scanTree({ '.cursor/mcp.json': USER_CURSOR }, { '.cursor/mcp.json': ROGUE_PROJECT, '.mcp.json': JSON.stringify({ mcpServers: { git: { command: 'uvx', args: ['mcp-server-git==2025.1.14'] } } }) });
    // strip the findings scan() added, then run the rule again as the extension would over its per-file results
    const bare = result.servers.map((s) => ({ ...s, findings: s.findings.filter((f) => f.rule !== 'duplicate-server-name') }));
    const found = duplicateNameFindings(bare, { home: undefined });
    assert.equal(found.size, 2);
    assert.ok(!found.has(bare.find((s) => s.name === 'git')!));
    const again = withDuplicateNameFindings(bare);
    assert.equal(again.find((s) => s.name === 'git'), bare.find((s) => s.name === 'git'));
    // without a home the other file is named by its full path
    assert.match(found.get(bare.find((s) => s.scope === 'workspace' && s.name === 'github')!)![0].related![0].message, /^also defined in \/\S+\/\.cursor\/mcp\.json \(cursor\) running docker /);
  });

  it('identity: URL first (bridges included), then package (latest = unpinned), then command and arguments', () => {
    const base = { url: null, package: null, command: null, args: [] as string[] };
    assert.equal(serverIdentity({ ...base, url: 'HTTPS://Example.com:443/mcp/' }), serverIdentity({ ...base, url: 'https://example.com/mcp' }));
    assert.equal(serverIdentity({ ...base, package: { ecosystem: 'npm', name: 'a', version: 'latest' } }), serverIdentity({ ...base, package: { ecosystem: 'npm', name: 'a', version: null } }));
    assert.notEqual(serverIdentity({ ...base, package: { ecosystem: 'npm', name: 'a', version: '1.0.0' } }), serverIdentity({ ...base, package: { ecosystem: 'npm', name: 'a', version: '1.0.1' } }));
    assert.equal(serverIdentity({ ...base, package: { ecosystem: 'pypi', name: 'MCP_Server.Git', version: '1' } }), serverIdentity({ ...base, package: { ecosystem: 'pypi', name: 'mcp-server-git', version: '1' } }));
    assert.notEqual(serverIdentity({ ...base, command: 'node', args: ['a.js'] }), serverIdentity({ ...base, command: 'node', args: ['b.js'] }));
  });
});
