// The official MCP Registry format as an inventory: the `/v0.1/servers` list response, a list of server.json
// documents, a single server.json. Shapes follow the registry's own docs (package-types.mdx, server-json
// CHANGELOG: OCI images carry their tag in `identifier` since schema 2025-10-11; `{vars}` in remote URLs since
// 2025-12-11; per-version status active | deprecated | deleted in `_meta["io.modelcontextprotocol.registry/official"]`).
import * as assert from 'node:assert/strict';
import { SERVER_RULES } from '../../src/core/rules';
import * as path from 'node:path';
import { isRegistryDocument, registryToInventory } from '../../src/core/inventory/registryFormat';
import { parseInventory, validateInventory, type LoadedInventory } from '../../src/core/inventory/load';
import { loadInventorySource } from '../../src/core/inventory/sources';
import { scan } from '../../src/core/scan';
import { tempDir, writeTree } from '../helpers';

const SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
const OFFICIAL = 'io.modelcontextprotocol.registry/official';

function item(server: Record<string, unknown>, status: 'active' | 'deprecated' | 'deleted' = 'active', isLatest = true) {
  return { server: { $schema: SCHEMA, description: 'd', ...server }, _meta: { [OFFICIAL]: { status, publishedAt: '2026-01-10T08:00:00Z', updatedAt: '2026-01-10T08:00:00Z', isLatest } } };
}

const stdio = { transport: { type: 'stdio' } };

/** A `/v0.1/servers` page as the registry serves it. */
const LIST = {
  servers: [
    item({ name: 'io.github.acme/weather', title: 'Weather', version: '1.2.0', packages: [{ registryType: 'npm', registryBaseUrl: 'https://registry.npmjs.org', identifier: '@acme/weather-mcp', version: '1.2.0', ...stdio }] }),
    item({ name: 'io.github.acme/fetch', version: '0.6.1', packages: [{ registryType: 'pypi', identifier: 'acme-fetch', version: '0.6.1', runtimeHint: 'uvx', ...stdio }] }),
    item({ name: 'io.github.acme/tools', title: 'Acme Tools', version: '1.4.0', packages: [{ registryType: 'oci', identifier: 'ghcr.io/acme/tools-mcp:1.4.0', ...stdio }] }),
    item({
      name: 'com.acme/notes',
      title: 'Notes',
      version: '2.0.0',
      remotes: [
        { type: 'streamable-http', url: 'https://{tenant_id}.notes.acme.example/mcp', variables: { tenant_id: { description: 'Your tenant', isRequired: true } } },
        { type: 'sse', url: 'https://notes.acme.example/sse' },
      ],
    }),
    item({ name: 'io.github.old/thing', version: '0.9.0', packages: [{ registryType: 'npm', identifier: 'old-thing-mcp', version: '0.9.0', ...stdio }] }, 'deprecated'),
    item({ name: 'io.github.gone/thing', version: '1.0.0', packages: [{ registryType: 'npm', identifier: 'gone-thing-mcp', version: '1.0.0', ...stdio }] }, 'deleted'),
  ],
  metadata: { nextCursor: 'io.github.gone/thing:1.0.0', count: 6 },
};

const CONVERTED = {
  schemaVersion: 1,
  organization: 'Acme',
  servers: [
    { id: 'io.github.acme/weather', title: 'Weather', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@acme/weather-mcp', versions: '1.2.0' }] } },
    { id: 'io.github.acme/fetch', title: 'io.github.acme/fetch', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'acme-fetch', versions: '==0.6.1' }] } },
    { id: 'io.github.acme/tools', title: 'Acme Tools', status: 'approved', match: { packages: [{ ecosystem: 'oci', name: 'ghcr.io/acme/tools-mcp', versions: '1.4.0' }] } },
    { id: 'com.acme/notes', title: 'Notes', status: 'approved', match: { urls: ['https://*.notes.acme.example/mcp', 'https://notes.acme.example/sse'] } },
    { id: 'io.github.old/thing', title: 'io.github.old/thing', status: 'deprecated', match: { packages: [{ ecosystem: 'npm', name: 'old-thing-mcp', versions: '0.9.0' }] } },
  ],
};

function converted(data: unknown, org?: string): unknown {
  const r = registryToInventory(data, org);
  if (!r.ok) assert.fail(r.error);
  return r.value;
}

describe('MCP Registry format', () => {
  it('recognizes registry documents and leaves inventory v1 alone', () => {
    assert.ok(isRegistryDocument(LIST));
    assert.ok(isRegistryDocument(LIST.servers.map((i) => i.server)));
    assert.ok(isRegistryDocument(LIST.servers[0].server));
    assert.ok(!isRegistryDocument({ schemaVersion: 1, servers: [] }));
    assert.ok(!isRegistryDocument({ schemaVersion: 1, servers: [{ id: 'a', status: 'approved' }] }));
    assert.ok(!isRegistryDocument([]));
    assert.ok(!isRegistryDocument('text'));
  });

  it('converts a /v0.1/servers page: exact versions per ecosystem, {vars} as globs, deprecated kept, deleted left out', () => {
    assert.deepEqual(converted(LIST, 'Acme'), CONVERTED);
  });

  it('a list of server.json documents and a single server.json convert the same way', () => {
    const docs = LIST.servers.filter((i) => i._meta[OFFICIAL].status === 'active').map((i) => i.server);
    const active = { ...CONVERTED, servers: CONVERTED.servers.filter((s) => s.status === 'approved') };
    assert.deepEqual(converted(docs, 'Acme'), active);
    assert.deepEqual(converted(docs[2]), { schemaVersion: 1, servers: [active.servers[2]] });
  });

  it('OCI references: tag or digest from the identifier, the registry host kept, older `version` field honoured', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const doc = {
      name: 'io.github.acme/images',
      packages: [
        { registryType: 'oci', identifier: `ghcr.io/acme/pinned-mcp@${digest}`, ...stdio },
        { registryType: 'oci', identifier: 'docker.io/acme/hub-mcp:v2.1.0', ...stdio },
        { registryType: 'oci', identifier: 'registry.acme.example:5000/team/local-mcp:0.3.0', ...stdio },
        // schema 2025-09-29 and earlier: tag in `version`
        { registryType: 'oci', identifier: 'acme/legacy-mcp', version: '1.0.0', ...stdio },
      ],
    };
    assert.deepEqual(converted(doc), {
      schemaVersion: 1,
      servers: [
        {
          id: 'io.github.acme/images',
          title: 'io.github.acme/images',
          status: 'approved',
          match: {
            packages: [
              { ecosystem: 'oci', name: 'ghcr.io/acme/pinned-mcp', digest },
              { ecosystem: 'oci', name: 'docker.io/acme/hub-mcp', versions: 'v2.1.0' },
              { ecosystem: 'oci', name: 'registry.acme.example:5000/team/local-mcp', versions: '0.3.0' },
              { ecosystem: 'oci', name: 'acme/legacy-mcp', versions: '1.0.0' },
            ],
          },
        },
      ],
    });
  });

  it('several versions of one server accumulate; deprecated versions do not decide for the active ones, whatever the order', () => {
    const v = (version: string, status: 'active' | 'deprecated') =>
      item({ name: 'io.github.acme/weather', title: 'Weather', version, packages: [{ registryType: 'npm', identifier: '@acme/weather-mcp', version, ...stdio }], remotes: [{ type: 'streamable-http', url: 'https://weather.acme.example/mcp' }] }, status, status === 'active');
    const expected = {
      schemaVersion: 1,
      servers: [
        {
          id: 'io.github.acme/weather',
          title: 'Weather',
          status: 'approved',
          match: {
            packages: [
              { ecosystem: 'npm', name: '@acme/weather-mcp', versions: '1.1.0' },
              { ecosystem: 'npm', name: '@acme/weather-mcp', versions: '1.2.0' },
            ],
            urls: ['https://weather.acme.example/mcp'],
          },
        },
        {
          id: 'io.github.acme/weather (deprecated versions)',
          title: 'Weather (deprecated versions)',
          status: 'deprecated',
          replacedBy: 'io.github.acme/weather',
          // the remote is the same for every version: it stays approved
          match: { packages: [{ ecosystem: 'npm', name: '@acme/weather-mcp', versions: '1.0.0' }] },
        },
      ],
    };
    assert.deepEqual(converted({ servers: [v('1.0.0', 'deprecated'), v('1.1.0', 'active'), v('1.2.0', 'active')] }), expected);
    assert.deepEqual(converted({ servers: [v('1.1.0', 'active'), v('1.2.0', 'active'), v('1.0.0', 'deprecated')] }), expected);
    // every version deprecated: the server itself is deprecated
    assert.deepEqual((converted({ servers: [v('1.0.0', 'deprecated')] }) as typeof expected).servers.map((s) => [s.id, s.status]), [['io.github.acme/weather', 'deprecated']]);
  });

  it('an entry that is not a server.json is named by its position', () => {
    assert.deepEqual(registryToInventory([LIST.servers[0].server, { name: '', packages: [] }], undefined), { ok: false, error: 'registry entry [1]: Too small: expected string to have >=1 characters' });
    const r = parseInventory(JSON.stringify({ servers: [LIST.servers[0], { server: { title: 'no name' } }] }), 'registry.json');
    assert.equal(r.ok ? '' : r.error, 'registry.json: registry entry [1]: Invalid input: expected string, received undefined');
  });

  it('validates as an inventory and carries the organization given by the caller', () => {
    const r = validateInventory(LIST, 'https://registry.acme.example/v0.1/servers', 'Acme');
    if (!r.ok) assert.fail(r.error);
    assert.equal(r.value.inventory.organization, 'Acme');
    assert.deepEqual(r.value.inventory.servers.map((s) => s.id), CONVERTED.servers.map((s) => s.id));
  });
});

describe('a scan against a registry-format inventory', () => {
  it('approves the listed versions only', async () => {
    const dir = tempDir();
    writeTree(dir, { 'servers.json': JSON.stringify(LIST) });
    const r = await loadInventorySource(path.join(dir, 'servers.json'));
    if (!r.ok) assert.fail(r.error);
    const inventory: LoadedInventory = r.value;
    const home = tempDir();
    const ws = tempDir();
    const servers: Record<string, unknown> = {
      'weather-listed': { command: 'npx', args: ['-y', '@acme/weather-mcp@1.2.0'] },
      'weather-other': { command: 'npx', args: ['-y', '@acme/weather-mcp@1.1.9'] },
      'fetch-listed': { command: 'uvx', args: ['acme-fetch==0.6.1'] },
      'fetch-other': { command: 'uvx', args: ['acme-fetch==0.7.0'] },
      'tools-listed': { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/acme/tools-mcp:1.4.0'] },
      'tools-other': { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/acme/tools-mcp:1.3.0'] },
      'notes-tenant': { url: 'https://eu.notes.acme.example/mcp' },
      'notes-sse': { url: 'https://notes.acme.example/sse' },
      old: { command: 'npx', args: ['-y', 'old-thing-mcp@0.9.0'] },
      gone: { command: 'npx', args: ['-y', 'gone-thing-mcp@1.0.0'] },
    };
    writeTree(ws, { '.cursor/mcp.json': JSON.stringify({ mcpServers: servers }, null, 2) });
    const result = await scan({ home, platform: 'linux', workspaces: [ws], env: {}, inventory, clients: ['cursor'] });
    assert.deepEqual(
      // inventory findings only: the static security rules have tests of their own
      result.servers.map((s) => [s.name, s.verdict, s.inventoryId, s.findings.filter((f) => !SERVER_RULES.some((r) => r.id === f.rule)).map((f) => `${f.rule}/${f.severity}`)]),
      [
        ['weather-listed', 'approved', 'io.github.acme/weather', []],
        ['weather-other', 'unknown', 'io.github.acme/weather', ['unapproved-version/warning']],
        ['fetch-listed', 'approved', 'io.github.acme/fetch', []],
        ['fetch-other', 'unknown', 'io.github.acme/fetch', ['unapproved-version/warning']],
        ['tools-listed', 'approved', 'io.github.acme/tools', []],
        ['tools-other', 'unknown', 'io.github.acme/tools', ['unapproved-version/warning']],
        ['notes-tenant', 'approved', 'com.acme/notes', []],
        ['notes-sse', 'approved', 'com.acme/notes', []],
        ['old', 'deprecated', 'io.github.old/thing', ['deprecated-mcp/warning']],
        ['gone', 'unknown', null, ['shadow-mcp/warning']],
      ],
    );
    const other = result.servers.find((s) => s.name === 'weather-other')!;
    assert.equal(other.findings[0].message, '"weather-other" runs @acme/weather-mcp@1.1.9, but the inventory approves "Weather" only at versions 1.2.0.');
    const fetchOther = result.servers.find((s) => s.name === 'fetch-other')!;
    assert.equal(fetchOther.findings[0].message, '"fetch-other" runs acme-fetch==0.7.0, but the inventory approves "io.github.acme/fetch" only at versions ==0.6.1.');
  });
});
