// OpenCode: JSONC config files, key `mcp`:
// - user: `config.json`, `opencode.json`, `opencode.jsonc` in `$XDG_CONFIG_HOME/opencode` (`~/.config/opencode` on
//   every OS, Windows included: the path comes from xdg-basedir), `~/.opencode/opencode.json(c)`, and the folder
//   or file named by OPENCODE_CONFIG_DIR / OPENCODE_CONFIG when they point inside the scanned home;
// - workspace: `opencode.json(c)` and `.opencode/opencode.json(c)` at the project root;
// - managed: `opencode.json(c)` in `/etc/opencode`, `/Library/Application Support/opencode`, `C:\ProgramData\opencode`
//   (see systemPaths.ts for MCPG_SYSTEM_ROOT).
// Sources: opencode.ai/docs/mcp-servers; anomalyco/opencode (formerly sst/opencode) packages/opencode/src/global
// (xdg-basedir), src/config/paths.ts (project files, `.opencode` folders), src/config/config.ts (global file
// names), src/config/managed.ts (system folder), src/config/mcp.ts (v1 entries), src/config/v2-compat.ts (v2).
// Entries (not the shared shape): local `{ type: "local", command: [exe, ...args], environment, enabled }`,
// remote `{ type: "remote", url, headers, enabled }`. `enabled: false` (v1) or `disabled: true` (v2) turns one off.
// V2 files nest the servers under `mcp.servers` (v2-compat.ts: an object there that is not itself a server, i.e.
// has no scalar `type`/`enabled`) and may hold a global `mcp.timeout`; both are containers, not servers.
import * as path from 'node:path';
import type { ConfigLocation, ServerEntry } from '../model';
import { recognizeLauncher } from '../launchers';
import { plainValue, property, valueAt, type TreeNode } from '../parse';
import type { ClientModule, DiscoveryContext } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { xdgConfigHome } from './paths';
import { envPathUnderHome } from './extensionStorage';
import { systemPath } from './systemPaths';

const flat: JsonDialect = { serversPath: ['mcp'], urlKeys: ['url'] };
const v2: JsonDialect = { serversPath: ['mcp', 'servers'], urlKeys: ['url'] };

export const opencode: ClientModule = {
  id: 'opencode',
  displayName: 'OpenCode',
  locations(ctx) {
    const loc = (p: string, scope: ConfigLocation['scope']): ConfigLocation => ({ path: p, client: 'opencode', scope, format: 'jsonc' });
    const pair = (dir: string) => [path.join(dir, 'opencode.json'), path.join(dir, 'opencode.jsonc')];
    return [
      ...userFiles(ctx).map((p) => loc(p, 'user')),
      ...ctx.workspaces.flatMap((ws) => [...pair(ws), ...pair(path.join(ws, '.opencode'))].map((p) => loc(p, 'workspace'))),
      ...['opencode.json', 'opencode.jsonc'].map((f) => loc(systemPath(ctx, 'config', 'opencode', f), 'managed')),
    ];
  },
  fixes: { remoteEntry: (url) => ({ type: 'remote', url }), disable: { flag: 'enabled', value: false } },
  extract(doc, location) {
    const mcp = valueAt(doc.root, ['mcp']);
    if (mcp?.type !== 'object') return [];
    const servers = property(mcp, 'servers')?.children?.[1];
    const envelope = servers?.type === 'object' && !isDirectServer(plainValue(servers) as Record<string, unknown>);
    const timeout = property(mcp, 'timeout')?.children?.[1];
    const globalTimeout = timeout?.type === 'object' && isGlobalTimeout(plainValue(timeout) as Record<string, unknown>);
    const top = extractJsonServers(doc, location, flat).filter(
      (e) => !(e.name === 'servers' && envelope) && !(e.name === 'timeout' && globalTimeout),
    );
    const nested = envelope ? extractJsonServers(doc, location, v2) : [];
    const nodes = valueNodes(mcp, envelope ? servers : undefined);
    return [...top, ...nested].map((e) => refine(e, plainValue(nodes.get(e.keyOffset)) as Record<string, unknown>));
  },
};

function userFiles(ctx: DiscoveryContext): string[] {
  const dir = path.join(xdgConfigHome(ctx), 'opencode');
  const files = [
    path.join(dir, 'config.json'),
    path.join(dir, 'opencode.json'),
    path.join(dir, 'opencode.jsonc'),
    path.join(ctx.home, '.opencode', 'opencode.json'),
    path.join(ctx.home, '.opencode', 'opencode.jsonc'),
  ];
  const configDir = envPathUnderHome(ctx, 'OPENCODE_CONFIG_DIR');
  if (configDir) files.push(path.join(configDir, 'opencode.json'), path.join(configDir, 'opencode.jsonc'));
  const configFile = envPathUnderHome(ctx, 'OPENCODE_CONFIG');
  if (configFile) files.push(configFile);
  return [...new Set(files)];
}

/** OpenCode's `command` is one array (executable first) and its environment key is `environment`. */
function refine(e: ServerEntry, raw: Record<string, unknown>): ServerEntry {
  const envNames = isRecord(raw.environment) ? Object.keys(raw.environment) : e.envNames;
  if (e.url || !Array.isArray(raw.command)) return { ...e, envNames };
  const words = raw.command.filter((x): x is string => typeof x === 'string');
  const command = words[0] ?? null;
  const args = words.slice(1);
  const launch = recognizeLauncher(command, args);
  return { ...e, command, args, url: launch.bridgedUrl, envNames, package: launch.package };
}

/** Object-valued entries can be servers literally named "type" or "enabled" (v2-compat.ts isDirectServer). */
function isDirectServer(value: Record<string, unknown>): boolean {
  return ['type', 'enabled'].some((k) => Object.hasOwn(value, k) && (value[k] === null || typeof value[k] !== 'object' || Array.isArray(value[k])));
}

function isGlobalTimeout(value: Record<string, unknown>): boolean {
  return !isDirectServer(value) && (Object.keys(value).length === 0 || ['startup', 'catalog', 'execution'].some((k) => Object.hasOwn(value, k)));
}

/** Entry value nodes by key offset, for the maps the entries came from. */
function valueNodes(...maps: (TreeNode | undefined)[]): Map<number, TreeNode> {
  const out = new Map<number, TreeNode>();
  for (const map of maps) {
    for (const prop of map?.type === 'object' ? map.children ?? [] : []) {
      const [k, v] = prop.children ?? [];
      if (k && v) out.set(k.offset, v);
    }
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
