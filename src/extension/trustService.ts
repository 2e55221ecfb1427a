// Trust signals in the editor: registry facts fetched in the background after a scan, only when the managed policy
// or the user's machine setting turns them on (never a workspace: it is not a policy layer). Diagnostics are
// published at once without them and again when the facts arrive. Lookups send only package names, so they also run
// in Restricted Mode: the user or the organization chose them, not the workspace.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { defaultCacheDir } from '../core/inventory/cache';
import type { CheckedServer } from '../core/model';
import { applyTrust, trustSettings, type PackageLookup, type TrustSettings } from '../core/trust';
import { isFresh } from '../core/trust/cache';
import { lookupKey, lookupPackages } from '../core/trust/lookup';
import type { InventoryService } from './inventoryService';
import { PLATFORM } from './locations';

const BATCH_DELAY_MS = 300;

export class TrustService implements vscode.Disposable {
  /** lookups made in this window, by registry + package (the disk cache is shared with the CLI) */
  private readonly memory = new Map<string, PackageLookup>();
  private readonly pending = new Map<string, CheckedServer['package']>();
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** fires when new facts arrived: diagnostics are then published again */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly inventory: InventoryService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get settings(): TrustSettings {
    return trustSettings(this.inventory.policy);
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Is a lookup for this server's package still on its way? (The hover says so instead of showing nothing.) */
  isPending(server: Pick<CheckedServer, 'package'>): boolean {
    const key = server.package ? lookupKey(server.package, this.settings) : null;
    return !!key && this.enabled && (this.pending.has(key) || this.inFlight.has(key));
  }

  /**
   * The servers with the facts known so far (and their findings); packages not known yet are queued for a lookup in
   * the background. Returns the servers unchanged when trust signals are off.
   */
  apply(servers: CheckedServer[]): CheckedServer[] {
    const settings = this.settings;
    if (!settings.enabled) return servers;
    const now = new Date();
    const policy = this.inventory.checker.policy;
    return servers.map((s) => {
      const key = s.package ? lookupKey(s.package, settings) : null;
      if (!key) return s;
      const known = this.memory.get(key);
      if (!known || !isFresh(known, now)) this.queue(key, s.package);
      return known ? applyTrust([s], this.memory, settings, policy, now)[0] : s;
    });
  }

  private queue(key: string, pkg: CheckedServer['package']): void {
    if (this.inFlight.has(key) || this.pending.has(key)) return;
    this.pending.set(key, pkg);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetchPending(), BATCH_DELAY_MS);
  }

  private async fetchPending(): Promise<void> {
    const batch = [...this.pending];
    this.pending.clear();
    if (!batch.length) return;
    for (const [key] of batch) this.inFlight.add(key);
    const settings = this.settings;
    const caFile = this.inventory.policy.caFile.value;
    try {
      const results = await lookupPackages(
        batch.flatMap(([, pkg]) => (pkg ? [pkg] : [])),
        settings,
        { cacheDir: defaultCacheDir(os.homedir(), PLATFORM, process.env), memory: this.memory, caFiles: caFile ? [caFile] : undefined },
      );
      for (const [key, r] of results) if (!r.ok) this.log.warn(`Trust signals unavailable for ${key.split('\u0000')[1]}: ${r.reason}`);
    } catch (e) {
      // lookups report failures as results; this is a bug, not a registry problem, and must not stop the editor
      this.log.error(`Trust signals: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      for (const [key] of batch) this.inFlight.delete(key);
    }
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}
