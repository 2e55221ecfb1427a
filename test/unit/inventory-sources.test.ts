// Inventory sources: URLs over real loopback servers (HTTP and HTTPS with a throw-away CA), the cache and its
// fallback, files, folders, and Ed25519 signatures. Every server listens on 127.0.0.1 / ::1 only.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import net = require('node:net'); // the module object itself, so the connection spy below sees undici's calls
import * as path from 'node:path';
import tls = require('node:tls');
import { CLI, tempDir, writeTree } from '../helpers';
import { envWithoutProxy, makeTestCa, startLoopback, useLoopbackSuite, type Handler, type LoopbackServer, type TestCa } from '../loopback';
import { cacheFile, readCache, writeCache } from '../../src/core/inventory/cache';
import { parseInventory } from '../../src/core/inventory/load';
import { generateKeyPair, signBytes } from '../../src/core/inventory/signature';
import { loadInventorySource, type SourceOptions } from '../../src/core/inventory/sources';
import { checkUrl, httpGet, isLoopbackHost } from '../../src/core/net/httpGet';

const INVENTORY = {
  schemaVersion: 1,
  organization: 'Acme',
  servers: [{ id: 'weather', title: 'Weather', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@acme/weather-mcp', versions: '>=1.0.0' }] } }],
};
const TEXT = `${JSON.stringify(INVENTORY, null, 2)}\n`;
const T0 = new Date('2026-03-01T10:00:00.000Z');
const T1 = new Date('2026-03-01T11:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

const servers: LoopbackServer[] = [];
async function serve(handler: Handler, options?: Parameters<typeof startLoopback>[1]): Promise<LoopbackServer> {
  const s = await startLoopback(handler, options);
  servers.push(s);
  return s;
}

function json(res: Parameters<Handler>[1], body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

/** A JSON answer that never ends (chunked: no Content-Length to trust), written as fast as the socket takes it. */
const endlessBody: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(16 * 1024, 0x20);
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) {
      // keep writing until the socket pushes back
    }
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('error', () => undefined);
  pump();
};

function failed(r: Awaited<ReturnType<typeof loadInventorySource>>): string {
  assert.equal(r.ok, false, 'expected the source to fail');
  return r.ok ? '' : r.error;
}

function loaded(r: Awaited<ReturnType<typeof loadInventorySource>>) {
  if (!r.ok) assert.fail(`expected the source to load: ${r.error}`);
  return r.value;
}

describe('inventory sources', () => {
  useLoopbackSuite(servers);

  describe('inventory from a URL', () => {
    it('stores ETag and Last-Modified, then revalidates: 304 keeps the cached body and is not "fromCache"', async () => {
      const cacheDir = tempDir();
      const srv = await serve((req, res) => {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
        } else json(res, TEXT, { etag: '"v1"', 'last-modified': 'Sun, 01 Mar 2026 09:00:00 GMT' });
      });
      const url = `${srv.origin}/inventory.json`;
      const first = loaded(await loadInventorySource(url, { cacheDir, now: () => T0 }));
      assert.deepEqual(
        { source: first.source, fetchedAt: first.fetchedAt, fromCache: first.fromCache, stale: first.stale, error: first.error, org: first.inventory.organization },
        { source: url, fetchedAt: T0.toISOString(), fromCache: false, stale: false, error: null, org: 'Acme' },
      );
      assert.deepEqual(await readCache(cacheDir, url), { source: url, fetchedAt: T0.toISOString(), etag: '"v1"', lastModified: 'Sun, 01 Mar 2026 09:00:00 GMT', body: TEXT });
      assert.equal(srv.requests[0].headers['if-none-match'], undefined);
      assert.equal(srv.requests[0].headers.accept, 'application/json');

      const second = loaded(await loadInventorySource(url, { cacheDir, now: () => T1 }));
      assert.equal(srv.requests.length, 2);
      assert.equal(srv.requests[1].headers['if-none-match'], '"v1"');
      assert.equal(srv.requests[1].headers['if-modified-since'], 'Sun, 01 Mar 2026 09:00:00 GMT');
      assert.deepEqual(
        { fetchedAt: second.fetchedAt, fromCache: second.fromCache, stale: second.stale, error: second.error, ids: second.inventory.servers.map((s) => s.id) },
        { fetchedAt: T1.toISOString(), fromCache: false, stale: false, error: null, ids: ['weather'] },
      );
      // the revalidation refreshes the cache's time, so the copy does not go stale while the server keeps saying 304
      assert.equal((await readCache(cacheDir, url))?.fetchedAt, T1.toISOString());
    });

    it('a 304 without any cached copy is an error, not an empty inventory', async () => {
      const srv = await serve((_req, res) => {
        res.writeHead(304);
        res.end();
      });
      const url = `${srv.origin}/inventory.json`;
      assert.equal(failed(await loadInventorySource(url, { cacheDir: tempDir() })), `${url}: the server answered 304 Not Modified but no cached copy exists`);
    });

    it('HTTP 500: the last good copy is used, marked fromCache, with the reason', async () => {
      const cacheDir = tempDir();
      let broken = false;
      const srv = await serve((_req, res) => {
        if (broken) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('database   is\n down');
        } else json(res, TEXT);
      });
      const url = `${srv.origin}/inventory.json`;
      loaded(await loadInventorySource(url, { cacheDir, now: () => T0 }));
      broken = true;
      const r = loaded(await loadInventorySource(url, { cacheDir, now: () => T1 }));
      assert.deepEqual(
        { source: r.source, fetchedAt: r.fetchedAt, fromCache: r.fromCache, stale: r.stale, error: r.error, ids: r.inventory.servers.map((s) => s.id) },
        { source: url, fetchedAt: T0.toISOString(), fromCache: true, stale: false, error: `${url}: HTTP 500: database is down`, ids: ['weather'] },
      );
      // the failure does not overwrite the good copy
      assert.equal((await readCache(cacheDir, url))?.fetchedAt, T0.toISOString());
    });

    it('HTTP 404 without a cache is an error naming the URL and status', async () => {
      const srv = await serve((_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Not Found</h1>');
      });
      const url = `${srv.origin}/missing.json`;
      assert.equal(failed(await loadInventorySource(url, { cacheDir: tempDir() })), `${url}: HTTP 404: <h1>Not Found</h1>`);
      assert.equal(failed(await loadInventorySource(url, { cacheDir: null })), `${url}: HTTP 404: <h1>Not Found</h1>`);
    });

    it('a server that does not answer, or stalls in the body, fails at the timeout', async () => {
      const silent = await serve(() => undefined); // accepts, never answers; close() drops the socket
      const stalling = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(TEXT.length) });
        res.write(TEXT.slice(0, 20));
      });
      const t = Date.now();
      const [a, b] = await Promise.all(
        [silent, stalling].map(async (srv) => failed(await loadInventorySource(`${srv.origin}/inventory.json`, { cacheDir: tempDir(), http: { timeoutMs: 300 } }))),
      );
      assert.match(a, timedOut(`${silent.origin}/inventory.json`));
      assert.match(b, timedOut(`${stalling.origin}/inventory.json`));
      assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
    });

    it('a connection reset in the middle of the body', async () => {
      const srv = await serve((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(TEXT.length) });
        res.write(TEXT.slice(0, 40), () => setTimeout(() => req.socket.resetAndDestroy(), 20));
      });
      const url = `${srv.origin}/inventory.json`;
      assert.equal(failed(await loadInventorySource(url, { cacheDir: tempDir() })), `${url}: connection reset by the server`);
    });

    it('an endless body stops at the size cap, counted while reading', async () => {
      const srv = await serve(endlessBody);
      const url = `${srv.origin}/inventory.json`;
      const t = Date.now();
      assert.equal(failed(await loadInventorySource(url, { cacheDir: tempDir(), http: { maxBytes: 64 * 1024 } })), `${url}: response is larger than 64 KB; download stopped`);
      assert.ok(Date.now() - t < 2000);
    });

    it('a declared Content-Length above the cap is refused before reading', async () => {
      const srv = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200000' });
        res.end(' '.repeat(200000));
      });
      const url = `${srv.origin}/inventory.json`;
      assert.equal(failed(await loadInventorySource(url, { http: { maxBytes: 64 * 1024 } })), `${url}: response is larger than 64 KB (Content-Length 200000)`);
    });

    it('small caps are reported in bytes, not as "0 KB"', async () => {
      const srv = await serve((_req, res) => json(res, TEXT));
      const url = `${srv.origin}/inventory.json`;
      assert.equal(failed(await loadInventorySource(url, { http: { maxBytes: 100 } })), `${url}: response is larger than 100 bytes; download stopped`);
    });

    it('an HTML page (login portal, error page) is refused by content type', async () => {
      const srv = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html>Sign in</html>');
      });
      const url = `${srv.origin}/inventory.json`;
      assert.equal(failed(await loadInventorySource(url)), `${url}: unexpected content type text/html (expected JSON)`);
    });

    it('invalid JSON names the URL and the position', async () => {
      const srv = await serve((_req, res) => json(res, '{"schemaVersion": 1,\n "servers": [}'));
      const url = `${srv.origin}/inventory.json`;
      assert.match(failed(await loadInventorySource(url)), new RegExp(`^${esc(url)}: invalid JSON: .+ at line 2, column \\d+$`));
    });

    it('a schema-invalid inventory names the entry and field', async () => {
      const srv = await serve((_req, res) => json(res, JSON.stringify({ schemaVersion: 1, servers: [{ id: 'weather', status: 'allowed' }] })));
      const url = `${srv.origin}/inventory.json`;
      assert.match(failed(await loadInventorySource(url)), new RegExp(`^${esc(url)}: invalid inventory: servers\\[0\\] \\(id "weather"\\) status: `));
    });

    it('a broken new version never replaces the good cached copy', async () => {
      const cacheDir = tempDir();
      let body = TEXT;
      const srv = await serve((_req, res) => json(res, body));
      const url = `${srv.origin}/inventory.json`;
      loaded(await loadInventorySource(url, { cacheDir, now: () => T0 }));
      body = JSON.stringify({ schemaVersion: 1, servers: [{ id: 'x', status: 'allowed' }] });
      const r = loaded(await loadInventorySource(url, { cacheDir, now: () => T1 }));
      assert.equal(r.fromCache, true);
      assert.match(r.error ?? '', /invalid inventory: servers\[0\] \(id "x"\) status: /);
      assert.equal((await readCache(cacheDir, url))?.body, TEXT);
    });

    it('no cache and a failing source: an error, never an empty inventory', async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/inventory.json`;
      assert.equal(failed(await loadInventorySource(url, { cacheDir: tempDir() })), `${url}: connection refused`);
    });

    it('stale is computed from now and staleAfterMs', async () => {
      const cacheDir = tempDir();
      const srv = await serve((_req, res) => {
        res.writeHead(503);
        res.end();
      });
      const url = `${srv.origin}/inventory.json`;
      await writeCache(cacheDir, { source: url, fetchedAt: T0.toISOString(), etag: null, lastModified: null, body: TEXT });
      const at = (ms: number, staleAfterMs?: number) => loadInventorySource(url, { cacheDir, now: () => new Date(T0.getTime() + ms), staleAfterMs });
      const fresh = loaded(await at(7 * DAY)); // exactly the default 7 days: not yet stale
      assert.deepEqual([fresh.fromCache, fresh.stale, fresh.error, fresh.fetchedAt], [true, false, `${url}: HTTP 503`, T0.toISOString()]);
      assert.equal(loaded(await at(7 * DAY + 1)).stale, true);
      assert.equal(loaded(await at(2 * DAY, DAY)).stale, true);
      assert.equal(loaded(await at(2 * DAY, 3 * DAY)).stale, false);
    });

    it('the cache file is per source and unreadable entries are ignored', async () => {
      const cacheDir = tempDir();
      const a = 'https://inventory.acme.example/a.json';
      await writeCache(cacheDir, { source: a, fetchedAt: T0.toISOString(), etag: '"x"', lastModified: null, body: TEXT });
      assert.equal((await readCache(cacheDir, a))?.etag, '"x"');
      assert.equal(await readCache(cacheDir, 'https://inventory.acme.example/b.json'), null);
      assert.notEqual(cacheFile(cacheDir, a), cacheFile(cacheDir, 'https://inventory.acme.example/b.json'));
      fs.writeFileSync(cacheFile(cacheDir, a), '{ not json');
      assert.equal(await readCache(cacheDir, a), null);
      // no temp files left behind by the atomic write
      assert.deepEqual(fs.readdirSync(cacheDir).filter((n) => n.endsWith('.tmp')), []);
    });
  });

  describe('redirects, schemes and credentials', () => {
    function redirector(hops: Record<string, string>): Handler {
      return (req, res) => {
        const to = hops[req.url ?? ''];
        if (to) {
          res.writeHead(302, { location: to });
          res.end();
        } else if (req.url === '/inventory.json') json(res, TEXT);
        else {
          res.writeHead(404);
          res.end();
        }
      };
    }

    it('follows up to 3 redirects', async () => {
      const srv = await serve(redirector({ '/a': '/b', '/b': '/c', '/c': '/inventory.json' }));
      const r = loaded(await loadInventorySource(`${srv.origin}/a`));
      assert.equal(r.source, `${srv.origin}/a`);
      assert.deepEqual(srv.requests.map((q) => q.url), ['/a', '/b', '/c', '/inventory.json']);
    });

    it('refuses a fourth redirect', async () => {
      const srv = await serve(redirector({ '/a': '/b', '/b': '/c', '/c': '/d', '/d': '/inventory.json' }));
      assert.equal(failed(await loadInventorySource(`${srv.origin}/a`)), `${srv.origin}/a: too many redirects (more than 3)`);
      assert.deepEqual(srv.requests.map((q) => q.url), ['/a', '/b', '/c', '/d']);
    });

    it('stops a redirect loop', async () => {
      const srv = await serve(redirector({ '/loop': '/loop' }));
      assert.equal(failed(await loadInventorySource(`${srv.origin}/loop`)), `${srv.origin}/loop: too many redirects (more than 3)`);
      assert.equal(srv.requests.length, 4);
    });

    it('a redirect without Location is an error', async () => {
      const srv = await serve((_req, res) => {
        res.writeHead(301);
        res.end();
      });
      assert.equal(failed(await loadInventorySource(`${srv.origin}/x`)), `${srv.origin}/x: HTTP 301 redirect without a Location header`);
    });

    it('refuses plain http to anything but loopback, before any connection', async () => {
      const control = await serve((_req, res) => json(res, TEXT));
      const url = 'http://192.0.2.1/inventory.json'; // TEST-NET-1: only to check the refusal, never contacted
      const connect = net.connect;
      let connects = 0;
      (net as { connect: unknown }).connect = (...args: unknown[]) => {
        connects++;
        return (connect as (...a: unknown[]) => net.Socket)(...args);
      };
      const tlsConnect = tls.connect;
      (tls as { connect: unknown }).connect = (...args: unknown[]) => {
        connects++;
        return (tlsConnect as (...a: unknown[]) => net.Socket)(...args);
      };
      const t = Date.now();
      try {
        assert.equal(failed(await loadInventorySource(url, { cacheDir: tempDir() })), `${url}: plain http is only allowed to loopback addresses; use https (${url})`);
        assert.deepEqual(await httpGet('http://user:pw@192.0.2.1/inv.json?token=abc'), { kind: 'error', message: 'plain http is only allowed to loopback addresses; use https (http://192.0.2.1/inv.json)' });
        // a connection attempt to TEST-NET would hang until the connect timeout (10 s)
        assert.ok(Date.now() - t < 1000, `took ${Date.now() - t} ms`);
        assert.equal(connects, 0);
        // the spy does see real connections: one request to the loopback control server
        assert.equal((await httpGet(`${control.origin}/inventory.json`)).kind, 'ok');
        assert.equal(connects, 1);
      } finally {
        (net as { connect: unknown }).connect = connect;
        (tls as { connect: unknown }).connect = tlsConnect;
      }
    });

    it('a redirect from loopback to plain http elsewhere is refused', async () => {
      const srv = await serve(redirector({ '/a': 'http://192.0.2.1/inventory.json' }));
      assert.equal(failed(await loadInventorySource(`${srv.origin}/a`)), `${srv.origin}/a: redirect refused: plain http is only allowed to loopback addresses; use https (http://192.0.2.1/inventory.json)`);
    });

    it('loopback hosts and schemes', () => {
      for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::1', 'LOCALHOST']) assert.ok(isLoopbackHost(h), h);
      for (const h of ['192.0.2.1', '127.0.0.1.example.com', '::2', 'example.com', '10.0.0.1']) assert.ok(!isLoopbackHost(h), h);
      assert.equal(checkUrl('https://inventory.acme.example/x.json'), null);
      assert.equal(checkUrl('http://[::1]:8080/x.json'), null);
      assert.equal(checkUrl('ftp://inventory.acme.example/x.json'), 'unsupported URL scheme ftp: (ftp://inventory.acme.example/x.json)');
      assert.equal(checkUrl('not a url'), 'not a valid URL: not a url');
    });

    it('serves from ::1 too (when this machine has IPv6 loopback)', async function () {
      let srv: LoopbackServer;
      try {
        srv = await serve((_req, res) => json(res, TEXT), { host: '::1' });
      } catch {
        this.skip();
      }
      const r = loaded(await loadInventorySource(`${srv!.origin}/inventory.json`));
      assert.equal(r.inventory.organization, 'Acme');
    });

    it('sends the bearer token to the source origin, also after a same-origin redirect', async () => {
      const srv = await serve(redirector({ '/a': '/inventory.json' }));
      loaded(await loadInventorySource(`${srv.origin}/a`, { http: { bearerToken: 's3cret-token' } }));
      assert.deepEqual(srv.requests.map((q) => q.headers.authorization), ['Bearer s3cret-token', 'Bearer s3cret-token']);
    });

    it('does not forward the bearer token after a cross-origin redirect (other port = other origin)', async () => {
      const other = await serve((_req, res) => json(res, TEXT));
      const srv = await serve(redirector({ '/a': `${other.origin}/inventory.json` }));
      const r = loaded(await loadInventorySource(`${srv.origin}/a`, { http: { bearerToken: 's3cret-token' } }));
      assert.equal(r.inventory.organization, 'Acme');
      assert.equal(srv.requests[0].headers.authorization, 'Bearer s3cret-token');
      assert.equal(other.requests.length, 1);
      assert.equal(other.requests[0].headers.authorization, undefined);
    });

    it('never puts the token or URL credentials in an error message', async () => {
      const srv = await serve((_req, res) => {
        res.writeHead(500);
        res.end();
      });
      const error = failed(await loadInventorySource(`http://admin:pw123@127.0.0.1:${srv.port}/inventory.json?access_token=qwerty`, { http: { bearerToken: 's3cret-token' } }));
      assert.equal(error, `http://127.0.0.1:${srv.port}/inventory.json: HTTP 500`);
    });

    it('a URL with a token in its query (pre-signed link) is shown without it as the source', async () => {
      let down = false;
      const srv = await serve((_req, res) => {
        if (down) {
          res.writeHead(502);
          res.end();
        } else json(res, TEXT);
      });
      const cacheDir = tempDir();
      const url = `${srv.origin}/inventory.json?X-Amz-Signature=0123456789abcdef&X-Amz-Credential=AKIAEXAMPLE`;
      assert.equal(loaded(await loadInventorySource(url, { cacheDir })).source, `${srv.origin}/inventory.json`);
      assert.equal(srv.requests[0].url, '/inventory.json?X-Amz-Signature=0123456789abcdef&X-Amz-Credential=AKIAEXAMPLE');
      down = true;
      const cached = loaded(await loadInventorySource(url, { cacheDir }));
      assert.deepEqual([cached.source, cached.fromCache, cached.error], [`${srv.origin}/inventory.json`, true, `${srv.origin}/inventory.json: HTTP 502`]);
    });
  });

  describe('every fault keeps the last good inventory in force, says exactly what failed, and the next good refresh recovers', () => {
    type Fault = { name: string; answer: Handler; error: (url: string) => RegExp };
    const page = (status: number, type: string, body: string): Handler => (_req, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const exactly = (tail: string) => (url: string) => new RegExp(`^${esc(url)}: ${esc(tail)}$`);
    const FAULTS: Fault[] = [
      { name: 'no answer within the timeout', answer: () => undefined, error: timedOut },
      { name: 'HTTP 500', answer: page(500, 'text/plain', 'maintenance'), error: exactly('HTTP 500: maintenance') },
      { name: 'HTTP 404', answer: page(404, 'text/plain', 'gone'), error: exactly('HTTP 404: gone') },
      {
        name: 'a reset in the middle of the body',
        answer: (req, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(TEXT.length) });
          res.write(TEXT.slice(0, 40), () => setTimeout(() => req.socket.resetAndDestroy(), 20));
        },
        error: exactly('connection reset by the server'),
      },
      {
        name: 'an endless body',
        answer: endlessBody,
        error: exactly('response is larger than 64 KB; download stopped'),
      },
      { name: 'a web page instead of JSON', answer: page(200, 'text/html', '<html>Sign in</html>'), error: exactly('unexpected content type text/html (expected JSON)') },
      { name: 'invalid JSON', answer: page(200, 'application/json', '{"schemaVersion": 1,'), error: (url) => new RegExp(`^${esc(url)}: invalid JSON: .+ at line 1, column \\d+$`) },
      { name: 'a schema-invalid inventory', answer: page(200, 'application/json', '{"schemaVersion": 1, "servers": [{"id": "x", "status": "allowed"}]}'), error: (url) => new RegExp(`^${esc(url)}: invalid inventory: servers\\[0\\] \\(id "x"\\) status: `) },
      {
        name: 'a redirect to plain http elsewhere',
        answer: (_req, res) => {
          res.writeHead(302, { location: 'http://inventory.example.com/inventory.json' });
          res.end();
        },
        error: (url) => new RegExp(`^${esc(url)}: .*plain http is only allowed to loopback addresses`),
      },
      {
        name: 'a redirect loop',
        answer: (req, res) => {
          res.writeHead(302, { location: req.url ?? '/' });
          res.end();
        },
        error: exactly('too many redirects (more than 3)'),
      },
    ];
    const GOOD_AGAIN = `${JSON.stringify({ ...INVENTORY, organization: 'Acme (updated)' }, null, 2)}\n`;

    for (const fault of FAULTS) {
      it(fault.name, async () => {
        const cacheDir = tempDir();
        let answer: Handler = (_req, res) => json(res, TEXT);
        const srv = await serve((req, res) => answer(req, res));
        const url = `${srv.origin}/inventory.json`;
        const options = (now: Date): SourceOptions => ({ cacheDir, now: () => now, http: { timeoutMs: 300, maxBytes: 64 * 1024 } });
        loaded(await loadInventorySource(url, options(T0)));
        answer = fault.answer;
        const during = loaded(await loadInventorySource(url, options(T1)));
        assert.equal(during.fromCache, true);
        assert.equal(during.fetchedAt, T0.toISOString());
        assert.equal(during.inventory.organization, 'Acme');
        assert.match(during.error ?? '', fault.error(url));
        assert.equal((await readCache(cacheDir, url))?.body, TEXT, 'the good copy is never overwritten');
        // the server is fixed: the next refresh (same process, nothing restarted) is fresh and error-free
        answer = (_req, res) => json(res, GOOD_AGAIN);
        const after = loaded(await loadInventorySource(url, options(new Date(T1.getTime() + 60_000))));
        assert.deepEqual([after.fromCache, after.error, after.inventory.organization], [false, null, 'Acme (updated)']);
      });
    }
  });

  describe('HTTPS with an organization CA', function () {
    let ca: TestCa;
    before(function () {
      this.timeout(10_000);
      ca = makeTestCa(tempDir('mcpg-ca-'));
    });

    it('is trusted through caFiles, and refused without them', async () => {
      const srv = await serve((_req, res) => json(res, TEXT), { tls: ca });
      const url = `${srv.origin}/inventory.json`;
      assert.ok(url.startsWith('https://127.0.0.1:'));
      const r = loaded(await loadInventorySource(url, { cacheDir: tempDir(), http: { caFiles: [ca.caFile] } }));
      assert.equal(r.inventory.organization, 'Acme');
      assert.match(failed(await loadInventorySource(url, { cacheDir: tempDir() })), new RegExp(`^${esc(url)}: TLS certificate not trusted \\([A-Z_]+\\); add the organization's CA certificate$`));
    });

    it('a certificate that stops being trusted keeps the last good copy in force; trusting it again recovers', async () => {
      const srv = await serve((_req, res) => json(res, TEXT), { tls: ca });
      const url = `${srv.origin}/inventory.json`;
      const cacheDir = tempDir();
      const trusted: SourceOptions = { cacheDir, now: () => T0, http: { caFiles: [ca.caFile] } };
      loaded(await loadInventorySource(url, trusted));
      // e.g. the CA file was dropped from the settings: the server's certificate is self-signed as far as we know
      const during = loaded(await loadInventorySource(url, { cacheDir, now: () => T1 }));
      assert.deepEqual([during.fromCache, during.fetchedAt, during.inventory.organization], [true, T0.toISOString(), 'Acme']);
      assert.match(during.error ?? '', new RegExp(`^${esc(url)}: TLS certificate not trusted \\([A-Z_]+\\); add the organization's CA certificate$`));
      const after = loaded(await loadInventorySource(url, { ...trusted, now: () => new Date(T1.getTime() + 60_000) }));
      assert.deepEqual([after.fromCache, after.error], [false, null]);
    });

    it('a CA file that cannot be read is a clear error', async () => {
      const srv = await serve((_req, res) => json(res, TEXT), { tls: ca });
      const missing = path.join(tempDir(), 'nope.pem');
      assert.match(failed(await loadInventorySource(`${srv.origin}/i.json`, { http: { caFiles: [missing] } })), /: cannot load CA certificates: ENOENT: no such file or directory/);
    });

    it('refuses a redirect from https to http (even to loopback)', async () => {
      const plain = await serve((_req, res) => json(res, TEXT));
      const srv = await serve(
        (_req, res) => {
          res.writeHead(302, { location: `${plain.origin}/inventory.json` });
          res.end();
        },
        { tls: ca },
      );
      const url = `${srv.origin}/inventory.json`;
      assert.equal(failed(await loadInventorySource(url, { http: { caFiles: [ca.caFile] } })), `${url}: refused a redirect from https to http (${plain.origin}/inventory.json)`);
      assert.equal(plain.requests.length, 0);
    });
  });

  describe('inventory from a file', () => {
    it('loads a file with its read time; a missing file is an error', async () => {
      const dir = tempDir();
      writeTree(dir, { 'inv.json': TEXT });
      const r = loaded(await loadInventorySource(path.join(dir, 'inv.json'), { now: () => T0 }));
      assert.deepEqual([r.source, r.fetchedAt, r.fromCache, r.stale, r.error], [path.join(dir, 'inv.json'), T0.toISOString(), false, false, null]);
      assert.equal(failed(await loadInventorySource(path.join(dir, 'no.json'))), `${path.join(dir, 'no.json')}: inventory file not found`);
    });

    it('builtin names the bundled example', async () => {
      for (const s of ['', 'builtin', 'builtin:examples/inventory.json']) assert.equal(loaded(await loadInventorySource(s)).source, 'builtin:examples/inventory.json');
    });

    it('replacedBy cycles are named with the whole chain', () => {
      const r = parseInventory(
        JSON.stringify({
          schemaVersion: 1,
          servers: [
            { id: 'a', status: 'deprecated', replacedBy: 'b' },
            { id: 'b', status: 'deprecated', replacedBy: 'c' },
            { id: 'c', status: 'deprecated', replacedBy: 'a' },
            { id: 'self', status: 'deprecated', replacedBy: 'self' },
          ],
        }),
        'inv.json',
      );
      assert.equal(
        r.ok ? '' : r.error,
        'inv.json: invalid inventory: servers[0] (id "a") replacedBy: replacedBy cycle: a -> b -> c -> a; servers[1] (id "b") replacedBy: replacedBy cycle: b -> c -> a -> b; servers[2] (id "c") replacedBy: replacedBy cycle: c -> a -> b -> c (and 1 more)',
      );
      const chain = parseInventory(JSON.stringify({ schemaVersion: 1, servers: [{ id: 'a', status: 'deprecated', replacedBy: 'b' }, { id: 'b', status: 'deprecated', replacedBy: 'c' }, { id: 'c', status: 'approved' }] }), 'x');
      assert.equal(chain.ok, true);
    });
  });

  describe('inventory from a folder', () => {
    const base = {
      schemaVersion: 1,
      organization: 'Acme',
      gateway: { url: 'https://mcp.acme.example/gw/' },
      servers: [
        { id: 'weather', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@acme/weather-mcp' }] } },
        { id: 'notes', status: 'approved', match: { urls: ['https://notes.acme.example/mcp'] } },
      ],
    };
    const team = {
      schemaVersion: 1,
      organization: 'Acme Platform',
      gateway: { requestUrl: 'https://mcp.acme.example/requests' },
      servers: [
        { id: 'notes', status: 'rejected', reason: 'replaced by the wiki', match: { urls: ['https://notes.acme.example/mcp'] } },
        { id: 'old-weather', status: 'deprecated', replacedBy: 'weather', match: { packages: [{ ecosystem: 'npm', name: 'weather-mcp' }] } },
      ],
    };

    it('merges *.json in name order: later files override top-level fields, same-id entries are replaced, replacedBy may cross files', async () => {
      const dir = tempDir();
      // written in the "wrong" order on purpose: the name decides
      writeTree(dir, { '20-team.json': JSON.stringify(team), '10-base.json': JSON.stringify(base), 'README.md': '# not an inventory', '10-base.json.sig': 'ignored' });
      const r = loaded(await loadInventorySource(dir, { now: () => T0 }));
      assert.equal(r.source, dir);
      assert.equal(r.fetchedAt, T0.toISOString());
      assert.equal(r.inventory.organization, 'Acme Platform');
      assert.deepEqual(r.inventory.gateway, { url: 'https://mcp.acme.example/gw/', requestUrl: 'https://mcp.acme.example/requests' });
      assert.deepEqual(
        r.inventory.servers.map((s) => [s.id, s.status, s.replacedBy ?? null]),
        [
          ['weather', 'approved', null],
          ['notes', 'rejected', null],
          ['old-weather', 'deprecated', 'weather'],
        ],
      );
      // ids are unique by construction across files
      assert.equal(new Set(r.inventory.servers.map((s) => s.id)).size, r.inventory.servers.length);
    });

    it('names the invalid file', async () => {
      const dir = tempDir();
      writeTree(dir, { '10-base.json': JSON.stringify(base), '30-bad.json': JSON.stringify({ schemaVersion: 1, servers: [{ id: 'x', status: 'allowed' }] }) });
      assert.match(failed(await loadInventorySource(dir)), new RegExp(`^${esc(path.join(dir, '30-bad.json'))}: invalid inventory: servers\\[0\\] \\(id "x"\\) status: `));
      writeTree(dir, { '30-bad.json': '{ "schemaVersion": 1, ' });
      assert.match(failed(await loadInventorySource(dir)), new RegExp(`^${esc(path.join(dir, '30-bad.json'))}: invalid JSON: `));
    });

    it('a duplicate id inside one file is an error there too, as it is for a single file', async () => {
      const dir = tempDir();
      const dup = { schemaVersion: 1, servers: [{ id: 'x', status: 'approved' }, { id: 'x', status: 'rejected' }] };
      writeTree(dir, { '10-dup.json': JSON.stringify(dup) });
      assert.equal(failed(await loadInventorySource(dir)), `${path.join(dir, '10-dup.json')}: invalid inventory: servers[1] (id "x") id: duplicate id "x" (also servers[0])`);
      assert.equal(failed(await loadInventorySource(path.join(dir, '10-dup.json'))), `${path.join(dir, '10-dup.json')}: invalid inventory: servers[1] (id "x") id: duplicate id "x" (also servers[0])`);
    });

    it('replacedBy must still point at an entry of the merged inventory', async () => {
      const dir = tempDir();
      writeTree(dir, { '20-team.json': JSON.stringify(team) });
      assert.equal(failed(await loadInventorySource(dir)), `${dir}: invalid inventory: servers[1] (id "old-weather") replacedBy: refers to unknown id "weather"`);
    });

    it('an empty folder is an error', async () => {
      const dir = tempDir();
      assert.equal(failed(await loadInventorySource(dir)), `${dir}: the inventory folder has no .json files`);
    });
  });

  describe('inventory signatures (Ed25519)', () => {
    const keys = generateKeyPair();
    const other = generateKeyPair();

    it('a detached signature over the exact bytes is accepted; PEM and base64 keys both work', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'inv.json');
      writeTree(dir, { 'inv.json': TEXT, 'inv.json.sig': `${signBytes(Buffer.from(TEXT), keys.privateKeyPem)}\n` });
      assert.equal(loaded(await loadInventorySource(file, { trustedKeys: [keys.publicKeyBase64] })).inventory.organization, 'Acme');
      assert.equal(loaded(await loadInventorySource(file, { trustedKeys: [other.publicKeyBase64, keys.publicKeyPem] })).inventory.organization, 'Acme');
    });

    it('a detached signature by another key is refused', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'inv.json');
      writeTree(dir, { 'inv.json': TEXT, 'inv.json.sig': signBytes(Buffer.from(TEXT), other.privateKeyPem) });
      assert.equal(failed(await loadInventorySource(file, { trustedKeys: [keys.publicKeyBase64] })), `${file}: the signature in ${file}.sig is not valid for any trusted key`);
    });

    it('a changed byte breaks the detached signature', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'inv.json');
      writeTree(dir, { 'inv.json': TEXT.replace('>=1.0.0', '>=0.0.0'), 'inv.json.sig': signBytes(Buffer.from(TEXT), keys.privateKeyPem) });
      assert.equal(failed(await loadInventorySource(file, { trustedKeys: [keys.publicKeyBase64] })), `${file}: the signature in ${file}.sig is not valid for any trusted key`);
    });

    it('an unsigned inventory is refused when keys are required (and accepted when none are)', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'inv.json');
      writeTree(dir, { 'inv.json': TEXT });
      assert.equal(failed(await loadInventorySource(file, { trustedKeys: [keys.publicKeyBase64] })), `${file}: the inventory is not signed (no embedded signature and no ${file}.sig), but policy requires a signature`);
      assert.equal(loaded(await loadInventorySource(file)).inventory.organization, 'Acme');
    });

    it('an invalid trusted key is reported as such', async () => {
      assert.equal(failed(await loadInventorySource('builtin:x', { trustedKeys: ['c2hvcnQ='] })), 'trusted key is invalid: an Ed25519 public key is 32 bytes (base64) or a PEM block');
    });

    it('embedded signatures made by `inventory sign --embed` verify; a tampered one does not', async () => {
      const dir = tempDir();
      writeTree(dir, { 'inv.json': TEXT, 'signing.key': keys.privateKeyPem });
      const sign = spawnSync(process.execPath, [CLI, 'inventory', 'sign', '--key', path.join(dir, 'signing.key'), '--embed', '-o', path.join(dir, 'signed.json'), path.join(dir, 'inv.json')], { encoding: 'utf8', env: envWithoutProxy() });
      assert.equal(sign.status, 0, sign.stderr);
      const pub = keys.publicKeyPem;
      const signedFile = path.join(dir, 'signed.json');
      const signed = JSON.parse(fs.readFileSync(signedFile, 'utf8'));
      assert.equal(signed.signature.alg, 'ed25519');
      const r = loaded(await loadInventorySource(signedFile, { trustedKeys: [pub] }));
      assert.deepEqual(r.inventory.servers.map((s) => s.id), ['weather']);
      // re-indenting does not matter (the signature covers canonical JSON) ...
      fs.writeFileSync(path.join(dir, 'reformatted.json'), JSON.stringify(signed));
      assert.equal(loaded(await loadInventorySource(path.join(dir, 'reformatted.json'), { trustedKeys: [pub] })).inventory.organization, 'Acme');
      // ... but a changed value does
      signed.servers[0].match.packages[0].versions = '*';
      fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(signed, null, 2));
      assert.equal(failed(await loadInventorySource(path.join(dir, 'tampered.json'), { trustedKeys: [pub] })), `${path.join(dir, 'tampered.json')}: the inventory's embedded signature is not valid for any trusted key`);
      // and a valid signature by a key that is not trusted is refused
      assert.equal(failed(await loadInventorySource(signedFile, { trustedKeys: [other.publicKeyBase64] })), `${signedFile}: the inventory's embedded signature is not valid for any trusted key`);
    });

    it('a URL source fetches <url>.sig next to it', async () => {
      let sig = signBytes(Buffer.from(TEXT), keys.privateKeyPem);
      const srv = await serve((req, res) => {
        if (req.url === '/inventory.json') json(res, TEXT);
        else if (req.url === '/inventory.json.sig') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(sig);
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      const url = `${srv.origin}/inventory.json`;
      const opts: SourceOptions = { cacheDir: tempDir(), trustedKeys: [keys.publicKeyBase64], http: { bearerToken: 'tok' } };
      assert.equal(loaded(await loadInventorySource(url, opts)).inventory.organization, 'Acme');
      assert.deepEqual(srv.requests.map((q) => [q.url, q.headers.accept, q.headers.authorization]), [
        ['/inventory.json', 'application/json', 'Bearer tok'],
        ['/inventory.json.sig', 'text/plain', 'Bearer tok'],
      ]);
      // the cache keeps the signature, so the copy can be verified again without the network
      assert.equal((await readCache(opts.cacheDir!, url))?.signature, sig);
      // a bad signature now: the previous (verified) copy stays in force, marked as such
      sig = signBytes(Buffer.from(TEXT), other.privateKeyPem);
      const r = loaded(await loadInventorySource(url, opts));
      assert.deepEqual([r.fromCache, r.error], [true, `${url}: the signature in ${url}.sig is not valid for any trusted key`]);
    });

    it('when signatures are required, a cached copy is used only if it still verifies', async () => {
      let status = 500;
      const srv = await serve((_req, res) => {
        res.writeHead(status);
        res.end();
      });
      const url = `${srv.origin}/inventory.json`;
      const cacheDir = tempDir();
      const trustedKeys = [keys.publicKeyBase64];
      // an unsigned (or forged) copy in the cache folder
      await writeCache(cacheDir, { source: url, fetchedAt: T0.toISOString(), etag: '"e1"', lastModified: null, body: TEXT });
      assert.equal(failed(await loadInventorySource(url, { cacheDir, trustedKeys, now: () => T1 })), `${url}: HTTP 500`);
      assert.equal(loaded(await loadInventorySource(url, { cacheDir, now: () => T1 })).fromCache, true, 'usable when no signature is required');
      // the server says "not modified", but policy now requires a signature the cached copy does not have
      status = 304;
      assert.equal(failed(await loadInventorySource(url, { cacheDir, trustedKeys, now: () => T1 })), `${url}: the inventory is not signed (no embedded signature and no ${url}.sig), but policy requires a signature`);
      // a copy cached with its valid detached signature is used
      status = 500;
      await writeCache(cacheDir, { source: url, fetchedAt: T0.toISOString(), etag: null, lastModified: null, body: TEXT, signature: signBytes(Buffer.from(TEXT), keys.privateKeyPem) });
      const r = loaded(await loadInventorySource(url, { cacheDir, trustedKeys, now: () => T1 }));
      assert.deepEqual([r.fromCache, r.error, r.fetchedAt], [true, `${url}: HTTP 500`, T0.toISOString()]);
    });
  });
});

/**
 * undici runs its header and body timers on a ~1 s clock, so with a 300 ms timeout either that timer or the
 * overall deadline (3 × the timeout) ends the request first; both are the timeout the caller asked for.
 */
function timedOut(url: string): RegExp {
  return new RegExp(`^${esc(url)}: (no response within 0\\.3 s|no complete response within 0\\.9 s)$`);
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
