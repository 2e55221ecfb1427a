// Organization policy: layers and their origins, the managed policy file (per OS, under MCPG_SYSTEM_ROOT), and
// what policy does to checked servers (gateway requirement, enforcement, severities, stale-inventory notes).
import * as assert from 'node:assert/strict';
import { SERVER_RULES } from '../../src/core/rules';
import * as path from 'node:path';
import { tempDir, writeTree } from '../helpers';
import { envWithoutProxy, startLoopback } from '../loopback';
import { writeCache } from '../../src/core/inventory/cache';
import { parseInventory, type LoadedInventory } from '../../src/core/inventory/load';
import { loadInventorySource } from '../../src/core/inventory/sources';
import { DEFAULT_POLICY, managedPolicyPath, readPolicyFile, resolvePolicy } from '../../src/core/policy/policy';
import { LENIENT_POLICY, type PolicyForChecks } from '../../src/core/policy/apply';
import { scan } from '../../src/core/scan';

const INVENTORY = {
  schemaVersion: 1,
  organization: 'Acme',
  gateway: { url: 'https://mcp.acme.example/gw/' },
  servers: [
    { id: 'github', title: 'GitHub', status: 'approved', match: { urls: ['https://api.githubcopilot.com/mcp/**'] }, gatewayUrl: 'https://mcp.acme.example/gw/github/mcp' },
    { id: 'memory', title: 'Memory', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-memory' }] }, gatewayUrl: 'https://mcp.acme.example/gw/memory/mcp' },
    { id: 'git', title: 'Git', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'mcp-server-git' }] } },
    { id: 'notion', title: 'Notion', status: 'pending', match: { urls: ['https://mcp.notion.com/mcp'] }, gatewayUrl: 'https://mcp.acme.example/gw/notion/mcp' },
  ],
};
const TEXT = JSON.stringify(INVENTORY, null, 2);

/** The servers of one workspace, in this order. */
const SERVERS = {
  'github-direct': { url: 'https://api.githubcopilot.com/mcp/' },
  'github-gateway': { url: 'https://mcp.acme.example/gw/github/mcp' },
  'github-off': { url: 'https://api.githubcopilot.com/mcp/', disabled: true },
  memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
  git: { command: 'uvx', args: ['mcp-server-git'] },
  notion: { url: 'https://mcp.notion.com/mcp' },
  shadow: { command: 'npx', args: ['-y', 'some-unknown-mcp'] },
  'shadow-off': { command: 'npx', args: ['-y', 'other-unknown-mcp'], disabled: true },
};

function inventory(): LoadedInventory {
  const r = parseInventory(TEXT, 'inv.json');
  if (!r.ok) assert.fail(r.error);
  return r.value;
}

async function check(policy: PolicyForChecks, inv: LoadedInventory = inventory()) {
  const ws = tempDir();
  writeTree(ws, { '.cursor/mcp.json': JSON.stringify({ mcpServers: SERVERS }, null, 2) });
  const result = await scan({ home: tempDir(), platform: 'linux', workspaces: [ws], env: {}, inventory: inv, policy, clients: ['cursor'] });
  return result.servers;
}

/** name → "rule/severity" list */
/** Inventory and policy findings only: the static security rules (e.g. unpinned-package) have tests of their own. */
const STATIC_RULES = new Set(SERVER_RULES.map((r) => r.id));

function findings(servers: Awaited<ReturnType<typeof check>>): Record<string, string[]> {
  return Object.fromEntries(servers.map((s) => [s.name, s.findings.filter((f) => !STATIC_RULES.has(f.rule)).map((f) => `${f.rule}/${f.severity}`)]));
}

describe('policy layers', () => {
  it('defaults, each with origin "default"', () => {
    const p = resolvePolicy([]);
    assert.deepEqual(p, {
      inventorySource: { value: 'builtin', origin: 'default' },
      refreshMinutes: { value: 60, origin: 'default' },
      staleAfterDays: { value: 7, origin: 'default' },
      tokenEnv: { value: 'MCPG_INVENTORY_TOKEN', origin: 'default' },
      caFile: { value: null, origin: 'default' },
      trustedKeys: { value: [], origin: 'default' },
      requireGateway: { value: false, origin: 'default' },
      enforcement: { value: 'warn', origin: 'default' },
      severities: { value: {}, origin: 'default' },
      docsBaseUrl: { value: 'https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/', origin: 'default' },
      trustSignals: { value: false, origin: 'default' },
      npmRegistry: { value: 'https://registry.npmjs.org', origin: 'default' },
      pypiRegistry: { value: 'https://pypi.org', origin: 'default' },
    });
    assert.equal(DEFAULT_POLICY.inventory?.staleAfterDays, 7);
  });

  it('the first layer that sets a value wins, and says where it came from', () => {
    const p = resolvePolicy([
      { origin: 'command line', values: { inventory: { source: '/srv/inv.json' } } },
      {
        origin: 'policy file /etc/mcp-gatekeeper/policy.json',
        values: {
          inventory: { source: 'https://inventory.acme.example/mcp.json', staleAfterDays: 3, tokenEnv: 'ACME_TOKEN' },
          trustedKeys: ['MCowBQYDK2VwAyEA'],
          requireGateway: true,
          enforcement: 'error',
          severities: { 'shadow-mcp': 'error' },
          trustSignals: { npmRegistry: 'https://npm.acme.example' },
        },
      },
      { origin: 'user settings', values: { inventory: { refreshMinutes: 15, staleAfterDays: 30 }, requireGateway: false, enforcement: 'warn', trustSignals: { enabled: true, npmRegistry: 'https://registry.npmjs.org' } } },
    ]);
    const flat = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, [v.value, v.origin]]));
    assert.deepEqual(flat, {
      inventorySource: ['/srv/inv.json', 'command line'],
      refreshMinutes: [15, 'user settings'],
      staleAfterDays: [3, 'policy file /etc/mcp-gatekeeper/policy.json'],
      tokenEnv: ['ACME_TOKEN', 'policy file /etc/mcp-gatekeeper/policy.json'],
      caFile: [null, 'default'],
      trustedKeys: [['MCowBQYDK2VwAyEA'], 'policy file /etc/mcp-gatekeeper/policy.json'],
      requireGateway: [true, 'policy file /etc/mcp-gatekeeper/policy.json'],
      enforcement: ['error', 'policy file /etc/mcp-gatekeeper/policy.json'],
      severities: [{ 'shadow-mcp': 'error' }, 'policy file /etc/mcp-gatekeeper/policy.json'],
      docsBaseUrl: ['https://github.com/mcp-gatekeeper/mcp-gatekeeper/blob/main/docs/rules/', 'default'],
      trustSignals: [true, 'user settings'],
      npmRegistry: ['https://npm.acme.example', 'policy file /etc/mcp-gatekeeper/policy.json'],
      pypiRegistry: ['https://pypi.org', 'default'],
    });
  });

  it('an empty key list or severity map does not hide a weaker layer; false does', () => {
    const p = resolvePolicy([
      { origin: 'a', values: { trustedKeys: [], severities: {}, requireGateway: false } },
      { origin: 'b', values: { trustedKeys: ['k'], severities: { 'pending-mcp': 'info' }, requireGateway: true } },
    ]);
    assert.deepEqual([p.trustedKeys, p.severities, p.requireGateway], [
      { value: ['k'], origin: 'b' },
      { value: { 'pending-mcp': 'info' }, origin: 'b' },
      { value: false, origin: 'a' },
    ]);
  });
});

describe('policy files', () => {
  it('where the managed file lives on each OS, and under MCPG_SYSTEM_ROOT', () => {
    const root = tempDir();
    const at = (platform: 'linux' | 'darwin' | 'win32', env: Record<string, string> = {}) => managedPolicyPath({ platform, env, home: '/home/u', workspaces: [] });
    assert.equal(at('linux'), '/etc/mcp-gatekeeper/policy.json');
    assert.equal(at('darwin'), '/Library/Application Support/MCP Gatekeeper/policy.json');
    assert.equal(at('win32'), 'C:\\ProgramData\\MCP Gatekeeper\\policy.json');
    assert.equal(at('linux', { MCPG_SYSTEM_ROOT: root }), path.join(root, 'etc', 'mcp-gatekeeper', 'policy.json'));
    assert.equal(at('darwin', { MCPG_SYSTEM_ROOT: root }), path.join(root, 'Library', 'Application Support', 'MCP Gatekeeper', 'policy.json'));
    assert.equal(at('win32', { MCPG_SYSTEM_ROOT: root }), path.join(root, 'ProgramData', 'MCP Gatekeeper', 'policy.json'));
  });

  it('reads a policy (comments allowed); relative paths are relative to the file', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'policy.json': `// deployed by IT
{
  "inventory": { "source": "inventory/", "caFile": "certs/acme-ca.pem", "staleAfterDays": 2 },
  "requireGateway": true,
  "enforcement": "error",
  "severities": { "shadow-mcp": "error", "inventory-stale": "warning" },
  "x-owner": "platform-security" // extra fields are kept
}`,
      'url.json': '{ "inventory": { "source": "https://inventory.acme.example/mcp.json" } }',
      'builtin.json': '{ "inventory": { "source": "builtin" } }',
    });
    const file = path.join(dir, 'policy.json');
    const r = await readPolicyFile(file);
    assert.deepEqual(r, {
      kind: 'ok',
      layer: {
        origin: `policy file ${file}`,
        values: {
          inventory: { source: path.join(dir, 'inventory'), caFile: path.join(dir, 'certs', 'acme-ca.pem'), staleAfterDays: 2 },
          requireGateway: true,
          enforcement: 'error',
          severities: { 'shadow-mcp': 'error', 'inventory-stale': 'warning' },
          'x-owner': 'platform-security',
        },
      },
    });
    const url = await readPolicyFile(path.join(dir, 'url.json'));
    assert.equal(url.kind === 'ok' ? url.layer.values.inventory?.source : '', 'https://inventory.acme.example/mcp.json');
    const builtin = await readPolicyFile(path.join(dir, 'builtin.json'));
    assert.equal(builtin.kind === 'ok' ? builtin.layer.values.inventory?.source : '', 'builtin');
  });

  it('an absent file is absent; a broken one is an error naming the file and field', async () => {
    const dir = tempDir();
    assert.deepEqual(await readPolicyFile(path.join(dir, 'none.json')), { kind: 'absent' });
    writeTree(dir, {
      'enforcement.json': '{ "enforcement": "strict" }',
      'token.json': '{ "inventory": { "tokenEnv": "MY TOKEN" } }',
      'stale.json': '{ "inventory": { "staleAfterDays": 0 } }',
      'severity.json': '{ "severities": { "shadow-mcp": "fatal" } }',
      'syntax.json': '{ "enforcement": "error",, }',
    });
    const err = async (name: string) => {
      const r = await readPolicyFile(path.join(dir, name));
      assert.equal(r.kind, 'error', name);
      return r.kind === 'error' ? r.message.slice(path.join(dir, name).length) : '';
    };
    assert.equal(await err('enforcement.json'), ': invalid policy: enforcement: Invalid option: expected one of "warn"|"error"');
    assert.equal(await err('token.json'), ': invalid policy: inventory.tokenEnv: must be an environment variable name');
    assert.equal(await err('stale.json'), ': invalid policy: inventory.staleAfterDays: Too small: expected number to be >0');
    assert.equal(await err('severity.json'), ': invalid policy: severities.shadow-mcp: Invalid option: expected one of "error"|"warning"|"info"');
    assert.match(await err('syntax.json'), /^: invalid JSON: .+ at line 1, column \d+$/);
    assert.deepEqual(await readPolicyFile(dir), { kind: 'error', message: `${dir}: is a directory, not a file` });
  });
});

describe('policy applied to checked servers', () => {
  it('lenient policy: verdict findings only', async () => {
    assert.deepEqual(findings(await check(LENIENT_POLICY)), {
      'github-direct': [],
      'github-gateway': [],
      'github-off': [],
      memory: [],
      git: [],
      notion: ['pending-mcp/warning'],
      shadow: ['shadow-mcp/warning'],
      'shadow-off': ['shadow-mcp/info'],
    });
  });

  it('requireGateway: a direct connection to an approved entry with a gatewayUrl bypasses the gateway; its gateway URL does not', async () => {
    const servers = await check({ ...LENIENT_POLICY, requireGateway: true });
    assert.deepEqual(findings(servers), {
      'github-direct': ['bypasses-gateway/warning'],
      'github-gateway': [],
      'github-off': ['bypasses-gateway/info'],
      memory: ['bypasses-gateway/warning'], // a local package is "direct" too
      git: [], // no gateway route for this entry
      notion: ['pending-mcp/warning'], // not approved: the verdict says enough
      shadow: ['shadow-mcp/warning'],
      'shadow-off': ['shadow-mcp/info'],
    });
    const byName = Object.fromEntries(servers.map((s) => [s.name, s]));
    assert.equal(byName['github-gateway'].verdict, 'approved');
    assert.equal(byName['github-gateway'].inventoryId, 'github');
    assert.equal(byName['github-direct'].findings.find((f) => f.rule === 'bypasses-gateway')!.message, '"github-direct" reaches "GitHub" directly; the organization requires its gateway route https://mcp.acme.example/gw/github/mcp.');
  });

  it('enforcement "error" turns warnings into errors; disabled entries stay info', async () => {
    assert.deepEqual(findings(await check({ requireGateway: true, enforcement: 'error', severities: {} })), {
      'github-direct': ['bypasses-gateway/error'],
      'github-gateway': [],
      'github-off': ['bypasses-gateway/info'],
      memory: ['bypasses-gateway/error'],
      git: [],
      notion: ['pending-mcp/error'],
      shadow: ['shadow-mcp/error'],
      'shadow-off': ['shadow-mcp/info'],
    });
  });

  it('per-rule severities override the enforcement level, except for disabled entries', async () => {
    assert.deepEqual(findings(await check({ requireGateway: true, enforcement: 'error', severities: { 'shadow-mcp': 'info', 'bypasses-gateway': 'warning' } })), {
      'github-direct': ['bypasses-gateway/warning'],
      'github-gateway': [],
      'github-off': ['bypasses-gateway/info'],
      memory: ['bypasses-gateway/warning'],
      git: [],
      notion: ['pending-mcp/error'],
      shadow: ['shadow-mcp/info'],
      'shadow-off': ['shadow-mcp/info'],
    });
    assert.deepEqual(findings(await check({ ...LENIENT_POLICY, severities: { 'pending-mcp': 'error', 'shadow-mcp': 'error' } })), {
      'github-direct': [],
      'github-gateway': [],
      'github-off': [],
      memory: [],
      git: [],
      notion: ['pending-mcp/error'],
      shadow: ['shadow-mcp/error'],
      'shadow-off': ['shadow-mcp/info'],
    });
  });

  it('a stale cached inventory adds an "inventory-stale" note to approved servers only', async () => {
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (!(k in envWithoutProxy())) delete process.env[k];
    const srv = await startLoopback((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('maintenance');
    });
    try {
      const url = `${srv.origin}/inventory.json`;
      const cacheDir = tempDir();
      const fetchedAt = '2026-02-01T08:00:00.000Z';
      await writeCache(cacheDir, { source: url, fetchedAt, etag: null, lastModified: null, body: TEXT });
      const r = await loadInventorySource(url, { cacheDir, now: () => new Date('2026-02-20T08:00:00.000Z') });
      if (!r.ok) assert.fail(r.error);
      assert.deepEqual([r.value.fromCache, r.value.stale, r.value.fetchedAt, r.value.error], [true, true, fetchedAt, `${url}: HTTP 503: maintenance`]);

      const servers = await check({ requireGateway: false, enforcement: 'error', severities: {} }, r.value);
      assert.deepEqual(findings(servers), {
        'github-direct': ['inventory-stale/info'],
        'github-gateway': ['inventory-stale/info'],
        'github-off': ['inventory-stale/info'],
        memory: ['inventory-stale/info'],
        git: ['inventory-stale/info'],
        notion: ['pending-mcp/error'],
        shadow: ['shadow-mcp/error'],
        'shadow-off': ['shadow-mcp/info'],
      });
      assert.equal(
        servers.find((s) => s.name === 'git')!.findings.find((f) => f.rule === 'inventory-stale')!.message,
        `Approval of "git" could not be refreshed: the inventory in force was fetched ${fetchedAt} and its source is failing (${url}: HTTP 503: maintenance).`,
      );
      // a policy may raise it
      const raised = await check({ ...LENIENT_POLICY, severities: { 'inventory-stale': 'warning' } }, r.value);
      assert.deepEqual(findings(raised).git, ['inventory-stale/warning']);

      // a fresh fallback (within staleAfterDays) adds nothing
      const fresh = await loadInventorySource(url, { cacheDir, now: () => new Date('2026-02-03T08:00:00.000Z') });
      if (!fresh.ok) assert.fail(fresh.error);
      assert.equal(fresh.value.stale, false);
      assert.deepEqual(findings(await check(LENIENT_POLICY, fresh.value)).git, []);
    } finally {
      await srv.close();
      Object.assign(process.env, saved);
    }
  });
});
