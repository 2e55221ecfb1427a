// Keeps the Problems panel in step with every MCP config file: open documents are checked from their live text
// (debounced as you type), closed ones from disk, and every file is re-checked when it or the inventory changes.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { ConfigLocation } from '../core/model';
import { readConfigFile } from '../core/readFile';
import { watchPlan } from '../core/watchPlan';
import { requestNote, type RequestRecord } from '../core/request/records';
import type { CheckedServer } from '../core/model';
import type { RequestRecordStore } from './request/records';
import { analyzeText, summarize, type FileAnalysis } from '../core/scan';
import { withInventoryEntryRelated } from '../core/inventory/entryLocation';
import type { InventoryService } from './inventoryService';
import type { LocationRegistry } from './locations';
import { toDiagnostics } from './toDiagnostics';
import type { TrustService } from './trustService';

const TYPING_DELAY_MS = 250;
// Long enough to coalesce the burst of events one save makes (an editor's atomic save is a create, a delete and a
// change), short enough that the view and status bar follow a file written by another tool within a second even when
// VS Code's own watcher takes a few hundred ms to report it (test/integration/live-ui.test.ts).
const WATCH_DELAY_MS = 50;
/** a new folder on the way to a config file means a new discovery, which reads a lot more: wait for the dust to settle */
const REDISCOVER_DELAY_MS = 300;

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('mcpGatekeeper');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly analyses = new Map<string, FileAnalysis>();
  /** the text each analysis was made from (quick-fixes for files that are not open are planned on it) */
  private readonly texts = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private watchers: vscode.Disposable[] = [];
  private readonly checked = new vscode.EventEmitter<void>();
  /** fires whenever diagnostics were republished */
  readonly onDidCheck = this.checked.event;

  private rescanning = false;

  constructor(
    private readonly locations: LocationRegistry,
    private readonly inventory: InventoryService,
    private readonly log: vscode.LogOutputChannel,
    private readonly requests: RequestRecordStore,
    private readonly trust: TrustService,
  ) {
    this.disposables.push(
      this.checked,
      vscode.workspace.onDidOpenTextDocument((doc) => this.checkDocument(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document.uri, TYPING_DELAY_MS, () => this.checkDocument(e.document))),
      vscode.workspace.onDidSaveTextDocument((doc) => this.checkDocument(doc)),
      // an unsaved buffer closed: what counts again is the file on disk
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const loc = this.locations.forUri(doc.uri);
        if (loc) void this.checkFromDisk(loc);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescanAll()),
      // a rescan that reloads the inventory checks everything afterwards anyway (see rescanAll)
      inventory.onDidChange(() => this.rescanning || void this.recheckAll()),
      requests.onDidChange(() => void this.recheckAll()),
      // registry facts arrive after the scan that asked for them
      trust.onDidChange(() => void this.recheckAll()),
    );
  }

  /** The name of the server whose key is at this range (a diagnostic's range), if any. */
  serverAt(uri: vscode.Uri, range: vscode.Range): string | undefined {
    const analysis = this.analyses.get(uri.fsPath);
    const at = (r: { start: { line: number; character: number } }) => r.start.line === range.start.line && r.start.character === range.start.character;
    return analysis?.servers.find((s) => at(s.range) || s.findings.some((f) => f.range && at(f.range)))?.name;
  }

  textOf(file: string): string | undefined {
    return this.texts.get(file);
  }

  /** Current results, for views and commands. */
  results(): FileAnalysis[] {
    return [...this.analyses.values()];
  }

  /**
   * Re-discovers the config files, re-watches them and checks each one, once. `alongside` (e.g. an inventory
   * reload) runs in parallel with the discovery, and its change event does not trigger a second check.
   */
  async rescanAll(alongside?: Promise<void>): Promise<void> {
    this.rescanning = true;
    try {
      await Promise.all([alongside, this.locations.refresh()]);
      await this.watchAll();
    } finally {
      this.rescanning = false;
    }
    await this.recheckAll();
  }

  async recheckAll(): Promise<void> {
    const started = Date.now();
    await Promise.all(this.locations.all().map((loc) => this.checkLocation(loc)));
    // drop results of files that are no longer config files (a folder was closed)
    for (const key of [...this.analyses.keys()]) {
      if (!this.locations.forUri(vscode.Uri.file(key))) this.forget(vscode.Uri.file(key));
    }
    const s = summarize(this.results().flatMap((a) => a.servers));
    this.log.info(`Checked ${this.analyses.size} config file(s) in ${Date.now() - started} ms: ${s.total} servers, ${s.approved} approved, ${s.pending} pending, ${s.rejected} rejected, ${s.deprecated} deprecated, ${s.unknown} shadow/unapproved`);
  }

  private async checkLocation(loc: ConfigLocation): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => this.locations.forUri(d.uri) === loc);
    if (doc) this.checkDocument(doc);
    else await this.checkFromDisk(loc);
  }

  private checkDocument(doc: vscode.TextDocument): void {
    const loc = this.locations.forUri(doc.uri);
    if (!loc) return;
    this.publish(doc.uri, analyzeText(doc.getText(), loc, this.inventory.checker), doc.getText());
  }

  private async checkFromDisk(loc: ConfigLocation): Promise<void> {
    const uri = vscode.Uri.file(loc.path);
    const read = await readConfigFile(loc.path, loc.maxBytes);
    // an open editor's text wins over the disk (it may have unsaved edits)
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    if (read.kind === 'text') {
      this.publish(uri, analyzeText(read.text, loc, this.inventory.checker), read.text);
    } else {
      if (read.kind === 'error') this.log.warn(`${loc.path} ${read.message}`);
      this.forget(uri);
    }
  }

  private publish(uri: vscode.Uri, raw: FileAnalysis, text: string): void {
    const entries = this.inventory.checker.index.byId;
    const servers = this.trust.apply(raw.servers).map((s) => {
      const noted = withRequestNote(s, this.requests.pendingFor(s));
      return withInventoryEntryRelated(noted, (id) => this.inventory.entryLocation(id), s.inventoryId ? entries.get(s.inventoryId)?.title : undefined);
    });
    const analysis = { ...raw, servers };
    this.analyses.set(uri.fsPath, analysis);
    this.texts.set(uri.fsPath, text);
    this.collection.set(uri, toDiagnostics(analysis, { docsBaseUrl: this.inventory.policy.docsBaseUrl.value }));
    this.checked.fire();
  }

  private forget(uri: vscode.Uri): void {
    const had = this.analyses.delete(uri.fsPath);
    this.texts.delete(uri.fsPath);
    this.collection.delete(uri);
    if (had) this.checked.fire();
  }

  private schedule(uri: vscode.Uri, delay: number, run: () => void): void {
    if (this.locations.forUri(uri)) this.debounce(uri.toString(), delay, run);
  }

  /** Runs `run` once, `delay` ms after the last call with the same key (bursts of events coalesce). */
  private debounce(key: string, delay: number, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, delay),
    );
  }

  /**
   * Watches every config file through its deepest existing folder, non-recursively, so files (and folders) created
   * after start-up are noticed too. A new folder on the way to a config file triggers a new discovery.
   */
  private async watchAll(): Promise<void> {
    const targets = await watchPlan(
      this.locations.all().map((l) => l.path),
      async (p) => (await fs.stat(p).catch(() => null))?.isDirectory() ?? false,
    );
    for (const w of this.watchers) w.dispose();
    this.watchers = targets.map((t) => {
      const glob = t.names.length === 1 ? t.names[0] : `{${t.names.join(',')}}`;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(t.dir), glob));
      const onEvent = (uri: vscode.Uri) => {
        const loc = this.locations.forUri(uri);
        if (loc) this.schedule(uri, WATCH_DELAY_MS, () => void this.checkLocation(loc));
        else this.debounce('rediscover', REDISCOVER_DELAY_MS, () => void this.rescanAll());
      };
      watcher.onDidChange(onEvent);
      watcher.onDidCreate(onEvent);
      watcher.onDidDelete(onEvent);
      return watcher;
    });
  }


  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** A server whose approval was requested (and whose status the inventory has not changed since) is informational. */
function withRequestNote(s: CheckedServer, record: RequestRecord | undefined): CheckedServer {
  if (!record) return s;
  const note = requestNote(record);
  const awaitingDecision = new Set(['shadow-mcp', 'pending-mcp', 'unapproved-version']);
  return { ...s, findings: s.findings.map((f) => (awaitingDecision.has(f.rule) ? { ...f, severity: 'info', message: `${f.message} ${note}` } : f)) };
}
