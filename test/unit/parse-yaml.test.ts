import * as assert from 'node:assert/strict';
import { parseJsonc } from '../../src/core/parse/jsonc';
import { MAX_ALIAS_NODES, parseYaml } from '../../src/core/parse/yaml';
import { parseDocument, plainValue, valueAt, type ParsedDocument, type TreeNode } from '../../src/core/parse';
import { stripBom } from '../../src/core/text';

/** The key node of `path` (the last segment's key), with its text and start position. */
function keyAt(doc: ParsedDocument, path: string[]) {
  const parent = valueAt(doc.root, path.slice(0, -1));
  const prop = parent?.children?.filter((p) => p.children?.[0]?.value === path[path.length - 1]).pop();
  const key = prop?.children?.[0];
  assert.ok(key, `no key ${path.join('.')}`);
  return { text: doc.text.slice(key.offset, key.offset + key.length), start: doc.lines.positionAt(key.offset) };
}

const slice = (doc: ParsedDocument, n: TreeNode | undefined) => (n ? doc.text.slice(n.offset, n.offset + n.length) : undefined);

/** Node types, offsets and lengths, without parents: what two parsers must agree on. */
const shape = (n: TreeNode | undefined): unknown =>
  n && { type: n.type, offset: n.offset, length: n.length, value: n.value, children: n.children?.map(shape) };

describe('YAML parsing with ranges', () => {
  it('builds the same tree as the JSON parser for JSON text (YAML is a superset)', () => {
    const text = '{\n  "servers": {\n    "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"], "n": 1.5, "b": true, "z": null },\n    "ü😀": {"url": "https://x.example/mcp"}\n  }\n}';
    const yaml = parseYaml(text);
    assert.equal(yaml.error, null);
    assert.deepEqual(shape(yaml.root), shape(parseJsonc(text).root));
  });

  it('puts key ranges on the key as written: plain, quoted, after comments, nested in lists', () => {
    const text = [
      '# Continue config',
      'name: Local Assistant   # trailing comment',
      '"quoted key": 1',
      "'single': 2",
      'mcpServers:',
      '  # a comment line',
      '  - name: SQLite MCP',
      '    command: npx',
      '    args: ["-y", "mcp-sqlite"]',
    ].join('\n');
    const doc = parseYaml(text);
    assert.equal(doc.error, null);
    assert.deepEqual(keyAt(doc, ['name']), { text: 'name', start: { line: 1, character: 0 } });
    assert.deepEqual(keyAt(doc, ['quoted key']), { text: '"quoted key"', start: { line: 2, character: 0 } });
    assert.deepEqual(keyAt(doc, ['single']), { text: "'single'", start: { line: 3, character: 0 } });
    const item = valueAt(doc.root, ['mcpServers'])?.children?.[0];
    assert.equal(item?.type, 'object');
    const nameProp = item?.children?.[0];
    assert.equal(slice(doc, nameProp?.children?.[0]), 'name');
    assert.deepEqual(doc.lines.positionAt(nameProp!.children![1].offset), { line: 6, character: 10 });
    assert.equal(slice(doc, nameProp?.children?.[1]), 'SQLite MCP');
    // a block mapping ends with its last value, not with the trailing comment or line break
    assert.equal(slice(doc, item), 'name: SQLite MCP\n    command: npx\n    args: ["-y", "mcp-sqlite"]');
    // property nodes span key through value, as in jsonc-parser
    assert.equal(slice(doc, item?.children?.[1]), 'command: npx');
    assert.equal(valueAt(doc.root, ['name'])?.value, 'Local Assistant');
  });

  it('counts CRLF and UTF-16 code units like VS Code; a BOM is stripped by the reader first', () => {
    const text = stripBom('\ufeffa: 1\r\nextensions:\r\n  "ü😀": {x: 1}\r\n  github:\r\n    cmd: npx\r\n');
    const doc = parseYaml(text);
    assert.equal(doc.error, null);
    assert.deepEqual(keyAt(doc, ['a']).start, { line: 0, character: 0 });
    assert.deepEqual(keyAt(doc, ['extensions', 'github']), { text: 'github', start: { line: 3, character: 2 } });
    const flow = '{"ü😀": 1, b: 2}';
    assert.deepEqual(keyAt(parseYaml(flow), ['b']).start, { line: 0, character: flow.indexOf('b') });
  });

  it('maps scalars to JSON types and keeps keys as written', () => {
    const doc = parseYaml('s: text\nn: 42\nf: 1.5\nt: true\nnil: ~\nempty:\n1.0: one\nnull: two\nblock: |\n  line 1\n  line 2\n');
    assert.deepEqual({ ...(plainValue(doc.root) as object) }, {
      s: 'text',
      n: 42,
      f: 1.5,
      t: true,
      nil: null,
      empty: null,
      '1.0': 'one',
      null: 'two',
      block: 'line 1\nline 2\n',
    });
    const empty = valueAt(doc.root, ['empty']);
    assert.equal(empty?.type, 'null');
    assert.equal(empty?.length, 0);
  });

  it('reads the first document of a multi-document file', () => {
    const doc = parseYaml('mcpServers:\n  - name: a\n    command: x\n---\nmcpServers:\n  - name: b\n    command: y\n');
    assert.equal(doc.error, null);
    assert.deepEqual(JSON.parse(JSON.stringify(plainValue(doc.root))), { mcpServers: [{ name: 'a', command: 'x' }] });
  });

  it('resolves aliases for values while the alias node keeps its own place in the text', () => {
    const text = 'base: &base\n  cmd: npx\n  args: [-y, pkg]\ngithub: *base\n';
    const doc = parseYaml(text);
    assert.equal(doc.error, null);
    const github = valueAt(doc.root, ['github']);
    assert.equal(slice(doc, github), '*base');
    assert.deepEqual(JSON.parse(JSON.stringify(plainValue(github))), { cmd: 'npx', args: ['-y', 'pkg'] });
    // its children are the anchored nodes, where they are written
    assert.equal(slice(doc, valueAt(github, ['cmd'])), 'npx');
    assert.equal(doc.lines.positionAt(valueAt(github, ['cmd'])!.offset).line, 1);
  });

  it('keeps merge keys as ordinary keys, as Continue (YAML 1.2) and Goose (serde_yaml) read them', () => {
    const doc = parseYaml('base: &b {cmd: npx}\nx:\n  <<: *b\n  args: []\n');
    const x = plainValue(valueAt(doc.root, ['x'])) as Record<string, unknown>;
    assert.deepEqual(Object.keys(x), ['<<', 'args']);
  });

  it('reports syntax errors with their line and column, and keeps what it could read', () => {
    const doc = parseYaml('extensions:\n  github:\n    cmd: npx\n  bad: [1, 2\nother: 1\n');
    assert.ok(doc.error);
    assert.match(doc.error.message, / at line \d+, column \d+$/);
    assert.equal(doc.error.range.start.line, 4); // where the unclosed flow sequence is noticed
    assert.equal(valueAt(doc.root, ['extensions', 'github', 'cmd'])?.value, 'npx');

    const tabs = parseYaml('a:\n\tb: 1\n');
    assert.ok(tabs.error);
    assert.equal(tabs.error.range.start.line, 1);

    const dup = parseYaml('a: 1\na: 2\n');
    assert.match(dup.error?.message ?? '', /unique/);
    assert.equal(valueAt(dup.root, ['a'])?.value, 2, 'the last duplicate wins, as in JSON.parse');
  });

  it('an empty file or a comment-only file has no tree and no error', () => {
    for (const text of ['', '# nothing here\n', '---\n']) {
      const doc = parseYaml(text);
      assert.equal(doc.error, null, JSON.stringify(text));
      assert.ok(doc.root === undefined || doc.root.type === 'null');
    }
  });

  it('stops an alias bomb quickly with a located error', () => {
    let bomb = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    bomb += 'extensions: *a9\n';
    const started = Date.now();
    const doc = parseYaml(bomb);
    assert.ok(Date.now() - started < 3000, 'took too long');
    assert.match(doc.error?.message ?? '', /too many alias expansions/);
    let count = 0;
    const walk = (n: TreeNode | undefined): void => {
      if (!n) return;
      count++;
      n.children?.forEach(walk);
    };
    walk(doc.root);
    assert.ok(count < 3 * MAX_ALIAS_NODES, `tree has ${count} nodes`);
  });

  it('an alias inside its own anchor does not loop', () => {
    const doc = parseYaml('a: &a [1, *a]\n');
    assert.match(doc.error?.message ?? '', /alias refers to the node that contains it/);
    assert.deepEqual(plainValue(valueAt(doc.root, ['a'])), [1, null]);
  });

  it('survives absurd nesting and huge strings', () => {
    const deep = parseYaml('a: ' + '['.repeat(100_000) + ']'.repeat(100_000));
    assert.ok(deep.error, 'expected an error');
    let block = '';
    for (let i = 0; i < 3000; i++) block += ' '.repeat(i) + 'k:\n';
    assert.doesNotThrow(() => parseYaml(block));
    const long = 'x'.repeat(2_000_000);
    const big = parseYaml(`extensions:\n  a:\n    cmd: "${long}"\n`);
    assert.equal(big.error, null);
    assert.equal((valueAt(big.root, ['extensions', 'a', 'cmd'])?.value as string).length, long.length);
  });

  it('never throws on garbage', () => {
    const samples = ['{[}]', ': : :', '- - -\n  ? ?', '\u0000\u0001\u0002', '*undefined', '&a', '!!binary x', '"unterminated', "key: 'x\n", '%YAML 9.9\n---\na'];
    let seed = 42;
    for (let i = 0; i < 200; i++) {
      let s = '';
      for (let j = 0; j < 40; j++) s += '{}[]:,-?*&!|>\'"#%@` \n\tab1'[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 30];
      samples.push(s);
    }
    for (const s of samples) assert.doesNotThrow(() => parseYaml(s), JSON.stringify(s));
  });

  it('parseDocument dispatches yaml', () => {
    assert.equal(parseDocument('a: 1', 'yaml').format, 'yaml');
  });
});
