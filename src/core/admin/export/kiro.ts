// Kiro / Amazon Q Developer (Pro tier, IAM Identity Center): the console's MCP on/off toggle and "MCP registry URL",
// an HTTPS-served JSON file in a subset of the MCP Registry server.json v0.1 schema that acts as the allow-list
// (docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/mcp-governance.html, reference §12 [V]). Client-enforced; the
// docs say users can circumvent it. The same registry document as the VS Code target.
import type { Inventory } from '../../inventory/schema';
import { buildRegistry, registryText } from './registry';
import type { ExportModule, ExportNote, ExportOptions, ExportResult } from './common';

export const kiroExport: ExportModule = {
  target: 'kiro',
  title: 'Kiro / Amazon Q Developer',
  run(inventory: Inventory, options: ExportOptions): ExportResult {
    const notes: ExportNote[] = [];
    const { doc, allowed, denied } = buildRegistry(inventory, options, notes);
    const url = options.registryUrl ?? 'https://mcp-registry.example.com/mcp-registry.json';
    if (!options.registryUrl) notes.push({ id: null, level: 'info', message: `no --registry-url given: the policy value uses ${url}; replace it with where the file is served` });
    const policy = { MCP: 'On', 'MCP registry URL': url };
    notes.push({ id: null, level: 'info', message: `serve the file over HTTPS at ${url}; in the Kiro / Amazon Q Developer console (Settings) set ${JSON.stringify(policy)}` });
    notes.push({ id: null, level: 'info', message: 'enforcement happens in the client; AWS documents that users can circumvent it' });
    return { target: 'kiro', files: [{ name: 'mcp-registry.json', installTo: `${url} (HTTPS)`, text: registryText(doc) }], notes, allowed, denied, policy };
  },
};
