// Values in a config file that must never be printed: everything under env/header tables (whatever their name) and
// anything that looks like a token. Used to mask diffs and before/after snapshots of entries.
import type { Node } from 'jsonc-parser';
import { isReference, isSecretName, maskText, maskValue } from '../secrets';

const SECRET_TABLES = /^(env|environment|envs|headers|http_headers|env_http_headers|requestOptions)$/i;

/**
 * String nodes whose whole value is secret: everything under env/header tables anywhere in the tree (whatever their
 * name) and, with `byName`, values of credential-named keys (`apiKey`, `bearer_token`). References excluded.
 */
export function secretNodes(root: Node | undefined, byName = false): Node[] {
  const out: Node[] = [];
  const walk = (node: Node | undefined, underSecrets: boolean, key: string | null) => {
    if (!node) return;
    if (node.type === 'string' && typeof node.value === 'string' && !isReference(node.value) && (underSecrets || (byName && key !== null && isSecretName(key)))) out.push(node);
    if (node.type === 'property') {
      const [k, v] = node.children ?? [];
      const name = typeof k?.value === 'string' ? k.value : null;
      walk(v, underSecrets || (name !== null && SECRET_TABLES.test(name)), name);
      return;
    }
    for (const c of node.children ?? []) walk(c, underSecrets, null);
  };
  walk(root, false, null);
  return out;
}

/** String values under env/header tables anywhere in the tree (references such as `${env:X}` excluded). */
export function secretValues(root: Node | undefined): string[] {
  const out = new Set(secretNodes(root).map((n) => n.value as string).filter((v) => v.length >= 4));
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
