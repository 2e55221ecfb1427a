// Trust signals: registry facts from a loopback server serving recorded npm and PyPI documents (test/fixtures/registry),
// evaluated against a fixed "now". Nothing here leaves the machine.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledInventory } from '../../src/core/inventory/load';
import type { CheckedServer } from '../../src/core/model';
import { LENIENT_POLICY } from '../../src/core/policy/apply';
import { readPolicyFile } from '../../src/core/policy/policy';
import { scan } from '../../src/core/scan';
import { applyTrust, lookupTrust, type TrustSettings } from '../../src/core/trust';
import { trustCacheFile } from '../../src/core/trust/cache';
import { resolveVersion } from '../../src/core/trust/facts';
import { lookupKey, lookupPackages, type LookupOptions } from '../../src/core/trust/lookup';
import { normalizeRepository } from '../../src/core/trust/shared';
import type { PackageFacts } from '../../src/core/trust/types';
import { trustLines } from '../../src/core/trust/describe';
import { viewState } from '../../src/core/request/formState';
import { buildPayload, newDraft, requestedServer, toMarkdown } from '../../src/core/request/payload';
import { startLoopback, useLoopbackSuite, type LoopbackServer } from '../loopback';
import { REGISTRY_FIXTURES, weatherFacts } from '../registry';
import { tempDir, writeTree } from '../helpers';

const NOW = new Date('2026-03-03T12:00:00.000Z');
const MINUTE = 60_000;
const REGISTRY = REGISTRY_FIXTURES;

/** Serves the recorded documents plus the failure cases: /broken-mcp (500), /slow-mcp (never answers), /huge-mcp (20 MB). */
async function registry(): Promise<LoopbackServer & { written: () => number; inFlight: () => number; maxInFlight: () => number }> {
  let written = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startLoopback((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    if (url === '/broken-mcp') {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
    } else if (url === '/slow-mcp' || url.startsWith('/slow-')) {
      // never answers (the client's timeout must end it); /slow-N answer after a moment, for the concurrency test
      const m = /^\/slow-(\d+)$/.exec(url);
      if (m) setTimeout(() => serveFile(res, 'npm/mcp-server-notes.json', (d) => ({ ...d, name: url.slice(1) })), 150);
    } else if (url === '/huge-mcp') {
      // 20 MB of a valid-looking document, chunked (no Content-Length): the cap must stop the download midway
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const total = 20 * 1024 * 1024;
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.write('{"name":"huge-mcp","readme":"');
      pump();
    } else if (url === '/wrong-shape-mcp') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'wrong-shape-mcp', versions: ['1.0.0'] }));
    } else if (url === '/html-mcp') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Sign in</title>');
    } else {
      const file = url.startsWith('/pypi/') ? `pypi/${url.split('/')[2]}.json` : `npm/${url.slice(1).replace('/', '%2F')}.json`;
      if (fs.existsSync(path.join(REGISTRY, file))) serveFile(res, file);
      else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":"Not found"}');
      }
    }
  });
  servers.push(server);
  return { ...server, written: () => written, inFlight: () => inFlight, maxInFlight: () => maxInFlight };
}

function serveFile(res: import('node:http').ServerResponse, file: string, edit?: (d: Record<string, unknown>) => unknown): void {
  const text = fs.readFileSync(path.join(REGISTRY, file), 'utf8');
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(edit ? JSON.stringify(edit(JSON.parse(text))) : text);
}

const servers: LoopbackServer[] = [];

function settingsFor(origin: string): TrustSettings {
  return { enabled: true, npmRegistry: origin, pypiRegistry: origin };
}

/** A Cursor config with these servers, scanned as a user would have it. */
async function scanned(mcpServers: Record<string, unknown>): Promise<CheckedServer[]> {
  const home = tempDir();
  writeTree(home, { '.cursor/mcp.json': JSON.stringify({ mcpServers }, null, 2) });
  const r = await scan({ home, platform: 'linux', workspaces: [tempDir()], env: {}, inventory: bundledInventory(), clients: ['cursor'] });
  return r.servers;
}

const npx = (spec: string) => ({ command: 'npx', args: ['-y', spec] });
const uvx = (spec: string) => ({ command: 'uvx', args: [spec] });

async function trusted(mcpServers: Record<string, unknown>, origin: string, options: Partial<LookupOptions> = {}, settings = settingsFor(origin)): Promise<Map<string, CheckedServer>> {
  const list = await scanned(mcpServers);
  const lookups = await lookupTrust(list, settings, { cacheDir: tempDir(), now: () => NOW, ...options });
  assert.ok(lookups, 'trust signals are on');
  return new Map(applyTrust(list, lookups, settings, LENIENT_POLICY, NOW).map((s) => [s.name, s]));
}

const trustFindings = (s: CheckedServer | undefined) => (s?.findings ?? []).filter((f) => ['young-package', 'young-version', 'no-source-repository', 'deprecated-package', 'no-provenance'].includes(f.rule)).map((f) => `${f.rule}/${f.severity}`);

describe('trust signals (registry facts)', () => {
  useLoopbackSuite(servers);

  describe('npm packuments', () => {
    it('an established scoped package: every fact, no finding on a version with provenance', async () => {
      const reg = await registry();
      const out = await trusted({ weather: npx('@acme/weather-mcp@1.2.0'), old: npx('@acme/weather-mcp@1.1.0') }, reg.origin);
      assert.deepEqual(out.get('weather')!.trust, weatherFacts(reg.origin));
      assert.deepEqual(trustFindings(out.get('weather')), []);
      // 1.1.0 predates the package's provenance: the same document answers for it, with no second request
      assert.equal(out.get('old')!.trust!.provenance, false);
      assert.deepEqual(trustFindings(out.get('old')), ['no-provenance/info']);
      assert.match(out.get('old')!.findings.find((f) => f.rule === 'no-provenance')!.message, /^@acme\/weather-mcp@1\.1\.0 was published to 127\.0\.0\.1:\d+ without a provenance attestation/);
      assert.deepEqual(reg.requests.map((r) => r.url), ['/@acme%2Fweather-mcp']);
      assert.equal(reg.requests[0].headers.accept, 'application/json');
    });

    it('a deprecated package: deprecated-package with the registry notice', async () => {
      const reg = await registry();
      const out = await trusted({ gh: npx('github-mcp-legacy@0.6.2') }, reg.origin);
      const s = out.get('gh')!;
      assert.equal(s.trust!.deprecated, 'Package no longer supported. Use the official GitHub MCP server (ghcr.io/github/github-mcp-server) instead.');
      assert.deepEqual(trustFindings(s), ['deprecated-package/info', 'no-provenance/info']);
      assert.equal(s.findings.find((f) => f.rule === 'deprecated-package')!.message, `github-mcp-legacy@0.6.2 is deprecated on ${new URL(reg.origin).host}: Package no longer supported. Use the official GitHub MCP server (ghcr.io/github/github-mcp-server) instead.`);
    });

    it('a two-day-old package whose latest release is six hours old: young-package and young-version', async () => {
      const reg = await registry();
      const out = await trusted({ pro: npx('mcp-weather-pro') }, reg.origin);
      const s = out.get('pro')!;
      // unpinned: what npx would install is `latest`
      assert.equal(s.trust!.version, '0.1.1');
      assert.equal(s.trust!.firstPublished, '2026-03-01T09:59:58.000Z');
      assert.equal(s.trust!.maintainers, 1);
      assert.equal(s.trust!.repository, 'https://github.com/wxpro-dev/mcp-weather-pro');
      assert.deepEqual(trustFindings(s), ['young-package/info', 'young-version/info', 'no-provenance/info']);
      const messages = Object.fromEntries(s.findings.map((f) => [f.rule, f.message]));
      assert.match(messages['young-package'], /^mcp-weather-pro was first published on 127\.0\.0\.1:\d+ 2 days ago \(2026-03-01\)\./);
      assert.match(messages['young-version'], /^mcp-weather-pro@0\.1\.1 was published 6 hours ago \(2026-03-03T06:00:00\.000Z\)\. Compromised releases are usually caught and pulled within 72 hours/);
    });

    it('the 72-hour and 30-day windows are measured from the injected clock', async () => {
      const reg = await registry();
      const later = new Date('2026-04-05T12:00:00.000Z');
      const list = await scanned({ pinned: npx('mcp-weather-pro@0.1.0') });
      const settings = settingsFor(reg.origin);
      const lookups = (await lookupTrust(list, settings, { cacheDir: null, now: () => NOW }))!;
      assert.deepEqual(trustFindings(applyTrust(list, lookups, settings, LENIENT_POLICY, NOW)[0]), ['young-package/info', 'young-version/info', 'no-provenance/info']);
      assert.deepEqual(trustFindings(applyTrust(list, lookups, settings, LENIENT_POLICY, later)[0]), ['no-provenance/info']);
    });

    it('a package without repository or license: no-source-repository', async () => {
      const reg = await registry();
      const s = (await trusted({ notes: npx('mcp-server-notes@2.0.1') }, reg.origin)).get('notes')!;
      assert.equal(s.trust!.repository, null);
      assert.equal(s.trust!.license, null);
      assert.equal(s.trust!.maintainers, 3);
      assert.deepEqual(trustFindings(s), ['no-source-repository/info', 'no-provenance/info']);
    });

    it('resolves tags, ranges and v-prefixed versions against the document', () => {
      const facts = JSON.parse(fs.readFileSync(path.join(REGISTRY, 'npm', '@acme%2Fweather-mcp.json'), 'utf8'));
      const f: PackageFacts = { ecosystem: 'npm', registry: 'r', name: facts.name, firstPublished: null, maintainers: null, repository: null, license: null, latest: '1.3.0', tags: facts['dist-tags'], provenanceKnown: true, versions: Object.fromEntries(Object.keys(facts.versions).map((v) => [v, { published: null }])) };
      assert.deepEqual(
        [null, 'latest', 'next', '^1.1.0', '~1.1.0', 'v1.0.0', '1.0.0', '9.9.9', 'beta'].map((v) => resolveVersion(f, v)),
        ['1.3.0', '1.3.0', '1.3.0', '1.3.0', '1.1.0', '1.0.0', '1.0.0', null, null],
      );
    });
  });

  describe('PyPI JSON API', () => {
    it('a yanked release: deprecated-package; maintainers and provenance unknown (null), so no no-provenance', async () => {
      const reg = await registry();
      const out = await trusted({ fetch: uvx('MCP_Server.Fetch==0.6.1'), current: uvx('mcp-server-fetch') }, reg.origin);
      assert.deepEqual(out.get('fetch')!.trust, {
        registry: reg.origin,
        version: '0.6.1',
        firstPublished: '2024-11-22T18:01:12.345Z',
        versionPublished: '2024-12-10T09:30:00.000Z',
        maintainers: null,
        repository: 'https://github.com/modelcontextprotocol/servers/tree/main/src/fetch',
        license: 'MIT',
        deprecated: 'yanked: Breaks robots.txt handling; use 0.6.2',
        provenance: null,
        latest: '2025.1.17',
        unavailable: null,
      });
      assert.deepEqual(trustFindings(out.get('fetch')), ['deprecated-package/info']);
      assert.equal(out.get('fetch')!.findings.find((f) => f.rule === 'deprecated-package')!.message, `MCP_Server.Fetch@0.6.1 was yanked from ${new URL(reg.origin).host}: Breaks robots.txt handling; use 0.6.2`);
      assert.equal(out.get('current')!.trust!.version, '2025.1.17');
      assert.deepEqual(trustFindings(out.get('current')), []);
      // two spellings of one project: one request, to the normalized name
      assert.deepEqual(reg.requests.map((r) => r.url), ['/pypi/mcp-server-fetch/json']);
    });

    it('a day-old project with a license text and no source link', async () => {
      const reg = await registry();
      const s = (await trusted({ sqlite: uvx('mcp-sqlite-tools') }, reg.origin)).get('sqlite')!;
      assert.equal(s.trust!.license, 'MIT License');
      assert.equal(s.trust!.repository, null);
      assert.deepEqual(trustFindings(s), ['young-package/info', 'young-version/info', 'no-source-repository/info']);
    });
  });

  describe('registry failures never block and never throw', () => {
    it('HTTP 500, 404, a wrong shape and HTML become "unavailable" with the reason, and add no finding', async () => {
      const reg = await registry();
      const out = await trusted({ a: npx('broken-mcp'), b: npx('no-such-mcp'), c: npx('wrong-shape-mcp'), d: npx('html-mcp'), ok: npx('mcp-server-notes') }, reg.origin);
      const host = new URL(reg.origin).host;
      assert.equal(out.get('a')!.trust!.unavailable, `${host}: HTTP 500: <html><body>Internal Server Error</body></html>`);
      assert.equal(out.get('b')!.trust!.unavailable, `${host} does not know this package (HTTP 404)`);
      assert.match(out.get('c')!.trust!.unavailable!, new RegExp(`^${host}: the registry's answer is not an npm package document \\(.* at versions\\)$`));
      assert.equal(out.get('d')!.trust!.unavailable, `${host}: the answer is not JSON`);
      for (const name of ['a', 'b', 'c', 'd']) {
        assert.deepEqual(trustFindings(out.get(name)), []);
        assert.equal(out.get(name)!.trust!.firstPublished, null);
      }
      assert.equal(out.get('ok')!.trust!.unavailable, null);
    });

    it('a registry that never answers times out (injected short timeout)', async () => {
      const reg = await registry();
      const out = await trusted({ slow: npx('slow-mcp') }, reg.origin, { timeoutMs: 300 });
      // undici's header timer is coarse: under load the request's overall abort (3 × the timeout) can strike first
      assert.match(out.get('slow')!.trust!.unavailable!, new RegExp(`^${new URL(reg.origin).host}: no (complete )?response within 0\\.[39] s$`));
      assert.deepEqual(trustFindings(out.get('slow')), []);
    });

    it('an overall deadline reports what is still unanswered', async () => {
      const reg = await registry();
      const out = await trusted({ slow: npx('slow-mcp'), notes: npx('mcp-server-notes') }, reg.origin, { timeoutMs: 10_000, deadlineMs: 400 });
      assert.equal(out.get('slow')!.trust!.unavailable, 'no answer within 0.4 s');
      assert.equal(out.get('notes')!.trust!.unavailable, null);
    });

    it('a 20 MB document is cut off at the 10 MB cap: the download stops midway', async () => {
      const reg = await registry();
      const out = await trusted({ huge: npx('huge-mcp') }, reg.origin);
      assert.equal(out.get('huge')!.trust!.unavailable, `${new URL(reg.origin).host}: response is larger than 10 MB; download stopped`);
      // let the server notice the closed connection
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(reg.written() < 20 * 1024 * 1024, `the server sent ${reg.written()} bytes: the client read to the end`);
    });

    it('plain http to anything but loopback is refused before any connection, every time (not cached)', async () => {
      const cacheDir = tempDir();
      const list = await scanned({ w: npx('@acme/weather-mcp'), f: uvx('mcp-server-fetch') });
      const settings: TrustSettings = { enabled: true, npmRegistry: 'http://registry.acme.example', pypiRegistry: 'ftp://pypi.acme.example' };
      const out = applyTrust(list, (await lookupTrust(list, settings, { cacheDir, now: () => NOW }))!, settings, LENIENT_POLICY, NOW);
      assert.equal(out[0].trust!.unavailable, 'registry plain http is only allowed to loopback addresses; use https (http://registry.acme.example)');
      assert.equal(out[1].trust!.unavailable, 'registry unsupported URL scheme ftp: (ftp://pypi.acme.example)');
      assert.equal(fs.existsSync(path.join(cacheDir, 'trust')), false);
    });

    it('a policy file naming a plain-http registry elsewhere is invalid', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'policy.json');
      fs.writeFileSync(file, JSON.stringify({ trustSignals: { enabled: true, npmRegistry: 'http://npm.acme.example' } }));
      const r = await readPolicyFile(file);
      assert.equal(r.kind, 'error');
      assert.match(r.kind === 'error' ? r.message : '', /trustSignals\.npmRegistry: must be an https URL \(plain http only to this machine\)/);
      fs.writeFileSync(file, JSON.stringify({ trustSignals: { enabled: true, npmRegistry: 'https://npm.acme.example/', pypiRegistry: 'http://127.0.0.1:8080' } }));
      assert.equal((await readPolicyFile(file)).kind, 'ok');
    });
  });

  describe('cache, dedupe, concurrency, off by default', () => {
    it('facts are cached on disk for 24 hours, keyed by registry and package; then fetched again', async () => {
      const reg = await registry();
      const cacheDir = tempDir();
      const settings = settingsFor(reg.origin);
      const refs = [{ ecosystem: 'npm' as const, name: '@acme/weather-mcp', version: '1.2.0' }];
      const at = (ms: number) => () => new Date(NOW.getTime() + ms);
      await lookupPackages(refs, settings, { cacheDir, now: at(0) });
      assert.ok(fs.existsSync(trustCacheFile(cacheDir, lookupKey(refs[0], settings)!)));
      const cached = await lookupPackages(refs, settings, { cacheDir, now: at(23 * 60 * MINUTE) });
      assert.equal(reg.requests.length, 1, 'served from the cache');
      const hit = cached.values().next().value!;
      assert.equal(hit.ok && hit.facts.latest, '1.3.0');
      await lookupPackages(refs, settings, { cacheDir, now: at(25 * 60 * MINUTE) });
      assert.equal(reg.requests.length, 2, 'expired after 24 hours');
      // another registry is another key
      await lookupPackages(refs, { ...settings, npmRegistry: `${reg.origin}/` }, { cacheDir, now: at(25 * 60 * MINUTE) });
      assert.equal(reg.requests.length, 2, 'a trailing slash is the same registry');
    });

    it('a failure is cached for 10 minutes, so a registry that is down does not slow every scan', async () => {
      const reg = await registry();
      const cacheDir = tempDir();
      const refs = [{ ecosystem: 'npm' as const, name: 'broken-mcp', version: null }];
      const at = (m: number) => () => new Date(NOW.getTime() + m * MINUTE);
      await lookupPackages(refs, settingsFor(reg.origin), { cacheDir, now: at(0) });
      const again = await lookupPackages(refs, settingsFor(reg.origin), { cacheDir, now: at(5) });
      assert.equal(reg.requests.length, 1);
      assert.equal(again.values().next().value!.ok, false);
      await lookupPackages(refs, settingsFor(reg.origin), { cacheDir, now: at(11) });
      assert.equal(reg.requests.length, 2);
    });

    it('a broken cache file is ignored and replaced', async () => {
      const reg = await registry();
      const cacheDir = tempDir();
      const refs = [{ ecosystem: 'npm' as const, name: 'mcp-server-notes', version: null }];
      const file = trustCacheFile(cacheDir, lookupKey(refs[0], settingsFor(reg.origin))!);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '{"version":1,"key":');
      const r = await lookupPackages(refs, settingsFor(reg.origin), { cacheDir, now: () => NOW });
      assert.equal(r.values().next().value!.ok, true);
      assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).lookup.facts.name, 'mcp-server-notes');
    });

    it('one request per package across servers, at most 4 at a time', async () => {
      const reg = await registry();
      const servers: Record<string, unknown> = { a: npx('mcp-server-notes@2.0.0'), b: npx('mcp-server-notes@2.0.1'), c: { command: 'npm', args: ['exec', 'mcp-server-notes'] } };
      for (let i = 0; i < 9; i++) servers[`slow${i}`] = npx(`slow-${i}`);
      const out = await trusted(servers, reg.origin);
      assert.equal(reg.requests.filter((r) => r.url === '/mcp-server-notes').length, 1);
      assert.equal(reg.requests.length, 10);
      assert.ok(reg.maxInFlight() <= 4, `${reg.maxInFlight()} requests at once`);
      assert.equal(out.get('a')!.trust!.version, '2.0.0');
      assert.equal(out.get('b')!.trust!.version, '2.0.1');
    });

    it('off by default: no request at all, no trust facts, no findings', async () => {
      const reg = await registry();
      const list = await scanned({ pro: npx('mcp-weather-pro'), fetch: uvx('mcp-server-fetch') });
      const off: TrustSettings = { enabled: false, npmRegistry: reg.origin, pypiRegistry: reg.origin };
      assert.equal(await lookupTrust(list, off, { cacheDir: tempDir(), now: () => NOW }), null);
      const fromPolicy = (await import('../../src/core/trust')).trustSettings((await import('../../src/core/policy/policy')).resolvePolicy([]));
      assert.equal(fromPolicy.enabled, false);
      assert.equal(await lookupTrust(list, fromPolicy, { cacheDir: tempDir(), now: () => NOW }), null);
      assert.equal(reg.requests.length, 0);
      assert.ok(list.every((s) => s.trust === undefined));
    });

    it('policy severities raise trust findings; a disabled server stays informational', async () => {
      const reg = await registry();
      const list = await scanned({ pro: npx('mcp-weather-pro'), off: { ...npx('mcp-weather-pro'), disabled: true } });
      const settings = settingsFor(reg.origin);
      const lookups = (await lookupTrust(list, settings, { cacheDir: null, now: () => NOW }))!;
      const out = applyTrust(list, lookups, settings, { ...LENIENT_POLICY, enforcement: 'error', severities: { 'young-version': 'error', 'young-package': 'warning' } }, NOW);
      assert.deepEqual(trustFindings(out[0]), ['young-package/warning', 'young-version/error', 'no-provenance/info']);
      assert.equal(out[1].disabled, true);
      assert.deepEqual(trustFindings(out[1]), ['young-package/info', 'young-version/info', 'no-provenance/info']);
      // applying twice does not double the findings
      assert.deepEqual(trustFindings(applyTrust(out, lookups, settings, LENIENT_POLICY, NOW)[0]), ['young-package/info', 'young-version/info', 'no-provenance/info']);
    });

    it('OCI images and bare commands get no trust facts', async () => {
      const reg = await registry();
      const out = await trusted({ gh: { command: 'docker', args: ['run', '-i', 'ghcr.io/github/github-mcp-server:v0.20.1'] }, local: { command: 'node', args: ['server.js'] } }, reg.origin);
      assert.equal(out.get('gh')!.trust, undefined);
      assert.equal(out.get('local')!.trust, undefined);
      assert.equal(reg.requests.length, 0);
    });
  });

  describe('presentation', () => {
    it('labelled lines with dates and ages, or the reason they are unavailable', () => {
      const info = { registry: 'https://registry.npmjs.org', version: '0.1.0', firstPublished: '2026-03-01T09:59:58.000Z', versionPublished: '2026-03-01T10:00:00.000Z', maintainers: 1, repository: null, license: 'MIT', deprecated: null, provenance: false, latest: '0.1.1', unavailable: null };
      assert.deepEqual(trustLines(info, NOW), [
        ['Registry', 'https://registry.npmjs.org'],
        ['Version', '0.1.0, published 2026-03-01 (2 days ago)'],
        ['First published', '2026-03-01 (2 days ago)'],
        ['Latest version', '0.1.1 (newer than the one in use)'],
        ['Maintainers', '1'],
        ['Source repository', 'none listed'],
        ['License', 'MIT'],
        ['Provenance', 'none'],
      ]);
      assert.deepEqual(trustLines({ ...info, unavailable: 'registry.npmjs.org: connection refused' }, NOW), [['Trust signals', 'unavailable (registry.npmjs.org: connection refused)']]);
    });

    it('the request form shows them read-only and the request carries them only when the lookup answered', async () => {
      const reg = await registry();
      const out = await trusted({ pro: npx('mcp-weather-pro'), broken: npx('broken-mcp') }, reg.origin);
      const pro = out.get('pro')!;
      const input = { server: requestedServer(pro), isNew: false, verdict: pro.verdict, inventory: null, answers: {}, draftSavedAt: null, previous: null };
      const lines = viewState({ ...input, trust: pro.trust }).sourceAndHistory!;
      assert.deepEqual(lines.find(([k]) => k === 'Source repository'), ['Source repository', 'https://github.com/wxpro-dev/mcp-weather-pro']);
      assert.deepEqual(viewState({ ...input, trust: 'pending' }).sourceAndHistory, [['Registry facts', 'looking them up…']]);
      assert.equal(viewState(input).sourceAndHistory, null);

      const payload = buildPayload(newDraft(pro), null, '1.0.0', NOW);
      assert.deepEqual(payload.trust, pro.trust);
      const md = toMarkdown(payload);
      assert.match(md, /## Source and history\n\n- Registry: http:\/\/127\.0\.0\.1:\d+\n- Version: 0\.1\.1, published 2026-03-03 \(less than a day ago\)/);
      // a failed lookup: the request goes without the block, the form says why
      const broken = out.get('broken')!;
      assert.equal('trust' in buildPayload(newDraft(broken), null, '1.0.0', NOW), false);
      assert.match(viewState({ ...input, server: requestedServer(broken), trust: broken.trust }).sourceAndHistory![0][1], /^unavailable \(127\.0\.0\.1:\d+: HTTP 500/);
    });

    it('repository links people can open', () => {
      assert.deepEqual(
        ['git+https://github.com/o/r.git', 'git://github.com/o/r.git', 'git@github.com:o/r.git', 'github:o/r', 'o/r', 'gitlab:g/p', { type: 'git', url: 'https://user:tok@git.acme.example/x/y.git' }, 'file:../local', '', 42].map(normalizeRepository),
        ['https://github.com/o/r', 'https://github.com/o/r', 'https://github.com/o/r', 'https://github.com/o/r', 'https://github.com/o/r', 'https://gitlab.com/g/p', 'https://git.acme.example/x/y', null, null, null],
      );
    });
  });
});
