// The quick-fix engine across every client dialect, against golden files: test/fixtures/fix/<client>/<input> and one
// expected output per fix, `<input stem>.<server>.<kind><ext>`. `UPDATE_GOLDEN=1` writes missing/changed goldens
// (review them before keeping them). For every fix: the result parses, only the target entry changed (all other
// entries and the text around the edits byte-identical), re-checking gives the promised verdict, and the same kind of
// fix is not offered again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker } from '../../src/core/checker';
import { analyzeText } from '../../src/core/scan';
import { planFixes } from '../../src/core/fix/plan';
import { applyEdits, type FixKind, type PlannedFix } from '../../src/core/fix/types';
import { formatSpec, recognizeLauncher, replaceSpecInArgs } from '../../src/core/launchers';
import type { CheckedServer, ClientId, ConfigFormat, ConfigLocation } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { FIXTURES } from '../helpers';
import { checkerFor, GATEWAY, INVENTORY_DATA } from '../fixInventory';

const GOLDEN = path.join(FIXTURES, 'fix');
const CHECKER = checkerFor(INVENTORY_DATA);
const NO_BRIDGE = checkerFor({ ...INVENTORY_DATA, gateway: { url: INVENTORY_DATA.gateway.url } });

interface FixCase {
  server: string;
  kind: FixKind;
  /** env/header names the fix says it drops */
  dropped?: string[];
}

interface FileCase {
  client: ClientId;
  /** fixture name in test/fixtures/fix/<client>/ */
  input: string;
  /** where the client reads it (the name decides the dialect for some clients) */
  at: string;
  format: ConfigFormat;
  fixes: FixCase[];
  /** also run every fix on the file with CRLF line endings (goldens converted) */
  crlf?: boolean;
  checker?: Checker;
}

const CASES: FileCase[] = [
  {
    client: 'vscode',
    input: 'mcp.json',
    at: '/ws/.vscode/mcp.json',
    format: 'jsonc',
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'playwright', kind: 'pin' },
      { server: 'search', kind: 'switch', dropped: [] },
      { server: 'perplexity', kind: 'remove' },
    ],
  },
  {
    client: 'cursor',
    input: 'mcp.json',
    at: '/ws/.cursor/mcp.json',
    format: 'jsonc',
    crlf: true,
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'legacy', kind: 'gateway', dropped: [] },
      { server: 'shadow', kind: 'remove' },
    ],
  },
  {
    client: 'windsurf',
    input: 'mcp_config.json',
    at: '/home/u/.codeium/windsurf/mcp_config.json',
    format: 'json',
    crlf: true,
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'shadow', kind: 'disable' },
    ],
  },
  {
    client: 'gemini',
    input: 'settings.json',
    at: '/ws/.gemini/settings.json',
    format: 'jsonc',
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'shadow', kind: 'disable' },
    ],
  },
  { client: 'gemini', input: 'settings-no-mcp.json', at: '/home/u/.gemini/settings.json', format: 'jsonc', fixes: [{ server: 'shadow', kind: 'disable' }] },
  {
    client: 'claude-code',
    input: 'project.mcp.json',
    at: '/ws/.mcp.json',
    format: 'json',
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'fetch', kind: 'switch', dropped: [] },
      { server: 'search', kind: 'switch', dropped: ['Authorization'] },
    ],
  },
  {
    client: 'opencode',
    input: 'opencode.json',
    at: '/ws/opencode.json',
    format: 'jsonc',
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'playwright', kind: 'pin' },
      { server: 'shadow', kind: 'disable' },
    ],
  },
  {
    client: 'zed',
    input: 'settings.json',
    at: '/ws/.zed/settings.json',
    format: 'jsonc',
    crlf: true,
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'shadow', kind: 'disable' },
    ],
  },
  {
    client: 'cline',
    input: 'cline_mcp_settings.json',
    at: '/home/u/.cline/data/settings/cline_mcp_settings.json',
    format: 'json',
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'shadow', kind: 'disable' },
    ],
  },
  {
    client: 'roo',
    input: 'mcp.json',
    at: '/ws/.roo/mcp.json',
    format: 'json',
    crlf: true,
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'shadow', kind: 'disable' },
    ],
  },
  {
    client: 'claude-desktop',
    input: 'claude_desktop_config.json',
    at: '/home/u/.config/Claude/claude_desktop_config.json',
    format: 'json',
    fixes: [
      // no remote entries in Claude Desktop's file: the inventory's stdio bridge reaches the gateway
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'github-old', kind: 'pin' },
      { server: 'shadow', kind: 'remove' },
    ],
  },
  {
    client: 'codex',
    input: 'config.toml',
    at: '/home/u/.codex/config.toml',
    format: 'toml',
    crlf: true,
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'git', kind: 'pin' },
      { server: 'shadow', kind: 'disable' },
      { server: 'search', kind: 'switch', dropped: ['Authorization'] },
    ],
  },
  {
    client: 'codex',
    input: 'config-inline.toml',
    at: '/ws/.codex/config.toml',
    format: 'toml',
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'shadow', kind: 'disable' },
    ],
  },
  {
    client: 'continue',
    input: 'config.yaml',
    at: '/home/u/.continue/config.yaml',
    format: 'yaml',
    crlf: true,
    fixes: [
      { server: 'GitHub', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'Playwright', kind: 'pin' },
      { server: 'Legacy GitHub', kind: 'gateway', dropped: [] },
      { server: 'Shadow', kind: 'remove' },
    ],
  },
  {
    client: 'continue',
    input: 'search.yaml',
    at: '/ws/.continue/mcpServers/search.yaml',
    format: 'yaml',
    fixes: [
      { server: 'Search', kind: 'switch', dropped: [] },
      { server: 'Search', kind: 'remove' },
    ],
  },
  {
    client: 'goose',
    input: 'config.yaml',
    at: '/home/u/.config/goose/config.yaml',
    format: 'yaml',
    crlf: true,
    fixes: [
      { server: 'github', kind: 'gateway', dropped: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
      { server: 'legacy', kind: 'gateway', dropped: [] },
      { server: 'playwright', kind: 'pin' },
      { server: 'shadow', kind: 'disable' },
    ],
  },
];

function location(c: FileCase): ConfigLocation {
  return { path: c.at, client: c.client, scope: c.at.startsWith('/ws/') ? 'workspace' : 'user', format: c.format };
}

function goldenName(c: FileCase, f: FixCase): string {
  const ext = path.extname(c.input);
  return `${c.input.slice(0, -ext.length)}.${f.server.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.${f.kind}${ext}`;
}

function readGolden(c: FileCase, f: FixCase, actual: string): string {
  const file = path.join(GOLDEN, c.client, goldenName(c, f));
  if (process.env.UPDATE_GOLDEN && (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== actual)) fs.writeFileSync(file, actual);
  assert.ok(fs.existsSync(file), `missing golden ${file} (run with UPDATE_GOLDEN=1 and review it)`);
  return fs.readFileSync(file, 'utf8');
}

function serverNamed(text: string, loc: ConfigLocation, name: string, checker: Checker): CheckedServer {
  const a = analyzeText(text, loc, checker);
  assert.equal(a.error, null, `${loc.path} does not parse: ${a.error?.message}`);
  const s = a.servers.find((x) => x.name === name);
  assert.ok(s, `no server ${name} in ${loc.path}`);
  return s;
}

/** A server's extent in its text: its key and its value, whichever comes first. */
function extent(s: CheckedServer): [number, number] {
  return [Math.min(s.keyOffset, s.valueOffset), Math.max(s.keyOffset + s.keyLength, s.valueOffset + s.valueLength)];
}

/** What a server is, without where it is (finding ranges move with the lines above them). */
function identity(s: CheckedServer) {
  const findings = s.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message }));
  return { transport: s.transport, command: s.command, args: s.args, url: s.url, envNames: s.envNames, headerNames: s.headerNames, package: s.package, disabled: s.disabled, verdict: s.verdict, findings };
}


/** Applies one fix and checks everything a fix promises; returns the edited text. */
function applyAndCheck(text: string, loc: ConfigLocation, name: string, kind: FixKind, checker: Checker): { fix: PlannedFix; after: string } {
  const before = analyzeText(text, loc, checker);
  const server = serverNamed(text, loc, name, checker);
  const offered = planFixes(text, loc, server, checker);
  const fix = offered.find((f) => f.kind === kind);
  assert.ok(fix, `no ${kind} fix for ${name}; offered: ${offered.map((f) => f.kind).join(', ') || 'none'}`);
  assert.equal(fix.server, name);
  assert.equal(fix.file, loc.path);
  const after = applyEdits(text, fix.edits);

  // edits are disjoint, and outside them the text is byte-identical
  const edits = [...fix.edits].sort((a, b) => a.offset - b.offset);
  edits.slice(1).forEach((e, i) => assert.ok(edits[i].offset + edits[i].length <= e.offset, 'edits overlap'));
  const lo = edits[0].offset;
  const hi = Math.max(...edits.map((e) => e.offset + e.length));
  assert.equal(after.slice(0, lo), text.slice(0, lo), 'text before the edits changed');
  assert.equal(after.slice(after.length - (text.length - hi)), text.slice(hi), 'text after the edits changed');

  // the result parses; every other entry is byte-identical and reads the same
  const analysis = analyzeText(after, loc, checker);
  assert.equal(analysis.error, null, `the result does not parse: ${analysis.error?.message}\n${after}`);
  assert.equal(parseDocument(after, loc.format).error, null);
  for (const other of before.servers.filter((s) => s.name !== name)) {
    const [start, end] = extent(other);
    for (const e of fix.edits) assert.ok(e.offset + e.length <= start || e.offset >= end, `an edit touches ${other.name}`);
    const now = analysis.servers.find((s) => s.name === other.name);
    assert.ok(now, `${other.name} disappeared`);
    const [ns, ne] = extent(now);
    assert.equal(after.slice(ns, ne), text.slice(start, end), `${other.name} changed`);
    assert.deepEqual(identity(now), identity(other), `${other.name} reads differently`);
  }

  // the promised result, by re-checking the edited text
  const same = analysis.servers.filter((s) => s.name === name);
  if (kind === 'remove') {
    assert.equal(fix.expectedVerdict, null);
    assert.equal(same.length, 0, 'still there');
  } else {
    assert.equal(same.length, 1);
    const now = same[0];
    if (kind === 'disable') {
      assert.equal(now.disabled, true);
      assert.ok(now.findings.every((f) => f.severity === 'info'), 'a disabled entry keeps only informational findings');
    } else {
      assert.equal(now.verdict, fix.expectedVerdict);
      assert.equal(now.verdict, 'approved');
      // a pin resolves the version finding (a gateway requirement may remain); the others leave nothing to warn about
      const remaining = now.findings.filter((f) => (kind === 'pin' ? fix.rules.includes(f.rule) : f.severity !== 'info'));
      assert.deepEqual(remaining, [], `findings remain: ${remaining.map((f) => f.rule).join(', ')}`);
    }
    // idempotent: the same kind of fix is not offered again
    const again = planFixes(after, loc, now, checker);
    assert.ok(!again.some((f) => f.kind === kind), `${kind} offered again`);
  }
  if (kind === 'gateway' || kind === 'switch') assert.deepEqual(fix.dropped, [...server.envNames, ...server.headerNames]);
  else assert.deepEqual(fix.dropped, []);
  return { fix, after };
}

describe('quick-fixes in every client dialect (golden files)', () => {
  for (const c of CASES) {
    describe(`${c.client}: ${c.input}`, () => {
      const input = fs.readFileSync(path.join(GOLDEN, c.client, c.input), 'utf8');
      const checker = c.checker ?? CHECKER;
      for (const f of c.fixes) {
        it(`${f.kind} "${f.server}"`, () => {
          const { fix, after } = applyAndCheck(input, location(c), f.server, f.kind, checker);
          assert.equal(after, readGolden(c, f, after));
          if (f.dropped) assert.deepEqual(fix.dropped, f.dropped);
        });
        if (c.crlf) {
          it(`${f.kind} "${f.server}" with CRLF line endings`, () => {
            const crlf = input.replace(/\n/g, '\r\n');
            const { after } = applyAndCheck(crlf, location(c), f.server, f.kind, checker);
            assert.equal(after, readGolden(c, f, after.replace(/\r\n/g, '\n')).replace(/\n/g, '\r\n'));
            assert.ok(!/[^\r]\n/.test(after), 'a bare LF in a CRLF file');
          });
        }
      }
    });
  }
});

describe('which fixes each entry gets', () => {
  const kinds = (c: FileCase, name: string, checker = CHECKER) => {
    const text = fs.readFileSync(path.join(GOLDEN, c.client, c.input), 'utf8');
    return planFixes(text, location(c), serverNamed(text, location(c), name, checker), checker).map((f) => `${f.kind}${f.safe ? '/safe' : ''}${f.isPreferred ? '/preferred' : ''}`);
  };
  const byClient = (client: ClientId, input?: string) => CASES.find((c) => c.client === client && (!input || c.input === input))!;

  it('Claude Desktop reaches the gateway only through the inventory stdio bridge: without it, no gateway fix', () => {
    const c = byClient('claude-desktop');
    assert.deepEqual(kinds(c, 'github'), ['gateway/safe/preferred']);
    assert.deepEqual(kinds(c, 'github', NO_BRIDGE), []);
    // a version outside the range: the pin is the safe fix; the bridge is offered but not applied blindly
    assert.deepEqual(kinds(c, 'github-old'), ['gateway/preferred', 'pin/safe/preferred', 'remove']);
    assert.deepEqual(kinds(c, 'github-old', NO_BRIDGE), ['pin/safe/preferred', 'remove']);
    assert.deepEqual(kinds(c, 'shadow', NO_BRIDGE), ['remove']);
  });

  it('clients with a disable flag are offered it (safe for shadow servers) instead of removal; the others removal', () => {
    assert.deepEqual(kinds(byClient('windsurf'), 'shadow'), ['disable/safe']);
    assert.deepEqual(kinds(byClient('codex', 'config.toml'), 'shadow'), ['disable/safe']);
    assert.deepEqual(kinds(byClient('goose'), 'shadow'), ['disable/safe']);
    assert.deepEqual(kinds(byClient('gemini', 'settings.json'), 'shadow'), ['disable/safe']);
    assert.deepEqual(kinds(byClient('continue', 'config.yaml'), 'Shadow'), ['remove']);
    // its API key is a literal: moving it to an input is offered too
    assert.deepEqual(kinds(byClient('vscode'), 'perplexity'), ['remove', 'move-secret/preferred']);
  });

  it('deprecated and rejected entries get the approved replacement along the replacedBy chain', () => {
    assert.deepEqual(kinds(byClient('cursor'), 'legacy'), ['gateway/safe/preferred', 'remove']);
    assert.deepEqual(kinds(byClient('claude-code'), 'search'), ['switch/preferred', 'remove']);
    assert.deepEqual(kinds(byClient('claude-code'), 'fetch'), ['switch/preferred', 'remove']);
    assert.deepEqual(kinds(byClient('continue', 'config.yaml'), 'Legacy GitHub'), ['gateway/safe/preferred', 'remove']);
  });

  it('approved entries that run no other version get nothing; a file that does not parse gets nothing', () => {
    const c = byClient('goose');
    const text = fs.readFileSync(path.join(GOLDEN, c.client, c.input), 'utf8');
    const broken = `${text}\n  bad: [unclosed\n`;
    const s = serverNamed(text, location(c), 'shadow', CHECKER);
    assert.deepEqual(planFixes(broken, location(c), s, CHECKER), []);
    const codex = '[mcp_servers.shadow]\ncommand = "npx"\nargs = ["-y", "some-unknown-mcp"]\n[mcp_servers.shadow]\n';
    const loc: ConfigLocation = { path: '/h/.codex/config.toml', client: 'codex', scope: 'user', format: 'toml' };
    const first = analyzeText('[mcp_servers.shadow]\ncommand = "npx"\nargs = ["-y", "some-unknown-mcp"]\n', loc, CHECKER).servers[0];
    assert.deepEqual(planFixes(codex, loc, first, CHECKER), []);
  });

  it('a name used twice in one file (~/.claude.json user and project entries): each occurrence is fixed on its own', () => {
    const loc = { path: '/home/u/.claude.json', client: 'claude-code', scope: 'user', format: 'json', projects: ['/ws'], platform: 'linux' } as ConfigLocation;
    const github = { type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] };
    const text = `${JSON.stringify({ mcpServers: { github }, projects: { '/ws': { mcpServers: { github } } } }, null, 2)}\n`;
    const [user, project] = analyzeText(text, loc, CHECKER).servers;
    assert.deepEqual([user.scope, project.scope, user.name, project.name], ['user', 'workspace', 'github', 'github']);
    for (const [i, s] of [user, project].entries()) {
      const fix = planFixes(text, loc, s, CHECKER).find((f) => f.kind === 'gateway');
      assert.ok(fix, `no gateway fix for occurrence ${i}`);
      const after = JSON.parse(applyEdits(text, fix.edits));
      const fixed = { type: 'http', url: GATEWAY };
      assert.deepEqual([after.mcpServers.github, after.projects['/ws'].mcpServers.github], i === 0 ? [fixed, github] : [github, fixed]);
    }
  });

  it('a Continue item without a name gets the server name; an item named only by its position stays unnamed', () => {
    const loc: ConfigLocation = { path: '/h/.continue/config.yaml', client: 'continue', scope: 'user', format: 'yaml' };
    const text = 'mcpServers:\n  - command: npx\n    args: ["-y", github-mcp-legacy]\n  - uses: acme/legacy-github\n    override:\n      command: npx\n      args: ["-y", github-mcp-legacy]\n';
    const positional = applyAndCheck(text, loc, 'mcpServers[0]', 'gateway', CHECKER).after;
    assert.equal(positional, text.replace('  - command: npx\n    args: ["-y", github-mcp-legacy]\n', `  - type: streamable-http\n    url: ${GATEWAY}\n`));
    const uses = applyAndCheck(text, loc, 'acme/legacy-github', 'gateway', CHECKER).after;
    assert.equal(uses, text.replace(/ {2}- uses:[^]*$/, `  - name: acme/legacy-github\n    type: streamable-http\n    url: ${GATEWAY}\n`));
  });
});

describe('JSON edits in the file\'s own style', () => {
  const gemini: ConfigLocation = { path: '/ws/.gemini/settings.json', client: 'gemini', scope: 'workspace', format: 'jsonc' };

  it('appends to a block list at its elements\' indentation, keeping a trailing comma', () => {
    const text = '{\r\n\t"mcpServers": {\r\n\t\t"shadow": { "command": "npx", "args": ["-y", "some-unknown-mcp"] }\r\n\t},\r\n\t"mcp": {\r\n\t\t"excluded": [\r\n\t\t\t"a", // first\r\n\t\t],\r\n\t},\r\n}\r\n';
    const { after } = applyAndCheck(text, gemini, 'shadow', 'disable', CHECKER);
    assert.equal(after, text.replace('"a", // first\r\n', '"a", // first\r\n\t\t\t"shadow",\r\n'));
  });

  it('adds a flag after the last property without moving the comment at the end of its line', () => {
    const zed: ConfigLocation = { path: '/ws/.zed/settings.json', client: 'zed', scope: 'workspace', format: 'jsonc' };
    const text = '{\n  "context_servers": {\n    "shadow": {\n      "command": "npx",\n      "args": ["-y", "some-unknown-mcp"] /* why */\n    }\n  }\n}\n';
    assert.equal(applyAndCheck(text, zed, 'shadow', 'disable', CHECKER).after, text.replace('] /* why */\n', '], /* why */\n      "enabled": false\n'));
  });

  it('removes an entry with its own comments only: the neighbours\' comments stay (found by the rewriter properties)', () => {
    const cursor: ConfigLocation = { path: '/ws/.cursor/mcp.json', client: 'cursor', scope: 'workspace', format: 'jsonc' };
    const a = '"a": { "command": "npx", "args": ["-y", "shadow-a-mcp"] }';
    const b = '"b": { "command": "npx", "args": ["-y", "shadow-b-mcp"] }';
    const text = `{\n  "mcpServers": {\n    // about a\n    ${a}, // end of a\n    // about b\n    ${b} // end of b\n  }\n}\n`;
    // jsonc-parser's modify took "// about b" with a, and "// end of a" with b
    assert.equal(applyAndCheck(text, cursor, 'a', 'remove', CHECKER).after, `{\n  "mcpServers": {\n    // about b\n    ${b} // end of b\n  }\n}\n`);
    assert.equal(applyAndCheck(text, cursor, 'b', 'remove', CHECKER).after, `{\n  "mcpServers": {\n    // about a\n    ${a} // end of a\n  }\n}\n`);
    const oneLine = `{ "mcpServers": { ${a}, ${b} } }`;
    assert.equal(applyAndCheck(oneLine, cursor, 'a', 'remove', CHECKER).after, `{ "mcpServers": { ${b} } }`);
    assert.equal(applyAndCheck(oneLine, cursor, 'b', 'remove', CHECKER).after, `{ "mcpServers": { ${a} } }`);
  });

  it('fills an empty list, and creates a missing one with the file\'s indentation (tabs)', () => {
    const empty = '{\n  "mcpServers": { "shadow": { "command": "npx", "args": ["-y", "some-unknown-mcp"] } },\n  "mcp": { "excluded": [] }\n}\n';
    assert.equal(applyAndCheck(empty, gemini, 'shadow', 'disable', CHECKER).after, empty.replace('[]', '["shadow"]'));
    const tabs = '{\n\t"mcpServers": {\n\t\t"shadow": { "command": "npx", "args": ["-y", "some-unknown-mcp"] }\n\t}\n}\n';
    assert.equal(applyAndCheck(tabs, gemini, 'shadow', 'disable', CHECKER).after, '{\n\t"mcpServers": {\n\t\t"shadow": { "command": "npx", "args": ["-y", "some-unknown-mcp"] }\n\t},\n\t"mcp": {\n\t\t"excluded": [\n\t\t\t"shadow"\n\t\t]\n\t}\n}\n');
  });
});

describe('pinning to the approved version', () => {
  const loc: ConfigLocation = { path: '/home/u/.config/Claude/claude_desktop_config.json', client: 'claude-desktop', scope: 'user', format: 'json' };
  const inventory = (packages: unknown[]) =>
    checkerFor({ schemaVersion: 1, organization: 'Acme', servers: [{ id: 'x', title: 'X', status: 'approved', match: { packages } }] });
  const pin = (command: string, args: string[], packages: unknown[]) => {
    const text = `${JSON.stringify({ mcpServers: { x: { command, args } } }, null, 2)}\n`;
    const { fix, after } = applyAndCheck(text, loc, 'x', 'pin', inventory(packages));
    return { title: fix.title, args: (JSON.parse(after) as { mcpServers: { x: { args: string[] } } }).mcpServers.x.args };
  };

  it('chooses the floor of the approved range', () => {
    assert.deepEqual(pin('npx', ['-y', '@playwright/mcp@0.0.20'], [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '^0.0.30' }]).args, ['-y', '@playwright/mcp@0.0.30']);
    assert.deepEqual(pin('npx', ['-y', '@playwright/mcp@latest'], [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '>=1.2.0 <2.0.0' }]).args, ['-y', '@playwright/mcp@1.2.0']);
    assert.deepEqual(pin('npx', ['-y', '@playwright/mcp'], [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '~1.4.2 || ^2.0.0' }]).args, ['-y', '@playwright/mcp@1.4.2']);
    assert.deepEqual(pin('uvx', ['mcp-server-git==0.5.0'], [{ ecosystem: 'pypi', name: 'mcp-server-git', versions: '>=0.6.2,<1' }]).args, ['mcp-server-git==0.6.2']);
    assert.equal(pin('uvx', ['mcp-server-git'], [{ ecosystem: 'pypi', name: 'mcp-server-git', versions: '~=0.7' }]).title, 'Pin to the approved version 0.7');
  });

  it('keeps the `v` of an OCI tag, and adds none to an image tagged without it', () => {
    const image = [{ ecosystem: 'oci', name: 'ghcr.io/github/github-mcp-server', versions: '>=0.20.0' }];
    assert.deepEqual(pin('docker', ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server:v0.19.0'], image).args, [
      'run',
      '-i',
      '--rm',
      '-e',
      'GITHUB_PERSONAL_ACCESS_TOKEN',
      'ghcr.io/github/github-mcp-server:v0.20.0',
    ]);
    assert.deepEqual(pin('docker', ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server:0.19.0'], image).args, ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server:0.20.0']);
  });

  it('rewrites the spec inside --package=, a shell command line and cmd /c', () => {
    const pw = [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '>=0.0.30' }];
    assert.deepEqual(pin('npx', ['--package=@playwright/mcp@0.0.20', 'mcp-server-playwright'], pw).args, ['--package=@playwright/mcp@0.0.30', 'mcp-server-playwright']);
    assert.deepEqual(pin('sh', ['-c', 'npx -y @playwright/mcp@0.0.20 --headless'], pw).args, ['-c', 'npx -y @playwright/mcp@0.0.30 --headless']);
    assert.deepEqual(pin('cmd', ['/c', 'npx', '-y', '@playwright/mcp@0.0.20'], pw).args, ['/c', 'npx', '-y', '@playwright/mcp@0.0.30']);
  });

  it('replaceSpecInArgs: one spec replaced exactly once, else nothing', () => {
    const pkg = recognizeLauncher('npx', ['-y', '@playwright/mcp@0.0.20']).package!;
    const spec = formatSpec(pkg, '0.0.30');
    assert.deepEqual(replaceSpecInArgs(['-y', '@playwright/mcp@0.0.20'], pkg, spec), ['-y', '@playwright/mcp@0.0.30']);
    assert.deepEqual(replaceSpecInArgs(['--package=@playwright/mcp@0.0.20', 'x'], pkg, spec), ['--package=@playwright/mcp@0.0.30', 'x']);
    assert.deepEqual(replaceSpecInArgs(['-c', 'npx -y @playwright/mcp@0.0.20'], pkg, spec), ['-c', 'npx -y @playwright/mcp@0.0.30']);
    // quoted words inside a shell string are not guessed at
    assert.equal(replaceSpecInArgs(['-c', 'npx -y "@playwright/mcp@0.0.20"'], pkg, spec), null);
    // twice: ambiguous
    assert.equal(replaceSpecInArgs(['@playwright/mcp@0.0.20', '@playwright/mcp@0.0.21'], pkg, spec), null);
    const git = recognizeLauncher('uvx', ['--from=mcp-server-git==0.5.0', 'mcp-server-git']).package!;
    assert.deepEqual(git, { ecosystem: 'pypi', name: 'mcp-server-git', version: '0.5.0' });
    assert.deepEqual(replaceSpecInArgs(['--from=mcp-server-git==0.5.0', 'serve'], git, formatSpec(git, '0.6.2')), ['--from=mcp-server-git==0.6.2', 'serve']);
  });

  // `uvx --from=<spec> <same name>`, the usual way to run a pinned PyPI server, has two matching words: the
  // option's value is the package, the other the entry point
  it('replaceSpecInArgs: uvx --from=spec with the entry point of the same name', () => {
    const git = recognizeLauncher('uvx', ['--from=mcp-server-git==0.5.0', 'mcp-server-git']).package!;
    assert.deepEqual(replaceSpecInArgs(['--from=mcp-server-git==0.5.0', 'mcp-server-git'], git, formatSpec(git, '0.6.2')), ['--from=mcp-server-git==0.6.2', 'mcp-server-git']);
    assert.deepEqual(replaceSpecInArgs(['--from', 'mcp-server-git==0.5.0', 'mcp-server-git'], git, formatSpec(git, '0.6.2')), ['--from', 'mcp-server-git==0.6.2', 'mcp-server-git']);
  });
});
