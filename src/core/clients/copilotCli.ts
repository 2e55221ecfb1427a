// GitHub Copilot CLI (and the SDK / VS Code "Copilot Global" configuration): `mcpServers` maps with
// `type` `local` / `stdio` (same behaviour), `http` (Streamable HTTP) or `sse`; `command` + `args`, or `url` + `headers`.
// Files (github/docs copilot-cli add-mcp-servers.md and cli-config-dir-reference.md):
//   user     $COPILOT_HOME/mcp-config.json, default ~/.copilot/mcp-config.json (VS Code reads the same file:
//            microsoft/vscode platform/mcp/common/mcpConfigPaths.ts)
//            legacy $XDG_CONFIG_HOME/.copilot/mcp-config.json: builds up to ~1.0.4 used it when XDG_CONFIG_HOME was set
//            (github/copilot-cli #1347, #1750); current builds migrate it to ~/.copilot at startup
//   project  <folder>/.mcp.json (primary client: claude-code) and <folder>/.github/mcp.json; the CLI also loads every
//            `.mcp.json` between the working directory and the repository root, which only the folder roots cover here
// Turned off: `disabledMcpServers` in the user settings.json (cli-config-dir-reference); `/mcp disable` alone only
// lasts for the session and is not on disk.
import * as path from 'node:path';
import type { ConfigLocation } from '../model';
import type { ClientModule, DiscoveryContext } from './types';
import { disabledNamesOf, extractJsonServers, readJsonObject, stringsOf, withDisabledNames, type JsonDialect, type ReadText } from './jsonServers';
import { envUnderHome, xdgConfigHome } from './paths';

// the project files accept the bare `{ "<name>": {…} }` shape too (github/docs issue #44234)
const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };
const projectDialect: JsonDialect = { ...dialect, bareMapFallback: true };

/** Copilot CLI's home folders, current first: `$COPILOT_HOME` (when under the scanned home) and `~/.copilot`. */
function copilotHomes(ctx: DiscoveryContext): string[] {
  const relocated = envUnderHome(ctx, 'COPILOT_HOME');
  return [...(relocated ? [relocated] : []), path.join(ctx.home, '.copilot')];
}

const at = (file: string, scope: ConfigLocation['scope']): ConfigLocation => ({ path: file, client: 'copilot-cli', scope, format: 'json' });

export const copilotCli: ClientModule = {
  id: 'copilot-cli',
  displayName: 'GitHub Copilot CLI',
  locations(ctx) {
    return [
      ...copilotHomes(ctx).map((dir) => at(path.join(dir, 'mcp-config.json'), 'user')),
      at(path.join(xdgConfigHome(ctx), '.copilot', 'mcp-config.json'), 'user'),
      ...ctx.workspaces.flatMap((ws) => [at(path.join(ws, '.mcp.json'), 'workspace'), at(path.join(ws, '.github', 'mcp.json'), 'workspace')]),
    ];
  },
  fixes: { remoteEntry: (url) => ({ type: 'http', url }) },
  extract(doc, location) {
    const entries = extractJsonServers(doc, location, location.scope === 'workspace' ? projectDialect : dialect);
    return withDisabledNames(entries, disabledNamesOf(location));
  },
  disabledNames: (ctx, _location, readText) => copilotCliDisabledNames(ctx, readText),
};

/**
 * The server names Copilot CLI turns off: `disabledMcpServers` in the user `settings.json` of each Copilot home.
 * They apply to every file Copilot CLI is the primary reader of; discovery attaches them as `disabledNames`.
 */
export async function copilotCliDisabledNames(ctx: DiscoveryContext, readText: ReadText): Promise<string[]> {
  const settings = await Promise.all(copilotHomes(ctx).map((dir) => readJsonObject(readText, path.join(dir, 'settings.json'))));
  return [...new Set(settings.flatMap((s) => stringsOf(s?.disabledMcpServers)))].sort();
}
