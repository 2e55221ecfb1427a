// Property tests (fast-check, seeded so every run checks the same cases): hostile input never throws out of the
// core, and no generated secret survives into any output.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Checker } from '../../src/core/checker';
import { bundledInventory } from '../../src/core/inventory/load';
import type { ConfigFormat, ConfigLocation } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { buildPayload, newDraft } from '../../src/core/request/payload';
import { toJsonServer } from '../../src/core/report/json';
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

  const token = fc.oneof(
    fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/),
    fc.stringMatching(/^xoxb-[0-9]{10}-[A-Za-z0-9]{24}$/),
    fc.stringMatching(/^sk-proj-[A-Za-z0-9]{40}$/),
    fc.stringMatching(/^AKIA[A-Z0-9]{16}$/),
    fc.stringMatching(/^glpat-[A-Za-z0-9]{20}$/),
  );

  it('a token placed anywhere in an entry never appears in the JSON output, messages or a request payload', () => {
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
        const [server] = analyzeText(text, LOCATIONS.json, checker).servers;
        const outputs = [JSON.stringify(toJsonServer(server)), JSON.stringify(buildPayload(newDraft(server), checker.index.inventory, 'test'))];
        for (const out of outputs) assert.ok(!out.includes(secret.slice(0, 10)), `${where}: secret leaked in ${out}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
