// Secret detection and masking. Whatever the tool prints (table, JSON, editor messages, logs) goes through
// `maskText` / `maskUrl` / `maskArgs`, so a token written into a config never leaves it in full.

/**
 * Well-known token formats, with the name a finding gives each. Each must be specific enough not to hit ordinary words
 * or paths. Order matters where formats overlap: the more specific one comes first (`sk-ant-` before `sk-`).
 */
export const TOKEN_FORMATS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g }, // classic tokens
  { kind: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'AWS access key ID', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'Stripe key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/g },
  { kind: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
];

const TOKEN_PATTERNS: RegExp[] = TOKEN_FORMATS.map((f) => f.pattern);

/** Every format above starts with one of these: text without any of them cannot hold a known token (fast path). */
const TOKEN_HINT = /gh[pousr]_|github_pat_|glpat-|AKIA|ASIA|xox[abposr]-|sk-|[rs]k_(?:live|test)_|AIza|eyJ|npm_|hf_|-----BEGIN/;

/** Every well-known token in a piece of text, left to right, without overlaps (the first format listed wins). */
export function findTokens(text: string): { kind: string; value: string; index: number }[] {
  if (!TOKEN_HINT.test(text)) return [];
  const all: { kind: string; value: string; index: number; order: number }[] = [];
  TOKEN_FORMATS.forEach(({ kind, pattern }, order) => {
    for (const m of text.matchAll(pattern)) all.push({ kind, value: m[0], index: m.index ?? 0, order });
  });
  all.sort((a, b) => a.index - b.index || a.order - b.order);
  const out: { kind: string; value: string; index: number }[] = [];
  let end = -1;
  for (const t of all) {
    if (t.index < end) continue;
    out.push({ kind: t.kind, value: t.value, index: t.index });
    end = t.index + t.value.length;
  }
  return out;
}

/** Names of parameters, flags and variables whose values are credentials. */
const SECRET_NAME = /(?:^|[_.-])(?:token|secret|password|passwd|pwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|authorization|credentials?|client[_-]?secret|session|sig|signature|key)$/i;

const KEEP = 6;

/** Shows at most the first 6 characters of a secret. */
export function maskValue(value: string): string {
  const shown = value.length > 12 ? value.slice(0, KEEP) : value.slice(0, Math.min(2, value.length));
  return `${shown}****`;
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.replace(/^-+/, ''));
}

/** Is the value a reference (`${env:X}`, `${input:X}`, `${X}`, `{env:X}`, `$X`) rather than a literal? */
export function isReference(value: string): boolean {
  return /^\$\{[^}]+\}$|^\{env:[^}]+\}$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\{\{[^}]+\}\}$/.test(value.trim());
}

/** How a detected secret is hidden: masked for display, or removed entirely for anything that leaves the machine. */
export type Hide = (secret: string) => string;

export const REDACTED = '[redacted]';
const redact: Hide = () => REDACTED;

/** Masks every well-known token format inside a piece of text. */
export function maskText(text: string, hide: Hide = maskValue): string {
  let out = text;
  if (TOKEN_HINT.test(out)) for (const re of TOKEN_PATTERNS) out = out.replace(re, (m) => hide(m));
  // "Bearer <token>" / "token <token>" in header-like text
  out = out.replace(/\b(Bearer|Basic|token)\s+([A-Za-z0-9._~+/=-]{8,})/g, (m, scheme: string, tok: string) =>
    tok.includes('****') || tok === REDACTED || isReference(tok) ? m : `${scheme} ${hide(tok)}`,
  );
  return out;
}

/** Masks userinfo passwords and credential-like query values of a URL, plus token formats anywhere in it. */
export function maskUrl(url: string, hide: Hide = maskValue): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/i, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    if (colon < 0) return isReference(userinfo) ? `${scheme}${userinfo}@` : `${scheme}${hide(userinfo)}@`;
    const pass = userinfo.slice(colon + 1);
    return `${scheme}${userinfo.slice(0, colon)}:${isReference(pass) ? pass : hide(pass)}@`;
  });
  out = out.replace(/([?&#;])([^=&#\s]+)=([^&#\s]*)/g, (m, sep: string, name: string, value: string) => {
    if (!value || isReference(decodeSafe(value))) return m;
    return isSecretName(decodeSafe(name)) || looksRandom(value) ? `${sep}${name}=${hide(value)}` : m;
  });
  return maskText(out, hide);
}

/** Removes (not masks) secrets from a URL, for anything that leaves the machine. */
export function redactUrl(url: string): string {
  return maskUrl(url, redact);
}

/** Removes (not masks) secrets from arguments, for anything that leaves the machine. */
export function redactArgs(args: readonly string[]): string[] {
  return maskArgs(args, redact);
}

/** Removes secrets from free text (e.g. a justification someone pasted a token into). */
export function redactText(text: string): string {
  return maskText(text, redact);
}

/** Masks secrets in an argument list: token formats, `--api-key=X`, `--token X`, `KEY=value` pairs and URLs. */
export function maskArgs(args: readonly string[], hide: Hide = maskValue): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const prev = args[i - 1];
    if (prev !== undefined && /^--?[A-Za-z]/.test(prev) && !prev.includes('=') && isSecretName(prev) && !isReference(a) && !a.startsWith('-')) {
      out.push(hide(a));
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(a)) {
      const name = a.slice(0, eq);
      const value = a.slice(eq + 1);
      if (value && isSecretName(name) && !isReference(value)) {
        out.push(`${name}=${hide(value)}`);
        continue;
      }
    }
    out.push(/^[a-z][a-z0-9+.-]*:\/\//i.test(a) ? maskUrl(a, hide) : maskText(a, hide));
  }
  return out;
}

/** Long strings mixing letters and digits with no structure: likely a key even under an innocent name. */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /[./\\]/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(value)).length;
  return classes >= 3 && shannonBits(value) >= 4;
}

export function shannonBits(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
