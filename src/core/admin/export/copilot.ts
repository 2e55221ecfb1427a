// GitHub Copilot (organization / enterprise policy): "MCP servers in Copilot" enabled, an MCP registry URL that follows
// the v0.1 registry spec (GET /v0.1/servers, /v0.1/servers/{name}/versions/latest, with CORS), and the access policy
// "Registry only", under which local servers must be listed with an exactly matching server ID
// (docs.github.com …/manage-mcp-usage/configure-mcp-registry, governance anchors §1.4). The same registry document
// as the VS Code target.
import type { Inventory } from '../../inventory/schema';
import { buildRegistry, registryText } from './registry';
import { registryBase } from './vscode';
import type { ExportModule, ExportNote, ExportOptions, ExportResult } from './common';

export const copilotExport: ExportModule = {
  target: 'copilot',
  title: 'GitHub Copilot',
  run(inventory: Inventory, options: ExportOptions): ExportResult {
    const notes: ExportNote[] = [];
    const { doc, allowed, denied } = buildRegistry(inventory, options, notes);
    const base = registryBase(options, notes);
    const policy = { 'MCP servers in Copilot': 'Enabled', 'MCP Registry URL': base, 'Restrict MCP access to registry servers': 'Registry only' };
    notes.push({ id: null, level: 'info', message: `serve the document at ${base.replace(/\/+$/, '')}/v0.1/servers; in the organization's (or enterprise's) Copilot policies set ${JSON.stringify(policy)}` });
    notes.push({ id: null, level: 'info', message: 'GitHub documents that registry enforcement matches server names/IDs only and can be bypassed by editing config files; pair it with the Claude Code-style enterprise allow-list (export --to claude-code) where available' });
    return { target: 'copilot', files: [{ name: 'servers.json', installTo: `${base.replace(/\/+$/, '')}/v0.1/servers (static hosting, with CORS allowed)`, text: registryText(doc) }], notes, allowed, denied, policy };
  },
};
