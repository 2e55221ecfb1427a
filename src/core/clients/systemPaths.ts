// Machine-wide folders that hold `managed` (system-wide, admin-owned) config files, outside every home folder.
//   kind `config`:       Linux `/etc`, macOS `/Library/Application Support`, Windows `C:\ProgramData`
//   kind `programFiles`: the same on Linux and macOS, Windows `C:\Program Files`
// Clients add their own folder below it (Gemini CLI: `/etc/gemini-cli`, `/Library/Application Support/GeminiCli`,
// `C:\ProgramData\gemini-cli`).
//
// MCPG_SYSTEM_ROOT: when `ctx.env.MCPG_SYSTEM_ROOT` is set, everything system-wide is resolved under that folder
// instead of the real file-system root, keeping the same layout: `<root>/etc/…`, `<root>/Library/Application
// Support/…`, `<root>/ProgramData/…`, `<root>/Program Files/…`. Tests and `--home` simulations of another machine
// use it to provide fake system folders; without it the real system folders of this machine are used (for a
// Windows layout simulated on Linux those paths simply do not exist).
import * as path from 'node:path';
import type { Platform } from '../model';
import type { DiscoveryContext } from './types';

export type SystemDirKind = 'config' | 'programFiles';

export const SYSTEM_ROOT_ENV = 'MCPG_SYSTEM_ROOT';

const SEGMENTS: Record<Platform, Record<SystemDirKind, string[]>> = {
  linux: { config: ['etc'], programFiles: ['etc'] },
  darwin: { config: ['Library', 'Application Support'], programFiles: ['Library', 'Application Support'] },
  win32: { config: ['ProgramData'], programFiles: ['Program Files'] },
};

/** The real system folder of this kind (`/etc`, `/Library/Application Support`, `C:\ProgramData`), or its copy under MCPG_SYSTEM_ROOT. */
export function systemDir(ctx: DiscoveryContext, kind: SystemDirKind = 'config'): string {
  return systemPath(ctx, kind);
}

/** A file or folder below a system folder, joined with the target OS's separators when it is the real one. */
export function systemPath(ctx: DiscoveryContext, kind: SystemDirKind, ...rest: string[]): string {
  const segments = [...SEGMENTS[ctx.platform][kind], ...rest];
  const root = ctx.env[SYSTEM_ROOT_ENV];
  if (root) return path.join(path.resolve(root), ...segments);
  return ctx.platform === 'win32' ? path.win32.join('C:\\', ...segments) : path.posix.join('/', ...segments);
}
