import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { opencode } from '../../src/core/clients/opencode';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'opencode');
const HOME = path.join(ROOT, 'home');
const WORKSPACE = path.join(ROOT, 'workspace');
const SYSTEM = path.join(ROOT, 'system');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

const USER_ROWS = [
  'home/.config/opencode/opencode.json opencode/user mcp_everything@3:4 stdio pkg=npm:@modelcontextprotocol/server-everything@- url=-',
  'home/.config/opencode/opencode.json opencode/user context7@7:4 http pkg=- url=https://mcp.context7.com/mcp',
  'home/.config/opencode/opencode.json opencode/user jira@14:4 http pkg=- url=https://jira.example.com/mcp disabled',
];
const WORKSPACE_ROWS = [
  'workspace/opencode.jsonc opencode/workspace my-server@5:6 stdio pkg=npm:example-mcp-server@1.4.0 url=-',
  'workspace/opencode.jsonc opencode/workspace sentry@12:6 http pkg=- url=https://mcp.sentry.dev/mcp disabled',
  'workspace/.opencode/opencode.json opencode/workspace gh_grep@2:4 http pkg=- url=https://mcp.grep.app',
];
const MANAGED = {
  linux: { dir: 'system/etc/opencode', rows: ['system/etc/opencode/opencode.json opencode/managed corp-tools@2:4 stdio pkg=pypi:corp-mcp@3.1.0 url=-'] },
  darwin: { dir: 'system/Library/Application Support/opencode', rows: [] },
  win32: {
    dir: 'system/ProgramData/opencode',
    rows: ['system/ProgramData/opencode/opencode.jsonc opencode/managed everything@3:4 stdio pkg=npm:@modelcontextprotocol/server-everything@- url=- disabled'],
  },
} as const;

const loc: ConfigLocation = { path: '/w/opencode.jsonc', client: 'opencode', scope: 'workspace', format: 'jsonc' };
const extract = (text: string) => opencode.extract(parseDocument(text, 'jsonc'), loc);

describe('OpenCode client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`reads XDG user files (on every OS), project files and managed files (${platform})`, () => {
      const ctx = { home: HOME, platform, workspaces: [WORKSPACE], env: { MCPG_SYSTEM_ROOT: SYSTEM } };
      assert.deepEqual(
        opencode.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        [
          'home/.config/opencode/config.json user jsonc',
          'home/.config/opencode/opencode.json user jsonc',
          'home/.config/opencode/opencode.jsonc user jsonc',
          'home/.opencode/opencode.json user jsonc',
          'home/.opencode/opencode.jsonc user jsonc',
          'workspace/opencode.json workspace jsonc',
          'workspace/opencode.jsonc workspace jsonc',
          'workspace/.opencode/opencode.json workspace jsonc',
          'workspace/.opencode/opencode.jsonc workspace jsonc',
          `${MANAGED[platform].dir}/opencode.json managed jsonc`,
          `${MANAGED[platform].dir}/opencode.jsonc managed jsonc`,
        ],
      );
      assert.deepEqual(scanRows(opencode, ctx), [...USER_ROWS, ...WORKSPACE_ROWS, ...MANAGED[platform].rows]);
    });
  }

  it('follows XDG_CONFIG_HOME, OPENCODE_CONFIG_DIR and OPENCODE_CONFIG inside the home; real managed folders otherwise', () => {
    const user = (env: Record<string, string>) =>
      opencode.locations({ home: '/home/me', platform: 'linux', workspaces: [], env }).filter((l) => l.scope === 'user').map((l) => l.path);
    assert.deepEqual(user({ XDG_CONFIG_HOME: '/home/me/xdg', OPENCODE_CONFIG_DIR: '/home/me/oc', OPENCODE_CONFIG: '/etc/elsewhere.json' }), [
      path.join('/home/me/xdg', 'opencode', 'config.json'),
      path.join('/home/me/xdg', 'opencode', 'opencode.json'),
      path.join('/home/me/xdg', 'opencode', 'opencode.jsonc'),
      path.join('/home/me', '.opencode', 'opencode.json'),
      path.join('/home/me', '.opencode', 'opencode.jsonc'),
      path.join('/home/me/oc', 'opencode.json'),
      path.join('/home/me/oc', 'opencode.jsonc'),
    ]);
    const managed = (platform: 'linux' | 'darwin' | 'win32') =>
      opencode.locations({ home: '/h', platform, workspaces: [], env: {} }).filter((l) => l.scope === 'managed').map((l) => l.path);
    assert.deepEqual(managed('linux'), ['/etc/opencode/opencode.json', '/etc/opencode/opencode.jsonc']);
    assert.deepEqual(managed('darwin'), ['/Library/Application Support/opencode/opencode.json', '/Library/Application Support/opencode/opencode.jsonc']);
    assert.deepEqual(managed('win32'), ['C:\\ProgramData\\opencode\\opencode.json', 'C:\\ProgramData\\opencode\\opencode.jsonc']);
  });

  it('splits the command array and reads `environment`', () => {
    const [mine] = extract(fs.readFileSync(path.join(WORKSPACE, 'opencode.jsonc'), 'utf8'));
    assert.equal(mine.command, 'bun');
    assert.deepEqual(mine.args, ['x', 'example-mcp-server@1.4.0']);
    assert.deepEqual(mine.envNames, ['MY_ENV_VAR']);
    const [bridge] = extract('{ "mcp": { "b": { "type": "local", "command": ["npx", "-y", "mcp-remote", "https://remote.example/mcp"] } } }');
    assert.equal(`${bridge.transport} ${bridge.package?.name} ${bridge.url}`, 'stdio mcp-remote https://remote.example/mcp');
  });

  it('tells a v2 `servers` envelope and a global `timeout` from servers with those names', () => {
    const flatNamed = extract('{ "mcp": { "servers": { "type": "local", "command": ["uvx", "srv"] }, "timeout": { "type": "remote", "url": "https://t.example" } } }');
    assert.deepEqual(flatNamed.map((s) => `${s.name} ${s.transport} ${s.command ?? s.url}`), ['servers stdio uvx', 'timeout http https://t.example']);
    const v2 = extract('{ "mcp": { "servers": { "jira": { "enabled": true }, "type": { "type": "local", "command": ["t"] } }, "timeout": {} } }');
    assert.deepEqual(v2.map((s) => `${s.name} ${s.transport} ${s.command} ${s.disabled}`), ['jira stdio null false', 'type stdio t false']);
  });

  it('tolerates wrong shapes without throwing', () => {
    const texts = [
      '',
      '{ "mcp": [] }',
      '{ "mcp": { "a": "x", "b": { "type": "local", "command": "npx -y pkg" } } }',
      '{ "mcp": { "c": { "type": "local", "command": [1, null], "environment": "E", "enabled": "no" } } }',
      '{ "mcp": { "servers": 5, "d": { "type": "remote", "url": 3, "headers": [] } } }',
    ];
    const out = texts.flatMap((t) => extract(t).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.args.length} ${s.disabled}`));
    assert.deepEqual(out, ['b stdio npx -y pkg null 0 false', 'c stdio null null 0 false', 'd http null null 0 false']);
  });
});
