// Cline: `cline_mcp_settings.json`, key `mcpServers`, in two places:
// - the VS Code extension's global storage, `<VSC>/globalStorage/saoudrizwan.claude-dev/settings/`, in every VS Code
//   fork it installs into (cline/cline src/core/storage/disk.ts: GlobalFileNames.mcpSettings under the
//   `settings` folder of the extension's global storage);
// - `~/.cline/data/settings/cline_mcp_settings.json`, shared by the Cline CLI, JetBrains and newer extension builds
//   (cline/cline sdk/packages/shared/src/storage/paths.ts resolveMcpSettingsPath; relocated by
//   CLINE_MCP_SETTINGS_PATH > CLINE_DATA_DIR > CLINE_DIR, honoured here when they point inside the scanned home).
// Entries (cline/cline sdk/packages/core/src/extensions/mcp/config-loader.ts and src/services/mcp/schemas.ts):
// - flat (older): `command`/`args`/`env` or `url`/`headers`, `type` `stdio|sse|streamableHttp`, legacy
//   `transportType` (`http` = streamableHttp); a `url` with no type is SSE (the SSE schema is tried first);
// - nested (SDK): `{ "transport": { "type", "command", "args", "env" | "url", "headers" } }`.
// `disabled: true` turns a server off; `autoApprove` is a tool list and changes nothing here.
import * as path from 'node:path';
import type { ServerEntry, Transport } from '../model';
import { recognizeLauncher } from '../launchers';
import { plainValue, valueAt, type TreeNode } from '../parse';
import type { ClientModule, DiscoveryContext } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { envPathUnderHome, extensionStorageFiles } from './extensionStorage';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'], remoteDefault: 'sse' };
const FILE = 'cline_mcp_settings.json';

export const cline: ClientModule = {
  id: 'cline',
  displayName: 'Cline',
  locations(ctx) {
    return [...extensionStorageFiles(ctx, 'saoudrizwan.claude-dev', 'settings', FILE), ...clineHomeFiles(ctx)].map((p) => ({
      path: p,
      client: 'cline' as const,
      scope: 'user' as const,
      format: 'json' as const,
    }));
  },
  fixes: { remoteEntry: (url) => ({ type: 'streamableHttp', url }), disable: { flag: 'disabled', value: true } },
  extract(doc, location) {
    const map = valueAt(doc.root, dialect.serversPath);
    const nodes = new Map<number, TreeNode>();
    for (const prop of map?.type === 'object' ? map.children ?? [] : []) {
      const [k, v] = prop.children ?? [];
      if (k && v) nodes.set(k.offset, v);
    }
    return extractJsonServers(doc, location, dialect).map((e) => refine(e, plainValue(nodes.get(e.keyOffset)) as Record<string, unknown>));
  },
};

/** `~/.cline/data/settings/…` and its environment relocations. */
function clineHomeFiles(ctx: DiscoveryContext): string[] {
  const files = [path.join(ctx.home, '.cline', 'data', 'settings', FILE)];
  const explicit = envPathUnderHome(ctx, 'CLINE_MCP_SETTINGS_PATH');
  const dataDir = envPathUnderHome(ctx, 'CLINE_DATA_DIR');
  const clineDir = envPathUnderHome(ctx, 'CLINE_DIR');
  if (clineDir) files.push(path.join(clineDir, 'data', 'settings', FILE));
  if (dataDir) files.push(path.join(dataDir, 'settings', FILE));
  if (explicit) files.push(explicit);
  return [...new Set(files)];
}

/**
 * Cline's own reading of an entry: the nested `transport` object when present, else the flat fields with the legacy
 * `transportType`. A `command` with no type is stdio even next to a `url` (Cline's stdio schema is tried first).
 */
function refine(e: ServerEntry, raw: Record<string, unknown>): ServerEntry {
  const nested = isRecord(raw.transport) ? raw.transport : null;
  const f = nested ?? raw;
  const legacy = nested ? null : nonEmpty(raw.transportType);
  const type = nonEmpty(f.type) ?? (legacy === 'http' ? 'streamableHttp' : legacy);
  const command = nonEmpty(f.command);
  const url = nonEmpty(f.url);
  const envNames = keys(f.env);
  const headerNames = keys(f.headers);
  if (url && type !== 'stdio' && !(command && type === null)) {
    const transport: Transport = type === 'streamableHttp' || type === 'http' ? 'http' : 'sse';
    return { ...e, transport, command: null, args: [], url, envNames, headerNames, package: null };
  }
  const args = strings(f.args);
  const launch = recognizeLauncher(command, args);
  return { ...e, transport: 'stdio', command, args, url: launch.bridgedUrl, envNames, headerNames, package: launch.package };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const keys = (v: unknown): string[] => (isRecord(v) ? Object.keys(v) : []);
