// LM Studio: the app's `mcp.json` in its home folder, `~/.lmstudio/mcp.json` (Windows `%USERPROFILE%\.lmstudio\…`),
// or `~/.cache/lm-studio/mcp.json` for installs that still use the older home folder. Cursor's notation: key
// `mcpServers`, `command`/`args`/`env` or `url`/`headers` (no `type`; a remote entry is reported as `http`).
// Sources: lmstudio-ai/docs 0_app/2_mcp (Cursor notation; `~/.lmstudio/mcp.json` on macOS/Linux,
// `%USERPROFILE%/.lmstudio/mcp.json` on Windows, quoted in lmstudio-bug-tracker#1371); maintainer answer in
// lmstudio-bug-tracker#553 (home is `~/.lmstudio` or else `~/.cache/lm-studio`, relocatable through
// `~/.lmstudio-home-pointer`); lmstudio-bug-tracker#2410 (`mcp.json` under `~/.cache/lm-studio`).
// A relocated home is found by lmstudioHomePointerLocations, which needs to read the pointer file.
import * as path from 'node:path';
import type { ConfigLocation } from '../model';
import type { ClientModule, DiscoveryContext } from './types';
import { extractJsonServers, type JsonDialect } from './jsonServers';

const dialect: JsonDialect = { serversPath: ['mcpServers'], urlKeys: ['url'] };

const loc = (p: string): ConfigLocation => ({ path: p, client: 'lmstudio', scope: 'user', format: 'json' });

export const lmstudio: ClientModule = {
  id: 'lmstudio',
  displayName: 'LM Studio',
  locations(ctx) {
    return [loc(path.join(ctx.home, '.lmstudio', 'mcp.json')), loc(path.join(ctx.home, '.cache', 'lm-studio', 'mcp.json'))];
  },
  fixes: { remoteEntry: (url) => ({ url }) },
  extract: (doc, location) => extractJsonServers(doc, location, dialect),
};

/**
 * `mcp.json` of a relocated LM Studio home: the folder named in `~/.lmstudio-home-pointer`. `readText` returns the
 * file's text, or null/undefined when it is missing or unreadable; a pointer that names no absolute folder gives nothing.
 */
export async function lmstudioHomePointerLocations(ctx: DiscoveryContext, readText: (file: string) => Promise<string | null | undefined>): Promise<ConfigLocation[]> {
  const text = await readText(path.join(ctx.home, '.lmstudio-home-pointer')).catch(() => null);
  const dir = text?.trim();
  if (!dir || dir.includes('\n')) return [];
  const flavor = ctx.platform === 'win32' ? path.win32 : path.posix;
  return flavor.isAbsolute(dir) ? [loc(flavor.join(dir, 'mcp.json'))] : [];
}
