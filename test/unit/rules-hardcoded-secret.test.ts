import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clientById } from '../../src/core/clients';
import type { ClientId, ConfigFormat, Finding, Range } from '../../src/core/model';
import { parseDocument } from '../../src/core/parse';
import { checkRules, SERVER_RULES } from '../../src/core/rules';
import { findSecrets, hardcodedSecret } from '../../src/core/rules/hardcodedSecret';
import { FIXTURES } from '../helpers';

const DIR = path.join(FIXTURES, 'rules');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

interface Hit {
  server: string;
  finding: Finding;
  /** the text the finding's range covers */
  at: string;
}

/** Parses a config the way the scan does, extracts it with the client's own module and runs the rule. */
function scan(text: string, client: ClientId, format: ConfigFormat, file = '/home/me/config'): Hit[] {
  const doc = parseDocument(text, format);
  const servers = clientById(client).extract(doc, { path: file, client, scope: 'user', format });
  const results = checkRules(doc, servers, [hardcodedSecret]);
  return servers.flatMap((s) => (results.get(s) ?? []).map((finding) => ({ server: s.name, finding, at: slice(text, finding.range as Range) })));
}

function slice(text: string, range: Range): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Range['start']) => starts[p.line] + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** Wraps servers into a Cursor-style file. */
const cursor = (servers: Record<string, unknown>) => JSON.stringify({ mcpServers: servers }, null, 2);

/** No message may carry a secret: neither whole nor its first 7 characters (a mask shows at most 6). */
function assertNoSecretIn(hits: Hit[], secrets: string[]): void {
  for (const { finding } of hits) {
    for (const secret of secrets) {
      assert.ok(!finding.message.includes(secret), `secret in message: ${finding.message}`);
      assert.ok(!finding.message.includes(secret.slice(0, 7)), `more than 6 characters of a secret in: ${finding.message}`);
    }
  }
}

// Realistic-looking, not real, credentials.
const T = {
  github: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  githubFine: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGH',
  gitlab: 'glpat-Zx8Qw2Lp9Rt5Yv3Nm7Kb',
  awsId: 'AKIAZ7Q4D2X9LMN3P5RT',
  awsSecret: 'q8Xv2L/9mZk4Tn7Rw1Yp3Hs6Jd0Fg5Ba+Ce8Ui2O',
  slack: 'xoxb-2010101010-3030303030-AbCdEfGhIjKlMnOpQrStUvWx',
  openai: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  anthropic: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFG',
  stripe: 'sk_live_51H8abcdefghijklmnopqrstuv',
  google: 'AIzaSyA1234567890abcdefghijklmnopqrstuv',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7Zq3vY9mX2kLp4Wn8rT6sU1dF0gH5jK3lN7bQ9cR2eS4tV6w\n-----END RSA PRIVATE KEY-----',
  bearer: '9f8e7d6c5b4a39281706f5e4d3c2b1a0Zq7Xw2Lp',
  apiKey: 'pplx-7f3K9mQ2vX8bR4nT6wY1zL5cH0jD',
  password: 'S3cure-Passw0rd-2024',
};

describe('rule hardcoded-secret', () => {
  it('is registered with its SARIF metadata', () => {
    assert.ok(SERVER_RULES.includes(hardcodedSecret));
    assert.equal(hardcodedSecret.id, 'hardcoded-secret');
    assert.equal(hardcodedSecret.name, 'HardcodedSecret');
    assert.equal(hardcodedSecret.defaultSeverity, 'error');
  });

  describe('Cursor mcp.json (JSON)', () => {
    const text = read('cursor-mcp.json');
    const hits = scan(text, 'cursor', 'json', '/home/me/.cursor/mcp.json');

    it('reports one finding per literal secret, on the value, with the field and kind named', () => {
      assert.deepEqual(
        hits.map((h) => [h.server, h.finding.severity, h.at]),
        [
          ['github', 'error', `"${T.github}"`],
          ['sentry', 'error', `"Bearer ${T.bearer}"`],
          ['postgres', 'error', `"postgresql://app:${T.password}@db.internal:5432/app"`],
          ['aws-kb-retrieval', 'error', `"${T.awsId}"`],
          ['aws-kb-retrieval', 'error', `"${T.awsSecret}"`],
          ['slack', 'error', `"${T.slack}"`],
          ['openai-tools', 'error', `"${T.openai}"`],
        ],
      );
    });

    it('golden messages: field, kind and a 6-character mask', () => {
      const tail = ': anyone who can read this file can use it. Reference it from the environment or a secret input instead, and rotate it.';
      assert.deepEqual(
        hits.map((h) => h.finding.message),
        [
          `env GITHUB_PERSONAL_ACCESS_TOKEN holds a hardcoded GitHub token (ghp_16****)${tail}`,
          `header Authorization holds a hardcoded bearer token (9f8e7d****)${tail}`,
          `args[2] holds a hardcoded URL password (S3cure****)${tail}`,
          `env AWS_ACCESS_KEY_ID holds a hardcoded AWS access key ID (AKIAZ7****)${tail}`,
          `env AWS_SECRET_ACCESS_KEY holds a hardcoded AWS secret access key (q8Xv2L****)${tail}`,
          `env SLACK_BOT_TOKEN holds a hardcoded Slack token (xoxb-2****)${tail}`,
          `args[2] holds a hardcoded OpenAI API key (sk-pro****)${tail}`,
        ],
      );
      assertNoSecretIn(hits, Object.values(T));
    });

    it('leaves references, placeholders, IDs and plain settings alone', () => {
      const servers = new Set(hits.map((h) => h.server));
      // ${env:GITHUB_TOKEN}, Bearer ${env:…}, "your-api-key", a UUID under NOTION_WORKSPACE_ID, LOG_LEVEL=debug,
      // "true", a port, Slack team and channel IDs, a localhost URL
      for (const fine of ['github-from-env', 'userjot', 'brave-search', 'notion', 'local-dev']) assert.ok(!servers.has(fine), fine);
      assert.ok(!hits.some((h) => /SLACK_TEAM_ID|SLACK_CHANNEL_IDS|AWS_REGION/.test(h.finding.message)));
    });
  });

  describe('every recognized format', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['GitHub fine-grained token in --token=', { command: 'gh-mcp', args: [`--token=${T.githubFine}`] }, T.githubFine, 'args[0] holds a hardcoded GitHub fine-grained token (github****)'],
      ['GitLab token', { command: 'npx', args: ['-y', '@zereight/mcp-gitlab@1.0.77'], env: { GITLAB_PERSONAL_ACCESS_TOKEN: T.gitlab } }, T.gitlab, 'env GITLAB_PERSONAL_ACCESS_TOKEN holds a hardcoded GitLab token (glpat-****)'],
      ['Anthropic key', { command: 'uvx', args: ['claude-tools==1.0.0'], env: { ANTHROPIC_API_KEY: T.anthropic } }, T.anthropic, 'env ANTHROPIC_API_KEY holds a hardcoded Anthropic API key (sk-ant****)'],
      ['Stripe live key', { command: 'npx', args: ['-y', '@stripe/mcp@0.2.4', `--api-key=${T.stripe}`] }, T.stripe, 'args[2] holds a hardcoded Stripe key (sk_liv****)'],
      ['Google key in a URL query', { url: `https://maps.example.com/mcp?key=${T.google}` }, T.google, 'url holds a hardcoded Google API key (AIzaSy****)'],
      ['JWT header value without a scheme', { url: 'https://mcp.example.com/mcp', headers: { 'X-Auth-Token': T.jwt } }, T.jwt, 'header X-Auth-Token holds a hardcoded JWT (eyJhbG****)'],
      ['PEM private key', { command: 'node', args: ['server.js'], env: { SSH_PRIVATE_KEY: T.pem } }, T.pem, 'env SSH_PRIVATE_KEY holds a hardcoded private key (-----B****)'],
      ['Basic credentials', { url: 'https://jira.example.com/mcp', headers: { Authorization: 'Basic YWxpY2U6czNjcjN0LXBhc3N3b3Jk' } }, 'YWxpY2U6czNjcjN0LXBhc3N3b3Jk', 'header Authorization holds a hardcoded Basic credential (YWxpY2****)'],
      ['`token` scheme with a GitHub token', { url: 'https://api.example.com/mcp', headers: { Authorization: `token ${T.github}` } }, T.github, 'header Authorization holds a hardcoded GitHub token (ghp_16****)'],
      ['mcp-remote --header argument', { command: 'npx', args: ['-y', 'mcp-remote@0.1.18', 'https://mcp.example.com/sse', '--header', `Authorization: Bearer ${T.bearer}`] }, T.bearer, 'args[4] holds a hardcoded bearer token (9f8e7d****)'],
      ['docker -e KEY=value', { command: 'docker', args: ['run', '-i', '--rm', '-e', `GITHUB_PERSONAL_ACCESS_TOKEN=${T.github}`, 'ghcr.io/github/github-mcp-server:v0.20.1'] }, T.github, 'args[4] holds a hardcoded GitHub token (ghp_16****)'],
      ['value after --api-key', { command: 'uvx', args: ['perplexity-mcp==0.1.0', '--api-key', T.apiKey] }, T.apiKey, 'args[2] holds a hardcoded API key (pplx-7****)'],
      ['credential query parameter', { serverUrl: `https://mcp.example.com/sse?api_key=${T.apiKey}` }, T.apiKey, 'serverUrl holds a hardcoded token in the URL query (api_key) (pplx-7****)'],
      ['*_PAT name', { command: 'npx', args: ['-y', '@azure-devops/mcp@1.2.0'], env: { AZURE_DEVOPS_PAT: '3xq7vz2mfk9tq4w8hn5ry6bp1dc0ljs2ae8ug7oi3ktx5wmq9fna' } }, '3xq7vz2mfk9tq4w8hn5ry6bp1dc0ljs2ae8ug7oi3ktx5wmq9fna', 'env AZURE_DEVOPS_PAT holds a hardcoded personal access token (3xq7vz****)'],
      ['*PASSWORD* name', { command: 'uvx', args: ['mcp-server-mysql==0.2.1'], env: { MYSQL_PASSWORD_PROD: 'Tr0ub4dor&3xyz' } }, 'Tr0ub4dor&3xyz', 'env MYSQL_PASSWORD_PROD holds a hardcoded password (Tr0ub4****)'],
      ['UUID under a *_KEY name', { command: 'npx', args: ['-y', 'heroku-mcp-server@1.0.7'], env: { HEROKU_API_KEY: '0f8fad5b-d9cb-469f-a165-70867728950e' } }, '0f8fad5b-d9cb-469f-a165-70867728950e', 'env HEROKU_API_KEY holds a hardcoded API key (0f8fad****)'],
      ['Continue-style apiKey field', { url: 'https://mcp.example.com/mcp', apiKey: T.apiKey }, T.apiKey, 'apiKey holds a hardcoded API key (pplx-7****)'],
    ];
    for (const [title, server, secret, message] of cases) {
      it(title, () => {
        const hits = scan(cursor({ s: server }), 'cursor', 'json');
        assert.equal(hits.length, 1, JSON.stringify(hits.map((h) => h.finding.message)));
        assert.ok(hits[0].finding.message.startsWith(`${message}:`), hits[0].finding.message);
        assert.ok(hits[0].at.includes(JSON.stringify(secret).slice(1, -1)), hits[0].at);
        assertNoSecretIn(hits, [secret]);
      });
    }

    it('finds two secrets in one URL, each once', () => {
      const hits = scan(cursor({ s: { url: `https://bot:${T.password}@mcp.example.com/mcp?token=${T.github}` } }), 'cursor', 'json');
      assert.deepEqual(
        hits.map((h) => h.finding.message.split(':')[0]),
        ['url holds a hardcoded URL password (S3cure****)', 'url holds a hardcoded GitHub token (ghp_16****)'],
      );
    });
  });

  describe('not secrets', () => {
    const fine: [string, Record<string, unknown>][] = [
      ['${env:GITHUB_TOKEN}', { command: 'npx', args: ['-y', 'x@1.0.0'], env: { GITHUB_TOKEN: '${env:GITHUB_TOKEN}' } }],
      ['${input:…}', { url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ${input:gh-token}' } }],
      ['${VAR} and ${VAR:-default}', { command: 'x', env: { API_KEY: '${API_KEY}', DB_PASSWORD: '${DB_PASSWORD:-}' } }],
      ['$VAR', { command: 'x', env: { OPENAI_API_KEY: '$OPENAI_API_KEY' } }],
      ['{env:VAR} (OpenCode)', { command: 'x', env: { OPENAI_API_KEY: '{env:OPENAI_API_KEY}' } }],
      ['${{ secrets.X }} (Continue)', { command: 'x', env: { BRAVE_API_KEY: '${{ secrets.BRAVE_API_KEY }}' } }],
      ['empty value', { command: 'x', env: { GITHUB_TOKEN: '' } }],
      ['a UUID under *_ID', { command: 'x', env: { TENANT_ID: '0f8fad5b-d9cb-469f-a165-70867728950e', CLIENT_ID: '6731de76-14a6-49ae-97bc-6eba6914391e' } }],
      ['LOG_LEVEL=debug, booleans, numbers', { command: 'x', env: { LOG_LEVEL: 'debug', USE_TOKEN_CACHE: 'true', MAX_TOKENS: '4096', TOKEN_TTL: '3600' } }],
      ['paths and URLs without credentials', { command: 'x', env: { SSH_KEY_PATH: '/Users/me/.ssh/id_ed25519', API_KEY_FILE: '/run/secrets/api_key', OPENAI_BASE_URL: 'https://api.openai.com/v1' } }],
      ['placeholders from docs', { command: 'x', env: { BRAVE_API_KEY: 'YOUR_API_KEY_HERE', GITHUB_TOKEN: '<YOUR_TOKEN>', SLACK_BOT_TOKEN: 'xoxb-your-bot-token', OPENAI_API_KEY: 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', API_TOKEN: 'your-token', GH: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', CONTEXT7_API_KEY: 'YOUR-API-KEY', GITHUB_PAT: 'ghp_not_a_real_token', BRAVE_KEY: 'BSA-not-a-real-key' } }],
      ['a short word', { command: 'x', env: { AUTH: 'oauth', TOKEN_TYPE: 'bearer' } }],
      ['a URL token parameter that is a reference', { url: 'https://mcp.example.com/mcp?token=${env:TOKEN}' }],
      ['publishable keys', { command: 'x', env: { STRIPE_PUBLISHABLE_KEY: 'pk_live_51H8abcdefghijklmnopqrstuv' } }],
    ];
    for (const [title, server] of fine) {
      it(title, () => assert.deepEqual(scan(cursor({ s: server }), 'cursor', 'json'), []));
    }
  });

  it('VS Code mcp.json (JSONC): ${input:} references are fine, literals next to them are not', () => {
    const text = read('vscode-mcp.json');
    const hits = scan(text, 'vscode', 'jsonc', '/work/app/.vscode/mcp.json');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.message.split(':')[0]]),
      [
        ['perplexity', `"${T.apiKey}"`, 'env PERPLEXITY_API_KEY holds a hardcoded API key (pplx-7****)'],
        ['atlassian', '"ATATT3xFfGF0aB9cD8eF7gH6iJ5kL4mN3oP2qR1s"', 'header X-Api-Key holds a hardcoded API key (ATATT3****)'],
      ],
    );
    assertNoSecretIn(hits, [T.apiKey, 'ATATT3xFfGF0aB9cD8eF7gH6iJ5kL4mN3oP2qR1s']);
  });

  it('Continue config.yaml (YAML): the literal env value, not the ${{ secrets.X }} one', () => {
    const text = read('continue-config.yaml');
    const hits = scan(text, 'continue', 'yaml', '/home/me/.continue/config.yaml');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.range?.start]),
      [['GitHub', T.github, { line: 10, character: 36 }]],
    );
    assertNoSecretIn(hits, [T.github]);
  });

  it('Codex config.toml (TOML): a `[mcp_servers.x.env]` table value', () => {
    const text = read('codex-config.toml');
    const hits = scan(text, 'codex', 'toml', '/home/me/.codex/config.toml');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.range?.start, h.finding.message.split(':')[0]]),
      [['github', `"${T.github}"`, { line: 7, character: 31 }, 'env GITHUB_PERSONAL_ACCESS_TOKEN holds a hardcoded GitHub token (ghp_16****)']],
    );
  });

  it('reads nested and dialect-specific fields: OpenCode `environment`, Goose `envs`, Cline `transport`', () => {
    const opencode = JSON.stringify({ mcp: { gh: { type: 'local', command: ['npx', '-y', 'x@1.0.0', `--token=${T.github}`], environment: { SLACK_BOT_TOKEN: T.slack } } } });
    assert.deepEqual(
      scan(opencode, 'opencode', 'jsonc', '/home/me/.config/opencode/opencode.json').map((h) => h.finding.message.split(' holds')[0]),
      ['env SLACK_BOT_TOKEN', 'command[3]'],
    );
    const goose = `extensions:\n  github:\n    enabled: true\n    type: stdio\n    name: github\n    cmd: npx\n    args: [-y, "@modelcontextprotocol/server-github@2025.4.8"]\n    envs:\n      GITHUB_PERSONAL_ACCESS_TOKEN: ${T.github}\n`;
    assert.deepEqual(scan(goose, 'goose', 'yaml', '/home/me/.config/goose/config.yaml').map((h) => h.at), [T.github]);
    const cline = cursor({ gh: { transport: { type: 'stdio', command: 'npx', args: ['-y', 'x@1.0.0'], env: { GITHUB_TOKEN: T.github } } } });
    assert.deepEqual(scan(cline, 'cline', 'json', '/home/me/.cline/data/settings/cline_mcp_settings.json').map((h) => h.finding.message.split(' holds')[0]), ['env GITHUB_TOKEN']);
  });

  it('findSecrets gives the literal part of a value, for the quick-fix', () => {
    const doc = parseDocument(cursor({ s: { url: 'https://mcp.example.com/mcp', headers: { Authorization: `Bearer ${T.bearer}` } } }), 'json');
    const servers = clientById('cursor').extract(doc, { path: '/x/mcp.json', client: 'cursor', scope: 'user', format: 'json' });
    const entry = doc.root?.children?.[0]?.children?.[1]?.children?.[0]?.children?.[1];
    assert.ok(entry && servers.length === 1);
    assert.deepEqual(
      findSecrets(entry).map((h) => [h.place, h.name, h.secret, h.kind]),
      [['header', 'Authorization', T.bearer, 'bearer token']],
    );
  });
});
