import * as assert from 'node:assert/strict';
import type { ClientId, ConfigFormat } from '../../src/core/model';
import { SERVER_RULES } from '../../src/core/rules';
import { insecureTransport, isLocal } from '../../src/core/rules/insecureTransport';
import { cursorConfig, readRuleFixture, runRule } from '../rules';

const read = readRuleFixture;

const scan = (text: string, client: ClientId, format: ConfigFormat, file?: string) => runRule(insecureTransport, text, client, format, file);


const cursor = cursorConfig;

describe('rule insecure-transport', () => {
  it('is registered with its SARIF metadata', () => {
    assert.ok(SERVER_RULES.includes(insecureTransport));
    assert.deepEqual([insecureTransport.id, insecureTransport.name, insecureTransport.defaultSeverity], ['insecure-transport', 'InsecureTransport', 'warning']);
  });

  it('flags http:// to another host, on the URL value, with a golden message', () => {
    const text = cursor({ jira: { url: 'http://mcp.corp.example.com:8080/mcp', headers: { Authorization: 'Bearer ${env:JIRA_TOKEN}' } } });
    const hits = scan(text, 'cursor', 'json');
    assert.deepEqual(
      hits.map((h) => [h.server, h.finding.severity, h.at, h.finding.message]),
      [
        [
          'jira',
          'warning',
          '"http://mcp.corp.example.com:8080/mcp"',
          'url connects to mcp.corp.example.com over unencrypted http://: anyone on the network path can read and change the MCP traffic, credentials included. Use https://.',
        ],
      ],
    );
  });

  it('flags ws:// (Claude Code `type: "ws"`) and suggests wss://', () => {
    const text = cursor({ live: { type: 'ws', url: 'ws://192.168.1.20:9000/mcp' } });
    const hits = scan(text, 'claude-code', 'json', '/work/app/.mcp.json');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].finding.message, 'url connects to 192.168.1.20 over unencrypted ws://: anyone on the network path can read and change the MCP traffic. Use wss://.');
  });

  it('flags the URL a stdio bridge (mcp-remote) connects to, on that argument', () => {
    const text = cursor({ remote: { command: 'npx', args: ['-y', 'mcp-remote@0.1.18', 'http://mcp.example.com/sse', '--allow-http'] } });
    const hits = scan(text, 'claude-desktop', 'json');
    assert.deepEqual(
      hits.map((h) => [h.at, h.finding.message]),
      [['"http://mcp.example.com/sse"', 'args[2] connects (through a stdio bridge) to mcp.example.com over unencrypted http://: anyone on the network path can read and change the MCP traffic. Use https://.']],
    );
  });

  it('leaves loopback, https and unknown hosts alone', () => {
    const text = cursor({
      local: { url: 'http://localhost:3000/mcp' },
      loop: { url: 'http://127.0.0.1:8931/sse' },
      loop8: { url: 'http://127.8.9.10/mcp' },
      v6: { url: 'http://[::1]:3000/mcp' },
      dev: { url: 'http://api.localhost:3000/mcp' },
      tls: { url: 'https://mcp.sentry.dev/mcp' },
      wss: { url: 'wss://mcp.example.com/ws' },
      variable: { url: 'http://${env:MCP_HOST}:8080/mcp' },
      bridge: { command: 'npx', args: ['-y', 'mcp-remote@0.1.18', 'http://localhost:8080/sse'] },
    });
    assert.deepEqual(scan(text, 'cursor', 'json'), []);
  });

  it('isLocal: loopback addresses in every spelling', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.255.0.3', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '0.0.0.0']) assert.ok(isLocal(host), host);
    for (const host of ['10.0.0.1', '192.168.1.1', 'example.com', 'localhost.example.com', '128.0.0.1', 'fe80::1']) assert.ok(!isLocal(host), host);
  });

  it('Windsurf serverUrl, Gemini httpUrl and Goose uri', () => {
    assert.equal(scan(cursor({ w: { serverUrl: 'http://mcp.example.com/mcp' } }), 'windsurf', 'json')[0]?.finding.message.split(' connects')[0], 'serverUrl');
    const gemini = scan(read('gemini-settings.json'), 'gemini', 'json', '/home/me/.gemini/settings.json');
    assert.deepEqual(gemini.map((h) => [h.server, h.at]), [['httpServerWithAuth', '"http://10.0.0.12:3000/mcp"']]);
    const goose = 'extensions:\n  remote:\n    enabled: true\n    type: streamable_http\n    name: remote\n    uri: http://mcp.example.com/mcp\n';
    assert.deepEqual(scan(goose, 'goose', 'yaml').map((h) => h.at), ['http://mcp.example.com/mcp']);
  });

  it('Continue config.yaml (YAML): range on the plain scalar', () => {
    const hits = scan(read('continue-config.yaml'), 'continue', 'yaml', '/home/me/.continue/config.yaml');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.range?.start]),
      [['Remote tools', 'http://mcp.internal.example.com:8080/mcp', { line: 20, character: 9 }]],
    );
  });

  it('Codex config.toml (TOML): credentials from bearer_token_env_var are mentioned', () => {
    const hits = scan(read('codex-config.toml'), 'codex', 'toml', '/home/me/.codex/config.toml');
    assert.deepEqual(
      hits.map((h) => [h.server, h.at, h.finding.range?.start]),
      [['figma', '"http://mcp.figma.example.com/mcp"', { line: 10, character: 6 }]],
    );
    assert.match(hits[0].finding.message, /credentials included/);
  });
});
