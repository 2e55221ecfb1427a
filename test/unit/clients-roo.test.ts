import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverLocations } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { roo } from '../../src/core/clients/roo';
import { cline } from '../../src/core/clients/cline';
import { VSCODE_FAMILY_APP_FOLDERS } from '../../src/core/clients/extensionStorage';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'roo');
const WORKSPACE = path.join(ROOT, 'workspace');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

const STORAGE = 'User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json';
const APP_DIR = { linux: '.config', darwin: 'Library/Application Support', win32: 'AppData/Roaming' } as const;
const PROJECT = 'workspace/.roo/mcp.json';
const PROJECT_ROWS = [
  `${PROJECT} roo/workspace local-server@2:4 stdio pkg=- url=-`,
  `${PROJECT} roo/workspace sentry@12:4 http pkg=- url=https://mcp.sentry.dev/mcp`,
  `${PROJECT} roo/workspace untyped-remote@16:4 http pkg=- url=https://mcp.example.com/mcp`,
];

describe('Roo Code client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`lists the global settings of every VS Code fork and the project file (${platform})`, () => {
      const home = path.join(ROOT, 'homes', platform);
      assert.deepEqual(
        roo.locations({ home, platform, workspaces: [WORKSPACE], env: {} }).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        [
          ...VSCODE_FAMILY_APP_FOLDERS.map((app) => `homes/${platform}/${APP_DIR[platform]}/${app}/${STORAGE} user json`),
          `${PROJECT} workspace json`,
        ],
      );
    });
  }

  it('reads macOS VS Code settings and the project file', () => {
    const f = `homes/darwin/Library/Application Support/Code/${STORAGE}`;
    assert.deepEqual(scanRows(roo, { home: path.join(ROOT, 'homes', 'darwin'), platform: 'darwin', workspaces: [WORKSPACE], env: {} }), [
      `${f} roo/user puppeteer@2:4 stdio pkg=npm:@modelcontextprotocol/server-puppeteer@- url=-`,
      `${f} roo/user remote-server@8:4 http pkg=- url=https://your-server-url.com/mcp`,
      `${f} roo/user sse-server@17:4 sse pkg=- url=https://your-server-url.com/sse disabled`,
      ...PROJECT_ROWS,
    ]);
  });

  it('reads Linux VSCodium and Windows Insiders settings', () => {
    assert.deepEqual(scanRows(roo, { home: path.join(ROOT, 'homes', 'linux'), platform: 'linux', workspaces: [], env: {} }), [
      `homes/linux/.config/VSCodium/${STORAGE} roo/user git@2:4 stdio pkg=pypi:mcp-server-git@2025.1.14 url=-`,
    ]);
    assert.deepEqual(scanRows(roo, { home: path.join(ROOT, 'homes', 'win32'), platform: 'win32', workspaces: [], env: {} }), [
      `homes/win32/AppData/Roaming/Code - Insiders/${STORAGE} roo/user context7@2:4 stdio pkg=npm:@upstash/context7-mcp@1.0.14 url=-`,
    ]);
  });

  it('keeps env and header names; Cline and Roo storage folders never collide', () => {
    const loc: ConfigLocation = { path: path.join(WORKSPACE, '.roo', 'mcp.json'), client: 'roo', scope: 'workspace', format: 'json' };
    const [local, sentry] = roo.extract(parseDocument(fs.readFileSync(loc.path, 'utf8'), 'json'), loc);
    assert.deepEqual(local.envNames, ['API_KEY']);
    assert.equal(local.command, 'node');
    assert.deepEqual(sentry.headerNames, []);
    const ctx = { home: '/h', platform: 'linux' as const, workspaces: [], env: {} };
    assert.deepEqual(discoverLocations(ctx, [cline, roo]).filter((l) => l.alsoReadBy).length, 0);
  });

  it('tolerates wrong shapes without throwing', () => {
    const loc: ConfigLocation = { path: '/w/.roo/mcp.json', client: 'roo', scope: 'workspace', format: 'json' };
    const texts = ['', '{', '[1]', '{ "mcpServers": "x" }', '{ "mcpServers": { "a": [], "b": { "type": 1, "url": null, "command": "", "alwaysAllow": "all", "disabled": 0 } } }'];
    const out = texts.flatMap((t) => roo.extract(parseDocument(t, 'json'), loc).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.disabled}`));
    assert.deepEqual(out, ['b stdio  null false']);
  });
});
