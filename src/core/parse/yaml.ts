// YAML parsing with source ranges (the `yaml` package's composed AST), mapped onto the jsonc-parser tree shape so
// client dialects read YAML exactly like JSON. Only the first document of a multi-document file is read (what
// Continue's and Goose's loaders use). Anchors and aliases are resolved into the tree, but an alias's own node keeps
// the alias's position in the text, and expansion is budgeted so an alias bomb ends in an error, not a hang.
// Merge keys (`<<`) stay ordinary keys: neither Continue (`yaml`, YAML 1.2) nor Goose (serde_yaml) applies them.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Alias, type Document, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
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

/** Nodes that alias expansion may add on top of what the text spells out (a billion-laughs file needs ~10^9). */
export const MAX_ALIAS_NODES = 100_000;
/** Nesting deeper than this is not converted (real config files nest a handful of levels). */
export const MAX_DEPTH = 1_000;

export function parseYaml(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const fail = (message: string, offset = 0, length = 0): ParsedDocument => ({
    format: 'yaml',
    text,
    root: undefined,
    lines,
    error: locateError(lines, message, offset, length),
  });
  let doc: Document.Parsed | undefined;
  const nesting = elideDeepNesting(text, 'yaml');
  try {
    // `prettyErrors: false`: raw messages; the position is added by locateError the same way as for JSON
    doc = parseAllDocuments(nesting.text, { prettyErrors: false })[0];
  } catch (e) {
    return fail(e instanceof RangeError ? 'nesting too deep to parse' : String(e));
  }
  if (!doc) return { format: 'yaml', text, root: undefined, lines, error: null };

  const first = doc.errors[0];
  let error: LocatedError | null = first ? locateError(lines, yamlMessage(first.message), first.pos[0], Math.max(0, first.pos[1] - first.pos[0])) : null;
  let root: TreeNode | undefined;
  try {
    const conv = new Converter(text, resolveAliases(doc.contents));
    root = doc.contents ? conv.node(doc.contents, undefined, 0, 0) : undefined;
    restoreElided(root as Node | undefined, nesting.elided);
    if (!error && conv.problem) error = locateError(lines, conv.problem.message, conv.problem.offset, conv.problem.length);
    if (!error && nesting.tooDeep !== null) error = locateError(lines, 'nesting too deep to parse', nesting.tooDeep, 1);
  } catch (e) {
    return fail(e instanceof RangeError ? 'nesting too deep to parse' : String(e));
  }
  return { format: 'yaml', text, root, lines, error };
}

/** The parser's own messages, worded like the JSON parser's (lower case; a caught stack overflow as too deep). */
function yamlMessage(message: string): string {
  if (/call stack/i.test(message)) return 'nesting too deep to parse';
  return /^[A-Z][a-z]/.test(message) ? message.charAt(0).toLowerCase() + message.slice(1) : message;
}

/** Which anchored node each alias refers to: the last anchor of that name before it, in document order. */
function resolveAliases(contents: unknown): Map<Alias, YamlNode> {
  const targets = new Map<Alias, YamlNode>();
  const anchors = new Map<string, YamlNode>();
  // an explicit stack: the text decides the depth, the call stack must not
  const stack: unknown[] = [contents];
  while (stack.length) {
    const n = stack.pop();
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      if (target) targets.set(n, target);
    } else if (isScalar(n) || isMap(n) || isSeq(n)) {
      if (n.anchor) anchors.set(n.anchor, n);
      if (isMap(n) || isSeq(n)) {
        const items = n.items as unknown[];
        for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
      }
    } else if (isPair(n)) {
      stack.push(n.value, n.key);
    }
  }
  return targets;
}

class Converter {
  problem: { message: string; offset: number; length: number } | null = null;
  private aliasBudget = MAX_ALIAS_NODES;
  private readonly expanding = new Set<YamlNode>();
  /** the alias in the text whose expansion is under way: where a budget error is reported */
  private outerAlias: [number, number] = [0, 0];

  constructor(
    private readonly text: string,
    private readonly aliases: Map<Alias, YamlNode>,
  ) {}

  /** `aliasDepth` > 0 while expanding an alias: those nodes are charged to the alias budget. */
  node(n: unknown, parent: TreeNode | undefined, depth: number, aliasDepth: number, at = 0): TreeNode {
    const [start, end] = rangeOf(n, at);
    if (aliasDepth > 0 && --this.aliasBudget < 0) {
      return this.stop('too many alias expansions (possible alias bomb)', ...this.outerAlias, parent);
    }
    if (depth > MAX_DEPTH) return this.stop('nesting too deep to parse', start, end, parent);

    if (isAlias(n)) {
      const target = this.aliases.get(n);
      if (!target || this.expanding.has(target)) {
        if (target) this.report('alias refers to the node that contains it', start, end);
        return leaf('null', null, start, end, parent);
      }
      if (aliasDepth === 0) this.outerAlias = [start, end];
      const resolved = this.node(target, parent, depth + 1, aliasDepth + 1);
      // the value comes from the anchor, the range is where the alias is written
      resolved.offset = start;
      resolved.length = end - start;
      return resolved;
    }
    if (isMap(n) || isSeq(n)) {
      // collections under conversion: an alias to one of them would recurse forever
      this.expanding.add(n);
      try {
        return this.collection(n, parent, depth, aliasDepth, start, end);
      } finally {
        this.expanding.delete(n);
      }
    }
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'string') return leaf('string', v, start, end, parent);
      if (typeof v === 'number' || typeof v === 'bigint') return leaf('number', Number(v), start, end, parent);
      if (typeof v === 'boolean') return leaf('boolean', v, start, end, parent);
      if (v === null || v === undefined) return leaf('null', null, start, end, parent);
      return leaf('string', this.text.slice(start, end), start, end, parent);
    }
    // a missing value (`? key` with no `:`)
    return leaf('null', null, at, at, parent);
  }

  private collection(n: YAMLMap | YAMLSeq, parent: TreeNode | undefined, depth: number, aliasDepth: number, start: number, end: number): TreeNode {
    if (isMap(n)) {
      const obj: TreeNode = { type: 'object', offset: start, length: end - start, parent, children: [] };
      for (const pair of n.items) obj.children!.push(this.property(pair, obj, depth, aliasDepth));
      if (!n.flow) fitToChildren(obj);
      return obj;
    }
    const arr: TreeNode = { type: 'array', offset: start, length: end - start, parent, children: [] };
    for (const item of n.items as unknown[]) {
      if (isPair(item)) {
        // `[a: 1]`: a single-pair map inside a flow sequence
        const [ps, pe] = pairRange(item, start);
        const obj: TreeNode = { type: 'object', offset: ps, length: pe - ps, parent: arr, children: [] };
        obj.children!.push(this.property(item, obj, depth + 1, aliasDepth));
        arr.children!.push(obj);
      } else {
        arr.children!.push(this.node(item, arr, depth + 1, aliasDepth, arr.offset + arr.length));
      }
    }
    if (!n.flow) fitToChildren(arr);
    return arr;
  }

  private property(pair: Pair<unknown, unknown>, obj: TreeNode, depth: number, aliasDepth: number): TreeNode {
    const prop: TreeNode = { type: 'property', offset: 0, length: 0, parent: obj, children: [] };
    const [ks, ke] = rangeOf(pair.key, obj.offset);
    const keyNode: TreeNode = { type: 'string', offset: ks, length: ke - ks, value: this.keyText(pair.key, ks, ke), parent: prop };
    const valueNode = this.node(pair.value, prop, depth + 1, aliasDepth, ke);
    prop.children = [keyNode, valueNode];
    prop.offset = Math.min(ks, valueNode.offset);
    prop.length = Math.max(ke, valueNode.offset + valueNode.length) - prop.offset;
    return prop;
  }

  /** Keys as written for scalars (`1.0`, `null`, `"quoted"` → `quoted`); complex keys as their source text. */
  private keyText(key: unknown, start: number, end: number): string {
    let k = key;
    if (isAlias(k)) k = this.aliases.get(k);
    if (isScalar(k)) return typeof k.source === 'string' ? k.source : String(k.value ?? '');
    return this.text.slice(start, end);
  }

  private report(message: string, offset: number, end: number): void {
    this.problem ??= { message, offset, length: end - offset };
  }

  private stop(message: string, start: number, end: number, parent: TreeNode | undefined): TreeNode {
    this.report(message, start, end);
    return leaf('null', null, start, end, parent);
  }
}

function leaf(type: TreeNode['type'], value: unknown, start: number, end: number, parent: TreeNode | undefined): TreeNode {
  return { type, value, offset: start, length: end - start, parent };
}

/** A node's [start, valueEnd) in the text (valueEnd excludes a trailing comment). */
function rangeOf(n: unknown, fallback: number): [number, number] {
  const r = (n as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], Math.max(r[0], r[1])] : [fallback, fallback];
}

function pairRange(pair: Pair<unknown, unknown>, fallback: number): [number, number] {
  const [ks] = rangeOf(pair.key, fallback);
  const [, ve] = rangeOf(pair.value, ks);
  return [ks, Math.max(ks, ve)];
}

/** A block collection ends where its last entry ends (its own range also spans the following line break). */
function fitToChildren(node: TreeNode): void {
  const last = node.children?.[node.children.length - 1];
  if (last) node.length = Math.max(0, last.offset + last.length - node.offset);
}
