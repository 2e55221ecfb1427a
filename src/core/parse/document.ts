// The format-neutral parsed document every client dialect reads. JSONC, YAML and TOML parsers all produce the
// same tree: jsonc-parser's `Node` shape (objects hold `property` nodes whose children are [key, value]), with
// offsets into the text, so diagnostics and rewrites work the same way for every format.
import type { Node } from 'jsonc-parser';
import type { ConfigFormat, Range } from '../model';
import type { LineIndex } from '../text';

export type { Node as TreeNode } from 'jsonc-parser';

export interface LocatedError {
  message: string;
  offset: number;
  length: number;
  range: Range;
}

export interface ParsedDocument {
  format: ConfigFormat;
  text: string;
  root: Node | undefined;
  lines: LineIndex;
  /** the first syntax error, if any; the tree still holds what could be read */
  error: LocatedError | null;
}

export function locateError(lines: LineIndex, message: string, offset: number, length: number): LocatedError {
  const range = lines.rangeOf(offset, length);
  return { message: `${message} at line ${range.start.line + 1}, column ${range.start.character + 1}`, offset, length, range };
}

/** The property node (key + value) named `key` in an object node. The last one wins, as in JSON.parse. */
export function property(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  let found: Node | undefined;
  for (const p of obj.children) if (p.children?.[0]?.value === key) found = p;
  return found;
}

/** The value node at a key path of nested objects. */
export function valueAt(root: Node | undefined, path: readonly string[]): Node | undefined {
  let node = root;
  for (const key of path) {
    node = property(node, key)?.children?.[1];
    if (!node) return undefined;
  }
  return node;
}

/** A plain JS value of a node, with own-property semantics safe against `__proto__` keys. */
export function plainValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = Object.create(null);
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && typeof k.value === 'string') out[k.value] = plainValue(v);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(plainValue);
    default:
      return node.value;
  }
}
