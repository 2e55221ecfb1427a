import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation, Platform } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { windsurf } from '../../src/core/clients/windsurf';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'windsurf');
const HOME = path.join(ROOT, 'home');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

const WRONG_SHAPES = [
  '',
  'null',
  '[]',
  '"mcpServers"',
  '{ "mcpServers": [] }',
  '{ "mcpServers": null }',
  '{ "mcpServers": { "a": "npx", "b": 1, "c": null, "d": [] } }',
  '{ "mcpServers": { "e": { "command": 5, "args": "x", "env": [], "serverUrl": 7, "url": {}, "headers": "h", "disabled": "yes" } } }',
  '{ "mcpServers": { "f": { "command": "npx", "args": [1, null, "-y", "pkg"] }',
];

describe('Windsurf client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const satisfies readonly Platform[]) {
    it(`reads the Cascade and JetBrains plugin files under the home folder (${platform})`, () => {
      const ctx = { home: HOME, platform, workspaces: ['/w'], env: {} };
      assert.deepEqual(
        windsurf.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        ['home/.codeium/windsurf/mcp_config.json user json', 'home/.codeium/mcp_config.json user json'],
      );
      assert.deepEqual(scanRows(windsurf, ctx), [
        'home/.codeium/windsurf/mcp_config.json windsurf/user github@2:4 stdio pkg=npm:@modelcontextprotocol/server-github@- url=-',
        'home/.codeium/windsurf/mcp_config.json windsurf/user figma@9:4 http pkg=- url=https://mcp.figma.com/mcp',
        'home/.codeium/windsurf/mcp_config.json windsurf/user tomtom-mcp@15:4 http pkg=- url=http://localhost:3000/mcp',
        'home/.codeium/windsurf/mcp_config.json windsurf/user silicon-labs-docs@21:4 stdio pkg=npm:mcp-remote@- url=https://silabs.mcp.kapa.ai disabled',
        'home/.codeium/mcp_config.json windsurf/user github@2:4 stdio pkg=oci:ghcr.io/github/github-mcp-server@v0.20.1 url=-',
      ]);
    });
  }

  it('prefers serverUrl over url and keeps env and header names', () => {
    const loc: ConfigLocation = { path: '/h/.codeium/windsurf/mcp_config.json', client: 'windsurf', scope: 'user', format: 'json' };
    const text = '{ "mcpServers": { "x": { "serverUrl": "https://a.example/mcp", "url": "https://b.example/mcp", "headers": { "Authorization": "Bearer ${env:T}" } } } }';
    const [x] = windsurf.extract(parseDocument(text, 'json'), loc);
    assert.equal(x.url, 'https://a.example/mcp');
    assert.equal(x.transport, 'http');
    assert.deepEqual(x.headerNames, ['Authorization']);
    const [gh] = windsurf.extract(parseDocument(fs.readFileSync(path.join(HOME, '.codeium', 'windsurf', 'mcp_config.json'), 'utf8'), 'json'), loc);
    assert.deepEqual(gh.envNames, ['GITHUB_PERSONAL_ACCESS_TOKEN']);
    assert.deepEqual(gh.args, ['-y', '@modelcontextprotocol/server-github']);
  });

  it('tolerates wrong shapes without throwing', () => {
    const loc: ConfigLocation = { path: '/h/.codeium/windsurf/mcp_config.json', client: 'windsurf', scope: 'user', format: 'json' };
    const out = WRONG_SHAPES.map((t) => windsurf.extract(parseDocument(t, 'json'), loc).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.args.join(',')} ${s.disabled}`));
    assert.deepEqual(out.flat(), ['e stdio null null  false', 'f stdio npx null -y,pkg false']);
  });
});
