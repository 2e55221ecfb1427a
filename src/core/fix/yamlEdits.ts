// Minimal text edits to YAML files (Continue, Goose): splices at the source ranges of the parsed tree, never a
// re-serialized document. Only the target entry changes; comments, key order, indentation, line endings and every
// other entry stay byte-identical. New values are written on one line (flow style for lists and maps), strings plain
// when that is unambiguous in every YAML version, else double-quoted with escapes.
import type { Node } from 'jsonc-parser';
import type { TextEdit } from './types';

/**
 * Replaces a server entry (a block or flow mapping) with `form`. Keys of the original that are in `keep` stay as
 * written (value, comment and position); keys of `form` that the original has take its position; the others follow.
 * A list item keeps its `- ` and every line keeps the entry's indentation.
 */
export function yamlReplaceEntry(text: string, entry: Node, form: Record<string, unknown>, keep: ReadonlySet<string>, eol: string): TextEdit[] | null {
  if (entry.type !== 'object' || !plainEntry(text, entry)) return null;
  const props = entry.children ?? [];
  if (!props.length) return null;
  const flow = isFlow(text, entry);
  const pieces: string[] = [];
  const written = new Set<string>();
  for (const p of props) {
    const key = keyOf(p);
    if (key === undefined || written.has(key)) continue;
    if (keep.has(key)) pieces.push(text.slice(p.offset, flow ? contentEnd(text, p) : spanEnd(text, p)));
    else if (Object.prototype.hasOwnProperty.call(form, key)) pieces.push(`${yamlKey(key)}: ${yamlValue(form[key], flow)}`);
    else continue;
    written.add(key);
  }
  for (const [key, value] of Object.entries(form)) if (!written.has(key)) pieces.push(`${yamlKey(key)}: ${yamlValue(value, flow)}`);
  if (flow) return [{ offset: entry.offset, length: entry.length, content: `{ ${pieces.join(', ')} }` }];
  const first = props[0];
  // kept lines are copied verbatim, so every line of the entry starts at the column of its first key
  const indent = columnPrefix(text, first.offset);
  if (indent === null) return null;
  const end = spanEnd(text, props[props.length - 1]);
  return [{ offset: first.offset, length: end - first.offset, content: pieces.join(eol + indent) }];
}

/** Sets `key: value` on an entry: replaces the value if the key is there, else adds the key after the last one. */
export function yamlSetProperty(text: string, entry: Node, key: string, value: unknown, eol: string): TextEdit[] | null {
  if (entry.type !== 'object' || !plainEntry(text, entry)) return null;
  const props = entry.children ?? [];
  const flow = isFlow(text, entry);
  const v = yamlValue(value, flow);
  const existing = [...props].reverse().find((p) => keyOf(p) === key);
  if (existing) {
    const [k, node] = existing.children ?? [];
    if (!k || !node) return null;
    if (node.length === 0) {
      // `key:` with no value: the value goes after the colon
      const colon = text.indexOf(':', k.offset + k.length);
      return colon < 0 ? null : [{ offset: colon + 1, length: 0, content: ` ${v}` }];
    }
    if (/[|>*&!]/.test(text.charAt(node.offset))) return null; // block scalars, aliases, anchors, tags
    return [{ offset: node.offset, length: contentEnd(text, node) - node.offset, content: v }];
  }
  const prop = `${yamlKey(key)}: ${v}`;
  const last = props[props.length - 1];
  if (flow) {
    const closing = entry.offset + entry.length - 1;
    if (text.charAt(closing) !== '}') return null;
    if (!last) return [{ offset: entry.offset, length: entry.length, content: `{ ${prop} }` }];
    const end = contentEnd(text, last);
    const comma = /^\s*,/.exec(text.slice(end, closing));
    return comma ? [{ offset: end + comma[0].length, length: 0, content: ` ${prop},` }] : [{ offset: end, length: 0, content: `, ${prop}` }];
  }
  if (!last) return null;
  const indent = columnPrefix(text, props[0].offset);
  if (indent === null) return null;
  return [{ offset: spanEnd(text, last), length: 0, content: `${eol}${indent}${prop}` }];
}

/**
 * Removes a server entry: a list item with its lines (`- ` included), or a mapping key with its value. The last entry
 * of a list or mapping leaves `[]` / `{}`, so the parent key keeps its type.
 */
export function yamlRemoveEntry(text: string, entry: Node): TextEdit[] | null {
  if (!plainEntry(text, entry)) return null;
  const parent = entry.parent;
  if (parent?.type === 'array') return removeItem(text, parent, entry, '[]');
  if (parent?.type === 'property' && parent.parent?.type === 'object') return removeItem(text, parent.parent, parent, '{}');
  return null;
}

/** Replaces one string scalar (an argument) in place, in the quoting style it was written in when possible. */
export function yamlReplaceString(text: string, node: Node, value: string): TextEdit | null {
  if (node.type !== 'string') return null;
  const first = text.charAt(node.offset);
  if (/[|>*&!]/.test(first)) return null;
  const length = contentEnd(text, node) - node.offset;
  let content: string;
  if (first === "'" && !/[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(value)) content = `'${value.split("'").join("''")}'`;
  else if (first === '"') content = doubleQuoted(value);
  else content = yamlString(value, inFlow(text, node));
  return { offset: node.offset, length, content };
}

/** A YAML value on one line: scalars, and flow sequences / mappings of them. */
export function yamlValue(value: unknown, flow = false): string {
  if (typeof value === 'string') return yamlString(value, flow);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : doubleQuoted(String(value));
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => yamlValue(v, true)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${yamlKey(k)}: ${yamlValue(v, true)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/**
 * A string as a plain scalar when it cannot be read as anything else in YAML 1.1 or 1.2 (Continue's `yaml` and
 * Goose's serde_yaml alike), else double-quoted. Inside flow collections a `:` is quoted too: libyaml releases
 * before 0.2.1 reject `[a:b]`.
 */
export function yamlString(s: string, flow = false): string {
  const plain = (flow ? PLAIN_FLOW : PLAIN).test(s) && !s.endsWith(':') && !RESERVED.test(s);
  return plain ? s : doubleQuoted(s);
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./:@%+=~?&$-]*$/;
const PLAIN_FLOW = /^[A-Za-z_/][A-Za-z0-9_./@%+=~?&$-]*$/;
/** words YAML 1.1 reads as booleans or null */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null)$/i;

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !RESERVED.test(key) ? key : doubleQuoted(key);
}

/** JSON's escapes are valid YAML; characters YAML does not allow raw (DEL, C1 controls, BOM, separators) are escaped too. */
function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function keyOf(prop: Node): string | undefined {
  const k = prop.children?.[0];
  return typeof k?.value === 'string' ? k.value : undefined;
}

function isFlow(text: string, node: Node): boolean {
  const c = text.charAt(node.offset);
  return c === '{' || c === '[';
}

function inFlow(text: string, node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if ((n.type === 'array' || n.type === 'object') && isFlow(text, n)) return true;
  return false;
}

/**
 * An entry written through an alias, or carrying an anchor or tag, is shared with other nodes or typed by hand: it is
 * never rewritten. For a block mapping the anchor sits at the end of the line that introduces it (`key: &a`, `- &a`).
 */
function plainEntry(text: string, entry: Node): boolean {
  const c = text.charAt(entry.offset);
  if (c === '*' || c === '&' || c === '!') return false;
  let before = text.slice(lineStart(text, entry.offset), entry.offset);
  if (!before.trim()) {
    // the mapping starts its own line: look at the previous line that is neither blank nor only a comment
    let end = lineStart(text, entry.offset) - 1;
    before = '';
    while (end > 0) {
      const start = lineStart(text, end);
      const line = text.slice(start, end).replace(/\r$/, '');
      if (line.trim() && !line.trim().startsWith('#')) {
        before = line;
        break;
      }
      end = start - 1;
    }
  }
  return !/(?:^|\s)[&!]\S*\s*$/.test(before.replace(/\s#.*$/, ''));
}

/** The offset after the last non-blank character of a node (a block scalar's range ends after its line break). */
function contentEnd(text: string, node: Node): number {
  let e = node.offset + node.length;
  while (e > node.offset && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}

/** Where the line holding the end of a node ends (before its line break): a trailing comment belongs to the node. */
function spanEnd(text: string, node: Node): number {
  return lineEnd(text, contentEnd(text, node));
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text.charAt(nl - 1) === '\r' ? nl - 1 : nl;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that puts a new line at the column of `offset` (a list item's `- ` becomes spaces). */
function columnPrefix(text: string, offset: number): string | null {
  const prefix = text.slice(lineStart(text, offset), offset);
  if (!/^[ \t]*(?:-[ \t]+)*$/.test(prefix)) return null;
  return prefix.replace(/[^\t]/g, ' ');
}

/** Length of the line break at `end`: 2 for CRLF, 1 for LF, 0 at the end of the text. */
function breakAt(text: string, end: number): number {
  if (text.startsWith('\r\n', end)) return 2;
  return text.charAt(end) === '\n' ? 1 : 0;
}

/**
 * Removes `item` (a list item, or a mapping's property node) from `collection`. Block items go with their whole lines;
 * flow items with one separating comma.
 */
function removeItem(text: string, collection: Node, item: Node, empty: string): TextEdit[] | null {
  const items = collection.children ?? [];
  const index = items.indexOf(item);
  if (index < 0) return null;
  if (isFlow(text, collection)) {
    if (items.length === 1) return [{ offset: collection.offset, length: collection.length, content: empty }];
    // not the last: up to the next item (the comma and spaces go too); the last: from the end of the previous one
    if (index < items.length - 1) return [{ offset: item.offset, length: items[index + 1].offset - item.offset, content: '' }];
    const prevEnd = contentEnd(text, items[index - 1]);
    return [{ offset: prevEnd, length: contentEnd(text, item) - prevEnd, content: '' }];
  }
  // a block list item starts at its dash, which may sit on the line before a mapping
  let start = item.offset;
  if (collection.type === 'array') {
    let d = start - 1;
    while (d >= 0 && /\s/.test(text.charAt(d))) d--;
    if (text.charAt(d) !== '-') return null;
    start = d;
  }
  const ls = lineStart(text, start);
  if (text.slice(ls, start).trim()) return null; // something else before it on the line: not a plain block item
  const end = spanEnd(text, item);
  if (items.length === 1) return [{ offset: start, length: end - start, content: empty }];
  return [removeLines(text, ls, end)];
}

/** Removes the lines from `ls` (a line start) to `end` (a line end) with one line break: the following one, or the
 * preceding one when the text ends there without a final line break. */
function removeLines(text: string, ls: number, end: number): TextEdit {
  const after = breakAt(text, end);
  if (after || ls === 0) return { offset: ls, length: end + after - ls, content: '' };
  const before = text.slice(0, ls).endsWith('\r\n') ? 2 : 1;
  return { offset: ls - before, length: end - ls + before, content: '' };
}
