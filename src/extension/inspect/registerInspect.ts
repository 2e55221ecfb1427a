// "MCP Gatekeeper: Inspect Tools of Server…": connects to ONE server the user picks, lists its tools, prompts and
// resources, and opens a Markdown report (tool-poisoning, tool-shadowing, tool-changed). Never automatic.
//  - a remote server is contacted because the user asked; in Restricted Mode the workspace's config does not get to
//    send the user's environment variables (`${env:X}` in headers) anywhere: only literal headers are sent;
//  - a stdio server is STARTED only after a modal confirmation naming the exact command (secrets masked), and
//    never in Restricted Mode;
//  - the inspection is cancellable and bounded (20 s), and the process is stopped afterwards.
// With `{ file, name }` as argument (a view or quick-fix), that server is inspected; otherwise a picker asks.
// Returns what it found (for tests and other commands), or undefined when nothing was inspected.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pathKey } from '../../core/discovery';
import { INSPECTIONS_FOLDER } from '../../core/inspect/cache';
import { DEFAULT_TIMEOUT_MS } from '../../core/inspect/connect';
import { summarizeFindings, toMarkdown } from '../../core/inspect/report';
import { runInspection } from '../../core/inspect/session';
import { planLaunch } from '../../core/inspect/target';
import type { InspectFinding } from '../../core/inspect/types';
import type { CheckedServer } from '../../core/model';
import { maskText } from '../../core/secrets';
import * as z from '../../core/zod';
import type { DiagnosticsController } from '../diagnosticsController';
import type { InventoryService } from '../inventoryService';
import { PLATFORM } from '../locations';

export const INSPECT_TOOLS_COMMAND = 'mcpGatekeeper.inspectTools';

export interface InspectDeps {
  diagnostics: DiagnosticsController;
  inventory: InventoryService;
  log: vscode.LogOutputChannel;
}

export interface InspectCommandResult {
  /** the Markdown report (a file in the extension's global storage) */
  reportUri: vscode.Uri;
  findings: InspectFinding[];
  tools: string[];
}

const ArgSchema = z.looseObject({
  file: z.optional(z.string().check(z.minLength(1))),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

const CLIENT_VERSION = 'vscode';

export function registerInspect(context: vscode.ExtensionContext, deps: InspectDeps): vscode.Disposable[] {
  const { diagnostics, inventory, log } = deps;
  const storage = context.globalStorageUri.fsPath;
  const cacheDir = path.join(storage, INSPECTIONS_FOLDER);
  const reportsDir = path.join(storage, 'inspection-reports');
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? CLIENT_VERSION);
  const running = new Set<string>();

  const detected = (): CheckedServer[] => diagnostics.results().flatMap((a) => a.servers);

  const command = vscode.commands.registerCommand(INSPECT_TOOLS_COMMAND, async (arg?: unknown): Promise<InspectCommandResult | undefined> => {
    const parsed = arg === undefined ? undefined : ArgSchema.safeParse(arg);
    const given = parsed?.success ? parsed.data : undefined;
    const all = detected();
    let server: CheckedServer | undefined;
    if (given?.name) {
      const wanted = given.file ? pathKey(given.file, PLATFORM) : undefined;
      const hits = all.filter((s) => s.name === given.name && (!wanted || pathKey(s.file, PLATFORM) === wanted));
      server = hits.length === 1 ? hits[0] : hits.length ? await pick(hits) : undefined;
      if (!hits.length) {
        void vscode.window.showWarningMessage(vscode.l10n.t('MCP Gatekeeper does not see a server "{0}"{1}.', maskText(given.name), given.file ? vscode.l10n.t(' in {0}', displayPath(given.file)) : ''));
        return undefined;
      }
    } else {
      if (!all.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No MCP servers were found to inspect.'));
        return undefined;
      }
      server = await pick(all);
    }
    if (!server) return undefined;
    const label = maskText(server.name);

    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && pathKey(d.uri.fsPath, PLATFORM) === pathKey(server.file, PLATFORM));
    if (open?.isDirty) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Save {0} first: the inspection starts "{1}" as the saved file defines it.', displayPath(server.file), label));
      return undefined;
    }

    const trusted = vscode.workspace.isTrusted;
    const workspaces = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const planned = await planLaunch(server, {
      workspaces,
      home: os.homedir(),
      env: process.env,
      // a workspace's own config does not get the user's variables in Restricted Mode
      resolveEnv: trusted || server.scope !== 'workspace',
    });
    if (!planned.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot inspect "{0}": {1}', label, planned.error));
      return undefined;
    }
    const plan = planned.plan;

    if (plan.kind === 'stdio') {
      if (!trusted) {
        const manage = vscode.l10n.t('Manage Workspace Trust');
        const choice = await vscode.window.showErrorMessage(
          vscode.l10n.t('"{0}" is a local (stdio) server: inspecting it would start a program, which MCP Gatekeeper never does in Restricted Mode. Trust this workspace first.', label),
          manage,
        );
        if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
        return undefined;
      }
      const start = vscode.l10n.t('Start and Inspect');
      const env = plan.envNames.length ? vscode.l10n.t('\n\nWith the environment variables {0} from its config (values not shown).', plan.envNames.join(', ')) : '';
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Start "{0}" to inspect its tools?', label),
        {
          modal: true,
          detail: vscode.l10n.t(
            'MCP Gatekeeper will run this command on your machine:\n\n{0}{1}\n\nIt lists the tools, prompts and resources, and is stopped afterwards (after {2} s at most). Only continue if you trust this server.',
            plan.display,
            env,
            String(DEFAULT_TIMEOUT_MS / 1000),
          ),
        },
        start,
      );
      if (choice !== start) return undefined;
    }

    const key = `${server.file}\u0000${server.name}`;
    if (running.has(key)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is already being inspected.', label));
      return undefined;
    }
    running.add(key);
    try {
      const target = server;
      const run = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Inspecting the tools of "{0}"…', label), cancellable: true },
        (_progress, token) => {
          const ac = new AbortController();
          token.onCancellationRequested(() => ac.abort());
          const policy = inventory.policy;
          return runInspection({
            server: target,
            allServers: all,
            inventory: inventory.inventory.inventory,
            cacheDir,
            plan,
            allowStdio: plan.kind === 'stdio' && trusted,
            signal: ac.signal,
            clientVersion: version,
            policy: { enforcement: policy.enforcement.value, severities: policy.severities.value },
          });
        },
      );
      if (!run.ok) {
        log.warn(`Inspection of "${label}" failed: ${run.error}`);
        if (run.error !== 'cancelled') void vscode.window.showErrorMessage(vscode.l10n.t('Could not inspect "{0}": {1}', label, run.error));
        return undefined;
      }
      const report = run.report;
      await fs.mkdir(reportsDir, { recursive: true });
      const file = path.join(reportsDir, `${safeName(server.name)}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}.md`);
      await fs.writeFile(file, toMarkdown(report), { mode: 0o600 });
      const reportUri = vscode.Uri.file(file);
      // the built-in Markdown extension renders it; without it (disabled), the Markdown source is shown
      await Promise.resolve(vscode.commands.executeCommand('markdown.showPreview', reportUri)).catch(() => vscode.window.showTextDocument(reportUri, { preview: true }));

      const s = summarizeFindings(report.findings);
      const tools = report.inspection.tools.length;
      log.info(`Inspected "${label}" (${report.inspection.via}, ${report.server.target}): ${tools} tool(s), ${s.error} error(s), ${s.warning} warning(s), ${s.info} info`);
      if (s.error || s.warning) {
        void vscode.window.showWarningMessage(vscode.l10n.t('"{0}": {1} error(s) and {2} warning(s) in its {3} tool(s). See the report.', label, String(s.error), String(s.warning), String(tools)));
      } else {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}": {1} tool(s), nothing suspicious found.', label, String(tools)));
      }
      return { reportUri, findings: report.findings, tools: report.inspection.tools.map((t) => t.name) };
    } finally {
      running.delete(key);
    }
  });

  return [command];
}

/** The picker: every detected server, with its client, transport and file. */
async function pick(servers: CheckedServer[]): Promise<CheckedServer | undefined> {
  type Item = vscode.QuickPickItem & { server: CheckedServer };
  const sorted = [...servers].sort((a, b) => a.name.localeCompare(b.name) || a.file.localeCompare(b.file));
  const items: Item[] = sorted.map((s) => ({
    label: maskText(s.name),
    description: [s.client, s.transport === 'stdio' ? vscode.l10n.t('local (stdio): starts a program') : s.transport, ...(s.disabled ? [vscode.l10n.t('disabled')] : [])].join(' · '),
    detail: `${displayPath(s.file)}:${s.range.start.line + 1}`,
    server: s,
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Inspect the tools of an MCP server'),
    placeHolder: vscode.l10n.t('Choose the server to connect to (local servers are started only after you confirm)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.server;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'server';
}

/** Relative to the workspace when inside it, `~/…` under the home folder, the full path otherwise. */
function displayPath(file: string): string {
  const rel = vscode.workspace.asRelativePath(file, true);
  if (rel !== file) return rel;
  const home = os.homedir();
  return file.startsWith(home) ? `~${file.slice(home.length)}` : file;
}
