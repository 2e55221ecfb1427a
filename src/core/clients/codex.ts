// OpenAI Codex (CLI, IDE extension, app): `[mcp_servers.<name>]` tables in `config.toml`, read from `$CODEX_HOME`
// (default `~/.codex`), from a project's `.codex/config.toml`, and from the system layers an administrator manages.
// Keys per codex-rs/config/src/mcp_types.rs (RawMcpServerConfig): stdio `command`, `args`, `env` (table), `env_vars`
// (forwarded names), `cwd`; streamable HTTP `url`, `bearer_token_env_var`, `http_headers`, `env_http_headers`;
// `enabled = false` skips the server. A table with neither `command` nor `url` is rejected by Codex ("invalid
// transport"), so it is not reported; that also keeps requirements-style `[mcp_servers.x.identity]` tables out.
// Paths per codex-rs/config/src/loader (mod.rs, layer_io.rs) and find_codex_home (`CODEX_HOME`, else `~/.codex`).
import * as path from 'node:path';
import type { ConfigLocation, ServerEntry } from '../model';
import { plainValue, type ParsedDocument } from '../parse';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { envUnderHome } from './paths';
import { systemPath } from './systemPaths';
import type { ClientModule, DiscoveryContext, ListDir } from './types';

// every remote Codex server speaks streamable HTTP (McpServerTransportConfig::StreamableHttp)
const dialect: JsonDialect = { serversPath: ['mcp_servers'], urlKeys: ['url'], remoteDefault: 'http' };

export const codex: ClientModule = {
  id: 'codex',
  displayName: 'Codex',
  locations(ctx) {
    const toml = (file: string, scope: ConfigLocation['scope']): ConfigLocation => ({ path: file, client: 'codex', scope, format: 'toml' });
    return [
      toml(path.join(codexHome(ctx), 'config.toml'), 'user'),
      // project layers are loaded only for trusted projects; a scanner reports them either way
      ...ctx.workspaces.map((ws) => toml(path.join(ws, '.codex', 'config.toml'), 'workspace')),
      ...codexSystemFiles(ctx).map((f) => toml(f, 'managed')),
    ];
  },
  enumerate: codexProfileLocations,
  // `url = "…"` is a streamable HTTP server and `enabled = false` skips one (RawMcpServerConfig in mcp_types.rs)
  fixes: { remoteEntry: (url) => ({ url }), disable: { flag: 'enabled', value: false } },
  extract: extractCodexServers,
};

/** `$CODEX_HOME` when it lies under the scanned home (so `--home` stays self-contained), else `~/.codex`. */
export function codexHome(ctx: DiscoveryContext): string {
  return envUnderHome(ctx, 'CODEX_HOME') ?? path.join(ctx.home, '.codex');
}

/**
 * Profile layers `$CODEX_HOME/<name>.config.toml` (selected with `--profile`, layered over config.toml), which can
 * hold servers of their own. Which one is selected is a per-run choice, so every profile file is reported.
 */
export async function codexProfileLocations(ctx: DiscoveryContext, listDir: ListDir): Promise<ConfigLocation[]> {
  const home = codexHome(ctx);
  return (await listDir(home))
    .filter((name) => name.endsWith('.config.toml') && name.length > '.config.toml'.length)
    .map((name) => ({ path: path.join(home, name), client: 'codex' as const, scope: 'user' as const, format: 'toml' as const }));
}

/**
 * Administrator layers that can define servers: the system `config.toml` (`/etc/codex` on macOS and Linux,
 * `%ProgramData%\OpenAI\Codex` on Windows) and the legacy `/etc/codex/managed_config.toml`, which Codex still merges
 * on top of every other layer on Unix (on Windows `CODEX_HOME\managed_config.toml` is ignored since it was retired).
 * `requirements.toml` is left out on purpose: it holds allow-list identities, not servers.
 */
function codexSystemFiles(ctx: DiscoveryContext): string[] {
  if (ctx.platform === 'win32') return [systemPath(ctx, 'config', 'OpenAI', 'Codex', 'config.toml')];
  // `/etc` on macOS too (Codex's `cfg(unix)` path); systemPath's `linux` layout gives `/etc` or its MCPG_SYSTEM_ROOT copy
  const unix = { ...ctx, platform: 'linux' as const };
  return [systemPath(unix, 'config', 'codex', 'config.toml'), systemPath(unix, 'config', 'codex', 'managed_config.toml')];
}

function extractCodexServers(doc: ParsedDocument, location: ConfigLocation): ServerEntry[] {
  const servers = extractJsonServers(doc, location, dialect);
  const tables = new Map<number, Record<string, unknown>>();
  // the same map extractJsonServers walked: find each entry's table again by its key's offset
  for (const prop of serversMap(doc)?.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k && v?.type === 'object') tables.set(k.offset, plainValue(v) as Record<string, unknown>);
  }
  const out: ServerEntry[] = [];
  for (const s of servers) {
    const t = tables.get(s.keyOffset) ?? {};
    if (!nonEmpty(t.command) && !nonEmpty(t.url)) continue;
    out.push({
      ...s,
      envNames: unique([...s.envNames, ...envVarNames(t.env_vars)]),
      headerNames: unique([
        ...keysOf(t.http_headers),
        ...keysOf(t.env_http_headers),
        // `bearer_token_env_var` names the variable whose value Codex sends as `Authorization: Bearer …`
        ...(nonEmpty(t.bearer_token_env_var) ? ['Authorization'] : []),
      ]),
    });
  }
  return out;
}

function serversMap(doc: ParsedDocument) {
  const prop = doc.root?.children?.filter((p) => p.children?.[0]?.value === 'mcp_servers').pop();
  const map = prop?.children?.[1];
  return map?.type === 'object' ? map : undefined;
}

/** `env_vars = ["A", { name = "B", source = "remote" }]` */
function envVarNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? (v as Record<string, unknown>).name : undefined))
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
}

function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
