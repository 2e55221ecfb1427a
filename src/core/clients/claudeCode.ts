// Claude Code (CLI, IDE extensions, Desktop Code tab): `mcpServers` maps; `type` absent = stdio, `http` /
// `streamable-http` = http, `sse`, `ws` (WebSocket, reported as the model's remote transport http).
// Files (code.claude.com/docs mcp, settings, managed-mcp, env-vars via the coroboros/archivist mirror, Aug 2026):
//   project  <folder>/.mcp.json `mcpServers` (also read by Copilot CLI and VS Code, which accept a bare map too)
//   user     ~/.claude.json top-level `mcpServers`; $CLAUDE_CONFIG_DIR/.claude.json when that is set
//   local    ~/.claude.json `projects["<abs folder>"].mcpServers`: reported with scope `workspace` for open folders
//   managed  managed-mcp.json in /Library/Application Support/ClaudeCode/, /etc/claude-code/, C:\Program Files\ClaudeCode\
// Turned off: `projects["<folder>"].disabledMcpServers` (the per-project /mcp toggle, for servers of any scope), and for
// `.mcp.json` servers `disabledMcpjsonServers` in any settings file or (older versions) in the folder's project entry.
// An entry with `url` but no `type` is skipped by Claude Code itself; it is still reported (as http), because the
// other readers of `.mcp.json` load it and the file says what the user meant.
import * as path from 'node:path';
import type { ConfigLocation, Platform, ServerEntry } from '../model';
import { plainValue, valueAt, type ParsedDocument } from '../parse';
import type { ClientModule, DiscoveryContext } from './types';
import { disabledNamesOf, extractJsonServers, readJsonObject, stringsOf, withDisabledNames, type JsonDialect, type ReadText } from './jsonServers';
import { envUnderHome } from './paths';
import { systemPath } from './systemPaths';

/** A Claude Code location; `~/.claude.json` also names the open folders whose `projects[...]` entries apply. */
export interface ClaudeCodeLocation extends ConfigLocation {
  /** open workspace folders, as given to discovery (matched against `projects` keys by `projectKey`) */
  projects?: string[];
  /** the OS the folders belong to: how `projects` keys compare (separators, case) */
  platform?: Platform;
}

const GLOBAL_CONFIG = '.claude.json';
const PROJECT_FILE = '.mcp.json';
const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };
// `.mcp.json` is reported once for all its readers, so it also reads the bare `{ "<name>": {…} }` shape VS Code
// (mcpWorkspaceConfiguration.ts) and Copilot CLI accept; Claude Code itself only reads `mcpServers`.
const projectFileDialect: JsonDialect = { ...dialect, bareMapFallback: true };

/** Claude Code's config folder: `$CLAUDE_CONFIG_DIR` (settings, and `.claude.json` inside it) or `~/.claude`. */
const configDir = (ctx: DiscoveryContext) => envUnderHome(ctx, 'CLAUDE_CONFIG_DIR') ?? path.join(ctx.home, '.claude');

/** The `~/.claude.json` files to read: the default one, and the relocated one when CLAUDE_CONFIG_DIR is set. */
function globalConfigs(ctx: DiscoveryContext): string[] {
  const relocated = envUnderHome(ctx, 'CLAUDE_CONFIG_DIR');
  return [path.join(ctx.home, GLOBAL_CONFIG), ...(relocated ? [path.join(relocated, GLOBAL_CONFIG)] : [])];
}

/**
 * A file in the machine-wide folder of managed-mcp.json / managed-settings.json: `/Library/Application Support/ClaudeCode`,
 * `/etc/claude-code`, `C:\Program Files\ClaudeCode` (system paths with the OS's own separators, re-rooted by
 * MCPG_SYSTEM_ROOT in tests).
 */
export const managedFile = (ctx: DiscoveryContext, name: string) =>
  systemPath(ctx, 'programFiles', ctx.platform === 'linux' ? 'claude-code' : 'ClaudeCode', name);

/**
 * How a `projects` key compares with a folder: Claude Code writes absolute paths, with forward slashes on Windows
 * (`C:/Users/me/repo`); Windows and default macOS volumes are case-insensitive.
 */
export function projectKey(p: string, platform: Platform): string {
  const key = p.replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
  return platform === 'linux' ? key : key.toLowerCase();
}

export const claudeCode: ClientModule = {
  id: 'claude-code',
  displayName: 'Claude Code',
  locations(ctx) {
    const globals: ClaudeCodeLocation[] = globalConfigs(ctx).map((p) => ({
      path: p,
      client: 'claude-code',
      scope: 'user',
      format: 'json',
      projects: [...ctx.workspaces],
      platform: ctx.platform,
      // machine-written, with per-project history: it grows far beyond hand-written configs
      maxBytes: 64 * 1024 * 1024,
    }));
    return [
      // VS Code reads `.mcp.json` too (WorkspaceDotMcpDiscovery, not behind a setting) but comes first in the
      // registry, so it cannot claim the file without becoming its primary client: it is named here instead.
      ...ctx.workspaces.map((ws): ConfigLocation => ({ path: path.join(ws, PROJECT_FILE), client: 'claude-code', scope: 'workspace', format: 'json', alsoReadBy: ['vscode'] })),
      ...globals,
      { path: managedFile(ctx, 'managed-mcp.json'), client: 'claude-code', scope: 'managed', format: 'json' },
      ...settingsLocations(ctx),
    ];
  },
  fixes: { remoteEntry: (url) => ({ type: 'http', url }) },
  extract(doc, location) {
    if (isClaudeCodeSettingsFile(location)) return []; // settings files approve servers and tools; they define none
    if (path.basename(location.path) === GLOBAL_CONFIG) return extractGlobalConfig(doc, location);
    const isProjectFile = path.basename(location.path) === PROJECT_FILE;
    return withDisabledNames(extractJsonServers(doc, location, isProjectFile ? projectFileDialect : dialect), disabledNamesOf(location));
  },
  // `~/.claude.json` carries its own toggles (read by extract); only `.mcp.json` depends on other files
  disabledNames: async (ctx, location, readText) =>
    path.basename(location.path) === PROJECT_FILE ? claudeCodeProjectDisabledNames(ctx, path.dirname(location.path), readText) : [],
};

const SETTINGS_FILES = new Set(['settings.json', 'settings.local.json', 'managed-settings.json']);

/**
 * Claude Code's settings files, which decide whether project servers start and MCP tools run without asking
 * (`enableAllProjectMcpServers`, `permissions`): user `<config dir>/settings.json` (and `~/.claude/settings.json`
 * when the config dir is relocated), project `.claude/settings.json`, local `.claude/settings.local.json`, and the
 * managed `managed-settings.json`. They hold no servers; their findings are about the file.
 */
function settingsLocations(ctx: DiscoveryContext): ConfigLocation[] {
  const user = [...new Set([path.join(configDir(ctx), 'settings.json'), path.join(ctx.home, '.claude', 'settings.json')])];
  return [
    ...ctx.workspaces.flatMap((ws): ConfigLocation[] => ['settings.json', 'settings.local.json'].map((name) => ({ path: path.join(ws, '.claude', name), client: 'claude-code', scope: 'workspace', format: 'jsonc' }))),
    ...user.map((p): ConfigLocation => ({ path: p, client: 'claude-code', scope: 'user', format: 'jsonc' })),
    { path: managedFile(ctx, 'managed-settings.json'), client: 'claude-code', scope: 'managed', format: 'jsonc' },
  ];
}

/** A Claude Code settings file (not a file that defines servers). */
export function isClaudeCodeSettingsFile(location: Pick<ConfigLocation, 'path' | 'client'>): boolean {
  if (location.client !== 'claude-code') return false;
  const name = location.path.split(/[\\/]/).pop() ?? '';
  return SETTINGS_FILES.has(name);
}

/**
 * `~/.claude.json`: user-scope servers at the top level, then each open folder's local-scope servers. A user server
 * counts as turned off only when every open folder turns it off (with no folder open, it is on).
 */
function extractGlobalConfig(doc: ParsedDocument, location: ClaudeCodeLocation): ServerEntry[] {
  const { entries, offPerFolder } = openProjects(doc, location);
  const offEverywhere = (name: string) => offPerFolder.length > 0 && offPerFolder.every((off) => off.has(name));
  const user = extractJsonServers(doc, location, dialect).map((e) => (offEverywhere(e.name) && !e.disabled ? { ...e, disabled: true } : e));
  const local = entries.flatMap((p) =>
    withDisabledNames(extractJsonServers(doc, { ...location, scope: 'workspace' }, { ...dialect, serversPath: ['projects', p.key, 'mcpServers'] }), p.off),
  );
  return [...user, ...local];
}

/**
 * The `projects` entries of the open folders (a folder may match several keys, e.g. one written with `\` and one
 * with `/`), and per open folder the names its entries turn off (none when the folder has no entry).
 */
function openProjects(doc: ParsedDocument, location: ClaudeCodeLocation): { entries: { key: string; off: Set<string> }[]; offPerFolder: Set<string>[] } {
  const platform = location.platform ?? 'linux';
  const folders = [...new Set((location.projects ?? []).map((ws) => projectKey(ws, platform)))];
  const projectsNode = valueAt(doc.root, ['projects']);
  const entries: { key: string; norm: string; off: Set<string> }[] = [];
  for (const prop of projectsNode?.type === 'object' ? (projectsNode.children ?? []) : []) {
    const key = prop.children?.[0]?.value;
    if (typeof key !== 'string' || !folders.includes(projectKey(key, platform))) continue;
    const off = new Set(stringsOf(plainValue(valueAt(prop.children?.[1], ['disabledMcpServers']))));
    entries.push({ key, norm: projectKey(key, platform), off });
  }
  const offPerFolder = folders.map((f) => new Set(entries.filter((e) => e.norm === f).flatMap((e) => [...e.off])));
  return { entries, offPerFolder };
}

/**
 * The server names Claude Code turns off in a folder's `.mcp.json`, from the other files that say so: the settings
 * files (user `<config dir>/settings.json`, project `.claude/settings.json`, local `.claude/settings.local.json`,
 * managed `managed-settings.json`) with `disabledMcpjsonServers`, and `~/.claude.json`'s project entry for the folder
 * (`disabledMcpServers` toggles and the older `disabledMcpjsonServers`). A rejection in any file wins
 * ("A disabledMcpjsonServers entry in any settings file still rejects the server"); `enabledMcpjsonServers` and
 * `enableAllProjectMcpServers` only approve pending servers, so they turn nothing off, and a pending server is on
 * (one click away), not disabled. Discovery attaches the result as the location's `disabledNames`.
 */
export async function claudeCodeProjectDisabledNames(ctx: DiscoveryContext, folder: string, readText: ReadText): Promise<string[]> {
  const settingsFiles = [
    path.join(configDir(ctx), 'settings.json'),
    path.join(ctx.home, '.claude', 'settings.json'),
    path.join(folder, '.claude', 'settings.json'),
    path.join(folder, '.claude', 'settings.local.json'),
    managedFile(ctx, 'managed-settings.json'),
  ];
  const settings = await Promise.all([...new Set(settingsFiles)].map((f) => readJsonObject(readText, f)));
  const names = settings.flatMap((s) => stringsOf(s?.disabledMcpjsonServers));
  const key = projectKey(folder, ctx.platform);
  for (const file of globalConfigs(ctx)) {
    const projects = (await readJsonObject(readText, file))?.projects;
    if (!projects || typeof projects !== 'object') continue;
    for (const [k, entry] of Object.entries(projects as Record<string, unknown>)) {
      if (projectKey(k, ctx.platform) !== key || !entry || typeof entry !== 'object') continue;
      const e = entry as Record<string, unknown>;
      names.push(...stringsOf(e.disabledMcpServers), ...stringsOf(e.disabledMcpjsonServers));
    }
  }
  return [...new Set(names)].sort();
}
