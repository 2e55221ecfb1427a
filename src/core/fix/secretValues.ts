// Values in a config file that must never be printed: everything under env/header tables (whatever their name) and
// anything that looks like a token. Used to mask diffs and before/after snapshots of entries.
import type { Node } from 'jsonc-parser';
import { isReference, maskText, maskValue } from '../secrets';

const SECRET_TABLES = /^(env|environment|envs|headers|http_headers|env_http_headers|requestOptions)$/i;

/** String values under env/header tables anywhere in the tree (references such as `${env:X}` excluded). */
export function secretValues(root: Node | undefined): string[] {
  const out = new Set<string>();
  const walk = (node: Node | undefined, underSecrets: boolean) => {
    if (!node) return;
    if (node.type === 'string' && underSecrets && typeof node.value === 'string' && node.value.length >= 4 && !isReference(node.value)) out.add(node.value);
    if (node.type === 'property') {
      const [k, v] = node.children ?? [];
      walk(v, underSecrets || (typeof k?.value === 'string' && SECRET_TABLES.test(k.value)));
      return;
    }
    for (const c of node.children ?? []) walk(c, underSecrets);
  };
  walk(root, false);
  // longest first, so a value that contains another is masked whole
  return [...out].sort((a, b) => b.length - a.length);
}

/** Text with every known secret value (and every well-known token format) masked. */
export function maskSecretsIn(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) {
    out = out.split(v).join(maskValue(v));
    // JSON files hold escaped forms of values with quotes or backslashes
    const escaped = JSON.stringify(v).slice(1, -1);
    if (escaped !== v) out = out.split(escaped).join(maskValue(v));
  }
  return maskText(out);
}
