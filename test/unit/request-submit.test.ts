// Sending an approval request (requestMode "post") against loopback servers that fail in every way a real endpoint
// can. Each fault must come back as `ok: false` with a message that says what happened: that is what keeps the draft
// (the form deletes it only after `ok: true`; test/integration/request.test.ts shows it for a 400), and the stored
// draft itself is never touched by a send.
import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { putDraft, readDrafts, toStoredDraft } from '../../src/core/request/stored';
import { submitRequest, type SubmitResult } from '../../src/core/request/submit';
import type { RequestPayload } from '../../src/core/request/payload';
import { envWithoutProxy, startLoopback, type Handler, type LoopbackServer } from '../loopback';

const PAYLOAD = { schema: 'mcp-gatekeeper/request@1', server: { name: 'weather' }, answers: { justification: 'Forecasts.' } } as unknown as RequestPayload;
const FAST = { timeoutMs: 300, retryDelayMs: 10 };

function failure(r: SubmitResult): { message: string; retryable: boolean } {
  if (r.ok) assert.fail(`expected a failure, got ${JSON.stringify(r)}`);
  return r;
}

/** Reads the request body, then answers. */
const after = (answer: (res: ServerResponse, req: IncomingMessage) => void): Handler => (req, res) => {
  req.resume();
  req.on('end', () => answer(res, req));
};

describe('sending an approval request: endpoint faults', () => {
  const savedEnv = { ...process.env };
  const servers: LoopbackServer[] = [];
  const serve = async (handler: Handler) => {
    const s = await startLoopback(handler);
    servers.push(s);
    return s;
  };
  before(() => {
    for (const k of Object.keys(process.env)) if (!(k in envWithoutProxy())) delete process.env[k];
  });
  after(() => Object.assign(process.env, savedEnv));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('a 400 gives the server\'s own message and is not retried', async () => {
    const s = await serve(after((res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'justification\nis too short' } }))));
    const f = failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
    assert.equal(f.message, 'the request server answered HTTP 400: justification is too short');
    assert.equal(f.retryable, false);
    assert.equal(s.requests.length, 1);
  });

  it('a 500 is retried once, then reported', async () => {
    const s = await serve(after((res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('database down')));
    const f = failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
    assert.equal(f.message, 'the request server answered HTTP 500: database down (after one retry)');
    assert.equal(s.requests.length, 2);
  });

  it('a reset connection is retried once, then reported', async () => {
    const s = await serve((req) => req.socket.destroy());
    const f = failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
    assert.match(f.message, /^(connection reset by the server|other side closed|socket hang up).* \(after one retry\)$/);
    assert.equal(s.requests.length, 2);
  });

  it('a reset in the middle of the answer is a failure, not a success', async () => {
    const s = await serve(after((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id": ');
      setTimeout(() => res.socket?.destroy(), 20);
    }));
    const f = failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
    assert.match(f.message, /^the request server answered HTTP 200 but the answer broke off \(.+\); the request may have arrived, check before sending it again$/);
    assert.equal(f.retryable, false);
    assert.equal(s.requests.length, 1, 'not sent twice');
  });

  it('no answer within the timeout', async () => {
    const s = await serve(() => undefined);
    const f = failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
    // the answer's deadline, or (on a busy machine) the whole exchange's: each message names the one that struck
    assert.match(f.message, /^(no response within 0\.3 s|no complete response within 0\.9 s) \(after one retry\)$/);
  });

  it('a web page answered with 200 (a sign-in page, a proxy) is not taken for a confirmation', async () => {
    const s = await serve(after((res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Sign in</title>')));
    const f = failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
    assert.match(f.message, /^the request server answered HTTP 200 with a web page, not a confirmation/);
    assert.equal(f.retryable, false);
    assert.equal(s.requests.length, 1, 'never sent twice');
  });

  it('a plain-text or empty 2xx is a success without a request id; JSON gives the id', async () => {
    const plain = await serve(after((res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')));
    assert.deepEqual(await submitRequest(`${plain.origin}/hook`, PAYLOAD, FAST), { ok: true, id: null, status: 200 });
    const empty = await serve(after((res) => res.writeHead(204).end()));
    assert.deepEqual(await submitRequest(`${empty.origin}/hook`, PAYLOAD, FAST), { ok: true, id: null, status: 204 });
    const invalid = await serve(after((res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id": 4')));
    assert.deepEqual(await submitRequest(`${invalid.origin}/hook`, PAYLOAD, FAST), { ok: true, id: null, status: 201 });
    const json = await serve(after((res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"requestId": 42}')));
    assert.deepEqual(await submitRequest(`${json.origin}/hook`, PAYLOAD, FAST), { ok: true, id: '42', status: 201 });
  });

  it('a redirect (to http, or anywhere) is reported and not followed: the body goes nowhere else', async () => {
    const elsewhere = await serve(after((res) => res.writeHead(201).end('{"id": 1}')));
    for (const status of [301, 302, 307, 308]) {
      const s = await serve(after((res) => res.writeHead(status, { location: `${elsewhere.origin.replace('127.0.0.1', 'localhost')}/requests?token=secret123` }).end()));
      const f = failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
      assert.match(f.message, new RegExp(`^the request server redirected \\(HTTP ${status}\\) to http://localhost:\\d+/requests.*; requests are not sent on through redirects`));
      assert.ok(!f.message.includes('secret123'), 'a token in the redirect URL is not shown');
      assert.equal(f.retryable, false);
    }
    assert.equal(elsewhere.requests.length, 0);
  });

  it('plain http to another host and non-http URLs are refused before anything is sent', async () => {
    assert.match(failure(await submitRequest('http://requests.example.com/new', PAYLOAD, FAST)).message, /plain http is only allowed to loopback addresses/);
    assert.match(failure(await submitRequest('file:///etc/passwd', PAYLOAD, FAST)).message, /is not an http\(s\) endpoint/);
  });

  it('the stored draft is the same before and after every failed send', async () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    const drafts = putDraft({}, 'name:weather', toStoredDraft(undefined, { justification: 'Forecasts for the sales team.', team: 'Sales' }, now));
    const stored = JSON.parse(JSON.stringify(drafts));
    const s = await serve(after((res) => res.writeHead(503).end()));
    failure(await submitRequest(`${s.origin}/requests`, PAYLOAD, FAST));
    assert.deepEqual(readDrafts(stored, now), drafts);
  });
});
