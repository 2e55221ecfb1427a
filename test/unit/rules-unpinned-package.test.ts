import * as assert from 'node:assert/strict';
import type { ClientId, ConfigFormat } from '../../src/core/model';
import { SERVER_RULES } from '../../src/core/rules';
import { unpinnedPackage } from '../../src/core/rules/unpinnedPackage';
import { cursorConfig, readRuleFixture, runRule } from '../rules';

const read = readRuleFixture;

const scan = (text: string, client: ClientId, format: ConfigFormat, file?: string) => runRule(unpinnedPackage, text, client, format, file);


const cursor = cursorConfig;
const one = (command: string, args: string[]) => scan(cursor({ s: { command, args } }), 'cursor', 'json');

describe('rule unpinned-package', () => {
  it('is registered with its SARIF metadata', () => {
    assert.ok(SERVER_RULES.includes(unpinnedPackage));
    assert.deepEqual([unpinnedPackage.id, unpinnedPackage.name, unpinnedPackage.defaultSeverity], ['unpinned-package', 'UnpinnedPackage', 'warning']);
  });

  describe('npm launchers', () => {
    it('no version: golden message, range on the spec argument', () => {
      const hits = one('npx', ['-y', '@modelcontextprotocol/server-github']);
      assert.deepEqual(
        hits.map((h) => [h.finding.severity, h.at, h.finding.message]),
        [
          [
            'warning',
            '"@modelcontextprotocol/server-github"',
            'args[1]: npx runs @modelcontextprotocol/server-github with no version, so every start can run a different release, a compromised one included, without review. Pin an exact version (@modelcontextprotocol/server-github@<version>).',
          ],
        ],
      );
    });

    it('dist-tags and ranges', () => {
      assert.match(one('npx', ['-y', '@playwright/mcp@latest'])[0].finding.message, /^args\[1\]: npx runs @playwright\/mcp@latest, a dist-tag that moves with each release/);
      assert.match(one('npx', ['-y', 'firecrawl-mcp@next'])[0].finding.message, /firecrawl-mcp@next, a dist-tag/);
      assert.match(one('bunx', ['@upstash/context7-mcp@beta'])[0].finding.message, /^args\[0\]: bunx runs @upstash\/context7-mcp@beta, a dist-tag/);
      assert.match(one('npx', ['-y', 'tavily-mcp@^0.2.1'])[0].finding.message, /at the version range \^0\.2\.1/);
      assert.match(one('npx', ['-y', 'tavily-mcp@0.2'])[0].finding.message, /at the version range 0\.2,/);
      assert.match(one('pnpm', ['dlx', '@modelcontextprotocol/server-memory'])[0].finding.message, /^args\[1\]: pnpm dlx runs @modelcontextprotocol\/server-memory with no version/);
      assert.match(one('yarn', ['dlx', 'mcp-server-kubernetes@~2.1.0'])[0].finding.message, /^args\[1\]: yarn dlx runs mcp-server-kubernetes at the version range ~2\.1\.0/);
      assert.match(one('npx', ['--yes', '--package=@sentry/mcp-server', 'sentry-mcp'])[0].at, /--package=@sentry\/mcp-server/);
    });

    it('exact versions are fine', () => {
      assert.deepEqual(one('npx', ['-y', '@modelcontextprotocol/server-github@2025.4.8']), []);
      assert.deepEqual(one('npx', ['-y', '@playwright/mcp@0.0.41']), []);
      assert.deepEqual(one('npx', ['-y', 'some-mcp@1.0.0-beta.3']), []);
      assert.deepEqual(one('pnpm', ['dlx', 'mcp-server-kubernetes@2.1.0']), []);
      // local paths and git URLs are not registry packages
      assert.deepEqual(one('npx', ['-y', './tools/mcp']), []);
      assert.deepEqual(one('node', ['/opt/mcp/dist/index.js']), []);
    });

    it('through cmd /c on Windows: the range covers the argument', () => {
      const hits = one('cmd', ['/c', 'npx', '-y', '@modelcontextprotocol/server-filesystem', 'C:\\work']);
      assert.deepEqual(hits.map((h) => h.at), ['"@modelcontextprotocol/server-filesystem"']);
    });
  });

  describe('PyPI launchers', () => {
    it('uvx without ==, with a range or @latest', () => {
      assert.equal(one('uvx', ['mcp-server-fetch'])[0].finding.message, 'args[0]: uvx runs mcp-server-fetch with no version, so every start can run a different release, a compromised one included, without review. Pin an exact version (mcp-server-fetch==<version>).');
      assert.match(one('uvx', ['mcp-server-git>=0.6'])[0].finding.message, /at the version range >=0\.6/);
      assert.match(one('uvx', ['mcp-server-time@latest'])[0].finding.message, /mcp-server-time@latest, a dist-tag/);
      assert.match(one('uvx', ['--from', 'awslabs.aws-documentation-mcp-server', 'awslabs.aws-documentation-mcp-server'])[0].at, /"awslabs\.aws-documentation-mcp-server"/);
      assert.match(one('pipx', ['run', 'mcp-server-sqlite'])[0].finding.message, /^args\[1\]: pipx run runs mcp-server-sqlite with no version/);
    });

    it('== and @ pins are fine', () => {
      assert.deepEqual(one('uvx', ['mcp-server-git==2025.1.14']), []);
      assert.deepEqual(one('uvx', ['awslabs.aws-documentation-mcp-server@1.1.2']), []);
      assert.deepEqual(one('uvx', ['--from', 'mcp-server-fetch==2025.4.7', 'mcp-server-fetch']), []);
    });
  });

  describe('images', () => {
    const hits = scan(read('claude-desktop-docker.json'), 'claude-desktop', 'json');
    const byServer = new Map(hits.map((h) => [h.server, h]));

    it('no tag or :latest is an error, a tag alone a warning, a digest is fine', () => {
      assert.deepEqual(
        hits.map((h) => [h.server, h.finding.severity, h.at]),
        [
          ['github', 'error', '"ghcr.io/github/github-mcp-server"'],
          ['docker', 'error', '"mcp/docker:latest"'],
          ['filesystem', 'warning', '"mcp/filesystem:1.0.2"'],
          ['pods', 'warning', '"quay.io/acme/pod-mcp:2.0.1"'],
        ],
      );
      for (const pinned of ['ops', 'notes', 'windows-engine']) assert.ok(!byServer.has(pinned), pinned);
    });

    it('golden messages', () => {
      assert.equal(byServer.get('github')?.finding.message, 'args[5]: image ghcr.io/github/github-mcp-server has no tag, so docker runs :latest: whatever was pushed last runs, with nobody reviewing it. Pin a digest (ghcr.io/github/github-mcp-server@sha256:…).');
      assert.equal(byServer.get('docker')?.finding.message, 'args[5]: image mcp/docker is :latest: whatever was pushed last runs, with nobody reviewing it. Pin a digest (mcp/docker@sha256:…).');
      assert.equal(byServer.get('pods')?.finding.message, 'args[5]: image quay.io/acme/pod-mcp:2.0.1 is pinned by tag only: tags can be moved to other content. Pin a digest (quay.io/acme/pod-mcp:2.0.1@sha256:…).');
    });
  });

  it('Continue config.yaml (YAML): range on the unpinned spec item', () => {
    const hits = scan(read('continue-config.yaml'), 'continue', 'yaml', '/home/me/.continue/config.yaml');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.range?.start]),
      [['Brave Search', '"@modelcontextprotocol/server-brave-search"', { line: 15, character: 8 }]],
    );
  });

  it('Codex config.toml (TOML): the first server of the file too', () => {
    const hits = scan(read('codex-config.toml'), 'codex', 'toml', '/home/me/.codex/config.toml');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.range?.start]),
      [['github', '"@modelcontextprotocol/server-github"', { line: 3, character: 14 }]],
    );
  });

  it('remote servers have nothing to pin', () => {
    assert.deepEqual(scan(cursor({ r: { url: 'https://mcp.sentry.dev/mcp' } }), 'cursor', 'json'), []);
  });
});
