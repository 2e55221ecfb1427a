// Deep bracket nesting, handled before any parser sees it. jsonc-parser, toml-eslint-parser and `yaml` recurse once
// per `[`/`{` level, so a few thousand levels overflow the stack (JSON objects at ~3,500 in plain Node, fewer inside
// an extension host). A cheap scan that knows each format's strings and comments finds every collection opened
// deeper than KEEP_DEPTH and blanks it to a same-length scalar (`0` and spaces), so offsets and lines stay where they
// were; after parsing, `restoreElided` turns that scalar back into an empty collection spanning the original text.
// Such files parse; nothing a client reads nests that deep. Past MAX_NESTING the text is reported as too deep to
// parse, at the bracket that went past it (the rest of the file is still read).
import type { TreeNode } from './document';

/** Collections opened deeper than this are kept as empty collections (well under every parser's stack limit). */
export const KEEP_DEPTH = 500;
/** Deeper than this is an error: no real config comes close, and such text is an attack or a broken generator. */
export const MAX_NESTING = 10_000;

export type NestingSyntax = 'json' | 'toml' | 'yaml';

export interface ElidedSpan {
  start: number;
  end: number;
  type: 'array' | 'object';
}

export interface NestingScan {
  /** the text the parser gets: unchanged unless something was elided */
  text: string;
  elided: ElidedSpan[];
  /** offset of the first bracket deeper than MAX_NESTING */
  tooDeep: number | null;
}

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {
const CLOSE_ARRAY = 0x5d; // ]
const CLOSE_OBJECT = 0x7d; // }
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const HASH = 0x23;
const SLASH = 0x2f;
const LF = 0x0a;

export function elideDeepNesting(text: string, syntax: NestingSyntax): NestingScan {
  const elided: ElidedSpan[] = [];
  let tooDeep: number | null = null;
  let depth = 0;
  let open: ElidedSpan | null = null;
  // one tight loop over char codes: this runs on every config read, some of them tens of megabytes
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (syntax === 'yaml' && depth === 0 && !startsYamlFlow(text, i)) continue;
      depth++;
      if (depth > KEEP_DEPTH && !open) open = { start: i, end: text.length, type: c === OPEN_ARRAY ? 'array' : 'object' };
      if (depth > MAX_NESTING && tooDeep === null) tooDeep = i;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (depth === 0) continue;
      depth--;
      if (open && depth === KEEP_DEPTH) {
        open.end = i + 1;
        elided.push(open);
        open = null;
      }
    } else if (c === DQUOTE || c === SQUOTE || c === HASH || c === SLASH) {
      i = skipToken(text, i, c, syntax) - 1;
    }
  }
  if (open) elided.push(open); // never closed: blanked to the end, where the parser reports what is missing
  if (!elided.length) return { text, elided, tooDeep };
  let out = '';
  let last = 0;
  for (const { start, end } of elided) {
    out += text.slice(last, start) + '0' + ' '.repeat(end - start - 1);
    last = end;
  }
  return { text: out + text.slice(last), elided, tooDeep };
}

/** Turns each placeholder scalar back into an empty collection with its original range. */
export function restoreElided(root: TreeNode | undefined, elided: readonly ElidedSpan[]): void {
  if (!root || !elided.length) return;
  const byStart = new Map(elided.map((s) => [s.start, s]));
  // an explicit stack: the tree is at most KEEP_DEPTH deep here, but walking it needs no recursion at all
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const node = stack.pop() as { -readonly [K in keyof TreeNode]: TreeNode[K] };
    const span = node.type === 'number' ? byStart.get(node.offset) : undefined;
    if (span) {
      node.type = span.type;
      node.length = span.end - span.start;
      node.value = undefined;
      node.children = [];
    }
    for (const child of node.children ?? []) stack.push(child);
  }
}

/** Where the string or comment starting at `i` ends (brackets inside do not count); `i + 1` if it is neither. */
function skipToken(text: string, i: number, c: number, syntax: NestingSyntax): number {
  if (syntax === 'json') {
    if (c === DQUOTE) return quoted(text, i, DQUOTE, true, true);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) return lineEnd(text, i);
    if (c === SLASH && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      return end < 0 ? text.length : end + 2;
    }
    return i + 1;
  }
  if (syntax === 'toml') {
    if (c === HASH) return lineEnd(text, i);
    if (c === SLASH) return i + 1;
    if (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
      const q = text.slice(i, i + 3);
      const end = text.indexOf(q, i + 3);
      return end < 0 ? text.length : end + 3;
    }
    return quoted(text, i, c, c === DQUOTE, true);
  }
  // YAML: a comment needs whitespace before `#`; a quote opens a scalar only where one can start, not inside a
  // plain scalar (`it's`)
  const prev = i > 0 ? text[i - 1] : '\n';
  if (c === HASH) return /\s/.test(prev) ? lineEnd(text, i) : i + 1;
  if (c === SLASH) return i + 1;
  return /[\s[{,:]/.test(prev) ? quoted(text, i, c, c === DQUOTE, false) : i + 1;
}

function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** End of a quoted string opened at `i`; `escapes`: backslash escapes; `singleLine`: a line break ends it. */
function quoted(text: string, i: number, q: number, escapes: boolean, singleLine: boolean): number {
  for (let j = i + 1; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === q) return j + 1;
    if (escapes && d === 0x5c) j++;
    else if (singleLine && d === LF) return j;
  }
  return text.length;
}

/**
 * In block YAML a bracket opens a flow collection only where a value starts (line start, after `key: `, `- `, `? `),
 * not inside a plain scalar (`echo x[1]`, `key:[1]`).
 */
function startsYamlFlow(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0 || text[j] === '\n' || text[j] === '\r') return true;
  return j < i - 1 && /[:\-?]/.test(text[j]);
}
