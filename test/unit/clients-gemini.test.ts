import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverAllLocations } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation, ServerEntry } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { gemini, geminiExtensionLocations } from '../../src/core/clients/gemini';
import { systemDir, systemPath } from '../../src/core/clients/systemPaths';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows, serverRow } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'gemini');
const HOME = path.join(ROOT, 'home');
const WORKSPACE = path.join(ROOT, 'workspace');
const SYSTEM = path.join(ROOT, 'system');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const row = (s: ServerEntry) => serverRow(ROOT, s);

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

const USER_ROWS = [
  'home/.gemini/settings.json gemini/user pythonTools@4:4 stdio pkg=- url=-',
  'home/.gemini/settings.json gemini/user dockerizedServer@14:4 stdio pkg=oci:my-mcp-server@latest url=- disabled',
  'home/.gemini/settings.json gemini/user httpServerWithAuth@21:4 http pkg=- url=http://localhost:3000/mcp',
  'home/.gemini/settings.json gemini/user discoveredServer@28:4 sse pkg=- url=https://api.example.com/sse',
  'home/.gemini/settings.json gemini/user typedHttp@31:4 http pkg=- url=https://mcp.example.com/mcp',
];
const WORKSPACE_ROWS = [
  'workspace/.gemini/settings.json gemini/workspace github@2:4 http pkg=- url=https://api.githubcopilot.com/mcp/',
  'workspace/.gemini/settings.json gemini/workspace filesystem@8:4 stdio pkg=npm:@modelcontextprotocol/server-filesystem@2026.1.14 url=- disabled',
];
const SYSTEM_FILES = {
  linux: 'system/etc/gemini-cli',
  darwin: 'system/Library/Application Support/GeminiCli',
  win32: 'system/ProgramData/gemini-cli',
} as const;
const SYSTEM_ROWS = {
  linux: ['system/etc/gemini-cli/settings.json gemini/managed corp-tools@2:4 stdio pkg=- url=-'],
  darwin: ['system/Library/Application Support/GeminiCli/system-defaults.json gemini/managed corp-docs@2:4 http pkg=- url=https://mcp.corp.example/docs/mcp'],
  win32: ['system/ProgramData/gemini-cli/settings.json gemini/managed corp-tools@2:4 stdio pkg=- url=- disabled'],
} as const;

const loc: ConfigLocation = { path: '/h/.gemini/settings.json', client: 'gemini', scope: 'user', format: 'jsonc' };
const extract = (text: string) => gemini.extract(parseDocument(text, 'jsonc'), loc);

describe('Gemini CLI client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`reads user, workspace and system settings (${platform}, system folders under MCPG_SYSTEM_ROOT)`, () => {
      const ctx = { home: HOME, platform, workspaces: [WORKSPACE], env: { MCPG_SYSTEM_ROOT: SYSTEM } };
      assert.deepEqual(
        gemini.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        [
          'home/.gemini/settings.json user jsonc',
          'workspace/.gemini/settings.json workspace jsonc',
          `${SYSTEM_FILES[platform]}/settings.json managed jsonc`,
          `${SYSTEM_FILES[platform]}/system-defaults.json managed jsonc`,
        ],
      );
      assert.deepEqual(scanRows(gemini, ctx), [...USER_ROWS, ...WORKSPACE_ROWS, ...SYSTEM_ROWS[platform]]);
    });
  }

  it('finds servers of installed extensions by listing the extension folders', async () => {
    const ctx = { home: HOME, platform: 'linux' as const, workspaces: [WORKSPACE], env: { MCPG_SYSTEM_ROOT: SYSTEM } };
    const all = await discoverAllLocations(ctx, [gemini]);
    const ext = all.filter((l) => l.path.endsWith('gemini-extension.json'));
    assert.deepEqual(ext.map((l) => `${rel(l.path)} ${l.scope} ${l.format}`), ['home/.gemini/extensions/weather-extension/gemini-extension.json user jsonc']);
    const rows = ext.flatMap((l) => gemini.extract(parseDocument(fs.readFileSync(l.path, 'utf8'), l.format), l)).map(row);
    assert.deepEqual(rows, ['home/.gemini/extensions/weather-extension/gemini-extension.json gemini/user weather-api@5:4 stdio pkg=- url=-']);
    const fake = async (dir: string) => (dir === path.join('/h', '.gemini', 'extensions') ? ['b', 'a'] : dir.endsWith('a') ? ['gemini-extension.json'] : []);
    const found = await geminiExtensionLocations({ home: '/h', platform: 'darwin', workspaces: ['/w'], env: {} }, fake);
    assert.deepEqual(found.map((l) => l.path), [path.join('/h', '.gemini', 'extensions', 'a', 'gemini-extension.json')]);
  });

  it('uses the real system folders when MCPG_SYSTEM_ROOT is not set', () => {
    const managed = (platform: 'linux' | 'darwin' | 'win32') =>
      gemini.locations({ home: '/h', platform, workspaces: [], env: {} }).filter((l) => l.scope === 'managed').map((l) => l.path);
    assert.deepEqual(managed('linux'), ['/etc/gemini-cli/settings.json', '/etc/gemini-cli/system-defaults.json']);
    assert.deepEqual(managed('darwin'), ['/Library/Application Support/GeminiCli/settings.json', '/Library/Application Support/GeminiCli/system-defaults.json']);
    assert.deepEqual(managed('win32'), ['C:\\ProgramData\\gemini-cli\\settings.json', 'C:\\ProgramData\\gemini-cli\\system-defaults.json']);
  });

  it('systemDir resolves every system folder under MCPG_SYSTEM_ROOT when it is set', () => {
    const ctx = (platform: 'linux' | 'darwin' | 'win32', env: Record<string, string> = {}) => ({ home: '/h', platform, workspaces: [], env });
    assert.equal(systemDir(ctx('linux')), '/etc');
    assert.equal(systemDir(ctx('darwin')), '/Library/Application Support');
    assert.equal(systemDir(ctx('win32')), 'C:\\ProgramData');
    assert.equal(systemDir(ctx('win32'), 'programFiles'), 'C:\\Program Files');
    assert.equal(systemDir(ctx('linux', { MCPG_SYSTEM_ROOT: SYSTEM })), path.join(SYSTEM, 'etc'));
    assert.equal(systemDir(ctx('darwin', { MCPG_SYSTEM_ROOT: SYSTEM })), path.join(SYSTEM, 'Library', 'Application Support'));
    assert.equal(systemDir(ctx('win32', { MCPG_SYSTEM_ROOT: SYSTEM })), path.join(SYSTEM, 'ProgramData'));
    assert.equal(systemPath(ctx('win32', { MCPG_SYSTEM_ROOT: SYSTEM }), 'programFiles', 'ClaudeCode'), path.join(SYSTEM, 'Program Files', 'ClaudeCode'));
  });

  it('follows GEMINI_CLI_HOME only inside the scanned home', () => {
    const user = (env: Record<string, string>) =>
      gemini.locations({ home: '/home/me', platform: 'linux', workspaces: [], env }).filter((l) => l.scope === 'user').map((l) => l.path);
    assert.deepEqual(user({ GEMINI_CLI_HOME: '/home/me/profiles/work' }), [
      path.join('/home/me', '.gemini', 'settings.json'),
      path.join('/home/me/profiles/work', '.gemini', 'settings.json'),
    ]);
    assert.deepEqual(user({ GEMINI_CLI_HOME: '/srv/other' }), [path.join('/home/me', '.gemini', 'settings.json')]);
  });

  it('applies v1 allow/exclude lists, ignores an empty allow list, and prefers httpUrl over url', () => {
    const text = JSON.stringify({
      mcpServers: { a: { command: 'x' }, b: { command: 'y' }, c: { httpUrl: 'https://c.example/mcp', url: 'https://c.example/sse' } },
      allowMCPServers: ['a', 'C'],
      excludeMCPServers: ['a'],
    });
    assert.deepEqual(extract(text).map((s) => `${s.name} ${s.transport} ${s.url} ${s.disabled}`), [
      'a stdio null true',
      'b stdio null true',
      'c http https://c.example/mcp false',
    ]);
    const open = extract(JSON.stringify({ mcpServers: { a: { command: 'x' } }, mcp: { allowed: [] } }));
    assert.equal(open[0].disabled, false);
  });

  it('tolerates wrong shapes without throwing', () => {
    const texts = [
      '',
      '// only a comment',
      '{ "mcpServers": 3, "mcp": "x" }',
      '{ "mcpServers": { "a": "npx" }, "mcp": { "allowed": "a", "excluded": { "a": true } } }',
      '{ "mcpServers": { "b": { "httpUrl": 4, "url": "", "command": ["npx"] } }, "mcp": { "excluded": [1, null, "B "] } }',
    ];
    const out = texts.flatMap((t) => extract(t).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.disabled}`));
    assert.deepEqual(out, ['b stdio null null true']);
  });
});
