// One entry point for every config format.
import type { ConfigFormat } from '../model';
import type { ParsedDocument } from './document';
import { parseJsonc } from './jsonc';

export function parseDocument(text: string, format: ConfigFormat): ParsedDocument {
  switch (format) {
    case 'json':
    case 'jsonc':
      return parseJsonc(text, format);
    default:
      throw new Error(`no parser for ${format} files yet`);
  }
}

export type { ParsedDocument, LocatedError, TreeNode } from './document';
export { valueAt, property, plainValue } from './document';
