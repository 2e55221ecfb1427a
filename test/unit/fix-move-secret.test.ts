import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clientById } from '../../src/core/clients';
import { planMoveSecret, type MoveSecretFix } from '../../src/core/fix/moveSecret';
import { applyEdits } from '../../src/core/fix/types';
import type { ClientId, ConfigFormat, ConfigLocation, Finding, ServerEntry } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { checkRules } from '../../src/core/rules';
import { hardcodedSecret } from '../../src/core/rules/hardcodedSecret';
import { FIXTURES } from '../helpers';

const read = (name: string) => fs.readFileSync(path.join(FIXTURES, 'rules', name), 'utf8');

const GITHUB = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const BEARER = '9f8e7d6c5b4a39281706f5e4d3c2b1a0Zq7Xw2Lp';
const PPLX = 'pplx-7f3K9mQ2vX8bR4nT6wY1zL5cH0jD';

function location(client: ClientId, format: ConfigFormat, file: string): ConfigLocation {
  return { path: file, client, scope: 'workspace', format };
}

/** The servers of a file and their hardcoded-secret findings, as the scan produces them. */
function findings(text: string, loc: ConfigLocation): { server: ServerEntry; finding: Finding }[] {
  const doc = parseDocument(text, loc.format);
  const servers = clientById(loc.client).extract(doc, loc);
  const results = checkRules(doc, servers, [hardcodedSecret]);
  return servers.flatMap((server) => (results.get(server) ?? []).map((finding) => ({ server, finding })));
}

/** Plans the fix for the n-th finding of `server` and returns it with the text after it. */
function plan(text: string, loc: ConfigLocation, serverName: string, n = 0): { fix: MoveSecretFix | null; after: string } {
  const target = findings(text, loc).filter((f) => f.server.name === serverName)[n];
  assert.ok(target, `no finding for ${serverName}`);
  const fix = planMoveSecret(text, loc, target.server, target.finding);
  return { fix, after: fix ? applyEdits(text, fix.edits) : text };
}

/** The fixed text parses, the secret is gone, and the server has one hardcoded-secret finding fewer. */
function assertResolved(before: string, after: string, loc: ConfigLocation, serverName: string, secret: string): void {
  assert.ok(!after.includes(secret), 'the secret is still in the file');
  assert.equal(parseDocument(after, loc.format).error, null);
  const count = (text: string) => findings(text, loc).filter((f) => f.server.name === serverName).length;
  assert.equal(count(after), count(before) - 1);
}

describe('quick-fix move-secret (hardcoded-secret)', () => {
  describe('VS Code: ${input:…} and an inputs entry', () => {
    const loc = location('vscode', 'jsonc', '/work/app/.vscode/mcp.json');
    const text = read('vscode-mcp.json');

    it('replaces the env literal and appends the input in the array style of the file; comments stay', () => {
      const { fix, after } = plan(text, loc, 'perplexity');
      assert.ok(fix);
      assert.equal(fix.kind, 'move-secret');
      assert.equal(fix.title, 'Move the secret into an input (${input:perplexity-api-key}): VS Code asks for it once and keeps it in its secret storage');
      assert.deepEqual([fix.server, fix.file, fix.rules, fix.safe, fix.isPreferred, fix.dropped], ['perplexity', loc.path, ['hardcoded-secret'], false, true, []]);
      assert.equal(
        after,
        text
          .replace(
            '{ "type": "promptString", "id": "gh-token", "description": "GitHub PAT", "password": true }',
            '{ "type": "promptString", "id": "gh-token", "description": "GitHub PAT", "password": true },\n    { "type": "promptString", "id": "perplexity-api-key", "description": "API key for perplexity", "password": true }',
          )
          .replace(`"${PPLX}"`, '"${input:perplexity-api-key}"'),
      );
      assertResolved(text, after, loc, 'perplexity', PPLX);
    });

    it('creates `inputs` when the file has none, and keeps ids unique', () => {
      const bare = '{\n  "servers": {\n    "atlassian": {\n      "type": "http",\n      "url": "https://mcp.atlassian.com/v1/sse",\n      "headers": { "X-Api-Key": "ATATT3xFfGF0aB9cD8eF7gH6iJ5kL4mN3oP2qR1s" }\n    }\n  }\n}\n';
      const { fix, after } = plan(bare, loc, 'atlassian');
      assert.ok(fix);
      assert.equal(
        after,
        '{\n  "servers": {\n    "atlassian": {\n      "type": "http",\n      "url": "https://mcp.atlassian.com/v1/sse",\n      "headers": { "X-Api-Key": "${input:atlassian-x-api-key}" }\n    }\n  },\n  "inputs": [{ "type": "promptString", "id": "atlassian-x-api-key", "description": "API key for atlassian", "password": true }]\n}\n',
      );
      assertResolved(bare, after, loc, 'atlassian', 'ATATT3xFfGF0aB9cD8eF7gH6iJ5kL4mN3oP2qR1s');
      // applying it again to another server with the same field name gives a new id
      const twice = after.replace('"servers": {', `"servers": {\n    "atlassian2": { "type": "http", "url": "https://mcp.atlassian.com/v1/sse", "headers": { "X-Api-Key": "ATATT3xFfGF0aB9cD8eF7gH6iJ5kL4mN3oP2qR1t" } },`);
      const second = plan(twice, loc, 'atlassian2');
      assert.match(second.after, /"\$\{input:atlassian2-x-api-key\}"/);
    });

    it('legacy settings.json `mcp.servers`: the inputs go next to them, under `mcp`', () => {
      const settings = `{\n  "editor.fontSize": 14,\n  "mcp": {\n    "servers": {\n      "gh": { "command": "npx", "args": ["-y", "x@1.0.0"], "env": { "GITHUB_TOKEN": "${GITHUB}" } }\n    }\n  }\n}\n`;
      const { after } = plan(settings, location('vscode', 'jsonc', '/home/me/.config/Code/User/settings.json'), 'gh');
      assert.equal(after, settings.replace(`"${GITHUB}"`, '"${input:github-token}"').replace('    }\n  }\n}', '    },\n    "inputs": [{ "type": "promptString", "id": "github-token", "description": "GitHub token for gh", "password": true }]\n  }\n}'));
    });
  });

  describe('environment references in each client’s syntax', () => {
    const cursorLoc = location('cursor', 'json', '/work/app/.cursor/mcp.json');
    const text = read('cursor-mcp.json');

    it('Cursor env value → ${env:NAME} (the env variable keeps its name)', () => {
      const { fix, after } = plan(text, cursorLoc, 'github');
      assert.equal(fix?.title, 'Replace the secret with ${env:GITHUB_PERSONAL_ACCESS_TOKEN} (set GITHUB_PERSONAL_ACCESS_TOKEN in the environment the client starts from)');
      assert.equal(after, text.replace(`"${GITHUB}"`, '"${env:GITHUB_PERSONAL_ACCESS_TOKEN}"'));
      assertResolved(text, after, cursorLoc, 'github', GITHUB);
    });

    it('Cursor Authorization header keeps its scheme: Bearer ${env:SENTRY_TOKEN}', () => {
      const { after } = plan(text, cursorLoc, 'sentry');
      assert.equal(after, text.replace(`"Bearer ${BEARER}"`, '"Bearer ${env:SENTRY_TOKEN}"'));
      assertResolved(text, after, cursorLoc, 'sentry', BEARER);
    });

    it('Cursor URL password in an argument: only the password is replaced', () => {
      const { after } = plan(text, cursorLoc, 'postgres');
      assert.match(after, /"postgresql:\/\/app:\$\{env:POSTGRES_PASSWORD\}@db\.internal:5432\/app"/);
      assertResolved(text, after, cursorLoc, 'postgres', 'S3cure-Passw0rd-2024');
    });

    it('Cursor --api-key value: ${env:OPENAI_TOOLS_API_KEY}', () => {
      const { after } = plan(text, cursorLoc, 'openai-tools');
      assert.match(after, /"--api-key", "\$\{env:OPENAI_TOOLS_API_KEY\}"/);
    });

    it('Claude Code .mcp.json → ${NAME}', () => {
      const mcp = `{\n  "mcpServers": {\n    "github": {\n      "type": "http",\n      "url": "https://api.githubcopilot.com/mcp/",\n      "headers": { "Authorization": "Bearer ${GITHUB}" }\n    }\n  }\n}\n`;
      const loc = location('claude-code', 'json', '/work/app/.mcp.json');
      const { after } = plan(mcp, loc, 'github');
      assert.equal(after, mcp.replace(`Bearer ${GITHUB}`, 'Bearer ${GITHUB_TOKEN}'));
      assertResolved(mcp, after, loc, 'github', GITHUB);
    });

    it('OpenCode → {env:NAME}', () => {
      const oc = `{\n  "mcp": {\n    "gh": { "type": "local", "command": ["npx", "-y", "x@1.0.0"], "environment": { "GITHUB_TOKEN": "${GITHUB}" } }\n  }\n}\n`;
      const { after } = plan(oc, location('opencode', 'jsonc', '/work/app/opencode.json'), 'gh');
      assert.equal(after, oc.replace(`"${GITHUB}"`, '"{env:GITHUB_TOKEN}"'));
    });

    it('Windsurf, Roo Code, Gemini, Kiro, Copilot CLI', () => {
      const env = (client: ClientId, file: string) => plan(`{ "mcpServers": { "s": { "command": "x", "env": { "API_TOKEN": "${BEARER}" } } } }`, location(client, 'json', file), 's').after;
      assert.match(env('windsurf', '/home/me/.codeium/windsurf/mcp_config.json'), /"\$\{env:API_TOKEN\}"/);
      assert.match(env('roo', '/work/app/.roo/mcp.json'), /"\$\{env:API_TOKEN\}"/);
      assert.match(env('gemini', '/work/app/.gemini/settings.json'), /"\$\{API_TOKEN\}"/);
      assert.match(env('kiro', '/work/app/.kiro/settings/mcp.json'), /"\$\{API_TOKEN\}"/);
      assert.match(env('copilot-cli', '/home/me/.copilot/mcp-config.json'), /"\$\{API_TOKEN\}"/);
    });
  });

  it('a URL with two secrets: the fix moves the one its finding is about', () => {
    const loc = location('cursor', 'json', '/work/app/.cursor/mcp.json');
    const text = `{ "mcpServers": { "s": { "url": "https://bot:S3cure-Passw0rd-2024@mcp.example.com/mcp?token=${GITHUB}" } } }`;
    const first = plan(text, loc, 's', 0).after;
    const second = plan(text, loc, 's', 1).after;
    assert.match(first, /bot:\$\{env:S_PASSWORD\}@.*token=ghp_/);
    assert.match(second, /bot:S3cure-Passw0rd-2024@.*token=\$\{env:S_TOKEN\}/);
  });

  describe('no fix', () => {
    it('for clients without interpolation (Claude Desktop, Cline) and fields a client does not expand (Kiro args)', () => {
      const text = `{ "mcpServers": { "s": { "command": "x", "args": ["--token=${GITHUB}"], "env": { "GITHUB_TOKEN": "${GITHUB}" } } } }`;
      assert.equal(plan(text, location('claude-desktop', 'json', '/x/claude_desktop_config.json'), 's').fix, null);
      assert.equal(plan(text, location('cline', 'json', '/x/cline_mcp_settings.json'), 's').fix, null);
      const kiro = location('kiro', 'json', '/work/app/.kiro/settings/mcp.json');
      const all = findings(text, kiro);
      assert.deepEqual(all.map((f) => f.finding.message.split(' holds')[0]), ['env GITHUB_TOKEN', 'args[0]']);
      assert.ok(planMoveSecret(text, kiro, all[0].server, all[0].finding));
      assert.equal(planMoveSecret(text, kiro, all[1].server, all[1].finding), null);
    });

    it('for YAML and TOML files, and for a file that no longer parses', () => {
      const yaml = read('continue-config.yaml');
      const y = findings(yaml, location('continue', 'yaml', '/home/me/.continue/config.yaml'));
      assert.equal(planMoveSecret(yaml, location('continue', 'yaml', '/home/me/.continue/config.yaml'), y[0].server, y[0].finding), null);
      const toml = read('codex-config.toml');
      const codex = location('codex', 'toml', '/home/me/.codex/config.toml');
      const t = findings(toml, codex);
      assert.equal(planMoveSecret(toml, codex, t[0].server, t[0].finding), null);
      const loc = location('cursor', 'json', '/work/app/.cursor/mcp.json');
      const text = read('cursor-mcp.json');
      const f = findings(text, loc)[0];
      assert.equal(planMoveSecret(`${text}}`, loc, f.server, f.finding), null);
    });

    it('for other rules and stale findings', () => {
      const loc = location('cursor', 'json', '/work/app/.cursor/mcp.json');
      const text = read('cursor-mcp.json');
      const f = findings(text, loc)[0];
      assert.equal(planMoveSecret(text, loc, f.server, { ...f.finding, rule: 'insecure-transport' }), null);
      assert.equal(planMoveSecret(text, loc, f.server, { ...f.finding, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }), null);
    });
  });
});
