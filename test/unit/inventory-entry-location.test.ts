// Where inventory entries are written (a local file or folder), and inventory-verdict findings pointing at them.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { locateInventoryEntries, withInventoryEntryRelated } from '../../src/core/inventory/entryLocation';
import { parseInventory } from '../../src/core/inventory/load';
import { Checker } from '../../src/core/checker';
import { analyzeText } from '../../src/core/scan';
import type { ConfigLocation } from '../../src/core/model';
import { tempDir, writeTree } from '../helpers';

const INVENTORY = `{
  // Acme's MCP inventory
  "schemaVersion": 1,
  "organization": "Acme",
  "gateway": { "url": "https://mcp.acme.example/gw/" },
  "servers": [
    { "id": "github", "title": "GitHub", "status": "approved",
      "match": { "urls": ["https://api.githubcopilot.com/mcp/**"] }, "gatewayUrl": "https://mcp.acme.example/gw/github/mcp" },
    {
      "title": "Notion",
      "id": "notion",
      "status": "pending",
      "match": { "urls": ["https://mcp.notion.com/mcp"] }
    },
    { "id": "slack-community", "status": "rejected", "reason": "Stores history off-site",
      "match": { "packages": [{ "ecosystem": "npm", "name": "slack-mcp-community" }] } },
    { "id": "fs", "title": "Filesystem", "status": "approved",
      "match": { "packages": [{ "ecosystem": "npm", "name": "@modelcontextprotocol/server-filesystem", "versions": ">=2025.7.0" }] } }
  ]
}
`;

const CONFIG = JSON.stringify(
  {
    mcpServers: {
      notion: { url: 'https://mcp.notion.com/mcp' },
      slack: { command: 'npx', args: ['-y', 'slack-mcp-community'] },
      files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.1.0', '/home/me/project'] },
      github: { url: 'https://api.githubcopilot.com/mcp/' },
      shadow: { command: 'npx', args: ['-y', 'some-unknown-mcp@1.0.0'] },
    },
  },
  null,
  2,
);

describe('inventory entry locations', () => {
  it('finds each entry\'s "id" property in a file inventory (comments, any key order)', async () => {
    const dir = tempDir();
    writeTree(dir, { 'inventory.json': INVENTORY });
    const file = path.join(dir, 'inventory.json');
    const found = await locateInventoryEntries(file);
    assert.deepEqual(
      [...found].map(([id, where]) => [id, where.file === file, where.range.start.line, where.range.start.character, where.range.end.character]),
      [
        ['github', true, 6, 6, 20],
        ['notion', true, 10, 6, 20],
        ['slack-community', true, 14, 6, 29],
        ['fs', true, 16, 6, 16],
      ],
    );
  });

  it('a folder: entries of later files replace same-id entries of earlier ones, as the inventory is merged', async () => {
    const dir = tempDir();
    writeTree(dir, {
      '10-base.json': '{ "schemaVersion": 1, "servers": [\n  { "id": "github", "status": "approved", "match": {} },\n  { "id": "notion", "status": "approved", "match": {} }\n] }',
      '20-overrides.json': '{ "schemaVersion": 1, "servers": [\n\n  { "id": "notion", "status": "pending", "match": {} }\n] }',
      'notes.txt': '{ "servers": [{ "id": "txt" }] }',
    });
    const found = await locateInventoryEntries(dir);
    assert.deepEqual(
      [...found].map(([id, w]) => [id, path.basename(w.file), w.range.start.line]),
      [
        ['github', '10-base.json', 1],
        ['notion', '20-overrides.json', 2],
      ],
    );
  });

  it('nothing for URL, bundled, missing or unreadable inventories', async () => {
    const dir = tempDir();
    writeTree(dir, { 'broken.json': '{ "servers": [ { "id": ', 'registry.json': '{ "servers": [{ "server": { "name": "io.github.x/y" } }] }' });
    for (const source of ['https://mcp.acme.example/inventory.json', 'http://127.0.0.1:8080/inv.json', 'builtin', 'builtin:examples/inventory.json', path.join(dir, 'missing.json'), path.join(dir, 'broken.json'), path.join(dir, 'registry.json')]) {
      assert.equal((await locateInventoryEntries(source)).size, 0, source);
    }
  });

  it('inventory-verdict findings get related information pointing at the entry; other findings and servers do not', async () => {
    const dir = tempDir();
    writeTree(dir, { 'inventory.json': INVENTORY });
    const file = path.join(dir, 'inventory.json');
    const inv = parseInventory(INVENTORY, file);
    if (!inv.ok) assert.fail(inv.error);
    const checker = new Checker(inv.value, { requireGateway: true, enforcement: 'warn', severities: {} });
    const location: ConfigLocation = { path: '/home/me/.cursor/mcp.json', client: 'cursor', scope: 'user', format: 'json' };
    const entries = await locateInventoryEntries(file);
    const servers = analyzeText(CONFIG, location, checker).servers.map((s) =>
      withInventoryEntryRelated(s, (id) => entries.get(id), s.inventoryId ? checker.index.byId.get(s.inventoryId)?.title : undefined),
    );
    const related = Object.fromEntries(servers.map((s) => [s.name, s.findings.map((f) => [f.rule, (f.related ?? []).map((r) => `${path.basename(r.file)}:${r.range.start.line + 1} ${r.message}`)])]));
    assert.deepEqual(related, {
      notion: [['pending-mcp', ['inventory.json:11 Inventory entry "Notion" (notion) in inventory.json']]],
      slack: [
        ['rejected-mcp', ['inventory.json:15 Inventory entry "slack-community" in inventory.json']],
        ['unpinned-package', []],
      ],
      files: [['unapproved-version', ['inventory.json:17 Inventory entry "Filesystem" (fs) in inventory.json']]],
      github: [['bypasses-gateway', ['inventory.json:7 Inventory entry "GitHub" (github) in inventory.json']]],
      shadow: [['shadow-mcp', []]],
    });
    // without a location (a URL inventory) nothing changes: the very same objects come back
    const plain = analyzeText(CONFIG, location, checker).servers;
    assert.ok(plain.every((s) => withInventoryEntryRelated(s, () => undefined) === s));
  });
});
