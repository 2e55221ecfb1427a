import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverAllLocations } from '../../src/core/discovery';
import { parseDocument } from '../../src/core/parse';
import type { ConfigLocation, Platform, ServerEntry } from '../../src/core/model';
import type { DiscoveryContext } from '../../src/core/clients';
import { claudeCode } from '../../src/core/clients/claudeCode';
import { copilotCli, copilotCliDisabledNames } from '../../src/core/clients/copilotCli';
import { FIXTURES, tempDir, writeTree } from '../helpers';

const FIX = path.join(FIXTURES, 'clients', 'copilot-cli');
const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');
const slash = (p: string) => p.split(path.sep).join('/');

function row(s: ServerEntry, root: string): string {
  const pkg = s.package ? `${s.package.ecosystem}:${s.package.name}@${s.package.version ?? '-'}` : '-';
  return `${slash(path.relative(root, s.file))} ${s.client}/${s.scope} ${s.name}@${s.range.start.line}:${s.range.start.character} ${s.transport} pkg=${pkg} url=${s.url ?? '-'}${s.disabled ? ' disabled' : ''}`;
}

describe('GitHub Copilot CLI client', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const satisfies readonly Platform[]) {
    it(`finds ~/.copilot/mcp-config.json and the project files; .mcp.json stays Claude Code's (${platform} layout)`, async () => {
      const root = tempDir();
      const home = path.join(root, 'home');
      const ws = path.join(root, 'repo');
      // ~/.copilot is the same folder on every OS (%USERPROFILE%\.copilot on Windows)
      writeTree(home, { '.copilot/mcp-config.json': fixture('mcp-config.json'), '.copilot/settings.json': fixture('settings.json') });
      writeTree(ws, { '.github/mcp.json': fixture('github-mcp.json'), '.mcp.json': fixture('bare-mcp.json') });
      const ctx: DiscoveryContext = { home, platform, workspaces: [ws], env: {} };
      const all = await discoverAllLocations(ctx, [claudeCode, copilotCli]);
      const found = all.filter((l) => fs.existsSync(l.path));
      assert.deepEqual(
        found.map((l) => `${slash(path.relative(root, l.path))} ${l.client}/${l.scope} ${l.alsoReadBy?.join(',') ?? '-'}`),
        ['repo/.mcp.json claude-code/workspace vscode,copilot-cli', 'home/.copilot/mcp-config.json copilot-cli/user -', 'repo/.github/mcp.json copilot-cli/workspace -'],
      );
      // discovery attaches the names the user settings turn off (the integrator's step, simulated here)
      const readText = async (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
      const disabledNames = await copilotCliDisabledNames(ctx, readText);
      assert.deepEqual(await copilotCli.disabledNames!(ctx, found[1] as ConfigLocation, readText), disabledNames);
      assert.deepEqual(disabledNames, ['azure']);
      const rows = found
        .filter((l) => l.client === 'copilot-cli')
        .flatMap((l) => copilotCli.extract(parseDocument(fs.readFileSync(l.path, 'utf8'), l.format), { ...l, disabledNames } as ConfigLocation))
        .map((s) => row(s, root));
      assert.deepEqual(rows, [
        'home/.copilot/mcp-config.json copilot-cli/user playwright@2:4 stdio pkg=npm:@playwright/mcp@latest url=-',
        'home/.copilot/mcp-config.json copilot-cli/user context7@9:4 http pkg=- url=https://mcp.context7.com/mcp',
        'home/.copilot/mcp-config.json copilot-cli/user azure@17:4 stdio pkg=npm:@azure/mcp@latest url=- disabled',
        'home/.copilot/mcp-config.json copilot-cli/user legacy-sse@24:4 sse pkg=- url=https://mcp.example.com/sse',
        'repo/.github/mcp.json copilot-cli/workspace playwright@2:4 stdio pkg=npm:@playwright/mcp@latest url=-',
      ]);
    });
  }

  it('COPILOT_HOME comes first when it lies in the scanned home; the legacy XDG folder is still looked at', () => {
    const paths = (env: Record<string, string>) => copilotCli.locations({ home: '/home/me', platform: 'linux', workspaces: ['/w'], env }).map((l) => `${l.path} ${l.scope}`);
    assert.deepEqual(paths({ COPILOT_HOME: '/home/me/dotfiles/copilot' }), [
      '/home/me/dotfiles/copilot/mcp-config.json user',
      '/home/me/.copilot/mcp-config.json user',
      '/home/me/.config/.copilot/mcp-config.json user',
      '/w/.mcp.json workspace',
      '/w/.github/mcp.json workspace',
    ]);
    assert.deepEqual(paths({ COPILOT_HOME: '/opt/copilot', XDG_CONFIG_HOME: '/home/me/xdg' }).slice(0, 2), [
      '/home/me/.copilot/mcp-config.json user',
      '/home/me/xdg/.copilot/mcp-config.json user',
    ]);
  });

  it('the disabled names come from settings.json of every Copilot home, JSONC and all', async () => {
    const files: Record<string, string> = {
      '/home/me/.copilot/settings.json': fixture('settings.json'),
      '/home/me/alt/settings.json': '{ "disabledMcpServers": ["context7", 3, null], }',
    };
    const ctx: DiscoveryContext = { home: '/home/me', platform: 'linux', workspaces: [], env: { COPILOT_HOME: '/home/me/alt' } };
    assert.deepEqual(await copilotCliDisabledNames(ctx, async (f) => files[slash(f)]), ['azure', 'context7']);
    assert.deepEqual(await copilotCliDisabledNames(ctx, async () => '{ not json'), []);
  });

  it('project files accept the bare map; the user file needs mcpServers', () => {
    const bare = fixture('bare-mcp.json');
    const project: ConfigLocation = { path: '/w/.github/mcp.json', client: 'copilot-cli', scope: 'workspace', format: 'json' };
    const user: ConfigLocation = { path: '/h/.copilot/mcp-config.json', client: 'copilot-cli', scope: 'user', format: 'json' };
    assert.deepEqual(copilotCli.extract(parseDocument(bare, 'json'), project).map((s) => `${s.name} ${s.transport} ${s.command}`), ['portal stdio uvx']);
    assert.deepEqual(copilotCli.extract(parseDocument(bare, 'json'), user), []);
    // `local` and `stdio` are the same transport; a remote entry without a type is http
    const text = '{ "mcpServers": { "a": { "type": "local", "command": "node", "args": ["server.js"] }, "b": { "url": "https://b.example/mcp" } } }';
    assert.deepEqual(copilotCli.extract(parseDocument(text, 'json'), user).map((s) => `${s.name} ${s.transport}`), ['a stdio', 'b http']);
  });
});
