// Connecting for real, with the official SDK, to small MCP servers this test starts on 127.0.0.1 and over stdio:
// streamable HTTP, the SSE fallback, pagination, headers from the config, stdio only with consent and with the
// config's env (never the whole parent environment), timeouts that kill the process tree, and failures that
// explain themselves without leaking secrets. Then whole inspections: tool-changed on the second run, shadowing
// against the other servers' last inspections.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectionKey, keyHash, readInspection, writeInspection } from '../../src/core/inspect/cache';
import { inspectServer, isProcessAlive } from '../../src/core/inspect/connect';
import { runInspection } from '../../src/core/inspect/session';
import { planLaunch, type LaunchPlan } from '../../src/core/inspect/target';
import { vscode } from '../../src/core/clients/vscode';
import { codex } from '../../src/core/clients/codex';
import { opencode } from '../../src/core/clients/opencode';
import type { ClientModule } from '../../src/core/clients/types';
import type { CheckedServer, ConfigLocation } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { tempDir, writeTree } from '../helpers';
import { envWithoutProxy } from '../loopback';
import { STDIO_SERVER, startHangingServer, startSseServer, startStreamableServer, TOOLS, type TestServer } from '../mcpServers';

const GH_TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const NODE = process.execPath;

/** The servers of a workspace `.vscode/mcp.json`, as the scan would report them. */
function serversOf(workspace: string, config: unknown): CheckedServer[] {
  writeTree(workspace, { '.vscode/mcp.json': JSON.stringify(config, null, 2) });
  const location: ConfigLocation = { path: path.join(workspace, '.vscode', 'mcp.json'), client: 'vscode', scope: 'workspace', format: 'jsonc' };
  const doc = parseDocument(fs.readFileSync(location.path, 'utf8'), 'jsonc');
  return vscode.extract(doc, location).map((e) => ({ ...e, verdict: 'unknown', inventoryId: null, findings: [] }));
}

async function plan(server: CheckedServer, workspace: string, env: Record<string, string | undefined> = {}): Promise<LaunchPlan> {
  const r = await planLaunch(server, { workspaces: [workspace], home: workspace, env });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.plan;
}

async function waitGone(pids: number[], ms = 3000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(isProcessAlive);
    if (!alive.length || Date.now() > until) return alive;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The servers of any client's file, written under `root`. */
function entriesOf(module: ClientModule, file: string, text: string, format: ConfigLocation['format'], scope: ConfigLocation['scope']): CheckedServer[] {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const location: ConfigLocation = { path: file, client: module.id, scope, format };
  return module.extract(parseDocument(text, format), location).map((e) => ({ ...e, verdict: 'unknown', inventoryId: null, findings: [] }));
}

describe('inspect: launch plans read from each dialect (values, never shown)', () => {
  it('VS Code: ${workspaceFolder} and ${userHome} in arguments, env literal and ${env:X}, masked command line', async () => {
    const ws = tempDir();
    const [fsServer] = serversOf(ws, {
      servers: { fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.3.28', '${workspaceFolder}', '${userHome}/notes', '--api-key', GH_TOKEN], env: { A: 'literal', B: '${env:MCPG_B}', C: '${input:c}' } } },
    });
    const r = await planLaunch(fsServer, { workspaces: [ws], home: '/home/dev', env: { MCPG_B: 'from-env' } });
    assert.ok(r.ok && r.plan.kind === 'stdio');
    assert.deepEqual(r.plan.args, ['-y', '@modelcontextprotocol/server-filesystem@2025.3.28', ws, '/home/dev/notes', '--api-key', GH_TOKEN]);
    assert.deepEqual(r.plan.env, { A: 'literal', B: 'from-env' });
    assert.equal(r.plan.cwd, ws);
    assert.equal(r.plan.display, `npx -y @modelcontextprotocol/server-filesystem@2025.3.28 ${ws} /home/dev/notes --api-key ghp_16****`);
    assert.deepEqual(r.plan.notes, ['Env C uses ${input:c}, which cannot be resolved here (the client resolves it at run time).']);
  });

  it('Codex TOML: env table, env_vars forwarded, http_headers, env_http_headers and bearer_token_env_var', async () => {
    const home = tempDir();
    const file = path.join(home, '.codex', 'config.toml');
    const [local, remote] = entriesOf(
      codex,
      file,
      [
        '[mcp_servers.local]',
        'command = "uvx"',
        'args = ["mcp-server-git"]',
        'env = { GIT_AUTHOR = "dev" }',
        'env_vars = ["MCPG_FWD", { name = "MCPG_MISSING" }]',
        'cwd = "/srv/repo"',
        '',
        '[mcp_servers.remote]',
        'url = "https://mcp.example.com/mcp"',
        'http_headers = { "X-Region" = "eu" }',
        'env_http_headers = { "X-Api-Key" = "MCPG_KEY" }',
        'bearer_token_env_var = "MCPG_BEARER"',
        '',
      ].join('\n'),
      'toml',
      'user',
    );
    const env = { MCPG_FWD: 'fwd', MCPG_KEY: 'key-123', MCPG_BEARER: 'bearer-456' };
    const a = await planLaunch(local, { workspaces: [], home, env });
    assert.ok(a.ok && a.plan.kind === 'stdio');
    assert.deepEqual(a.plan.env, { GIT_AUTHOR: 'dev', MCPG_FWD: 'fwd' });
    assert.equal(a.plan.cwd, '/srv/repo');
    const b = await planLaunch(remote, { workspaces: [], home, env });
    assert.ok(b.ok && b.plan.kind === 'remote');
    assert.deepEqual(b.plan.headers, { 'X-Region': 'eu', 'X-Api-Key': 'key-123', Authorization: 'Bearer bearer-456' });
    assert.deepEqual([...b.plan.secrets].sort(), ['bearer-456', 'eu', 'key-123']);
    assert.equal(b.plan.prefer, 'http');
  });

  it('OpenCode: command array and `environment`; {env:X} references', async () => {
    const ws = tempDir();
    const [local] = entriesOf(
      opencode,
      path.join(ws, 'opencode.json'),
      JSON.stringify({ mcp: { local: { type: 'local', command: ['bun', 'x', 'my-mcp'], environment: { TOKEN: '{env:MCPG_T}' } } } }),
      'jsonc',
      'workspace',
    );
    const r = await planLaunch(local, { workspaces: [ws], home: ws, env: { MCPG_T: 't-1' } });
    assert.ok(r.ok && r.plan.kind === 'stdio');
    assert.equal(r.plan.command, 'bun');
    assert.deepEqual(r.plan.args, ['x', 'my-mcp']);
    assert.deepEqual(r.plan.env, { TOKEN: 't-1' });
  });

  it('plain http to another machine: the headers are not sent', async () => {
    const ws = tempDir();
    const [server] = serversOf(ws, { servers: { intranet: { type: 'http', url: 'http://mcp.corp.example/mcp', headers: { Authorization: 'Bearer abc123456789' } } } });
    const r = await planLaunch(server, { workspaces: [ws], home: ws, env: {} });
    assert.ok(r.ok && r.plan.kind === 'remote');
    assert.deepEqual(r.plan.headers, {});
    assert.deepEqual(r.plan.notes, ['Headers (Authorization) were not sent: the URL is plain http to another machine.']);
  });
});

describe('inspect: connecting (real SDK, loopback and stdio servers)', function () {
  this.timeout(30_000);
  const servers: TestServer[] = [];
  let savedEnv: NodeJS.ProcessEnv;
  before(() => {
    savedEnv = process.env;
    // loopback must never go through a proxy of the machine running the tests
    process.env = envWithoutProxy(process.env);
  });
  after(async () => {
    process.env = savedEnv;
    await Promise.all(servers.map((s) => s.close()));
  });

  it('streamable HTTP: an McpServer with tools and prompts, initialize → tools/list → prompts/list', async () => {
    const s = await startStreamableServer({ kind: 'honest' });
    servers.push(s);
    const ws = tempDir();
    const [server] = serversOf(ws, { servers: { weather: { type: 'http', url: s.url } } });
    const r = await inspectServer(await plan(server, ws), { timeoutMs: 10_000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const i = r.inspection;
    assert.equal(i.via, 'streamable-http');
    assert.deepEqual(i.serverInfo, { name: 'weather-honest', version: '1.4.0' });
    assert.deepEqual(i.tools.map((t) => t.name), ['get_alerts', 'get_forecast']);
    assert.equal(i.tools[1].description, 'Get the weather forecast for a location.');
    const schema = i.tools[1].inputSchema as { type: string; properties: Record<string, { description: string; minimum: number }>; required: string[] };
    assert.equal(schema.type, 'object');
    assert.equal(schema.properties.latitude.description, 'Latitude of the location');
    assert.equal(schema.properties.latitude.minimum, -90);
    assert.deepEqual(schema.required, ['latitude', 'longitude']);
    assert.deepEqual(i.prompts, [{ name: 'summarize-forecast', description: 'Summarize the forecast for a city.', arguments: [{ name: 'city', description: 'City name' }] }]);
    assert.equal(i.resources, null, 'resources are not offered');
    assert.deepEqual(i.notes, []);
  });

  it('falls back to HTTP+SSE when the server does not speak streamable HTTP', async () => {
    const s = await startSseServer(() => TOOLS.honest);
    servers.push(s);
    const ws = tempDir();
    const [server] = serversOf(ws, { servers: { legacy: { type: 'http', url: s.url } } });
    const r = await inspectServer(await plan(server, ws), { timeoutMs: 10_000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.inspection.via, 'sse');
    assert.deepEqual(r.inspection.tools, TOOLS.honest);
    assert.equal(r.inspection.instructions, 'Server fixture-sse for tests.');
    assert.deepEqual(r.inspection.notes, ['Connected with HTTP+SSE after streamable HTTP: HTTP 404: not found.']);
  });

  it('an `sse` entry tries SSE first', async () => {
    const s = await startSseServer(() => TOOLS.honest.slice(0, 1));
    servers.push(s);
    const ws = tempDir();
    const [server] = serversOf(ws, { servers: { legacy: { type: 'sse', url: s.url } } });
    const r = await inspectServer(await plan(server, ws), { timeoutMs: 10_000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.inspection.via, 'sse');
    assert.deepEqual(r.inspection.notes, []);
  });

  it('reads every page of tools/list', async () => {
    const many = Array.from({ length: 23 }, (_, n) => ({ name: `tool_${n}`, description: `Tool number ${n}.`, inputSchema: { type: 'object', properties: {} } }));
    const s = await startStreamableServer({ kind: 'tools', tools: () => many, pageSize: 5 });
    servers.push(s);
    const ws = tempDir();
    const [server] = serversOf(ws, { servers: { paged: { url: s.url } } });
    const r = await inspectServer(await plan(server, ws), { timeoutMs: 10_000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.inspection.tools, many);
    assert.equal(s.requests.filter((h) => h['content-type']?.includes('json')).length >= 6, true);
  });

  it('sends literal headers and ${env:X} values, never ${input:…} ones, and says so', async () => {
    const s = await startStreamableServer({ kind: 'tools', tools: () => TOOLS.honest.slice(0, 1) });
    servers.push(s);
    const ws = tempDir();
    const [server] = serversOf(ws, {
      inputs: [{ id: 'api-key', type: 'promptString', password: true }],
      servers: {
        secured: {
          type: 'http',
          url: s.url,
          headers: { Authorization: 'Bearer ${env:MCPG_TEST_TOKEN}', 'X-Team': 'platform', 'X-Api-Key': '${input:api-key}' },
        },
      },
    });
    const p = await plan(server, ws, { MCPG_TEST_TOKEN: GH_TOKEN });
    assert.equal(p.kind, 'remote');
    assert.deepEqual(p.notes, ['Header X-Api-Key uses ${input:api-key}, which cannot be resolved here (the client resolves it at run time).']);
    assert.ok(p.secrets.includes(GH_TOKEN));
    const r = await inspectServer(p, { timeoutMs: 10_000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const first = s.requests[s.requests.length - 1];
    assert.equal(first.authorization, `Bearer ${GH_TOKEN}`);
    assert.equal(first['x-team'], 'platform');
    assert.equal(first['x-api-key'], undefined);
    // Restricted Mode: the workspace does not get to direct the user's variables anywhere
    const restricted = await planLaunch(server, { workspaces: [ws], home: ws, env: { MCPG_TEST_TOKEN: GH_TOKEN }, resolveEnv: false });
    assert.ok(restricted.ok && restricted.plan.kind === 'remote');
    assert.deepEqual(restricted.plan.headers, { 'X-Team': 'platform' });
    assert.match(restricted.plan.notes[0], /Header Authorization uses \$\{env:MCPG_TEST_TOKEN\}, which cannot be resolved here \(environment references are not resolved in Restricted Mode\)/);
  });

  it('stdio: refuses without consent, then starts the server, lists its tools and stops it', async () => {
    const ws = tempDir();
    const pidFile = path.join(ws, 'pid');
    const [server] = serversOf(ws, { servers: { local: { command: NODE, args: [STDIO_SERVER, 'honest'], env: { FIXTURE_PIDFILE: pidFile } } } });
    const p = await plan(server, ws);
    assert.equal(p.kind, 'stdio');
    assert.equal(p.display, `${NODE} ${STDIO_SERVER} honest`);
    const refused = await inspectServer(p, { timeoutMs: 10_000 });
    assert.deepEqual(refused, { ok: false, error: `starting ${p.display} needs the user's consent`, timedOut: false });
    assert.ok(!fs.existsSync(pidFile), 'nothing was started');

    const r = await inspectServer(p, { timeoutMs: 10_000, allowStdio: true });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.inspection.via, 'stdio');
    assert.deepEqual(r.inspection.serverInfo, { name: 'fixture-honest', version: '1.0.0' });
    assert.deepEqual(r.inspection.tools, TOOLS.honest);
    assert.equal(r.inspection.prompts, null);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.deepEqual(await waitGone([pid]), [], 'the server process is gone');
  });

  it("stdio: the child gets the config's env (literal and ${env:X}), not this process's whole environment", async () => {
    const ws = tempDir();
    const [server] = serversOf(ws, {
      servers: { local: { command: NODE, args: [STDIO_SERVER, 'env'], env: { FIXTURE_TOKEN: GH_TOKEN, FORWARDED: '${env:MCPG_FORWARD}' } } },
    });
    process.env.MCPG_PARENT_ONLY = 'parent-secret-value';
    try {
      const p = await plan(server, ws, { MCPG_FORWARD: 'forwarded-value' });
      assert.ok(p.kind === 'stdio');
      assert.deepEqual(p.envNames, ['FIXTURE_TOKEN', 'FORWARDED']);
      assert.ok(!p.display.includes(GH_TOKEN));
      const r = await inspectServer(p, { timeoutMs: 10_000, allowStdio: true });
      assert.ok(r.ok, r.ok ? '' : r.error);
      // a workspace server runs in its workspace folder
      assert.equal(r.inspection.tools[0].description, `token received; forwarded ok; parent environment not passed; cwd ${fs.realpathSync(ws)}`);
    } finally {
      delete process.env.MCPG_PARENT_ONLY;
    }
  });

  it('stdio: a server that hangs times out, and it and its child process are killed', async () => {
    const ws = tempDir();
    const state = path.join(ws, 'state.json');
    const [server] = serversOf(ws, { servers: { stuck: { command: NODE, args: [STDIO_SERVER, 'hang', state] } } });
    const started = Date.now();
    const r = await inspectServer(await plan(server, ws), { timeoutMs: 1500, allowStdio: true });
    const took = Date.now() - started;
    assert.deepEqual(r, { ok: false, timedOut: true, stopped: true, error: 'no answer within 1.5 s (while starting the server); the server process was stopped' });
    assert.ok(took < 5000, `took ${took} ms`);
    const { pid, child } = JSON.parse(fs.readFileSync(state, 'utf8')) as { pid: number; child: number };
    assert.deepEqual(await waitGone([pid, child], 1000), [], 'server and child are gone');
  });

  it('remote: a server that never answers times out', async () => {
    const s = await startHangingServer();
    servers.push(s);
    const ws = tempDir();
    const [server] = serversOf(ws, { servers: { slow: { url: s.url } } });
    const r = await inspectServer(await plan(server, ws), { timeoutMs: 1000 });
    assert.ok(!r.ok);
    assert.equal(r.timedOut, true);
    // on a loaded machine the deadline may strike before, during or after the switch to a transport
    assert.match(r.error, /^no answer within 1 s \(while connecting( \((streamable HTTP|SSE)\))?\)$/);
  });

  it('explains a server that exits at once, without the secrets it printed', async () => {
    const ws = tempDir();
    const [server] = serversOf(ws, {
      servers: { broken: { command: NODE, args: ['-e', "console.error('starting with token ' + process.env.API_TOKEN); console.error('fatal: cannot reach the API'); process.exit(3)"], env: { API_TOKEN: GH_TOKEN } } },
    });
    const r = await inspectServer(await plan(server, ws), { timeoutMs: 10_000, allowStdio: true });
    assert.ok(!r.ok);
    assert.equal(r.timedOut, false);
    assert.equal(r.error, 'the server exited before answering; its last output: starting with token **** | fatal: cannot reach the API');
    assert.ok(!r.error.includes(GH_TOKEN.slice(4)));
  });

  it('explains a command that is not installed, and a refused connection', async () => {
    const ws = tempDir();
    // a port nothing listens on any more
    const closed = await startHangingServer();
    await closed.close();
    const [missing, refused] = serversOf(ws, { servers: { missing: { command: 'mcpg-no-such-command-1f3a', args: [] }, refused: { url: closed.url } } });
    const a = await inspectServer(await plan(missing, ws), { timeoutMs: 10_000, allowStdio: true });
    assert.deepEqual(a, { ok: false, timedOut: false, stopped: true, error: 'could not start "mcpg-no-such-command-1f3a": not found (is it installed and on PATH?)' });
    const b = await inspectServer(await plan(refused, ws), { timeoutMs: 10_000 });
    assert.deepEqual(b, { ok: false, timedOut: false, error: 'streamable HTTP: connection refused; HTTP+SSE: connection refused' });
  });
});

describe('inspect: whole inspections (cache, tool-changed, tool-shadowing)', function () {
  this.timeout(30_000);

  it('the second inspection of a server whose tools changed reports tool-changed with a diff', async () => {
    const ws = tempDir();
    const cacheDir = path.join(tempDir(), 'inspections');
    const state = path.join(ws, 'count');
    const all = serversOf(ws, { servers: { weather: { command: NODE, args: [STDIO_SERVER, 'changing', state] } } });
    const inventory = { schemaVersion: 1 as const, servers: [] };
    const run = async () => {
      const p = await plan(all[0], ws);
      const r = await runInspection({ server: all[0], allServers: all, inventory, cacheDir, plan: p, allowStdio: true, timeoutMs: 10_000, now: () => new Date('2025-05-01T10:00:00Z') });
      assert.ok(r.ok, r.ok ? '' : r.error);
      return r.report;
    };
    const first = await run();
    assert.equal(first.baseline, null);
    assert.deepEqual(first.findings, []);
    const stored = await readInspection(cacheDir, keyHash(inspectionKey(all[0])));
    assert.deepEqual(stored?.tools, TOOLS.changing[0]);

    const second = await run();
    assert.deepEqual(second.baseline, { source: 'last-inspection', label: 'the last inspection (2025-05-01 10:00 UTC)' });
    assert.deepEqual(
      second.findings.map((f) => [f.rule, f.severity, f.tool]),
      [
        ['tool-poisoning', 'error', 'get_forecast'],
        ['tool-poisoning', 'error', 'get_forecast'],
        ['tool-poisoning', 'error', 'get_forecast'],
        ['tool-changed', 'warning', 'get_forecast'],
        ['tool-changed', 'warning', 'get_radar'],
        ['tool-changed', 'info', 'get_alerts'],
      ],
    );
    assert.match(second.findings[3].diff ?? '', /^description: Get the weather forecast for a location\. \{\+<IMPORTANT>Before answering/);
  });

  it('inventory pins win over the last inspection', async () => {
    const ws = tempDir();
    const cacheDir = path.join(tempDir(), 'inspections');
    const all = serversOf(ws, { servers: { local: { command: NODE, args: [STDIO_SERVER, 'honest'] } } });
    const server = { ...all[0], verdict: 'approved' as const, inventoryId: 'fs' };
    const { toolFingerprint } = await import('../../src/core/inspect/fingerprint');
    const pins = TOOLS.honest.map((t) => ({ name: t.name, sha256: toolFingerprint(t) }));
    pins[0] = { name: pins[0].name, sha256: '0'.repeat(64) };
    const inventory = { schemaVersion: 1 as const, servers: [{ id: 'fs', status: 'approved' as const, match: {}, tools: pins }] };
    const r = await runInspection({ server, allServers: [server], inventory, cacheDir, plan: await plan(server, ws), allowStdio: true, timeoutMs: 10_000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.report.baseline, { source: 'inventory', label: 'the tools pinned in the inventory entry "fs"' });
    assert.deepEqual(r.report.findings.map((f) => [f.rule, f.tool]), [['tool-changed', 'read_text_file']]);
    assert.equal(r.report.findings[0].diff, 'The earlier description is not known here (only its fingerprint was pinned).');
  });

  it('reports tools named like those of other configured servers (from their last inspections)', async () => {
    const ws = tempDir();
    const cacheDir = path.join(tempDir(), 'inspections');
    const s = await startStreamableServer({ kind: 'tools', tools: () => [TOOLS.honest[0], TOOLS.CROSS_SERVER] });
    try {
      const all = serversOf(ws, { servers: { mail: { command: 'npx', args: ['-y', '@example/gmail-mcp@1.0.0'] }, quotes: { url: s.url } } });
      const [mail, quotes] = all;
      await writeInspection(cacheDir, {
        version: 1,
        keyHash: keyHash(inspectionKey(mail)),
        name: 'mail',
        client: 'vscode',
        inspectedAt: '2025-04-01T00:00:00.000Z',
        via: 'stdio',
        serverInfo: null,
        tools: [{ name: 'send_email' }, { name: 'read_text_file' }],
      });
      const prev = process.env;
      process.env = envWithoutProxy(prev);
      try {
        const r = await runInspection({ server: quotes, allServers: all, inventory: { schemaVersion: 1, servers: [] }, cacheDir, plan: await plan(quotes, ws), allowStdio: false, timeoutMs: 10_000 });
        assert.ok(r.ok, r.ok ? '' : r.error);
        assert.deepEqual(
          r.report.findings.map((f) => [f.rule, f.severity, f.message.replace(/:.*/, '')]),
          [
            ['tool-poisoning', 'warning', 'Tool "daily_quote" mentions "send_email", a tool of "mail (vscode)" in its description'],
            ['tool-shadowing', 'warning', 'Tool "read_text_file" has the same name as a tool of "mail (vscode)"'],
          ],
        );
      } finally {
        process.env = prev;
      }
    } finally {
      await s.close();
    }
  });
});
