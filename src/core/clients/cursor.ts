// Cursor: `~/.cursor/mcp.json` and `.cursor/mcp.json`, key `mcpServers`; remote entries use `url`.
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

export const cursor: ClientModule = {
  id: 'cursor',
  displayName: 'Cursor',
  locations(ctx) {
    return [
      { path: path.join(ctx.home, '.cursor', 'mcp.json'), client: 'cursor', scope: 'user', format: 'jsonc' },
      ...ctx.workspaces.map((ws) => ({
        path: path.join(ws, '.cursor', 'mcp.json'),
        client: 'cursor' as const,
        scope: 'workspace' as const,
        format: 'jsonc' as const,
      })),
    ];
  },
  fixes: { remoteEntry: (url) => ({ url }) },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
