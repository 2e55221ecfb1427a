// The change log: records built from real fixes in JSON, YAML and TOML files (entries masked, dedented), the
// append/rotate/read cycle on disk (permissions, concurrent writers, damaged lines), and the promise that no secret
// value of an entry ever reaches the file.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatAuditMarkdown, formatAuditTable, newestFirst } from '../../src/core/audit/format';
import { appendAuditRecords, auditLogPath, readAuditLog } from '../../src/core/audit/log';
import { AuditRecordSchema, type AuditRecord, type AuditSource } from '../../src/core/audit/record';
import { entrySnapshot, fixRecord, requestRecord } from '../../src/core/audit/snapshot';
import { Checker } from '../../src/core/checker';
import { planFixes } from '../../src/core/fix/plan';
import type { FixKind } from '../../src/core/fix/types';
import type { LoadedInventory } from '../../src/core/inventory/load';
import { InventorySchema } from '../../src/core/inventory/schema';
import type { ConfigLocation } from '../../src/core/model';
import { analyzeText } from '../../src/core/scan';
import { tempDir } from '../helpers';

const GATEWAY = 'https://mcp.acme.example/gw/github/mcp';
const CHECKER = new Checker(
  {
    inventory: InventorySchema.parse({
      schemaVersion: 1,
      organization: 'Acme',
      gateway: { url: 'https://mcp.acme.example/gw/' },
      servers: [
        { id: 'github', title: 'GitHub', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-github' }] }, gatewayUrl: GATEWAY },
        { id: 'playwright', title: 'Playwright', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '>=0.0.30' }] } },
      ],
    }),
    source: 'test',
    fetchedAt: null,
    fromCache: false,
    stale: false,
    error: null,
  } satisfies LoadedInventory,
  { requireGateway: true, enforcement: 'warn', severities: {} },
);

const SOURCE: AuditSource = { tool: 'cli', toolVersion: '0.1.0', user: 'dana', host: 'laptop-7', now: () => new Date('2026-11-25T14:31:27.000Z') };

// Realistic secrets of every kind the spec names; each must never appear in the log, in full or in a long prefix.
const SECRETS = {
  github: 'ghp_R8x2Lq9ZtV4mN7pK3sW6yB1cD5fH0jQeTuA',
  aws: 'AKIAIOSFODNN7EXAMPLQ',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  slack: 'xoxb-2048-1024-Zq8Rt5Yu7Io9Pa1Sd3Fg',
  openai: 'sk-proj-Ab3De5Gh7Jk9Mn1Pq3St5Vw7Yz9Bc2Ef4',
  anthropic: 'sk-ant-api03-Xy7Wv5Ut3Sr1Qp9On7Ml5Kj3Ih1Gf',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkYW5hIiwiZXhwIjo5OTk5OTk5OTk5fQ.Qm9ndXNTaWduYXR1cmVWYWx1ZTEyMzQ1',
  bearer: 'b3ar3r-0paque-Value-77a1f0c9e2d4',
  userinfo: 'hunter2-Pa55w0rd-x',
  query: 'q7T9u2W4e6R8t0Y3u5I7o9P1a3S5d7F9',
  short: 'Zx9!',
  tiny: 'q7!',
  dbPassword: 'correct horse battery staple',
};

const CURSOR = `{
  "mcpServers": {
    // the team's GitHub server, before the gateway existed
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github", "--token", "${SECRETS.openai}", "--api-key=${SECRETS.anthropic}"],
      "env": {
        "GITHUB_PERSONAL_ACCESS_TOKEN": "${SECRETS.github}",
        "AWS_ACCESS_KEY_ID": "${SECRETS.aws}",
        "AWS_SECRET_ACCESS_KEY": "${SECRETS.awsSecret}",
        "SLACK_BOT_TOKEN": "${SECRETS.slack}",
        "PIN": "${SECRETS.short}",
        "OTP": "${SECRETS.tiny}",
        "DB_PASSWORD": "${SECRETS.dbPassword}",
        "FROM_ENV": "\${env:GITHUB_TOKEN}"
      }
    },
    "remote": {
      "url": "https://deploy:${SECRETS.userinfo}@mcp.partner.example/mcp?access_token=${SECRETS.query}&team=core",
      "headers": { "Authorization": "Bearer ${SECRETS.bearer}", "X-Session": "${SECRETS.jwt}" }
    },
    "playwright": { "command": "npx", "args": ["@playwright/mcp@0.0.20"] }
  }
}
`;

const CURSOR_LOC: ConfigLocation = { path: '/home/dana/.cursor/mcp.json', client: 'cursor', scope: 'user', format: 'jsonc' };

function assertNoSecret(text: string): void {
  for (const [kind, value] of Object.entries(SECRETS)) {
    assert.ok(!text.includes(value), `${kind} secret leaked`);
    // a mask keeps at most 6 characters: no longer piece of the secret may appear either
    if (value.length > 8) assert.ok(!text.includes(value.slice(0, 8)), `${kind} secret leaked in part: ${value.slice(0, 8)}`);
  }
}

function fixFor(text: string, loc: ConfigLocation, name: string, kind: FixKind) {
  const server = analyzeText(text, loc, CHECKER).servers.find((s) => s.name === name);
  assert.ok(server, `no server ${name}`);
  const fix = planFixes(text, loc, server, CHECKER).find((f) => f.kind === kind);
  assert.ok(fix, `no ${kind} fix for ${name}`);
  return fix;
}

describe('change log: entry snapshots', () => {
  it('masks every secret of an entry, keeps its shape, and dedents it', () => {
    const github = entrySnapshot(CURSOR, CURSOR_LOC, 'github');
    assert.ok(github);
    assertNoSecret(github);
    assert.ok(github.startsWith('"github": {\n  "command": "npx",'), github);
    assert.match(github, /"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_R8\*{4}"/);
    assert.match(github, /"PIN": "Zx\*{4}"/, 'short env values are masked too');
    assert.match(github, /"OTP": "q7\*{4}"/, 'however short');
    assert.match(github, /"FROM_ENV": "\$\{env:GITHUB_TOKEN\}"/, 'references stay as they are');
    assert.match(github, /"--token", "sk-pro\*{4}"/);
    assert.ok(github.endsWith('\n}'), github);

    const remote = entrySnapshot(CURSOR, CURSOR_LOC, 'remote');
    assert.ok(remote);
    assertNoSecret(remote);
    assert.match(remote, /https:\/\/deploy:hunter\*{4}@mcp\.partner\.example\/mcp\?access_token=q7T9u2\*{4}&team=core/);
  });

  it('reads YAML and TOML entries the same way', () => {
    const yaml = `mcpServers:\n  - name: github\n    command: npx\n    args: ["-y", "@modelcontextprotocol/server-github"]\n    env:\n      GITHUB_TOKEN: ${SECRETS.github}\n      PIN: "${SECRETS.short}"\n`;
    const y = entrySnapshot(yaml, { path: '/h/.continue/config.yaml', client: 'continue', scope: 'user', format: 'yaml' }, 'github');
    assert.ok(y);
    assertNoSecret(y);
    assert.match(y, /GITHUB_TOKEN: "ghp_R8\*{4}"/);

    const toml = `[mcp_servers.github]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-github"]\n\n[mcp_servers.github.env]\nGITHUB_TOKEN = "${SECRETS.github}"\n\n[mcp_servers.other]\ncommand = "other"\n`;
    const t = entrySnapshot(toml, { path: '/h/.codex/config.toml', client: 'codex', scope: 'user', format: 'toml' }, 'github');
    assert.ok(t);
    assertNoSecret(t);
    assert.match(t, /command = "npx"/);
    assert.ok(!t.includes('mcp_servers.other'), t);
  });

  it('is null for a name the text does not have, and cut (after masking) when huge', () => {
    assert.equal(entrySnapshot(CURSOR, CURSOR_LOC, 'nope'), null);
    const args = Array.from({ length: 3000 }, (_, i) => `"--flag-${i}"`).join(', ');
    const big = `{ "mcpServers": { "big": { "command": "x", "args": [${args}, "${SECRETS.github}"] } } }`;
    const snap = entrySnapshot(big, CURSOR_LOC, 'big');
    assert.ok(snap && snap.length < 16_100 && /more characters\)$/.test(snap));
  });
});

describe('change log: records', () => {
  it('records a gateway route with before/after, the rules, and the env names it dropped', () => {
    const fix = fixFor(CURSOR, CURSOR_LOC, 'github', 'gateway');
    const r = fixRecord(SOURCE, 'fix', { fix, location: CURSOR_LOC, before: CURSOR }, { saved: false });
    assert.equal(AuditRecordSchema.safeParse(r).success, true);
    assert.deepEqual(
      { v: r.v, time: r.time, user: r.user, host: r.host, tool: r.tool, action: r.action, file: r.file, client: r.client, server: r.server, fix: r.fix, saved: r.saved },
      { v: 1, time: '2026-11-25T14:31:27.000Z', user: 'dana', host: 'laptop-7', tool: 'cli', action: 'fix', file: CURSOR_LOC.path, client: 'cursor', server: 'github', fix: 'gateway', saved: false },
    );
    assert.ok(r.rules.includes('bypasses-gateway'), r.rules.join());
    assert.ok(r.droppedEnvNames?.includes('GITHUB_PERSONAL_ACCESS_TOKEN'));
    assert.match(r.after ?? '', new RegExp(GATEWAY.replace(/[./]/g, '\\$&')));
    assert.ok(!(r.after ?? '').includes('GITHUB_PERSONAL_ACCESS_TOKEN'));
    assertNoSecret(JSON.stringify(r));
  });

  it('records a removal with after: null even when another entry has the same name', () => {
    const loc: ConfigLocation = { path: '/home/dana/.claude.json', client: 'claude-code', scope: 'user', format: 'json', projects: ['/ws'], platform: 'linux' } as ConfigLocation;
    const text = JSON.stringify({ mcpServers: { dup: { command: 'shadow-tool' } }, projects: { '/ws': { mcpServers: { dup: { command: 'shadow-tool' } } } } }, null, 2);
    const fix = fixFor(text, loc, 'dup', 'remove');
    const r = fixRecord(SOURCE, 'fix', { fix, location: loc, before: text });
    assert.equal(r.after, null);
    assert.match(r.before ?? '', /shadow-tool/);
  });

  it('records a request with where it went (credentials removed) and never the answers', () => {
    const server = analyzeText(CURSOR, CURSOR_LOC, CHECKER).servers.find((s) => s.name === 'remote');
    assert.ok(server);
    const r = requestRecord(SOURCE, server, { channel: 'post', id: 'REQ-42', url: `https://bot:${SECRETS.userinfo}@requests.acme.example/new?token=${SECRETS.query}` });
    assert.equal(AuditRecordSchema.safeParse(r).success, true);
    assert.equal(r.action, 'request');
    assert.equal(r.file, CURSOR_LOC.path);
    assert.deepEqual(r.request && { channel: r.request.channel, id: r.request.id, verdict: r.request.verdict }, { channel: 'post', id: 'REQ-42', verdict: 'unknown' });
    assert.ok(r.rules.includes('shadow-mcp'));
    assertNoSecret(JSON.stringify(r));
    const fresh = requestRecord(SOURCE, { name: 'not-configured-yet' }, { channel: 'clipboard', id: null, url: null });
    assert.deepEqual([fresh.file, fresh.client, fresh.rules, fresh.request?.url], [null, null, [], null]);
  });
});

describe('change log: the file', () => {
  const record = (i: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
    v: 1,
    time: new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString(),
    user: 'dana',
    tool: 'extension',
    action: 'fix',
    file: '/home/dana/.cursor/mcp.json',
    client: 'cursor',
    server: `server-${i}`,
    rules: ['shadow-mcp'],
    fix: 'disable',
    ...extra,
  });

  it('lives in the state folder of each OS, unless MCPG_AUDIT_LOG names it', () => {
    assert.equal(auditLogPath('/home/d', 'linux', {}), '/home/d/.local/state/mcp-gatekeeper/changes.jsonl');
    assert.equal(auditLogPath('/home/d', 'linux', { XDG_STATE_HOME: '/x/state' }), '/x/state/mcp-gatekeeper/changes.jsonl');
    assert.equal(auditLogPath('/Users/d', 'darwin', {}), '/Users/d/Library/Logs/mcp-gatekeeper/changes.jsonl');
    assert.equal(auditLogPath('/h', 'win32', { LOCALAPPDATA: '/h/AppData/Local' }), path.join('/h/AppData/Local', 'mcp-gatekeeper', 'Logs', 'changes.jsonl'));
    assert.equal(auditLogPath('/home/d', 'linux', { MCPG_AUDIT_LOG: '/tmp/audit/x.jsonl' }), '/tmp/audit/x.jsonl');
  });

  it('creates a private folder and file, one line per record, and reads them back', async () => {
    const file = path.join(tempDir(), 'state', 'mcp-gatekeeper', 'changes.jsonl');
    await appendAuditRecords(file, [record(1), record(2)]);
    await appendAuditRecords(file, [record(3)]);
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    }
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
    const log = await readAuditLog(file);
    assert.deepEqual(log.records.map((r) => r.server), ['server-1', 'server-2', 'server-3']);
    assert.equal(log.skipped, 0);
  });

  it('skips damaged lines with a count, and a line cut short does not swallow the next record', async () => {
    const file = path.join(tempDir(), 'changes.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(record(1))}\nnot json\n{"v":2,"time":"x"}\n${JSON.stringify({ ...record(2), tool: 'hacker' })}\n{"v":1,"time":"2026-11-25T1`);
    await appendAuditRecords(file, [record(3)]);
    const log = await readAuditLog(file);
    assert.deepEqual(log.records.map((r) => r.server), ['server-1', 'server-3']);
    assert.equal(log.skipped, 4);
  });

  it('rotates at the size limit and keeps three old files', async () => {
    const file = path.join(tempDir(), 'changes.jsonl');
    const lineBytes = Buffer.byteLength(`${JSON.stringify(record(10))}\n`);
    for (let i = 10; i < 40; i++) await appendAuditRecords(file, [record(i)], { maxBytes: lineBytes * 5 });
    assert.deepEqual(
      fs.readdirSync(path.dirname(file)).sort(),
      ['changes.jsonl', 'changes.jsonl.1', 'changes.jsonl.2', 'changes.jsonl.3'],
    );
    const log = await readAuditLog(file);
    // 4 files of 5 records: the newest 20 survive, in order
    assert.deepEqual(log.records.map((r) => r.server), Array.from({ length: 20 }, (_, i) => `server-${20 + i}`));
  });

  it('keeps every line whole when two processes append at once', async function () {
    this.timeout(20_000);
    const file = path.join(tempDir(), 'changes.jsonl');
    const mod = require.resolve('../../src/core/audit/log');
    const writer = (who: string) =>
      new Promise<void>((resolve, reject) => {
        const script = `const { appendAuditRecords } = require(${JSON.stringify(mod)});
          (async () => { for (let i = 0; i < 200; i++) await appendAuditRecords(${JSON.stringify(file)}, [{ v: 1, time: new Date().toISOString(), user: 'u', tool: 'cli', action: 'fix', file: null, client: null, server: '${who}-' + i, rules: [], before: 'x'.repeat(3000 + i) }]); })().catch((e) => { console.error(e); process.exit(1); });`;
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${who} exited ${code}`))));
      });
    await Promise.all([writer('a'), writer('b')]);
    const log = await readAuditLog(file);
    assert.equal(log.skipped, 0);
    assert.equal(log.records.length, 400);
    for (const who of ['a', 'b']) assert.deepEqual(log.records.filter((r) => r.server.startsWith(who)).map((r) => r.server), Array.from({ length: 200 }, (_, i) => `${who}-${i}`));
  });

  it('never holds a secret: real fixes of entries full of tokens, and careless callers', async () => {
    const file = path.join(tempDir(), 'changes.jsonl');
    const records: AuditRecord[] = [];
    // every fix offered for every server of the file
    for (const server of analyzeText(CURSOR, CURSOR_LOC, CHECKER).servers) {
      for (const fix of planFixes(CURSOR, CURSOR_LOC, server, CHECKER)) records.push(fixRecord(SOURCE, 'fix-all', { fix, location: CURSOR_LOC, before: CURSOR }));
    }
    const kinds = new Set(records.map((r) => r.fix));
    for (const k of ['gateway', 'pin', 'remove', 'move-secret'] as const) assert.ok(kinds.has(k), `no ${k} fix among ${[...kinds].join(', ')}`);
    // a caller that forgot to mask: the writer still removes well-known token formats
    records.push({ ...record(99), title: `moved ${SECRETS.github} and ${SECRETS.slack}`, before: `Authorization: Bearer ${SECRETS.jwt} ${SECRETS.openai} ${SECRETS.anthropic} ${SECRETS.aws}` });
    await appendAuditRecords(file, records);
    const written = fs.readFileSync(file, 'utf8');
    for (const value of [SECRETS.github, SECRETS.slack, SECRETS.jwt, SECRETS.openai, SECRETS.anthropic, SECRETS.aws]) assert.ok(!written.includes(value), `${value.slice(0, 6)}… leaked`);
    const fromFixes = written.split('\n').slice(0, -2).join('\n');
    assertNoSecret(fromFixes);
    assert.equal((await readAuditLog(file)).records.length, records.length);
  });
});

describe('change log: formatting', () => {
  const fix = fixFor(CURSOR, CURSOR_LOC, 'github', 'gateway');
  const records = [
    fixRecord({ ...SOURCE, tool: 'extension', now: () => new Date('2026-11-25T09:00:00Z') }, 'fix', { fix, location: CURSOR_LOC, before: CURSOR }, { saved: false }),
    requestRecord({ ...SOURCE, now: () => new Date('2026-11-25T10:00:00Z') }, { name: 'evil`name **bold**' }, { channel: 'post', id: '7', url: 'https://requests.acme.example/new' }),
  ];

  it('prints a table, newest first, with ~ for the home folder', () => {
    const table = formatAuditTable(newestFirst(records), { home: '/home/dana' });
    const lines = table.trimEnd().split('\n');
    assert.match(lines[0], /^TIME\s+TOOL\s+ACTION\s+SERVER\s+RULE\s+FILE$/);
    assert.match(lines[1], /^2026-11-25 10:00:00Z\s+cli\s+request \(post #7\)\s+evil`name/);
    assert.match(lines[2], /^2026-11-25 09:00:00Z\s+extension\s+fix gateway\s+github\s+hardcoded-secret.*~\/\.cursor\/mcp\.json$/);
    assert.equal(formatAuditTable([]), 'No changes recorded.\n');
  });

  it('renders Markdown newest first, with before/after blocks and escaped names', () => {
    const md = formatAuditMarkdown({ records, skipped: 2, files: [] }, { file: '/home/dana/.local/state/mcp-gatekeeper/changes.jsonl', home: '/home/dana' });
    assert.ok(md.indexOf('request (post #7)') < md.indexOf('fix gateway'), 'newest first');
    assert.match(md, /Log file: `~\/\.local\/state\/mcp-gatekeeper\/changes\.jsonl`/);
    assert.match(md, /> 2 lines of the log could not be read/);
    assert.match(md, /evil\\`name \\\*\\\*bold\\\*\\\*/);
    assert.match(md, /- \*\*Saved:\*\* no: applied to the open editor/);
    assert.match(md, /Before:\n\n```jsonc\n"github": \{/);
    assert.match(md, /After:\n\n```jsonc\n"github": \{[^`]*mcp\.acme\.example\/gw\/github\/mcp/);
    assert.match(md, /- \*\*Sent:\*\* post to `https:\/\/requests\.acme\.example\/new`, request #7/);
    assertNoSecret(md);
    assert.match(formatAuditMarkdown({ records: [], skipped: 0, files: [] }, { file: '/x' }), /No changes recorded yet\./);
  });
});
