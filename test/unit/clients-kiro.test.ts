import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { kiro } from '../../src/core/clients/kiro';
import { FIXTURES } from '../helpers';
import { scanRows as scanFixtureRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'kiro');
const HOME = path.join(ROOT, 'home');
const WORKSPACE = path.join(ROOT, 'workspace');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanFixtureRows(ROOT, module, ctx);

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
