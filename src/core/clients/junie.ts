// JetBrains Junie (IDE plugin and CLI): user `~/.junie/mcp/mcp.json` and project `<project>/.junie/mcp/mcp.json`,
// key `mcpServers` in Claude Desktop notation (`command`/`args`/`env`; remote `url`/`headers`, reported as `http`).
// Source [S]: junie.jetbrains.com/docs/junie-cli-mcp-configuration.html as cited by several independent integrations
// (the vendor page itself could not be read here); jetbrains.com/help/junie/model-context-protocol-mcp.html only
// confirms a JSON server configuration (stdio) without naming the file. JetBrains AI Assistant keeps its MCP servers
// in IDE settings, not in a file read here.
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

export const junie: ClientModule = {
  id: 'junie',
  displayName: 'JetBrains Junie',
  locations(ctx) {
    return [
      { path: path.join(ctx.home, '.junie', 'mcp', 'mcp.json'), client: 'junie', scope: 'user', format: 'json' },
      ...ctx.workspaces.map((ws) => ({
        path: path.join(ws, '.junie', 'mcp', 'mcp.json'),
        client: 'junie' as const,
        scope: 'workspace' as const,
        format: 'json' as const,
      })),
    ];
  },
  fixes: { remoteEntry: (url) => ({ url }) },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
