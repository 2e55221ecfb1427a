import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { zed } from '../../src/core/clients/zed';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'zed');
const WORKSPACE = path.join(ROOT, 'workspace');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

const USER_FILE = {
  linux: 'homes/linux/.config/zed/settings.json',
  darwin: 'homes/darwin/.config/zed/settings.json',
  win32: 'homes/win32/AppData/Roaming/Zed/settings.json',
} as const;
const USER_ROWS = {
  linux: [
    `${USER_FILE.linux} zed/user some-context-server@7:4 stdio pkg=- url=-`,
    `${USER_FILE.linux} zed/user github@12:4 stdio pkg=npm:@modelcontextprotocol/server-github@2025.4.8 url=- disabled`,
    `${USER_FILE.linux} zed/user remote-mcp-server@18:4 http pkg=- url=https://mcp.example.com/mcp`,
    `${USER_FILE.linux} zed/user mcp-server-context7@22:4 stdio pkg=- url=-`,
  ],
  darwin: [`${USER_FILE.darwin} zed/user mcp-server-postgres@2:4 stdio pkg=npm:@modelcontextprotocol/server-postgres@- url=-`],
  win32: [
    `${USER_FILE.win32} zed/user sqlite@2:4 stdio pkg=pypi:mcp-server-sqlite@0.6.2 url=-`,
    `${USER_FILE.win32} zed/user postgres-context-server@8:4 stdio pkg=- url=-`,
  ],
} as const;

const loc: ConfigLocation = { path: '/w/.zed/settings.json', client: 'zed', scope: 'workspace', format: 'jsonc' };
const extract = (text: string) => zed.extract(parseDocument(text, 'jsonc'), loc);

describe('Zed client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`reads the user settings.json and the project .zed/settings.json (${platform})`, () => {
      const ctx = { home: path.join(ROOT, 'homes', platform), platform, workspaces: [WORKSPACE], env: {} };
      assert.deepEqual(
        zed.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        [`${USER_FILE[platform]} user jsonc`, 'workspace/.zed/settings.json workspace jsonc'],
      );
      assert.deepEqual(scanRows(zed, ctx), [...USER_ROWS[platform], 'workspace/.zed/settings.json zed/workspace project-tools@2:4 stdio pkg=- url=-']);
    });
  }

  it('uses XDG_CONFIG_HOME on Linux only, and %APPDATA% on Windows', () => {
    const user = (platform: 'linux' | 'darwin' | 'win32', env: Record<string, string>) =>
      zed.locations({ home: '/home/me', platform, workspaces: [], env })[0].path;
    assert.equal(user('linux', { XDG_CONFIG_HOME: '/home/me/xdg' }), path.join('/home/me/xdg', 'zed', 'settings.json'));
    assert.equal(user('darwin', { XDG_CONFIG_HOME: '/home/me/xdg' }), path.join('/home/me', '.config', 'zed', 'settings.json'));
    assert.equal(user('win32', { APPDATA: '/home/me/Roaming' }), path.join('/home/me/Roaming', 'Zed', 'settings.json'));
  });

  it('keeps command, args and env names of both command shapes', () => {
    const [custom, , remote] = extract(fs.readFileSync(path.join(ROOT, USER_FILE.linux), 'utf8'));
    assert.deepEqual([custom.command, custom.args], ['some-command', ['arg-1', 'arg-2']]);
    assert.deepEqual(remote.headerNames, ['Authorization']);
    const [old] = extract(fs.readFileSync(path.join(ROOT, USER_FILE.darwin), 'utf8'));
    assert.equal(old.command, 'npx');
    assert.deepEqual(old.args, ['-y', '@modelcontextprotocol/server-postgres', 'postgresql://localhost/mydb']);
    assert.deepEqual(old.envNames, []);
    const [withEnv] = extract('{ "context_servers": { "s": { "command": { "path": "uvx", "args": ["mcp-server-git"], "env": { "GIT_DIR": "/r" } } } } }');
    assert.deepEqual([withEnv.command, withEnv.envNames, withEnv.package?.name], ['uvx', ['GIT_DIR'], 'mcp-server-git']);
  });

  it('tolerates wrong shapes without throwing', () => {
    const texts = [
      '',
      '// comment only',
      '{ "context_servers": [] }',
      '{ "context_servers": { "a": true, "b": { "command": { "path": 3, "args": "x", "env": [] } } } }',
      '{ "context_servers": { "c": { "command": [], "url": { "u": 1 }, "enabled": "false", "settings": 4 } } }',
    ];
    const out = texts.flatMap((t) => extract(t).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.args.length} ${s.disabled}`));
    assert.deepEqual(out, ['b stdio null null 0 false', 'c stdio null null 0 false']);
  });
});
