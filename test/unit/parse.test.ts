import * as assert from 'node:assert/strict';
import { parseJsonc } from '../../src/core/parse/jsonc';
import { clientById } from '../../src/core/clients';
import type { ConfigLocation } from '../../src/core/model';
import { LineIndex, printable, stripBom } from '../../src/core/text';

const vscodeLoc: ConfigLocation = { path: '/w/.vscode/mcp.json', client: 'vscode', scope: 'workspace', format: 'jsonc' };
const cursorLoc: ConfigLocation = { path: '/w/.cursor/mcp.json', client: 'cursor', scope: 'workspace', format: 'jsonc' };

const extract = (text: string, loc = vscodeLoc) => clientById(loc.client).extract(parseJsonc(text), loc);

describe('JSONC parsing with ranges', () => {
  it('puts each server range on its key, quotes included, past comments and trailing commas', () => {
    const text = [
      '// MCP servers',
      '{',
      '  /* block',
      '     comment */',
      '  "servers": {',
      '    "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"], },',
      '    "remote": { "type": "sse", "url": "https://x.example/sse" },',
      '  },',
      '}',
    ].join('\n');
    const [memory, remote] = extract(text);
    assert.deepEqual(memory.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 12 } });
    assert.equal(text.slice(memory.keyOffset, memory.keyOffset + memory.keyLength), '"memory"');
    assert.equal(text.slice(memory.valueOffset, memory.valueOffset + memory.valueLength).startsWith('{ "command"'), true);
    assert.equal(remote.transport, 'sse');
    assert.equal(remote.url, 'https://x.example/sse');
    assert.equal(remote.range.start.line, 6);
  });

  it('counts CRLF and lone CR line breaks the way VS Code does', () => {
    const text = '{\r\n  "servers": {\r\n\r\n    "a": { "command": "x" }\r  }\r\n}';
    const [a] = extract(text);
    assert.deepEqual(a.range.start, { line: 3, character: 4 });
    const idx = new LineIndex('a\rb\r\nc\nd');
    assert.deepEqual([0, 2, 5, 7].map((o) => idx.positionAt(o).line), [0, 1, 2, 3]);
  });

  it('characters are counted in UTF-16 code units', () => {
    const text = '{"servers": {"ü😀": {"command": "x"}, "b": {"command": "y"}}}';
    const [, b] = extract(text);
    assert.equal(b.range.start.character, text.indexOf('"b"'));
  });

  it('reports the first syntax error with its location and keeps what it could read', () => {
    const text = '{\n  "mcpServers": {\n    "a": { "command": "npx" }\n    "b": { "command": "uvx" }\n  }\n}';
    const doc = parseJsonc(text);
    assert.ok(doc.error);
    assert.match(doc.error.message, /comma expected at line 4, column 5/);
    assert.deepEqual(extract(text, cursorLoc).map((s) => s.name), ['a', 'b']);
  });

  it('survives absurd nesting with a located error instead of a crash', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const doc = parseJsonc(deep);
    assert.equal(doc.error?.message, 'nesting too deep to parse at line 1, column 10001');
  });

  it('tolerates wrong types field by field', () => {
    const text = JSON.stringify({ servers: { a: { command: 42, args: ['x', 7, null, 'y'], env: 'nope' }, b: 'not an object', c: { url: 5 } } });
    const servers = extract(text);
    assert.deepEqual(
      servers.map((s) => [s.name, s.command, s.args, s.envNames, s.url]),
      [
        ['a', null, ['x', 'y'], [], null],
        ['c', null, [], [], null],
      ],
    );
  });

  it('is not fooled by prototype keys', () => {
    const text = '{"mcpServers": {"__proto__": {"command": "npx", "args": ["evil-mcp"]}, "constructor": {"command": "uvx", "args": ["x"]}}}';
    const servers = extract(text, cursorLoc);
    assert.deepEqual(servers.map((s) => [s.name, s.package?.name]), [['__proto__', 'evil-mcp'], ['constructor', 'x']]);
    assert.equal(({} as Record<string, unknown>).command, undefined);
  });

  it('reads env and header names, never values, and the disabled flags', () => {
    const text = JSON.stringify({
      mcpServers: {
        a: { command: 'npx', args: ['x'], env: { API_TOKEN: 'secret-value' }, disabled: true },
        b: { url: 'https://x.example/mcp', headers: { Authorization: 'Bearer abc' }, enabled: false },
        c: { command: 'npx', args: ['y'], disabled: 'yes' },
      },
    });
    const [a, b, c] = extract(text, cursorLoc);
    assert.deepEqual(a.envNames, ['API_TOKEN']);
    assert.deepEqual(b.headerNames, ['Authorization']);
    assert.equal(JSON.stringify([a, b]).includes('secret-value'), false);
    assert.deepEqual([a.disabled, b.disabled, c.disabled], [true, true, false]);
  });

  it('infers transports: stdio by default, http for a bare url, aliases normalized', () => {
    const text = JSON.stringify({
      mcpServers: {
        s: { command: 'x' },
        h: { url: 'https://a.example/mcp' },
        sh: { type: 'streamable-http', url: 'https://a.example/mcp' },
        sh2: { type: 'streamableHttp', url: 'https://a.example/mcp' },
        e: { type: 'sse', url: 'https://a.example/sse' },
      },
    });
    assert.deepEqual(extract(text, cursorLoc).map((s) => s.transport), ['stdio', 'http', 'http', 'http', 'sse']);
  });

  it('text helpers: BOM and control characters', () => {
    assert.equal(stripBom('\ufeff{}'), '{}');
    assert.equal(printable('evil\u001b[31mred\u0007'), 'evil\\u001b[31mred\\u0007');
  });
});
