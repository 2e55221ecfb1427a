import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDirNames } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation } from '../../src/core/model';
import type { ClientModule, DiscoveryContext } from '../../src/core/clients';
import { amazonq, amazonqAgentLocations } from '../../src/core/clients/amazonq';
import { FIXTURES } from '../helpers';
import { scanAllRows } from '../clientRows';

const ROOT = path.join(FIXTURES, 'clients', 'amazonq');
const HOME = path.join(ROOT, 'home');
const WORKSPACE = path.join(ROOT, 'workspace');
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

const scanRows = (module: ClientModule, ctx: DiscoveryContext) => scanAllRows(ROOT, module, ctx);

describe('Amazon Q Developer client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`reads legacy mcp.json, IDE agent and CLI agent files (${platform})`, async () => {
      const ctx = { home: HOME, platform, workspaces: [WORKSPACE], env: {} };
      assert.deepEqual(
        amazonq.locations(ctx).map((l) => `${rel(l.path)} ${l.scope} ${l.format}`),
        [
          'home/.aws/amazonq/mcp.json user json',
          'home/.aws/amazonq/agents/default.json user json',
          'workspace/.amazonq/mcp.json workspace json',
          'workspace/.amazonq/agents/default.json workspace json',
        ],
      );
      assert.deepEqual(await scanRows(amazonq, ctx), [
        'home/.aws/amazonq/mcp.json amazonq/user markdown-tools@2:4 stdio pkg=npm:@example/markdown-mcp@- url=-',
        'home/.aws/amazonq/mcp.json amazonq/user api-tools@9:4 stdio pkg=npm:@example/api-mcp@- url=- disabled',
        'home/.aws/amazonq/agents/default.json amazonq/user awslabs.aws-documentation-mcp-server@5:4 stdio pkg=pypi:awslabs.aws-documentation-mcp-server@latest url=-',
        'workspace/.amazonq/mcp.json amazonq/workspace git@2:4 stdio pkg=pypi:mcp-server-git@2025.1.14 url=-',
        'home/.aws/amazonq/cli-agents/aws-infra.json amazonq/user aws-knowledge@4:4 http pkg=- url=https://knowledge-mcp.global.api.aws',
        'home/.aws/amazonq/cli-agents/aws-infra.json amazonq/user terraform@8:4 stdio pkg=oci:hashicorp/terraform-mcp-server@0.2.3 url=-',
        'workspace/.amazonq/cli-agents/reviewer.json amazonq/workspace github@3:4 stdio pkg=oci:ghcr.io/github/github-mcp-server@- url=- disabled',
      ]);
    });
  }

  it('amazonqAgentLocations lists only *.json agent files, with a real or a fake folder listing', async () => {
    const ctx = { home: HOME, platform: 'linux' as const, workspaces: [WORKSPACE], env: {} };
    assert.deepEqual(
      (await amazonqAgentLocations(ctx, readDirNames)).map((l) => `${rel(l.path)} ${l.client} ${l.scope} ${l.format}`),
      ['home/.aws/amazonq/cli-agents/aws-infra.json amazonq user json', 'workspace/.amazonq/cli-agents/reviewer.json amazonq workspace json'],
    );
    const listed: string[] = [];
    const fake = async (dir: string) => {
      listed.push(dir);
      if (dir.endsWith(path.join('.aws', 'amazonq', 'cli-agents'))) return ['b.json', 'A.JSON', 'notes.md', 'agent_config.json.example'];
      throw new Error('EACCES');
    };
    const home = '/home/me';
    const found = await amazonqAgentLocations({ home, platform: 'linux', workspaces: ['/w'], env: {} }, fake);
    assert.deepEqual(listed, [path.join(home, '.aws', 'amazonq', 'cli-agents'), path.join('/w', '.amazonq', 'cli-agents')]);
    assert.deepEqual(found.map((l) => l.path), [path.join(home, '.aws/amazonq/cli-agents/A.JSON'), path.join(home, '.aws/amazonq/cli-agents/b.json')]);
    assert.equal(amazonq.enumerate !== undefined, true);
  });

  it('keeps env names and args', () => {
    const loc: ConfigLocation = { path: path.join(HOME, '.aws/amazonq/mcp.json'), client: 'amazonq', scope: 'user', format: 'json' };
    const [, api] = amazonq.extract(parseDocument(fs.readFileSync(loc.path, 'utf8'), 'json'), loc);
    assert.deepEqual(api.envNames, ['API_URL', 'API_KEY']);
    assert.deepEqual(api.args, ['-y', '@example/api-mcp']);
  });

  it('tolerates wrong shapes without throwing', () => {
    const loc: ConfigLocation = { path: '/w/.amazonq/cli-agents/x.json', client: 'amazonq', scope: 'workspace', format: 'json' };
    const texts = ['', '{"name": "x"}', '{ "mcpServers": ["a"] }', '{ "mcpServers": { "a": { "type": "registry" }, "b": { "type": "http", "url": 1, "disabled": null } } }'];
    const out = texts.flatMap((t) => amazonq.extract(parseDocument(t, 'json'), loc).map((s) => `${s.name} ${s.transport} ${s.command} ${s.url} ${s.disabled}`));
    assert.deepEqual(out, ['a stdio null null false', 'b http null null false']);
  });
});
