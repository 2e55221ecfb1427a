// Property tests (fast-check, seeded so every run checks the same cases): hostile input never throws out of the
// core, and no generated secret survives into any output.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Checker } from '../../src/core/checker';
import { bundledInventory } from '../../src/core/inventory/load';
import type { ConfigFormat, ConfigLocation } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { buildPayload, newDraft } from '../../src/core/request/payload';
import { toJsonReport } from '../../src/core/report/json';
import { toSarif } from '../../src/core/report/sarif';
import { formatTable } from '../../src/core/report/table';
import { planFixes } from '../../src/core/fix/plan';
import { analyzeText } from '../../src/core/scan';
import { FUZZ_RUNS, SEED } from './fuzzConfig';

const RUNS = FUZZ_RUNS(200);
const checker = new Checker(bundledInventory());
const LOCATIONS: Record<ConfigFormat, ConfigLocation> = {
  json: { path: '/w/.cursor/mcp.json', client: 'cursor', scope: 'workspace', format: 'json' },
  jsonc: { path: '/w/.vscode/mcp.json', client: 'vscode', scope: 'workspace', format: 'jsonc' },
  yaml: { path: '/h/.continue/config.yaml', client: 'continue', scope: 'user', format: 'yaml' },
  toml: { path: '/h/.codex/config.toml', client: 'codex', scope: 'user', format: 'toml' },
};

describe('properties', () => {
  for (const format of ['jsonc', 'yaml', 'toml'] as const) {
    it(`${format}: arbitrary text never throws; the result is servers or a located error`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
          const doc = parseDocument(text, format);
          if (doc.error) assert.ok(doc.error.range.start.line >= 0);
          const analysis = analyzeText(text, LOCATIONS[format], checker);
          assert.ok(Array.isArray(analysis.servers));
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  it('truncated real configs never throw and keep what they could read', () => {
    const text = JSON.stringify({ mcpServers: { a: { command: 'npx', args: ['-y', 'mcp-a@1.0.0'] }, b: { url: 'https://b.example/mcp' } } }, null, 2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), (cut) => {
        const analysis = analyzeText(text.slice(0, cut), LOCATIONS.json, checker);
        assert.ok(analysis.servers.length <= 2);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  // Realistic files made hostile: a BOM, CRLF, a duplicated or prototype key, invalid UTF-8 (as the reader decodes it),
  // a lone surrogate, a huge string, deep nesting (past the limit or not), a cut anywhere.
  const CONFIGS: Record<'json' | 'yaml' | 'toml', string> = {
    json: '{\n  "mcpServers": {\n    "a": { "command": "npx", "args": ["-y", "mcp-a@1.0.0"], "env": { "K": "v" } },\n    "b": { "url": "https://b.example/mcp" }\n  }\n}\n',
    yaml: 'mcpServers:\n  - name: a\n    command: npx\n    args: ["-y", "mcp-a@1.0.0"]\n  - name: b\n    type: streamable-http\n    url: https://b.example/mcp\n',
    toml: '[mcp_servers.a]\ncommand = "npx"\nargs = ["-y", "mcp-a@1.0.0"]\n\n[mcp_servers.b]\nurl = "https://b.example/mcp"\n',
  };
  const mutation = fc.oneof(
    fc.constant((t: string) => '\ufeff' + t),
    fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
    fc.constant((t: string) => t.replace(/"?a"?([:\]]| =)/, '__proto__$1')),
    fc.constant((t: string) => t.replace(/"?b"?([:\]]| =)/, 'constructor$1')),
    fc.constant((t: string) => t + t),
    fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1)) + new TextDecoder().decode(Buffer.from([0xc3, 0x28, 0xff, 0xfe])) + t.slice(at % (t.length + 1))),
    fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1)) + '\ud800' + t.slice(at % (t.length + 1))),
    fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1)) + '"' + 'x'.repeat(200_000) + '"' + t.slice(at % (t.length + 1))),
    fc.integer({ min: 1, max: 12_000 }).map((n) => (t: string) => t.replace('"-y"', '['.repeat(n) + ']'.repeat(n))),
    fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1))),
  );

  it('hostile variants of real configs never throw; servers or a located error, with ranges inside the text', () => {
    fc.assert(
      fc.property(fc.constantFrom('json' as const, 'yaml' as const, 'toml' as const), fc.array(mutation, { minLength: 1, maxLength: 3 }), (format, mutations) => {
        const text = mutations.reduce((t, m) => m(t), CONFIGS[format]);
        const analysis = analyzeText(text, LOCATIONS[format], checker);
        const lines = text.split(/\r\n|\r|\n/).length;
        if (analysis.error) {
          assert.match(analysis.error.message, / at line \d+, column \d+$/);
          assert.ok(analysis.error.range.start.line < lines);
        }
        for (const server of analysis.servers) assert.ok(server.range.start.line < lines && server.valueOffset + server.valueLength <= text.length);
      }),
      { seed: SEED, numRuns: FUZZ_RUNS(100) },
    );
  });

  const token = fc.oneof(
    fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/),
    fc.stringMatching(/^xoxb-[0-9]{10}-[A-Za-z0-9]{24}$/),
    fc.stringMatching(/^sk-proj-[A-Za-z0-9]{40}$/),
    fc.stringMatching(/^AKIA[A-Z0-9]{16}$/),
    fc.stringMatching(/^glpat-[A-Za-z0-9]{20}$/),
  );

  it('a token placed anywhere in an entry never appears in the JSON, SARIF or table output, messages, fix titles or a request payload', () => {
    fc.assert(
      fc.property(token, fc.constantFrom('env', 'header', 'arg', 'flag', 'url-query', 'url-password'), (secret, where) => {
        const entry: Record<string, unknown> = { command: 'npx', args: ['-y', 'mcp-thing@1.0.0'] };
        if (where === 'env') entry.env = { API_TOKEN: secret };
        if (where === 'header') Object.assign(entry, { command: undefined, args: undefined, url: 'https://x.example/mcp', headers: { Authorization: `Bearer ${secret}` } });
        if (where === 'arg') entry.args = ['-y', 'mcp-thing@1.0.0', secret];
        if (where === 'flag') entry.args = ['-y', 'mcp-thing@1.0.0', '--token', secret];
        if (where === 'url-query') Object.assign(entry, { command: undefined, args: undefined, url: `https://x.example/mcp?access_token=${secret}` });
        if (where === 'url-password') Object.assign(entry, { command: undefined, args: undefined, url: `https://user:${secret}@x.example/mcp` });
        const text = JSON.stringify({ mcpServers: { thing: entry } });
        const analysis = analyzeText(text, LOCATIONS.json, checker);
        const [server] = analysis.servers;
        const result = { inventory: bundledInventory(), files: [{ ...analysis.location, servers: 1 }], servers: analysis.servers, summary: { total: 1, approved: 0, pending: 0, rejected: 0, deprecated: 0, unknown: 1 } } as unknown as Parameters<typeof toJsonReport>[0];
        const outputs = {
          json: JSON.stringify(toJsonReport(result)),
          sarif: JSON.stringify(toSarif(result)),
          table: formatTable(result, { width: 200 }),
          findings: server.findings.map((f) => f.message).join('\n'),
          fixTitles: planFixes(text, LOCATIONS.json, server, checker).map((f) => `${f.title} ${f.dropped.join(',')}`).join('\n'),
          payload: JSON.stringify(buildPayload(newDraft(server), checker.index.inventory, 'test')),
        };
        for (const [name, out] of Object.entries(outputs)) assert.ok(!out.includes(secret.slice(0, 10)), `${where}: secret leaked in ${name}: ${out}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
