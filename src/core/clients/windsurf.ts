// Windsurf (Cascade): `~/.codeium/windsurf/mcp_config.json` (on Windows `%USERPROFILE%\.codeium\windsurf\…`, the
// same path under the home folder) and the Windsurf JetBrains plugin's `~/.codeium/mcp_config.json`. User level only.
// Key `mcpServers` (Claude Desktop schema); a remote entry has `serverUrl` or `url` and names no transport (Windsurf
// negotiates Streamable HTTP or SSE), so it is reported as `http`.
// Sources: docs.windsurf.com/windsurf/cascade/mcp (file, `serverUrl` or `url`, interpolation fields) and
// docs.windsurf.com/plugins/cascade/mcp.md (the plugin's `~/.codeium/mcp_config.json`).
// `disabled: true` is honoured by the shared mapping; Windsurf's docs do not describe it (tools are toggled in the
// UI), it only appears in vendors' Windsurf setup guides (e.g. docs.silabs.com/mcp) [S].
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['serverUrl', 'url'] };

export const windsurf: ClientModule = {
  id: 'windsurf',
  displayName: 'Windsurf',
  locations(ctx) {
    return [
      { path: path.join(ctx.home, '.codeium', 'windsurf', 'mcp_config.json'), client: 'windsurf', scope: 'user', format: 'json' },
      { path: path.join(ctx.home, '.codeium', 'mcp_config.json'), client: 'windsurf', scope: 'user', format: 'json' },
    ];
  },
  fixes: { remoteEntry: (serverUrl) => ({ serverUrl }), disable: { flag: 'disabled', value: true } },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
