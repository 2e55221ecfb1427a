// VS Code (GitHub Copilot agent mode): registry-only MCP access. The setting `chat.mcp.access` ("none" | "registry" |
// "all"; Group Policy/MDM policy `ChatMCP`) and `chat.mcp.gallery.serviceUrl` (policy `McpGalleryServiceUrl`, since
// 1.101) point the MCP gallery at an MCP-Registry-compatible endpoint; under "registry" only servers listed there are
// installed and started, and a remote server only with the URL the registry gives (reference §1 [V], VS Code
// microsoft/vscode#272247). The registry document itself is shared with the Copilot and Kiro targets.
import type { Inventory } from '../../inventory/schema';
import { buildRegistry, registryText } from './registry';
import type { ExportModule, ExportNote, ExportOptions, ExportResult } from './common';

export const vscodeExport: ExportModule = {
  target: 'vscode',
  title: 'VS Code',
  run(inventory: Inventory, options: ExportOptions): ExportResult {
    const notes: ExportNote[] = [];
    const { doc, allowed, denied } = buildRegistry(inventory, options, notes);
    const base = registryBase(options, notes);
    const policy = { 'chat.mcp.access': 'registry', 'chat.mcp.gallery.serviceUrl': base };
    notes.push({ id: null, level: 'info', message: `serve the document at ${base.replace(/\/+$/, '')}/v0.1/servers and deploy the policies ChatMCP = registryOnly and McpGalleryServiceUrl = ${base} (Group Policy, macOS profile or Linux policy.json), i.e. the settings ${JSON.stringify(policy)}` });
    return { target: 'vscode', files: [{ name: 'servers.json', installTo: `${base.replace(/\/+$/, '')}/v0.1/servers (static hosting, with CORS allowed)`, text: registryText(doc) }], notes, allowed, denied, policy };
  },
};

/** The base URL the registry is served from, or a placeholder the admin must replace. */
export function registryBase(options: ExportOptions, notes: ExportNote[]): string {
  if (options.registryUrl) return options.registryUrl.replace(/\/v0(\.1)?\/servers\/?$/, '');
  notes.push({ id: null, level: 'info', message: 'no --registry-url given: the policy values use https://mcp-registry.example.com; replace it with where the document is served' });
  return 'https://mcp-registry.example.com';
}
