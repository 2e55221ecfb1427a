// Approval requests: what is prefilled from a detected server, what the user answers, and the JSON that leaves the
// machine (payload schemaVersion 1). Env and header values, URL userinfo, token-like query values and key-like
// arguments are removed before anything is built; only names and redacted command lines go out.
import type { CheckedServer, ClientId, PackageRef, Scope, Transport, Verdict } from '../model';
import type { Inventory } from '../inventory/schema';
import { redactArgs, redactText, redactUrl } from '../secrets';
import { DEFAULT_REQUIRED, FIELDS, isFieldKey, type FieldKey } from './fields';
import type { TrustInfo } from '../trust/types';
import { trustLines } from '../trust/describe';

export const PAYLOAD_KIND = 'mcp-approval-request';

/** What reviewers learn about the server: everything needed to judge it, no secret values. */
export interface RequestedServer {
  name: string;
  transport: Transport | null;
  command: string | null;
  args: string[];
  url: string | null;
  package: PackageRef | null;
  envNames: string[];
  headerNames: string[];
  foundIn: { client: ClientId; file: string; scope: Scope } | null;
  inventoryMatch: { id: string; status: string; verdict: Verdict } | null;
}

export interface RequestPayload {
  schemaVersion: 1;
  kind: typeof PAYLOAD_KIND;
  createdAt: string;
  organization: string | null;
  server: RequestedServer;
  answers: Partial<Record<FieldKey, string>>;
  extra: Record<string, string>;
  tool: { name: 'mcp-gatekeeper'; version: string };
  /** registry facts about the package ("Source and history"), when trust signals are on and the lookup answered */
  trust?: TrustInfo;
}

export interface Draft {
  server: RequestedServer;
  answers: Partial<Record<FieldKey, string>>;
  extra: Record<string, string>;
  /** read-only: looked up, never typed in */
  trust?: TrustInfo;
}

/** The server part of a request, from a detected entry (or an empty one for "a server I don't have yet"). */
export function requestedServer(server: CheckedServer | null, name = ''): RequestedServer {
  if (!server) return { name, transport: null, command: null, args: [], url: null, package: null, envNames: [], headerNames: [], foundIn: null, inventoryMatch: null };
  return {
    name: redactText(server.name),
    transport: server.transport,
    command: server.command === null ? null : redactText(server.command),
    args: redactArgs(server.args),
    url: server.url === null ? null : redactUrl(server.url),
    package: server.package,
    envNames: [...server.envNames],
    headerNames: [...server.headerNames],
    foundIn: { client: server.client, file: server.file, scope: server.scope },
    inventoryMatch: server.inventoryId ? { id: server.inventoryId, status: server.verdict === 'unknown' ? 'version-not-approved' : server.verdict, verdict: server.verdict } : null,
  };
}

export function newDraft(server: CheckedServer | null, identity: { name?: string; email?: string } = {}): Draft {
  const answers: Draft['answers'] = {};
  if (identity.name) answers.requester = identity.name;
  if (identity.email) answers.email = identity.email;
  return { server: requestedServer(server), answers, extra: {}, ...(server?.trust ? { trust: server.trust } : {}) };
}

/** Answers from `key=value` pairs or a JSON object: known keys become answers, the rest goes under `extra`. */
export function splitAnswers(input: Record<string, unknown>): Pick<Draft, 'answers' | 'extra'> {
  const answers: Draft['answers'] = {};
  const extra: Record<string, string> = {};
  for (const [key, raw] of Object.entries(input)) {
    if (raw === undefined || raw === null) continue;
    const value = Array.isArray(raw) ? raw.map(String).join(', ') : String(raw);
    if (isFieldKey(key)) answers[key] = value;
    else extra[key] = value;
  }
  return { answers, extra };
}

export function requiredFields(inventory: Inventory | null): FieldKey[] {
  const listed = inventory?.gateway?.requestForm?.required?.filter(isFieldKey);
  return listed?.length ? listed : [...DEFAULT_REQUIRED];
}

export interface FieldError {
  key: FieldKey | 'name';
  message: string;
}

/** What is missing or malformed, next to the field it concerns. */
export function validateDraft(draft: Draft, inventory: Inventory | null): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.server.name.trim()) errors.push({ key: 'name', message: 'Name the MCP server you want approved.' });
  for (const key of requiredFields(inventory)) {
    if (!draft.answers[key]?.trim()) errors.push({ key, message: `${FIELDS.find((f) => f.key === key)?.label ?? key} is required.` });
  }
  const email = draft.answers.email?.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ key: 'email', message: 'Enter an email address like name@example.com.' });
  for (const f of FIELDS) {
    const v = draft.answers[f.key]?.trim();
    if (v && f.choices && !f.choices.some((c) => c.value === v)) errors.push({ key: f.key, message: `Choose one of: ${f.choices.map((c) => c.label).join(', ')}.` });
  }
  return errors;
}

/** The JSON document sent to the organization. Free text is scrubbed of token-like strings too. */
export function buildPayload(draft: Draft, inventory: Inventory | null, version: string, now = new Date()): RequestPayload {
  const answers: Draft['answers'] = {};
  for (const [k, v] of Object.entries(draft.answers)) if (v?.trim()) answers[k as FieldKey] = redactText(v.trim());
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(draft.extra)) if (v.trim()) extra[k] = redactText(v.trim());
  return {
    schemaVersion: 1,
    kind: PAYLOAD_KIND,
    createdAt: now.toISOString(),
    organization: inventory?.organization ?? null,
    server: { ...draft.server, name: redactText(draft.server.name), args: redactArgs(draft.server.args), url: draft.server.url && redactUrl(draft.server.url) },
    answers,
    extra,
    tool: { name: 'mcp-gatekeeper', version },
    ...(draft.trust && !draft.trust.unavailable ? { trust: draft.trust } : {}),
  };
}

/** The request as Markdown, for the clipboard or an email body. */
export function toMarkdown(p: RequestPayload): string {
  const s = p.server;
  const lines = [`# MCP approval request: ${s.name}`, ''];
  if (s.url) lines.push(`- URL: ${s.url}`);
  if (s.command) lines.push(`- Command: \`${[s.command, ...s.args].join(' ')}\``);
  if (s.package) lines.push(`- Package: ${s.package.ecosystem} ${s.package.name}${s.package.version ? ` ${s.package.version}` : ''}`);
  if (s.transport) lines.push(`- Transport: ${s.transport}`);
  if (s.envNames.length) lines.push(`- Environment variables (names only): ${s.envNames.join(', ')}`);
  if (s.headerNames.length) lines.push(`- Headers (names only): ${s.headerNames.join(', ')}`);
  if (s.foundIn) lines.push(`- Found in: ${s.foundIn.client}, ${s.foundIn.scope} scope, ${s.foundIn.file}`);
  if (s.inventoryMatch) lines.push(`- Inventory: ${s.inventoryMatch.id} (${s.inventoryMatch.status})`);
  lines.push('');
  if (p.trust) lines.push('## Source and history', '', ...trustLines(p.trust, new Date(p.createdAt)).map(([k, v]) => `- ${k}: ${v}`), '');
  for (const f of FIELDS) {
    const v = p.answers[f.key];
    if (v) lines.push(`**${f.label}:** ${v}`, '');
  }
  for (const [k, v] of Object.entries(p.extra)) lines.push(`**${k}:** ${v}`, '');
  lines.push(`_Created ${p.createdAt} with MCP Gatekeeper ${p.tool.version}._`);
  return lines.join('\n');
}

/** A web form URL with the answers as query parameters (for forms that accept prefilled fields). */
export function toFormUrl(formUrl: string, p: RequestPayload): string {
  const u = new URL(formUrl);
  u.searchParams.set('mcpName', p.server.name);
  if (p.server.url) u.searchParams.set('mcpUrl', p.server.url);
  if (p.server.command) u.searchParams.set('mcpCommand', [p.server.command, ...p.server.args].join(' '));
  if (p.server.package) u.searchParams.set('mcpPackage', `${p.server.package.ecosystem}:${p.server.package.name}${p.server.package.version ? `@${p.server.package.version}` : ''}`);
  for (const [k, v] of Object.entries(p.answers)) if (v) u.searchParams.set(k, v);
  return u.toString();
}

/** A mailto: draft (bodies are kept short enough for mail clients). */
export function toMailto(address: string, p: RequestPayload): string {
  const to = address.replace(/^mailto:/i, '').split('?')[0];
  const body = toMarkdown(p).slice(0, 1800);
  return `mailto:${to}?subject=${encodeURIComponent(`MCP approval request: ${p.server.name}`)}&body=${encodeURIComponent(body)}`;
}
