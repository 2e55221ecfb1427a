// Zed: key `context_servers` in `settings.json` (JSONC):
// - user: Linux `$XDG_CONFIG_HOME/zed/settings.json` (`~/.config/zed`), macOS `~/.config/zed/settings.json` (XDG is
//   not consulted there), Windows `%APPDATA%\Zed\settings.json`;
// - project: `<project>/.zed/settings.json`.
// Sources: zed-industries/zed crates/paths/src/paths.rs (config_dir, settings_file,
// local_settings_file_relative_path); crates/settings content (ContextServerSettingsContent); zed.dev/docs/ai/mcp.
// Entry shapes, keyed by server name:
// - custom stdio `{ "command": "npx", "args": [...], "env": {...} }` (older builds also wrote `"source": "custom"`);
// - older custom stdio `{ "command": { "path": "npx", "args": [...], "env": {...} }, "settings": {...} }`
//   (earlier Zed releases: ServerConfig { command: ServerCommand { path, args, env }, settings });
// - remote `{ "url": "...", "headers": {...} }` (no transport named; reported as `http`);
// - extension-provided `{ "settings": {...} }` (or `"source": "extension"`): the command comes from the extension,
//   so it is reported with transport stdio and no command.
// `enabled: false` turns a server off. Flatpak builds keep their settings inside the sandbox folder, not read here.
import * as path from 'node:path';
import type { ServerEntry } from '../model';
import { recognizeLauncher } from '../launchers';
import { plainValue, valueAt, type TreeNode } from '../parse';
import type { ClientModule, DiscoveryContext } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { roamingAppData, xdgConfigHome } from './paths';

const dialect: JsonDialect = { serversPath: ['context_servers'], urlKeys: ['url'] };

export const zed: ClientModule = {
  id: 'zed',
  displayName: 'Zed',
  locations(ctx) {
    return [
      { path: path.join(zedConfigDir(ctx), 'settings.json'), client: 'zed', scope: 'user', format: 'jsonc' },
      ...ctx.workspaces.map((ws) => ({
        path: path.join(ws, '.zed', 'settings.json'),
        client: 'zed' as const,
        scope: 'workspace' as const,
        format: 'jsonc' as const,
      })),
    ];
  },
  fixes: { remoteEntry: (url) => ({ url }), disable: { flag: 'enabled', value: false } },
  extract(doc, location) {
    const nodes = new Map<number, TreeNode>();
    const map = valueAt(doc.root, dialect.serversPath);
    for (const prop of map?.type === 'object' ? map.children ?? [] : []) {
      const [k, v] = prop.children ?? [];
      if (k && v) nodes.set(k.offset, v);
    }
    return extractJsonServers(doc, location, dialect).map((e) => refine(e, plainValue(nodes.get(e.keyOffset)) as Record<string, unknown>));
  },
};

function zedConfigDir(ctx: DiscoveryContext): string {
  switch (ctx.platform) {
    case 'win32':
      return path.join(roamingAppData(ctx), 'Zed');
    case 'darwin':
      return path.join(ctx.home, '.config', 'zed');
    default:
      return path.join(xdgConfigHome(ctx), 'zed');
  }
}

/** The older `command: { path, args, env }` object. */
function refine(e: ServerEntry, raw: Record<string, unknown>): ServerEntry {
  const cmd = raw.command;
  if (e.url || !cmd || typeof cmd !== 'object' || Array.isArray(cmd)) return e;
  const c = cmd as Record<string, unknown>;
  const command = typeof c.path === 'string' && c.path.length > 0 ? c.path : null;
  const args = Array.isArray(c.args) ? c.args.filter((x): x is string => typeof x === 'string') : [];
  const envNames = c.env && typeof c.env === 'object' && !Array.isArray(c.env) ? Object.keys(c.env) : [];
  const launch = recognizeLauncher(command, args);
  return { ...e, transport: 'stdio', command, args, url: launch.bridgedUrl, envNames, package: launch.package };
}
