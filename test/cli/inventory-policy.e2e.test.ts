// End-to-end: the real CLI bundle with remote inventories (loopback servers only), the cache, organization policy
// files and signed inventories. Every run gets a temporary --home, --cache-dir and --system-root, so nothing reads
// or writes the real user folders or this machine's /etc. The CLI runs asynchronously: the servers live in this
// process and must keep answering while it runs.
import * as assert from 'node:assert/strict';
import { SERVER_RULES } from '../../src/core/rules';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, tempDir, writeTree } from '../helpers';
import { makeTestCa, runCliAsync, startLoopback, type Handler, type LoopbackServer } from '../loopback';
import { writeCache } from '../../src/core/inventory/cache';

function run(args: string[], env: Record<string, string> = {}) {
  return runCliAsync(CLI, args, env);
}

const INVENTORY = {
  schemaVersion: 1,
  organization: 'Acme',
  gateway: { url: 'https://mcp.acme.example/gw/' },
  servers: [
    { id: 'github', title: 'GitHub', status: 'approved', match: { urls: ['https://api.githubcopilot.com/mcp/**'] }, gatewayUrl: 'https://mcp.acme.example/gw/github/mcp' },
    { id: 'git', title: 'Git', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'mcp-server-git' }] } },
  ],
};
const TEXT = `${JSON.stringify(INVENTORY, null, 2)}\n`;

/** A machine: empty home and system root, one workspace with three servers. */
function machine(servers: Record<string, unknown> = { 'github-direct': { url: 'https://api.githubcopilot.com/mcp/' }, 'github-gateway': { url: 'https://mcp.acme.example/gw/github/mcp' }, git: { command: 'uvx', args: ['mcp-server-git'] } }) {
  const home = tempDir();
  const root = tempDir();
  const ws = tempDir();
  const cache = tempDir();
  writeTree(ws, { '.cursor/mcp.json': JSON.stringify({ mcpServers: servers }, null, 2) });
  const args = ['--home', home, '--system-root', root, '--platform', 'linux', '--workspace', ws, '--client', 'cursor', '--cache-dir', cache];
  return { home, root, ws, cache, args };
}

interface JsonServer {
  name: string;
  verdict: string;
  findings: { rule: string; severity: string; message: string }[];
}
const byName = (stdout: string): Record<string, JsonServer> => Object.fromEntries((JSON.parse(stdout).servers as JsonServer[]).map((s) => [s.name, s]));
/** inventory and policy findings per server (the static security rules are tested on their own) */
const STATIC_RULES = new Set<string>(SERVER_RULES.map((r) => r.id));
const rules = (stdout: string) => Object.fromEntries(Object.entries(byName(stdout)).map(([n, s]) => [n, s.findings.filter((f) => !STATIC_RULES.has(f.rule)).map((f) => `${f.rule}/${f.severity}`)]));

const servers: LoopbackServer[] = [];
async function serve(handler: Handler, options?: Parameters<typeof startLoopback>[1]): Promise<LoopbackServer> {
  const s = await startLoopback(handler, options);
  servers.push(s);
  return s;
}
describe('mcp-gatekeeper inventory and policy (CLI)', () => {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  describe('mcp-gatekeeper with a remote inventory (CLI)', () => {
    it('reports where the inventory came from, then falls back to the cached copy when the source fails', async () => {
      let status = 200;
      const srv = await serve((req, res) => {
        if (status !== 200) {
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end('upstream down');
        } else if (req.headers['if-none-match'] === '"abc"') {
          res.writeHead(304);
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'application/json', etag: '"abc"' });
          res.end(TEXT);
        }
      });
      const url = `${srv.origin}/inventory.json`;
      const m = machine();
      const before = Date.now();
      const first = await run(['scan', ...m.args, '--inventory', url, '--format', 'json']);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stderr, '');
      const inv = JSON.parse(first.stdout).inventory;
      assert.deepEqual({ ...inv, fetchedAt: null }, { source: url, organization: 'Acme', servers: 2, fetchedAt: null, fromCache: false, stale: false, error: null });
      assert.ok(Date.parse(inv.fetchedAt) >= before - 1000 && Date.parse(inv.fetchedAt) <= Date.now() + 1000, inv.fetchedAt);
      assert.equal(fs.readdirSync(m.cache).filter((n) => n.startsWith('inventory-')).length, 1);

      // unchanged: the server answers 304 and the cached body is used, as a live copy
      const second = await run(['scan', ...m.args, '--inventory', url, '--format', 'json']);
      assert.equal(srv.requests[1].headers['if-none-match'], '"abc"');
      assert.deepEqual([JSON.parse(second.stdout).inventory.fromCache, JSON.parse(second.stdout).inventory.error], [false, null]);
      const secondFetchedAt = JSON.parse(second.stdout).inventory.fetchedAt;

      status = 500;
      const [fallback, noCache] = await Promise.all([
        run(['scan', ...m.args, '--inventory', url, '--format', 'json']),
        run(['scan', ...m.args, '--cache-dir', tempDir(), '--inventory', url, '--format', 'json']),
      ]);
      assert.equal(fallback.code, 0, fallback.stderr);
      assert.deepEqual(JSON.parse(fallback.stdout).inventory, { source: url, organization: 'Acme', servers: 2, fetchedAt: secondFetchedAt, fromCache: true, stale: false, error: `${url}: HTTP 500: upstream down` });
      assert.equal(fallback.stderr, `mcp-gatekeeper: warning: using the cached inventory from ${secondFetchedAt}: ${url}: HTTP 500: upstream down\n`);
      // the last --cache-dir wins: an empty cache, so there is nothing to fall back to
      assert.equal(noCache.code, 2);
      assert.equal(noCache.stdout, '');
      assert.equal(noCache.stderr, `mcp-gatekeeper: ${url}: HTTP 500: upstream down\n`);
    });

    it('an old cached copy is stale: approved servers get an inventory-stale note', async () => {
      const srv = await serve((_req, res) => {
        res.writeHead(503);
        res.end();
      });
      const url = `${srv.origin}/inventory.json`;
      const m = machine();
      const fetchedAt = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString();
      await writeCache(m.cache, { source: url, fetchedAt, etag: null, lastModified: null, body: TEXT });
      const r = await run(['scan', ...m.args, '--inventory', url, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).inventory, { source: url, organization: 'Acme', servers: 2, fetchedAt, fromCache: true, stale: true, error: `${url}: HTTP 503` });
      assert.deepEqual(rules(r.stdout), { 'github-direct': ['inventory-stale/info'], 'github-gateway': ['inventory-stale/info'], git: ['inventory-stale/info'] });
      assert.equal(byName(r.stdout).git.findings.find((f: { rule: string }) => f.rule === 'inventory-stale')!.message, `Approval of "git" could not be refreshed: the inventory in force was fetched ${fetchedAt} and its source is failing (${url}: HTTP 503).`);
    });

    it('HTTPS with an organization CA: trusted with --ca-file or the policy\'s caFile, refused without', async function () {
      this.timeout(20_000);
      const ca = makeTestCa(tempDir('mcpg-ca-'));
      const srv = await serve(
        (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(TEXT);
        },
        { tls: ca },
      );
      const url = `${srv.origin}/inventory.json`;
      const m = machine();
      // the CA named by the managed policy (as IT would deploy it) or by --ca-file
      writeTree(m.root, { 'etc/mcp-gatekeeper/policy.json': JSON.stringify({ inventory: { source: url, caFile: ca.caFile } }) });
      // --ca-file adds to the CAs Node trusts, including those of NODE_EXTRA_CA_CERTS (here: the server's CA), not replaces them
      const otherCa = makeTestCa(tempDir('mcpg-ca-'));
      const [fromPolicy, trusted, extraKept, refused] = await Promise.all([
        run(['scan', ...m.args, '--format', 'json']),
        run(['scan', ...machine().args, '--inventory', url, '--ca-file', ca.caFile, '--format', 'json']),
        run(['scan', ...machine().args, '--inventory', url, '--ca-file', otherCa.caFile, '--format', 'json'], { NODE_EXTRA_CA_CERTS: ca.caFile }),
        run(['scan', ...machine().args, '--inventory', url, '--format', 'json']),
      ]);
      assert.equal(fromPolicy.code, 0, fromPolicy.stderr);
      assert.equal(JSON.parse(fromPolicy.stdout).inventory.source, url);
      assert.equal(trusted.code, 0, trusted.stderr);
      assert.equal(JSON.parse(trusted.stdout).inventory.source, url);
      assert.equal(extraKept.code, 0, extraKept.stderr);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, new RegExp(`^mcp-gatekeeper: ${esc(url)}: TLS certificate not trusted \\([A-Z_]+\\); add the organization's CA certificate\\n$`));
    });

    it('sends the bearer token from the variable the policy names, never printing it', async () => {
      const srv = await serve((req, res) => {
        if (req.headers.authorization !== 'Bearer inv-t0ken-123') {
          res.writeHead(401, { 'content-type': 'text/plain' });
          res.end('unauthorized');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(TEXT);
        }
      });
      const url = `${srv.origin}/inventory.json`;
      const m = machine();
      const policy = path.join(tempDir(), 'policy.json');
      fs.writeFileSync(policy, JSON.stringify({ inventory: { source: url, tokenEnv: 'ACME_INVENTORY_TOKEN' } }));
      const [ok, wrongVar] = await Promise.all([
        run(['scan', ...m.args, '--policy', policy, '--format', 'json'], { ACME_INVENTORY_TOKEN: 'inv-t0ken-123' }),
        run(['scan', ...m.args, '--cache-dir', tempDir(), '--policy', policy, '--format', 'json'], { MCPG_INVENTORY_TOKEN: 'inv-t0ken-123' }),
      ]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).inventory.source, url);
      assert.equal(wrongVar.code, 2);
      assert.equal(wrongVar.stderr, `mcp-gatekeeper: ${url}: HTTP 401: unauthorized\n`);
      for (const r of [ok, wrongVar]) assert.ok(!`${r.stdout}${r.stderr}`.includes('inv-t0ken-123'), 'token printed');
    });

    it('a folder inventory works from the command line', async () => {
      const m = machine();
      const dir = tempDir();
      writeTree(dir, {
        '10-base.json': JSON.stringify({ schemaVersion: 1, organization: 'Acme', gateway: INVENTORY.gateway, servers: [INVENTORY.servers[1]] }),
        '20-github.json': JSON.stringify({ schemaVersion: 1, organization: 'Acme Dev', servers: [INVENTORY.servers[0]] }),
      });
      const folder = await run(['scan', ...m.args, '--inventory', dir, '--format', 'json']);
      assert.equal(folder.code, 0, folder.stderr);
      assert.deepEqual({ ...JSON.parse(folder.stdout).inventory, fetchedAt: null }, { source: dir, organization: 'Acme Dev', servers: 2, fetchedAt: null, fromCache: false, stale: false, error: null });
      assert.deepEqual(Object.values(byName(folder.stdout)).map((s) => [s.name, s.verdict]), [
        ['github-direct', 'approved'],
        ['github-gateway', 'approved'],
        ['git', 'approved'],
      ]);
    });
  });

  describe('mcp-gatekeeper policy (CLI)', () => {
    it('prints the effective policy with origins, from --policy or the managed file under --system-root', async () => {
      const m = machine();
      const policyDir = tempDir();
      const policy = path.join(policyDir, 'policy.json');
      fs.writeFileSync(policy, JSON.stringify({ inventory: { source: 'inventory.json', staleAfterDays: 3 }, requireGateway: true, enforcement: 'error', trustedKeys: ['a', 'b'], docsBaseUrl: 'https://wiki.acme.example/mcp/rules/{id}' }));
      writeTree(m.root, { 'Library/Application Support/MCP Gatekeeper/policy.json': JSON.stringify({ enforcement: 'error', severities: { 'shadow-mcp': 'info' } }) });
      const managed = path.join(m.root, 'Library', 'Application Support', 'MCP Gatekeeper', 'policy.json');
      const [json, table] = await Promise.all([
        // where help links point is the organization's call: the policy file's docsBaseUrl wins over the flag
        run(['policy', ...m.args, '--policy', policy, '--inventory', 'https://inventory.acme.example/x.json', '--docs-base-url', 'https://docs.team.example/rules/', '--format', 'json']),
        run(['policy', ...m.args, '--platform', 'darwin', '--docs-base-url', 'https://docs.team.example/rules/']),
      ]);
      assert.equal(json.code, 0, json.stderr);
      const origin = `policy file ${policy}`;
      assert.deepEqual(JSON.parse(json.stdout), {
        policyFile: policy,
        values: {
          inventorySource: { value: 'https://inventory.acme.example/x.json', origin: 'command line' },
          refreshMinutes: { value: 60, origin: 'default' },
          staleAfterDays: { value: 3, origin },
          tokenEnv: { value: 'MCPG_INVENTORY_TOKEN', origin: 'default' },
          caFile: { value: null, origin: 'default' },
          trustedKeys: { value: ['a', 'b'], origin },
          requireGateway: { value: true, origin },
          enforcement: { value: 'error', origin },
          severities: { value: {}, origin: 'default' },
          docsBaseUrl: { value: 'https://wiki.acme.example/mcp/rules/{id}', origin },
          trustSignals: { value: false, origin: 'default' },
          npmRegistry: { value: 'https://registry.npmjs.org', origin: 'default' },
          pypiRegistry: { value: 'https://pypi.org', origin: 'default' },
        },
      });
      assert.equal(table.code, 0, table.stderr);
      const lines = table.stdout.split('\n');
      assert.equal(lines[0], `Managed policy file: ${managed}`);
      assert.match(table.stdout, new RegExp(`^enforcement\\s+error\\s+\\(policy file ${esc(managed)}\\)$`, 'm'));
      assert.match(table.stdout, new RegExp(`^severities\\s+\\{"shadow-mcp":"info"\\}\\s+\\(policy file ${esc(managed)}\\)$`, 'm'));
      assert.match(table.stdout, /^inventorySource\s+builtin\s+\(default\)$/m);
      assert.match(table.stdout, /^trustedKeys\s+none\s+\(default\)$/m);
      assert.match(table.stdout, /^docsBaseUrl\s+https:\/\/docs\.team\.example\/rules\/\s+\(command line\)$/m);
    });

    it('an invalid policy file stops every command with exit 2: it never runs with a weaker policy', async () => {
      const m = machine();
      writeTree(m.root, { 'etc/mcp-gatekeeper/policy.json': '{ "enforcement": "strict" }' });
      const managed = path.join(m.root, 'etc', 'mcp-gatekeeper', 'policy.json');
      const broken = path.join(tempDir(), 'policy.json');
      fs.writeFileSync(broken, '{ "requireGateway": true, ');
      const [scanManaged, policyManaged, scanBroken] = await Promise.all([
        run(['scan', ...m.args, '--format', 'json']),
        run(['policy', ...m.args]),
        run(['scan', ...machine().args, '--policy', broken]),
      ]);
      const expected = `mcp-gatekeeper: policy file is invalid, refusing to run with a weaker policy: ${managed}: invalid policy: enforcement: Invalid option: expected one of "warn"|"error"\n`;
      for (const r of [scanManaged, policyManaged]) {
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr, expected);
      }
      assert.equal(scanBroken.code, 2);
      assert.match(scanBroken.stderr, new RegExp(`^mcp-gatekeeper: policy file is invalid, refusing to run with a weaker policy: ${esc(broken)}: invalid JSON: `));
    });

    it('requireGateway, enforcement and severities from the policy shape findings and the exit code', async () => {
      const inv = path.join(tempDir(), 'inventory.json');
      fs.writeFileSync(inv, TEXT);
      const m = machine({
        'github-direct': { url: 'https://api.githubcopilot.com/mcp/' },
        'github-gateway': { url: 'https://mcp.acme.example/gw/github/mcp' },
        git: { command: 'uvx', args: ['mcp-server-git'] },
        shadow: { command: 'npx', args: ['-y', 'unknown-mcp'], disabled: true },
      });
      const policy = (values: unknown) => {
        const f = path.join(tempDir(), 'policy.json');
        fs.writeFileSync(f, JSON.stringify(values));
        return f;
      };
      const gateway = policy({ inventory: { source: inv }, requireGateway: true });
      const strict = policy({ inventory: { source: inv }, requireGateway: true, enforcement: 'error' });
      const relaxed = policy({ inventory: { source: inv }, requireGateway: true, enforcement: 'error', severities: { 'bypasses-gateway': 'info', 'unpinned-package': 'info' } });
      const [warn, err, relaxedRun] = await Promise.all([
        run(['scan', ...m.args, '--policy', gateway, '--format', 'json']),
        run(['scan', ...m.args, '--policy', strict, '--format', 'json', '--fail-on', 'warning']),
        run(['scan', ...m.args, '--policy', relaxed, '--format', 'json', '--fail-on', 'warning']),
      ]);
      assert.equal(warn.code, 0, warn.stderr); // every enabled server is approved
      assert.deepEqual(rules(warn.stdout), { 'github-direct': ['bypasses-gateway/warning'], 'github-gateway': [], git: [], shadow: ['shadow-mcp/info'] });
      assert.equal(byName(warn.stdout)['github-direct'].findings.find((f: { rule: string }) => f.rule === 'bypasses-gateway')!.message, '"github-direct" reaches "GitHub" directly; the organization requires its gateway route https://mcp.acme.example/gw/github/mcp.');
      assert.equal(err.code, 1);
      assert.deepEqual(rules(err.stdout), { 'github-direct': ['bypasses-gateway/error'], 'github-gateway': [], git: [], shadow: ['shadow-mcp/info'] });
      assert.equal(relaxedRun.code, 0);
      assert.deepEqual(rules(relaxedRun.stdout), { 'github-direct': ['bypasses-gateway/info'], 'github-gateway': [], git: [], shadow: ['shadow-mcp/info'] });
    });
  });

  describe('mcp-gatekeeper inventory keygen|sign|verify (CLI)', () => {
    it('signs detached and embedded; verify and scan accept them, refuse tampered or unsigned ones', async function () {
      this.timeout(20_000);
      const dir = tempDir();
      const keys = path.join(dir, 'keys');
      const gen = await run(['inventory', 'keygen', '-o', keys]);
      assert.equal(gen.code, 0, gen.stderr);
      const priv = path.join(keys, 'inventory-signing.key');
      const pub = path.join(keys, 'inventory-signing.pub');
      const b64 = /For the policy's "trustedKeys": (\S+)\n$/.exec(gen.stdout)?.[1];
      assert.equal(gen.stdout, `Private key: ${priv} (keep it secret)\nPublic key:  ${pub}\nFor the policy's "trustedKeys": ${b64}\n`);
      assert.equal(fs.statSync(priv).mode & 0o777, 0o600);

      const detached = path.join(dir, 'detached.json');
      const embedded = path.join(dir, 'embedded.json');
      const unsigned = path.join(dir, 'unsigned.json');
      for (const f of [detached, embedded, unsigned]) fs.writeFileSync(f, TEXT);
      const [signD, signE] = await Promise.all([run(['inventory', 'sign', '--key', priv, detached]), run(['inventory', 'sign', '--key', priv, '--embed', embedded])]);
      assert.equal(signD.stdout, `Detached signature: ${detached}.sig\nPublish it next to the inventory as <inventory URL>.sig\n`);
      assert.equal(signE.stdout, `Signed (embedded signature): ${embedded}\n`);

      const tampered = path.join(dir, 'tampered.json');
      fs.writeFileSync(tampered, fs.readFileSync(embedded, 'utf8').replace('"title": "Git"', '"title": "Git (any fork)"'));
      assert.notEqual(fs.readFileSync(tampered, 'utf8'), fs.readFileSync(embedded, 'utf8'));
      const m = machine();
      const policy = path.join(tempDir(), 'policy.json');
      fs.writeFileSync(policy, JSON.stringify({ trustedKeys: [b64] }));
      const [verifyD, verifyT, scanE, scanU] = await Promise.all([
        run(['inventory', 'verify', '--key', pub, detached]),
        run(['inventory', 'verify', '--key', b64!, tampered]),
        run(['scan', ...m.args, '--policy', policy, '--inventory', embedded, '--format', 'json']),
        run(['scan', ...m.args, '--policy', policy, '--inventory', unsigned, '--format', 'json']),
      ]);
      assert.deepEqual([verifyD.code, verifyD.stdout], [0, `OK: ${detached} is signed by a trusted key (detached signature ${detached}.sig).\n`]);
      assert.deepEqual([verifyT.code, verifyT.stdout], [1, `INVALID: embedded signature does not verify ${tampered} with the given key(s).\n`]);
      assert.equal(scanE.code, 0, scanE.stderr);
      assert.equal(JSON.parse(scanE.stdout).inventory.source, embedded);
      assert.deepEqual([scanU.code, scanU.stderr], [2, `mcp-gatekeeper: ${unsigned}: the inventory is not signed (no embedded signature and no ${unsigned}.sig), but policy requires a signature\n`]);
    });
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
