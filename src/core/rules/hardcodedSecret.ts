// hardcoded-secret: a literal credential written into a server entry (env, headers, arguments, URLs, key fields such
// as Continue's `apiKey` or Codex's `bearer_token`). Anyone who can read the file, its backups or the repository it is
// committed to can use it. Recognized: the token formats of secrets.ts (GitHub, GitLab, AWS key IDs, Slack, OpenAI,
// Anthropic, Stripe, Google, JWT, npm, Hugging Face, PEM private keys), `Bearer …` / `Basic …` header values, URL
// passwords and token query parameters, the 40-character AWS secret next to an AWS key ID, and high-entropy values
// under credential names (`*_TOKEN`, `*_KEY`, `*_SECRET`, `*PASSWORD*`, `*_PAT`, `Authorization`, `apiKey`…).
// References (`${env:X}`, `${input:X}`, `${X}`, `$X`, `{env:X}`, `${{ secrets.X }}`), placeholders (`your-api-key`,
// `<token>`) and ordinary values (`true`, numbers, paths, URLs without credentials, words) are not secrets.
// Messages show a mask of at most 6 characters (maskValue), never the value.
import type { Finding } from '../model';
import type { ParsedDocument, TreeNode } from '../parse';
import { findTokens, isReference, isSecretName, maskValue, shannonBits } from '../secrets';
import { entryFields, serverNode, type StringField } from './entryFields';
import { entries } from './nodes';
import type { ServerRule } from './types';

export type SecretPlace = 'env' | 'header' | 'arg' | 'url' | 'key';

export interface SecretHit {
  /** where the secret is written: the value node and how messages name it */
  field: StringField;
  place: SecretPlace;
  /** the env variable, header, query parameter, flag or key name the secret is given under, when there is one */
  name: string | null;
  /** the literal secret as written in the value (a part of it for `Bearer …`, URLs and `--flag=value`) */
  secret: string;
  kind: string;
}

export const hardcodedSecret: ServerRule = {
  id: 'hardcoded-secret',
  name: 'HardcodedSecret',
  shortDescription: 'Secret written into an MCP configuration',
  fullDescription:
    'A token, key or password is written as a literal in the server entry (env, headers, arguments or URL). Anyone who can read the file, its backups or the repository it is committed to can use it. Reference it from the environment or a secret input instead, and rotate it.',
  defaultSeverity: 'error',
  check({ server, entry, doc }) {
    return findSecrets(serverNode(server, entry)).map((hit) => toFinding(hit, doc));
  },
};

function toFinding(hit: SecretHit, doc: ParsedDocument): Finding {
  return {
    rule: 'hardcoded-secret',
    severity: 'error',
    message: `${hit.field.label} holds a hardcoded ${hit.kind} (${maskValue(hit.secret)}): anyone who can read this file can use it. Reference it from the environment or a secret input instead, and rotate it.`,
    range: doc.lines.rangeOf(hit.field.node.offset, hit.field.node.length),
  };
}

/** Every literal secret of a server entry, one per secret (a value can hold two, e.g. a URL password and a token). */
export function findSecrets(entry: TreeNode): SecretHit[] {
  const fields = entryFields(entry);
  const out: SecretHit[] = [];
  const add = (field: StringField, place: SecretPlace, found: Found[]) => {
    for (const f of found) {
      if (out.some((h) => h.field.node === field.node && h.secret === f.secret)) continue;
      out.push({ field, place, name: f.name, secret: f.secret, kind: f.kind });
    }
  };

  // env: an AWS secret access key is recognized by its shape when an AWS key ID sits next to it
  const awsPair = fields.env.some((e) => findTokens(e.value).some((t) => t.kind === 'AWS access key ID'));
  for (const e of fields.env) {
    const found = inValue(e.name, e.value);
    if (!found.length && awsPair && AWS_SECRET_SHAPE.test(e.value)) found.push({ secret: e.value, kind: 'AWS secret access key', name: e.name });
    add(e, 'env', found);
  }
  for (const h of fields.headers) add(h, 'header', inHeader(h.name, h.value));
  for (const u of fields.urls) add(u, 'url', inUrl(u.value));
  fields.args.forEach((a, i) => add(a, 'arg', inArgument(a.value, fields.args[i - 1]?.value)));
  for (const k of keyFields(fields.sources)) add(k, 'key', inValue(k.name, k.value));
  return out;
}

interface Found {
  secret: string;
  kind: string;
  name: string | null;
}

const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

/** `${env:X}`, `${input:X}`, `${X}`, `${X:-d}`, `${{ secrets.X }}`, `{env:X}`, `{file:…}`, `$X` anywhere in a value */
const REFERENCE_INSIDE = /\$\{\{[^}]*\}\}|\$\{[^}]+\}|\{(?:env|file):[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

function hasReference(value: string): boolean {
  return new RegExp(REFERENCE_INSIDE.source).test(value);
}

/** Token formats in a value, references blanked out first (a token can sit next to a reference). */
function tokensIn(value: string, name: string | null): Found[] {
  return findTokens(value.replace(REFERENCE_INSIDE, (m) => ' '.repeat(m.length)))
    .filter((t) => !placeholderToken(t.value))
    .map((t) => ({ secret: t.value, kind: t.kind, name }));
}

/** Documentation stand-ins written in a token's format: `ghp_xxxxxxxx…`, `sk-your-key-here…`. */
function placeholderToken(token: string): boolean {
  return shannonBits(token) < 2.5 || /x{5,}|your[-_]|[-_]here\b|\.\.\.|\*{3,}|<|>/i.test(token);
}

/** A value under a name (env variable, flag, key): token formats anywhere, URL credentials, or a credential name with a secret-looking value. */
function inValue(name: string | null, value: string): Found[] {
  const v = value.trim();
  if (!v || isReference(v)) return [];
  if (URL_START.test(v)) return inUrl(v);
  const tokens = tokensIn(v, name);
  if (tokens.length) return tokens;
  if (name && isCredentialName(name) && !hasReference(v) && secretLooking(v)) return [{ secret: v, kind: kindFromName(name, v), name }];
  return [];
}

/** `Authorization: Bearer …` / `Basic …` / `token …`, or a credential header with a literal value. */
function inHeader(name: string, value: string): Found[] {
  const v = value.trim();
  if (!v || isReference(v)) return [];
  const scheme = /^(Bearer|Basic|Token|Bot)\s+(\S.*)$/i.exec(v);
  if (scheme) {
    const credential = scheme[2].trim();
    if (isReference(credential) || hasReference(credential) || placeholder(credential) || credential.length < 8) return tokensIn(credential, name);
    const tokens = tokensIn(credential, name);
    if (tokens.length) return tokens;
    return [{ secret: credential, kind: /^basic$/i.test(scheme[1]) ? 'Basic credential' : `${scheme[1].toLowerCase()} token`, name }];
  }
  return inValue(name, v);
}

/** One argument: `--api-key=…`, `--token …` (the value after a credential flag), `KEY=value`, header arguments, URLs, token formats. */
function inArgument(arg: string, previous: string | undefined): Found[] {
  if (!arg.trim() || isReference(arg)) return [];
  // mcp-remote / supergateway: `--header "Authorization: Bearer …"`
  if (previous && /^(?:--header|-H)$/.test(previous)) {
    const h = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(arg);
    if (h) return inHeader(h[1], h[2]);
  }
  const flag = /^(--?[A-Za-z][\w.-]*)=([\s\S]*)$/.exec(arg);
  if (flag) return inValue(flag[1].replace(/^-+/, ''), flag[2]);
  const pair = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(arg);
  if (pair) return inValue(pair[1], pair[2]);
  if (previous && /^--?[A-Za-z]/.test(previous) && !previous.includes('=') && !arg.startsWith('-')) {
    const name = previous.replace(/^-+/, '');
    if (isCredentialName(name)) return inValue(name, arg);
  }
  if (URL_START.test(arg.trim())) return inUrl(arg.trim());
  return tokensIn(arg, null);
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A URL's userinfo password (or a token as the whole userinfo), credential query parameters, and token formats anywhere in it. */
function inUrl(url: string): Found[] {
  const out: Found[] = [];
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@\s]*)@/i.exec(url);
  if (userinfo) {
    const info = userinfo[1];
    const colon = info.indexOf(':');
    if (colon >= 0) {
      const password = info.slice(colon + 1);
      if (password && !isReference(decode(password)) && !hasReference(password) && !placeholder(decode(password))) out.push({ secret: password, kind: 'URL password', name: null });
    } else if (info && !hasReference(info) && (tokensIn(info, null).length || (info.length >= 16 && secretLooking(decode(info))))) {
      out.push({ secret: info, kind: tokensIn(info, null)[0]?.kind ?? 'URL credential', name: null });
    }
  }
  for (const m of url.matchAll(/[?&#;]([^=&#\s]+)=([^&#\s]*)/g)) {
    const name = decode(m[1]);
    const raw = m[2];
    const value = decode(raw);
    if (!raw || isReference(value) || hasReference(value)) continue;
    const tokens = tokensIn(value, name);
    if (tokens.length) out.push(...tokens.map((t) => ({ ...t, secret: raw.includes(t.secret) ? t.secret : raw })));
    else if (isCredentialName(name) && secretLooking(value)) out.push({ secret: raw, kind: `token in the URL query (${name})`, name });
  }
  // token formats elsewhere in the URL (the path, a fragment)
  for (const t of tokensIn(url, null)) if (!out.some((o) => o.secret.includes(t.secret) || t.secret.includes(o.secret))) out.push(t);
  return out;
}

/** String properties of the entry (and its nested objects, `oauth`, `auth`) whose names say they hold a credential. */
function keyFields(sources: TreeNode[]): (StringField & { name: string })[] {
  const out: (StringField & { name: string })[] = [];
  for (const src of sources) {
    for (const [key, node] of entries(src)) {
      if (node.type === 'string' && typeof node.value === 'string' && !STRUCTURAL_KEYS.has(key) && isCredentialName(key)) out.push({ name: key, value: node.value, node, label: key });
      if ((key === 'oauth' || key === 'auth') && node.type === 'object') {
        for (const [inner, value] of entries(node)) {
          if (value.type === 'string' && typeof value.value === 'string' && isCredentialName(inner)) out.push({ name: inner, value: value.value, node: value, label: `${key}.${inner}` });
        }
      }
    }
  }
  return out;
}

/** Keys the other field readers cover, or that name things rather than hold them. */
const STRUCTURAL_KEYS = new Set(['command', 'cmd', 'args', 'env', 'environment', 'envs', 'headers', 'http_headers', 'url', 'serverUrl', 'httpUrl', 'uri', 'type', 'name']);

/** Credential names: `*_TOKEN`, `*_KEY`, `*_SECRET`, `*PASSWORD*`, `*_PAT`, `API_KEY`, `Authorization`, `apiKey`, `clientSecret`… */
export function isCredentialName(name: string): boolean {
  const n = name.replace(/^-+/, '');
  if (NOT_CREDENTIAL.test(n)) return false;
  return (
    isSecretName(n) ||
    /passw(?:or)?d|passphrase/i.test(n) ||
    /(?:^|[_.-])pat$/i.test(n) ||
    /[a-z0-9](?:Token|Secret|Passw(?:or)?d|Key)$/.test(n)
  );
}

/** Names that look like credentials but hold an identifier, a path, a setting or another variable's name. */
const NOT_CREDENTIAL =
  /public|publishable|(?:^|[_.-])ids?$|[a-z]Ids?$|(?:key|token|secret|password)[_.-]?(?:id|path|file|dir|name|type|url|uri|endpoint|env[_-]?var|var|header|prefix|length|expiry|expires?|ttl|limit|count|max|min)$|^max[_-]?tokens$|[a-z](?:Path|File|Url|Dir)$/i;

function kindFromName(name: string, value: string): string {
  if (/aws/i.test(name) && /secret/i.test(name)) return AWS_SECRET_SHAPE.test(value) ? 'AWS secret access key' : 'AWS secret';
  if (/passw(?:or)?d|passphrase|pwd/i.test(name)) return 'password';
  if (/(?:^|[_.-])pat$/i.test(name)) return 'personal access token';
  if (/authorization/i.test(name)) return 'credential';
  if (/token/i.test(name)) return 'token';
  if (/secret/i.test(name)) return 'secret';
  if (/key/i.test(name)) return 'API key';
  return 'credential';
}

/** Text people write where a secret goes: `your-api-key`, `<token>`, `{{TOKEN}}`, `xxxxx`, `changeme`, `API_TOKEN`. */
function placeholder(value: string): boolean {
  return (
    /(?:^|[-_ ])(?:your|my)(?:[-_ ]|$)|^(?:enter|insert|replace|put|paste|add|set)(?:[-_ ]|$)|[-_ ](?:here|goes[-_ ]here)$|not[-_ ]?a[-_ ]?real|(?:^|[-_])(?:fake|dummy|example|sample)(?:[-_]|$)/i.test(value) ||
    /<[^>]*>|^\{\{.*\}\}$|^\[.*\]$|x{4,}|X{4,}|\.\.\.|\*{3,}|•{3,}/.test(value) ||
    /^(?:changeme|change[-_]?me|placeholder|example|dummy|redacted|secret|password|token|api[-_]?key|none|null|undefined|todo|tbd|test|sample|demo|default)$/i.test(value) ||
    /^[A-Z][A-Z_]*$/.test(value) // a variable name, not a value
  );
}

/** Long enough, no spaces, not a number, path, URL, word or placeholder, and with some randomness. */
function secretLooking(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || /\s/.test(v)) return false;
  if (/^(?:true|false|yes|no|on|off|null|none)$/i.test(v) || /^[-+]?[\d.:,_]+$/.test(v)) return false;
  if (/^(?:~|\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/]|%[A-Za-z_]+%)/.test(v) || URL_START.test(v)) return false;
  if (placeholder(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return classes >= 2 && shannonBits(v) >= 3;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
