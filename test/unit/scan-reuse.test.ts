// The editor re-checks a file on every keystroke with analyzeText, which reuses the result of each entry whose text
// is unchanged. Reused results must equal a fresh check: findings follow their entry when lines above it change, and
// whatever the file around an entry says of it (path, disabled lists) is never taken from another file's result.
import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { bundledInventory } from '../../src/core/inventory/load';
import type { ConfigLocation } from '../../src/core/model';
import { analyzeText, type FileAnalysis } from '../../src/core/scan';

const LOCATION: ConfigLocation = { path: '/work/app/.vscode/mcp.json', client: 'vscode', scope: 'workspace', format: 'jsonc' };
// realistic-looking, not real
const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const TEXT = `{
  // team servers
  "servers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${TOKEN}" }
    },
    "weather": { "command": "uvx", "args": ["mcp-server-weather==1.0.0"] }
  }
}
`;

/** What a user sees of a result: per server, the verdict and each finding with its position. */
const seen = (a: FileAnalysis) =>
  a.servers.map((s) => ({ name: s.name, file: s.file, at: s.range.start, disabled: s.disabled, verdict: s.verdict, findings: s.findings.map((f) => `${f.rule}/${f.severity}@${f.range ? `${f.range.start.line}:${f.range.start.character}` : '-'}`) }));

describe('analyzeText reuses unchanged entries without changing what they say', () => {
  it('a reused result equals a fresh check, also after lines were added above the entries', () => {
    const checker = new Checker(bundledInventory());
    const first = analyzeText(TEXT, LOCATION, checker);
    assert.ok(first.servers[0].findings.some((f) => f.rule === 'hardcoded-secret' && f.range), 'the fixture has a located finding');
    assert.deepEqual(seen(analyzeText(TEXT, LOCATION, checker)), seen(first));
    const moved = TEXT.replace('// team servers', '// team servers\n  // reviewed in March\n  // owner: platform');
    const reused = analyzeText(moved, LOCATION, checker);
    assert.deepEqual(seen(reused), seen(analyzeText(moved, LOCATION, new Checker(bundledInventory()), false)));
    assert.equal(reused.servers[0].findings.find((f) => f.rule === 'hardcoded-secret')!.range!.start.line, 8);
  });

  it('another file, or a disabled list naming the entry, is never answered from the cache', () => {
    const checker = new Checker(bundledInventory());
    analyzeText(TEXT, LOCATION, checker);
    const other = { ...LOCATION, path: '/work/other/.vscode/mcp.json' };
    assert.deepEqual(analyzeText(TEXT, other, checker).servers.map((s) => s.file), [other.path, other.path]);
    // Claude Code's project file: its settings can list servers as disabled (attached to the location by discovery)
    const project: ConfigLocation = { path: '/work/app/.mcp.json', client: 'claude-code', scope: 'workspace', format: 'json' };
    const claudeText = TEXT.replace('"servers"', '"mcpServers"').replace('  // team servers\n', '');
    analyzeText(claudeText, project, checker);
    const disabled = analyzeText(claudeText, { ...project, disabledNames: ['weather'] }, checker);
    const fresh = analyzeText(claudeText, { ...project, disabledNames: ['weather'] }, new Checker(bundledInventory()), false);
    assert.deepEqual(seen(disabled), seen(fresh));
    assert.equal(disabled.servers[1].disabled, true);
  });
});
