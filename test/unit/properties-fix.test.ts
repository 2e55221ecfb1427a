// Property tests of the quick-fix rewriter (fast-check, seeded): generated JSONC, JSON, YAML and TOML configs with
// comments, odd indentation, CRLF, trailing commas, quoting and flow/block styles; every fix offered for every entry
// must leave a file that parses, change only its entry (other entries and every comment outside it byte-identical),
// give the verdict it promised when re-scanned, and not be offered again (applying it twice changes nothing).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { planFixes } from '../../src/core/fix/plan';
import { applyEdits, type PlannedFix } from '../../src/core/fix/types';
import type { CheckedServer, ClientId, ConfigFormat, ConfigLocation } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { analyzeText } from '../../src/core/scan';
import { checkerFor, INVENTORY_DATA } from '../fixInventory';
import { FUZZ_RUNS, SEED } from './fuzzConfig';

const checker = checkerFor(INVENTORY_DATA);

type Kind = 'bypass' | 'legacy' | 'old-version' | 'deprecated' | 'rejected' | 'shadow' | 'approved';

interface Spec {
  name: string;
  kind: Kind;
  /** a literal token in the entry's env (a hardcoded-secret finding, and a move-secret fix where the client has one) */
  secret: boolean;
  /** a comment on its own line inside the entry */
  innerComment: boolean;
}

interface Style {
  indent: string;
  eol: '\n' | '\r\n';
  trailingCommas: boolean;
  blankLines: boolean;
  flowArgs: boolean;
  quote: 'plain' | 'single' | 'double';
  inlineTables: boolean;
}

interface Target {
  client: ClientId;
  format: ConfigFormat;
  path: string;
  comments: boolean;
}

const TARGETS: Target[] = [
  { client: 'vscode', format: 'jsonc', path: '/ws/.vscode/mcp.json', comments: true },
  { client: 'cursor', format: 'json', path: '/ws/.cursor/mcp.json', comments: false },
  { client: 'claude-code', format: 'json', path: '/ws/.mcp.json', comments: false },
  { client: 'continue', format: 'yaml', path: '/h/.continue/config.yaml', comments: true },
  { client: 'goose', format: 'yaml', path: '/h/.config/goose/config.yaml', comments: true },
  { client: 'codex', format: 'toml', path: '/h/.codex/config.toml', comments: true },
];

const NAMES = ['alpha', 'beta-2', 'my server', 'x.y', 'ünï', '__proto__', 'constructor', 'gh', 'Δ'];
/** A GitHub-token-shaped literal, different for each entry (`ghp_` and 36 characters). */
const token = (name: string) => `ghp_0123456789abcdefghijABCDEFGHIJ${Buffer.from(name).toString('hex').padEnd(6, '0').slice(0, 6)}`;

/** What each kind of entry runs: the inventory decides which fixes it gets. */
function fields(spec: Spec, i: number): { command?: string; args?: string[]; url?: string } {
  switch (spec.kind) {
    case 'bypass':
      return { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] };
    case 'legacy':
      return { command: 'npx', args: ['-y', 'github-mcp-legacy'] };
    case 'old-version':
      return { command: 'npx', args: ['-y', '@playwright/mcp@2.0.0'] };
    case 'deprecated':
      return { command: 'npx', args: ['-y', 'mcp-fetch-old'] };
    case 'rejected':
      return { url: 'https://old-search.example/mcp' };
    case 'shadow':
      return { command: 'npx', args: ['-y', `shadow-${i}-mcp`] };
    case 'approved':
      return { command: 'uvx', args: ['mcp-server-git==0.6.2'] };
  }
}

/**
 * Comments carry a unique marker, so each one can be found again after a fix. A comment is the file's (outside every
 * entry), an entry's leading comment (the line right above it: removing the entry may take it along) or inside it.
 */
class Marks {
  private n = 0;
  readonly outside: string[] = [];
  readonly leading = new Map<string, string>();
  readonly inside = new Map<string, string>();
  next(owner?: string, role: 'leading' | 'inside' = 'inside'): string {
    const mark = `c${++this.n} note`;
    if (owner === undefined) this.outside.push(mark);
    else (role === 'leading' ? this.leading : this.inside).set(owner, mark);
    return mark;
  }
  /** the comments a fix must keep byte-identical */
  kept(server: string, kind: PlannedFix['kind']): string[] {
    const others = (m: Map<string, string>) => [...m].filter(([owner]) => owner !== server).map(([, mark]) => mark);
    const out = [...this.outside, ...others(this.leading), ...others(this.inside)];
    const own = (m: Map<string, string>) => (m.has(server) ? [m.get(server)!] : []);
    if (kind !== 'remove') out.push(...own(this.leading));
    if (kind === 'pin' || kind === 'disable' || kind === 'move-secret') out.push(...own(this.inside));
    return out;
  }
}

function render(target: Target, specs: Spec[], style: Style, marks: Marks): string {
  const lines = target.format === 'toml' ? tomlLines(target, specs, style, marks) : target.format === 'yaml' ? yamlLines(target, specs, style, marks) : jsonLines(target, specs, style, marks);
  return lines.join(style.eol) + style.eol;
}

function jsonLines(target: Target, specs: Spec[], style: Style, marks: Marks): string[] {
  const I = style.indent;
  const comment = (owner?: string) => `// ${marks.next(owner)}`;
  const key = target.client === 'vscode' ? 'servers' : 'mcpServers';
  const out: string[] = ['{'];
  if (target.comments) out.push(`${I}${comment()}`);
  out.push(`${I}${JSON.stringify(key)}: {`);
  specs.forEach((spec, i) => {
    if (target.comments) out.push(`${I}${I}// ${marks.next(spec.name, 'leading')}`);
    const f = fields(spec, i);
    const props: string[] = [];
    if (f.url) props.push('"type": "http"', `"url": ${JSON.stringify(f.url)}`);
    else props.push(`"command": ${JSON.stringify(f.command)}`, `"args": ${style.flowArgs ? JSON.stringify(f.args) : '[' + f.args!.map((a) => JSON.stringify(a)).join(', ') + ']'}`);
    if (spec.secret && !f.url) props.push(`"env": { "API_TOKEN": ${JSON.stringify(token(spec.name))} }`);
    out.push(`${I}${I}${JSON.stringify(spec.name)}: {`);
    props.forEach((p, j) => {
      if (j === 1 && spec.innerComment && target.comments) out.push(`${I}${I}${I}${comment(spec.name)}`);
      out.push(`${I}${I}${I}${p}${j < props.length - 1 || style.trailingCommas ? ',' : ''}`);
    });
    out.push(`${I}${I}}${i < specs.length - 1 || style.trailingCommas ? ',' : ''}`);
    if (style.blankLines) out.push('');
  });
  out.push(`${I}}${style.trailingCommas ? ',' : ''}`);
  if (target.comments) out.push(`${I}/* ${marks.next()} */`);
  out.push('}');
  return out;
}

function yamlScalar(s: string, style: Style): string {
  if (style.quote === 'double' || !/^[A-Za-z][\w./-]*$/.test(s) || /^(true|false|yes|no|on|off|null|y|n)$/i.test(s)) return JSON.stringify(s);
  return style.quote === 'single' ? `'${s}'` : s;
}

function yamlLines(target: Target, specs: Spec[], style: Style, marks: Marks): string[] {
  const I = style.indent === '\t' ? '  ' : style.indent; // YAML forbids tabs in indentation
  const q = (s: string) => yamlScalar(s, style);
  const comment = (owner?: string) => `# ${marks.next(owner)}`;
  const out: string[] = [`${comment()}`];
  const args = (list: string[], at: string) => (style.flowArgs ? [`${at}args: [${list.map(q).join(', ')}]`] : [`${at}args:`, ...list.map((a) => `${at}${I}- ${q(a)}`)]);
  if (target.client === 'continue') {
    out.push('name: Assistant', 'version: 1.0.0', 'schema: v1', 'mcpServers:');
    specs.forEach((spec, i) => {
      out.push(`${I}# ${marks.next(spec.name, 'leading')}`);
      const f = fields(spec, i);
      const at = `${I}  `;
      out.push(`${I}- name: ${q(spec.name)}`);
      if (spec.innerComment) out.push(`${at}${comment(spec.name)}`);
      if (f.url) out.push(`${at}type: streamable-http`, `${at}url: ${q(f.url)}`);
      else out.push(`${at}command: ${q(f.command!)}`, ...args(f.args!, at));
      if (spec.secret && !f.url) out.push(`${at}env:`, `${at}${I}API_TOKEN: ${q(token(spec.name))}`);
      if (style.blankLines) out.push('');
    });
  } else {
    out.push('GOOSE_PROVIDER: anthropic', 'extensions:');
    specs.forEach((spec, i) => {
      out.push(`${I}# ${marks.next(spec.name, 'leading')}`);
      const f = fields(spec, i);
      const at = `${I}${I}`;
      out.push(`${I}${q(spec.name)}:`);
      if (spec.innerComment) out.push(`${at}${comment(spec.name)}`);
      if (f.url) out.push(`${at}type: streamable_http`, `${at}uri: ${q(f.url)}`);
      else out.push(`${at}type: stdio`, `${at}cmd: ${q(f.command!)}`, ...args(f.args!, at));
      out.push(`${at}enabled: true`, `${at}timeout: 300`);
      if (spec.secret && !f.url) out.push(`${at}envs:`, `${at}${I}API_TOKEN: ${q(token(spec.name))}`);
      if (style.blankLines) out.push('');
    });
  }
  out.push(`${comment()}`);
  return out;
}

function tomlKey(s: string): string {
  return /^[A-Za-z0-9_-]+$/.test(s) ? s : JSON.stringify(s);
}

function tomlLines(_target: Target, specs: Spec[], style: Style, marks: Marks): string[] {
  const I = style.indent;
  const comment = (owner?: string) => `# ${marks.next(owner)}`;
  const out: string[] = [comment(), 'model = "gpt-5-codex"', ''];
  specs.forEach((spec, i) => {
    const f = fields(spec, i);
    out.push(`# ${marks.next(spec.name, 'leading')}`);
    const kv: string[] = f.url ? [`url = ${JSON.stringify(f.url)}`] : [`command = ${JSON.stringify(f.command)}`, `args = ${JSON.stringify(f.args).replace(/,/g, ', ')}`];
    if (style.inlineTables) {
      if (spec.secret && !f.url) kv.push(`env = { API_TOKEN = ${JSON.stringify(token(spec.name))} }`);
      out.push(`mcp_servers.${tomlKey(spec.name)} = { ${kv.join(', ')} }`);
    } else {
      out.push(`[mcp_servers.${tomlKey(spec.name)}]`);
      if (spec.innerComment) out.push(`${I}${comment(spec.name)}`);
      out.push(...kv.map((l) => `${I}${l}`), `${I}startup_timeout_sec = 20`);
      if (spec.secret && !f.url) out.push('', `[mcp_servers.${tomlKey(spec.name)}.env]`, `API_TOKEN = ${JSON.stringify(token(spec.name))}`);
    }
    if (style.blankLines) out.push('');
  });
  out.push(comment());
  return out;
}

const kinds: Kind[] = ['bypass', 'legacy', 'old-version', 'deprecated', 'rejected', 'shadow', 'approved'];

const configArb = fc.record({
  target: fc.constantFrom(...TARGETS),
  specs: fc.uniqueArray(
    fc.record({ name: fc.constantFrom(...NAMES), kind: fc.constantFrom(...kinds), secret: fc.boolean(), innerComment: fc.boolean() }),
    { minLength: 1, maxLength: 4, selector: (s) => s.name },
  ),
  style: fc.record({
    indent: fc.constantFrom(' ', '  ', '   ', '    ', '\t'),
    eol: fc.constantFrom('\n' as const, '\r\n' as const),
    trailingCommas: fc.boolean(),
    blankLines: fc.boolean(),
    flowArgs: fc.boolean(),
    quote: fc.constantFrom('plain' as const, 'single' as const, 'double' as const),
    inlineTables: fc.boolean(),
  }),
});

/** A server's extent in its text: its key and its value, whichever comes first. */
function extent(s: CheckedServer): [number, number] {
  return [Math.min(s.keyOffset, s.valueOffset), Math.max(s.keyOffset + s.keyLength, s.valueOffset + s.valueLength)];
}

/** What a server is, without where it is. */
function identity(s: CheckedServer) {
  return { transport: s.transport, command: s.command, args: s.args, url: s.url, envNames: s.envNames, package: s.package, disabled: s.disabled, verdict: s.verdict, findings: s.findings.map((f) => [f.rule, f.severity, f.message]) };
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Every property a fix promises, for one fix of one entry. */
function checkFix(text: string, loc: ConfigLocation, server: CheckedServer, fix: PlannedFix, marks: Marks, before: CheckedServer[]): void {
  const label = `${fix.kind} of ${JSON.stringify(server.name)}`;
  const after = applyEdits(text, fix.edits);
  assert.notEqual(after, text, `${label} changes nothing`);

  // the result parses, in the file's own format
  assert.equal(parseDocument(after, loc.format).error, null, `${label}: the result does not parse\n${after}`);
  const analysis = analyzeText(after, loc, checker);
  assert.equal(analysis.error, null);

  // only the target entry changed: the edits lie between its neighbours (VS Code's move-secret also adds an input)
  const [start, end] = extent(server);
  const others = before.filter((s) => s !== server);
  const lo = Math.max(0, ...others.map(extent).filter(([, e]) => e <= start).map(([, e]) => e));
  const hi = Math.min(text.length, ...others.map(extent).filter(([s]) => s >= end).map(([s]) => s));
  for (const e of fix.edits) {
    const inside = e.offset >= lo && e.offset + e.length <= hi;
    assert.ok(inside || (fix.kind === 'move-secret' && e.content.includes('promptString')), `${label}: an edit outside the entry at ${e.offset}`);
  }
  for (const other of others) {
    const [os, oe] = extent(other);
    const now = analysis.servers.find((s) => s.name === other.name);
    assert.ok(now, `${label}: ${other.name} disappeared`);
    const [ns, ne] = extent(now);
    assert.equal(after.slice(ns, ne), text.slice(os, oe), `${label}: ${other.name} changed`);
    assert.deepEqual(identity(now), identity(other), `${label}: ${other.name} reads differently`);
  }
  // comments: every one outside the entry stays byte-identical; its own stay unless the entry is replaced or removed
  for (const mark of marks.kept(server.name, fix.kind)) assert.equal(occurrences(after, mark), 1, `${label}: comment "${mark}" lost\n${after}`);

  // the promised verdict when re-scanned
  const same = analysis.servers.filter((s) => s.name === server.name);
  if (fix.kind === 'remove') {
    assert.equal(same.length, 0, `${label}: still there`);
    return;
  }
  assert.equal(same.length, 1);
  const [now] = same;
  const secrets = (s: CheckedServer) => s.findings.filter((f) => f.rule === 'hardcoded-secret').length;
  if (fix.kind === 'disable') assert.equal(now.disabled, true, label);
  else if (fix.kind === 'move-secret') {
    assert.equal(now.verdict, server.verdict, label);
    assert.equal(secrets(now), secrets(server) - 1, label);
    if (secrets(now) === 0) assert.ok(!after.includes(token(server.name)), `${label}: the token is still in the file`);
  } else {
    assert.equal(now.verdict, fix.expectedVerdict, label);
    const left = now.findings.filter((f) => (fix.kind === 'pin' ? f.rule === 'unapproved-version' : f.severity !== 'info' && f.rule !== 'hardcoded-secret'));
    assert.deepEqual(left.map((f) => f.rule), [], `${label}: findings remain`);
  }

  // idempotent: re-planning the result offers no fix of the same kind for the same thing
  const again = planFixes(after, loc, now, checker);
  const count = (list: PlannedFix[]) => list.filter((f) => f.kind === fix.kind).length;
  if (fix.kind === 'move-secret') assert.equal(count(again), count(planFixes(text, loc, server, checker)) - 1, `${label} offered again`);
  else assert.equal(count(again), 0, `${label} offered again`);
}

describe('properties: the quick-fix rewriter', () => {
  it('every fix of every generated entry parses, touches only its entry, keeps comments, keeps its promise, is idempotent', function () {
    this.timeout(0); // bounded by the run count; `npm run fuzz` runs thousands
    const seen = new Map<string, number>();
    const runs = FUZZ_RUNS(80);
    fc.assert(
      fc.property(configArb, ({ target, specs, style }) => {
        const marks = new Marks();
        const text = render(target, specs, style, marks);
        const loc: ConfigLocation = { path: target.path, client: target.client, scope: target.path.startsWith('/ws/') ? 'workspace' : 'user', format: target.format };
        const analysis = analyzeText(text, loc, checker);
        assert.equal(analysis.error, null, `generated config does not parse: ${analysis.error?.message}\n${text}`);
        assert.deepEqual(analysis.servers.map((s) => s.name).sort(), specs.map((s) => s.name).sort(), text);
        for (const server of analysis.servers) {
          for (const fix of planFixes(text, loc, server, checker)) {
            checkFix(text, loc, server, fix, marks, analysis.servers);
            const key = `${target.format}/${fix.kind}`;
            seen.set(key, (seen.get(key) ?? 0) + 1);
          }
        }
      }),
      { seed: SEED, numRuns: runs },
    );
    // the generator must reach every fix kind in every format where the kind exists (a short FUZZ_RUNS may not)
    if (runs < 80) return;
    const expected = ['jsonc/gateway', 'jsonc/switch', 'jsonc/pin', 'jsonc/remove', 'jsonc/move-secret', 'json/gateway', 'json/switch', 'json/pin', 'json/remove', 'json/move-secret', 'yaml/gateway', 'yaml/switch', 'yaml/pin', 'yaml/remove', 'yaml/disable', 'toml/gateway', 'toml/switch', 'toml/pin', 'toml/disable'];
    assert.deepEqual(expected.filter((k) => !seen.has(k)), [], `never exercised; seen: ${[...seen].map(([k, n]) => `${k}=${n}`).join(' ')}`);
  });
});
