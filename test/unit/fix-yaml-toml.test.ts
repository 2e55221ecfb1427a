// The YAML and TOML edit primitives behind the quick-fixes: text splices at source ranges. Every result must parse,
// and everything outside the target entry must stay byte-identical (comments, blank lines, CRLF, other entries).
import * as assert from 'node:assert/strict';
import { parseTOML } from 'toml-eslint-parser';
import { parse as parseYamlLib } from 'yaml';
import { parseDocument, plainValue, type TreeNode } from '../../src/core/parse';
import { tomlRemoveEntry, tomlReplaceEntry, tomlReplaceString, tomlSetProperty, tomlString, tomlValue } from '../../src/core/fix/tomlEdits';
import { applyEdits, type TextEdit } from '../../src/core/fix/types';
import { yamlRemoveEntry, yamlReplaceEntry, yamlReplaceString, yamlSetProperty, yamlString, yamlValue } from '../../src/core/fix/yamlEdits';

/** A node by a path of keys and list indexes. */
function nodeAt(root: TreeNode | undefined, path: (string | number)[]): TreeNode {
  let n = root;
  for (const seg of path) {
    if (typeof seg === 'number') n = n?.type === 'array' ? n.children?.[seg] : undefined;
    else n = n?.children?.filter((p) => p.children?.[0]?.value === seg).pop()?.children?.[1];
  }
  assert.ok(n, `no node at ${path.join('.')}`);
  return n;
}

const plain = (n: TreeNode | undefined) => JSON.parse(JSON.stringify(plainValue(n)));

function yamlDoc(text: string) {
  const doc = parseDocument(text, 'yaml');
  assert.equal(doc.error, null, doc.error?.message);
  return doc;
}

/** Applies edits; the result must parse in the same format. */
function apply(text: string, edits: TextEdit[] | TextEdit | null, format: 'yaml' | 'toml'): string {
  assert.ok(edits, 'no edit');
  const out = applyEdits(text, Array.isArray(edits) ? edits : [edits]);
  const doc = parseDocument(out, format);
  assert.equal(doc.error, null, `result does not parse: ${doc.error?.message}\n${out}`);
  return out;
}

/** The key of a TOML entry: where its header's last segment (`a]`) or its line (`a =`) starts. */
const keyAt = (text: string, marker: string) => {
  const i = marker.endsWith('=') ? text.indexOf(`\n${marker}`) + 1 : text.indexOf(marker);
  assert.ok(i > 0, marker);
  return i;
};

const TRICKY = [
  'plain',
  'https://gw.acme.example/mcp/github?x=1&y=2',
  'streamable_http',
  'true',
  'Yes',
  'off',
  'null',
  '~',
  '1.0',
  '0x1F',
  '-y',
  '@scope/pkg@1.2.3',
  'a: b',
  'a #b',
  '#x',
  'ends:',
  '',
  ' lead',
  'trail ',
  "it's",
  'say "hi"',
  'back\\slash',
  'line\nbreak',
  'tab\there',
  'del\x7f',
  'nel\u0085',
  'ls\u2028ps\u2029',
  'bom\ufeff',
  'emoji 🔑',
  '${{ secrets.GITHUB_TOKEN }}',
  '[a, b]',
  '{a: b}',
  '*alias',
  '&anchor',
  '!tag',
  '%directive',
  '|block',
  '>folded',
];

describe('YAML scalars for quick-fixes', () => {
  it('writes strings plain only when YAML 1.1 and 1.2 both read them back unchanged', () => {
    for (const s of TRICKY) {
      const block = `k: ${yamlString(s)}\n`;
      assert.equal(parseYamlLib(block).k, s, `YAML 1.2 block: ${block}`);
      assert.equal(parseYamlLib(block, { version: '1.1' }).k, s, `YAML 1.1 block: ${block}`);
      const flow = `k: [${yamlString(s, true)}]\n`;
      assert.deepEqual(parseYamlLib(flow).k, [s], `YAML 1.2 flow: ${flow}`);
      assert.deepEqual(parseYamlLib(flow, { version: '1.1' }).k, [s], `YAML 1.1 flow: ${flow}`);
    }
    assert.equal(yamlString('streamable_http'), 'streamable_http');
    assert.equal(yamlString('https://gw.acme.example/mcp'), 'https://gw.acme.example/mcp');
    // a colon inside a flow collection is quoted (old libyaml rejects `[a:b]`)
    assert.equal(yamlString('https://gw.acme.example/mcp', true), '"https://gw.acme.example/mcp"');
    assert.equal(yamlString('true'), '"true"');
    assert.equal(yamlString('1.0'), '"1.0"');
    assert.equal(yamlString('@playwright/mcp@0.0.30'), '"@playwright/mcp@0.0.30"');
    assert.equal(yamlString('ls\u2028'), '"ls\\u2028"');
  });

  it('writes lists and maps in flow style on one line', () => {
    assert.equal(yamlValue(['-y', 'mcp-remote', 'https://gw/x']), '["-y", mcp-remote, "https://gw/x"]');
    // keys YAML 1.1 reads as booleans are quoted too
    assert.equal(yamlValue({ type: 'http', on: true, n: 3, count: 4 }), '{ type: http, "on": true, "n": 3, count: 4 }');
    assert.deepEqual(parseYamlLib(`v: ${yamlValue({ type: 'http', on: true, n: 3, list: ['a:b', 'c'] })}`, { version: '1.1' }).v, { type: 'http', on: true, n: 3, list: ['a:b', 'c'] });
  });
});

describe('TOML values for quick-fixes', () => {
  it('writes basic strings that every TOML parser reads back unchanged', () => {
    for (const s of [...TRICKY, '\x00\x01\x1f', 'a\r\nb', '\\u0041']) {
      const text = `k = ${tomlString(s)}\n`;
      const kv = parseTOML(text).body[0].body[0];
      assert.equal(kv.type === 'TOMLKeyValue' && kv.value.type === 'TOMLValue' ? kv.value.value : undefined, s, text);
    }
    assert.equal(tomlString('a"b\\c\n'), '"a\\"b\\\\c\\n"');
    assert.equal(tomlString('del\x7f'), '"del\\u007f"');
  });

  it('writes arrays, inline tables, booleans and numbers; nothing for null', () => {
    assert.equal(tomlValue(['-y', 'pkg@1']), '["-y", "pkg@1"]');
    assert.equal(tomlValue({ url: 'https://x', 'odd key': true, n: 2 }), '{ url = "https://x", "odd key" = true, n = 2 }');
    assert.equal(tomlValue(null), null);
    assert.equal(tomlValue([null]), null);
  });
});

describe('YAML entry edits', () => {
  const continueFile = [
    '# Continue config',
    'name: Local',
    'mcpServers:',
    '  # the GitHub server',
    '  - name: GitHub  # shown in the UI',
    '    command: npx',
    '    args:',
    '      - -y',
    '      - "@modelcontextprotocol/server-github"',
    '    env:',
    '      GITHUB_TOKEN: ghp_0123456789abcdef',
    '    connectionTimeout: 20',
    '  # keep me',
    '  - name: Other',
    '    command: uvx',
    '    args: [mcp-server-git]',
    '',
  ].join('\r\n');

  it('replaces a block list item: `- ` and indentation, kept keys with their comments, CRLF, everything else as it was', () => {
    const doc = yamlDoc(continueFile);
    const item = nodeAt(doc.root, ['mcpServers', 0]);
    const edits = yamlReplaceEntry(continueFile, item, { type: 'streamable-http', url: 'https://gw.acme.example/github/mcp' }, new Set(['name', 'connectionTimeout']), '\r\n');
    const out = apply(continueFile, edits, 'yaml');
    assert.equal(
      out,
      [
        '# Continue config',
        'name: Local',
        'mcpServers:',
        '  # the GitHub server',
        '  - name: GitHub  # shown in the UI',
        '    connectionTimeout: 20',
        '    type: streamable-http',
        '    url: https://gw.acme.example/github/mcp',
        '  # keep me',
        '  - name: Other',
        '    command: uvx',
        '    args: [mcp-server-git]',
        '',
      ].join('\r\n'),
    );
    assert.ok(!out.includes('ghp_'), 'the token goes with the entry');
  });

  it('replaces a flow mapping item on one line, quoting what flow style needs', () => {
    const text = 'mcpServers:\n  - { name: a, command: npx, args: [x] }   # one-liner\n  - name: b\n    command: y\n';
    const item = nodeAt(yamlDoc(text).root, ['mcpServers', 0]);
    const out = apply(text, yamlReplaceEntry(text, item, { type: 'streamable-http', url: 'https://gw/a' }, new Set(['name']), '\n'), 'yaml');
    assert.equal(out, 'mcpServers:\n  - { name: a, type: streamable-http, url: "https://gw/a" }   # one-liner\n  - name: b\n    command: y\n');
  });

  it('replaces an item whose mapping starts on the line after its dash', () => {
    const text = 'mcpServers:\n  -\n    name: a\n    command: npx\n';
    const item = nodeAt(yamlDoc(text).root, ['mcpServers', 0]);
    const out = apply(text, yamlReplaceEntry(text, item, { url: 'https://gw/a' }, new Set(['name']), '\n'), 'yaml');
    assert.equal(out, 'mcpServers:\n  -\n    name: a\n    url: https://gw/a\n');
  });

  it('replaces a mapping value (Goose) keeping a multi-line description verbatim, at the end of a file without a final line break', () => {
    const text = 'extensions:\n  github:\n    enabled: true\n    description: |\n      GitHub tools\n      for the team\n    cmd: npx\n    envs:\n      TOKEN: x\n    type: stdio';
    const entry = nodeAt(yamlDoc(text).root, ['extensions', 'github']);
    const out = apply(text, yamlReplaceEntry(text, entry, { type: 'streamable_http', uri: 'https://gw/gh' }, new Set(['enabled', 'description']), '\n'), 'yaml');
    assert.equal(out, 'extensions:\n  github:\n    enabled: true\n    description: |\n      GitHub tools\n      for the team\n    type: streamable_http\n    uri: https://gw/gh');
    assert.deepEqual(plain(parseDocument(out, 'yaml').root), { extensions: { github: { enabled: true, description: 'GitHub tools\nfor the team\n', type: 'streamable_http', uri: 'https://gw/gh' } } });
  });

  it('never rewrites an entry that is anchored, tagged or an alias', () => {
    const text = 'extensions:\n  base: &base\n    cmd: npx\n    enabled: true\n  copy: *base\n  tagged: !!map\n    cmd: x\n';
    const root = yamlDoc(text).root;
    for (const name of ['base', 'copy', 'tagged']) {
      const entry = nodeAt(root, ['extensions', name]);
      assert.equal(yamlReplaceEntry(text, entry, { uri: 'https://gw' }, new Set(), '\n'), null, name);
      assert.equal(yamlSetProperty(text, entry, 'enabled', false, '\n'), null, name);
      assert.equal(yamlRemoveEntry(text, entry), null, name);
    }
  });

  it('sets a flag: replaces the value (keeping its comment), or adds it at the entry indentation after a multi-line last key', () => {
    const text = 'extensions:\n  a:\n    enabled: true   # on\n    cmd: x\n  b:\n    cmd: y\n    args:\n      - one\n\n  c:\n    enabled:\n    cmd: z\n';
    const root = yamlDoc(text).root;
    assert.equal(apply(text, yamlSetProperty(text, nodeAt(root, ['extensions', 'a']), 'enabled', false, '\n'), 'yaml'), text.replace('enabled: true   # on', 'enabled: false   # on'));
    assert.equal(apply(text, yamlSetProperty(text, nodeAt(root, ['extensions', 'b']), 'enabled', false, '\n'), 'yaml'), text.replace('      - one\n', '      - one\n    enabled: false\n'));
    assert.equal(apply(text, yamlSetProperty(text, nodeAt(root, ['extensions', 'c']), 'enabled', false, '\n'), 'yaml'), text.replace('    enabled:\n', '    enabled: false\n'));
  });

  it('sets a flag in flow mappings, with and without a trailing comma', () => {
    const text = 'extensions:\n  a: { cmd: x }\n  b: { cmd: y, }\n  c: {}\n';
    const root = yamlDoc(text).root;
    assert.equal(apply(text, yamlSetProperty(text, nodeAt(root, ['extensions', 'a']), 'enabled', false, '\n'), 'yaml'), text.replace('{ cmd: x }', '{ cmd: x, enabled: false }'));
    assert.equal(apply(text, yamlSetProperty(text, nodeAt(root, ['extensions', 'b']), 'enabled', false, '\n'), 'yaml'), text.replace('{ cmd: y, }', '{ cmd: y, enabled: false, }'));
    assert.equal(apply(text, yamlSetProperty(text, nodeAt(root, ['extensions', 'c']), 'enabled', false, '\n'), 'yaml'), text.replace('{}', '{ enabled: false }'));
  });

  it('removes list items with their lines; the only item leaves []', () => {
    const doc = yamlDoc(continueFile);
    const first = apply(continueFile, yamlRemoveEntry(continueFile, nodeAt(doc.root, ['mcpServers', 0])), 'yaml');
    assert.equal(first, ['# Continue config', 'name: Local', 'mcpServers:', '  # the GitHub server', '  # keep me', '  - name: Other', '    command: uvx', '    args: [mcp-server-git]', ''].join('\r\n'));
    const last = apply(continueFile, yamlRemoveEntry(continueFile, nodeAt(doc.root, ['mcpServers', 1])), 'yaml');
    assert.equal(last, continueFile.replace('  - name: Other\r\n    command: uvx\r\n    args: [mcp-server-git]\r\n', ''));
    const only = apply(last, yamlRemoveEntry(last, nodeAt(yamlDoc(last).root, ['mcpServers', 0])), 'yaml');
    assert.equal(only, ['# Continue config', 'name: Local', 'mcpServers:', '  # the GitHub server', '  []', '  # keep me', ''].join('\r\n'));
    assert.deepEqual(plain(parseDocument(only, 'yaml').root), { name: 'Local', mcpServers: [] });
  });

  it('removes the last item of a file without a final line break, and an item whose mapping starts after its dash', () => {
    const text = 'mcpServers:\n  - name: a\n    command: x\n  -\n    name: b\n    command: y';
    const root = yamlDoc(text).root;
    assert.equal(apply(text, yamlRemoveEntry(text, nodeAt(root, ['mcpServers', 1])), 'yaml'), 'mcpServers:\n  - name: a\n    command: x');
    assert.equal(apply(text, yamlRemoveEntry(text, nodeAt(root, ['mcpServers', 0])), 'yaml'), 'mcpServers:\n  -\n    name: b\n    command: y');
  });

  it('removes a mapping key with its value; the only one leaves {}', () => {
    const text = 'extensions:\n  a:\n    cmd: x # first\n\n  b:\n    cmd: y\nother: 1\n';
    const root = yamlDoc(text).root;
    assert.equal(apply(text, yamlRemoveEntry(text, nodeAt(root, ['extensions', 'a'])), 'yaml'), 'extensions:\n\n  b:\n    cmd: y\nother: 1\n');
    const one = 'extensions:\n  a:\n    cmd: x\nother: 1\n';
    assert.equal(apply(one, yamlRemoveEntry(one, nodeAt(yamlDoc(one).root, ['extensions', 'a'])), 'yaml'), 'extensions:\n  {}\nother: 1\n');
  });

  it('removes flow items with one comma', () => {
    const text = 'mcpServers: [{ name: a, command: x }, { name: b, command: y }, { name: c, command: z }]\n';
    const root = yamlDoc(text).root;
    assert.equal(apply(text, yamlRemoveEntry(text, nodeAt(root, ['mcpServers', 0])), 'yaml'), 'mcpServers: [{ name: b, command: y }, { name: c, command: z }]\n');
    assert.equal(apply(text, yamlRemoveEntry(text, nodeAt(root, ['mcpServers', 1])), 'yaml'), 'mcpServers: [{ name: a, command: x }, { name: c, command: z }]\n');
    assert.equal(apply(text, yamlRemoveEntry(text, nodeAt(root, ['mcpServers', 2])), 'yaml'), 'mcpServers: [{ name: a, command: x }, { name: b, command: y }]\n');
  });

  it('replaces one argument in the style it was written in', () => {
    const text = "a: [plain@1, 'single@1', \"double@1\"]\nb:\n  - plain@1 # c\n";
    const root = yamlDoc(text).root;
    const rep = (path: (string | number)[], v: string) => apply(text, yamlReplaceString(text, nodeAt(root, path), v), 'yaml');
    assert.equal(rep(['a', 0], 'plain@2'), text.replace('[plain@1', '[plain@2'));
    assert.equal(rep(['a', 0], 'x:y'), text.replace('[plain@1', '["x:y"'));
    assert.equal(rep(['a', 1], "it's@2"), text.replace("'single@1'", "'it''s@2'"));
    assert.equal(rep(['a', 2], 'double@2'), text.replace('"double@1"', '"double@2"'));
    assert.equal(rep(['b', 0], 'x:y'), text.replace('- plain@1 # c', '- x:y # c'));
    assert.equal(rep(['b', 0], '@scope/x@2'), text.replace('- plain@1 # c', '- "@scope/x@2" # c'));
  });
});

describe('TOML entry edits', () => {
  const codexFile = [
    '# Codex',
    'model = "o3"',
    '',
    '[mcp_servers.github]  # the GitHub server',
    'command = "npx"',
    'args = [',
    '  "-y",',
    '  "@modelcontextprotocol/server-github",',
    ']',
    'startup_timeout_sec = 20 # slow to start',
    '',
    '# its secrets',
    '[mcp_servers.github.env]',
    'GITHUB_TOKEN = "ghp_0123456789abcdef"',
    '',
    '[mcp_servers.github.tools.search]',
    'approval_mode = "approve"',
    '',
    '[mcp_servers.other]',
    'command = "uvx"',
    'args = ["mcp-server-git"]',
    '',
  ].join('\r\n');
  const gh = keyAt(codexFile, 'github]');

  it('replaces a header table: kept keys and sub-tables stay, the others (env with its secrets) go, CRLF kept', () => {
    const out = apply(codexFile, tomlReplaceEntry(codexFile, gh, { url: 'https://gw.acme.example/github/mcp' }, new Set(['startup_timeout_sec', 'tools']), '\r\n'), 'toml');
    assert.equal(
      out,
      [
        '# Codex',
        'model = "o3"',
        '',
        '[mcp_servers.github]  # the GitHub server',
        'startup_timeout_sec = 20 # slow to start',
        'url = "https://gw.acme.example/github/mcp"',
        '',
        '# its secrets',
        '',
        '[mcp_servers.github.tools.search]',
        'approval_mode = "approve"',
        '',
        '[mcp_servers.other]',
        'command = "uvx"',
        'args = ["mcp-server-git"]',
        '',
      ].join('\r\n'),
    );
  });

  it('replaces a table whose keys are indented with tabs, and a table with no keys of its own', () => {
    const text = '[mcp_servers.a]\n\tcommand = "npx"\n\targs = ["x"]\n\n[mcp_servers.b]\n[mcp_servers.b.env]\nK = "v"\n';
    assert.equal(apply(text, tomlReplaceEntry(text, keyAt(text, 'a]'), { url: 'https://gw/a' }, new Set(), '\n'), 'toml'), '[mcp_servers.a]\n\turl = "https://gw/a"\n\n[mcp_servers.b]\n[mcp_servers.b.env]\nK = "v"\n');
    assert.equal(apply(text, tomlReplaceEntry(text, keyAt(text, 'b]'), { url: 'https://gw/b' }, new Set(), '\n'), 'toml'), '[mcp_servers.a]\n\tcommand = "npx"\n\targs = ["x"]\n\n[mcp_servers.b]\nurl = "https://gw/b"\n');
  });

  it('replaces an inline table in place', () => {
    const text = '[mcp_servers]\ngh = { command = "npx", args = ["x"], enabled = true } # inline\nother = { url = "https://o" }\n';
    const out = apply(text, tomlReplaceEntry(text, keyAt(text, 'gh ='), { url: 'https://gw/gh' }, new Set(['enabled']), '\n'), 'toml');
    assert.equal(out, '[mcp_servers]\ngh = { enabled = true, url = "https://gw/gh" } # inline\nother = { url = "https://o" }\n');
  });

  it('sets a flag: replaces it, appends it after the last key (indentation kept), or adds it to an inline table', () => {
    const text = '[mcp_servers.a]\ncommand = "x"\nenabled = true # on\n\n[mcp_servers.b]\n  command = "y"\n  args = [\n    "z",\n  ]\n# after b\n[mcp_servers.c]\n[mcp_servers]\nd = { command = "w" }\ne = {}\n';
    const set = (marker: string) => apply(text, tomlSetProperty(text, keyAt(text, marker), 'enabled', false, '\n'), 'toml');
    assert.equal(set('a]'), text.replace('enabled = true # on', 'enabled = false # on'));
    assert.equal(set('b]'), text.replace('  ]\n# after b', '  ]\n  enabled = false\n# after b'));
    assert.equal(set('c]'), text.replace('[mcp_servers.c]\n', '[mcp_servers.c]\nenabled = false\n'));
    assert.equal(set('d ='), text.replace('{ command = "w" }', '{ command = "w", enabled = false }'));
    assert.equal(set('e ='), text.replace('e = {}', 'e = { enabled = false }'));
  });

  it('removes a table with all its sub-tables, keeping one blank line between the neighbours', () => {
    const out = apply(codexFile, tomlRemoveEntry(codexFile, gh), 'toml');
    assert.equal(out, ['# Codex', 'model = "o3"', '', '# its secrets', '', '[mcp_servers.other]', 'command = "uvx"', 'args = ["mcp-server-git"]', ''].join('\r\n'));
    const other = apply(codexFile, tomlRemoveEntry(codexFile, keyAt(codexFile, 'other]')), 'toml');
    assert.equal(other, codexFile.replace('\r\n\r\n[mcp_servers.other]\r\ncommand = "uvx"\r\nargs = ["mcp-server-git"]\r\n', '\r\n'));
  });

  it('removes the first table of a file, the last one without a final line break, and an inline entry line', () => {
    const text = '[mcp_servers.a]\ncommand = "x"\n\n[mcp_servers.b]\ncommand = "y"';
    assert.equal(apply(text, tomlRemoveEntry(text, keyAt(text, 'a]')), 'toml'), '[mcp_servers.b]\ncommand = "y"');
    assert.equal(apply(text, tomlRemoveEntry(text, keyAt(text, 'b]')), 'toml'), '[mcp_servers.a]\ncommand = "x"\n');
    const inline = '[mcp_servers]\na = { command = "x" }\nb = { command = "y" }\n';
    assert.equal(apply(inline, tomlRemoveEntry(inline, keyAt(inline, 'a =')), 'toml'), '[mcp_servers]\nb = { command = "y" }\n');
  });

  it('leaves entries written with dotted keys or nested inline tables alone, and text that does not parse', () => {
    const dotted = '[mcp_servers]\na.command = "x"\n';
    assert.equal(tomlReplaceEntry(dotted, keyAt(dotted, 'a.'), { url: 'https://gw' }, new Set(), '\n'), null);
    assert.equal(tomlSetProperty(dotted, keyAt(dotted, 'a.'), 'enabled', false, '\n'), null);
    const nested = 'mcp_servers = { a = { command = "x" } }\n';
    assert.equal(tomlRemoveEntry(nested, nested.indexOf('a =')), null);
    assert.ok(tomlSetProperty(nested, nested.indexOf('a ='), 'enabled', false, '\n'));
    assert.equal(tomlReplaceEntry('[mcp_servers.a]\ncommand = \n', 13, { url: 'x' }, new Set(), '\n'), null);
  });

  it('replaces one argument: a literal string stays literal when it can', () => {
    const text = "[mcp_servers.a]\nargs = ['lit@1', \"basic@1\", 'x']\n";
    const doc = parseDocument(text, 'toml');
    const args = nodeAt(doc.root, ['mcp_servers', 'a', 'args']);
    const rep = (i: number, v: string) => apply(text, tomlReplaceString(text, args.children![i], v), 'toml');
    assert.equal(rep(0, 'lit@2'), text.replace("'lit@1'", "'lit@2'"));
    assert.equal(rep(0, "it's"), text.replace("'lit@1'", '"it\'s"'));
    assert.equal(rep(1, 'basic@2'), text.replace('"basic@1"', '"basic@2"'));
  });
});
