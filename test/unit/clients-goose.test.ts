import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { goose } from '../../src/core/clients/goose';
import { discoverLocations } from '../../src/core/discovery';
import type { ConfigLocation, Platform, ServerEntry } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { readConfigFile } from '../../src/core/readFile';
import { FIXTURES, tempDir, writeTree } from '../helpers';
import { serverSummary } from '../clientRows';

const FIXTURE = fs.readFileSync(path.join(FIXTURES, 'clients', 'goose', 'config.yaml'), 'utf8');

function extract(text: string, location: Partial<ConfigLocation> = {}): ServerEntry[] {
  const loc: ConfigLocation = { path: '/home/me/.config/goose/config.yaml', client: 'goose', scope: 'user', format: 'yaml', ...location };
  return goose.extract(parseDocument(text, 'yaml'), loc);
}

const summary = serverSummary;

/** Where each OS keeps the user file, relative to the home folder. */
const LAYOUT: Record<Platform, string> = {
  linux: '.config/goose/config.yaml',
  // etcetera's choose_app_strategy is XDG on macOS too: not ~/Library/Application Support
  darwin: '.config/goose/config.yaml',
  win32: 'AppData/Roaming/Block/goose/config/config.yaml',
};

describe('Goose client', () => {
  describe('locations', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      it(`${platform}: the user config.yaml and the system layer`, () => {
        const home = `/fake/${platform}/me`;
        const locs = discoverLocations({ home, platform, workspaces: ['/work/p'], env: {} }, [goose]);
        const system = platform === 'win32' ? 'C:\\ProgramData\\goose\\config.yaml' : '/etc/goose/config.yaml';
        assert.deepEqual(
          locs.map((l) => [l.path, l.scope, l.format, l.client]),
          [
            [path.join(home, ...LAYOUT[platform].split('/')), 'user', 'yaml', 'goose'],
            [system, 'managed', 'yaml', 'goose'],
          ],
        );
      });

      it(`${platform}: finds and reads the file in a fake home`, async () => {
        const home = tempDir();
        writeTree(home, { [LAYOUT[platform]]: FIXTURE });
        const [user] = discoverLocations({ home, platform, workspaces: [], env: {} }, [goose]);
        const read = await readConfigFile(user.path);
        assert.equal(read.kind, 'text');
        const servers = goose.extract(parseDocument(read.kind === 'text' ? read.text : '', 'yaml'), user);
        assert.deepEqual(servers.map((s) => [s.name, s.file, s.scope]), ['filesystem', 'remote-tools', 'github', 'legacy-sse', 'scratch'].map((n) => [n, user.path, 'user']));
      });
    }

    it('honours XDG_CONFIG_HOME, APPDATA and GOOSE_PATH_ROOT only under the scanned home', () => {
      const home = '/home/me';
      const at = (platform: Platform, env: Record<string, string>) => discoverLocations({ home, platform, workspaces: [], env }, [goose])[0].path;
      assert.equal(at('linux', { XDG_CONFIG_HOME: '/home/me/xdg' }), '/home/me/xdg/goose/config.yaml');
      assert.equal(at('darwin', { XDG_CONFIG_HOME: '/home/me/xdg' }), '/home/me/xdg/goose/config.yaml');
      assert.equal(at('linux', { XDG_CONFIG_HOME: '/etc/xdg' }), '/home/me/.config/goose/config.yaml');
      assert.equal(at('win32', { APPDATA: '/home/me/Roaming2' }), '/home/me/Roaming2/Block/goose/config/config.yaml');
      assert.equal(at('linux', { GOOSE_PATH_ROOT: '/home/me/goose-root' }), '/home/me/goose-root/config/config.yaml');
      assert.equal(at('win32', { GOOSE_PATH_ROOT: '/home/me/goose-root' }), '/home/me/goose-root/config/config.yaml');
      assert.equal(at('linux', { GOOSE_PATH_ROOT: '/opt/goose' }), '/home/me/.config/goose/config.yaml');
      assert.equal(at('linux', { GOOSE_PATH_ROOT: 'relative/root' }), '/home/me/.config/goose/config.yaml');
    });

    it('MCPG_SYSTEM_ROOT moves the system layer under a fake root', () => {
      const locs = discoverLocations({ home: '/h', platform: 'win32', workspaces: [], env: { MCPG_SYSTEM_ROOT: '/fake/root' } }, [goose]);
      assert.equal(locs[1].path, '/fake/root/ProgramData/goose/config.yaml');
    });
  });

  describe('servers', () => {
    it('reads the documented extension shapes; builtin and platform extensions are not external servers', () => {
      assert.deepEqual(extract(FIXTURE).map(summary), [
        {
          name: 'filesystem',
          client: 'goose',
          scope: 'user',
          transport: 'stdio',
          command: 'npx',
          url: null,
          package: { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', version: null },
          disabled: false,
          envNames: [],
          headerNames: [],
          at: { line: 24, character: 2 },
        },
        {
          name: 'remote-tools',
          client: 'goose',
          scope: 'user',
          transport: 'http',
          command: null,
          url: 'https://example.com/mcp',
          package: null,
          disabled: false,
          envNames: [],
          headerNames: ['X-Team'],
          at: { line: 34, character: 2 },
        },
        {
          name: 'github',
          client: 'goose',
          scope: 'user',
          transport: 'stdio',
          command: 'docker',
          url: null,
          package: { ecosystem: 'oci', name: 'ghcr.io/github/github-mcp-server', version: 'v0.20.1' },
          disabled: true,
          envNames: ['GITHUB_PERSONAL_ACCESS_TOKEN', 'GITHUB_HOST'],
          headerNames: [],
          at: { line: 45, character: 2 },
        },
        {
          name: 'legacy-sse',
          client: 'goose',
          scope: 'user',
          transport: 'sse',
          command: null,
          url: 'http://localhost:8080/sse',
          package: null,
          disabled: false,
          envNames: [],
          headerNames: [],
          at: { line: 63, character: 2 },
        },
        {
          // inline Python run by Goose through uvx: a local server with no package an inventory could name
          name: 'scratch',
          client: 'goose',
          scope: 'user',
          transport: 'stdio',
          command: null,
          url: null,
          package: null,
          disabled: false,
          envNames: [],
          headerNames: [],
          at: { line: 69, character: 2 },
        },
      ]);
    });

    it('keys the map key (not the display name) and spans the entry for rewrites; values of envs never leak', () => {
      const servers = extract(FIXTURE);
      const github = servers.find((s) => s.name === 'github')!;
      assert.equal(FIXTURE.slice(github.keyOffset, github.keyOffset + github.keyLength), 'github');
      const value = FIXTURE.slice(github.valueOffset, github.valueOffset + github.valueLength);
      assert.ok(value.startsWith('type: stdio\n    name: GitHub'), value);
      assert.ok(value.endsWith('timeout: 300'), value);
      assert.equal(JSON.stringify(servers).includes('ghp_not_a_real_token'), false, 'an env value leaked');
    });

    it('infers the transport of an entry without a known type from cmd / uri; skips empty ones', () => {
      const text = [
        'extensions:',
        '  untyped-remote: { enabled: true, uri: "https://r.example/mcp" }',
        '  untyped-local: { enabled: true, cmd: uvx, args: [mcp-server-git==0.6.2] }',
        '  future: { type: websocket, uri: "wss://w.example" }',
        '  nothing: { enabled: true, type: mystery }',
        '  frontend-tools: { type: frontend, tools: [] }',
        '  not-a-map: 3',
      ].join('\n');
      assert.deepEqual(
        extract(text).map((s) => [s.name, s.transport, s.url, s.package?.name ?? null]),
        [
          ['untyped-remote', 'http', 'https://r.example/mcp', null],
          ['untyped-local', 'stdio', null, 'mcp-server-git'],
          ['future', 'http', 'wss://w.example', null],
        ],
      );
    });

    it('a stdio bridge to a remote server reports the bridged URL', () => {
      const [s] = extract('extensions:\n  linear:\n    type: stdio\n    enabled: true\n    cmd: npx\n    args: ["-y", "mcp-remote", "https://mcp.linear.app/sse"]\n');
      assert.equal(s.url, 'https://mcp.linear.app/sse');
      assert.equal(s.transport, 'stdio');
    });

    it('CRLF files, quoted keys and anchors', () => {
      const text = 'base: &base\r\n  type: stdio\r\n  enabled: true\r\n  cmd: npx\r\nextensions:\r\n  "my tool": *base\r\n';
      const [s] = extract(text);
      assert.deepEqual([s.name, s.command, s.range.start], ['my tool', 'npx', { line: 5, character: 2 }]);
      assert.equal(text.slice(s.keyOffset, s.keyOffset + s.keyLength), '"my tool"');
      assert.equal(text.slice(s.valueOffset, s.valueOffset + s.valueLength), '*base');
    });

    it('an invalid file yields what could be read and a located error', () => {
      const doc = parseDocument('extensions:\n  ok:\n    type: stdio\n    cmd: npx\n    args: [a\n', 'yaml');
      assert.ok(doc.error);
      assert.match(doc.error.message, /at line \d+, column \d+$/);
      assert.deepEqual(extract('GOOSE_MODE: auto\n'), []);
      assert.deepEqual(extract('extensions: []\n'), []);
    });
  });
});
