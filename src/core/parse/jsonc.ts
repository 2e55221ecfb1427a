// JSONC parsing with source ranges (jsonc-parser), tolerant of comments and trailing commas.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text';
import { locateError, type ParsedDocument } from './document';

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
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // The parser recurses per nesting level; absurdly deep input ends here instead of crashing the scan.
    const reason = e instanceof RangeError ? 'nesting too deep to parse' : String(e);
    return { format, text, root: undefined, lines, error: locateError(lines, reason, 0, 0) };
  }
  const first = errors[0];
  const code = first ? printParseErrorCode(first.error) : '';
  const error = first ? locateError(lines, MESSAGES[code] ?? code, first.offset, first.length) : null;
  return { format, text, root, lines, error };
}
