// Kiro (IDE and CLI): user `~/.kiro/settings/mcp.json` and workspace `<project>/.kiro/settings/mcp.json` (merged, the
// workspace wins). Key `mcpServers`: `command`/`args`/`env`, or `url` (+ `headers`, `oauth`) for a remote server,
// which names no transport and is reported as `http`. `disabled: true` turns a server off; `autoApprove` and
// `disabledTools` are tool lists and change nothing here.
// Sources: kiro.dev/docs/mcp/configuration and kiro.dev/docs/cli/mcp/configuration.
import * as path from 'node:path';
import type { ClientModule } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

export const kiro: ClientModule = {
  id: 'kiro',
  displayName: 'Kiro',
  locations(ctx) {
    return [
      { path: path.join(ctx.home, '.kiro', 'settings', 'mcp.json'), client: 'kiro', scope: 'user', format: 'json' },
      ...ctx.workspaces.map((ws) => ({
        path: path.join(ws, '.kiro', 'settings', 'mcp.json'),
        client: 'kiro' as const,
        scope: 'workspace' as const,
        format: 'json' as const,
      })),
    ];
  },
  fixes: { remoteEntry: (url) => ({ url }), disable: { flag: 'disabled', value: true } },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};
