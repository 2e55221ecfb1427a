// Minimal text edits to JSON/JSONC files: only the target entry changes; comments, key order, indentation, line
// endings and every other entry stay byte-identical. Built on jsonc-parser's `modify`, with our own layout for new
// values so they look like the code around them (one line stays one line; block entries keep their indentation).
import { findNodeAtLocation, findNodeAtOffset, getNodePath, modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import type { TextEdit } from './types';

export interface Layout {
  eol: string;
  /** one indentation step: two spaces, four spaces, a tab… */
  unit: string;
}

export function detectLayout(text: string): Layout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1]);
  const unit = indents.some((i) => i.startsWith('\t')) ? '\t' : ' '.repeat(Math.max(1, Math.min(...indents.map((i) => i.length).filter((n) => n > 0), 8)) || 2);
  return { eol, unit: unit === ' ' && !indents.length ? '  ' : unit };
}

/** The JSON path of the node starting at `offset` (a server entry's value). */
export function pathAt(root: Node, offset: number): JSONPath | null {
  const node = findNodeAtOffset(root, offset, false);
  if (!node) return null;
  // findNodeAtOffset returns the innermost node; climb to the one that starts exactly here
  let n: Node | undefined = node;
  while (n && n.offset !== offset) n = n.parent;
  return n ? getNodePath(n) : null;
}

function indentOfLine(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

function isSingleLine(text: string, node: Node): boolean {
  return !/[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
}

/** A JSON value laid out like its surroundings: inline for a one-line original, else a block at `baseIndent`. */
export function formatValue(value: unknown, inline: boolean, baseIndent: string, layout: Layout): string {
  if (inline) return inlineJson(value);
  return JSON.stringify(value, null, layout.unit).split('\n').join(`${layout.eol}${baseIndent}`);
}

function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** Replaces a whole value node (a server entry) with `value`, laid out like the original. */
export function replaceValue(text: string, node: Node, value: unknown, layout: Layout): TextEdit {
  const keyIndent = indentOfLine(text, node.offset);
  return { offset: node.offset, length: node.length, content: formatValue(value, isSingleLine(text, node), keyIndent, layout) };
}

/** Sets `key` in an object node: replaces an existing value, or appends the property in the object's own style. */
export function setProperty(text: string, obj: Node, key: string, value: unknown, layout: Layout): TextEdit {
  const existing = obj.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
  if (existing) return { offset: existing.offset, length: existing.length, content: inlineJson(value) };
  const props = obj.children ?? [];
  const last = props[props.length - 1];
  const prop = `${JSON.stringify(key)}: ${inlineJson(value)}`;
  const closing = obj.offset + obj.length - 1; // the `}`
  if (!last) return { offset: obj.offset + 1, length: closing - obj.offset - 1, content: isSingleLine(text, obj) ? ` ${prop} ` : `${layout.eol}${indentOfLine(text, obj.offset)}${layout.unit}${prop}${layout.eol}${indentOfLine(text, closing)}` };
  const end = last.offset + last.length;
  // keep a trailing comma style if the last property already had one
  const between = text.slice(end, closing);
  const trailingComma = /^\s*,/.test(between);
  if (isSingleLine(text, obj)) return trailingComma ? { offset: end + between.indexOf(',') + 1, length: 0, content: ` ${prop},` } : { offset: end, length: 0, content: `, ${prop}` };
  return appendLine(text, end, closing, prop, indentOfLine(text, last.offset), layout.eol);
}

/**
 * A new last member of a block object or array, on its own line after the current last one (which ends at `end`),
 * keeping a trailing comma style and leaving a comment at the end of that line where it is.
 */
function appendLine(text: string, end: number, closing: number, item: string, indent: string, eol: string): TextEdit {
  const comma = /^\s*,/.exec(text.slice(end, closing));
  const afterComma = comma ? end + comma[0].length : end;
  const nl = text.indexOf('\n', afterComma);
  const lineEnd = nl < 0 ? text.length : text.charAt(nl - 1) === '\r' ? nl - 1 : nl;
  const rest = lineEnd < closing ? text.slice(afterComma, lineEnd) : '';
  const comment = /^\s*(?:\/\/.*|\/\*.*\*\/\s*)$/.test(rest) ? rest : '';
  return comma
    ? { offset: afterComma, length: comment.length, content: `${comment}${eol}${indent}${item},` }
    : { offset: end, length: comment.length, content: `,${comment}${eol}${indent}${item}` };
}

/**
 * Removes an entry (a property or an array element) with what belongs to it and nothing else: on its own lines, those
 * lines, the comment lines right above it and the comment at the end of its last line; on a shared line, the entry
 * and one comma. A comma left dangling after the previous entry goes too (plain JSON allows none). Comments of the
 * neighbours stay, including one at the end of the previous entry's line (jsonc-parser's `modify` removed those).
 */
export function removeAt(text: string, path: JSONPath): TextEdit[] {
  const root = parseTree(text);
  const node = root && findNodeAtLocation(root, path);
  const item = node?.parent?.type === 'property' ? node.parent : node;
  const container = item?.parent;
  if (!item || !container?.children) return [];
  const siblings = container.children;
  const i = siblings.indexOf(item);
  const prev = siblings[i - 1];
  const next = siblings[i + 1];
  const open = container.offset + 1;
  const close = container.offset + container.length - 1;
  const prevEnd = prev ? prev.offset + prev.length : open;
  let start = item.offset;
  let end = item.offset + item.length;
  const ownComma = /^[ \t]*,/.exec(text.slice(end, next ? next.offset : close));
  if (ownComma) end += ownComma[0].length;

  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const tail = /^[ \t]*(?:\/\/[^\r\n]*|\/\*(?:(?!\*\/)[^\r\n])*\*\/[ \t]*)?(?:\r?\n|$)/.exec(text.slice(end));
  const ownLines = lineStart >= prevEnd && /^[ \t]*$/.test(text.slice(lineStart, start)) && tail !== null && (!next || end + tail[0].length <= next.offset);
  if (ownLines) {
    start = lineStart;
    end += tail[0].length;
    // comment lines directly above (no blank line between) are about this entry
    for (;;) {
      const above = text.lastIndexOf('\n', start - 2) + 1;
      if (above < prevEnd || start === 0) break;
      const line = text.slice(above, start);
      if (!/^[ \t]*(?:\/\/.*|\/\*.*\*\/[ \t]*)\r?\n$/.test(line)) break;
      start = above;
    }
  } else if (next) {
    end = next.offset; // the entry, its comma and the space up to the next one
  } else {
    start = prev ? prevEnd : /^\s*$/.test(text.slice(open, start)) ? open : start;
  }
  const edits: TextEdit[] = [{ offset: start, length: end - start, content: '' }];
  // the last entry without a comma of its own: the previous one's comma would now dangle
  if (!next && !ownComma && prev && start > prevEnd) {
    const comma = /^[ \t]*,/.exec(text.slice(prevEnd, start));
    if (comma) edits.push({ offset: prevEnd + comma[0].length - 1, length: 1, content: '' });
  }
  return edits;
}

/** Replaces one string of an array (an argument) in place. */
export function replaceString(node: Node, value: string): TextEdit {
  return { offset: node.offset, length: node.length, content: JSON.stringify(value) };
}

/**
 * Appends a string to the array at `path` after its last element, in the array's own style (one line stays one line;
 * a block array gets a new line at its elements' indentation), or creates the array (and its parents) laid out with
 * `layout` when it is missing.
 */
export function appendToArray(text: string, path: JSONPath, value: string, layout: Layout = detectLayout(text)): TextEdit[] {
  const root = parseTree(text);
  const arr = root && findNodeAtLocation(root, path);
  if (arr?.type === 'array') {
    const items = arr.children ?? [];
    const last = items[items.length - 1];
    const item = JSON.stringify(value);
    const closing = arr.offset + arr.length - 1; // the `]`
    if (!last) return [{ offset: arr.offset + 1, length: closing - arr.offset - 1, content: item }];
    const end = last.offset + last.length;
    if (isSingleLine(text, arr)) {
      const comma = /^\s*,/.exec(text.slice(end, closing));
      return [comma ? { offset: end + comma[0].length, length: 0, content: ` ${item},` } : { offset: end, length: 0, content: `, ${item}` }];
    }
    return [appendLine(text, end, closing, item, indentOfLine(text, last.offset), layout.eol)];
  }
  const formattingOptions = { insertSpaces: layout.unit !== '\t', tabSize: layout.unit === '\t' ? 1 : layout.unit.length, eol: layout.eol };
  return modify(text, [...path, -1], value, { isArrayInsertion: true, formattingOptions }).map((e) => ({ offset: e.offset, length: e.length, content: e.content }));
}
