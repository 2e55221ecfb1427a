import * as assert from 'node:assert/strict';
import { Checker } from '../../src/core/checker';
import { bundledInventory } from '../../src/core/inventory/load';
import type { ConfigLocation } from '../../src/core/model';
import { parseDocument, plainValue, valueAt, type ParsedDocument, type TreeNode } from '../../src/core/parse';
import { elideDeepNesting, KEEP_DEPTH, MAX_NESTING } from '../../src/core/parse/nesting';
import { analyzeText } from '../../src/core/scan';

const checker = new Checker(bundledInventory());
const LOCATIONS: Record<'json' | 'yaml' | 'toml', ConfigLocation> = {
  json: { path: '/w/.cursor/mcp.json', client: 'cursor', scope: 'workspace', format: 'json' },
  yaml: { path: '/h/.continue/config.yaml', client: 'continue', scope: 'user', format: 'yaml' },
  toml: { path: '/h/.codex/config.toml', client: 'codex', scope: 'user', format: 'toml' },
};

/** A one-server config whose `extra` field nests `n` levels of arrays or objects; `value` is that field's text. */
function deepConfig(format: 'json' | 'yaml' | 'toml', n: number, kind: 'array' | 'object'): { text: string; value: string } {
  const value =
    kind === 'array'
      ? '['.repeat(n) + ']'.repeat(n)
      : format === 'toml'
        ? '{b='.repeat(n) + '1' + '}'.repeat(n)
        : format === 'yaml'
          ? '{b: '.repeat(n) + '1' + '}'.repeat(n)
          : '{"b":'.repeat(n) + '1' + '}'.repeat(n);
  if (format === 'json') return { text: `{"mcpServers": {"a": {"command": "npx", "args": ["-y", "mcp-a@1.0.0"], "extra": ${value}}}}\n`, value };
  if (format === 'yaml') return { text: `mcpServers:\n  - name: a\n    command: npx\n    args: ["-y", "mcp-a@1.0.0"]\n    extra: ${value}\n`, value };
  return { text: `[mcp_servers.a]\ncommand = "npx"\nargs = ["-y", "mcp-a@1.0.0"]\nextra = ${value}\n`, value };
}

/** A field of server `a` in the configs above (Continue's YAML lists servers, the others key them by name). */
function serverField(doc: ParsedDocument, field: string): TreeNode | undefined {
  if (doc.format === 'yaml') return valueAt(valueAt(doc.root, ['mcpServers'])?.children?.[0], [field]);
  return valueAt(doc.root, [doc.format === 'toml' ? 'mcp_servers' : 'mcpServers', 'a', field]);
}

describe('deep nesting', () => {
  for (const format of ['json', 'yaml', 'toml'] as const) {
    for (const kind of ['array', 'object'] as const) {
      it(`${format}: 5,000 levels of ${kind}s parse, the server is read, the deep value keeps its whole range`, () => {
        const { text, value } = deepConfig(format, 5_000, kind);
        const doc = parseDocument(text, format);
        assert.equal(doc.error, null);
        const node = serverField(doc, 'extra');
        assert.ok(node, 'no extra value');
        assert.equal(node.type, kind);
        assert.equal(text.slice(node.offset, node.offset + node.length), value);
        assert.doesNotThrow(() => plainValue(doc.root));
        const analysis = analyzeText(text, LOCATIONS[format], checker);
        assert.deepEqual(
          analysis.servers.map((s) => [s.name, s.package?.name]),
          [['a', 'mcp-a']],
        );
      });

      it(`${format}: 100,000 levels of ${kind}s give a located error at the bracket past ${MAX_NESTING}; the server is still read`, () => {
        const { text, value } = deepConfig(format, 100_000, kind);
        const doc = parseDocument(text, format);
        const bracketsPerLevel = kind === 'array' ? 1 : format === 'json' ? 5 : format === 'yaml' ? 4 : 3;
        // the JSON config opens 3 levels before `extra`; YAML's and TOML's outer levels are not brackets
        const outer = format === 'json' ? 3 : 0;
        const at = text.indexOf(value) + (MAX_NESTING - outer) * bracketsPerLevel;
        const pos = doc.lines.positionAt(at);
        assert.equal(doc.error?.message, `nesting too deep to parse at line ${pos.line + 1}, column ${pos.character + 1}`);
        assert.equal(doc.error?.offset, at);
        assert.deepEqual(
          analyzeText(text, LOCATIONS[format], checker).servers.map((s) => s.name),
          ['a'],
        );
      });
    }

    it(`${format}: 100,000 unclosed brackets end in a located error, not a crash`, () => {
      const { text } = deepConfig(format, 100_000, 'array');
      const cut = text.slice(0, text.indexOf(']'));
      const doc = parseDocument(cut, format);
      assert.ok(doc.error);
      assert.match(doc.error.message, / at line \d+, column \d+$/);
      assert.doesNotThrow(() => analyzeText(cut, LOCATIONS[format], checker));
    });
  }

  it('brackets inside strings and comments do not count', () => {
    const many = '['.repeat(MAX_NESTING + 10);
    const cases: ['json' | 'yaml' | 'toml', string][] = [
      ['json', `// ${many}\n{"mcpServers": {"a": {"command": "npx", "args": ["${many}"]}}} /* ${many} */`],
      ['yaml', `# ${many}\nmcpServers:\n  - name: a\n    command: npx\n    args: ['${many}', "${many}"]\n`],
      ['toml', `# ${many}\n[mcp_servers.a]\ncommand = "npx"\nargs = ["${many}", '${many}', """${many}""", '''${many}''']\n`],
    ];
    for (const [format, text] of cases) {
      assert.equal(elideDeepNesting(text, format).elided.length, 0, format);
      const doc = parseDocument(text, format);
      assert.equal(doc.error, null, format);
      const args = plainValue(serverField(doc, 'args')) as string[];
      assert.ok(args.length >= 1 && args.every((a) => a === many), format);
    }
  });

  it('in block YAML a bracket inside a plain scalar is text, not a collection', () => {
    const text = `a: x${'['.repeat(KEEP_DEPTH + 5)}\nb: [1, [2]]\n`;
    const scan = elideDeepNesting(text, 'yaml');
    assert.equal(scan.text, text);
    const doc = parseDocument(text, 'yaml');
    assert.equal(doc.error, null);
    assert.deepEqual(JSON.parse(JSON.stringify(plainValue(doc.root))), { a: 'x' + '['.repeat(KEEP_DEPTH + 5), b: [1, [2]] });
  });

  it('elision keeps every offset: same length, only the deep part blanked', () => {
    const text = '{"a": ' + '['.repeat(KEEP_DEPTH + 3) + '"x"' + ']'.repeat(KEEP_DEPTH + 3) + ', "b": 1}';
    const scan = elideDeepNesting(text, 'json');
    assert.equal(scan.text.length, text.length);
    assert.equal(scan.elided.length, 1);
    const [span] = scan.elided;
    assert.equal(text[span.start], '[');
    assert.equal(text[span.end - 1], ']');
    assert.equal(scan.text.slice(0, span.start), text.slice(0, span.start));
    assert.equal(scan.text.slice(span.end), text.slice(span.end));
    assert.match(scan.text.slice(span.start, span.end), /^0 +$/);
    assert.equal(scan.tooDeep, null);
  });
});
