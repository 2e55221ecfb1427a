// VS Code (GitHub Copilot agent mode) and the builds that run its MCP support (Insiders, Code - OSS, VSCodium).
// Servers are `{ "<name>": { type, command, args, env, url, headers } }` maps (+ `inputs`), found under a different
// key path in each kind of file (see `serversPathFor`):
//   user   <VSC>/User/mcp.json `servers`; named profiles <VSC>/User/profiles/<id>/mcp.json (microsoft/vscode
//          userDataProfile.ts: mcpResource = <profile>/mcp.json, profiles home = User/profiles)
//          <VSC>/User/settings.json and profiles' settings.json `mcp.servers`: the pre-1.102 place; VS Code still
//          reads it at startup to migrate it into mcp.json (workbench/contrib/mcp/browser/mcpMigration.ts)
//   folder .vscode/mcp.json `servers`; .vscode/settings.json `mcp.servers` (legacy, read before 1.102)
//          <folder>/*.code-workspace `settings.mcp.servers` (mcpConfigPathsService.ts: section ['settings', 'mcp'])
//          dev containers `customizations.vscode.mcp.servers` (vscode-docs customization/mcp-servers.md) in
//          .devcontainer/devcontainer.json, .devcontainer.json, .devcontainer/<name>/devcontainer.json (containers.dev)
// No per-entry disable flag: start/stop and trust are UI state, not in the files.
// VS Code also reads `.mcp.json` and `~/.copilot/mcp-config.json`; those belong to claude-code and copilot-cli.
import * as path from 'node:path';
import type { ConfigLocation } from '../model';
import type { ClientModule, DiscoveryContext, ListDir } from './types';
import { extractJsonServers } from './jsonServers';
import { appDataDir, VSCODE_APP_FOLDERS } from './paths';

const MCP_FILE = 'mcp.json';
const SETTINGS_FILE = 'settings.json';
const DEVCONTAINER_FILE = 'devcontainer.json';
const WORKSPACE_FILE_SUFFIX = '.code-workspace';

/** Where the servers map is in a file, told by its name: one module reads four shapes of VS Code file. */
export function serversPathFor(file: string): string[] {
  const name = path.basename(file);
  if (name.toLowerCase().endsWith(WORKSPACE_FILE_SUFFIX)) return ['settings', 'mcp', 'servers'];
  if (name === DEVCONTAINER_FILE || name === `.${DEVCONTAINER_FILE}`) return ['customizations', 'vscode', 'mcp', 'servers'];
  if (name === SETTINGS_FILE) return ['mcp', 'servers'];
  return ['servers'];
}

const at = (file: string, scope: ConfigLocation['scope']): ConfigLocation => ({ path: file, client: 'vscode', scope, format: 'jsonc' });

/** `<VSC>/User` of every VS Code build that reads MCP config. */
const userDirs = (ctx: DiscoveryContext) => VSCODE_APP_FOLDERS.map((app) => path.join(appDataDir(ctx, app), 'User'));

/** Named profiles' `mcp.json` and `settings.json`: `<VSC>/User/profiles/<id>/…`, only those that exist. */
export async function vscodeProfileLocations(ctx: DiscoveryContext, listDir: ListDir): Promise<ConfigLocation[]> {
  const perProfile = await Promise.all(
    userDirs(ctx).map(async (user) => {
      const profiles = path.join(user, 'profiles');
      const ids = await listDir(profiles);
      return Promise.all(ids.map(async (id) => filesIn(path.join(profiles, id), [MCP_FILE, SETTINGS_FILE], listDir)));
    }),
  );
  return perProfile.flat(2).map((file) => at(file, 'user'));
}

/** `*.code-workspace` files at each folder's root and `.devcontainer/<name>/devcontainer.json`, only those that exist. */
export async function vscodeWorkspaceLocations(ctx: DiscoveryContext, listDir: ListDir): Promise<ConfigLocation[]> {
  const perFolder = await Promise.all(
    ctx.workspaces.map(async (ws) => {
      const workspaceFiles = (await listDir(ws)).filter((n) => n.toLowerCase().endsWith(WORKSPACE_FILE_SUFFIX)).map((n) => path.join(ws, n));
      const devcontainerDir = path.join(ws, '.devcontainer');
      // `.devcontainer/devcontainer.json` itself is a fixed location; its sibling folders may hold more configs
      const subfolders = (await listDir(devcontainerDir)).filter((n) => n !== DEVCONTAINER_FILE);
      const nested = await Promise.all(subfolders.map((n) => filesIn(path.join(devcontainerDir, n), [DEVCONTAINER_FILE], listDir)));
      return [...workspaceFiles, ...nested.flat()];
    }),
  );
  return perFolder.flat().map((file) => at(file, 'workspace'));
}

async function filesIn(dir: string, names: readonly string[], listDir: ListDir): Promise<string[]> {
  const present = new Set(await listDir(dir));
  return names.filter((n) => present.has(n)).map((n) => path.join(dir, n));
}

export const vscode: ClientModule = {
  id: 'vscode',
  displayName: 'VS Code',
  locations(ctx) {
    return [
      ...userDirs(ctx).flatMap((user) => [at(path.join(user, MCP_FILE), 'user'), at(path.join(user, SETTINGS_FILE), 'user')]),
      ...ctx.workspaces.flatMap((ws) => [
        at(path.join(ws, '.vscode', MCP_FILE), 'workspace'),
        at(path.join(ws, '.vscode', SETTINGS_FILE), 'workspace'),
        at(path.join(ws, '.devcontainer', DEVCONTAINER_FILE), 'workspace'),
        at(path.join(ws, `.${DEVCONTAINER_FILE}`), 'workspace'),
      ]),
    ];
  },
  async enumerate(ctx, listDir) {
    const [profiles, workspaceFiles] = await Promise.all([vscodeProfileLocations(ctx, listDir), vscodeWorkspaceLocations(ctx, listDir)]);
    return [...profiles, ...workspaceFiles];
  },
  fixes: { remoteEntry: (url) => ({ type: 'http', url }) },
  extract: (doc, location) => extractJsonServers(doc, location, { serversPath: serversPathFor(location.path), urlKeys: ['url'] }),
};
