// Minimal text edits to TOML files (Codex): splices at the source ranges of toml-eslint-parser's AST, never a
// re-serialized document. A server is either a header table (`[mcp_servers.name]`, with its sub-tables such as
// `[mcp_servers.name.env]`) or an inline table (`name = { … }` under `[mcp_servers]`); servers written with dotted
// keys are left alone. Comments, key order, indentation, line endings and every other table stay byte-identical.
import type { AST } from 'toml-eslint-parser';
import { formats } from '../parse/lazyFormats';
import type { Node } from 'jsonc-parser';
import type { TextEdit } from './types';

interface TomlEntry {
  /** the header table, or the key/value whose value is the inline table */
  table?: AST.TOMLTable;
  kv?: AST.TOMLKeyValue;
  inline?: AST.TOMLInlineTable;
  /** `[name.sub]` and `[[name.sub]]` tables below a header table */
  subTables: AST.TOMLTable[];
  /** the key segments that name the entry */
  path: string[];
  body: AST.TOMLKeyValue[];
}

/** Replaces a server entry with `form`, keeping the `keep` keys (and sub-tables) of the original as written. */
export function tomlReplaceEntry(text: string, keyOffset: number, form: Record<string, unknown>, keep: ReadonlySet<string>, eol: string): TextEdit[] | null {
  const entry = locate(text, keyOffset);
  if (!entry) return null;
  // kept keys of the original win over the form's; the form's other keys take the place of the original's
  const keptPresent = new Set([...entry.body.map((kv) => segName(kv.key.keys[0])), ...entry.subTables.map((t) => segName(t.key.keys[entry.path.length]))].filter((k) => keep.has(k)));
  const pieces: string[] = [];
  const written = new Set<string>();
  const write = (key: string, value: unknown): boolean => {
    const v = tomlValue(value);
    if (v === null) return false;
    pieces.push(`${tomlKey(key)} = ${v}`);
    written.add(key);
    return true;
  };
  for (const kv of entry.body) {
    const key = segName(kv.key.keys[0]);
    if (keep.has(key)) pieces.push(text.slice(kv.range[0], entry.inline ? kv.range[1] : lineEnd(text, kv.range[1])));
    else if (kv.key.keys.length === 1 && !written.has(key) && Object.prototype.hasOwnProperty.call(form, key) && !write(key, form[key])) return null;
  }
  for (const [key, value] of Object.entries(form)) if (!written.has(key) && !keptPresent.has(key) && !write(key, value)) return null;
  if (entry.inline) return [{ offset: entry.inline.range[0], length: entry.inline.range[1] - entry.inline.range[0], content: `{ ${pieces.join(', ')} }` }];

  const table = entry.table!;
  const edits: TextEdit[] = [];
  const body = entry.body;
  if (body.length) {
    const start = body[0].range[0];
    const indent = text.slice(lineStart(text, start), start);
    if (indent.trim()) return null;
    edits.push({ offset: start, length: lineEnd(text, body[body.length - 1].range[1]) - start, content: pieces.join(eol + indent) });
  } else {
    edits.push({ offset: lineEnd(text, table.key.range[1]), length: 0, content: eol + pieces.join(eol) });
  }
  for (const sub of entry.subTables) {
    if (!keep.has(segName(sub.key.keys[entry.path.length]))) edits.push(removeBlock(text, lineStart(text, sub.range[0]), lineEnd(text, sub.range[1])));
  }
  return edits;
}

/** Sets `key = value` on a server entry: replaces the value if the key is there, else adds it after the last key. */
export function tomlSetProperty(text: string, keyOffset: number, key: string, value: unknown, eol: string): TextEdit[] | null {
  const entry = locate(text, keyOffset);
  const v = tomlValue(value);
  if (!entry || v === null) return null;
  const existing = [...entry.body].reverse().find((kv) => kv.key.keys.length === 1 && segName(kv.key.keys[0]) === key);
  if (existing) return [{ offset: existing.value.range[0], length: existing.value.range[1] - existing.value.range[0], content: v }];
  const prop = `${tomlKey(key)} = ${v}`;
  const last = entry.body[entry.body.length - 1];
  if (entry.inline) {
    if (!last) return [{ offset: entry.inline.range[0], length: entry.inline.range[1] - entry.inline.range[0], content: `{ ${prop} }` }];
    return [{ offset: last.range[1], length: 0, content: `, ${prop}` }];
  }
  if (!last) return [{ offset: lineEnd(text, entry.table!.key.range[1]), length: 0, content: eol + prop }];
  const start = entry.body[0].range[0];
  const indent = text.slice(lineStart(text, start), start);
  if (indent.trim()) return null;
  return [{ offset: lineEnd(text, last.range[1]), length: 0, content: eol + indent + prop }];
}

/** Removes a server entry: its header table with every sub-table, or the line of its inline table. */
export function tomlRemoveEntry(text: string, keyOffset: number): TextEdit[] | null {
  const entry = locate(text, keyOffset);
  if (!entry) return null;
  if (entry.table) {
    return [entry.table, ...entry.subTables].map((t) => removeBlock(text, lineStart(text, t.range[0]), lineEnd(text, t.range[1])));
  }
  const kv = entry.kv!;
  // only a key/value on its own line (a table's or the document's); one nested in another inline table is left alone
  if (kv.parent.type === 'TOMLInlineTable') return null;
  const ls = lineStart(text, kv.range[0]);
  if (text.slice(ls, kv.range[0]).trim()) return null;
  return [removeBlock(text, ls, lineEnd(text, kv.range[1]))];
}

/** Replaces one string value (an argument) in place: a literal string stays literal when it can. */
export function tomlReplaceString(text: string, node: Node, value: string): TextEdit | null {
  if (node.type !== 'string') return null;
  const literal = text.charAt(node.offset) === "'" && !text.startsWith("'''", node.offset) && !/['\x00-\x08\x0a-\x1f\x7f]/.test(value);
  return { offset: node.offset, length: node.length, content: literal ? `'${value}'` : tomlString(value) };
}

/** A TOML value on one line; null for what TOML cannot hold (null, undefined). */
export function tomlValue(value: unknown): string | null {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value);
  if (Array.isArray(value)) {
    const items = value.map(tomlValue);
    return items.some((i) => i === null) ? null : `[${items.join(', ')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, tomlValue(v)] as const);
    if (entries.some(([, v]) => v === null)) return null;
    return entries.length ? `{ ${entries.map(([k, v]) => `${tomlKey(k)} = ${v}`).join(', ')} }` : '{}';
  }
  return null;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** A TOML basic string: backslash, quote and every control character escaped. */
export function tomlString(s: string): string {
  return `"${s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

function segName(seg: AST.TOMLBare | AST.TOMLQuoted | undefined): string {
  if (!seg) return '';
  return seg.type === 'TOMLBare' ? seg.name : seg.value;
}

/**
 * The entry whose key (the last segment of its header, or of `name = { … }`) starts at `keyOffset`, as the TOML
 * parser sees it. Null when the text does not parse or the entry is written in another way.
 */
function locate(text: string, keyOffset: number): TomlEntry | null {
  let program: AST.TOMLProgram;
  try {
    program = formats().parseTOML(text);
  } catch {
    return null;
  }
  const top = program.body[0];
  if (!top) return null;
  const tables = top.body.filter((n): n is AST.TOMLTable => n.type === 'TOMLTable');
  const main = tables.find((t) => t.kind === 'standard' && t.key.keys[t.key.keys.length - 1]?.range[0] === keyOffset);
  if (main) {
    const path = main.key.keys.map(segName);
    const subTables = tables.filter((t) => t !== main && t.key.keys.length > path.length && path.every((n, i) => segName(t.key.keys[i]) === n));
    return { table: main, subTables, path, body: main.body };
  }
  const search = (kvs: AST.TOMLKeyValue[]): TomlEntry | null => {
    for (const kv of kvs) {
      if (kv.value.type !== 'TOMLInlineTable') continue;
      if (kv.key.keys[kv.key.keys.length - 1]?.range[0] === keyOffset) return { kv, inline: kv.value, subTables: [], path: kv.key.keys.map(segName), body: kv.value.body };
      const nested = search(kv.value.body);
      if (nested) return nested;
    }
    return null;
  };
  for (const node of top.body) {
    const found = search(node.type === 'TOMLTable' ? node.body : [node]);
    if (found) return found;
  }
  return null;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text.charAt(nl - 1) === '\r' ? nl - 1 : nl;
}

function breakAt(text: string, end: number): number {
  if (text.startsWith('\r\n', end)) return 2;
  return text.charAt(end) === '\n' ? 1 : 0;
}

/**
 * Removes whole lines from `start` (a line start) to `end` (a line end). When a blank line precedes them and another
 * (or the end of the text) follows, the preceding blank line goes too, so tables stay separated by one blank line; at
 * the top of the text, the blank line that follows goes.
 */
function removeBlock(text: string, start: number, end: number): TextEdit {
  const after = breakAt(text, end);
  const prevStart = start > 0 ? lineStart(text, start - 1) : -1;
  const prevBlank = prevStart >= 0 && text.slice(prevStart, start).trim() === '';
  const next = end + after;
  const nextBlank = next >= text.length || text.slice(next, lineEnd(text, next)).trim() === '';
  if (prevBlank && nextBlank) return { offset: prevStart, length: next - prevStart, content: '' };
  // at the top of the file, a blank line after the block goes with it
  if (start === 0 && next < text.length && nextBlank) return { offset: 0, length: lineEnd(text, next) + breakAt(text, lineEnd(text, next)), content: '' };
  if (after || start === 0) return { offset: start, length: next - start, content: '' };
  // the last line of a text without a final line break: the preceding line break goes instead
  const before = text.slice(0, start).endsWith('\r\n') ? 2 : 1;
  return { offset: start - before, length: end - start + before, content: '' };
}
