// Gemini CLI: `settings.json` (comments allowed), key `mcpServers`, at three levels:
// - user `~/.gemini/settings.json` (GEMINI_CLI_HOME replaces the home folder: `$GEMINI_CLI_HOME/.gemini/…`);
// - workspace `<project>/.gemini/settings.json`;
// - system (`managed`): `settings.json` (overrides) and `system-defaults.json` in `/etc/gemini-cli`,
//   `/Library/Application Support/GeminiCli`, `C:\ProgramData\gemini-cli` (see systemPaths.ts for MCPG_SYSTEM_ROOT;
//   the GEMINI_CLI_SYSTEM_SETTINGS_PATH / _DEFAULTS_PATH relocations are not followed).
// Sources: google-gemini/gemini-cli packages/cli/src/config/settings.ts (getSystemSettingsPath,
// getSystemDefaultsPath, strip-json-comments), packages/core/src/config/storage.ts (user/workspace paths),
// packages/core/src/utils/paths.ts (GEMINI_CLI_HOME), docs/tools/mcp-server.md (server fields).
// Transport: exactly one of `command` (stdio), `url` (SSE) or `httpUrl` (Streamable HTTP, preferred when both are
// set); newer builds also accept `type: "sse" | "http"` next to `url`, which wins.
// Blocking: `mcp.excluded` (v1 `excludeMCPServers`) blocks the servers it names, and a non-empty `mcp.allowed`
// (v1 `allowMCPServers`) blocks every server it does not name; names match case-insensitively
// (packages/cli/src/config/mcp/mcpServerEnablement.ts canLoadServer). Both are applied to the servers of the same
// file; lists in one file also govern servers of the others after Gemini merges them, which a per-file reading
// cannot see. `/mcp disable` state lives in `~/.gemini/mcp-server-enablement.json`, not read here.
// Extensions bring their own servers: `mcpServers` in `<home>/.gemini/extensions/<name>/gemini-extension.json` (and, in
// earlier releases, `<project>/.gemini/extensions/…`), found by listing the folders (`enumerate`; docs/extension.md).
// Whether an extension is enabled (`extension-enablement.json`) is not read.
import * as path from 'node:path';
import { valueAt, type ParsedDocument } from '../parse';
import type { ConfigLocation } from '../model';
import type { ClientModule, DiscoveryContext, ListDir } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';
import { envPathUnderHome } from './extensionStorage';
import { systemPath } from './systemPaths';

const dialect: JsonDialect = {
  serversPath: ['mcpServers'],
  urlKeys: ['httpUrl', 'url'],
  urlKeyTransport: { httpUrl: 'http', url: 'sse' },
};

export const gemini: ClientModule = {
  id: 'gemini',
  displayName: 'Gemini CLI',
  locations(ctx) {
    const user = (dir: string): ConfigLocation => ({ path: path.join(dir, '.gemini', 'settings.json'), client: 'gemini', scope: 'user', format: 'jsonc' });
    const relocated = envPathUnderHome(ctx, 'GEMINI_CLI_HOME');
    return [
      user(ctx.home),
      ...(relocated ? [user(relocated)] : []),
      ...ctx.workspaces.map((ws) => ({
        path: path.join(ws, '.gemini', 'settings.json'),
        client: 'gemini' as const,
        scope: 'workspace' as const,
        format: 'jsonc' as const,
      })),
      ...['settings.json', 'system-defaults.json'].map((file) => ({
        path: systemPath(ctx, 'config', geminiSystemFolder(ctx), file),
        client: 'gemini' as const,
        scope: 'managed' as const,
        format: 'jsonc' as const,
      })),
    ];
  },
  enumerate: (ctx, listDir) => geminiExtensionLocations(ctx, listDir),
  fixes: { remoteEntry: (httpUrl) => ({ httpUrl }), disable: { listAt: ['mcp', 'excluded'] } },
  extract(doc, location) {
    const allowed = nameSet(doc, ['mcp', 'allowed'], ['allowMCPServers']);
    const excluded = nameSet(doc, ['mcp', 'excluded'], ['excludeMCPServers']);
    return extractJsonServers(doc, location, dialect).map((e) => {
      const id = normalize(e.name);
      const blocked = excluded.has(id) || (allowed.size > 0 && !allowed.has(id));
      return blocked ? { ...e, disabled: true } : e;
    });
  },
};

/** Every installed extension's `gemini-extension.json` (user and workspace extension folders). */
export async function geminiExtensionLocations(ctx: DiscoveryContext, listDir: ListDir): Promise<ConfigLocation[]> {
  const roots: [string, 'user' | 'workspace'][] = [
    [path.join(ctx.home, '.gemini', 'extensions'), 'user'],
    ...ctx.workspaces.map((ws): [string, 'workspace'] => [path.join(ws, '.gemini', 'extensions'), 'workspace']),
  ];
  const out: ConfigLocation[] = [];
  for (const [root, scope] of roots) {
    for (const name of [...(await listDir(root).catch(() => []))].sort()) {
      const dir = path.join(root, name);
      const files = await listDir(dir).catch(() => [] as string[]);
      if (files.includes('gemini-extension.json')) out.push({ path: path.join(dir, 'gemini-extension.json'), client: 'gemini', scope, format: 'jsonc' });
    }
  }
  return out;
}

function geminiSystemFolder(ctx: DiscoveryContext): string {
  return ctx.platform === 'darwin' ? 'GeminiCli' : 'gemini-cli';
}

/** Server names of a string list setting, from its v2 path or else its v1 (flat) key. */
function nameSet(doc: ParsedDocument, v2: string[], v1: string[]): Set<string> {
  for (const keyPath of [v2, v1]) {
    const node = valueAt(doc.root, keyPath);
    if (node?.type === 'array') {
      return new Set((node.children ?? []).filter((c) => typeof c.value === 'string').map((c) => normalize(c.value as string)));
    }
  }
  return new Set();
}

const normalize = (name: string) => name.toLowerCase().trim();
