import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codex, codexProfileLocations } from '../../src/core/clients/codex';
import { discoverAllLocations, discoverLocations } from '../../src/core/discovery';
import type { ConfigLocation, Platform, ServerEntry } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { FIXTURES, tempDir, writeTree } from '../helpers';
import { serverSummary } from '../clientRows';

const DIR = path.join(FIXTURES, 'clients', 'codex');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

function extract(text: string, location: Partial<ConfigLocation> = {}): ServerEntry[] {
  const loc: ConfigLocation = { path: '/home/me/.codex/config.toml', client: 'codex', scope: 'user', format: 'toml', ...location };
  return codex.extract(parseDocument(text, 'toml'), loc);
}

const summary = serverSummary;

describe('Codex client', () => {
  describe('locations', () => {
    const ws = '/work/project';
    const cases: [Platform, string, string[]][] = [
      ['linux', '/home/me', ['/etc/codex/config.toml', '/etc/codex/managed_config.toml']],
      ['darwin', '/Users/me', ['/etc/codex/config.toml', '/etc/codex/managed_config.toml']],
      ['win32', '/fake/Users/me', ['C:\\ProgramData\\OpenAI\\Codex\\config.toml']],
    ];
    for (const [platform, home, system] of cases) {
      it(`${platform}: ~/.codex/config.toml, the project's .codex/config.toml and the system layers`, () => {
        const locs = discoverLocations({ home, platform, workspaces: [ws], env: {} }, [codex]);
        assert.deepEqual(
          locs.map((l) => [l.path, l.scope, l.format, l.client]),
          [
            [path.join(home, '.codex', 'config.toml'), 'user', 'toml', 'codex'],
            [path.join(ws, '.codex', 'config.toml'), 'workspace', 'toml', 'codex'],
            ...system.map((p) => [p, 'managed', 'toml', 'codex']),
          ],
        );
      });
    }

    it('CODEX_HOME relocates the user file only when it lies under the scanned home', () => {
      const home = '/home/me';
      const inside = discoverLocations({ home, platform: 'linux', workspaces: [], env: { CODEX_HOME: '/home/me/.config/codex' } }, [codex]);
      assert.equal(inside[0].path, '/home/me/.config/codex/config.toml');
      const outside = discoverLocations({ home, platform: 'linux', workspaces: [], env: { CODEX_HOME: '/srv/shared/codex' } }, [codex]);
      assert.equal(outside[0].path, '/home/me/.codex/config.toml');
      const relative = discoverLocations({ home, platform: 'linux', workspaces: [], env: { CODEX_HOME: 'codex' } }, [codex]);
      assert.equal(relative[0].path, '/home/me/.codex/config.toml');
    });

    it('MCPG_SYSTEM_ROOT moves the system layers under a fake root', () => {
      const locs = discoverLocations({ home: '/home/me', platform: 'darwin', workspaces: [], env: { MCPG_SYSTEM_ROOT: '/fake/root' } }, [codex]);
      assert.deepEqual(
        locs.filter((l) => l.scope === 'managed').map((l) => l.path),
        ['/fake/root/etc/codex/config.toml', '/fake/root/etc/codex/managed_config.toml'],
      );
    });

    it('lists profile layers `<name>.config.toml` next to config.toml', async () => {
      const home = tempDir();
      writeTree(home, {
        '.codex/config.toml': read('config.toml'),
        '.codex/work.config.toml': '[mcp_servers.internal]\nurl = "https://mcp.internal.example/mcp"\n',
        '.codex/.config.toml': '',
        '.codex/notes.toml': '',
        '.codex/auth.json': '{}',
      });
      const ctx = { home, platform: 'linux' as const, workspaces: [], env: {} };
      const listDir = async (dir: string) => fs.readdirSync(dir).sort();
      assert.deepEqual(
        (await codexProfileLocations(ctx, listDir)).map((l) => [path.relative(home, l.path), l.scope, l.format]),
        [[path.join('.codex', 'work.config.toml'), 'user', 'toml']],
      );
      const all = await discoverAllLocations(ctx, [codex]);
      assert.ok(all.some((l) => l.path.endsWith('work.config.toml')));
      assert.deepEqual(await codexProfileLocations({ ...ctx, home: path.join(home, 'missing') }, async () => []), []);
    });
  });

  describe('servers', () => {
    it('reads the user config: stdio, remote, disabled, env and header names, keys on the header segment', () => {
      const servers = extract(read('config.toml'));
      assert.deepEqual(servers.map(summary), [
        {
          name: 'context7',
          client: 'codex',
          scope: 'user',
          transport: 'stdio',
          command: 'npx',
          url: null,
          package: { ecosystem: 'npm', name: '@upstash/context7-mcp', version: '1.0.14' },
          disabled: false,
          envNames: [],
          headerNames: [],
          at: { line: 4, character: 13 },
        },
        {
          name: 'figma',
          client: 'codex',
          scope: 'user',
          transport: 'http',
          command: null,
          url: 'https://mcp.figma.com/mcp',
          package: null,
          disabled: true,
          envNames: [],
          headerNames: ['Authorization'],
          at: { line: 8, character: 13 },
        },
        {
          name: 'github',
          client: 'codex',
          scope: 'user',
          transport: 'stdio',
          command: 'docker',
          url: null,
          package: { ecosystem: 'oci', name: 'ghcr.io/github/github-mcp-server', version: 'v0.20.1' },
          disabled: false,
          envNames: ['GITHUB_PERSONAL_ACCESS_TOKEN', 'GITHUB_HOST'],
          headerNames: [],
          at: { line: 13, character: 13 },
        },
        {
          name: 'docs-search',
          client: 'codex',
          scope: 'user',
          transport: 'http',
          command: null,
          url: 'https://docs.example.com/mcp',
          package: null,
          disabled: false,
          envNames: [],
          headerNames: ['X-Team', 'X-Api-Key'],
          at: { line: 22, character: 13 },
        },
      ]);
      const text = read('config.toml');
      const [, , github, docs] = servers;
      assert.equal(text.slice(docs.keyOffset, docs.keyOffset + docs.keyLength), '"docs-search"');
      // the value spans the header through its env sub-table: what a rewrite replaces
      const value = text.slice(github.valueOffset, github.valueOffset + github.valueLength);
      assert.ok(value.startsWith('[mcp_servers.github]\ncommand = "docker"'), value);
      assert.ok(value.endsWith('GITHUB_PERSONAL_ACCESS_TOKEN = "ghp_not_a_real_token"'), value);
      assert.equal(JSON.stringify(servers).includes('ghp_not_a_real_token'), false, 'an env value leaked');
    });

    it('reads a project config built from inline tables and dotted keys', () => {
      const servers = extract(read('project-config.toml'), { path: '/work/project/.codex/config.toml', scope: 'workspace' });
      assert.deepEqual(servers.map(summary), [
        {
          name: 'playwright',
          client: 'codex',
          scope: 'workspace',
          transport: 'stdio',
          command: 'npx',
          url: null,
          package: { ecosystem: 'npm', name: '@playwright/mcp', version: '0.0.41' },
          disabled: false,
          envNames: [],
          headerNames: [],
          at: { line: 1, character: 12 },
        },
        {
          name: 'sentry',
          client: 'codex',
          scope: 'workspace',
          transport: 'http',
          command: null,
          url: 'https://mcp.sentry.dev/mcp',
          package: null,
          disabled: false,
          envNames: [],
          headerNames: [],
          at: { line: 2, character: 12 },
        },
        {
          name: 'time',
          client: 'codex',
          scope: 'workspace',
          transport: 'stdio',
          command: 'uvx',
          url: null,
          package: { ecosystem: 'pypi', name: 'mcp-server-time', version: '0.6.2' },
          disabled: false,
          envNames: [],
          headerNames: [],
          at: { line: 4, character: 13 },
        },
      ]);
    });

    it('skips tables Codex rejects (no command and no url), such as requirement identities', () => {
      const text = '[mcp_servers.ok]\ncommand = "uvx"\nargs = ["mcp-server-git"]\n\n[mcp_servers.nothing]\nenabled = true\n\n[mcp_servers.id.identity]\ncommand = "npx"\n';
      assert.deepEqual(extract(text).map((s) => s.name), ['ok']);
    });

    it('reads env_vars given as names or as { name, source } tables, and CRLF files', () => {
      const text = '[mcp_servers.a]\r\ncommand = "npx"\r\nargs = ["-y", "pkg@1"]\r\nenv_vars = ["A", { name = "B", source = "remote" }, 3]\r\n[mcp_servers.a.env]\r\nA = "1"\r\n';
      const [a] = extract(text);
      assert.deepEqual(a.envNames, ['A', 'B']);
      assert.deepEqual(a.range.start, { line: 0, character: 13 });
    });

    it('keeps the servers before a syntax error, which is located', () => {
      const text = '[mcp_servers.a]\ncommand = "npx"\nargs = ["x"]\n\n[mcp_servers.b]\ncommand = "uvx\n';
      const doc = parseDocument(text, 'toml');
      assert.match(doc.error?.message ?? '', /at line 6, column \d+$/);
      assert.deepEqual(codex.extract(doc, { path: '/x', client: 'codex', scope: 'user', format: 'toml' }).map((s) => s.name), ['a']);
    });

    it('ignores files without mcp_servers and wrong types', () => {
      assert.deepEqual(extract('model = "o3"\n'), []);
      assert.deepEqual(extract('mcp_servers = 3\n'), []);
      assert.deepEqual(extract('mcp_servers = { a = "npx" }\n'), []);
      const [t] = extract('[mcp_servers.t]\ncommand = "npx"\nargs = "not-a-list"\nenabled = "no"\n');
      assert.deepEqual([t.args, t.disabled], [[], false]);
    });
  });
});
