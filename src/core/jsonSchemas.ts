// JSON Schemas for editors and other tools, generated from the zod schemas the loaders use, so the two never
// disagree. `node scripts/schemas.mjs --write` writes them to schemas/ (the .vsix ships them for
// `contributes.jsonValidation`); a unit test fails when the committed files drift from what this generates.
import * as z from './zod';
import { InventoryFileSchema } from './inventory/schema';
import { PolicySchema } from './policy/policy';

/** Where the committed files are published; also their `$id`. */
export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/mcp-gatekeeper/mcp-gatekeeper/main/schemas/';

export interface SchemaFile {
  /** file name under schemas/ */
  file: string;
  schema: Record<string, unknown>;
}

// Draft-07: the newest draft VS Code's JSON language service supports in full (2019-09 / 2020-12 only in part).
function generate(schema: z.ZodMiniType, file: string, title: string): SchemaFile {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-7',
    // what an author writes: fields with defaults (match) are optional
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      const pattern = caseInsensitiveRegex(zodSchema);
      if (pattern) jsonSchema.pattern = caseInsensitivePattern(pattern.source);
    },
  }) as Record<string, unknown>;
  const { $schema, description, ...rest } = generated;
  return { file, schema: { $schema, $id: SCHEMA_BASE_URL + file, title, description, ...rest } };
}

export function jsonSchemaFiles(): SchemaFile[] {
  return [
    generate(InventoryFileSchema, 'inventory.schema.json', 'MCP Gatekeeper inventory (format v1)'),
    generate(PolicySchema, 'policy.schema.json', 'MCP Gatekeeper managed policy'),
  ];
}

/** The file's text as committed: two-space JSON with a final newline. */
export function schemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The `/i` regex check of a zod string schema, if it has one (JSON Schema patterns carry no flags). */
function caseInsensitiveRegex(schema: { _zod: { def: object } }): RegExp | undefined {
  const checks = (schema._zod.def as { checks?: { _zod: { def: { format?: string; pattern?: RegExp } } }[] }).checks ?? [];
  return checks.map((c) => c._zod.def).find((d) => d.format === 'regex' && d.pattern?.flags.includes('i'))?.pattern;
}

/**
 * An ECMAScript pattern without flags that matches what `new RegExp(source, 'i')` matches: every ASCII letter becomes
 * both cases (`a` → `[aA]`, `[0-9a-f]` → `[0-9a-fA-F]`). Escapes are kept as they are (`\s`, `\/`, `\d` are not
 * letters to fold). Constructs whose letters are not literal (`\p{…}`, `\k<…>`, `(?<name>…)`) are refused: the
 * generator must fail rather than publish a pattern that means something else.
 */
export function caseInsensitivePattern(source: string): string {
  if (/\\[pPkcux]|\(\?</.test(source)) throw new Error(`cannot fold the case of /${source}/ for JSON Schema`);
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (c === '[') {
      const end = classEnd(source, i);
      out += foldClass(source.slice(i + 1, end));
      i = end;
    } else {
      out += isLetter(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
    }
  }
  return out;
}

function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > start + 1 + (source[start + 1] === '^' ? 1 : 0)) return i;
  }
  throw new Error(`unterminated character class in /${source}/`);
}

/** `[body]` with the other case of every letter and letter range added. */
function foldClass(body: string): string {
  const negated = body.startsWith('^');
  const items: string[] = [];
  const extra: string[] = [];
  for (let i = negated ? 1 : 0; i < body.length; i++) {
    const item = body[i] === '\\' ? body.slice(i, i + 2) : body[i + 1] === '-' && i + 2 < body.length ? body.slice(i, i + 3) : body[i];
    i += item.length - 1;
    items.push(item);
    const [from, to] = item.length === 3 ? [item[0], item[2]] : [item, item];
    if (item[0] !== '\\' && isLetter(from) && isLetter(to)) {
      const other = (ch: string) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase());
      extra.push(item.length === 3 ? `${other(from)}-${other(to)}` : other(from));
    }
  }
  const all = [...items, ...extra.filter((e) => !items.includes(e))];
  return `[${negated ? '^' : ''}${all.join('')}]`;
}

function isLetter(c: string): boolean {
  return /^[A-Za-z]$/.test(c);
}
