// Where VS Code-family extensions keep their own files: `<VSC>/globalStorage/<publisher.extension>/` (folder name in
// lower case), for every VS Code build and fork an extension installs into; plus a guard for per-client env overrides.
import * as path from 'node:path';
import { appDataDir } from './paths';
import type { DiscoveryContext } from './types';

/**
 * User-data folder names of the VS Code family (`<VSC>` = `appDataDir(app)/User`), stable first: the VS Code builds
 * (a folder is the product's `nameShort`: `Code`, `Code - Insiders`, `Code - OSS` for microsoft/vscode's own builds,
 * `VSCodium`, `VSCodium - Insiders`) and the forks Cursor, Windsurf and Kiro. Extensions such as Cline and Roo Code
 * install from the VS Code Marketplace or Open VSX into all of them, each with its own copy of the extension's global
 * storage (reference §7: "enumerate every fork's <VSC>").
 */
export const VSCODE_FAMILY_APP_FOLDERS = ['Code', 'Code - Insiders', 'Code - OSS', 'VSCodium', 'VSCodium - Insiders', 'Cursor', 'Windsurf', 'Kiro'] as const;

export type VscodeFamilyApp = (typeof VSCODE_FAMILY_APP_FOLDERS)[number];

/** `<VSC>/globalStorage/<extensionId>` of one app. */
export function extensionGlobalStorageDir(ctx: DiscoveryContext, app: string, extensionId: string): string {
  return path.join(appDataDir(ctx, app), 'User', 'globalStorage', extensionId.toLowerCase());
}

/** The same file of an extension's global storage in every VS Code-family app. */
export function extensionStorageFiles(ctx: DiscoveryContext, extensionId: string, ...rel: string[]): string[] {
  return VSCODE_FAMILY_APP_FOLDERS.map((app) => path.join(extensionGlobalStorageDir(ctx, app, extensionId), ...rel));
}

/**
 * An absolute path from the environment (a client's relocation variable such as CLINE_DIR), only when it lies under
 * the home being scanned, so a `--home` scan never wanders into the real user's folders.
 */
export function envPathUnderHome(ctx: DiscoveryContext, name: string): string | undefined {
  const value = ctx.env[name];
  if (!value || !path.isAbsolute(value)) return undefined;
  const rel = path.relative(ctx.home, value);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? value : undefined;
}
