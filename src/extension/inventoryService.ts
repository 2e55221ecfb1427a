// Holds the inventory in force. Org policy comes only from user/machine settings: values a workspace sets are
// ignored (and logged). A broken inventory never replaces a good one; the user is told what is wrong.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bundledInventory, loadInventoryFile, type LoadedInventory } from '../core/inventory/load';
import { Checker } from '../core/checker';

const SETTING = 'mcpGatekeeper.inventory.path';
const BUNDLED_NOTICE_KEY = 'mcpGatekeeper.bundledInventoryNoticeShown';

export class InventoryService implements vscode.Disposable {
  private current: LoadedInventory = bundledInventory();
  private currentChecker = new Checker(this.current);
  private lastError: string | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private fileWatcher: vscode.Disposable | undefined;
  /** fires after the inventory in force changed */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING)) void this.reload();
      }),
    );
  }

  get inventory(): LoadedInventory {
    return this.current;
  }

  get checker(): Checker {
    return this.currentChecker;
  }

  get error(): string | null {
    return this.lastError;
  }

  /** Reads the configured inventory (or the bundled example) and fires onDidChange when it is in force. */
  async reload(): Promise<void> {
    const configured = configuredPath();
    this.watch(configured);
    if (!configured) {
      this.use(bundledInventory(), null);
      this.noticeBundledOnce();
      return;
    }
    const result = await loadInventoryFile(configured);
    if (result.ok) {
      this.use(result.value, null);
      return;
    }
    // keep the last good inventory in force
    this.lastError = result.error;
    this.log.error(`Inventory not loaded, keeping ${this.current.source}: ${result.error}`);
    void vscode.window
      .showErrorMessage(vscode.l10n.t('MCP Gatekeeper could not load the inventory: {0}. The previous inventory stays in force.', result.error), vscode.l10n.t('Open Settings'))
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', SETTING));
    this.changed.fire();
  }

  private use(loaded: LoadedInventory, error: string | null): void {
    this.current = loaded;
    this.currentChecker = new Checker(loaded);
    this.lastError = error;
    this.log.info(`Inventory in force: ${loaded.source} (${loaded.inventory.organization ?? 'no organization'}, ${loaded.inventory.servers.length} entries)`);
    this.changed.fire();
  }

  private watch(file: string | null): void {
    this.fileWatcher?.dispose();
    this.fileWatcher = undefined;
    if (!file) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    const reload = () => void this.reload();
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    this.fileWatcher = watcher;
  }

  private noticeBundledOnce(): void {
    if (this.context.globalState.get<boolean>(BUNDLED_NOTICE_KEY)) return;
    void this.context.globalState.update(BUNDLED_NOTICE_KEY, true);
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('MCP Gatekeeper is checking MCP servers against its bundled example inventory. Set "{0}" to your organization\'s inventory.', SETTING),
        vscode.l10n.t('Open Settings'),
      )
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', SETTING));
  }

  dispose(): void {
    this.fileWatcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The inventory path from user or machine settings only; a workspace value is ignored. */
function configuredPath(): string | null {
  const info = vscode.workspace.getConfiguration().inspect<string>(SETTING);
  const value = (info?.globalValue ?? '').trim();
  if (!value) return null;
  const expanded = value.replace(/^~(?=$|[\\/])/, os.homedir()).replace(/\$\{userHome\}/g, os.homedir());
  return path.resolve(expanded);
}

/** Did the workspace try to set the org inventory? (It is ignored; the caller reports it.) */
export function workspaceOverrideAttempt(): boolean {
  const info = vscode.workspace.getConfiguration().inspect<string>(SETTING);
  return info?.workspaceValue !== undefined || info?.workspaceFolderValue !== undefined;
}

