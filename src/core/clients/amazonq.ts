// Amazon Q Developer: key `mcpServers` in
// - legacy `~/.aws/amazonq/mcp.json` and `<project>/.amazonq/mcp.json` (read by the IDE plugins while
//   `useLegacyMcpJson` is on, and by the CLI);
// - IDE agent config `~/.aws/amazonq/agents/default.json` and `<project>/.amazonq/agents/default.json`;
// - CLI agents `~/.aws/amazonq/cli-agents/*.json` and `<project>/.amazonq/cli-agents/*.json`, found by listing the
//   folders (amazonqAgentLocations, also this module's `enumerate`).
// Sources: docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-mcp-configuration.html, qdev-mcp.html,
// mcp-ide.html; aws/amazon-q-developer-cli crates/chat-cli/src/util/directories.rs (legacy paths, `.aws/amazonq/
// cli-agents`, `.amazonq/cli-agents`); AWS language-servers mcpUtils (getGlobalAgentConfigPath,
// getWorkspaceAgentConfigPaths: `agents/default.json`).
// Entries: `command`/`args`/`env`/`timeout`, or `type: "http"` + `url`/`headers`; `disabled: true` turns one off.
import * as path from 'node:path';
import type { ConfigLocation } from '../model';
import type { ClientModule, DiscoveryContext, ListDir } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

const loc = (p: string, scope: 'user' | 'workspace'): ConfigLocation => ({ path: p, client: 'amazonq', scope, format: 'json' });

export const amazonq: ClientModule = {
  id: 'amazonq',
  displayName: 'Amazon Q Developer',
  locations(ctx) {
    const home = path.join(ctx.home, '.aws', 'amazonq');
    return [
      loc(path.join(home, 'mcp.json'), 'user'),
      loc(path.join(home, 'agents', 'default.json'), 'user'),
      ...ctx.workspaces.flatMap((ws) => [
        loc(path.join(ws, '.amazonq', 'mcp.json'), 'workspace'),
        loc(path.join(ws, '.amazonq', 'agents', 'default.json'), 'workspace'),
      ]),
    ];
  },
  enumerate: (ctx, listDir) => amazonqAgentLocations(ctx, listDir),
  fixes: { remoteEntry: (url) => ({ url }), disable: { flag: 'disabled', value: true } },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};

/** The CLI's agent files: every `*.json` in `~/.aws/amazonq/cli-agents` (user) and `<project>/.amazonq/cli-agents` (workspace). */
export async function amazonqAgentLocations(ctx: DiscoveryContext, readdir: ListDir): Promise<ConfigLocation[]> {
  const folders: [string, 'user' | 'workspace'][] = [
    [path.join(ctx.home, '.aws', 'amazonq', 'cli-agents'), 'user'],
    ...ctx.workspaces.map((ws): [string, 'workspace'] => [path.join(ws, '.amazonq', 'cli-agents'), 'workspace']),
  ];
  const found = await Promise.all(
    folders.map(async ([dir, scope]) => {
      const names = await readdir(dir).catch(() => [] as string[]);
      return names
        .filter((n) => n.toLowerCase().endsWith('.json'))
        .sort()
        .map((n) => loc(path.join(dir, n), scope));
    }),
  );
  return found.flat();
}
