// Goose: the `extensions:` map of `config.yaml`, name → { enabled, type, cmd, args, envs, env_keys, uri, headers }.
// Fields per aaif-goose/goose crates/goose/src/agents/extension.rs (ExtensionConfig, tagged by `type`) and
// config/extensions.rs (ExtensionEntry = `enabled` + the flattened config, keyed by the map key).
// Folder per config/paths.rs: etcetera's `choose_app_strategy` (XDG on macOS and Linux, so `~/.config/goose` on both;
// `%APPDATA%\Block\goose\config` on Windows), or `$GOOSE_PATH_ROOT/config` when set. The system layer
// (`/etc/goose/config.yaml`, `%PROGRAMDATA%\goose\config.yaml`) is from config/base.rs `system_config_path`.
import * as path from 'node:path';
import { recognizeLauncher } from '../launchers';
import type { ConfigLocation, ServerEntry, Transport } from '../model';
import { plainValue, valueAt, type ParsedDocument } from '../parse';
import { envUnderHome, roamingAppData, xdgConfigHome } from './paths';
import { systemPath } from './systemPaths';
import { entryPlace } from './jsonServers';
import type { ClientModule, DiscoveryContext } from './types';

/**
 * Extension types that are not external MCP servers, so they are not reported: `builtin` and `platform` run code
 * shipped inside Goose itself (developer, memory, computercontroller…), `frontend` tools are served by the Goose UI.
 * None has a package or URL an inventory could approve, and listing them would flag every Goose install.
 */
const NOT_SERVERS = new Set(['builtin', 'platform', 'frontend']);

export const goose: ClientModule = {
  id: 'goose',
  displayName: 'Goose',
  locations(ctx) {
    const yaml = (file: string, scope: ConfigLocation['scope']): ConfigLocation => ({ path: file, client: 'goose', scope, format: 'yaml' });
    return [yaml(path.join(gooseConfigDir(ctx), 'config.yaml'), 'user'), ...gooseSystemFiles(ctx).map((f) => yaml(f, 'managed'))];
  },
  // ExtensionConfig::StreamableHttp is `type: streamable_http` with `uri` (agents/extension.rs); ExtensionEntry's own
  // `enabled` turns an extension off (config/extensions.rs set_extension_enabled). The fix keeps `enabled` and `name`.
  fixes: { remoteEntry: (uri) => ({ type: 'streamable_http', uri }), disable: { flag: 'enabled', value: false } },
  extract: extractGooseServers,
};

export function gooseConfigDir(ctx: DiscoveryContext): string {
  const root = envUnderHome(ctx, 'GOOSE_PATH_ROOT');
  if (root) return path.join(root, 'config');
  if (ctx.platform === 'win32') return path.join(roamingAppData(ctx), 'Block', 'goose', 'config');
  return path.join(xdgConfigHome(ctx), 'goose');
}

function gooseSystemFiles(ctx: DiscoveryContext): string[] {
  // `%PROGRAMDATA%\goose` on Windows, `/etc/goose` on every Unix (macOS included)
  const layout = ctx.platform === 'win32' ? ctx : { ...ctx, platform: 'linux' as const };
  return [systemPath(layout, 'config', 'goose', 'config.yaml')];
}

function extractGooseServers(doc: ParsedDocument, location: ConfigLocation): ServerEntry[] {
  const map = valueAt(doc.root, ['extensions']);
  if (map?.type !== 'object') return [];
  const out: ServerEntry[] = [];
  for (const prop of map.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || typeof keyNode.value !== 'string' || valueNode?.type !== 'object') continue;
    const raw = plainValue(valueNode) as Record<string, unknown>;
    const type = typeof raw.type === 'string' ? raw.type.toLowerCase() : undefined;
    if (type && NOT_SERVERS.has(type)) continue;
    const cmd = str(raw.cmd);
    const uri = str(raw.uri);
    const transport = transportOf(type, cmd, uri);
    if (!transport) continue;
    const remote = transport !== 'stdio';
    const args = remote ? [] : strings(raw.args);
    const launch = remote ? { package: null, bridgedUrl: null } : recognizeLauncher(cmd, args);
    out.push({
      name: keyNode.value,
      ...entryPlace(doc, location, keyNode, valueNode),
      transport,
      command: remote ? null : cmd,
      args,
      url: remote ? uri : launch.bridgedUrl,
      // `envs` holds values (names only are reported), `env_keys` names secrets Goose fills from its keyring
      envNames: [...new Set([...keys(raw.envs), ...strings(raw.env_keys)])],
      headerNames: keys(raw.headers),
      package: launch.package,
      disabled: raw.enabled === false,
    });
  }
  return out;
}

/**
 * `stdio` and `inline_python` (Python code Goose runs with uvx: a local server nobody vetted, with no package to
 * name) run locally; `streamable_http` is remote. `sse` is kept: current Goose no longer connects to SSE extensions,
 * but older releases still do. An entry with no known type is judged by the field it has, as a future type would be.
 */
function transportOf(type: string | undefined, cmd: string | null, uri: string | null): Transport | null {
  switch (type) {
    case 'stdio':
    case 'inline_python':
      return 'stdio';
    case 'sse':
      return 'sse';
    case 'streamable_http':
    case 'streamable-http':
    case 'http':
      return 'http';
    default:
      return uri ? 'http' : cmd ? 'stdio' : null;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function keys(v: unknown): string[] {
  return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
}
