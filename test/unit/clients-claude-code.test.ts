import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverAllLocations } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation, Platform, ServerEntry } from '../../src/core/model';
import type { DiscoveryContext } from '../../src/core/clients';
import { claudeCode, claudeCodeProjectDisabledNames, isClaudeCodeSettingsFile, projectKey, type ClaudeCodeLocation } from '../../src/core/clients/claudeCode';
import { copilotCli } from '../../src/core/clients/copilotCli';
import { FIXTURES, tempDir, writeTree } from '../helpers';

const FIX = path.join(FIXTURES, 'clients', 'claude-code');
const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');
const slash = (p: string) => p.split(path.sep).join('/');

function row(s: ServerEntry): string {
  const pkg = s.package ? `${s.package.ecosystem}:${s.package.name}@${s.package.version ?? '-'}` : '-';
  return `${s.client}/${s.scope} ${s.name}@${s.range.start.line}:${s.range.start.character} ${s.transport} pkg=${pkg} url=${s.url ?? '-'}${s.disabled ? ' disabled' : ''}`;
}

const extract = (text: string, loc: ConfigLocation) => claudeCode.extract(parseDocument(text, loc.format), loc).map(row);

/** `~/.claude.json` as discovery describes it, for a set of open folders. */
const globalLoc = (projects: string[], platform: Platform = 'linux'): ClaudeCodeLocation => ({
  path: '/home/me/.claude.json',
  client: 'claude-code',
  scope: 'user',
  format: 'json',
  projects,
  platform,
});

/** The system folder of managed-mcp.json on each OS, below a fake system root. */
const MANAGED: Record<Platform, string> = { linux: 'etc/claude-code', darwin: 'Library/Application Support/ClaudeCode', win32: 'Program Files/ClaudeCode' };

describe('Claude Code client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`finds .mcp.json, ~/.claude.json and managed-mcp.json (${platform} layout)`, async () => {
      const root = tempDir();
      const home = path.join(root, 'home');
      const ws = path.join(root, 'repo');
      const system = path.join(root, 'system');
      writeTree(home, { '.claude.json': fixture('claude.json') });
      writeTree(ws, { '.mcp.json': fixture('mcp.json') });
      writeTree(system, { [`${MANAGED[platform]}/managed-mcp.json`]: fixture('managed-mcp.json') });
      const ctx: DiscoveryContext = { home, platform, workspaces: [ws], env: { MCPG_SYSTEM_ROOT: system } };
      const found = (await discoverAllLocations(ctx, [claudeCode])).filter((l) => fs.existsSync(l.path));
      assert.deepEqual(
        found.map((l) => `${slash(path.relative(root, l.path))} ${l.client}/${l.scope} ${l.format} ${l.alsoReadBy?.join(',') ?? '-'}`),
        ['repo/.mcp.json claude-code/workspace json vscode', 'home/.claude.json claude-code/user json -', `system/${MANAGED[platform]}/managed-mcp.json claude-code/managed json -`],
      );
      // the open folder has no entry in this ~/.claude.json (its keys are the docs' /path/to/... folders)
      assert.deepEqual(found.flatMap((l) => claudeCode.extract(parseDocument(fs.readFileSync(l.path, 'utf8'), l.format), l)).map(row), [
        'claude-code/workspace sentry@2:4 http pkg=- url=https://mcp.sentry.dev/mcp',
        'claude-code/workspace fs@6:4 stdio pkg=npm:@modelcontextprotocol/server-filesystem@2026.1.14 url=-',
        'claude-code/workspace events-server@11:4 http pkg=- url=wss://mcp.example.com/socket',
        'claude-code/workspace puppeteer@16:4 stdio pkg=npm:@modelcontextprotocol/server-puppeteer@- url=-',
        'claude-code/user hubspot@5:4 http pkg=- url=https://mcp.hubspot.com/anthropic',
        'claude-code/user airtable@9:4 stdio pkg=npm:airtable-mcp-server@- url=-',
        'claude-code/managed github@2:4 http pkg=- url=https://api.githubcopilot.com/mcp/',
        'claude-code/managed sentry@6:4 http pkg=- url=https://mcp.sentry.dev/mcp',
        'claude-code/managed company-internal@10:4 stdio pkg=- url=-',
      ]);
    });
  }

  it('managed-mcp.json is a system path, never under the (simulated) home', () => {
    const managed = (platform: Platform) => claudeCode.locations({ home: '/tmp/fake-home', platform, workspaces: [], env: {} }).find((l) => l.scope === 'managed')?.path;
    assert.equal(managed('linux'), '/etc/claude-code/managed-mcp.json');
    assert.equal(managed('darwin'), '/Library/Application Support/ClaudeCode/managed-mcp.json');
    assert.equal(managed('win32'), 'C:\\Program Files\\ClaudeCode\\managed-mcp.json');
  });

  it('CLAUDE_CONFIG_DIR adds the relocated .claude.json, only when it lies in the scanned home', () => {
    const paths = (env: Record<string, string>) =>
      claudeCode.locations({ home: '/home/me', platform: 'linux', workspaces: [], env }).filter((l) => l.scope === 'user' && !isClaudeCodeSettingsFile(l)).map((l) => l.path);
    assert.deepEqual(paths({ CLAUDE_CONFIG_DIR: '/home/me/.claude-work' }), ['/home/me/.claude.json', '/home/me/.claude-work/.claude.json']);
    assert.deepEqual(paths({ CLAUDE_CONFIG_DIR: '/elsewhere/.claude' }), ['/home/me/.claude.json']);
  });

  it('~/.claude.json: user servers at the top, local servers of the open folder as workspace scope, per-project toggles', () => {
    const text = fixture('claude.json');
    // one open folder: its disabledMcpServers turn off the user server hubspot and its own local server db
    assert.deepEqual(extract(text, globalLoc(['/path/to/your/project'])), [
      'claude-code/user hubspot@5:4 http pkg=- url=https://mcp.hubspot.com/anthropic disabled',
      'claude-code/user airtable@9:4 stdio pkg=npm:airtable-mcp-server@- url=-',
      'claude-code/workspace stripe@23:8 http pkg=- url=https://mcp.stripe.com',
      'claude-code/workspace db@27:8 stdio pkg=npm:@bytebase/dbhub@- url=- disabled',
    ]);
    // two open folders: a user server is off only when every open folder turns it off
    assert.deepEqual(extract(text, globalLoc(['/path/to/your/project', '/path/to/another/project'])), [
      'claude-code/user hubspot@5:4 http pkg=- url=https://mcp.hubspot.com/anthropic',
      'claude-code/user airtable@9:4 stdio pkg=npm:airtable-mcp-server@- url=-',
      'claude-code/workspace stripe@23:8 http pkg=- url=https://mcp.stripe.com',
      'claude-code/workspace db@27:8 stdio pkg=npm:@bytebase/dbhub@- url=- disabled',
      'claude-code/workspace elsewhere@40:8 stdio pkg=npm:elsewhere-mcp@- url=-',
    ]);
    // no open folder: only the user scope, all on; local servers of folders that are not open never count
    assert.deepEqual(extract(text, globalLoc([])), [
      'claude-code/user hubspot@5:4 http pkg=- url=https://mcp.hubspot.com/anthropic',
      'claude-code/user airtable@9:4 stdio pkg=npm:airtable-mcp-server@- url=-',
    ]);
    const [, , stripe] = claudeCode.extract(parseDocument(text, 'json'), globalLoc(['/path/to/your/project']));
    assert.equal(stripe?.file, '/home/me/.claude.json');
  });

  it('matches project keys with forward slashes and any case on Windows and macOS, exactly on Linux', () => {
    const text = '{\n  "projects": {\n    "C:/Users/Me/Repo/": { "mcpServers": { "x": { "command": "npx", "args": ["-y", "x-mcp"] } } }\n  }\n}';
    assert.deepEqual(extract(text, globalLoc(['c:\\users\\me\\repo'], 'win32')), ['claude-code/workspace x@2:43 stdio pkg=npm:x-mcp@- url=-']);
    assert.equal(projectKey('/Users/Me/Repo/', 'darwin'), '/users/me/repo');
    assert.equal(projectKey('/', 'linux'), '/');
    const linux = '{ "projects": { "/srv/Repo": { "mcpServers": { "x": { "command": "x" } } } } }';
    assert.deepEqual(extract(linux, globalLoc(['/srv/repo'])), []);
    assert.equal(extract(linux, globalLoc(['/srv/Repo/'])).length, 1);
  });

  it('.mcp.json servers turned off by settings files and ~/.claude.json; approvals never turn anything off', async () => {
    const files: Record<string, string> = {
      '/home/me/.claude.json': fixture('claude.json'),
      '/home/me/.claude/settings.json': fixture('settings.json'),
      '/path/to/your/project/.claude/settings.local.json': fixture('settings.local.json'),
      '/sys/etc/claude-code/managed-settings.json': '{ "disabledMcpjsonServers": ["company-blocked"] }',
    };
    const readText = async (file: string) => files[slash(file)];
    const ctx: DiscoveryContext = { home: '/home/me', platform: 'linux', workspaces: ['/path/to/your/project'], env: { MCPG_SYSTEM_ROOT: '/sys' } };
    const names = await claudeCodeProjectDisabledNames(ctx, '/path/to/your/project', readText);
    // fs: rejected in settings.local.json although also approved there; puppeteer: legacy list in ~/.claude.json;
    // hubspot, db: the folder's /mcp toggles; sentry stays on (approved), events-server on (pending, not rejected)
    assert.deepEqual(names, ['company-blocked', 'db', 'fs', 'hubspot', 'puppeteer']);
    const loc = { path: '/path/to/your/project/.mcp.json', client: 'claude-code', scope: 'workspace', format: 'json', disabledNames: names } as ConfigLocation;
    assert.deepEqual(extract(fixture('mcp.json'), loc), [
      'claude-code/workspace sentry@2:4 http pkg=- url=https://mcp.sentry.dev/mcp',
      'claude-code/workspace fs@6:4 stdio pkg=npm:@modelcontextprotocol/server-filesystem@2026.1.14 url=- disabled',
      'claude-code/workspace events-server@11:4 http pkg=- url=wss://mcp.example.com/socket',
      'claude-code/workspace puppeteer@16:4 stdio pkg=npm:@modelcontextprotocol/server-puppeteer@- url=- disabled',
    ]);
    // the same through the module's discovery hook; ~/.claude.json carries its own toggles
    assert.deepEqual(await claudeCode.disabledNames!(ctx, loc, readText), names);
    assert.deepEqual(await claudeCode.disabledNames!(ctx, globalLoc(ctx.workspaces), readText), []);
    // another folder: only the files that apply to it
    assert.deepEqual(await claudeCodeProjectDisabledNames(ctx, '/path/to/another/project', readText), ['airtable', 'company-blocked']);
    // nothing readable: nothing turned off
    assert.deepEqual(await claudeCodeProjectDisabledNames(ctx, '/x', async () => undefined), []);
  });

  it('reads type-less, streamable-http and bare-map .mcp.json entries the way their readers do', () => {
    const loc: ConfigLocation = { path: '/w/.mcp.json', client: 'claude-code', scope: 'workspace', format: 'json' };
    const text = JSON.stringify({ mcpServers: { a: { type: 'streamable-http', url: 'https://a.example/mcp' }, b: { type: 'sse', url: 'https://b.example/sse' }, c: { url: 'https://c.example/mcp' } } }, null, 2);
    assert.deepEqual(extract(text, loc), [
      'claude-code/workspace a@2:4 http pkg=- url=https://a.example/mcp',
      'claude-code/workspace b@6:4 sse pkg=- url=https://b.example/sse',
      'claude-code/workspace c@10:4 http pkg=- url=https://c.example/mcp',
    ]);
    // VS Code and Copilot CLI accept `.mcp.json` without the mcpServers wrapper; non-server keys are not servers
    const bare = fs.readFileSync(path.join(FIXTURES, 'clients', 'copilot-cli', 'bare-mcp.json'), 'utf8');
    assert.deepEqual(extract(bare, loc), ['claude-code/workspace portal@1:2 stdio pkg=- url=-']);
    // ~/.claude.json and managed-mcp.json are Claude Code's own files: no bare-map reading there
    assert.deepEqual(extract(bare, globalLoc([])), []);
  });

  it('.mcp.json is reported once, under Claude Code, as also read by VS Code and Copilot CLI', async () => {
    const ctx: DiscoveryContext = { home: '/home/me', platform: 'linux', workspaces: ['/w'], env: {} };
    const locs = await discoverAllLocations(ctx, [claudeCode, copilotCli], async () => []);
    const mcpJson = locs.filter((l) => l.path === '/w/.mcp.json');
    assert.deepEqual(mcpJson.map((l) => [l.client, l.alsoReadBy]), [['claude-code', ['vscode', 'copilot-cli']]]);
  });
});
