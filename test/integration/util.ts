// Helpers for tests inside the real extension host.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GatekeeperApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'mcp-gatekeeper.mcp-gatekeeper';

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri.fsPath;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

/** Our diagnostics about the inventory's verdict (the static security rules have tests of their own). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return allOurs(uri).filter((d) => VERDICT_RULES.has(ruleOf(d)));
}

/** The rule id of a diagnostic of ours (its code is `{ value: rule id, target: docs page }`). */
export function ruleOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** Every diagnostic of ours, security rules included. */
export function allOurs(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'MCP Gatekeeper');
}

const VERDICT_RULES = new Set(['shadow-mcp', 'pending-mcp', 'rejected-mcp', 'deprecated-mcp', 'unapproved-version', 'bypasses-gateway', 'inventory-stale', 'inventory-override-attempt', 'invalid-config']);

/** Polls until `read()` satisfies `ok`, or fails with the last value seen. */
export async function waitFor<T>(read: () => T, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last, null, 1)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = read();
  }
  return last;
}

/** waitFor for reads that are themselves asynchronous (editor commands), polled every 200 ms. */
export async function waitForAsync<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last, null, 1)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

/** The hover at a position as the user reads it (Markdown escapes such as `\(` removed). */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
}

/** line (1-based, as users read it) → rule id, for compact assertions */
export function byLine(diags: vscode.Diagnostic[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const d of diags) out[d.range.start.line + 1] = ruleOf(d);
  return out;
}

export async function activateExtension(): Promise<GatekeeperApi> {
  const ext = vscode.extensions.getExtension<GatekeeperApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const api = await ext.activate();
  await api.ready;
  return api;
}
