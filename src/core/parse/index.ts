// One entry point for every config format.
import type { ConfigFormat } from '../model';
import type { ParsedDocument } from './document';
import { parseJsonc } from './jsonc';
import { formats } from './lazyFormats';

export function parseDocument(text: string, format: ConfigFormat): ParsedDocument {
  switch (format) {
    case 'json':
    case 'jsonc':
      return parseJsonc(text, format);
    case 'yaml':
      return formats().parseYaml(text);
    case 'toml':
      return formats().parseToml(text);
  }
}

export type { ParsedDocument, LocatedError, TreeNode } from './document';
export { valueAt, property, plainValue } from './document';
