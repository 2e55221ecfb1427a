import * as assert from 'node:assert/strict';
import type { ClientId, ConfigFormat } from '../../src/core/model';
import { SERVER_RULES } from '../../src/core/rules';
import { autoApproveTools } from '../../src/core/rules/autoApproveTools';
import { readRuleFixture, runRule } from '../rules';

const read = readRuleFixture;

const scan = (text: string, client: ClientId, format: ConfigFormat, file?: string) => runRule(autoApproveTools, text, client, format, file);


const EVERY = 'runs every tool of this server without asking, including tools a later server update adds';

describe('rule auto-approve-tools', () => {
  it('is registered with its SARIF metadata', () => {
    assert.ok(SERVER_RULES.includes(autoApproveTools));
    assert.deepEqual([autoApproveTools.id, autoApproveTools.name, autoApproveTools.defaultSeverity], ['auto-approve-tools', 'AutoApprovedTools', 'warning']);
  });

  it('Cline autoApprove: the listed tools; "*" is no wildcard in Cline and an empty list is fine', () => {
    const hits = scan(read('cline_mcp_settings.json'), 'cline', 'json', '/home/me/.cline/data/settings/cline_mcp_settings.json');
    assert.deepEqual(
      hits.map((h) => [h.server, h.finding.severity, h.at, h.finding.message]),
      [
        [
          'github',
          'warning',
          '["get_file_contents", "search_repositories", "create_or_update_file"]',
          'Cline runs 3 tools of this server without asking: get_file_contents, search_repositories, create_or_update_file (autoApprove). Keep only tools that cannot change anything or send data out.',
        ],
      ],
    );
  });

  it('Roo Code alwaysAllow: "*" approves every tool and the message says so', () => {
    const hits = scan(read('roo-mcp.json'), 'roo', 'json', '/work/app/.roo/mcp.json');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.message]),
      [
        ['puppeteer', '["*"]', `Roo Code ${EVERY} ("*" in alwaysAllow). List only read-only tools, or none.`],
        ['fetch', '["fetch"]', 'Roo Code runs a tool of this server without asking: fetch (alwaysAllow). Keep only tools that cannot change anything or send data out.'],
      ],
    );
  });

  it('Kiro autoApprove, with and without the wildcard', () => {
    const hits = scan(read('kiro-mcp.json'), 'kiro', 'json', '/work/app/.kiro/settings/mcp.json');
    assert.deepEqual(
      hits.map((h) => [h.server, h.finding.message.split(' (')[0]]),
      [
        ['aws-docs', 'Kiro runs 2 tools of this server without asking: mcp_aws_docs_search_documentation, mcp_aws_docs_read_documentation'],
        ['everything', `Kiro ${EVERY}`],
      ],
    );
  });

  it('Gemini CLI trust: true (trust: false is fine)', () => {
    const hits = scan(read('gemini-settings.json'), 'gemini', 'json', '/home/me/.gemini/settings.json');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.message]),
      [['myPythonServer', 'true', `Gemini CLI ${EVERY} (trust: true). Remove it, or limit the tools with includeTools.`]],
    );
  });

  it('Codex config.toml (TOML): default_tools_approval_mode and per-tool approval_mode = "approve"; "auto"/"prompt" are fine', () => {
    const hits = scan(read('codex-config.toml'), 'codex', 'toml', '/home/me/.codex/config.toml');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.range?.start, h.finding.message]),
      [
        ['github', '"approve"', { line: 4, character: 30 }, `Codex ${EVERY} (default_tools_approval_mode = "approve"). Use "auto" or "prompt".`],
        ['figma', '"approve"', { line: 14, character: 16 }, 'Codex runs a tool of this server without asking: get_code (approval_mode = "approve"). Keep only tools that cannot change anything or send data out.'],
      ],
    );
  });

  it('the keys only count for the client that reads them', () => {
    const text = JSON.stringify({ mcpServers: { s: { command: 'npx', args: ['-y', 'x@1.0.0'], autoApprove: ['*'], alwaysAllow: ['*'], trust: true } } });
    for (const client of ['cursor', 'claude-code', 'windsurf', 'copilot-cli'] as ClientId[]) assert.deepEqual(scan(text, client, 'json', '/x/mcp.json'), [], client);
    // Copilot CLI's `tools: ["*"]` chooses which tools are exposed, not whether calls are confirmed
    assert.deepEqual(scan(JSON.stringify({ mcpServers: { s: { command: 'x', tools: ['*'] } } }), 'copilot-cli', 'json', '/home/me/.copilot/mcp-config.json'), []);
  });

  it('a long tool list is shortened', () => {
    const tools = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const hits = scan(JSON.stringify({ mcpServers: { s: { command: 'x', alwaysAllow: tools } } }), 'roo', 'json', '/work/app/.roo/mcp.json');
    assert.match(hits[0].finding.message, /runs 7 tools of this server without asking: a, b, c, d, e and 2 more \(alwaysAllow\)/);
  });
});
