// Claude Code: project `.mcp.json`, key `mcpServers`; `type` absent = stdio, `streamable-http` = http.
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

export const claudeCode: ClientModule = {
  id: 'claude-code',
  displayName: 'Claude Code',
  locations(ctx) {
    return ctx.workspaces.map((ws) => ({
      path: path.join(ws, '.mcp.json'),
      client: 'claude-code' as const,
      scope: 'workspace' as const,
      format: 'json' as const,
    }));
  },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
