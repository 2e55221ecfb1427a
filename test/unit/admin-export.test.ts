// `export --to TARGET`: golden files per target (set UPDATE_GOLDEN=1 to rewrite them after a reviewed change), and
// for each target a check that the file parses the way that client reads it and that the client's own matching
// rules, applied to the generated patterns, allow what the inventory approves and block what it rejects.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPORTERS, EXPORT_TARGETS, formatNotes, type ExportResult } from '../../src/core/admin/export';
import { validateInventory, type LoadedInventory } from '../../src/core/inventory/load';
import { InventoryIndex } from '../../src/core/inventory/match';
import { parseDocument, plainValue } from '../../src/core/parse';
import { recognizeLauncher } from '../../src/core/launchers';
import { FIXTURES } from '../helpers';

const ADMIN = path.join(FIXTURES, 'admin');
const NOW = new Date('2026-11-21T00:00:00Z');

function inventory(): LoadedInventory['inventory'] {
  const r = validateInventory(JSON.parse(fs.readFileSync(path.join(ADMIN, 'inventory.json'), 'utf8')), 'inventory.json');
  if (!r.ok) throw new Error(r.error);
  return r.value.inventory;
}

function run(target: (typeof EXPORT_TARGETS)[number], extra: Record<string, unknown> = {}): ExportResult {
  return EXPORTERS[target].run(inventory(), { now: NOW, registryUrl: target === 'kiro' ? 'https://mcp.globex.example/registry/mcp-registry.json' : 'https://mcp.globex.example/registry', withManagedMcp: target === 'claude-code', ...extra });
}

function golden(file: string, actual: string): void {
  const p = path.join(ADMIN, 'export', file);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, actual);
  }
  assert.equal(actual, fs.readFileSync(p, 'utf8'), `golden ${file} differs (UPDATE_GOLDEN=1 rewrites it)`);
}

describe('admin export: golden files', () => {
  for (const target of EXPORT_TARGETS) {
    it(`${target}: files and the printed notes match the golden copies`, () => {
      const r = run(target);
      assert.equal(r.target, target);
      for (const f of r.files) golden(`${target}/${f.name}`, f.text);
      golden(`${target}/notes.txt`, `${formatNotes(r.notes)}\n`);
    });
  }
});

// ---------- Claude Code ----------

/** Claude Code's documented matching: exact argv; `*` anywhere in serverUrl; a pattern without a path = any path. */
function claudeAllows(rules: Record<string, unknown>[], server: { argv?: string[]; url?: string }): boolean {
  return rules.some((rule) => {
    if (server.argv && Array.isArray(rule.serverCommand)) return JSON.stringify(rule.serverCommand) === JSON.stringify(server.argv);
    if (server.url && typeof rule.serverUrl === 'string') {
      const pattern = rule.serverUrl;
      const hasPath = /^[^:]+:\/\/[^/]+\//.test(pattern);
      const subject = hasPath ? server.url : server.url.replace(/^([^:]+:\/\/[^/]+).*$/, '$1');
      const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
      return re.test(subject);
    }
    return false;
  });
}

describe('admin export: claude-code', () => {
  const r = run('claude-code');
  const settings = JSON.parse(r.files[0].text) as { allowManagedMcpServersOnly: boolean; allowedMcpServers: Record<string, unknown>[]; deniedMcpServers: Record<string, unknown>[] };

  it('writes managed-settings.json in the documented shape: single-key serverCommand/serverUrl entries', () => {
    assert.equal(r.files[0].name, 'managed-settings.json');
    assert.deepEqual(Object.keys(settings), ['allowManagedMcpServersOnly', 'allowedMcpServers', 'deniedMcpServers']);
    for (const rule of [...settings.allowedMcpServers, ...settings.deniedMcpServers]) {
      assert.equal(Object.keys(rule).length, 1, JSON.stringify(rule));
      const [key] = Object.keys(rule);
      assert.ok(key === 'serverCommand' || key === 'serverUrl', key);
      if (key === 'serverCommand') assert.ok(Array.isArray(rule.serverCommand) && (rule.serverCommand as unknown[]).every((a) => typeof a === 'string'));
      else assert.equal(typeof rule.serverUrl, 'string');
    }
    assert.ok(!JSON.stringify(settings).includes('serverName'), 'names are never exported: they are not a security control');
  });

  it('allows the approved launches and URLs and denies the rejected ones, by Claude Code\'s own matching', () => {
    const allow = (s: { argv?: string[]; url?: string }) => claudeAllows(settings.allowedMcpServers, s) && !claudeAllows(settings.deniedMcpServers, s);
    assert.ok(allow({ argv: ['npx', '-y', '@modelcontextprotocol/server-filesystem@2025.8.21'] }));
    assert.ok(allow({ argv: ['npx', '-y', '@modelcontextprotocol/server-filesystem@2025.7.29'] }));
    assert.ok(!allow({ argv: ['npx', '-y', '@modelcontextprotocol/server-filesystem@2025.1.1'] }));
    assert.ok(allow({ argv: ['uvx', 'mcp-server-git==0.6.2'] }));
    assert.ok(allow({ argv: ['docker', 'run', '-i', '--rm', 'ghcr.io/github/github-mcp-server:v0.20.1'] }));
    assert.ok(allow({ argv: ['/opt/globex/bin/mcp-tools'] }));
    assert.ok(allow({ url: 'https://mcp.sentry.dev/mcp' }));
    assert.ok(allow({ url: 'https://mcp.sentry.dev/mcp/' }));
    assert.ok(allow({ url: 'https://api.githubcopilot.com/mcp/x/y' }));
    assert.ok(allow({ url: 'https://mcp.globex.example/gw/anything/mcp' }), 'everything under gateway.url');
    assert.ok(!allow({ url: 'https://mcp.sentry.dev/other' }));
    assert.ok(!allow({ url: 'https://evil.example.com/mcp' }));
    assert.ok(claudeAllows(settings.deniedMcpServers, { argv: ['npx', '-y', '@modelcontextprotocol/server-slack'] }));
    assert.ok(claudeAllows(settings.deniedMcpServers, { argv: ['npx', '@modelcontextprotocol/server-slack'] }));
  });

  it('reports what exact argv cannot express, and writes managed-mcp.json with the gateway routes', () => {
    const lost = r.notes.filter((n) => n.level === 'lost').map((n) => n.id);
    assert.ok(lost.includes('memory'), 'a >= range is not expressible as exact argv');
    assert.ok(lost.includes('scripts'), 'a command glob is not expressible');
    assert.ok(r.notes.some((n) => n.id === 'slack' && n.level === 'widened'));
    const managed = JSON.parse(r.files[1].text);
    assert.equal(r.files[1].name, 'managed-mcp.json');
    assert.deepEqual(managed, {
      mcpServers: {
        filesystem: { type: 'http', url: 'https://mcp.globex.example/gw/filesystem/mcp' },
        github: { type: 'http', url: 'https://mcp.globex.example/gw/github/mcp' },
      },
    });
  });
});

// ---------- Codex ----------

type CodexMatcher = { match: 'exact' | 'prefix'; value: string } | { match: 'regex'; expression: string };

function codexValueMatches(m: CodexMatcher, value: string): boolean {
  if (m.match === 'regex') return new RegExp(`^(?:${m.expression})$`).test(value);
  return m.match === 'exact' ? value === m.value : value.startsWith(m.value);
}

/** codex-rs/config/src/mcp_requirements.rs: name and identity must match; executable exact, same argument count. */
function codexAllows(servers: Record<string, { identity: Record<string, unknown> }>, name: string, server: { command?: string; args?: string[]; url?: string }): boolean {
  const req = servers[name];
  if (!req) return false;
  const id = req.identity;
  if (server.url !== undefined) {
    if (typeof id.url === 'string') return id.url === server.url;
    if (id.url && typeof id.url === 'object') return codexValueMatches(id.url as CodexMatcher, server.url);
    return false;
  }
  if (typeof id.command === 'string') return id.command === server.command;
  if (id.command && typeof id.command === 'object') {
    const c = id.command as { executable: string; args: CodexMatcher[] };
    const args = server.args ?? [];
    return c.executable === server.command && c.args.length === args.length && c.args.every((m, i) => codexValueMatches(m, args[i]));
  }
  return false;
}

describe('admin export: codex', () => {
  const r = run('codex');
  const doc = parseDocument(r.files[0].text, 'toml');

  it('writes requirements.toml that parses as TOML into the identity shapes Codex deserializes', () => {
    assert.equal(doc.error, null);
    const data = plainValue(doc.root) as { mcp_servers: Record<string, { identity: Record<string, unknown> }> };
    for (const [name, req] of Object.entries(data.mcp_servers)) {
      assert.deepEqual(Object.keys(req), ['identity'], name);
      const keys = Object.keys(req.identity);
      assert.equal(keys.length, 1, `${name}: exactly one of command / url`);
      const v = req.identity[keys[0]];
      if (keys[0] === 'url') assert.ok(typeof v === 'string' || (typeof v === 'object' && ['exact', 'prefix', 'regex'].includes((v as CodexMatcher).match)));
      else {
        assert.equal(keys[0], 'command');
        if (typeof v !== 'string') {
          const c = v as { executable: unknown; args: unknown };
          assert.deepEqual(Object.keys(c).sort(), ['args', 'executable']);
          for (const m of c.args as Record<string, unknown>[]) {
            // serde deny_unknown_fields: exactly `match` plus `value` or `expression`
            assert.deepEqual(Object.keys(m).sort(), m.match === 'regex' ? ['expression', 'match'] : ['match', 'value']);
            // regex_lite has no look-around
            if (m.match === 'regex') assert.doesNotMatch(String(m.expression), /\(\?[=!<]/);
          }
        }
      }
    }
  });

  it('allows the approved servers under their inventory names by Codex\'s own matching', () => {
    const servers = (plainValue(doc.root) as { mcp_servers: Record<string, { identity: Record<string, unknown> }> }).mcp_servers;
    assert.ok(codexAllows(servers, 'filesystem', { url: 'https://mcp.globex.example/gw/filesystem/mcp' }));
    assert.ok(codexAllows(servers, 'filesystem-2', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21'] }));
    assert.ok(!codexAllows(servers, 'filesystem-2', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.1.1'] }));
    assert.ok(codexAllows(servers, 'playwright', { command: 'npx', args: ['-y', '@playwright/mcp@0.0.41'] }));
    assert.ok(!codexAllows(servers, 'playwright', { command: 'npx', args: ['-y', '@playwright/mcp@1.0.0'] }));
    assert.ok(codexAllows(servers, 'git', { command: 'uvx', args: ['mcp-server-git==0.6.2'] }));
    assert.ok(codexAllows(servers, 'github-2', { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server:v0.20.1'] }));
    assert.ok(codexAllows(servers, 'github-3', { url: 'https://api.githubcopilot.com/mcp/' }));
    assert.ok(codexAllows(servers, 'linear', { url: 'https://mcp.linear.app/sse' }));
    assert.ok(!codexAllows(servers, 'linear', { url: 'https://mcp.linear.app/a/b' }));
    assert.ok(codexAllows(servers, 'tools', { command: '/opt/globex/bin/mcp-tools', args: ['--any'] }));
    assert.ok(!codexAllows(servers, 'slack', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'] }), 'rejected: not listed');
    assert.ok(!codexAllows(servers, 'my-sentry', { url: 'https://mcp.sentry.dev/mcp' }), 'the name must match too');
    assert.ok(r.notes.some((n) => n.id === 'memory' && n.level === 'widened'));
  });

  it('--strict-versions leaves out ranges a regex cannot express instead of widening them', () => {
    const strict = run('codex', { strictVersions: true });
    assert.ok(!strict.files[0].text.includes('server-memory'));
    assert.ok(strict.notes.some((n) => n.id === 'memory' && n.level === 'lost'));
  });
});

// ---------- Gemini ----------

describe('admin export: gemini', () => {
  const r = run('gemini');
  const settings = JSON.parse(r.files[0].text) as { mcp: { allowed: string[]; excluded: string[] }; mcpServers: Record<string, Record<string, unknown>> };

  it('allows only names the system file defines, each with exactly one of command, url, httpUrl', () => {
    assert.deepEqual(Object.keys(settings), ['mcp', 'mcpServers']);
    assert.deepEqual(settings.mcp.allowed.sort(), Object.keys(settings.mcpServers).sort());
    for (const [name, def] of Object.entries(settings.mcpServers)) {
      assert.equal(['command', 'url', 'httpUrl'].filter((k) => k in def).length, 1, name);
    }
    assert.deepEqual(settings.mcp.excluded, ['slack', 'exfil']);
    assert.deepEqual(settings.mcpServers.filesystem, { httpUrl: 'https://mcp.globex.example/gw/filesystem/mcp' });
    assert.deepEqual(settings.mcpServers.git, { command: 'uvx', args: ['mcp-server-git==0.6.2'] });
    assert.deepEqual(settings.mcpServers.tools, { command: '/opt/globex/bin/mcp-tools' });
    // a range cannot pin what a name runs: not allowed, and said so
    assert.ok(!settings.mcp.allowed.includes('memory'));
    assert.ok(r.notes.some((n) => n.id === 'memory' && n.level === 'lost'));
  });
});

// ---------- Windsurf ----------

describe('admin export: windsurf', () => {
  const r = run('windsurf');
  const doc = JSON.parse(r.files[0].text) as { whitelist: { serverId: string; serverConfig: { command?: string; args?: string[]; serverUrl?: string } }[] };
  const anchored = (p: string) => new RegExp(`^(?:${p})$`);
  const allows = (s: { command?: string; args?: string[]; url?: string }) =>
    doc.whitelist.some(({ serverConfig: c }) =>
      s.url !== undefined
        ? c.serverUrl !== undefined && anchored(c.serverUrl).test(s.url)
        : c.command !== undefined && anchored(c.command).test(s.command ?? '') && (c.args ?? []).length === (s.args ?? []).length && (c.args ?? []).every((p, i) => anchored(p).test(s.args![i])),
    );

  it('every pattern is a valid regex and the whitelist matches per argument with equal counts', () => {
    for (const row of doc.whitelist) {
      assert.equal(typeof row.serverId, 'string');
      for (const p of [row.serverConfig.command, row.serverConfig.serverUrl, ...(row.serverConfig.args ?? [])].filter((x): x is string => x !== undefined)) assert.doesNotThrow(() => anchored(p));
    }
    assert.ok(allows({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.7.29'] }));
    assert.ok(!allows({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.7.29', '/home'] }), 'argument count must match');
    assert.ok(allows({ command: 'npx', args: ['-y', '@playwright/mcp@0.0.30'] }));
    assert.ok(!allows({ command: 'npx', args: ['-y', '@playwright/mcp@0.1.0'] }));
    assert.ok(allows({ command: 'uvx', args: ['mcp-server-git==0.6.2'] }));
    assert.ok(allows({ command: '/opt/globex/mcp/run', args: [] }), 'a command glob becomes a regex');
    assert.ok(allows({ url: 'https://mcp.globex.example/gw/whatever/mcp' }));
    assert.ok(allows({ url: 'https://mcp.sentry.dev/mcp' }));
    assert.ok(allows({ url: 'https://mcp.sentry.dev:443/mcp/' }), 'default port and trailing slash, as the inventory ignores them');
    assert.ok(!allows({ url: 'https://mcp.sentry.dev.evil.example/mcp' }));
    assert.ok(!allows({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'] }));
  });
});

// ---------- registry targets ----------

/** The server.json constraints of modelcontextprotocol/registry docs/reference/server-json/server.schema.json. */
function assertServerJson(s: Record<string, unknown>): void {
  assert.match(String(s.name), /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
  assert.ok(String(s.name).length >= 3 && String(s.name).length <= 200);
  assert.ok(typeof s.description === 'string' && s.description.length >= 1 && s.description.length <= 100);
  assert.ok(typeof s.version === 'string' && s.version.length <= 255 && !/^[\^~>=<]|\.x$|\*/.test(s.version), String(s.version));
  for (const p of (s.packages as Record<string, unknown>[] | undefined) ?? []) {
    for (const k of Object.keys(p)) assert.ok(['registryType', 'registryBaseUrl', 'identifier', 'version', 'fileSha256', 'runtimeHint', 'transport', 'runtimeArguments', 'packageArguments', 'environmentVariables'].includes(k), `package has no property ${k}`);
    for (const k of ['registryType', 'identifier', 'version', 'transport']) assert.ok(k in p, `package needs ${k}`);
    assert.notEqual(p.version, 'latest');
    assert.ok(!/^[\^~>=<]|\.x$|\*/.test(String(p.version)), `no version range: ${p.version}`);
    assert.deepEqual(p.transport, { type: 'stdio' });
  }
  for (const r of (s.remotes as Record<string, unknown>[] | undefined) ?? []) {
    assert.ok(r.type === 'streamable-http' || r.type === 'sse');
    assert.match(String(r.url), /^https:\/\//);
  }
}

for (const target of ['vscode', 'copilot', 'kiro'] as const) {
  describe(`admin export: ${target}`, () => {
    const r = run(target);
    const doc = JSON.parse(r.files[0].text) as { servers: { server: Record<string, unknown>; _meta: Record<string, unknown> }[]; metadata: { count: number } };

    it('writes a /v0.1/servers list whose entries are valid server.json documents', () => {
      assert.deepEqual(Object.keys(doc), ['servers', 'metadata']);
      assert.equal(doc.metadata.count, doc.servers.length);
      for (const item of doc.servers) {
        assertServerJson(item.server);
        assert.deepEqual(Object.keys(item._meta), ['io.modelcontextprotocol.registry/official']);
      }
      assert.ok(doc.servers.every((x) => String(x.server.name).startsWith('example.globex.mcp/')));
    });

    it('reads back through the inventory loader: listed packages and routes match again', () => {
      const back = validateInventory(doc, 'registry');
      assert.ok(back.ok, back.ok ? '' : back.error);
      const index = new InventoryIndex(back.value.inventory);
      const pkg = (command: string, args: string[]) => recognizeLauncher(command, args).package;
      const matched = (server: { package: ReturnType<typeof pkg>; url: string | null }) => index.match({ ...server, command: null }).candidates.map((c) => c.entry?.id);
      assert.deepEqual(matched({ package: pkg('npx', ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21']), url: null }), ['example.globex.mcp/filesystem']);
      assert.deepEqual(matched({ package: pkg('docker', ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server:0.20.1']), url: null }), ['example.globex.mcp/github']);
      assert.deepEqual(matched({ package: null, url: 'https://mcp.globex.example/gw/github/mcp' }), ['example.globex.mcp/github']);
      assert.deepEqual(matched({ package: null, url: 'https://mcp.sentry.dev/mcp' }), ['example.globex.mcp/sentry']);
    });

    it('prints the policy values to set', () => {
      assert.ok(r.policy);
      if (target === 'vscode') assert.deepEqual(r.policy, { 'chat.mcp.access': 'registry', 'chat.mcp.gallery.serviceUrl': 'https://mcp.globex.example/registry' });
    });
  });
}
