import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker } from '../../src/core/checker';
import { applyEdits } from '../../src/core/fix/types';
import { planFixes } from '../../src/core/fix/plan';
import { loadInventorySource } from '../../src/core/inventory/sources';
import type { LoadedInventory } from '../../src/core/inventory/load';
import type { ConfigLocation } from '../../src/core/model';
import { allRuleMeta, SERVER_RULES } from '../../src/core/rules';
import { lookalikePackage } from '../../src/core/rules/lookalikePackage';
import { analyzeText } from '../../src/core/scan';
import { tempDir } from '../helpers';
import { cursorConfig, readRuleFixture, runRule, sliceRange } from '../rules';

const FIXTURE = readRuleFixture('typosquats-claude-desktop.json');

const INVENTORY = {
  schemaVersion: 1,
  organization: 'Acme',
  servers: [
    {
      id: 'filesystem',
      title: 'Filesystem',
      status: 'approved',
      match: { packages: [{ ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', versions: '>=2025.7.0' }] },
    },
    { id: 'fetch', title: 'Fetch', status: 'approved', match: { packages: [{ ecosystem: 'pypi', name: 'mcp-server-fetch' }] } },
  ],
};

async function loadInventory(): Promise<LoadedInventory> {
  const dir = tempDir();
  const file = path.join(dir, 'inventory.json');
  fs.writeFileSync(file, JSON.stringify(INVENTORY, null, 2));
  const r = await loadInventorySource(file);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.value;
}

describe('rule lookalike-package', () => {
  it('is registered with its SARIF metadata', () => {
    assert.ok(SERVER_RULES.includes(lookalikePackage));
    assert.deepEqual([lookalikePackage.id, lookalikePackage.name, lookalikePackage.defaultSeverity], ['lookalike-package', 'LookalikePackage', 'warning']);
    assert.ok(allRuleMeta().some((m) => m.id === 'lookalike-package'));
  });

  it('flags look-alikes of well-known MCP packages on the package argument, with golden messages (no inventory)', () => {
    const hits = runRule(lookalikePackage, FIXTURE, 'claude-desktop', 'json');
    assert.deepEqual(
      hits.map((h) => [h.server, h.finding.severity, h.at, h.finding.message]),
      [
        [
          'filesystem',
          'warning',
          '"@modelcontextprotocol/server-filesytem"',
          'npm package @modelcontextprotocol/server-filesytem looks like @modelcontextprotocol/server-filesystem (differs by one letter: "filesytem" for "filesystem"), a well-known MCP server package (the MCP reference servers). Typosquats copy such names to get installed instead of the real package: check that this is the package you meant.',
        ],
        [
          'fs-scope',
          'warning',
          '"@modelcontextprotcol/server-filesystem@2025.8.21"',
          'npm package @modelcontextprotcol/server-filesystem looks like @modelcontextprotocol/server-filesystem (the scope differs by one letter: "modelcontextprotcol" for "modelcontextprotocol"), a well-known MCP server package (the MCP reference servers). Typosquats copy such names to get installed instead of the real package: check that this is the package you meant.',
        ],
        [
          'fs-underscore',
          'warning',
          '"@modelcontextprotocol/server_filesystem"',
          'npm package @modelcontextprotocol/server_filesystem looks like @modelcontextprotocol/server-filesystem ("_" in place of "-"), a well-known MCP server package (the MCP reference servers). Typosquats copy such names to get installed instead of the real package: check that this is the package you meant.',
        ],
        [
          'fs-cyrillic',
          'warning',
          '"@modelcontextprotocol/server-filesуstem"',
          'npm package @modelcontextprotocol/server-filesуstem looks like @modelcontextprotocol/server-filesystem (U+0443 CYRILLIC SMALL LETTER U in place of "y" at character 35), a well-known MCP server package (the MCP reference servers). Typosquats copy such names to get installed instead of the real package: check that this is the package you meant.',
        ],
        [
          'fetch',
          'warning',
          '"mcp-server-fecth"',
          'PyPI package mcp-server-fecth looks like mcp-server-fetch (two letters swapped: "fecth" for "fetch"), a well-known MCP server package (the MCP reference servers). Typosquats copy such names to get installed instead of the real package: check that this is the package you meant.',
        ],
        [
          'playwright',
          'warning',
          '"@p1aywright/mcp@latest"',
          'npm package @p1aywright/mcp looks like @playwright/mcp ("1" in place of "l"), a well-known MCP server package (Microsoft). Typosquats copy such names to get installed instead of the real package: check that this is the package you meant.',
        ],
        [
          'github',
          'warning',
          '"ghcr.io/githib/github-mcp-server"',
          'image ghcr.io/githib/github-mcp-server looks like ghcr.io/github/github-mcp-server (differs by one letter: "githib" for "github"), a well-known MCP server package (GitHub). Typosquats copy such names to get installed instead of the real package: check that this is the package you meant.',
        ],
      ],
    );
  });

  it('names the approved entry, points related information at it in the inventory file, and offers the switch', async () => {
    const loaded = await loadInventory();
    const checker = new Checker(loaded);
    const location: ConfigLocation = { path: '/Users/me/Library/Application Support/Claude/claude_desktop_config.json', client: 'claude-desktop', scope: 'user', format: 'json' };
    const analysis = analyzeText(FIXTURE, location, checker);
    const fs1 = analysis.servers.find((s) => s.name === 'filesystem')!;
    const finding = fs1.findings.find((f) => f.rule === 'lookalike-package')!;
    assert.equal(
      finding.message,
      'npm package @modelcontextprotocol/server-filesytem looks like @modelcontextprotocol/server-filesystem (differs by one letter: "filesytem" for "filesystem"), which the Acme inventory approves as "Filesystem". Typosquats copy such names to get installed instead of the real package: switch to the approved package unless this one is really intended.',
    );
    assert.equal(finding.related?.length, 1);
    const related = finding.related![0];
    assert.equal(related.file, loaded.source);
    assert.equal(sliceRange(fs.readFileSync(related.file, 'utf8'), related.range), '"filesystem"');
    assert.equal(related.message, '@modelcontextprotocol/server-filesystem is approved here as "Filesystem"');
    // the shadow verdict is still reported: the look-alike is not in the inventory
    assert.deepEqual(fs1.findings.map((f) => f.rule).sort(), ['lookalike-package', 'shadow-mcp', 'unpinned-package']);

    const fixes = planFixes(FIXTURE, location, fs1, checker);
    const sw = fixes.find((f) => f.kind === 'switch');
    assert.ok(sw, `fixes: ${fixes.map((f) => f.title).join(', ')}`);
    assert.equal(sw.title, 'Switch to the approved "Filesystem"');
    const after = applyEdits(FIXTURE, sw.edits);
    const server = JSON.parse(after).mcpServers.filesystem;
    assert.deepEqual(server.args, ['-y', '@modelcontextprotocol/server-filesystem@2025.7.0', '/Users/me/projects'], 'only the package word changes: the folder stays');
    const recheck = analyzeText(after, location, checker).servers.find((s) => s.name === 'filesystem')!;
    assert.equal(recheck.verdict, 'approved');
    assert.ok(!recheck.findings.some((f) => f.rule === 'lookalike-package'));
    // the rest of the file is untouched
    assert.equal(after.replace('@modelcontextprotocol/server-filesystem@2025.7.0', '@modelcontextprotocol/server-filesytem'), FIXTURE);
  });

  it('switches a homoglyph name and a PyPI typo too, and offers no switch for a well-known package the inventory does not approve', async () => {
    const checker = new Checker(await loadInventory());
    const location: ConfigLocation = { path: '/home/me/.cursor/mcp.json', client: 'cursor', scope: 'user', format: 'json' };
    const analysis = analyzeText(FIXTURE, location, checker);
    const titles = (name: string) => planFixes(FIXTURE, location, analysis.servers.find((s) => s.name === name)!, checker).map((f) => f.title);
    assert.ok(titles('fs-cyrillic').includes('Switch to the approved "Filesystem"'));
    assert.ok(titles('fetch').includes('Switch to the approved "Fetch"'));
    assert.ok(!titles('playwright').some((t) => t.startsWith('Switch')));
  });

  it('leaves real packages, unrelated names and disabled entries quiet or informational', () => {
    const hits = runRule(lookalikePackage, FIXTURE, 'claude-desktop', 'json');
    const flagged = new Set(hits.map((h) => h.server));
    for (const name of ['memory', 'git', 'postmark', 'aws-eks', 'remote']) assert.ok(!flagged.has(name), name);
    const text = cursorConfig({ fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesytem'], disabled: true } });
    const checker = new Checker({ inventory: { schemaVersion: 1, servers: [] }, source: 'test', fetchedAt: null, fromCache: false, stale: false, error: null });
    const server = analyzeText(text, { path: '/home/me/.cursor/mcp.json', client: 'cursor', scope: 'user', format: 'json' }, checker).servers[0];
    assert.equal(server.findings.find((f) => f.rule === 'lookalike-package')?.severity, 'info');
  });

  it('reads a look-alike letter in an image or a PyPI name, which does not parse as a package name', () => {
    const text = cursorConfig({
      gh: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/g\u0456thub/github-mcp-server:v0.20.1'] },
      time: { command: 'uvx', args: ['mcp-server-t\u0456me==2025.8.4'] },
    });
    assert.deepEqual(
      runRule(lookalikePackage, text, 'cursor', 'json').map((h) => [h.server, h.finding.message.split(', a well-known')[0]]),
      [
        ['gh', 'image ghcr.io/g\u0456thub/github-mcp-server looks like ghcr.io/github/github-mcp-server (U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I in place of "i" at character 10)'],
        ['time', 'PyPI package mcp-server-t\u0456me looks like mcp-server-time (U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I in place of "i" at character 13)'],
      ],
    );
  });

  it('points related information at the right file of an inventory folder', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '10-base.json'), JSON.stringify({ schemaVersion: 1, organization: 'Acme', servers: [INVENTORY.servers[1]] }, null, 2));
    fs.writeFileSync(path.join(dir, '20-files.json'), JSON.stringify({ schemaVersion: 1, servers: [INVENTORY.servers[0]] }, null, 2));
    const r = await loadInventorySource(dir);
    assert.ok(r.ok, r.ok ? '' : r.error);
    const checker = new Checker(r.value);
    const servers = analyzeText(FIXTURE, { path: '/home/me/.cursor/mcp.json', client: 'cursor', scope: 'user', format: 'json' }, checker).servers;
    const related = (name: string) => servers.find((s) => s.name === name)!.findings.find((f) => f.rule === 'lookalike-package')!.related![0];
    assert.equal(related('filesystem').file, path.join(dir, '20-files.json'));
    assert.equal(related('fetch').file, path.join(dir, '10-base.json'));
    assert.equal(sliceRange(fs.readFileSync(related('fetch').file, 'utf8'), related('fetch').range), '"fetch"');
  });

  it('finds the package behind shell wrappers (sh -c) and YAML/TOML dialects', () => {
    const shell = cursorConfig({ wrapped: { command: 'sh', args: ['-c', 'exec npx -y mcp-rem0te https://mcp.example.com/sse'] } });
    const hits = runRule(lookalikePackage, shell, 'cursor', 'json');
    assert.deepEqual(
      hits.map((h) => [h.at, h.finding.message.split(',')[0]]),
      [['"exec npx -y mcp-rem0te https://mcp.example.com/sse"', 'npm package mcp-rem0te looks like mcp-remote ("0" in place of "o")']],
    );
    const toml = '[mcp_servers.fetch]\ncommand = "uvx"\nargs = ["mcp-server-fecth"]\n';
    const tomlHits = runRule(lookalikePackage, toml, 'codex', 'toml', '/home/me/.codex/config.toml');
    assert.deepEqual(tomlHits.map((h) => h.at), ['"mcp-server-fecth"']);
  });
});
