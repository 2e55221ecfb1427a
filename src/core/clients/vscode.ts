// VS Code (GitHub Copilot agent mode): `.vscode/mcp.json` and the user profile's `mcp.json`, key `servers` (+ `inputs`).
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { appDataDir, VSCODE_APP_FOLDERS } from './paths';

const dialect: JsonDialect = { serversPath: ['servers'], urlKeys: ['url'] };

export const vscode: ClientModule = {
  id: 'vscode',
  displayName: 'VS Code',
  locations(ctx) {
    return [
      ...VSCODE_APP_FOLDERS.map((app) => ({
        path: path.join(appDataDir(ctx, app), 'User', 'mcp.json'),
        client: 'vscode' as const,
        scope: 'user' as const,
        format: 'jsonc' as const,
      })),
      ...ctx.workspaces.map((ws) => ({
        path: path.join(ws, '.vscode', 'mcp.json'),
        client: 'vscode' as const,
        scope: 'workspace' as const,
        format: 'jsonc' as const,
      })),
    ];
  },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
