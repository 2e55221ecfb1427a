import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { junie } from '../../src/core/clients/junie';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'junie');
const HOME = path.join(ROOT, 'home');
const WORKSPACE = path.join(ROOT, 'workspace');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

describe('JetBrains Junie client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`reads the user and project .junie/mcp/mcp.json (${platform})`, () => {
      const ctx = { home: HOME, platform, workspaces: [WORKSPACE], env: {} };
      assert.deepEqual(
        junie.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        ['home/.junie/mcp/mcp.json user json', 'workspace/.junie/mcp/mcp.json workspace json'],
      );
      assert.deepEqual(scanRows(junie, ctx), [
        'home/.junie/mcp/mcp.json junie/user filesystem@2:4 stdio pkg=npm:@modelcontextprotocol/server-filesystem@- url=-',
        'workspace/.junie/mcp/mcp.json junie/workspace postgres@2:4 stdio pkg=oci:mcp/postgres@- url=-',
        'workspace/.junie/mcp/mcp.json junie/workspace docs@6:4 http pkg=- url=https://mcp.example.com/docs/mcp',
      ]);
    });
  }

  it('tolerates wrong shapes without throwing', () => {
    const loc: ConfigLocation = { path: '/w/.junie/mcp/mcp.json', client: 'junie', scope: 'workspace', format: 'json' };
    const texts = ['', '{ "servers": {} }', '{ "mcpServers": { "a": { "command": {}, "args": [[]] } } }'];
    const out = texts.flatMap((t) => junie.extract(parseDocument(t, 'json'), loc).map((s) => `${s.name} ${s.transport} ${s.command} ${s.args.length}`));
    assert.deepEqual(out, ['a stdio null 0']);
  });
});
