import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverLocations } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation, ServerEntry } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { kiro } from '../../src/core/clients/kiro';
import { FIXTURES } from '../helpers';

const ROOT = path.join(FIXTURES, 'clients', 'kiro');
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

describe('Kiro client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`reads the user and workspace settings/mcp.json (${platform})`, () => {
      const ctx = { home: HOME, platform, workspaces: [WORKSPACE], env: {} };
      assert.deepEqual(
        kiro.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        ['home/.kiro/settings/mcp.json user json', 'workspace/.kiro/settings/mcp.json workspace json'],
      );
      assert.deepEqual(scanRows(kiro, ctx), [
        'home/.kiro/settings/mcp.json kiro/user aws-docs@2:4 stdio pkg=pypi:awslabs.aws-documentation-mcp-server@latest url=-',
        'home/.kiro/settings/mcp.json kiro/user api-server@11:4 http pkg=- url=https://api.example.com/mcp',
        'workspace/.kiro/settings/mcp.json kiro/workspace fetch@2:4 stdio pkg=pypi:mcp-server-fetch@- url=- disabled',
        'workspace/.kiro/settings/mcp.json kiro/workspace playwright@9:4 stdio pkg=npm:@playwright/mcp@0.0.41 url=-',
      ]);
    });
  }

  it('keeps env and header names', () => {
    const loc: ConfigLocation = { path: path.join(HOME, '.kiro/settings/mcp.json'), client: 'kiro', scope: 'user', format: 'json' };
    const [docs, api] = kiro.extract(parseDocument(fs.readFileSync(loc.path, 'utf8'), 'json'), loc);
    assert.deepEqual(docs.envNames, ['FASTMCP_LOG_LEVEL']);
    assert.deepEqual(api.headerNames, ['Authorization', 'X-Custom-Header']);
  });

  it('tolerates wrong shapes without throwing', () => {
    const loc: ConfigLocation = { path: '/w/.kiro/settings/mcp.json', client: 'kiro', scope: 'workspace', format: 'json' };
    const texts = ['', '{ "mcpServers": true }', '{ "mcpServers": { "a": 1, "b": { "url": ["x"], "autoApprove": "all", "disabledTools": 3, "disabled": true } } }'];
    const out = texts.flatMap((t) => kiro.extract(parseDocument(t, 'json'), loc).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.disabled}`));
    assert.deepEqual(out, ['b stdio null null true']);
  });
});
