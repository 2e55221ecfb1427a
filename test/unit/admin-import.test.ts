// `import --from …`: existing allow/deny lists (in the shapes the clients document) and our own exports, back to a
// draft inventory v1 that loads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importPolicy, type DraftInventory } from '../../src/core/admin/import';
import { validateInventoryText } from '../../src/core/admin/validate';
import { FIXTURES } from '../helpers';

const ADMIN = path.join(FIXTURES, 'admin');
const read = (rel: string) => fs.readFileSync(path.join(ADMIN, rel), 'utf8');

function imported(from: Parameters<typeof importPolicy>[0], rel: string): { inv: DraftInventory; notes: { rule: string; message: string }[] } {
  const r = importPolicy(from, read(rel), path.join(ADMIN, rel), 'Globex');
  assert.ok(r.ok, r.ok ? '' : r.error);
  // what is written passes inventory validate without errors
  const check = validateInventoryText(JSON.stringify(r.inventory), 'draft');
  assert.equal(check.errors, 0, JSON.stringify(check.problems));
  return { inv: r.inventory, notes: r.notes };
}

const byId = (inv: DraftInventory) => Object.fromEntries(inv.servers.map((s) => [s.id, s]));

describe('admin import', () => {
  it('claude-code: serverCommand and serverUrl rules become package, command and URL rules; names are reported', () => {
    const { inv, notes } = imported('claude-code', 'import/claude-managed-settings.json');
    const s = byId(inv);
    assert.equal(inv.organization, 'Globex');
    assert.deepEqual(s.filesystem.match, {
      packages: [
        { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', versions: '2025.8.21' },
        { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', versions: '2025.7.29' },
      ],
    });
    assert.equal(s.filesystem.status, 'approved');
    assert.equal(s.filesystem.reason, 'imported from the claude-code policy claude-managed-settings.json');
    assert.deepEqual(s.git.match, { packages: [{ ecosystem: 'pypi', name: 'mcp-server-git', versions: '==0.6.2' }] });
    assert.deepEqual(s['approved-server'].match, { commands: ['/usr/local/bin/approved-server'] });
    assert.deepEqual(s.atlassian.match, { urls: ['https://mcp.atlassian.com/v1/sse'] }, 'mcp-remote is judged by its target URL');
    // Claude Code's `*` crosses "/": a trailing `/*` becomes `/**`
    assert.deepEqual(s.company.match, { urls: ['https://mcp.company.com/**'] });
    assert.deepEqual(s.internal.match, { urls: ['https://*.internal.corp/**'] });
    assert.equal(s['unapproved-package'].status, 'rejected');
    assert.equal(s.untrusted.status, 'rejected');
    assert.deepEqual(notes.filter((n) => n.message.startsWith('a name-only rule')).map((n) => n.rule), ['{"serverName":"github"}', '{"serverName":"dangerous-server"}']);
  });

  it('gemini: defined names in mcp.allowed are approved, mcp.excluded rejected, undefined names reported', () => {
    const { inv, notes } = imported('gemini', 'import/gemini-system-settings.json');
    const s = byId(inv);
    assert.deepEqual(Object.keys(s), ['corp-data-api', 'source-code-analyzer', 'github', 'risky']);
    assert.deepEqual(s['corp-data-api'].match, { commands: ['/usr/local/bin/start-corp-api.sh'] });
    assert.deepEqual(s.github.match, { urls: ['https://api.githubcopilot.com/mcp/'] });
    assert.equal(s.risky.status, 'rejected');
    assert.deepEqual(s.risky.match, { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-everything' }] });
    assert.deepEqual(notes.map((n) => n.rule), ['mcp.allowed "not-defined-here"']);
  });

  it('windsurf: literal and version-alternation patterns become rules; other patterns are reported', () => {
    const { inv, notes } = imported('windsurf', 'import/windsurf-whitelist.json');
    const s = byId(inv);
    assert.deepEqual(s['github-mcp-server'].match, { packages: [{ ecosystem: 'oci', name: 'ghcr.io/github/github-mcp-server' }] });
    assert.deepEqual(s.filesystem.match, { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem' }] });
    assert.deepEqual(s.playwright.match, {
      packages: [
        { ecosystem: 'npm', name: '@playwright/mcp', versions: '0.0.41' },
        { ecosystem: 'npm', name: '@playwright/mcp', versions: '0.0.40' },
      ],
    });
    assert.deepEqual(s.linear.match, { urls: ['https://mcp.linear.app/sse'] });
    assert.equal(s.anything, undefined);
    assert.equal(notes.length, 2);
  });

  it('round trips our own exports: claude-code, windsurf and registry', () => {
    const cc = byId(imported('claude-code', 'export/claude-code/managed-settings.json').inv);
    assert.deepEqual(cc.sentry.match, { urls: ['https://mcp.sentry.dev/mcp'] }, 'the trailing-slash twin folds into one URL');
    assert.deepEqual(cc.filesystem.match.packages?.map((p) => p.versions), ['2025.8.21', '2025.7.29']);
    assert.deepEqual(cc['filesystem-2'].match, { urls: ['https://mcp.globex.example/gw/filesystem/mcp'] }, 'gateway routes are named by their path');
    assert.equal(cc.slack.status, 'rejected');
    const ws = byId(imported('windsurf', 'export/windsurf/windsurf-mcp-whitelist.json').inv);
    assert.deepEqual(ws.playwright.match, { packages: [{ ecosystem: 'npm', name: '@playwright/mcp', versions: '0.0.x' }] }, 'the x-range regex export writes reads back as the range');
    assert.deepEqual(ws['filesystem-2'].match, {
      packages: [
        { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', versions: '2025.8.21' },
        { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', versions: '2025.7.29' },
      ],
    });
    assert.deepEqual(ws.linear.match, { urls: ['https://mcp.linear.app/*'] });
    assert.deepEqual(ws.gateway.match, { urls: ['https://mcp.globex.example/gw/**'] });
    const reg = byId(imported('registry', 'export/vscode/servers.json').inv);
    assert.deepEqual(Object.keys(reg), ['filesystem', 'playwright', 'memory', 'git', 'github', 'sentry']);
    assert.equal(reg.github.reason, 'imported from an MCP registry document servers.json');
  });

  it('refuses what is not the named format', () => {
    const r = importPolicy('registry', '{"schemaVersion": 1, "servers": []}', 'inv.json');
    assert.equal(r.ok, false);
    const bad = importPolicy('claude-code', '{ not json', 'x.json');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /invalid JSON/);
  });
});
