// Small tree helpers for rules: find the entry node, read a property, walk string values with their ranges.
import type { TreeNode } from '../parse';

/** The node that starts exactly at `offset` (a server entry's value). */
export function findNodeAt(root: TreeNode, offset: number): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  while (node) {
    if (node.offset === offset && node.type !== 'property') return node;
    node = node.children?.find((c) => c.offset <= offset && offset < c.offset + c.length);
    if (node?.type === 'property') node = node.children?.find((c) => c.offset <= offset && offset < c.offset + c.length);
  }
  return undefined;
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
