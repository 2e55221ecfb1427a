// End-to-end: `mcp-gatekeeper fix` as users run it (the CLI bundle, dist/cli.js), on temporary machines: --home,
// --workspace, an empty --system-root and --cache-dir, an inventory file and a policy that requires the gateway.
// Also the atomic writer it uses (src/cli/safeWrite.ts), whose refusals cannot be raced from outside the process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { writeSafely } from '../../src/cli/safeWrite';
import { CLI, tempDir, writeTree } from '../helpers';

const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const OTHER_SECRET = 'sk-live-not-a-known-format-4242';
const GATEWAY = 'https://mcp.acme.example/gw/github/mcp';

const INVENTORY = {
  schemaVersion: 1,
  organization: 'Acme',
  gateway: { url: 'https://mcp.acme.example/gw/' },
  servers: [
    { id: 'github', title: 'GitHub', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-github' }] }, gatewayUrl: GATEWAY },
    { id: 'playwright', title: 'Playwright', status: 'approved', match: { packages: [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '>=0.0.30' }] } },
    { id: 'gw-docs', title: 'Docs', status: 'approved', match: { urls: ['https://docs.acme.example/mcp'] } },
  ],
};

interface Machine {
  home: string;
  ws: string;
  args: string[];
}

/** An empty machine (home, one workspace, empty system root and cache) and the fix arguments that describe it. */
function machine(): Machine {
  const home = tempDir();
  const ws = tempDir();
  const root = tempDir();
  const cache = tempDir();
  const etc = tempDir();
  fs.writeFileSync(path.join(etc, 'inventory.json'), JSON.stringify(INVENTORY));
  fs.writeFileSync(path.join(etc, 'policy.json'), JSON.stringify({ requireGateway: true }));
  const args = ['--home', home, '--workspace', ws, '--system-root', root, '--cache-dir', cache, '--platform', 'linux', '--inventory', path.join(etc, 'inventory.json'), '--policy', path.join(etc, 'policy.json')];
  return { home, ws, args };
}

function fix(m: Machine, ...extra: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'fix', ...m.args, ...extra], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Bytes and modification time of a file, to prove it was not touched. */
function snapshot(file: string) {
  return { bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs };
}

function assertUntouched(file: string, before: ReturnType<typeof snapshot>) {
  const now = snapshot(file);
  assert.ok(now.bytes.equals(before.bytes), `${file} changed`);
  assert.equal(now.mtimeMs, before.mtimeMs, `${file} was rewritten`);
  assert.ok(!fs.existsSync(`${file}.bak`), `${file}.bak written`);
}

/** Files left next to a config file by an interrupted write. */
const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

const CURSOR = (nl: string) =>
  [
    '{',
    '  "mcpServers": {',
    '    // run locally until the gateway was set up',
    '    "github": {',
    '      "command": "npx",',
    '      "args": ["-y", "@modelcontextprotocol/server-github"],',
    `      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${TOKEN}", "OTHER": "${OTHER_SECRET}" }`,
    '    },',
    '    "playwright": { "command": "npx", "args": ["@playwright/mcp@0.0.20"] }',
    '  }',
    '}',
    '',
  ].join(nl);

const CURSOR_FIXED = (nl: string) =>
  [
    '{',
    '  "mcpServers": {',
    '    // run locally until the gateway was set up',
    '    "github": {',
    `      "url": "${GATEWAY}"`,
    '    },',
    '    "playwright": { "command": "npx", "args": ["@playwright/mcp@0.0.30"] }',
    '  }',
    '}',
    '',
  ].join(nl);

/** A file the fix must leave alone: its only server already goes through the gateway. */
const VSCODE_CLEAN = `{\n  "servers": {\n    "github": { "type": "http", "url": "${GATEWAY}" }\n  }\n}\n`;

describe('mcp-gatekeeper fix (CLI)', () => {
  before(function () {
    if (!fs.existsSync(CLI)) this.skip(); // built by `node scripts/build.mjs`
  });

  it('--dry-run prints a unified diff with the secrets masked and writes nothing', () => {
    const m = machine();
    writeTree(m.ws, { '.cursor/mcp.json': CURSOR('\n'), '.vscode/mcp.json': VSCODE_CLEAN });
    const cursor = path.join(m.ws, '.cursor', 'mcp.json');
    const vscode = path.join(m.ws, '.vscode', 'mcp.json');
    const before = [snapshot(cursor), snapshot(vscode)];
    for (const flags of [['--dry-run'], []]) {
      const r = fix(m, ...flags);
      assert.equal(r.code, 0, r.stderr); // every finding has a safe fix: nothing would be left
      assert.match(r.stdout, new RegExp(`^--- ${escape(cursor)}`, 'm'));
      assert.match(r.stdout, new RegExp(`^\\+\\+\\+ ${escape(cursor)}`, 'm'));
      assert.match(r.stdout, /^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
      assert.match(r.stdout, /^-      "command": "npx",$/m);
      assert.match(r.stdout, new RegExp(`^\\+      "url": "${escape(GATEWAY)}"$`, 'm'));
      assert.match(r.stdout, /^\+    "playwright": \{ "command": "npx", "args": \["@playwright\/mcp@0\.0\.30"\] \}$/m);
      assert.match(r.stdout, /^# github: Route through the Acme gateway \(dropped: GITHUB_PERSONAL_ACCESS_TOKEN, OTHER; the gateway holds credentials\)$/m);
      assert.match(r.stdout, /^# playwright: Pin to the approved version 0\.0\.30$/m);
      assert.match(r.stdout, /^# dry run: nothing was written; use --write to apply$/m);
      assert.ok(!r.stdout.includes(vscode), 'a file with nothing to fix is not in the diff');
      for (const secret of [TOKEN, OTHER_SECRET]) assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `secret leaked: ${secret}`);
      assertUntouched(cursor, before[0]);
      assertUntouched(vscode, before[1]);
      assert.deepEqual(leftovers(path.dirname(cursor)), []);
    }
  });

  it('--write replaces the file atomically with a .bak of the original, keeping BOM and CRLF; untouched files stay untouched', () => {
    const m = machine();
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CURSOR('\r\n'))]);
    writeTree(m.ws, { '.vscode/mcp.json': VSCODE_CLEAN });
    const cursor = path.join(m.ws, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(cursor), { recursive: true });
    fs.writeFileSync(cursor, original);
    fs.chmodSync(cursor, 0o640);
    const vscode = path.join(m.ws, '.vscode', 'mcp.json');
    const clean = snapshot(vscode);

    const r = fix(m, '--write');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^# wrote ${escape(cursor)} \\(backup: ${escape(cursor)}\\.bak\\)$`, 'm'));
    assert.ok(!r.stdout.includes('# dry run'));
    for (const secret of [TOKEN, OTHER_SECRET]) assert.ok(!r.stdout.includes(secret), `secret leaked: ${secret}`);
    assert.ok(fs.readFileSync(cursor).equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CURSOR_FIXED('\r\n'))])));
    assert.ok(fs.readFileSync(`${cursor}.bak`).equals(original), 'the backup is the original, byte for byte');
    assert.equal(fs.statSync(cursor).mode & 0o777, 0o640);
    assertUntouched(vscode, clean);
    assert.deepEqual(leftovers(path.dirname(cursor)), []);

    // a second run finds nothing to fix and writes nothing
    const fixed = snapshot(cursor);
    const again = fix(m, '--write');
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, '');
    const now = snapshot(cursor);
    assert.ok(now.bytes.equals(fixed.bytes));
    assert.equal(now.mtimeMs, fixed.mtimeMs);
  });

  it('rewrites YAML and TOML files in their own dialect (Codex, Goose), secrets out of the diff', () => {
    const m = machine();
    const codex = ['# Codex', 'model = "o3"', '', '[mcp_servers.github]', 'command = "npx"', 'args = ["-y", "@modelcontextprotocol/server-github"]', '', '[mcp_servers.github.env]', `GITHUB_PERSONAL_ACCESS_TOKEN = "${TOKEN}"`, ''].join('\n');
    const goose = ['extensions:', '  github:', '    cmd: npx', "    args: ['-y', '@modelcontextprotocol/server-github']", '    enabled: true', '    envs:', `      GITHUB_PERSONAL_ACCESS_TOKEN: ${TOKEN}`, '    name: github', '    type: stdio', ''].join('\r\n');
    writeTree(m.home, { '.codex/config.toml': codex, '.config/goose/config.yaml': goose });
    const r = fix(m, '--write');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(TOKEN), 'token leaked');
    assert.equal(fs.readFileSync(path.join(m.home, '.codex', 'config.toml'), 'utf8'), ['# Codex', 'model = "o3"', '', '[mcp_servers.github]', `url = "${GATEWAY}"`, ''].join('\n'));
    assert.equal(fs.readFileSync(path.join(m.home, '.config', 'goose', 'config.yaml'), 'utf8'), ['extensions:', '  github:', '    enabled: true', '    name: github', '    type: streamable_http', `    uri: ${GATEWAY}`, ''].join('\r\n'));
    assert.equal(fs.readFileSync(path.join(m.home, '.codex', 'config.toml.bak'), 'utf8'), codex);
    assert.equal(fs.readFileSync(path.join(m.home, '.config', 'goose', 'config.yaml.bak'), 'utf8'), goose);
  });

  it('--rule applies only the fixes for those rules and judges the exit code by them', () => {
    const m = machine();
    writeTree(m.ws, { '.cursor/mcp.json': CURSOR('\n') });
    const cursor = path.join(m.ws, '.cursor', 'mcp.json');
    const pin = fix(m, '--write', '--rule', 'unapproved-version');
    assert.equal(pin.code, 0, pin.stderr);
    assert.ok(!pin.stdout.includes('# github:'));
    const afterPin = fs.readFileSync(cursor, 'utf8');
    assert.equal(afterPin, CURSOR('\n').replace('@playwright/mcp@0.0.20', '@playwright/mcp@0.0.30'));
    // the bypass is still there: a run for that rule fixes it
    const gw = fix(m, '--dry-run', '--rule', 'bypasses-gateway', '--rule', 'shadow-mcp');
    assert.equal(gw.code, 0, gw.stderr);
    assert.match(gw.stdout, /^# github: Route through the Acme gateway/m);
    assert.ok(!gw.stdout.includes('# playwright:'));
  });

  it('--disable-shadow turns unknown servers off with the client\'s own flag, never removes them; exit 1 while findings remain', () => {
    const m = machine();
    const shadow = { command: 'npx', args: ['-y', 'some-unknown-mcp@1.0.0'] };
    writeTree(m.home, {
      '.codeium/windsurf/mcp_config.json': `${JSON.stringify({ mcpServers: { shadow } }, null, 2)}\n`,
      '.codex/config.toml': '[mcp_servers.shadow]\ncommand = "npx"\nargs = ["-y", "some-unknown-mcp@1.0.0"]\n',
    });
    // Cursor has no per-entry switch: its shadow server can only be removed, which fix never does
    writeTree(m.ws, { '.cursor/mcp.json': `${JSON.stringify({ mcpServers: { shadow } }, null, 2)}\n` });
    const cursor = path.join(m.ws, '.cursor', 'mcp.json');
    const cursorBefore = snapshot(cursor);

    const plain = fix(m, '--dry-run');
    assert.equal(plain.code, 1, plain.stderr);
    assert.equal(plain.stdout, '# dry run: nothing was written; use --write to apply\n');

    const r = fix(m, '--write', '--disable-shadow');
    assert.equal(r.code, 1, r.stderr); // the Cursor entry is still a shadow server
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(m.home, '.codeium', 'windsurf', 'mcp_config.json'), 'utf8')), { mcpServers: { shadow: { ...shadow, disabled: true } } });
    assert.equal(fs.readFileSync(path.join(m.home, '.codex', 'config.toml'), 'utf8'), '[mcp_servers.shadow]\ncommand = "npx"\nargs = ["-y", "some-unknown-mcp@1.0.0"]\nenabled = false\n');
    assertUntouched(cursor, cursorBefore);
    assert.match(r.stdout, /^# shadow: Disable this server$/m);
    assert.ok(!/Remove/.test(r.stdout));
  });

  it('exit code 2 when a write fails (the .bak path is a folder): the file is left as it was', () => {
    const m = machine();
    writeTree(m.ws, { '.cursor/mcp.json': CURSOR('\n') });
    const cursor = path.join(m.ws, '.cursor', 'mcp.json');
    fs.mkdirSync(`${cursor}.bak`);
    fs.writeFileSync(path.join(`${cursor}.bak`, 'keep'), 'x'); // a non-empty folder: no rename can replace it
    const before = fs.readFileSync(cursor);
    const r = fix(m, '--write');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`mcp-gatekeeper: ${escape(cursor)}: cannot write: a folder is in the way \\(\\w+\\); not written`));
    assert.ok(fs.readFileSync(cursor).equals(before));
    assert.ok(fs.statSync(`${cursor}.bak`).isDirectory());
    assert.deepEqual(leftovers(path.dirname(cursor)), []);
  });

  it('exit code 2 for a read-only config: untouched, and the message says why', () => {
    const m = machine();
    writeTree(m.ws, { '.cursor/mcp.json': CURSOR('\n') });
    const cursor = path.join(m.ws, '.cursor', 'mcp.json');
    fs.chmodSync(cursor, 0o444);
    const before = snapshot(cursor);
    const r = fix(m, '--write');
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, `mcp-gatekeeper: ${cursor}: the file is read-only; make it writable to apply the fix; not written\n`);
    assertUntouched(cursor, before);
  });

  it('uses the file as its client reads it: names other files turn off (Claude Code) do not count as findings left', () => {
    const m = machine();
    writeTree(m.ws, {
      '.mcp.json': `${JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] }, shadow: { command: 'npx', args: ['-y', 'some-unknown-mcp@1.0.0'] } } }, null, 2)}\n`,
      '.claude/settings.local.json': JSON.stringify({ disabledMcpjsonServers: ['shadow'] }),
    });
    const r = fix(m, '--write');
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(m.ws, '.mcp.json'), 'utf8')).mcpServers.github, { type: 'http', url: GATEWAY });
  });

  it('fixes servers of a project entry in ~/.claude.json (read with the open folders, like the scan), also under a name used twice', () => {
    const m = machine();
    const github = { type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] };
    const global = { numStartups: 3, mcpServers: { github }, projects: { [m.ws]: { mcpServers: { github } }, '/elsewhere': { mcpServers: { github } } } };
    writeTree(m.home, { '.claude.json': JSON.stringify(global, null, 2) });
    const r = fix(m, '--write');
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const now = JSON.parse(fs.readFileSync(path.join(m.home, '.claude.json'), 'utf8'));
    assert.deepEqual(now.mcpServers.github, { type: 'http', url: GATEWAY });
    assert.deepEqual(now.projects[m.ws].mcpServers.github, { type: 'http', url: GATEWAY });
    // a folder that is not open is not scanned, so it is not rewritten either
    assert.deepEqual(now.projects['/elsewhere'].mcpServers.github, github);
    assert.equal(now.numStartups, 3);
  });

  it('--write appends one masked record per fixed entry to the change log, which `log` shows; --dry-run and failed writes add none', () => {
    const m = machine();
    writeTree(m.ws, { '.cursor/mcp.json': CURSOR('\n') });
    const cursor = path.join(m.ws, '.cursor', 'mcp.json');
    // a simulated --home keeps its own log in its state folder
    const logFile = path.join(m.home, '.local', 'state', 'mcp-gatekeeper', 'changes.jsonl');
    assert.equal(fix(m, '--dry-run').code, 0);
    assert.ok(!fs.existsSync(logFile), 'a dry run records nothing');

    const r = fix(m, '--write');
    assert.equal(r.code, 0, r.stderr);
    const text = fs.readFileSync(logFile, 'utf8');
    for (const secret of [TOKEN, OTHER_SECRET]) assert.ok(!text.includes(secret) && !text.includes(secret.slice(0, 8)), `secret in the change log: ${secret}`);
    if (process.platform !== 'win32') assert.equal(fs.statSync(logFile).mode & 0o777, 0o600);
    const records = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(
      records.map((x) => [x.v, x.tool, x.action, x.server, x.fix, x.file, x.client, x.saved, x.backup]),
      [
        [1, 'cli', 'fix', 'github', 'gateway', cursor, 'cursor', true, `${cursor}.bak`],
        [1, 'cli', 'fix', 'playwright', 'pin', cursor, 'cursor', true, `${cursor}.bak`],
      ],
    );
    assert.deepEqual(records[0].droppedEnvNames, ['GITHUB_PERSONAL_ACCESS_TOKEN', 'OTHER']);
    assert.match(records[0].before, /"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_01\*{4}"/);
    assert.equal(records[0].after, `"github": {\n  "url": "${GATEWAY}"\n}`);
    assert.match(records[1].after, /@playwright\/mcp@0\.0\.30/);

    const log = (...args: string[]) => spawnSync(process.execPath, [CLI, 'log', '--home', m.home, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MCPG_AUDIT_LOG: '' } });
    const table = log();
    assert.equal(table.status, 0, table.stderr);
    const rows = table.stdout.trimEnd().split('\n');
    assert.match(rows[0], /^TIME\s+TOOL\s+ACTION\s+SERVER\s+RULE\s+FILE$/);
    assert.match(rows[1], /\scli\s+fix pin\s+playwright\s+unapproved-version\s/, 'newest first');
    assert.match(rows[2], /\scli\s+fix gateway\s+github\s+hardcoded-secret,/);
    const json = JSON.parse(log('--json', '--limit', '1').stdout);
    assert.deepEqual(json.map((x: { server: string }) => x.server), ['playwright']);
    assert.deepEqual(JSON.parse(log('--json', '--file', path.join(m.ws, 'other.json')).stdout), []);
    assert.equal(log('--limit', '0').status, 2);

    // a log that cannot be written is a warning: the fix itself succeeded
    fs.writeFileSync(cursor, CURSOR('\n'));
    const blocked = path.join(m.home, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    const again = spawnSync(process.execPath, [CLI, 'fix', ...m.args, '--write'], { encoding: 'utf8', env: { ...process.env, MCPG_AUDIT_LOG: path.join(blocked, 'changes.jsonl') } });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /warning: the change log .* could not be written/);
    assert.equal(fs.readFileSync(cursor, 'utf8'), CURSOR_FIXED('\n'));
  });
});

describe('writeSafely (the fix command\'s writer)', () => {
  it('replaces the file through a temporary file, keeps BOM and mode, writes a byte-identical .bak', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mcp.json');
    const original = Buffer.from('\ufeff{\r\n  "a": 1\r\n}\r\n');
    fs.writeFileSync(file, original);
    fs.chmodSync(file, 0o600);
    assert.equal(await writeSafely(file, '{\r\n  "a": 1\r\n}\r\n', '{\r\n  "a": 2\r\n}\r\n'), null);
    assert.equal(fs.readFileSync(file, 'utf8'), '\ufeff{\r\n  "a": 2\r\n}\r\n');
    assert.ok(fs.readFileSync(`${file}.bak`).equals(original));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(`${file}.bak`).mode & 0o777, 0o600);
    assert.deepEqual(leftovers(dir), []);
  });

  it('refuses a file that changed since it was planned on, and leaves it and its folder as they were', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.toml');
    fs.writeFileSync(file, 'a = 1\n# saved by an editor meanwhile\n');
    const before = snapshot(file);
    assert.equal(await writeSafely(file, 'a = 1\n', 'a = 2\n'), 'the file changed during the run');
    assertUntouched(file, before);
    assert.deepEqual(fs.readdirSync(dir), ['config.toml']);
  });

  it('refuses a file that is not valid UTF-8 (rewriting it would change bytes outside the fix)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.yaml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\na: 1\n')]));
    const before = snapshot(file);
    const decoded = new TextDecoder('utf-8').decode(fs.readFileSync(file));
    assert.match((await writeSafely(file, decoded, decoded.replace('a: 1', 'a: 2'))) ?? '', /not valid UTF-8/);
    assertUntouched(file, before);
  });

  it('writes through a symbolic link and keeps the link', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempDir();
    const real = path.join(dir, 'real.json');
    const link = path.join(dir, 'link.json');
    fs.writeFileSync(real, '{}\n');
    fs.symlinkSync(real, link);
    assert.equal(await writeSafely(link, '{}\n', '{ "a": 1 }\n'), null);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(real, 'utf8'), '{ "a": 1 }\n');
    assert.equal(fs.readFileSync(`${link}.bak`, 'utf8'), '{}\n');
  });

  it('replaces a .bak that is a link instead of writing through it', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempDir();
    const file = path.join(dir, 'mcp.json');
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(file, '{}\n');
    fs.writeFileSync(victim, 'precious\n');
    fs.symlinkSync(victim, `${file}.bak`);
    assert.equal(await writeSafely(file, '{}\n', '{ "a": 1 }\n'), null);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
    assert.ok(!fs.lstatSync(`${file}.bak`).isSymbolicLink());
    assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), '{}\n');
  });

  it('reports a failed write and cleans up: the original stays, no temporary file is left', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mcp.json');
    fs.writeFileSync(file, '{}\n');
    fs.mkdirSync(`${file}.bak`);
    fs.writeFileSync(path.join(`${file}.bak`, 'x'), 'x');
    assert.match((await writeSafely(file, '{}\n', '{ "a": 1 }\n')) ?? '', /^cannot write: (a folder is in the way|a file is in the way|operation not permitted) \((EISDIR|ENOTEMPTY|EEXIST|EPERM)\)$/);
    assert.equal(fs.readFileSync(file, 'utf8'), '{}\n');
    assert.deepEqual(leftovers(dir), []);
    assert.equal(await writeSafely(path.join(dir, 'missing.json'), '', 'x'), 'the file no longer exists (deleted during the run?)');
  });

  describe('files under change while the fix is written', () => {
    // Moments inside writeSafely are reached by wrapping fs.promises.writeFile (the same object the writer calls):
    // `during(n, act)` runs `act` when the n-th file is being written (1: the .bak copy, 2: the new text).
    const realWriteFile = fsp.writeFile;
    afterEach(() => {
      fsp.writeFile = realWriteFile;
    });
    function during(n: number, act: (file: string, data: Buffer) => Promise<void> | void): void {
      let calls = 0;
      fsp.writeFile = (async (file: string, data: Buffer, options: unknown) => {
        if (++calls === n) await act(file, data);
        return realWriteFile(file, data, options as Parameters<typeof realWriteFile>[2]);
      }) as typeof fsp.writeFile;
    }
    function failing(n: number, code: string): void {
      let calls = 0;
      fsp.writeFile = (async (file: string, data: Buffer, options: unknown) => {
        if (++calls !== n) return realWriteFile(file, data, options as Parameters<typeof realWriteFile>[2]);
        // a full disk: part of the data lands, then the write fails
        await realWriteFile(file, data.subarray(0, Math.floor(data.length / 2)), options as Parameters<typeof realWriteFile>[2]);
        throw Object.assign(new Error(`${code}: simulated`), { code });
      }) as typeof fsp.writeFile;
    }
    const ORIGINAL = '{\n  "mcpServers": { "a": { "command": "npx" } }\n}\n';
    const FIXED = '{\n  "mcpServers": {}\n}\n';
    function config(): { dir: string; file: string } {
      const dir = tempDir();
      const file = path.join(dir, 'mcp.json');
      fs.writeFileSync(file, ORIGINAL);
      return { dir, file };
    }

    it('a full disk (a failing write) leaves the file whole, no partial or temporary file, and says so', async () => {
      for (const n of [1, 2]) {
        const { dir, file } = config();
        failing(n, 'ENOSPC');
        assert.equal(await writeSafely(file, ORIGINAL, FIXED), 'cannot write: no space left on the device (ENOSPC)');
        fsp.writeFile = realWriteFile;
        assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
        assert.deepEqual(leftovers(dir), []);
        // the copy was complete before the new text failed, or it was never put in place
        if (fs.existsSync(`${file}.bak`)) assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), ORIGINAL);
        assert.equal(n === 1, !fs.existsSync(`${file}.bak`));
      }
    });

    it('saved by an editor while the fix is written: refused, the editor\'s text stays', async () => {
      const { dir, file } = config();
      const edited = ORIGINAL.replace('npx', 'uvx');
      during(2, () => fs.writeFileSync(file, edited));
      assert.equal(await writeSafely(file, ORIGINAL, FIXED), 'the file changed during the run');
      assert.equal(fs.readFileSync(file, 'utf8'), edited);
      assert.deepEqual(leftovers(dir), []);
    });

    it('deleted while the fix is written: not recreated, and the message says where its last text is', async () => {
      const { dir, file } = config();
      during(2, () => fs.rmSync(file));
      assert.equal(await writeSafely(file, ORIGINAL, FIXED), `the file was deleted during the run (its last text is in ${file}.bak)`);
      assert.ok(!fs.existsSync(file));
      assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), ORIGINAL);
      assert.deepEqual(leftovers(dir), []);
    });

    it('replaced by a symbolic link before the write: refused, the link and its target untouched', async function () {
      if (process.platform === 'win32') this.skip();
      const { file } = config();
      const victim = path.join(tempDir(), 'victim.json');
      fs.writeFileSync(victim, '{ "precious": true }\n');
      fs.rmSync(file);
      fs.symlinkSync(victim, file);
      assert.equal(await writeSafely(file, ORIGINAL, FIXED), 'the file changed during the run');
      assert.ok(fs.lstatSync(file).isSymbolicLink());
      assert.equal(fs.readFileSync(victim, 'utf8'), '{ "precious": true }\n');
    });

    it('replaced by a symbolic link at the last moment: the rename replaces the link, never writes through it', async function () {
      if (process.platform === 'win32') this.skip();
      const { file } = config();
      const victim = path.join(tempDir(), 'victim.json');
      fs.writeFileSync(victim, ORIGINAL); // same text: the last look cannot tell the difference
      during(2, () => {
        fs.rmSync(file);
        fs.symlinkSync(victim, file);
      });
      assert.equal(await writeSafely(file, ORIGINAL, FIXED), null);
      assert.equal(fs.readFileSync(victim, 'utf8'), ORIGINAL);
      assert.ok(!fs.lstatSync(file).isSymbolicLink());
      assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
    });

    it('a read-only file is refused (even for root), untouched, with the reason', async () => {
      const { dir, file } = config();
      fs.chmodSync(file, 0o444);
      const before = snapshot(file);
      assert.equal(await writeSafely(file, ORIGINAL, FIXED), 'the file is read-only; make it writable to apply the fix');
      assertUntouched(file, before);
      assert.deepEqual(fs.readdirSync(dir), ['mcp.json']);
    });

    it('a read-only folder: the write fails with the reason, the file stays', async function () {
      if (process.platform === 'win32' || process.getuid?.() === 0) this.skip(); // root writes into any folder
      const { dir, file } = config();
      fs.chmodSync(dir, 0o555);
      after(() => fs.chmodSync(dir, 0o755));
      assert.equal(await writeSafely(file, ORIGINAL, FIXED), 'cannot write: permission denied (EACCES)');
      assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
