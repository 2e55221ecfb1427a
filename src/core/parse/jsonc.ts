// JSONC parsing with source ranges (jsonc-parser), tolerant of comments and trailing commas.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text';
import type { Range } from '../model';

export interface LocatedError {
  message: string;
  offset: number;
  length: number;
  range: Range;
}

export interface JsoncDocument {
  text: string;
  root: Node | undefined;
  lines: LineIndex;
  /** the first syntax error, if any; the tree is still built from what could be read */
  error: LocatedError | null;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace expected',
  CloseBracketExpected: 'closing bracket expected',
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

export function parseJsonc(text: string): JsoncDocument {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // The parser recurses per nesting level; absurdly deep input ends here instead of crashing the scan.
    const reason = e instanceof RangeError ? 'nesting too deep to parse' : String(e);
    return { text, root: undefined, lines, error: locate(lines, reason, 0, 0) };
  }
  const first = errors[0];
  const error = first ? locate(lines, MESSAGES[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error), first.offset, first.length) : null;
  return { text, root, lines, error };
}

function locate(lines: LineIndex, message: string, offset: number, length: number): LocatedError {
  const range = lines.rangeOf(offset, length);
  return { message: `${message} at line ${range.start.line + 1}, column ${range.start.character + 1}`, offset, length, range };
}

/** The property node (key + value) named `key` in an object node. */
export function property(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  let found: Node | undefined;
  // Last one wins, as in JSON.parse.
  for (const p of obj.children) if (p.children?.[0]?.value === key) found = p;
  return found;
}

/** The value node at a key path of nested objects. */
export function valueAt(root: Node | undefined, path: string[]): Node | undefined {
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
