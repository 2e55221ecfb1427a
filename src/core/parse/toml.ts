// TOML parsing with source ranges (toml-eslint-parser, the parser behind eslint-plugin-toml), mapped onto the
// jsonc-parser tree shape. Table headers (`[a.b]`), dotted keys (`a.b = 1`), inline tables and arrays of tables
// (`[[a]]`) all build the same nested objects. A table defined by a header gets the header's last key segment as its
// key (where diagnostics go) and a value range from the header to its last key/value (what a rewrite replaces).
import { parseTOML, type AST } from 'toml-eslint-parser';
import { LineIndex } from '../text';
import { locateError, type LocatedError, type ParsedDocument, type TreeNode as Node } from './document';
import { elideDeepNesting, restoreElided } from './nesting';

/** The tree while it is built: jsonc-parser's `Node` without `readonly`. */
interface TreeNode {
  type: Node['type'];
  value?: unknown;
  offset: number;
  length: number;
  parent?: TreeNode;
  children?: TreeNode[];
}

const MAX_DEPTH = 1_000;
/** The parser builds each string with one spread call, which overflows the stack past ~125k characters. */
const LONG_STRING = 50_000;
/** How many times a prefix of an invalid file is re-parsed to keep the servers before the error. */
const MAX_RECOVERY = 5;

type Program = AST.TOMLProgram;

/** A string blanked out before parsing: where it was (quotes included) and its text between the quotes. */
interface LongString {
  start: number;
  end: number;
  value: string;
}

export function parseToml(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  let error: LocatedError | null = null;
  const nesting = elideDeepNesting(text, 'toml');
  let source = nesting.text;
  for (let attempt = 0; attempt <= MAX_RECOVERY; attempt++) {
    const result = tryParse(source);
    if ('program' in result) {
      const builder = new TreeBuilder(text, result.longStrings);
      const root = builder.build(result.program);
      restoreElided(root as Node, nesting.elided);
      if (!error && builder.tooDeep !== null) error = locateError(lines, 'nesting too deep to parse', builder.tooDeep, 0);
      if (!error && nesting.tooDeep !== null) error = locateError(lines, 'nesting too deep to parse', nesting.tooDeep, 1);
      return { format: 'toml', text, root, lines, error };
    }
    error ??= locateError(lines, result.message, result.offset, result.offset < text.length ? 1 : 0);
    if (result.fatal) break;
    // keep what precedes the line with the error (tables and keys above it still count); an error reported at the
    // end of the text belongs to its last line
    const cut = lineStart(lines, Math.min(result.offset, source.length - 1));
    if (cut <= 0 || cut >= source.length) break;
    source = nesting.text.slice(0, cut);
  }
  return { format: 'toml', text, root: undefined, lines, error };
}

function lineStart(lines: LineIndex, offset: number): number {
  return offset - lines.positionAt(offset).character;
}

type ParseResult =
  | { program: Program; longStrings: LongString[] }
  | { message: string; offset: number; fatal: boolean };

function tryParse(source: string): ParseResult {
  try {
    return { program: parseTOML(source), longStrings: [] };
  } catch (e) {
    if (!(e instanceof RangeError)) return parseFailure(e);
  }
  // a stack overflow: either absurd nesting or a very long string; retry with long strings blanked out
  const { text: blanked, spans } = blankLongStrings(source);
  if (spans.length) {
    try {
      return { program: parseTOML(blanked), longStrings: spans };
    } catch (e) {
      if (!(e instanceof RangeError)) return parseFailure(e);
    }
  }
  return { message: 'nesting too deep to parse', offset: 0, fatal: true };
}

function parseFailure(e: unknown): ParseResult {
  const err = e as { message?: unknown; index?: unknown };
  const offset = typeof err.index === 'number' && err.index >= 0 ? err.index : 0;
  const raw = typeof err.message === 'string' ? err.message : String(e);
  return { message: /^[A-Z][a-z]/.test(raw) ? raw.charAt(0).toLowerCase() + raw.slice(1) : raw, offset, fatal: false };
}

class TreeBuilder {
  /** where nesting went past MAX_DEPTH, if it did (the deeper values are left out) */
  tooDeep: number | null = null;

  constructor(
    private readonly text: string,
    private readonly longStrings: LongString[],
  ) {}

  build(program: Program): TreeNode {
    const root: TreeNode = { type: 'object', offset: 0, length: this.text.length, children: [] };
    for (const item of program.body[0]?.body ?? []) {
      if (item.type === 'TOMLKeyValue') this.keyValue(root, item, 0);
      else this.table(root, item);
    }
    return root;
  }

  /** `[a.b.c]` / `[[a.b.c]]`: walk to the parent object, then open (or append) the last segment. */
  private table(root: TreeNode, table: AST.TOMLTable): void {
    const [start, end] = table.range;
    const keys = table.key.keys;
    const last = keys[keys.length - 1];
    let obj: TreeNode | undefined = root;
    for (const seg of keys.slice(0, -1)) {
      obj = this.childObject(obj, seg, start, end);
      if (!obj) return;
    }
    if (!last) return;
    let target: TreeNode | undefined;
    if (table.kind === 'array') {
      let arr = this.valueOf(obj, segName(last));
      if (arr?.type !== 'array') arr = this.addProperty(obj, last, { type: 'array', offset: start, length: end - start, children: [] });
      target = { type: 'object', offset: start, length: end - start, parent: arr, children: [] };
      arr.children!.push(target);
    } else {
      target = this.childObject(obj, last, start, end);
      // `[a.b.c]` after `[a.b.c.d]`: the table's own header is where its key is written
      const prop = target?.parent;
      const keyNode = prop?.type === 'property' ? prop.children?.[0] : undefined;
      if (prop && keyNode) {
        keyNode.offset = last.range[0];
        keyNode.length = last.range[1] - last.range[0];
        fitProperty(prop);
      }
    }
    if (!target) return;
    for (const kv of table.body) this.keyValue(target, kv, 0);
    extendUp(target, start, end);
  }

  /** `a.b.c = v`: the leading segments are (implicit) objects, the last one holds the value. */
  private keyValue(obj: TreeNode, kv: AST.TOMLKeyValue, depth: number): void {
    const [start, end] = kv.range;
    const keys = kv.key.keys;
    let target: TreeNode | undefined = obj;
    for (const seg of keys.slice(0, -1)) {
      target = this.childObject(target, seg, start, end);
      if (!target) return;
    }
    const last = keys[keys.length - 1];
    if (!last) return;
    this.addProperty(target, last, (prop) => this.value(kv.value, prop, depth + 1));
    extendUp(target, start, end);
  }

  private value(v: AST.TOMLContentNode, parent: TreeNode, depth: number): TreeNode {
    const [start, end] = v.range;
    const node = (type: TreeNode['type'], value?: unknown): TreeNode => ({ type, value, offset: start, length: end - start, parent });
    if (depth > MAX_DEPTH) {
      this.tooDeep ??= start;
      return node('null', null);
    }
    switch (v.type) {
      case 'TOMLArray': {
        const arr = node('array');
        arr.children = v.elements.map((e) => this.value(e, arr, depth + 1));
        return arr;
      }
      case 'TOMLInlineTable': {
        const obj = node('object');
        obj.children = [];
        for (const kv of v.body) this.keyValue(obj, kv, depth); // keyValue adds the level
        return obj;
      }
      default:
        switch (v.kind) {
          case 'string': {
            // escapes in a blanked string are not decoded: such strings are never a server's identity
            const long = this.longStrings.find((l) => l.start === start);
            return long ? { type: 'string', value: long.value, offset: start, length: long.end - start, parent } : node('string', v.value);
          }
          case 'integer':
          case 'float':
            return node('number', v.value);
          case 'boolean':
            return node('boolean', v.value);
          default:
            // dates and times keep their text: config values, not instants to compute with
            return node('string', v.datetime);
        }
    }
  }

  /** The object under `seg` in `obj`, created if absent; for an array of tables, its last table. */
  private childObject(obj: TreeNode, seg: AST.TOMLBare | AST.TOMLQuoted, start: number, end: number): TreeNode | undefined {
    const existing = this.valueOf(obj, segName(seg));
    if (existing?.type === 'object') return existing;
    if (existing?.type === 'array') {
      const last = existing.children?.[existing.children.length - 1];
      return last?.type === 'object' ? last : undefined;
    }
    if (existing) return undefined; // a scalar redefined as a table: the parser reports it
    return this.addProperty(obj, seg, { type: 'object', offset: start, length: end - start, children: [] });
  }

  private valueOf(obj: TreeNode, name: string): TreeNode | undefined {
    let found: TreeNode | undefined;
    for (const p of obj.children ?? []) if (p.children?.[0]?.value === name) found = p.children[1];
    return found;
  }

  /** Adds `seg = value` to `obj` and returns the value. */
  private addProperty(obj: TreeNode, seg: AST.TOMLBare | AST.TOMLQuoted, value: TreeNode | ((prop: TreeNode) => TreeNode)): TreeNode {
    const [ks, ke] = seg.range;
    const prop: TreeNode = { type: 'property', offset: ks, length: ke - ks, parent: obj, children: [] };
    prop.children!.push({ type: 'string', value: segName(seg), offset: ks, length: ke - ks, parent: prop });
    obj.children!.push(prop);
    const v = typeof value === 'function' ? value(prop) : value;
    v.parent = prop;
    prop.children!.push(v);
    fitProperty(prop);
    return v;
  }
}

function segName(seg: AST.TOMLBare | AST.TOMLQuoted): string {
  return seg.type === 'TOMLBare' ? seg.name : seg.value;
}

/** A property spans its key and its value, whichever comes first (a header table starts at `[`, before its key). */
function fitProperty(prop: TreeNode): void {
  const [k, v] = prop.children ?? [];
  if (!k) return;
  const start = Math.min(k.offset, v?.offset ?? k.offset);
  const end = Math.max(k.offset + k.length, v ? v.offset + v.length : 0);
  prop.offset = start;
  prop.length = end - start;
}

/** Grows a node and its ancestors to cover [start, end): a table reopened by a later header spans both. */
function extendUp(node: TreeNode | undefined, start: number, end: number): void {
  for (let n = node; n; n = n.parent) {
    const s = Math.min(n.offset, start);
    const e = Math.max(n.offset + n.length, end);
    n.offset = s;
    n.length = e - s;
  }
}

/**
 * Replaces each string longer than LONG_STRING, quotes included, by an empty string of the same kind padded with
 * spaces (line breaks kept), so the parser builds no huge string and every offset and line stays where it was.
 * A small scanner: comments, basic and literal strings, single- and multi-line, and escapes.
 */
export function blankLongStrings(text: string, min = LONG_STRING): { text: string; spans: LongString[] } {
  const spans: LongString[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c !== '"' && c !== "'") {
      i++;
      continue;
    }
    const quotes = text.startsWith(c.repeat(3), i) ? 3 : 1;
    const contentStart = i + quotes;
    let j = contentStart;
    let end = -1;
    while (j < text.length) {
      const d = text[j];
      if (d === '\\' && c === '"') {
        j += 2;
        continue;
      }
      if (quotes === 1 && d === '\n') break;
      if (d === c && (quotes === 1 || text.startsWith(c.repeat(3), j))) {
        // up to two quotes may precede a closing `"""`
        let close = j;
        if (quotes === 3) while (text[close + 3] === c && close - j < 2) close++;
        end = close + quotes;
        if (close - contentStart >= min) spans.push({ start: i, end, value: text.slice(contentStart, close) });
        break;
      }
      j++;
    }
    i = end > 0 ? end : Math.max(j, contentStart);
  }
  if (!spans.length) return { text, spans };
  let out = '';
  let last = 0;
  for (const { start, end } of spans) {
    const q = text[start];
    out += text.slice(last, start) + q + q + text.slice(start + 2, end).replace(/[^\r\n]/g, ' ');
    last = end;
  }
  return { text: out + text.slice(last), spans };
}
