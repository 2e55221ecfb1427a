// Test-only network fixtures: HTTP(S) servers bound to loopback (127.0.0.1 / ::1) and a throw-away CA made with the
// openssl CLI. Nothing here ever listens on or connects to another address.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` (or https, or `[::1]`), no trailing slash */
  origin: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Starts a server on a free loopback port; `close()` also drops open (slow, endless) connections. */
export async function startLoopback(handler: Handler, options: { tls?: { key: string; cert: string }; host?: '127.0.0.1' | '::1' } = {}): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const onRequest: Handler = (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // a TLS handshake the client refuses surfaces here; it is expected in the "not trusted" tests
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_e, s: Socket) => s.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const scheme = options.tls ? 'https' : 'http';
  return {
    origin: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface TestCa {
  /** PEM file of the throw-away CA: the only thing that makes the server trusted */
  caFile: string;
  /** key and certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1), signed by that CA */
  key: string;
  cert: string;
}

/** A throw-away CA and a server certificate for 127.0.0.1, made with the openssl CLI in `dir`. */
export function makeTestCa(dir: string): TestCa {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`the HTTPS tests need the openssl command-line tool to create a throw-away CA, and it could not be run (${probe.error?.message ?? probe.stderr})`);
  }
  const f = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  };
  fs.writeFileSync(f('server.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n');
  // EC P-256 keys: generated in milliseconds, unlike RSA
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=mcp-gatekeeper test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1']);
  openssl(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '2', '-extfile', f('server.ext')]);
  return { caFile: f('ca.pem'), key: fs.readFileSync(f('server.key'), 'utf8'), cert: fs.readFileSync(f('server.pem'), 'utf8') };
}

/** The environment without proxy variables, so requests to loopback never go through a proxy. */
export function envWithoutProxy(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^(https?|all|no)_proxy$/i.test(k)) out[k] = v;
  return out;
}

/**
 * Mocha hooks for a suite that talks to loopback servers: proxy variables are removed for its duration (they would
 * route loopback requests through a proxy) and the servers it started are closed after each test.
 */
export function useLoopbackSuite(servers: LoopbackServer[]): void {
  const savedEnv = { ...process.env };
  before(() => {
    for (const k of Object.keys(process.env)) if (!(k in envWithoutProxy())) delete process.env[k];
  });
  after(() => Object.assign(process.env, savedEnv));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
}

/**
 * Runs the CLI bundle without blocking this process (the loopback servers it talks to live here), proxies removed
 * and colours off, with `env` on top.
 */
export function runCliAsync(cli: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...envWithoutProxy(), NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
