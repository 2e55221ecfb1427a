// The approval form's pure parts: where a request goes (the channel), how the checklist is grouped and marked for the
// form, what the form is given to show (never a secret value), and the messages the form may send back — validated
// here because the webview is never trusted.
import type { TrustInfo } from '../trust/types';
import { trustLines } from '../trust/describe';
import type { ClientId, Verdict } from '../model';
import type { Inventory } from '../inventory/schema';
import { redactUrl, decodeSafe } from '../secrets';
import * as z from '../zod';
import { FIELD_KEYS, FIELDS, type FieldKey } from './fields';
import { requiredFields, type FieldError, type RequestedServer } from './payload';
import type { RequestRecord } from './records';

// ---- channel --------------------------------------------------------------------------------------------------------

/**
 * Where a request goes. `gateway.requestMode` is explicit: `post` sends JSON to an API. Without it an http(s)
 * `requestUrl` is treated as a web page (`browser`): opening a page is harmless, while POSTing JSON to a page that
 * only renders a form would fail or, worse, be silently ignored. A `mailto:` address is always an email.
 */
export type RequestChannel = { kind: 'post'; url: string } | { kind: 'browser'; url: string } | { kind: 'mailto'; url: string } | { kind: 'none' };

export function requestChannel(inventory: Inventory | null): RequestChannel {
  const url = inventory?.gateway?.requestUrl?.trim();
  if (!url) return { kind: 'none' };
  if (/^mailto:/i.test(url)) return { kind: 'mailto', url };
  if (!/^https?:\/\//i.test(url)) return { kind: 'none' };
  return { kind: inventory?.gateway?.requestMode === 'post' ? 'post' : 'browser', url };
}

/** What the user is shown as the destination: the address of a mailto:, a URL without credentials otherwise. */
export function channelTarget(channel: RequestChannel): string {
  if (channel.kind === 'none') return '';
  if (channel.kind === 'mailto') return decodeSafe(channel.url.replace(/^mailto:/i, '').split('?')[0]);
  return redactUrl(channel.url);
}

// ---- form layout ----------------------------------------------------------------------------------------------------

export interface FormField {
  key: FieldKey;
  label: string;
  help: string;
  required: boolean;
  multiline: boolean;
  /** a closed list: radio buttons in the form */
  choices: { value: string; label: string }[] | null;
  /** the input type of single-line fields */
  inputType: 'text' | 'email' | 'url';
  /** the HTML autocomplete token, so the browser part of the form knows what a field is */
  autocomplete: string;
}

export interface FormSection {
  id: string;
  title: string;
  fields: FormField[];
}

/** The checklist in groups (each a fieldset with a legend in the form); every field of FIELDS is in exactly one. */
export const SECTIONS: readonly { id: string; title: string; keys: readonly FieldKey[] }[] = [
  { id: 'you', title: 'About you', keys: ['requester', 'email', 'team'] },
  { id: 'what', title: 'What it is', keys: ['description', 'vendor', 'homepage', 'expectedTools'] },
  { id: 'access', title: 'Data and access', keys: ['dataAccess', 'dataClassification', 'writeAccess', 'scopes', 'authMethod'] },
  { id: 'why', title: 'Why you need it', keys: ['justification', 'expectedValue', 'alternatives', 'urgency'] },
];

const INPUT_TYPE: Partial<Record<FieldKey, FormField['inputType']>> = { email: 'email', homepage: 'url' };
const AUTOCOMPLETE: Partial<Record<FieldKey, string>> = { requester: 'name', email: 'email' };

export function formSections(inventory: Inventory | null): FormSection[] {
  const required = new Set(requiredFields(inventory));
  return SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    fields: s.keys.map((key) => {
      const f = FIELDS.find((x) => x.key === key)!;
      return {
        key,
        label: f.label,
        help: f.help,
        required: required.has(key),
        multiline: f.multiline ?? false,
        choices: f.choices ? f.choices.map((c) => ({ ...c })) : null,
        inputType: INPUT_TYPE[key] ?? 'text',
        autocomplete: AUTOCOMPLETE[key] ?? 'off',
      };
    }),
  }));
}

// ---- what the form shows ---------------------------------------------------------------------------------------------

const CLIENT_LABELS: Record<ClientId, string> = {
  vscode: 'VS Code',
  cursor: 'Cursor',
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  'copilot-cli': 'Copilot CLI',
  windsurf: 'Windsurf',
  cline: 'Cline',
  roo: 'Roo Code',
  continue: 'Continue',
  zed: 'Zed',
  gemini: 'Gemini CLI',
  codex: 'Codex',
  amazonq: 'Amazon Q',
  kiro: 'Kiro',
  opencode: 'OpenCode',
  lmstudio: 'LM Studio',
  goose: 'Goose',
  junie: 'Junie',
};

export function clientLabel(client: ClientId): string {
  return CLIENT_LABELS[client] ?? client;
}

/** The inventory's word on a server, for the form and the picker. */
export function verdictLabel(verdict: Verdict, inventoryId: string | null): string {
  switch (verdict) {
    case 'approved':
      return 'approved';
    case 'pending':
      return 'pending approval';
    case 'rejected':
      return 'rejected';
    case 'deprecated':
      return 'deprecated';
    default:
      return inventoryId ? 'this version is not approved' : 'not in the inventory (shadow MCP)';
  }
}

export interface ChannelView {
  kind: RequestChannel['kind'];
  /** where it goes, without credentials */
  target: string;
}

export interface PreviousRequest {
  id: string | null;
  submittedAt: string;
  channel: RequestRecord['channel'];
}

/**
 * Everything the form is given. It is built from the redacted server block (`requestedServer`), the user's answers
 * and the inventory's form settings only: no env or header value, no raw argument, no URL credential.
 */
export interface ViewState {
  isNew: boolean;
  server: RequestedServer;
  /** "not in the inventory (shadow MCP)", "pending approval", …; empty for a server not detected */
  status: string;
  /** the client's display name, empty for a server not detected */
  client: string;
  organization: string | null;
  sections: FormSection[];
  answers: Partial<Record<FieldKey, string>>;
  channel: ChannelView;
  /** a draft was restored: when it was saved (ISO time) */
  draftSavedAt: string | null;
  previous: PreviousRequest | null;
  /** the form's own texts in the editor's display language, keyed by their English (absent: English) */
  strings?: Record<string, string>;
  /** read-only "Source and history" lines (registry facts); null when trust signals are off or do not apply */
  sourceAndHistory: [string, string][] | null;
}

export interface ViewInput {
  server: RequestedServer;
  isNew: boolean;
  verdict: Verdict | null;
  inventory: Inventory | null;
  answers: Partial<Record<FieldKey, string>>;
  draftSavedAt: string | null;
  previous: RequestRecord | null;
  /** the registry facts, 'pending' while they are looked up, null when there are none to show */
  trust?: TrustInfo | 'pending' | null;
}

export function viewState(input: ViewInput): ViewState {
  const channel = requestChannel(input.inventory);
  return {
    isNew: input.isNew,
    server: input.server,
    status: input.verdict && !input.isNew ? verdictLabel(input.verdict, input.server.inventoryMatch?.id ?? null) : '',
    client: input.server.foundIn ? clientLabel(input.server.foundIn.client) : '',
    organization: input.inventory?.organization ?? null,
    sections: formSections(input.inventory),
    answers: { ...input.answers },
    channel: { kind: channel.kind, target: channelTarget(channel) },
    draftSavedAt: input.draftSavedAt,
    previous: input.previous ? { id: input.previous.id, submittedAt: input.previous.submittedAt, channel: input.previous.channel } : null,
    sourceAndHistory: input.trust === 'pending' ? [['Registry facts', 'looking them up…']] : input.trust ? trustLines(input.trust) : null,
  };
}

// ---- messages -------------------------------------------------------------------------------------------------------

/** Generous caps: enough for any honest answer, small enough that a runaway webview cannot bloat state or payloads. */
export const MAX_ANSWER_CHARS = 20_000;
export const MAX_NAME_CHARS = 200;

const answer = z.string().check(z.maxLength(MAX_ANSWER_CHARS));
const Answers = z.partialRecord(z.enum(FIELD_KEYS), answer);
const Name = z.optional(z.string().check(z.maxLength(MAX_NAME_CHARS)));

const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** every edit: the whole form's current values */
  z.strictObject({ type: z.literal('change'), name: Name, answers: Answers }),
  /** Send (or Retry): validate, then use the channel */
  z.strictObject({ type: z.literal('submit'), name: Name, answers: Answers }),
  z.strictObject({ type: z.literal('copyMarkdown'), name: Name, answers: Answers }),
  z.strictObject({ type: z.literal('discardDraft') }),
  z.strictObject({ type: z.literal('close') }),
]);

export type WebviewMessage = z.output<typeof WebviewMessageSchema>;

/** A message from the form, or why it was refused (unknown type, unknown field, oversized value, extra keys). */
export function parseWebviewMessage(data: unknown): { ok: true; message: WebviewMessage } | { ok: false; error: string } {
  const r = WebviewMessageSchema.safeParse(data);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  return { ok: false, error: `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid message'}` };
}

/** Status lines the host shows in the form. `retry` adds a Retry button; `done` means the request has gone. */
export interface FormStatus {
  kind: 'busy' | 'success' | 'error' | 'info';
  text: string;
  retry?: boolean;
  done?: boolean;
}

export type HostMessage =
  | { type: 'init'; state: ViewState; errors: FieldError[]; status: FormStatus | null }
  /** the server, inventory or channel changed while the form was open: the form keeps what was typed */
  | { type: 'context'; state: Omit<ViewState, 'answers'> }
  /** `focus`: after Send, the form moves the focus to the first field in error (not while the user types) */
  | { type: 'errors'; errors: FieldError[]; focus: boolean }
  | { type: 'status'; status: FormStatus | null };
