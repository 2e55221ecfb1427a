// Holds the organization policy and the inventory in force. Policy layers: the managed policy file, then user/machine
// settings, then defaults; workspace values are never read (and are reported). A failing source never replaces a good
// inventory: the cached or previous one stays in force and the user is told what is wrong.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Checker } from '../core/checker';
import { bundledInventory, type LoadedInventory } from '../core/inventory/load';
import { loadInventorySource } from '../core/inventory/sources';
import { locateInventoryEntries, type EntryLocation } from '../core/inventory/entryLocation';
import { managedPolicyPath, readPolicyFile, resolvePolicy, type EffectivePolicy, type PolicyDocument, type PolicyLayer } from '../core/policy/policy';
import { PLATFORM } from './locations';
import { POLICY_SETTINGS } from '../core/policy/overrides';
import { docsBaseUrlProblem } from '../core/rules/docs';

export const TOKEN_SECRET_KEY = 'mcpGatekeeper.inventoryToken';
const BUNDLED_NOTICE_KEY = 'mcpGatekeeper.bundledInventoryNoticeShown';


export class InventoryService implements vscode.Disposable {
  // The bundled example and its checker are built on first use, not during activation (validating it costs more
  // than the rest of activate()); the first scan, right after activation, is the usual first use.
  private currentValue: LoadedInventory | undefined;
  private checkerValue: Checker | undefined;
  private policyInForce: EffectivePolicy = resolvePolicy([]);
  private entryLocations = new Map<string, EntryLocation>();
  private lastError: string | null = null;
  private policyError: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private fileWatcher: vscode.Disposable | undefined;
  private loading: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** fires after the inventory, the policy or their status changed */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (POLICY_SETTINGS.some((s) => e.affectsConfiguration(s))) void this.reload();
      }),
      context.secrets.onDidChange((e) => {
        if (e.key === TOKEN_SECRET_KEY) void this.reload();
      }),
    );
  }

  private get current(): LoadedInventory {
    return (this.currentValue ??= bundledInventory());
  }

  private set current(value: LoadedInventory) {
    this.currentValue = value;
  }

  private get currentChecker(): Checker {
    return (this.checkerValue ??= new Checker(this.current));
  }

  private set currentChecker(value: Checker) {
    this.checkerValue = value;
  }

  get inventory(): LoadedInventory {
    return this.current;
  }

  get checker(): Checker {
    return this.currentChecker;
  }

  get policy(): EffectivePolicy {
    return this.policyInForce;
  }

  /** Where an entry of the inventory in force is written, when it is a local file or folder. */
  entryLocation(id: string): EntryLocation | undefined {
    return this.entryLocations.get(id);
  }

  /** why the configured source or policy is not (fully) in force; null when all is well */
  get error(): string | null {
    return this.policyError ?? this.lastError;
  }

  /** Re-reads policy and inventory; concurrent calls share one load. */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const policy = await this.resolvePolicy();
    this.policyInForce = policy;
    this.schedule(policy.refreshMinutes.value);
    const source = policy.inventorySource.value;
    this.watchFile(source);
    const token = (await this.context.secrets.get(TOKEN_SECRET_KEY)) ?? process.env[policy.tokenEnv.value];
    const result = await loadInventorySource(source, {
      cacheDir: path.join(this.context.globalStorageUri.fsPath, 'inventory-cache'),
      staleAfterMs: policy.staleAfterDays.value * 86_400_000,
      trustedKeys: policy.trustedKeys.value,
      http: { bearerToken: token || undefined, caFiles: policy.caFile.value ? [policy.caFile.value] : undefined },
    });
    if (result.ok) {
      this.current = result.value;
      this.entryLocations = await locateInventoryEntries(result.value.source);
      this.lastError = result.value.error;
      if (result.value.fromCache) this.log.warn(`Inventory source failed, using the copy fetched ${result.value.fetchedAt}${result.value.stale ? ' (stale)' : ''}: ${result.value.error}`);
      else this.log.info(`Inventory in force: ${result.value.source} (${result.value.inventory.organization ?? 'no organization'}, ${result.value.inventory.servers.length} entries)`);
      if (source === 'builtin') this.noticeBundledOnce();
    } else {
      // keep the inventory already in force
      this.lastError = result.error;
      this.log.error(`Inventory not loaded, keeping ${this.current.source}: ${result.error}`);
      void vscode.window
        .showErrorMessage(vscode.l10n.t('MCP Gatekeeper could not load the inventory: {0}. The previous inventory stays in force.', result.error), vscode.l10n.t('Open Settings'))
        .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'mcpGatekeeper.inventory'));
    }
    this.currentChecker = new Checker(this.current, { requireGateway: policy.requireGateway.value, enforcement: policy.enforcement.value, severities: policy.severities.value });
    this.changed.fire();
  }

  private async resolvePolicy(): Promise<EffectivePolicy> {
    const layers: PolicyLayer[] = [];
    const file = managedPolicyPath({ platform: PLATFORM, env: process.env, home: os.homedir(), workspaces: [] });
    const managed = await readPolicyFile(file);
    this.policyError = null;
    if (managed.kind === 'ok') layers.push(managed.layer);
    if (managed.kind === 'error') {
      // a broken managed policy must not silently loosen anything: keep the policy in force and say so
      this.policyError = managed.message;
      this.log.error(`Managed policy not applied, keeping the previous policy: ${managed.message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('MCP Gatekeeper: the managed policy file is invalid ({0}); the previous policy stays in force.', managed.message));
      return this.policyInForce;
    }
    const user = settingsLayer();
    const docsProblem = user.docsBaseUrl ? docsBaseUrlProblem(user.docsBaseUrl) : null;
    if (docsProblem) {
      // resolvePolicy would skip it too; say why the help links still point at the default pages
      this.log.warn(`mcpGatekeeper.policy.docsBaseUrl is ignored: ${docsProblem}`);
      delete user.docsBaseUrl;
    }
    layers.push({ origin: 'user settings', values: user });
    return resolvePolicy(layers);
  }

  private schedule(minutes: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.reload(), Math.max(1, minutes) * 60_000);
  }

  private watchFile(source: string): void {
    this.fileWatcher?.dispose();
    this.fileWatcher = undefined;
    if (source === 'builtin' || /^https?:\/\//i.test(source)) return;
    // a file, or a folder of files: watch both shapes
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(source)), `${path.basename(source)}{,/*.json}`));
    const reload = () => void this.reload();
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
    this.fileWatcher = watcher;
  }

  private noticeBundledOnce(): void {
    if (this.context.globalState.get<boolean>(BUNDLED_NOTICE_KEY)) return;
    void this.context.globalState.update(BUNDLED_NOTICE_KEY, true);
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('MCP Gatekeeper is checking MCP servers against its bundled example inventory. Set your organization\'s inventory in the settings.'),
        vscode.l10n.t('Open Settings'),
      )
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'mcpGatekeeper.inventory'));
  }

  dispose(): void {
    clearInterval(this.timer);
    this.fileWatcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The policy values set in user (or remote machine) settings; workspace values are deliberately not read. */
function settingsLayer(): PolicyDocument {
  const config = vscode.workspace.getConfiguration();
  const user = <T>(key: string): T | undefined => {
    const v = config.inspect<T>(key)?.globalValue;
    return v === '' || (Array.isArray(v) && v.length === 0) ? undefined : v;
  };
  const url = user<string>('mcpGatekeeper.inventory.url')?.trim();
  const file = user<string>('mcpGatekeeper.inventory.path')?.trim();
  const caFile = user<string>('mcpGatekeeper.inventory.caFile')?.trim();
  return {
    inventory: {
      source: url || (file ? expandHome(file) : undefined),
      refreshMinutes: user<number>('mcpGatekeeper.inventory.refreshMinutes'),
      staleAfterDays: user<number>('mcpGatekeeper.inventory.staleAfterDays'),
      caFile: caFile ? expandHome(caFile) : undefined,
    },
    requireGateway: user<boolean>('mcpGatekeeper.policy.requireGateway'),
    enforcement: user<'warn' | 'error'>('mcpGatekeeper.policy.enforcement'),
    trustedKeys: user<string[]>('mcpGatekeeper.policy.trustedKeys'),
    severities: user<Record<string, 'error' | 'warning' | 'info'>>('mcpGatekeeper.policy.severities'),
    docsBaseUrl: user<string>('mcpGatekeeper.policy.docsBaseUrl')?.trim() || undefined,
    trustSignals: {
      enabled: user<boolean>('mcpGatekeeper.trustSignals.enabled'),
      // a malformed URL is not dropped silently: the lookups report it ("trust signals unavailable (…)")
      npmRegistry: user<string>('mcpGatekeeper.trustSignals.npmRegistry')?.trim() || undefined,
      pypiRegistry: user<string>('mcpGatekeeper.trustSignals.pypiRegistry')?.trim() || undefined,
    },
  };
}

function expandHome(p: string): string {
  return path.resolve(p.replace(/^~(?=$|[\\/])/, os.homedir()).replace(/\$\{userHome\}/g, os.homedir()));
}

/** The policy settings this workspace tries to set (they are ignored). */
export function workspacePolicyOverrides(): string[] {
  const config = vscode.workspace.getConfiguration();
  return POLICY_SETTINGS.filter((key) => {
    const info = config.inspect(key);
    return info?.workspaceValue !== undefined || info?.workspaceFolderValue !== undefined;
  });
}
