// Roo Code: global `<VSC>/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json` in every VS Code fork
// it installs into, and the project's `.roo/mcp.json` (which wins on a name clash). Key `mcpServers`.
// Sources: RooCodeInc/Roo-Code src/services/mcp/McpHub.ts (getMcpSettingsFilePath = the extension's settings folder +
// GlobalFileNames.mcpSettings `mcp_settings.json`; getProjectMcpPath = `<workspace>/.roo/mcp.json`; server schema)
// and docs.roocode.com/features/mcp/using-mcp-in-roo.
// Fields: `command`/`args`/`env`/`cwd`, or `url`/`headers` with `type` `sse` | `streamable-http` (Roo rejects a `url`
// without a type; reported here as `http`, the default for a remote entry). `disabled: true` turns a server off;
// `alwaysAllow` and `disabledTools` are tool lists and change nothing here.
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { extensionStorageFiles } from './extensionStorage';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

export const roo: ClientModule = {
  id: 'roo',
  displayName: 'Roo Code',
  locations(ctx) {
    return [
      ...extensionStorageFiles(ctx, 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json').map((p) => ({
        path: p,
        client: 'roo' as const,
        scope: 'user' as const,
        format: 'json' as const,
      })),
      ...ctx.workspaces.map((ws) => ({
        path: path.join(ws, '.roo', 'mcp.json'),
        client: 'roo' as const,
        scope: 'workspace' as const,
        format: 'json' as const,
      })),
    ];
  },
  fixes: { remoteEntry: (url) => ({ type: 'streamable-http', url }), disable: { flag: 'disabled', value: true } },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
