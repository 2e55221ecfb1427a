import * as assert from 'node:assert/strict';
import { blankLongStrings, parseToml } from '../../src/core/parse/toml';
import { parseDocument, plainValue, valueAt, type ParsedDocument, type TreeNode } from '../../src/core/parse';
import { stripBom } from '../../src/core/text';

/** The property named by `path` (the last segment) in the tree. */
function propAt(doc: ParsedDocument, path: string[]): TreeNode {
  const parent = valueAt(doc.root, path.slice(0, -1));
  const prop = parent?.children?.filter((p) => p.children?.[0]?.value === path[path.length - 1]).pop();
  assert.ok(prop, `no property ${path.join('.')}`);
  return prop;
}

const slice = (doc: ParsedDocument, n: TreeNode | undefined) => (n ? doc.text.slice(n.offset, n.offset + n.length) : undefined);
const keyText = (doc: ParsedDocument, path: string[]) => slice(doc, propAt(doc, path).children![0]);
const keyStart = (doc: ParsedDocument, path: string[]) => doc.lines.positionAt(propAt(doc, path).children![0].offset);
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('TOML parsing with ranges', () => {
  it('builds nested objects from table headers; the key is the last header segment, the value spans the table', () => {
    const text = [
      '# Codex config',
      'model = "gpt-5-codex"',
      '',
      '[mcp_servers.github]',
      'command = "npx" # trailing comment',
      'args = ["-y", "@modelcontextprotocol/server-github"]',
      '',
      '# the server env',
      '[mcp_servers.github.env]',
      'GITHUB_TOKEN = "x"',
      '',
      '[mcp_servers.figma]',
      'url = "https://mcp.figma.com/mcp"',
      '',
    ].join('\n');
    const doc = parseToml(text);
    assert.equal(doc.error, null);
    assert.deepEqual(json(plainValue(doc.root)), {
      model: 'gpt-5-codex',
      mcp_servers: {
        github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_TOKEN: 'x' } },
        figma: { url: 'https://mcp.figma.com/mcp' },
      },
    });
    assert.equal(keyText(doc, ['mcp_servers', 'github']), 'github');
    assert.deepEqual(keyStart(doc, ['mcp_servers', 'github']), { line: 3, character: 13 });
    // header through the last key/value of its sub-tables: what a rewrite replaces
    assert.equal(
      slice(doc, valueAt(doc.root, ['mcp_servers', 'github'])),
      '[mcp_servers.github]\ncommand = "npx" # trailing comment\nargs = ["-y", "@modelcontextprotocol/server-github"]\n\n# the server env\n[mcp_servers.github.env]\nGITHUB_TOKEN = "x"',
    );
    assert.equal(slice(doc, valueAt(doc.root, ['mcp_servers', 'figma'])), '[mcp_servers.figma]\nurl = "https://mcp.figma.com/mcp"');
    assert.deepEqual(keyStart(doc, ['mcp_servers', 'figma']), { line: 11, character: 13 });
    assert.equal(slice(doc, valueAt(doc.root, ['mcp_servers', 'github', 'command'])), '"npx"');
    assert.equal(slice(doc, propAt(doc, ['mcp_servers', 'github', 'command'])), 'command = "npx"');
  });

  it('a table opened after its sub-table still gets its own header as key', () => {
    const doc = parseToml('[mcp_servers.a.env]\nX = "1"\n\n[mcp_servers.a]\ncommand = "uvx"\n');
    assert.equal(doc.error, null);
    assert.deepEqual(keyStart(doc, ['mcp_servers', 'a']), { line: 3, character: 13 });
    assert.equal(slice(doc, valueAt(doc.root, ['mcp_servers', 'a'])), '[mcp_servers.a.env]\nX = "1"\n\n[mcp_servers.a]\ncommand = "uvx"');
  });

  it('dotted keys and inline tables build the same objects', () => {
    const text = 'mcp_servers.x = { command = "npx", args = ["-y", "pkg"], env = { A = "1" } }\nmcp_servers.y.url = "https://y.example/mcp"\n';
    const doc = parseToml(text);
    assert.equal(doc.error, null);
    assert.deepEqual(json(plainValue(doc.root)), {
      mcp_servers: { x: { command: 'npx', args: ['-y', 'pkg'], env: { A: '1' } }, y: { url: 'https://y.example/mcp' } },
    });
    assert.equal(keyText(doc, ['mcp_servers', 'x']), 'x');
    assert.equal(slice(doc, valueAt(doc.root, ['mcp_servers', 'x'])), '{ command = "npx", args = ["-y", "pkg"], env = { A = "1" } }');
    assert.deepEqual(keyStart(doc, ['mcp_servers', 'y']), { line: 1, character: 12 });
    assert.equal(slice(doc, valueAt(doc.root, ['mcp_servers', 'x', 'env', 'A'])), '"1"');
  });

  it('quoted keys keep their quotes in the range; unicode counts in UTF-16 units; CRLF lines', () => {
    const text = stripBom('\ufeff[mcp_servers."docs.search"]\r\nurl = "https://d.example"\r\n[mcp_servers.\'ü😀\']\r\ncommand = "x"\r\nn = "😀"\r\n');
    const doc = parseToml(text);
    assert.equal(doc.error, null);
    assert.equal(keyText(doc, ['mcp_servers', 'docs.search']), '"docs.search"');
    assert.deepEqual(keyStart(doc, ['mcp_servers', 'docs.search']), { line: 0, character: 13 });
    assert.equal(keyText(doc, ['mcp_servers', 'ü😀']), "'ü😀'");
    assert.deepEqual(keyStart(doc, ['mcp_servers', 'ü😀', 'n']), { line: 4, character: 0 });
    const v = valueAt(doc.root, ['mcp_servers', 'ü😀', 'n'])!;
    assert.deepEqual(doc.lines.positionAt(v.offset + v.length), { line: 4, character: 8 });
  });

  it('arrays of tables become arrays of objects; sub-tables go to the last element', () => {
    const doc = parseToml('[[servers]]\nname = "a"\n\n[[servers]]\nname = "b"\n[servers.env]\nK = "v"\n');
    assert.equal(doc.error, null);
    assert.deepEqual(json(plainValue(doc.root)), { servers: [{ name: 'a' }, { name: 'b', env: { K: 'v' } }] });
    const arr = valueAt(doc.root, ['servers'])!;
    assert.equal(arr.type, 'array');
    assert.equal(slice(doc, arr.children![0]), '[[servers]]\nname = "a"');
    assert.equal(slice(doc, arr.children![1]), '[[servers]]\nname = "b"\n[servers.env]\nK = "v"');
  });

  it('maps values to JSON types: numbers, booleans, dates as their text', () => {
    const doc = parseToml('i = 42\nh = 0xff\nf = 1.5\nb = false\nd = 1979-05-27\nt = 07:32:00\nml = """\nline\n"""\nlit = \'C:\\path\'\n');
    assert.equal(doc.error, null);
    assert.deepEqual(json(plainValue(doc.root)), { i: 42, h: 255, f: 1.5, b: false, d: '1979-05-27', t: '07:32:00', ml: 'line\n', lit: 'C:\\path' });
    assert.equal(valueAt(doc.root, ['b'])?.type, 'boolean');
    assert.equal(valueAt(doc.root, ['i'])?.type, 'number');
  });

  it('reports an invalid file with its line and column and keeps the tables before the error', () => {
    const text = '[mcp_servers.a]\ncommand = "npx"\n\n[mcp_servers.b]\ncommand = \nargs = []\n';
    const doc = parseToml(text);
    assert.ok(doc.error);
    assert.match(doc.error.message, / at line \d+, column \d+$/);
    assert.ok(doc.error.range.start.line >= 4, JSON.stringify(doc.error));
    assert.equal(valueAt(doc.root, ['mcp_servers', 'a', 'command'])?.value, 'npx');

    const dup = parseToml('[mcp_servers.a]\ncommand = "x"\n[mcp_servers.a]\ncommand = "y"\n');
    assert.match(dup.error?.message ?? '', /defining a key multiple times is invalid at line 3/);
    assert.equal(valueAt(dup.root, ['mcp_servers', 'a', 'command'])?.value, 'x');

    const garbage = parseToml('= = =');
    assert.ok(garbage.error);
    assert.equal(garbage.root, undefined);
  });

  it('parses 5,000 levels of inline nesting and reports 100,000 at the bracket past the limit', () => {
    // both overflow the parser's own stack: the deep part is elided before parsing (test/unit/parse-nesting.test.ts)
    for (const n of [5_000, 100_000]) {
      for (const deep of ['a = ' + '['.repeat(n) + ']'.repeat(n), 'a = ' + '{b='.repeat(n) + '1' + '}'.repeat(n)]) {
        const doc = parseToml(deep);
        if (n === 5_000) assert.equal(doc.error, null, deep.slice(0, 8));
        else assert.match(doc.error?.message ?? '', /^nesting too deep to parse at line 1, column \d+$/, deep.slice(0, 8));
        assert.ok(valueAt(doc.root, ['a']));
      }
    }
  });

  it('reads strings too long for the parser (it overflows past ~125k characters) without losing offsets', () => {
    const long = 'ab\n'.repeat(100_000);
    const text = `developer_instructions = """${long}"""\n\n[mcp_servers.a]\ncommand = "npx"\nnote = '${'x'.repeat(200_000)}'\n`;
    const started = Date.now();
    const doc = parseToml(text);
    assert.ok(Date.now() - started < 5000);
    assert.equal(doc.error, null);
    assert.equal(valueAt(doc.root, ['developer_instructions'])?.value, long);
    assert.equal((valueAt(doc.root, ['mcp_servers', 'a', 'note'])?.value as string).length, 200_000);
    assert.deepEqual(keyStart(doc, ['mcp_servers', 'a']), { line: 100_002, character: 13 });
    assert.equal(slice(doc, valueAt(doc.root, ['mcp_servers', 'a', 'command'])), '"npx"');
  });

  it('blankLongStrings keeps every offset and skips comments and short strings', () => {
    const text = `# "not a string\na = "short"\nb = """${'q'.repeat(20)}"""\nc = 'x#y'`;
    const { text: out, spans } = blankLongStrings(text, 10);
    assert.equal(out.length, text.length);
    assert.equal(spans.length, 1);
    assert.equal(spans[0].value, 'q'.repeat(20));
    assert.equal(out.slice(spans[0].start, spans[0].start + 2), '""');
  });

  it('never throws on garbage', () => {
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      let s = '';
      for (let j = 0; j < 40; j++) s += '[]{}="\'#.,\n \\ab1_-'[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 19];
      assert.doesNotThrow(() => parseToml(s), JSON.stringify(s));
    }
  });

  it('parseDocument dispatches toml', () => {
    assert.equal(parseDocument('a = 1', 'toml').format, 'toml');
  });
});
