// Per-OS folders shared by several clients, derived from the (possibly simulated) home folder.
import * as path from 'node:path';
import type { DiscoveryContext } from './types';

/** The folder an Electron app keeps its user data in: `~/Library/Application Support/X`, `~/.config/X`, `%APPDATA%\X`. */
export function appDataDir(ctx: DiscoveryContext, app: string): string {
  switch (ctx.platform) {
    case 'darwin':
      return path.join(ctx.home, 'Library', 'Application Support', app);
    case 'win32':
      return path.join(roamingAppData(ctx), app);
    default:
      return path.join(xdgConfigHome(ctx), app);
  }
}

/** `%APPDATA%`: HOME/AppData/Roaming, or the real APPDATA when it lies under the same home. */
export function roamingAppData(ctx: DiscoveryContext): string {
  return envUnderHome(ctx, 'APPDATA') ?? path.join(ctx.home, 'AppData', 'Roaming');
}

export function xdgConfigHome(ctx: DiscoveryContext): string {
  return envUnderHome(ctx, 'XDG_CONFIG_HOME') ?? path.join(ctx.home, '.config');
}

/** An environment folder is only trusted when it belongs to the home being scanned (so `--home` stays self-contained). */
export function envUnderHome(ctx: DiscoveryContext, name: string): string | undefined {
  const value = ctx.env[name];
  if (!value || !path.isAbsolute(value)) return undefined;
  const rel = path.relative(ctx.home, value);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? value : undefined;
}

/**
 * The app-data folder names (`<VSC>` in the reference) of the VS Code builds that run VS Code's own MCP support and so
 * read `User/mcp.json` and settings `mcp`, stable first. A name is the product's `nameShort`, which VS Code joins to the
 * app-data folder (`getUserDataPath`, microsoft/vscode); `Code - OSS` is microsoft/vscode's own product.json name and
 * VSCodium builds the same sources. Cursor, Windsurf and Kiro keep their MCP servers in their own files and are their own
 * clients; Trae could not be confirmed to read a VS Code-format `mcp.json`. The wider family that hosts extensions
 * (Cline, Roo) is `VSCODE_FAMILY_APP_FOLDERS` in extensionStorage.ts.
 */
export const VSCODE_APP_FOLDERS = ['Code', 'Code - Insiders', 'Code - OSS', 'VSCodium', 'VSCodium - Insiders'] as const;
