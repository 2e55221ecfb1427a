// The request form in the editor's display language. The core builds the form in English (it has no `vscode`); here
// every outgoing message is translated on its way to the webview: section titles, field labels, help and choices,
// the verdict, validation messages, and the form's own texts (sent as `strings`, keyed by their English, which
// media/request/request.js looks up with t()). English is the key and the fallback everywhere.
import * as vscode from 'vscode';
import type { FieldError } from '../../core/request/payload';
import type { HostMessage, ViewState } from '../../core/request/formState';

/** Every text media/request/request.js shows through t() (a unit test keeps this list and the script in step). */
function webviewStrings(): Record<string, string> {
  return {
    'Request approval for a new MCP server': vscode.l10n.t('Request approval for a new MCP server'),
    'Request approval: {0}': vscode.l10n.t('Request approval: {0}'),
    "Answer the checklist for {0}'s MCP reviewers. Fields marked * are required. What you type is kept as a draft as you type. {1} sends from any field.": vscode.l10n.t(
      "Answer the checklist for {0}'s MCP reviewers. Fields marked * are required. What you type is kept as a draft as you type. {1} sends from any field.",
    ),
    "Answer the checklist for your organization's MCP reviewers. Fields marked * are required. What you type is kept as a draft as you type. {0} sends from any field.": vscode.l10n.t(
      "Answer the checklist for your organization's MCP reviewers. Fields marked * are required. What you type is kept as a draft as you type. {0} sends from any field.",
    ),
    'Restored your draft from {0}.': vscode.l10n.t('Restored your draft from {0}.'),
    'Discard draft': vscode.l10n.t('Discard draft'),
    'sent to the request server': vscode.l10n.t('sent to the request server'),
    'opened in the browser': vscode.l10n.t('opened in the browser'),
    'opened as an email': vscode.l10n.t('opened as an email'),
    'copied as Markdown': vscode.l10n.t('copied as Markdown'),
    'You already asked for approval of this server on {0} (request #{1}), {2}.': vscode.l10n.t('You already asked for approval of this server on {0} (request #{1}), {2}.'),
    'You already asked for approval of this server on {0}, {1}.': vscode.l10n.t('You already asked for approval of this server on {0}, {1}.'),
    'The server': vscode.l10n.t('The server'),
    'Server name': vscode.l10n.t('Server name'),
    'The name the MCP server is known by: its product, package or repository name.': vscode.l10n.t('The name the MCP server is known by: its product, package or repository name.'),
    Name: vscode.l10n.t('Name'),
    Status: vscode.l10n.t('Status'),
    '{0} (inventory entry "{1}")': vscode.l10n.t('{0} (inventory entry "{1}")'),
    Transport: vscode.l10n.t('Transport'),
    Command: vscode.l10n.t('Command'),
    URL: vscode.l10n.t('URL'),
    Package: vscode.l10n.t('Package'),
    'Environment variables (names only)': vscode.l10n.t('Environment variables (names only)'),
    'Headers (names only)': vscode.l10n.t('Headers (names only)'),
    'Found in': vscode.l10n.t('Found in'),
    'Source and history': vscode.l10n.t('Source and history'),
    'From the package registry, so reviewers need not look it up. Read-only.': vscode.l10n.t('From the package registry, so reviewers need not look it up. Read-only.'),
    '{0}, {1} scope: {2}': vscode.l10n.t('{0}, {1} scope: {2}'),
    'What reviewers will see about it. Secret values (tokens, keys, passwords) are never included: only the names of environment variables and headers.': vscode.l10n.t(
      'What reviewers will see about it. Secret values (tokens, keys, passwords) are never included: only the names of environment variables and headers.',
    ),
    'Values that looked like secrets were removed and show as {0}.': vscode.l10n.t('Values that looked like secrets were removed and show as {0}.'),
    Retry: vscode.l10n.t('Retry'),
    'Copy as Markdown': vscode.l10n.t('Copy as Markdown'),
    Close: vscode.l10n.t('Close'),
    '{0} sends the request. Enter in a text box starts a new line; it never sends.': vscode.l10n.t('{0} sends the request. Enter in a text box starts a new line; it never sends.'),
    'Not specified': vscode.l10n.t('Not specified'),
    'Send posts the request to {0} and shows its request number.': vscode.l10n.t('Send posts the request to {0} and shows its request number.'),
    "Send opens your organization's request form ({0}) in the browser, prefilled with your answers.": vscode.l10n.t(
      "Send opens your organization's request form ({0}) in the browser, prefilled with your answers.",
    ),
    'Send opens an email to {0} in your mail app.': vscode.l10n.t('Send opens an email to {0} in your mail app.'),
    'The inventory in force names no place for approval requests: copy the request as Markdown and send it to your MCP administrators.': vscode.l10n.t(
      'The inventory in force names no place for approval requests: copy the request as Markdown and send it to your MCP administrators.',
    ),
    'Send request': vscode.l10n.t('Send request'),
    'Open request form': vscode.l10n.t('Open request form'),
    'Open email': vscode.l10n.t('Open email'),
  };
}

/** The checklist's words (src/core/request/fields.ts and formState.ts SECTIONS), by the English the core uses. */
function checklistStrings(): Record<string, string> {
  return {
    // sections
    'About you': vscode.l10n.t('About you'),
    'What it is': vscode.l10n.t('What it is'),
    'Data and access': vscode.l10n.t('Data and access'),
    'Why you need it': vscode.l10n.t('Why you need it'),
    // labels
    'Your name': vscode.l10n.t('Your name'),
    Email: vscode.l10n.t('Email'),
    Team: vscode.l10n.t('Team'),
    'What it does': vscode.l10n.t('What it does'),
    'Source / vendor': vscode.l10n.t('Source / vendor'),
    'Homepage or repository': vscode.l10n.t('Homepage or repository'),
    'Tools you expect to use': vscode.l10n.t('Tools you expect to use'),
    'Data it will access': vscode.l10n.t('Data it will access'),
    'Data classification': vscode.l10n.t('Data classification'),
    'Read-only or write': vscode.l10n.t('Read-only or write'),
    'OAuth scopes or permissions': vscode.l10n.t('OAuth scopes or permissions'),
    Authentication: vscode.l10n.t('Authentication'),
    'Business justification': vscode.l10n.t('Business justification'),
    'Expected value': vscode.l10n.t('Expected value'),
    'Alternatives considered': vscode.l10n.t('Alternatives considered'),
    Urgency: vscode.l10n.t('Urgency'),
    // help
    'Who is asking (from git config; edit if needed).': vscode.l10n.t('Who is asking (from git config; edit if needed).'),
    'Where the decision should be sent.': vscode.l10n.t('Where the decision should be sent.'),
    'Your team or department.': vscode.l10n.t('Your team or department.'),
    'What the MCP server does and which tools you expect to use.': vscode.l10n.t('What the MCP server does and which tools you expect to use.'),
    'Who publishes it (company, open-source project, individual).': vscode.l10n.t('Who publishes it (company, open-source project, individual).'),
    'Where reviewers can read its code or documentation.': vscode.l10n.t('Where reviewers can read its code or documentation.'),
    'Tool names, comma-separated.': vscode.l10n.t('Tool names, comma-separated.'),
    'Systems, repositories, files or accounts it can read or change.': vscode.l10n.t('Systems, repositories, files or accounts it can read or change.'),
    'The most sensitive data it can reach.': vscode.l10n.t('The most sensitive data it can reach.'),
    'Can it change data, send messages or run commands?': vscode.l10n.t('Can it change data, send messages or run commands?'),
    'Scopes, roles or permissions it requests.': vscode.l10n.t('Scopes, roles or permissions it requests.'),
    'How it authenticates to the service behind it.': vscode.l10n.t('How it authenticates to the service behind it.'),
    'Why you need it.': vscode.l10n.t('Why you need it.'),
    'What it saves or enables.': vscode.l10n.t('What it saves or enables.'),
    'Approved MCP servers you looked at and why they do not fit.': vscode.l10n.t('Approved MCP servers you looked at and why they do not fit.'),
    'How soon you need a decision.': vscode.l10n.t('How soon you need a decision.'),
    // choices
    Public: vscode.l10n.t('Public'),
    Internal: vscode.l10n.t('Internal'),
    Confidential: vscode.l10n.t('Confidential'),
    'Customer PII': vscode.l10n.t('Customer PII'),
    'Read-only': vscode.l10n.t('Read-only'),
    'Can write or act': vscode.l10n.t('Can write or act'),
    OAuth: vscode.l10n.t('OAuth'),
    'API key or token': vscode.l10n.t('API key or token'),
    None: vscode.l10n.t('None'),
    Low: vscode.l10n.t('Low'),
    Normal: vscode.l10n.t('Normal'),
    High: vscode.l10n.t('High'),
    // verdicts (formState.ts verdictLabel)
    approved: vscode.l10n.t('approved'),
    'pending approval': vscode.l10n.t('pending approval'),
    rejected: vscode.l10n.t('rejected'),
    deprecated: vscode.l10n.t('deprecated'),
    'this version is not approved': vscode.l10n.t('this version is not approved'),
    'not in the inventory (shadow MCP)': vscode.l10n.t('not in the inventory (shadow MCP)'),
  };
}

// The display language is fixed for the life of the extension host: each table is built once, when first needed.
let checklist: Record<string, string> | undefined;
let formTexts: Record<string, string> | undefined;
const word = (en: string) => (checklist ??= checklistStrings())[en] ?? en;

/** A host message as the webview should see it: in the display language. */
export function localizeHostMessage(m: HostMessage): HostMessage {
  switch (m.type) {
    case 'init':
      return { ...m, state: localizeState(m.state), errors: localizeErrors(m.errors) };
    case 'context':
      return { ...m, state: localizeState(m.state) };
    case 'errors':
      return { ...m, errors: localizeErrors(m.errors) };
    default:
      return m;
  }
}

function localizeState<S extends Omit<ViewState, 'answers'>>(state: S): S {
  return {
    ...state,
    status: state.status ? word(state.status) : state.status,
    sections: state.sections.map((s) => ({
      ...s,
      title: word(s.title),
      fields: s.fields.map((f) => ({ ...f, label: word(f.label), help: word(f.help), choices: f.choices ? f.choices.map((c) => ({ ...c, label: word(c.label) })) : null })),
    })),
    strings: (formTexts ??= webviewStrings()),
  };
}

/** The core's validation messages (src/core/request/payload.ts validateDraft), translated by their English shape. */
function localizeErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    let m: RegExpExecArray | null;
    if (e.message === 'Name the MCP server you want approved.') return { ...e, message: vscode.l10n.t('Name the MCP server you want approved.') };
    if (e.message === 'Enter an email address like name@example.com.') return { ...e, message: vscode.l10n.t('Enter an email address like name@example.com.') };
    if ((m = /^(.*) is required\.$/.exec(e.message))) return { ...e, message: vscode.l10n.t('{0} is required.', word(m[1])) };
    if ((m = /^Choose one of: (.*)\.$/.exec(e.message))) return { ...e, message: vscode.l10n.t('Choose one of: {0}.', m[1].split(', ').map(word).join(', ')) };
    return e;
  });
}
