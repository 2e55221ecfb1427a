import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverLocations } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation, ServerEntry } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { junie } from '../../src/core/clients/junie';
import { FIXTURES } from '../helpers';

const ROOT = path.join(FIXTURES, 'clients', 'junie');
const HOME = path.join(ROOT, 'home');
const WORKSPACE = path.join(ROOT, 'workspace');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

function row(s: ServerEntry): string {
  const pkg = s.package ? `${s.package.ecosystem}:${s.package.name}@${s.package.version ?? '-'}` : '-';
  return `${rel(s.file)} ${s.client}/${s.scope} ${s.name}@${s.range.start.line}:${s.range.start.character} ${s.transport} pkg=${pkg} url=${s.url ?? '-'}${s.disabled ? ' disabled' : ''}`;
}

function scanRows(module: ClientModule, ctx: DiscoveryContext): string[] {
  return discoverLocations(ctx, [module])
    .filter((l) => fs.existsSync(l.path))
    .flatMap((l) => module.extract(parseDocument(fs.readFileSync(l.path, 'utf8'), l.format), l))
    .map(row);
}

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
