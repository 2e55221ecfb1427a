// "Request Approval for an MCP Server…": from the palette (a picker of the detected servers that are not approved, plus
// "A server I don't have yet"), or with `{ file, name }` from a quick-fix or a view. Opens one form per server (a
// second call reveals it). Works in Restricted Mode: the form only sends what the user typed, to the address the
// inventory in force names, and that inventory never comes from the workspace.
import type { TrustService } from '../trustService';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { pathKey } from '../../core/discovery';
import type { CheckedServer, Verdict } from '../../core/model';
import { clientLabel, verdictLabel } from '../../core/request/formState';
import { gitIdentity } from '../../core/request/identity';
import { requestNote, serverKey } from '../../core/request/records';
import { NEW_SERVER_KEY } from '../../core/request/stored';
import { maskText } from '../../core/secrets';
import * as z from '../../core/zod';
import type { DiagnosticsController } from '../diagnosticsController';
import type { InventoryService } from '../inventoryService';
import { PLATFORM } from '../locations';
import { DraftStore } from './drafts';
import { RequestRecordStore } from './records';
import type { ChangeLog } from '../changeLog';
import { RequestPanel, type RequestSubject } from './requestPanel';

export const REQUEST_APPROVAL_COMMAND = 'mcpGatekeeper.requestApproval';

export interface RequestFlowDeps {
  inventory: InventoryService;
  diagnostics: DiagnosticsController;
  trust: TrustService;
  log: vscode.LogOutputChannel;
  /** the shared store, when diagnostics or views also read the records; created here otherwise */
  records?: RequestRecordStore;
  /** where handed-over requests are recorded */
  changes: ChangeLog;
}

/**
 * The command's optional argument. Extra properties are ignored, so a view can pass its CheckedServer element as is.
 * `{ file, name }`: that detected server. `{ name }` alone: the detected server of that name (a picker if several,
 * the empty form with the name filled in if none). `{ newServer: true, name? }`: the empty form.
 */
const RequestArgSchema = z.looseObject({
  file: z.optional(z.string().check(z.minLength(1))),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  newServer: z.optional(z.boolean()),
});
export type RequestApprovalArg = z.output<typeof RequestArgSchema>;

export function registerRequestFlow(context: vscode.ExtensionContext, deps: RequestFlowDeps): vscode.Disposable[] {
  const { inventory, diagnostics, trust, log } = deps;
  const owned: vscode.Disposable[] = [];
  const records = deps.records ?? new RequestRecordStore(context.globalState);
  if (!deps.records) owned.push(records);
  const drafts = new DraftStore(context.globalState);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? 'dev');
  const panels = new Map<string, RequestPanel>();
  const opening = new Map<string, Promise<RequestPanel>>();

  const detected = (): CheckedServer[] => diagnostics.results().flatMap((a) => a.servers);
  const findServer = (file: string, name: string): CheckedServer | undefined => {
    const wanted = pathKey(file, PLATFORM);
    return detected().find((s) => s.name === name && pathKey(s.file, PLATFORM) === wanted);
  };

  const open = (subject: RequestSubject): Promise<RequestPanel> => {
    const existing = panels.get(subject.key);
    if (existing) {
      existing.reveal();
      return Promise.resolve(existing);
    }
    let pending = opening.get(subject.key);
    if (!pending) {
      pending = (async () => {
        const identity = await gitIdentity(identityFolder());
        const panel = new RequestPanel(subject, { extensionUri: context.extensionUri, version, inventory, diagnostics, trust, log, drafts, records, changes: deps.changes, identity, findServer });
        panels.set(subject.key, panel);
        panel.onDidDispose(() => panels.delete(subject.key));
        return panel;
      })().finally(() => opening.delete(subject.key));
      opening.set(subject.key, pending);
    }
    return pending;
  };
  const forServer = (server: CheckedServer): Promise<RequestPanel> => open({ key: serverKey(server), server });
  const forNew = (name?: string): Promise<RequestPanel> => open({ key: NEW_SERVER_KEY, server: null, name });

  const command = vscode.commands.registerCommand(REQUEST_APPROVAL_COMMAND, async (arg?: unknown): Promise<RequestPanel | undefined> => {
    const parsed = arg === undefined ? undefined : RequestArgSchema.safeParse(arg);
    // an argument we do not understand (e.g. the Uri an editor menu passes) means: ask
    const given = parsed?.success ? parsed.data : undefined;
    if (given?.newServer) return forNew(given.name);
    if (given?.file && given.name) {
      const server = findServer(given.file, given.name);
      if (server) return forServer(server);
      void vscode.window.showWarningMessage(vscode.l10n.t('MCP Gatekeeper does not see a server "{0}" in {1} (any more). Save the file, or pick the server from the list.', maskText(given.name), displayPath(given.file)));
      return undefined;
    }
    if (given?.name) {
      const named = detected().filter((s) => s.name === given.name);
      if (named.length === 0) return forNew(given.name);
      if (named.length === 1) return forServer(named[0]);
      const chosen = await pick(named, records, false);
      return chosen === undefined ? undefined : chosen === 'new' ? forNew() : forServer(chosen);
    }
    const chosen = await pick(detected().filter((s) => s.verdict !== 'approved'), records, true);
    return chosen === undefined ? undefined : chosen === 'new' ? forNew() : forServer(chosen);
  });

  return [
    command,
    ...owned,
    {
      dispose: () => {
        for (const p of [...panels.values()]) p.dispose();
      },
    },
  ];
}

const VERDICT_ORDER: Record<Verdict, number> = { unknown: 0, rejected: 1, pending: 2, deprecated: 3, approved: 4 };

/** The picker: name, client and verdict, file (and an earlier request); "A server I don't have yet" last. */
async function pick(servers: CheckedServer[], records: RequestRecordStore, offerNew: boolean): Promise<CheckedServer | 'new' | undefined> {
  type Item = vscode.QuickPickItem & { server?: CheckedServer; isNew?: boolean };
  const all = records.requestRecords();
  const items: Item[] = [];
  const sorted = [...servers].sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.name.localeCompare(b.name) || a.file.localeCompare(b.file));
  if (sorted.length) items.push({ label: vscode.l10n.t('Detected servers that are not approved'), kind: vscode.QuickPickItemKind.Separator });
  for (const s of sorted) {
    const key = serverKey(s);
    const asked = [...all].reverse().find((r) => r.key === key && r.verdict === s.verdict);
    const parts = [clientLabel(s.client), verdictLabel(s.verdict, s.inventoryId), ...(s.disabled ? [vscode.l10n.t('disabled')] : [])];
    items.push({
      label: maskText(s.name),
      description: parts.join(' · '),
      detail: `${displayPath(s.file)}:${s.range.start.line + 1}${asked ? ` — ${requestNote(asked)}` : ''}`,
      server: s,
    });
  }
  if (offerNew) {
    if (sorted.length) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(add) ${vscode.l10n.t('A server I don\'t have yet')}`, description: vscode.l10n.t('start with an empty request'), isNew: true });
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Request approval for an MCP server'),
    placeHolder: sorted.length ? vscode.l10n.t('Choose the server to request approval for') : vscode.l10n.t('No unapproved servers detected: start a request for a new one'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen) return undefined;
  return chosen.isNew ? 'new' : chosen.server;
}

/** Relative to the workspace when inside it, `~/…` under the home folder, the full path otherwise. */
function displayPath(file: string): string {
  const rel = vscode.workspace.asRelativePath(file, true);
  if (rel !== file) return rel;
  const home = os.homedir();
  return file.startsWith(home) ? `~${file.slice(home.length)}` : file;
}

/**
 * Where `git config` runs for the requester's name and email: the first folder in a trusted workspace (it may set its
 * own user.email); the home folder otherwise, so nothing of an untrusted repository's configuration is read.
 */
function identityFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return vscode.workspace.isTrusted && folder ? folder.uri.fsPath : os.homedir();
}
