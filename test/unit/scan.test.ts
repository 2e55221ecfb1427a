import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scan } from '../../src/core/scan';
import { bundledInventory } from '../../src/core/inventory/load';
import type { Platform } from '../../src/core/model';
import { FIXTURES, tempDir, writeTree } from '../helpers';

const WORKSPACE = path.join(FIXTURES, 'workspace');
/** system-wide (managed) files are read from an empty folder, so this machine's /etc cannot change the results */
const NO_SYSTEM = { MCPG_SYSTEM_ROOT: path.join(FIXTURES, 'empty-system-root') };
const USER_FILES: Record<Platform, { vscode: string; claude: string }> = {
  linux: { vscode: '.config/Code/User/mcp.json', claude: '.config/Claude/claude_desktop_config.json' },
  darwin: { vscode: 'Library/Application Support/Code/User/mcp.json', claude: 'Library/Application Support/Claude/claude_desktop_config.json' },
  win32: { vscode: 'AppData/Roaming/Code/User/mcp.json', claude: 'AppData/Roaming/Claude/claude_desktop_config.json' },
};

describe('scan of a machine and a workspace', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`finds every client's files in the ${platform} layout`, async () => {
      const home = path.join(FIXTURES, 'homes', platform);
      const result = await scan({ home, platform, workspaces: [WORKSPACE], env: NO_SYSTEM, inventory: bundledInventory() });
      const files = result.files.map((f) => [path.relative(FIXTURES, f.path).split(path.sep).join('/'), f.client, f.scope, f.servers, f.error]);
      assert.deepEqual(files, [
        [`homes/${platform}/${USER_FILES[platform].vscode}`, 'vscode', 'user', 2, null],
        ['workspace/.vscode/mcp.json', 'vscode', 'workspace', 4, null],
        [`homes/${platform}/.cursor/mcp.json`, 'cursor', 'user', 2, null],
        ['workspace/.cursor/mcp.json', 'cursor', 'workspace', 3, null],
        [`homes/${platform}/${USER_FILES[platform].claude}`, 'claude-desktop', 'user', 3, null],
        ['workspace/.mcp.json', 'claude-code', 'workspace', 3, null],
      ]);
      const rows = result.servers.map((s) => `${s.client}/${s.scope}/${s.name}@${s.range.start.line}:${s.range.start.character} ${s.transport} ${s.package ? `${s.package.ecosystem}:${s.package.name}@${s.package.version}` : s.url} => ${s.verdict}${s.inventoryId ? ` (${s.inventoryId})` : ''}${s.disabled ? ' disabled' : ''}`);
      assert.deepEqual(rows, [
        'vscode/user/playwright@2:4 stdio npm:@playwright/mcp@latest => unknown (playwright)',
        'vscode/user/notion@6:4 http https://mcp.notion.com/mcp => pending (notion)',
        'vscode/workspace/github@7:4 http https://api.githubcopilot.com/mcp/ => approved (github)',
        'vscode/workspace/memory@12:4 stdio npm:@modelcontextprotocol/server-memory@2025.8.4 => approved (memory)',
        'vscode/workspace/fs@19:4 stdio npm:@modelcontextprotocol/server-filesystem@2025.3.28 => unknown (filesystem)',
        'vscode/workspace/perplexity@23:4 stdio npm:server-perplexity-ask@null => unknown',
        'cursor/user/filesystem@2:4 stdio npm:@modelcontextprotocol/server-filesystem@2026.1.14 => approved (filesystem)',
        'cursor/user/acme-gateway-fetch@6:4 http https://mcp.acme.example/gw/fetch/mcp => approved (fetch)',
        'cursor/workspace/context7@2:4 stdio npm:@upstash/context7-mcp@1.0.14 => pending (context7)',
        'cursor/workspace/userjot@6:4 http https://api.userjot.com/v1/mcp => unknown',
        'cursor/workspace/slack@10:4 stdio npm:@modelcontextprotocol/server-slack@null => rejected (slack)',
        'claude-desktop/user/github@2:4 stdio oci:ghcr.io/github/github-mcp-server@v0.20.1 => approved (github)',
        'claude-desktop/user/fetch@7:4 stdio pypi:mcp-server-fetch@null => unknown (fetch)',
        'claude-desktop/user/everything@11:4 stdio npm:@modelcontextprotocol/server-everything@null => rejected (everything)',
        'claude-code/workspace/sentry@2:4 http https://mcp.sentry.dev/mcp => approved (sentry)',
        'claude-code/workspace/git@6:4 stdio pypi:mcp-server-git@2025.1.14 => approved (git)',
        'claude-code/workspace/puppeteer@10:4 stdio npm:@modelcontextprotocol/server-puppeteer@null => deprecated (puppeteer) disabled',
      ]);
      assert.deepEqual(result.summary, { total: 17, approved: 7, pending: 2, rejected: 2, deprecated: 1, unknown: 5 });
    });
  }

  it('bad files never stop the scan: each becomes one file error', async function () {
    const home = tempDir();
    const ws = tempDir();
    writeTree(home, {
      '.cursor/mcp.json': '{ "mcpServers": { "a": { "command": "npx", "args": ["x"] }, } ', // unterminated
    });
    fs.mkdirSync(path.join(home, '.config', 'Code', 'User', 'mcp.json'), { recursive: true }); // a folder
    writeTree(ws, { '.mcp.json': JSON.stringify({ mcpServers: { ok: { command: 'npx', args: ['-y', 'mcp-ok'] } } }) });
    fs.mkdirSync(path.join(ws, '.cursor'));
    fs.writeFileSync(path.join(ws, '.cursor', 'mcp.json'), Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)); // over 5 MB
    fs.mkdirSync(path.join(ws, '.vscode'));
    fs.symlinkSync(path.join(ws, '.vscode', 'loop'), path.join(ws, '.vscode', 'loop2'));
    fs.symlinkSync(path.join(ws, '.vscode', 'loop2'), path.join(ws, '.vscode', 'loop'));
    fs.symlinkSync(path.join(ws, '.vscode', 'loop'), path.join(ws, '.vscode', 'mcp.json'));
    if (process.platform !== 'win32') {
      fs.mkdirSync(path.join(home, '.config', 'Claude'), { recursive: true });
      fs.symlinkSync('/dev/zero', path.join(home, '.config', 'Claude', 'claude_desktop_config.json'));
    }
    const result = await scan({ home, platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
    const errorOf = (root: string, rel: string) => result.files.find((f) => f.path === path.join(root, rel))?.error ?? '';
    assert.match(errorOf(home, '.cursor/mcp.json'), /^invalid JSON: .* at line 1/);
    assert.equal(errorOf(home, '.config/Code/User/mcp.json'), 'is a directory, not a file');
    assert.equal(errorOf(ws, '.vscode/mcp.json'), 'cannot be read: symbolic link loop');
    assert.match(errorOf(ws, '.cursor/mcp.json'), /larger than 5 MB/);
    assert.equal(errorOf(ws, '.mcp.json'), '');
    if (process.platform !== 'win32') assert.match(errorOf(home, '.config/Claude/claude_desktop_config.json'), /not a regular file/);
    // the good file and the readable part of the broken one are still scanned
    assert.deepEqual(result.servers.map((s) => s.name).sort(), ['a', 'ok']);
  });

  it('--client filtering and absent files', async () => {
    const ws = tempDir();
    const result = await scan({ home: path.join(FIXTURES, 'homes', 'linux'), platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory(), clients: ['cursor'], includeAbsent: true });
    assert.deepEqual(result.files.map((f) => [f.client, f.scope, f.absent === true]), [['cursor', 'user', false], ['cursor', 'workspace', true]]);
    assert.ok(result.servers.every((s) => s.client === 'cursor'));
  });

  it('honours XDG_CONFIG_HOME and APPDATA only inside the scanned home', async () => {
    const home = tempDir();
    writeTree(home, { 'xdg/Code/User/mcp.json': JSON.stringify({ servers: { x: { command: 'npx', args: ['mcp-x'] } } }) });
    const inside = await scan({ home, platform: 'linux', workspaces: [], env: { ...NO_SYSTEM, XDG_CONFIG_HOME: path.join(home, 'xdg') }, inventory: bundledInventory() });
    assert.deepEqual(inside.servers.map((s) => s.name), ['x']);
    const outside = await scan({ home, platform: 'linux', workspaces: [], env: { ...NO_SYSTEM, XDG_CONFIG_HOME: '/etc' }, inventory: bundledInventory() });
    assert.deepEqual(outside.servers, []);
  });

  it('a scan judges look-alike packages against its inventory, as the editor does', async () => {
    const ws = tempDir();
    writeTree(ws, { '.mcp.json': JSON.stringify({ mcpServers: { fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesytem'] } } }) });
    const result = await scan({ home: tempDir(), platform: 'linux', workspaces: [ws], env: NO_SYSTEM, inventory: bundledInventory() });
    const messages = result.servers.flatMap((s) => s.findings.filter((f) => f.rule === 'lookalike-package').map((f) => f.message));
    assert.equal(messages.length, 1);
    assert.match(messages[0], /looks like @modelcontextprotocol\/server-filesystem .*which the Acme inventory approves as "Filesystem"/);
  });
});
