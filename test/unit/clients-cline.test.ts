import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { cline } from '../../src/core/clients/cline';
import { VSCODE_FAMILY_APP_FOLDERS } from '../../src/core/clients/extensionStorage';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'cline');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

const STORAGE = 'User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json';
const APP_DIR = { linux: '.config', darwin: 'Library/Application Support', win32: 'AppData/Roaming' } as const;
const loc: ConfigLocation = { path: '/h/.cline/data/settings/cline_mcp_settings.json', client: 'cline', scope: 'user', format: 'json' };
const extract = (text: string) => cline.extract(parseDocument(text, 'json'), loc);

describe('Cline client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`lists the extension storage of every VS Code fork and the CLI file (${platform})`, () => {
      const home = path.join(ROOT, 'homes', platform);
      const locations = cline.locations({ home, platform, workspaces: ['/w'], env: {} });
      assert.deepEqual(
        locations.map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        [
          ...VSCODE_FAMILY_APP_FOLDERS.map((app) => `homes/${platform}/${APP_DIR[platform]}/${app}/${STORAGE} user json`),
          `homes/${platform}/.cline/data/settings/cline_mcp_settings.json user json`,
        ],
      );
      assert.deepEqual(VSCODE_FAMILY_APP_FOLDERS, ['Code', 'Code - Insiders', 'Code - OSS', 'VSCodium', 'VSCodium - Insiders', 'Cursor', 'Windsurf', 'Kiro']);
    });
  }

  it('reads the macOS VS Code storage: flat entries, untyped url = SSE, legacy transportType', () => {
    const home = path.join(ROOT, 'homes', 'darwin');
    const f = `homes/darwin/Library/Application Support/Code/${STORAGE}`;
    assert.deepEqual(scanRows(cline, { home, platform: 'darwin', workspaces: [], env: {} }), [
      `${f} cline/user github@2:4 stdio pkg=npm:@modelcontextprotocol/server-github@- url=-`,
      `${f} cline/user remote-server@11:4 sse pkg=- url=https://your-server-url.com/mcp`,
      `${f} cline/user scorestarling@19:4 http pkg=- url=https://mcp.scorestarling.com/mcp`,
      `${f} cline/user dubco-server@23:4 stdio pkg=- url=- disabled`,
      `${f} cline/user legacy-http@31:4 http pkg=- url=https://mcp.example.com/mcp`,
    ]);
  });

  it('reads a Linux Cursor install and the nested SDK entries of ~/.cline', () => {
    const home = path.join(ROOT, 'homes', 'linux');
    const cursor = `homes/linux/.config/Cursor/${STORAGE}`;
    const cli = 'homes/linux/.cline/data/settings/cline_mcp_settings.json';
    assert.deepEqual(scanRows(cline, { home, platform: 'linux', workspaces: [], env: {} }), [
      `${cursor} cline/user brave-search@2:4 stdio pkg=npm:@modelcontextprotocol/server-brave-search@0.6.2 url=-`,
      `${cli} cline/user jdx@2:4 stdio pkg=pypi:jdx-mcp@1.2.0 url=-`,
      `${cli} cline/user linear@9:4 http pkg=- url=https://mcp.linear.app/mcp disabled`,
      `${cli} cline/user events@19:4 sse pkg=- url=https://mcp.example.com/sse`,
    ]);
  });

  it('reads a Windows Windsurf install (cmd /c wrapper unwrapped)', () => {
    const home = path.join(ROOT, 'homes', 'win32');
    assert.deepEqual(scanRows(cline, { home, platform: 'win32', workspaces: [], env: {} }), [
      `homes/win32/AppData/Roaming/Windsurf/${STORAGE} cline/user filesystem@2:4 stdio pkg=npm:@modelcontextprotocol/server-filesystem@2025.3.28 url=-`,
    ]);
  });

  it('keeps nested env and header names, command and args', () => {
    const [jdx, linear] = extract(fs.readFileSync(path.join(ROOT, 'homes/linux/.cline/data/settings/cline_mcp_settings.json'), 'utf8'));
    assert.equal(jdx.command, 'uvx');
    assert.deepEqual(jdx.args, ['jdx-mcp==1.2.0']);
    assert.deepEqual(linear.headerNames, ['Authorization']);
    assert.equal(linear.command, null);
    const [gh] = extract(fs.readFileSync(path.join(ROOT, 'homes/darwin/Library/Application Support/Code', STORAGE), 'utf8'));
    assert.deepEqual(gh.envNames, ['GITHUB_PERSONAL_ACCESS_TOKEN']);
  });

  it('follows CLINE_DIR, CLINE_DATA_DIR and CLINE_MCP_SETTINGS_PATH only inside the scanned home', () => {
    const home = '/home/me';
    const cliFiles = (env: Record<string, string>) =>
      cline.locations({ home, platform: 'linux', workspaces: [], env }).map((l) => l.path).filter((p) => !p.includes('globalStorage'));
    assert.deepEqual(cliFiles({ CLINE_DIR: '/home/me/alt', CLINE_DATA_DIR: '/home/me/data', CLINE_MCP_SETTINGS_PATH: '/home/me/mcp.json' }), [
      path.join(home, '.cline', 'data', 'settings', 'cline_mcp_settings.json'),
      path.join('/home/me/alt', 'data', 'settings', 'cline_mcp_settings.json'),
      path.join('/home/me/data', 'settings', 'cline_mcp_settings.json'),
      '/home/me/mcp.json',
    ]);
    assert.deepEqual(cliFiles({ CLINE_DIR: '/root/.cline', CLINE_MCP_SETTINGS_PATH: 'relative.json' }), [
      path.join(home, '.cline', 'data', 'settings', 'cline_mcp_settings.json'),
    ]);
  });

  it('reads a command next to a url as stdio, as Cline does', () => {
    const [a, b] = extract('{ "mcpServers": { "a": { "command": "npx", "args": ["-y", "pkg@1"], "url": "https://x.example/mcp" }, "b": { "type": "sse", "command": "npx", "url": "https://x.example/sse" } } }');
    assert.equal(`${a.transport} ${a.command} ${a.url} ${a.package?.name}`, 'stdio npx null pkg');
    assert.equal(`${b.transport} ${b.command} ${b.url}`, 'sse null https://x.example/sse');
  });

  it('tolerates wrong shapes without throwing', () => {
    const texts = [
      '',
      '[]',
      '{ "mcpServers": [] }',
      '{ "mcpServers": { "a": "npx", "b": null } }',
      '{ "mcpServers": { "c": { "transport": [] , "command": 7 } } }',
      '{ "mcpServers": { "d": { "transport": { "type": 5, "url": 9, "command": ["x"], "args": "y", "env": [], "headers": "h" } } } }',
      '{ "mcpServers": { "e": { "transport": null, "transportType": 3, "url": "https://e.example/sse", "disabled": "true" } } }',
    ];
    const out = texts.flatMap((t) => extract(t).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.disabled}`));
    assert.deepEqual(out, ['c stdio null null false', 'd stdio null null false', 'e sse null https://e.example/sse false']);
  });
});
