// Small tree helpers for rules: find the entry node, read a property, walk string values with their ranges.
import type { TreeNode } from '../parse';

/**
 * The value node that starts at `offset` and, when given, spans `length` (a server entry's value). In TOML a table
 * header opens both the servers map and its first entry at one offset, so the length tells them apart. Children are
 * searched by bisection: files with thousands of servers stay linear overall.
 */
export function findNodeAt(root: TreeNode, offset: number, length?: number): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  let found: TreeNode | undefined;
  while (node) {
    if (node.offset === offset && node.type !== 'property') {
      found = node;
      if (length === undefined || node.length === length) return node;
    }
    node = childAt(node, offset);
  }
  return found;
}

function childAt(node: TreeNode, offset: number): TreeNode | undefined {
  const children = node.children;
  if (!children?.length) return undefined;
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid];
    if (offset < c.offset) hi = mid - 1;
    else if (offset >= c.offset + c.length && !(c.length === 0 && offset === c.offset)) lo = mid + 1;
    else return c;
  }
  // TOML tables re-opened later can make sibling ranges overlap or come out of order: fall back to a scan
  return children.find((c) => c.offset <= offset && offset < c.offset + c.length);
}

export function prop(obj: TreeNode | undefined, key: string): TreeNode | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  let found: TreeNode | undefined;
  for (const p of obj.children ?? []) if (p.children?.[0]?.value === key) found = p.children?.[1];
  return found;
}

/** The key node of a property, for putting a finding on the key. */
export function keyNode(obj: TreeNode | undefined, key: string): TreeNode | undefined {
  if (!obj || obj.type !== 'object') return undefined;
  return obj.children?.find((p) => p.children?.[0]?.value === key)?.children?.[0];
}

/** Name → value-node pairs of an object node. */
export function entries(obj: TreeNode | undefined): [string, TreeNode, TreeNode][] {
  if (!obj || obj.type !== 'object') return [];
  const out: [string, TreeNode, TreeNode][] = [];
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === 'string') out.push([k.value, v, k]);
  }
  return out;
}

/** String items of an array node, with their nodes. */
export function strings(arr: TreeNode | undefined): [string, TreeNode][] {
  if (!arr || arr.type !== 'array') return [];
  return (arr.children ?? []).filter((c) => c.type === 'string' && typeof c.value === 'string').map((c) => [c.value as string, c]);
}
