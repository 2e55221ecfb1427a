import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverAllLocations } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation, Platform, ServerEntry } from '../../src/core/model';
import type { DiscoveryContext } from '../../src/core/clients';
import { serversPathFor, vscode, vscodeProfileLocations, vscodeWorkspaceLocations } from '../../src/core/clients/vscode';
import { FIXTURES, tempDir, writeTree } from '../helpers';

const FIX = path.join(FIXTURES, 'clients', 'vscode');
const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');

/** `<appData>` of each OS, relative to the home folder. */
const APP_DATA: Record<Platform, string> = { linux: '.config', darwin: 'Library/Application Support', win32: 'AppData/Roaming' };

function row(s: ServerEntry, root: string): string {
  const pkg = s.package ? `${s.package.ecosystem}:${s.package.name}@${s.package.version ?? '-'}` : '-';
  const file = path.relative(root, s.file).split(path.sep).join('/');
  return `${file} ${s.client}/${s.scope} ${s.name}@${s.range.start.line}:${s.range.start.character} ${s.transport} pkg=${pkg} url=${s.url ?? '-'}${s.disabled ? ' disabled' : ''}`;
}

const extract = (loc: ConfigLocation) => vscode.extract(parseDocument(fs.readFileSync(loc.path, 'utf8'), loc.format), loc);

describe('VS Code client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    it(`finds user, profile, folder, workspace-file and dev container configs (${platform} layout)`, async () => {
      const root = tempDir();
      const home = path.join(root, 'home');
      const ws = path.join(root, 'repo');
      const appData = APP_DATA[platform];
      writeTree(home, {
        [`${appData}/Code/User/mcp.json`]: fixture('user-mcp.json'),
        [`${appData}/Code/User/settings.json`]: fixture('user-settings.json'),
        [`${appData}/Code - Insiders/User/profiles/-6a1f2b3c/mcp.json`]: fixture('profile-mcp.json'),
        [`${appData}/Code - Insiders/User/profiles/-6a1f2b3c/keybindings.json`]: '[]',
        [`${appData}/VSCodium/User/profiles/51e0c7d2/settings.json`]: fixture('user-settings.json'),
        // Cursor is a VS Code fork but does not read VS Code's user mcp.json: it is the cursor client's business
        [`${appData}/Cursor/User/mcp.json`]: fixture('user-mcp.json'),
      });
      writeTree(ws, {
        '.vscode/mcp.json': fixture('workspace-mcp.json'),
        '.vscode/settings.json': fixture('workspace-settings.json'),
        'project.code-workspace': fixture('project.code-workspace'),
        '.devcontainer/devcontainer.json': fixture('devcontainer.json'),
        '.devcontainer/python/devcontainer.json': fixture('devcontainer.json'),
        '.devcontainer/python/Dockerfile': 'FROM python:3.13',
        'README.md': '# repo',
      });
      const ctx: DiscoveryContext = { home, platform, workspaces: [ws], env: {} };
      const found = (await discoverAllLocations(ctx, [vscode])).filter((l) => fs.existsSync(l.path));
      assert.deepEqual(
        found.map((l) => `${path.relative(root, l.path).split(path.sep).join('/')} ${l.client}/${l.scope} ${l.format}`),
        [
          `home/${appData}/Code/User/mcp.json vscode/user jsonc`,
          `home/${appData}/Code/User/settings.json vscode/user jsonc`,
          'repo/.vscode/mcp.json vscode/workspace jsonc',
          'repo/.vscode/settings.json vscode/workspace jsonc',
          'repo/.devcontainer/devcontainer.json vscode/workspace jsonc',
          `home/${appData}/Code - Insiders/User/profiles/-6a1f2b3c/mcp.json vscode/user jsonc`,
          `home/${appData}/VSCodium/User/profiles/51e0c7d2/settings.json vscode/user jsonc`,
          'repo/project.code-workspace vscode/workspace jsonc',
          'repo/.devcontainer/python/devcontainer.json vscode/workspace jsonc',
        ],
      );
      const A = `home/${appData}`;
      assert.deepEqual(found.flatMap(extract).map((s) => row(s, root)), [
        `${A}/Code/User/mcp.json vscode/user perplexity@10:4 stdio pkg=npm:server-perplexity-ask@- url=-`,
        `${A}/Code/User/mcp.json vscode/user context7@16:4 http pkg=- url=https://mcp.context7.com/mcp`,
        `${A}/Code/User/settings.json vscode/user fetch@7:6 stdio pkg=pypi:mcp-server-fetch@- url=-`,
        `${A}/Code/User/settings.json vscode/user remote-sse@11:6 sse pkg=- url=https://mcp.example.com/sse`,
        'repo/.vscode/mcp.json vscode/workspace memory@2:4 stdio pkg=npm:@modelcontextprotocol/server-memory@- url=-',
        'repo/.vscode/mcp.json vscode/workspace github-mcp@9:4 http pkg=- url=https://api.githubcopilot.com/mcp',
        'repo/.vscode/settings.json vscode/workspace git@4:6 stdio pkg=pypi:mcp-server-git@2025.1.14 url=-',
        'repo/.devcontainer/devcontainer.json vscode/workspace playwright@7:10 stdio pkg=npm:@microsoft/mcp-server-playwright@- url=-',
        `${A}/Code - Insiders/User/profiles/-6a1f2b3c/mcp.json vscode/user playwright@3:4 stdio pkg=npm:@microsoft/mcp-server-playwright@- url=-`,
        `${A}/Code - Insiders/User/profiles/-6a1f2b3c/mcp.json vscode/user myServer@7:4 stdio pkg=npm:@example/mcp-server@- url=-`,
        `${A}/VSCodium/User/profiles/51e0c7d2/settings.json vscode/user fetch@7:6 stdio pkg=pypi:mcp-server-fetch@- url=-`,
        `${A}/VSCodium/User/profiles/51e0c7d2/settings.json vscode/user remote-sse@11:6 sse pkg=- url=https://mcp.example.com/sse`,
        'repo/project.code-workspace vscode/workspace azd-app@5:8 stdio pkg=- url=-',
        'repo/.devcontainer/python/devcontainer.json vscode/workspace playwright@7:10 stdio pkg=npm:@microsoft/mcp-server-playwright@- url=-',
      ]);
    });
  }

  it('lists the fixed locations of every VS Code build that reads MCP config, and the root .devcontainer.json', () => {
    const ctx: DiscoveryContext = { home: '/home/me', platform: 'linux', workspaces: ['/src/app'], env: {} };
    assert.deepEqual(
      vscode.locations(ctx).map((l) => `${l.path} ${l.scope}`),
      [
        ...['Code', 'Code - Insiders', 'Code - OSS', 'VSCodium', 'VSCodium - Insiders'].flatMap((app) => [
          `/home/me/.config/${app}/User/mcp.json user`,
          `/home/me/.config/${app}/User/settings.json user`,
        ]),
        '/src/app/.vscode/mcp.json workspace',
        '/src/app/.vscode/settings.json workspace',
        '/src/app/.devcontainer/devcontainer.json workspace',
        '/src/app/.devcontainer.json workspace',
      ],
    );
    // XDG_CONFIG_HOME moves the Linux app-data folder when it lies inside the scanned home
    const xdg = vscode.locations({ ...ctx, env: { XDG_CONFIG_HOME: '/home/me/cfg' } })[0];
    assert.equal(xdg?.path, '/home/me/cfg/Code/User/mcp.json');
  });

  it('enumerates named profiles through the injected folder listing, keeping only files that exist', async () => {
    const tree: Record<string, string[]> = {
      'C:/Users/me/AppData/Roaming/Code/User/profiles': ['-1b2c', '7f00aa'],
      'C:/Users/me/AppData/Roaming/Code/User/profiles/-1b2c': ['mcp.json', 'settings.json', 'tasks.json'],
      'C:/Users/me/AppData/Roaming/Code/User/profiles/7f00aa': ['extensions.json'],
      'C:/Users/me/AppData/Roaming/VSCodium/User/profiles': ['x1'],
      'C:/Users/me/AppData/Roaming/VSCodium/User/profiles/x1': ['mcp.json'],
    };
    const listed: string[] = [];
    const listDir = async (dir: string) => {
      const key = dir.split(path.sep).join('/');
      listed.push(key);
      return tree[key] ?? [];
    };
    const ctx: DiscoveryContext = { home: 'C:/Users/me', platform: 'win32', workspaces: [], env: {} };
    const locs = await vscodeProfileLocations(ctx, listDir);
    assert.deepEqual(
      locs.map((l) => `${l.path.split(path.sep).join('/')} ${l.client}/${l.scope}`),
      [
        'C:/Users/me/AppData/Roaming/Code/User/profiles/-1b2c/mcp.json vscode/user',
        'C:/Users/me/AppData/Roaming/Code/User/profiles/-1b2c/settings.json vscode/user',
        'C:/Users/me/AppData/Roaming/VSCodium/User/profiles/x1/mcp.json vscode/user',
      ],
    );
    assert.ok(listed.includes('C:/Users/me/AppData/Roaming/Code - Insiders/User/profiles'), 'every VS Code build is looked at');
    // no workspace folder: nothing to list there; a missing folder lists as empty
    assert.deepEqual(await vscodeWorkspaceLocations(ctx, listDir), []);
  });

  it('reads the servers map at each file kind’s own key path', () => {
    assert.deepEqual(serversPathFor('/u/Code/User/mcp.json'), ['servers']);
    assert.deepEqual(serversPathFor('/w/.vscode/mcp.json'), ['servers']);
    assert.deepEqual(serversPathFor('/u/Code/User/settings.json'), ['mcp', 'servers']);
    assert.deepEqual(serversPathFor('/w/Team.Code-Workspace'), ['settings', 'mcp', 'servers']);
    assert.deepEqual(serversPathFor('/w/.devcontainer/devcontainer.json'), ['customizations', 'vscode', 'mcp', 'servers']);
    assert.deepEqual(serversPathFor('/w/.devcontainer.json'), ['customizations', 'vscode', 'mcp', 'servers']);
    // a servers map at the wrong level of a file is not read: `mcp.json` has no `mcp` wrapper, settings have no top-level `servers`
    const settings: ConfigLocation = { path: '/u/Code/User/settings.json', client: 'vscode', scope: 'user', format: 'jsonc' };
    assert.deepEqual(vscode.extract(parseDocument('{ "servers": { "a": { "command": "x" } } }', 'jsonc'), settings), []);
    const mcp: ConfigLocation = { ...settings, path: '/u/Code/User/mcp.json' };
    assert.deepEqual(vscode.extract(parseDocument('{ "mcp": { "servers": { "a": { "command": "x" } } } }', 'jsonc'), mcp), []);
  });

  it('keeps input references and env names, never values, from a real user mcp.json', () => {
    const loc: ConfigLocation = { path: '/u/Code/User/mcp.json', client: 'vscode', scope: 'user', format: 'jsonc' };
    const [perplexity, context7] = vscode.extract(parseDocument(fixture('user-mcp.json'), 'jsonc'), loc);
    assert.deepEqual(perplexity?.envNames, ['PERPLEXITY_API_KEY']);
    assert.deepEqual(perplexity?.args, ['-y', 'server-perplexity-ask']);
    assert.equal(perplexity?.disabled, false);
    assert.equal(context7?.command, null);
  });
});
