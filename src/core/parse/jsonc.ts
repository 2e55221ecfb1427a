// JSONC parsing with source ranges (jsonc-parser), tolerant of comments and trailing commas.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text';
import { locateError, type ParsedDocument } from './document';
import { elideDeepNesting, restoreElided } from './nesting';

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

export function parseJsonc(text: string, format: 'jsonc' | 'json' = 'jsonc'): ParsedDocument {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  let root: Node | undefined;
  const nesting = elideDeepNesting(text, 'json');
  try {
    root = parseTree(nesting.text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // The parser recurses per nesting level; the elision above keeps it shallow, this is the last line of defence.
    const reason = e instanceof RangeError ? 'nesting too deep to parse' : String(e);
    return { format, text, root: undefined, lines, error: locateError(lines, reason, 0, 0) };
  }
  restoreElided(root, nesting.elided);
  const first = errors[0];
  const code = first ? printParseErrorCode(first.error) : '';
  let error = first ? locateError(lines, MESSAGES[code] ?? code, first.offset, first.length) : null;
  if (!error && nesting.tooDeep !== null) error = locateError(lines, 'nesting too deep to parse', nesting.tooDeep, 1);
  return { format, text, root, lines, error };
}
