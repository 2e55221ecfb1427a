import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { continueBlockLocations, continueDev } from '../../src/core/clients/continue';
import { discoverAllLocations, discoverLocations, readDirNames } from '../../src/core/discovery';
import type { ConfigLocation, Platform, ServerEntry } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { readConfigFile } from '../../src/core/readFile';
import { FIXTURES, tempDir, writeTree } from '../helpers';
import { serverSummary } from '../clientRows';

const DIR = path.join(FIXTURES, 'clients', 'continue');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

function extract(text: string, location: Partial<ConfigLocation> & Pick<ConfigLocation, 'format'>): ServerEntry[] {
  const loc: ConfigLocation = { path: '/home/me/.continue/config.yaml', client: 'continue', scope: 'user', ...location };
  return continueDev.extract(parseDocument(text, loc.format), loc);
}

const summary = serverSummary;

const server = (name: string, scope: ConfigLocation['scope'], at: [number, number], rest: Partial<ReturnType<typeof summary>>) => ({
  name,
  client: 'continue',
  scope,
  transport: 'stdio',
  command: null,
  url: null,
  package: null,
  disabled: false,
  envNames: [],
  headerNames: [],
  ...rest,
  at: { line: at[0], character: at[1] },
});

describe('Continue client', () => {
  describe('locations', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      it(`${platform}: ~/.continue/config.yaml and the legacy config.json (%USERPROFILE%\\.continue on Windows)`, () => {
        const home = `/fake/${platform}/me`;
        const locs = discoverLocations({ home, platform, workspaces: ['/work/p'], env: {} }, [continueDev]);
        assert.deepEqual(
          locs.map((l) => [l.path, l.scope, l.format, l.client]),
          [
            [path.join(home, '.continue', 'config.yaml'), 'user', 'yaml', 'continue'],
            [path.join(home, '.continue', 'config.json'), 'user', 'jsonc', 'continue'],
          ],
        );
      });
    }

    it('CONTINUE_GLOBAL_DIR relocates the global folder only when it lies under the scanned home', () => {
      const at = (v: string) => discoverLocations({ home: '/home/me', platform: 'linux', workspaces: [], env: { CONTINUE_GLOBAL_DIR: v } }, [continueDev])[0].path;
      assert.equal(at('/home/me/dotfiles/continue'), '/home/me/dotfiles/continue/config.yaml');
      assert.equal(at('/opt/continue'), '/home/me/.continue/config.yaml');
    });

    it('enumerates block and assistant files in workspace and global folders, recursively and bounded', async () => {
      const home = tempDir();
      const ws = tempDir();
      writeTree(ws, {
        '.continue/mcpServers/playwright-mcp.yaml': read('mcpServers/playwright-mcp.yaml'),
        '.continue/mcpServers/mcp.json': read('mcpServers/mcp.json'),
        '.continue/mcpServers/team/brave-search.json': read('mcpServers/brave-search.json'),
        '.continue/mcpServers/team/other.yml': 'name: x\nversion: 1\nschema: v1\nmcpServers: []\n',
        '.continue/mcpServers/README.md': '# not a block',
        '.continue/mcpServers/node_modules/pkg/evil.yaml': 'mcpServers: []',
        '.continue/mcpServers/a/b/c/d/e/too-deep.yaml': 'mcpServers: []',
        '.continue/rules/not-mcp.yaml': 'name: r',
        '.continue/assistants/team-assistant.yaml': 'name: Team\nversion: 1.0.0\nschema: v1\nmcpServers: []\n',
        '.continue/assistants/not-read.json': '{}',
      });
      writeTree(home, { '.continue/mcpServers/global.yaml': 'mcpServers: []', '.continue/config.yaml': read('config.yaml') });
      const ctx = { home, platform: 'linux' as const, workspaces: [ws], env: {} };
      const blocks = await continueBlockLocations(ctx, readDirNames);
      assert.deepEqual(
        blocks.map((l) => [path.relative(l.scope === 'user' ? home : ws, l.path).split(path.sep).join('/'), l.scope, l.format, l.client]),
        [
          ['.continue/mcpServers/mcp.json', 'workspace', 'jsonc', 'continue'],
          ['.continue/mcpServers/playwright-mcp.yaml', 'workspace', 'yaml', 'continue'],
          ['.continue/mcpServers/team/brave-search.json', 'workspace', 'jsonc', 'continue'],
          ['.continue/mcpServers/team/other.yml', 'workspace', 'yaml', 'continue'],
          ['.continue/assistants/team-assistant.yaml', 'workspace', 'yaml', 'continue'],
          ['.continue/mcpServers/global.yaml', 'user', 'yaml', 'continue'],
        ],
      );
      // wired into discovery through the module's `enumerate`
      const all = await discoverAllLocations(ctx, [continueDev]);
      assert.equal(all.length, 2 + blocks.length);
      // missing folders yield nothing
      assert.deepEqual(await continueBlockLocations({ ...ctx, home: path.join(home, 'nope'), workspaces: [] }, readDirNames), []);
    });

    it('stops listing a hostile folder tree', async () => {
      let listings = 0;
      const listDir = async () => {
        listings++;
        return Array.from({ length: 50 }, (_, i) => `dir${i}`);
      };
      const blocks = await continueBlockLocations({ home: '/h', platform: 'linux', workspaces: ['/w'], env: {} }, listDir);
      assert.deepEqual(blocks, []);
      assert.ok(listings <= 4 * 201, `${listings} listings`);
    });

    for (const platform of ['linux', 'darwin', 'win32'] as Platform[]) {
      it(`${platform}: reads config.yaml from a fake home`, async () => {
        const home = tempDir();
        writeTree(home, { '.continue/config.yaml': read('config.yaml') });
        const [yaml] = discoverLocations({ home, platform, workspaces: [], env: {} }, [continueDev]);
        const r = await readConfigFile(yaml.path);
        assert.equal(r.kind, 'text');
        const servers = continueDev.extract(parseDocument(r.kind === 'text' ? r.text : '', 'yaml'), yaml);
        assert.equal(servers.length, 6);
        assert.ok(servers.every((s) => s.file === yaml.path && s.scope === 'user'));
      });
    }
  });

  describe('servers', () => {
    it('config.yaml: the mcpServers list, keyed on each name value; secrets stay references', () => {
      const servers = extract(read('config.yaml'), { format: 'yaml' });
      assert.deepEqual(servers.map(summary), [
        server('SQLite MCP', 'user', [10, 10], { command: 'npx', package: { ecosystem: 'npm', name: 'mcp-sqlite', version: null } }),
        server('Supabase MCP', 'user', [16, 10], {
          command: 'npx',
          package: { ecosystem: 'npm', name: '@supabase/mcp-server-supabase', version: 'latest' },
          envNames: ['SUPABASE_TOKEN'],
        }),
        server('GitHub', 'user', [25, 10], {
          command: 'npx',
          package: { ecosystem: 'npm', name: '@modelcontextprotocol/server-github', version: null },
          envNames: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
        }),
        server('Docs (SSE)', 'user', [32, 10], { transport: 'sse', url: 'https://docs.example.com/sse' }),
        server('Linear', 'user', [35, 10], { transport: 'http', url: 'https://mcp.linear.app/mcp', headerNames: ['Authorization'] }),
        // a Continue Hub block: its definition is not in the file, so it is reported by its slug
        server('anthropic/memory-mcp', 'user', [41, 10], {}),
      ]);
      const text = read('config.yaml');
      const [, supabase] = servers;
      assert.equal(text.slice(supabase.keyOffset, supabase.keyOffset + supabase.keyLength), 'Supabase MCP');
      assert.deepEqual(supabase.args, ['-y', '@supabase/mcp-server-supabase@latest', '--access-token', '${{ secrets.SUPABASE_TOKEN }}']);
      const item = text.slice(supabase.valueOffset, supabase.valueOffset + supabase.valueLength);
      assert.ok(item.startsWith('name: Supabase MCP\n    command: npx'), item);
      assert.ok(item.endsWith('SUPABASE_TOKEN: ${{ secrets.SUPABASE_TOKEN }}'), item);
    });

    it('a YAML block file from the docs quick start', () => {
      const servers = extract(read('mcpServers/playwright-mcp.yaml'), { path: '/w/.continue/mcpServers/playwright-mcp.yaml', scope: 'workspace', format: 'yaml' });
      assert.deepEqual(servers.map(summary), [
        server('Browser search', 'workspace', [4, 10], { command: 'npx', package: { ecosystem: 'npm', name: '@playwright/mcp', version: 'latest' } }),
      ]);
    });

    it('a Claude-format JSON file dropped in mcpServers/', () => {
      const servers = extract(read('mcpServers/mcp.json'), { path: '/w/.continue/mcpServers/mcp.json', scope: 'workspace', format: 'jsonc' });
      assert.deepEqual(servers.map(summary), [
        server('filesystem', 'workspace', [3, 4], {
          command: 'npx',
          package: { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', version: null },
        }),
        server('sentry', 'workspace', [7, 4], { transport: 'http', url: 'https://mcp.sentry.dev/mcp' }),
      ]);
    });

    it('a bare single-server JSON file is named after the file and keyed on its command', () => {
      const text = read('mcpServers/brave-search.json');
      const servers = extract(text, { path: '/w/.continue/mcpServers/brave-search.json', scope: 'workspace', format: 'jsonc' });
      assert.deepEqual(servers.map(summary), [
        server('brave-search', 'workspace', [1, 2], {
          command: 'npx',
          package: { ecosystem: 'npm', name: '@modelcontextprotocol/server-brave-search', version: null },
          envNames: ['BRAVE_API_KEY'],
        }),
      ]);
      assert.equal(JSON.stringify(servers).includes('BSA-not-a-real-key'), false, 'an env value leaked');
      // outside a block folder, a bare object is not a server
      assert.deepEqual(extract(text, { path: '/home/me/.continue/config.json', format: 'jsonc' }), []);
    });

    it('legacy config.json: experimental.modelContextProtocolServers', () => {
      const servers = extract(read('config.json'), { path: '/home/me/.continue/config.json', format: 'jsonc' });
      assert.deepEqual(servers.map(summary), [
        server('sqlite', 'user', [5, 16], { command: 'uvx', package: { ecosystem: 'pypi', name: 'mcp-server-sqlite', version: null } }),
        // websocket is remote; unnamed entries are keyed on their `transport`
        server('modelContextProtocolServers[1]', 'user', [13, 8], { transport: 'http', url: 'wss://mcp.example.com/ws' }),
      ]);
    });

    it('a command wins over a url, as in Continue; items with neither are skipped; unnamed items key on what runs', () => {
      const text = [
        'mcpServers:',
        '  - name: both',
        '    command: uvx',
        '    args: [mcp-server-fetch==2025.1.1]',
        '    url: https://ignored.example',
        '  - name: empty',
        '  - command: npx',
        '    args: ["-y", "mcp-remote", "https://remote.example/sse"]',
        '  - just a string',
        '  - url: https://r.example/mcp',
      ].join('\n');
      assert.deepEqual(
        extract(text, { format: 'yaml' }).map((s) => [s.name, s.transport, s.command, s.url, s.package?.name ?? null, s.range.start.line, s.range.start.character]),
        [
          ['both', 'stdio', 'uvx', null, 'mcp-server-fetch', 1, 10],
          ['mcpServers[2]', 'stdio', 'npx', 'https://remote.example/sse', 'mcp-remote', 6, 4],
          ['mcpServers[4]', 'http', null, 'https://r.example/mcp', null, 9, 4],
        ],
      );
    });

    it('uses: blocks take their name and fields from override when given', () => {
      const text = 'mcpServers:\n  - uses: acme/db-mcp\n    with:\n      DB_URL: ${{ secrets.DB_URL }}\n    override:\n      name: Acme DB\n      command: npx\n      args: ["-y", "@acme/db-mcp@2.1.0"]\n';
      const [s] = extract(text, { format: 'yaml' });
      assert.deepEqual([s.name, s.command, s.package, s.range.start], ['Acme DB', 'npx', { ecosystem: 'npm', name: '@acme/db-mcp', version: '2.1.0' }, { line: 1, character: 10 }]);
    });

    it('CRLF, comments and an invalid file', () => {
      const text = '# block\r\nname: t\r\nversion: 0.0.1\r\nschema: v1\r\nmcpServers:\r\n  # the server\r\n  - name: "Quoted ü😀"\r\n    command: npx\r\n    args: [-y, pkg@1.0.0]\r\n';
      const [s] = extract(text, { format: 'yaml' });
      assert.deepEqual([s.name, s.range.start, text.slice(s.keyOffset, s.keyOffset + s.keyLength)], ['Quoted ü😀', { line: 6, character: 10 }, '"Quoted ü😀"']);
      const doc = parseDocument('mcpServers:\n  - name: a\n    command: npx\n  - name: [b\n', 'yaml');
      assert.match(doc.error?.message ?? '', /at line \d+, column \d+$/);
      assert.deepEqual(extract('models: []\n', { format: 'yaml' }), []);
    });
  });
});
