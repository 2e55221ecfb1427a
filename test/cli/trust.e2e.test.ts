// End-to-end: `scan --trust` and `request --trust` with the real CLI bundle against a loopback registry serving
// recorded npm and PyPI documents (test/fixtures/registry). The CLI uses the real clock, so the "new" package's
// dates are moved to just before now. Every run gets a temporary home, cache folder and system root.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, tempDir, writeTree } from '../helpers';
import { runCliAsync as runCli, startLoopback, type LoopbackServer } from '../loopback';
import { REGISTRY_FIXTURES, weatherFacts } from '../registry';

const REGISTRY = REGISTRY_FIXTURES;
const HOUR = 60 * 60 * 1000;

/** mcp-weather-pro first published two days ago, its latest release six hours ago (relative to the real clock). */
function freshPackument(): string {
  const doc = JSON.parse(fs.readFileSync(path.join(REGISTRY, 'npm', 'mcp-weather-pro.json'), 'utf8'));
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
  doc.time = { created: at(48), modified: at(6), '0.1.0': at(48), '0.1.1': at(6) };
  return JSON.stringify(doc);
}

async function registry(): Promise<LoopbackServer> {
  return startLoopback((req, res) => {
    const url = req.url ?? '';
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (url === '/mcp-weather-pro') return send(200, freshPackument());
    if (url === '/broken-mcp') return send(500, '{"error":"database unavailable"}');
    const file = url.startsWith('/pypi/') ? path.join(REGISTRY, 'pypi', `${url.split('/')[2]}.json`) : path.join(REGISTRY, 'npm', `${decodeURIComponent(url.slice(1)).replace('/', '%2F')}.json`);
    if (fs.existsSync(file)) send(200, fs.readFileSync(file, 'utf8'));
    else send(404, '{"error":"Not found"}');
  });
}

function machine() {
  const ws = tempDir();
  const root = tempDir();
  writeTree(ws, {
    '.cursor/mcp.json': JSON.stringify(
      {
        mcpServers: {
          pro: { command: 'npx', args: ['-y', 'mcp-weather-pro'] },
          weather: { command: 'npx', args: ['-y', '@acme/weather-mcp@1.2.0'] },
          legacy: { command: 'npx', args: ['github-mcp-legacy@0.6.2'] },
          broken: { command: 'npx', args: ['-y', 'broken-mcp'] },
          fetch: { command: 'uvx', args: ['mcp-server-fetch==0.6.1'] },
          remote: { url: 'https://mcp.example.com/mcp' },
        },
      },
      null,
      2,
    ),
  });
  return { ws, root, args: ['--home', tempDir(), '--system-root', root, '--platform', 'linux', '--workspace', ws, '--client', 'cursor', '--cache-dir', tempDir()] };
}

interface JsonServer {
  name: string;
  findings: { rule: string; severity: string; message: string }[];
  trust?: Record<string, unknown>;
}
const TRUST_RULES = ['young-package', 'young-version', 'no-source-repository', 'deprecated-package', 'no-provenance'];
const trustRules = (s: JsonServer) => s.findings.filter((f) => TRUST_RULES.includes(f.rule)).map((f) => `${f.rule}/${f.severity}`);

describe('mcp-gatekeeper scan --trust (CLI, loopback registry)', () => {
  let reg: LoopbackServer;
  beforeEach(async () => {
    reg = await registry();
  });
  afterEach(() => reg.close());

  it('adds registry findings and a trust object per npm/PyPI server; a failing registry only makes facts unavailable', async () => {
    const m = machine();
    const r = await runCli(CLI, ['scan', ...m.args, '--trust', '--npm-registry', reg.origin, '--pypi-registry', `${reg.origin}/`, '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    const servers = Object.fromEntries((JSON.parse(r.stdout).servers as JsonServer[]).map((s) => [s.name, s]));
    assert.deepEqual(trustRules(servers.pro), ['young-package/info', 'young-version/info', 'no-provenance/info']);
    assert.deepEqual(trustRules(servers.weather), []);
    assert.deepEqual(trustRules(servers.legacy), ['deprecated-package/info', 'no-provenance/info']);
    assert.deepEqual(trustRules(servers.fetch), ['deprecated-package/info']);
    assert.deepEqual(trustRules(servers.broken), []);
    assert.deepEqual(servers.weather.trust, weatherFacts(reg.origin));
    assert.equal(servers.fetch.trust!.maintainers, null);
    assert.equal(servers.fetch.trust!.provenance, null);
    assert.equal(servers.broken.trust!.unavailable, `${new URL(reg.origin).host}: HTTP 500: {"error":"database unavailable"}`);
    assert.equal(servers.remote.trust, undefined, 'no package, no trust object');
    assert.match(r.stderr, /trust signals unavailable for npm broken-mcp: 127\.0\.0\.1:\d+: HTTP 500/);
    assert.deepEqual(reg.requests.map((q) => q.url).sort(), ['/%40acme%2Fweather-mcp', '/broken-mcp', '/github-mcp-legacy', '/mcp-weather-pro', '/pypi/mcp-server-fetch/json'].map((u) => u.replace('%40', '@')).sort());
  });

  it('is off by default: no request is made and the JSON has no trust objects', async () => {
    const m = machine();
    const r = await runCli(CLI, ['scan', ...m.args, '--npm-registry', reg.origin, '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(reg.requests.length, 0);
    for (const s of JSON.parse(r.stdout).servers as JsonServer[]) {
      assert.equal('trust' in s, false);
      assert.deepEqual(trustRules(s), []);
    }
  });

  it('the managed policy can turn them on, name the mirror and raise a severity; the table shows the findings', async () => {
    const m = machine();
    writeTree(m.root, { 'etc/mcp-gatekeeper/policy.json': JSON.stringify({ trustSignals: { enabled: true, npmRegistry: reg.origin, pypiRegistry: reg.origin }, severities: { 'young-version': 'warning' } }) });
    const r = await runCli(CLI, ['scan', ...m.args, '--fail-on', 'warning']);
    assert.equal(r.code, 1, 'a raised young-version fails --fail-on warning');
    assert.match(r.stdout, /mcp-weather-pro@0\.1\.1 was published 6 hours\s+ago/);
    assert.match(r.stdout, /github-mcp-legacy@0\.6\.2 is deprecated on 127\.0\.0\.1:\d+: Package no longer\s+supported/);
    assert.ok(reg.requests.length >= 5);
    const policy = await runCli(CLI, ['policy', ...m.args, '--format', 'json']);
    const values = JSON.parse(policy.stdout).values;
    assert.deepEqual([values.trustSignals.value, values.npmRegistry.value], [true, reg.origin]);
  });

  it('refuses a plain-http registry that is not on this machine (usage error, nothing scanned)', async () => {
    const m = machine();
    const r = await runCli(CLI, ['scan', ...m.args, '--trust', '--npm-registry', 'http://registry.acme.example']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n')[0], 'mcp-gatekeeper: --npm-registry: plain http is only allowed to loopback addresses; use https (http://registry.acme.example)');
    assert.equal(r.stdout, '');
  });

  it('request --print --trust carries the "Source and history" facts as `trust`', async () => {
    const m = machine();
    const r = await runCli(CLI, ['request', ...m.args, '--server', 'pro', '--print', '--trust', '--npm-registry', reg.origin]);
    assert.equal(r.code, 0, r.stderr);
    const payload = JSON.parse(r.stdout);
    assert.equal(payload.trust.version, '0.1.1');
    assert.equal(payload.trust.maintainers, 1);
    assert.equal(payload.trust.repository, 'https://github.com/wxpro-dev/mcp-weather-pro');
    const without = await runCli(CLI, ['request', ...m.args, '--server', 'broken', '--print', '--trust', '--npm-registry', reg.origin]);
    assert.equal(without.code, 0, 'a failed lookup never stops the request');
    assert.equal('trust' in JSON.parse(without.stdout), false);
  });
});
