// Tool fingerprints: sha256 (hex) of the canonical JSON of `{ name, description, inputSchema }`. Canonical = object
// keys sorted by UTF-16 code units, no whitespace, numbers and strings as JSON.stringify writes them: the RFC 8785
// (JCS) form for the JSON a server can send. A missing description counts as "" and a missing inputSchema as null,
// so re-ordering keys or re-indenting a schema never changes a pin; any change of wording does.
import { createHash } from 'node:crypto';

export interface ToolIdentity {
  name: string;
  description?: string;
  inputSchema?: unknown;
}

export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  // server data is external input: a pathological nesting depth is cut instead of overflowing the stack
  if (depth > 200) return 'null';
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : write(v, depth + 1))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k], depth + 1)}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}

export function toolFingerprint(tool: ToolIdentity): string {
  const canonical = canonicalJson({ name: tool.name, description: tool.description ?? '', inputSchema: tool.inputSchema ?? null });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
