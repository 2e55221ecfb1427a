// The approval form: a webview (strict CSP with a nonce, scripts and styles only from media/) that is given the
// redacted server block and the user's answers, never a secret value. Every message it sends is validated here; the
// host alone decides what is sent, where to, and records it. What is typed is kept as a draft as it is typed.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { requestRecord } from '../../core/audit/snapshot';
import type { CheckedServer } from '../../core/model';
import type { FieldKey } from '../../core/request/fields';
import { localizeHostMessage } from './formStrings';
import { channelTarget, parseWebviewMessage, requestChannel, viewState, type FormStatus, type HostMessage, type ViewState } from '../../core/request/formState';
import type { Identity } from '../../core/request/identity';
import { buildPayload, requestedServer, toFormUrl, toMailto, toMarkdown, validateDraft, type Draft, type FieldError, type RequestPayload } from '../../core/request/payload';
import { serverKey, type RequestRecord } from '../../core/request/records';
import { lastRecordFor } from '../../core/request/stored';
import { submitRequest, type SubmitResult } from '../../core/request/submit';
import type { DiagnosticsController } from '../diagnosticsController';
import type { InventoryService } from '../inventoryService';
import type { DraftStore } from './drafts';
import type { ChangeLog } from '../changeLog';
import type { TrustService } from '../trustService';
import type { RequestRecordStore } from './records';

const SAVE_DELAY_MS = 400;
/** the icon sprite, read once per session */
let spriteCache: string | undefined;
const REFRESH_DELAY_MS = 200;
const MAX_POSTED = 100;

/** What a form is about: a detected server (found again by file and name when files change), or a new one. */
export interface RequestSubject {
  /** the draft and panel key: the server key, or "new" */
  key: string;
  server: CheckedServer | null;
  /** the name typed (or given by the caller) for a server not detected yet */
  name?: string;
}

export interface RequestPanelServices {
  extensionUri: vscode.Uri;
  version: string;
  inventory: InventoryService;
  diagnostics: DiagnosticsController;
  trust: TrustService;
  log: vscode.LogOutputChannel;
  drafts: DraftStore;
  records: RequestRecordStore;
  changes: ChangeLog;
  identity: Identity;
  /** the server as currently detected, so the form follows edits of its config file */
  findServer(file: string, name: string): CheckedServer | undefined;
}

export class RequestPanel implements vscode.Disposable {
  static readonly viewType = 'mcpGatekeeper.requestApproval';

  readonly key: string;
  /** Every message given to the form, newest last (for tests: they drive the form through `receive`). */
  readonly posted: HostMessage[] = [];
  private readonly panel: vscode.WebviewPanel;
  private server: CheckedServer | null;
  private name: string;
  private answers: Partial<Record<FieldKey, string>>;
  private draftSavedAt: string | null;
  private errors: FieldError[] = [];
  private status: FormStatus | null = null;
  private busy = false;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    subject: RequestSubject,
    private readonly services: RequestPanelServices,
  ) {
    this.key = subject.key;
    this.server = subject.server;
    this.name = subject.name ?? '';
    // A draft for this server is restored at once and the form says so ("Draft from … restored", with Discard). Asking
    // first would put a modal question in front of the form, and a wrong answer there would throw work away.
    const draft = services.drafts.get(this.key);
    this.draftSavedAt = draft?.savedAt ?? null;
    this.answers = { ...this.identityAnswers(), ...(draft?.answers ?? {}) };
    if (draft?.name && !this.server) this.name = draft.name;

    const mediaRoot = vscode.Uri.joinPath(services.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(RequestPanel.viewType, this.title(), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableForms: true,
      enableCommandUris: false,
      localResourceRoots: [mediaRoot],
    });
    this.panel.webview.html = this.renderHtml();
    this.disposables.push(
      this.disposeEmitter,
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      this.panel.onDidDispose(() => this.dispose()),
      services.inventory.onDidChange(() => this.scheduleRefresh()),
      services.diagnostics.onDidCheck(() => this.scheduleRefresh()),
      services.records.onDidChange(() => this.scheduleRefresh()),
    );
  }

  /** The HTML the webview was given (a skeleton: the state only arrives by message). */
  get html(): string {
    return this.panel.webview.html;
  }

  /** What the form shows now. */
  get state(): ViewState {
    return viewState({
      server: this.serverBlock(),
      isNew: !this.server,
      verdict: this.server?.verdict ?? null,
      inventory: this.services.inventory.inventory.inventory,
      answers: this.answers,
      draftSavedAt: this.draftSavedAt,
      previous: lastRecordFor(this.services.records.requestRecords(), this.recordKey()),
      trust: this.server?.trust ?? (this.server && this.services.trust.isPending(this.server) ? 'pending' : null),
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** A message from the form (or from a test standing in for it). Nothing in it is trusted. */
  async receive(data: unknown): Promise<void> {
    if (this.disposed) return;
    const parsed = parseWebviewMessage(data);
    if (!parsed.ok) {
      this.services.log.warn(`Request form: ignored an invalid message (${parsed.error}).`);
      return;
    }
    const m = parsed.message;
    switch (m.type) {
      case 'ready':
        this.post({ type: 'init', state: this.state, errors: this.errors, status: this.status });
        return;
      case 'change':
        this.take(m.name, m.answers);
        this.scheduleSave();
        return;
      case 'submit':
        this.take(m.name, m.answers);
        await this.submit();
        return;
      case 'copyMarkdown':
        this.take(m.name, m.answers);
        await this.copyMarkdown();
        return;
      case 'discardDraft':
        await this.discardDraft();
        return;
      case 'close':
        this.panel.dispose();
        return;
    }
  }

  private take(name: string | undefined, answers: Partial<Record<FieldKey, string>>): void {
    if (!this.server && name !== undefined) this.name = name;
    this.answers = { ...answers };
    this.dirty = true;
    if (this.errors.length) {
      // an error the user has fixed disappears as they type; the rest stays until the next attempt
      const remaining = this.errors.filter((e) => (e.key === 'name' ? !this.name.trim() : !this.answers[e.key]?.trim()));
      if (remaining.length !== this.errors.length) {
        this.errors = remaining;
        this.post({ type: 'errors', errors: remaining, focus: false });
      }
    }
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.flushSave();
      const checked = this.checked();
      if (!checked) return;
      const { payload, channel } = checked;
      const target = channelTarget(channel);
      const name = payload.server.name;
      switch (channel.kind) {
        case 'post': {
          this.setStatus({ kind: 'busy', text: vscode.l10n.t('Sending the request to {0}…', target) });
          const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('MCP Gatekeeper: sending the approval request for "{0}"', name) },
            () => this.postRequest(channel.url, payload),
          );
          if (result.ok) {
            await this.record(payload, result.id, 'post');
            await this.services.drafts.delete(this.key);
            this.draftSavedAt = null;
            this.dirty = false;
            this.services.log.info(`Approval request for "${name}" sent by POST to ${target}: ${result.id ? `request #${result.id}` : 'no request id in the answer'} (HTTP ${result.status}).`);
            this.setStatus({
              kind: 'success',
              text: result.id ? vscode.l10n.t('Request #{0} sent to {1}.', result.id, target) : vscode.l10n.t('Request sent to {0} (the server gave no request number).', target),
              done: true,
            });
          } else {
            this.services.log.warn(`Approval request for "${name}" not sent to ${target}: ${result.message}`);
            this.setStatus({ kind: 'error', text: vscode.l10n.t('The request was not sent: {0}. Your answers are kept as a draft.', result.message), retry: true });
          }
          return;
        }
        case 'browser': {
          this.setStatus({ kind: 'busy', text: vscode.l10n.t('Opening the request form at {0} in your browser…', target) });
          const opened = await openExternalExact(toFormUrl(channel.url, payload));
          if (opened) {
            await this.record(payload, null, 'browser');
            this.services.log.info(`Approval request for "${name}" opened in the browser at ${target}.`);
            this.setStatus({ kind: 'success', text: vscode.l10n.t('Opened your organization\'s request form ({0}) in the browser, prefilled with your answers. Finish the request there; your draft is kept here until you discard it.', target) });
          } else {
            this.setStatus({ kind: 'info', text: vscode.l10n.t('The browser was not opened. Try again, or copy the request as Markdown.'), retry: true });
          }
          return;
        }
        case 'mailto': {
          const opened = await openExternalExact(toMailto(channel.url, payload));
          if (opened) {
            await this.record(payload, null, 'mailto');
            this.services.log.info(`Approval request for "${name}" opened as an email to ${target}.`);
            this.setStatus({ kind: 'success', text: vscode.l10n.t('Opened an email to {0} in your mail app. Send it from there; long answers are shortened in the email, so use Copy as Markdown for the full text.', target) });
          } else {
            this.setStatus({ kind: 'info', text: vscode.l10n.t('No mail app was opened. Try again, or copy the request as Markdown and email it to {0}.', target), retry: true });
          }
          return;
        }
        case 'none':
          this.setStatus({
            kind: 'error',
            text: vscode.l10n.t('The inventory in force names no place for approval requests (gateway.requestUrl). Copy the request as Markdown and send it to your MCP administrators.'),
          });
          return;
      }
    } finally {
      this.busy = false;
    }
  }

  private async copyMarkdown(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.flushSave();
      const checked = this.checked();
      if (!checked) return;
      try {
        await vscode.env.clipboard.writeText(toMarkdown(checked.payload));
      } catch (e) {
        this.setStatus({ kind: 'error', text: vscode.l10n.t('The request could not be copied to the clipboard: {0}', e instanceof Error ? e.message : String(e)) });
        return;
      }
      await this.record(checked.payload, null, 'clipboard');
      this.services.log.info(`Approval request for "${checked.payload.server.name}" copied to the clipboard as Markdown.`);
      this.setStatus({ kind: 'success', text: vscode.l10n.t('Copied the request as Markdown. Paste it where your organization takes MCP requests.') });
    } finally {
      this.busy = false;
    }
  }

  /** Validates what was typed; shows the errors (the form focuses the first one) or returns the payload to send. */
  private checked(): { payload: RequestPayload; channel: ReturnType<typeof requestChannel> } | undefined {
    const inventory = this.services.inventory.inventory.inventory;
    const draft = this.draft();
    this.errors = validateDraft(draft, inventory);
    this.post({ type: 'errors', errors: this.errors, focus: true });
    if (this.errors.length) {
      this.setStatus(null);
      return undefined;
    }
    return { payload: buildPayload(draft, inventory, this.services.version), channel: requestChannel(inventory) };
  }

  private async postRequest(url: string, payload: RequestPayload): Promise<SubmitResult> {
    const caFile = this.services.inventory.policy.caFile.value;
    try {
      return await submitRequest(url, payload, { caFiles: caFile ? [caFile] : undefined });
    } catch (e) {
      // e.g. an unreadable CA file
      return { ok: false, message: e instanceof Error ? e.message : String(e), retryable: true };
    }
  }

  private async record(payload: RequestPayload, id: string | null, channel: RequestRecord['channel']): Promise<void> {
    const changes = this.services.changes;
    const target = requestChannel(this.services.inventory.inventory.inventory);
    const url = channel === 'clipboard' || target.kind === 'none' ? null : target.url;
    await changes.record([requestRecord(changes.source, this.server ?? { name: payload.server.name }, { channel, id, url })]);
    await this.services.records.add({
      key: this.recordKey(),
      name: payload.server.name,
      id,
      submittedAt: new Date().toISOString(),
      verdict: this.server?.verdict ?? 'unknown',
      channel,
    });
  }

  private async discardDraft(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.dirty = false;
    await this.services.drafts.delete(this.key);
    this.draftSavedAt = null;
    this.answers = this.identityAnswers();
    if (!this.server) this.name = '';
    this.errors = [];
    this.status = { kind: 'info', text: vscode.l10n.t('Draft discarded.') };
    this.post({ type: 'init', state: this.state, errors: [], status: this.status });
  }

  private draft(): Draft {
    // registry facts go with the request only when the lookup answered; a failed lookup never holds the form up
    return { server: this.serverBlock(), answers: { ...this.answers }, extra: {}, ...(this.server?.trust ? { trust: this.server.trust } : {}) };
  }

  private serverBlock(): Draft['server'] {
    return this.server ? requestedServer(this.server) : requestedServer(null, this.name.trim());
  }

  private recordKey(): string {
    return this.server ? serverKey(this.server) : serverKey({ name: this.name.trim(), url: null, package: null, command: null });
  }

  private identityAnswers(): Partial<Record<FieldKey, string>> {
    const { name, email } = this.services.identity;
    return { ...(name ? { requester: name } : {}), ...(email ? { email } : {}) };
  }

  private setStatus(status: FormStatus | null): void {
    this.status = status;
    this.post({ type: 'status', status });
  }

  private post(english: HostMessage): void {
    if (this.disposed) return;
    const message = localizeHostMessage(english);
    this.posted.push(message);
    if (this.posted.length > MAX_POSTED) this.posted.splice(0, this.posted.length - MAX_POSTED);
    void this.panel.webview.postMessage(message);
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flushSave(), SAVE_DELAY_MS);
  }

  /** Stores the draft now if something was typed since the last save. */
  async flushSave(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await this.services.drafts.save(this.key, this.server ? undefined : this.name, this.answers);
    } catch (e) {
      this.services.log.warn(`Request form: the draft could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The server's file changed or the inventory did: the form shows the new facts and keeps what was typed. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      if (this.disposed) return;
      if (this.server) this.server = this.services.findServer(this.server.file, this.server.name) ?? this.server;
      this.panel.title = this.title();
      const { answers: _answers, ...rest } = this.state;
      this.post({ type: 'context', state: rest });
    }, REFRESH_DELAY_MS);
  }

  private title(): string {
    const name = this.serverBlock().name;
    return name ? vscode.l10n.t('Request approval: {0}', name) : vscode.l10n.t('Request approval: new MCP server');
  }

  private renderHtml(): string {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.services.extensionUri, 'media', 'request');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'request.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'request.js'));
    const nonce = crypto.randomBytes(18).toString('base64');
    // exactly what the form needs: its own stylesheet and script, nothing remote, no inline code, no form posts
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`, `form-action 'none'`, `base-uri 'none'`].join('; ');
    const lang = escapeHtml(vscode.env.language || 'en');
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(css.toString())}">
<title>${escapeHtml(vscode.l10n.t('Request approval for an MCP server'))}</title>
</head>
<body>
${this.iconSprite()}
<main id="app" aria-busy="true">
<h1 id="title">${escapeHtml(this.title())}</h1>
<p id="loading">${escapeHtml(vscode.l10n.t('Loading the form…'))}</p>
</main>
<script nonce="${nonce}" src="${escapeHtml(js.toString())}"></script>
</body>
</html>`;
  }

  /**
   * The codicons the form uses, inlined as an SVG sprite (media/request/codicons.svg, generated by scripts/codicons.mjs):
   * inline markup needs no font or stylesheet and no CSP exception. The icons are decorative, so a missing sprite
   * only costs the icons.
   */
  private iconSprite(): string {
    const file = vscode.Uri.joinPath(this.services.extensionUri, 'media', 'request', 'codicons.svg').fsPath;
    try {
      return (spriteCache ??= fs.readFileSync(file, 'utf8'));
    } catch (e) {
      this.services.log.warn(`Request form: no icons (${e instanceof Error ? e.message : String(e)}).`);
      return '';
    }
  }

  dispose(): void {
    if (this.disposed) return;
    void this.flushSave();
    this.disposed = true;
    clearTimeout(this.refreshTimer);
    this.disposeEmitter.fire();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

/**
 * Opens a URL exactly as built. `openExternal` is typed to take a Uri, but a Uri is re-encoded on the way
 * (`toString(true)` then `encodeURI`), which turns an encoded `&`, `#` or `%` inside a query value (a mail body, a form
 * answer) into a separator. The API also accepts the string and then opens it unchanged (microsoft/vscode#85930).
 */
async function openExternalExact(url: string): Promise<boolean> {
  try {
    return await vscode.env.openExternal(url as unknown as vscode.Uri);
  } catch {
    return false;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
