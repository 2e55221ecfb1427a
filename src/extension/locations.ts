// Which files are MCP configs for this window: the core's discovery for this machine and the open folders.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { discoverAllLocations, pathKey } from '../core/discovery';
import type { ConfigLocation, Platform } from '../core/model';

export const PLATFORM: Platform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';

export class LocationRegistry {
  private byKey = new Map<string, ConfigLocation>();

  /** Re-discovers the config files (fixed paths and folder listings) for this machine and the open folders. */
  async refresh(): Promise<void> {
    const workspaces = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const locations = await discoverAllLocations({ home: os.homedir(), platform: PLATFORM, workspaces, env: process.env });
    this.byKey = new Map(locations.map((l) => [pathKey(l.path, PLATFORM), l]));
  }

  all(): ConfigLocation[] {
    return [...this.byKey.values()];
  }

  /** The config location of a document, if it is one of ours (local files only). */
  forUri(uri: vscode.Uri): ConfigLocation | undefined {
    return uri.scheme === 'file' ? this.byKey.get(pathKey(uri.fsPath, PLATFORM)) : undefined;
  }
}
