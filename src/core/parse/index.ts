// One entry point for every config format.
import type { ConfigFormat } from '../model';
import type { ParsedDocument } from './document';
import { parseJsonc } from './jsonc';
import { parseToml } from './toml';
import { parseYaml } from './yaml';

export function parseDocument(text: string, format: ConfigFormat): ParsedDocument {
  switch (format) {
    case 'json':
    case 'jsonc':
      return parseJsonc(text, format);
    case 'yaml':
      return parseYaml(text);
    case 'toml':
      return parseToml(text);
  }
}

export type { ParsedDocument, LocatedError, TreeNode } from './document';
export { valueAt, property, plainValue } from './document';
