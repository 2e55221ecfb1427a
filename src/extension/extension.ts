// Entry point: wires the adapter pieces together. Activation does no I/O itself; the first scan is deferred.
import * as vscode from 'vscode';
import { DiagnosticsController } from './diagnosticsController';
import { InventoryService, workspacePolicyOverrides } from './inventoryService';
import { LocationRegistry } from './locations';
import { registerCommands } from './commands';
import { StatusBar } from './statusBar';
import { ShadowNotifier } from './shadowNotifier';
import { FixApplier, type FixRequest } from './fixes/applyFix';
import { APPLY_FIX_COMMAND, FIX_ALL_COMMAND, FixCodeActions } from './fixes/codeActions';
import { ServersView, type TreeSnapshot } from './view/serversView';
import { ProcessesView } from './view/processesView';
import { ServerHover } from './hover';
import { TrustService } from './trustService';
import { registerViewCommands } from './view/viewCommands';
import { registerRequestFlow } from './request/registerRequestFlow';
import { RequestRecordStore } from './request/records';
import { registerInspect } from './inspect/registerInspect';
import { ChangeLog } from './changeLog';

export interface GatekeeperApi {
  /** resolves when the first scan after activation has finished */
  readonly ready: Promise<void>;
  /** re-reads the inventory and re-checks every config file */
  scanNow(): Promise<void>;
  /** What the status bar item and the MCP Servers view show right now (the integration tests read the UI through it). */
  ui(): { statusBar: string; servers: TreeSnapshot[]; badge: number };
}

export function activate(context: vscode.ExtensionContext): GatekeeperApi {
  const log = vscode.window.createOutputChannel('MCP Gatekeeper', { log: true });
  const inventory = new InventoryService(context, log);
  const locations = new LocationRegistry();
  const requests = new RequestRecordStore(context.globalState);
  const trust = new TrustService(inventory, log);
  const diagnostics = new DiagnosticsController(locations, inventory, log, requests, trust);
  context.subscriptions.push(log, inventory, trust, diagnostics);

  const scanNow = () => diagnostics.rescanAll(inventory.reload());
  const statusBar = new StatusBar(diagnostics, inventory);
  context.subscriptions.push(...registerCommands({ scanNow, diagnostics, inventory, secrets: context.secrets, log }), statusBar);

  const changes = new ChangeLog(log, String((context.extension.packageJSON as { version?: unknown }).version ?? 'dev'));
  context.subscriptions.push(changes);
  const fixes = new FixApplier(locations, inventory, log, changes);
  const view = new ServersView(diagnostics, fixes);
  const processes = new ProcessesView(diagnostics, inventory, log);
  context.subscriptions.push(
    view,
    processes,
    vscode.languages.registerHoverProvider({ scheme: 'file' }, new ServerHover(diagnostics, inventory, trust)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new FixCodeActions(locations, fixes, (uri, range) => diagnostics.serverAt(uri, range)), FixCodeActions.metadata),
    vscode.commands.registerCommand(APPLY_FIX_COMMAND, (req: FixRequest) => fixes.apply(req)),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      return target ? fixes.fixAll(target) : 0;
    }),
    ...registerViewCommands(view, fixes),
  );
  context.subscriptions.push(requests, ...registerRequestFlow(context, { inventory, diagnostics, trust, log, records: requests, changes }));
  context.subscriptions.push(...registerInspect(context, { diagnostics, inventory, log }));

  const overrides = workspacePolicyOverrides();
  if (overrides.length) log.warn(`This workspace sets ${overrides.join(', ')}; organization policy is never taken from a workspace, so these values are ignored.`);
  // activation only wires things up; the first scan (and loading the inventory) starts right after it returns
  const ready = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(scanNow)
    .catch((e: unknown) => {
      log.error(`First scan failed: ${e instanceof Error ? e.message : String(e)}`);
    })
    .finally(() => statusBar.update());
  context.subscriptions.push(new ShadowNotifier(diagnostics, context.globalState, ready));
  return { ready, scanNow, ui: () => ({ statusBar: statusBar.text, ...view.snapshot() }) };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
