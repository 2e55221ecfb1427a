// End-to-end: `request --submit` records what it handed over in the change log (POST to a loopback request server,
// and a mailto: link), and `mcp-gatekeeper log` reads the log MCPG_AUDIT_LOG names, damaged lines and all.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, tempDir, writeTree } from '../helpers';
import { runCliAsync, startLoopback } from '../loopback';

const TOKEN = 'ghp_R8x2Lq9ZtV4mN7pK3sW6yB1cD5fH0jQeTuA';

function run(args: string[], env: Record<string, string>) {
  return runCliAsync(CLI, args, env);
}

/** A machine with one shadow server holding a token, and an inventory whose requests go to `requestUrl`. */
function machine(requestUrl: string, requestMode?: 'post') {
  const home = tempDir();
  const ws = tempDir();
  const etc = tempDir();
  writeTree(ws, { '.cursor/mcp.json': JSON.stringify({ mcpServers: { notes: { command: 'npx', args: ['-y', 'notes-mcp@1.2.3'], env: { NOTES_TOKEN: TOKEN } } } }, null, 2) });
  const inventory = { schemaVersion: 1, organization: 'Acme', gateway: { requestUrl, ...(requestMode ? { requestMode } : {}) }, servers: [] };
  fs.writeFileSync(path.join(etc, 'inventory.json'), JSON.stringify(inventory));
  const args = ['--home', home, '--workspace', ws, '--system-root', tempDir(), '--cache-dir', tempDir(), '--platform', 'linux', '--client', 'cursor', '--inventory', path.join(etc, 'inventory.json')];
  return { home, ws, args, log: path.join(tempDir(), 'audit', 'changes.jsonl') };
}

const ANSWERS = ['--field', 'justification=Team notes for the support rota', '--field', 'requester=Dana', '--field', 'email=dana@acme.example'];

describe('change log of requests and `mcp-gatekeeper log` (CLI)', () => {
  before(function () {
    if (!fs.existsSync(CLI)) this.skip();
  });

  it('request --submit records each request handed over, with the request id and where it went, never the answers or secrets', async () => {
    const srv = await startLoopback((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'REQ-314' }));
    });
    try {
      const m = machine(`${srv.origin}/requests?api_key=s3cr3tQueryValue42abcdefXYZ`, 'post');
      const env = { MCPG_AUDIT_LOG: m.log };
      const posted = await run(['request', '--server', 'notes', '--submit', ...ANSWERS, ...m.args], env);
      assert.equal(posted.code, 0, posted.stderr);
      assert.match(posted.stdout, /request #REQ-314/);

      const mail = machine('mailto:mcp-admins@acme.example');
      const mailed = await run(['request', '--server', 'notes', '--submit', ...ANSWERS, ...mail.args], env);
      assert.equal(mailed.code, 0, mailed.stderr);

      const text = fs.readFileSync(m.log, 'utf8');
      for (const secret of [TOKEN, 's3cr3tQueryValue42abcdefXYZ', 'dana@acme.example', 'support rota']) assert.ok(!text.includes(secret), `${secret} in the change log`);
      const records = text.trimEnd().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(
        records.map((r) => [r.tool, r.action, r.server, r.client, r.request.channel, r.request.id, r.request.verdict]),
        [
          ['cli', 'request', 'notes', 'cursor', 'post', 'REQ-314', 'unknown'],
          ['cli', 'request', 'notes', 'cursor', 'mailto', null, 'unknown'],
        ],
      );
      assert.equal(records[0].file, path.join(m.ws, '.cursor', 'mcp.json'));
      assert.match(records[0].request.url, new RegExp(`^${srv.origin.replace(/[.]/g, '\\.')}/requests\\?api_key=\\[redacted\\]$`));
      assert.equal(records[1].request.url, 'mailto:mcp-admins@acme.example');
      assert.deepEqual(records[0].rules, ['shadow-mcp', 'hardcoded-secret']);

      // a request that was not sent is not recorded
      const down = machine('http://127.0.0.1:9/requests', 'post');
      const failed = await run(['request', '--server', 'notes', '--submit', ...ANSWERS, ...down.args], { MCPG_AUDIT_LOG: down.log });
      assert.equal(failed.code, 1);
      assert.ok(!fs.existsSync(down.log));
    } finally {
      await srv.close();
    }
  });

  it('log reads the file MCPG_AUDIT_LOG names, skips damaged lines with a note, and says where an absent log would be', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'changes.jsonl');
    const ok = { v: 1, time: '2026-11-25T09:00:00.000Z', user: 'dana', tool: 'extension', action: 'fix-all', file: '/home/dana/.cursor/mcp.json', client: 'cursor', server: 'github', rules: ['bypasses-gateway'], fix: 'gateway', saved: false };
    fs.writeFileSync(file, `${JSON.stringify(ok)}\n{"v":1,"time":"2026-11-25T09:0\n${JSON.stringify({ ...ok, time: '2026-11-25T10:00:00.000Z', server: 'notes', fix: 'disable' })}\n`);
    const r = await run(['log', '--json'], { MCPG_AUDIT_LOG: file });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((x: { server: string }) => x.server), ['notes', 'github']);
    assert.match(r.stderr, /note: 1 line of .*changes\.jsonl could not be read and was skipped/);
    const table = await run(['log', '--home', '/home/dana', '--file', '/home/dana/.cursor/mcp.json'], { MCPG_AUDIT_LOG: file });
    assert.match(table.stdout, /^2026-11-25 10:00:00Z\s+extension\s+fix-all disable\s+notes\s+bypasses-gateway\s+~\/\.cursor\/mcp\.json$/m);

    const empty = await run(['log', '--log', path.join(dir, 'none.jsonl')], {});
    assert.equal(empty.code, 0);
    assert.equal(empty.stdout, `No changes recorded.\n(no change log yet at ${path.join(dir, 'none.jsonl')})\n`);
  });
});
