// What a client module provides: where its config files live on each OS, and how its dialect maps to the model.
import type { ClientId, ConfigLocation, Platform, ServerEntry } from '../model';
import type { ParsedDocument } from '../parse';
import type { DisabledNamesHook } from './jsonServers';

export interface DiscoveryContext {
  /** the user's home folder (`--home` in the CLI) */
  home: string;
  platform: Platform;
  /** open workspace folders, absolute */
  workspaces: string[];
  /** environment used for XDG_CONFIG_HOME / APPDATA; only honoured when it describes the same home */
  env: Record<string, string | undefined>;
}

/** Names of the entries of a folder; [] when it does not exist or cannot be read. Injected so tests can fake it. */
export type ListDir = (dir: string) => Promise<string[]>;

/** How a client's own dialect writes the entries a quick-fix produces. */
export interface ClientFixes {
  /** an entry that connects to a remote URL (the gateway); absent: the client runs only stdio servers */
  remoteEntry?(url: string): Record<string, unknown>;
  /** how the client turns one entry off in its own file: a flag on the entry, or its name in a list at a root path */
  disable?: { flag: string; value: boolean } | { listAt: string[] };
}

export interface ClientModule {
  id: ClientId;
  displayName: string;
  /** every file this client may read at a fixed path, existing or not */
  locations(ctx: DiscoveryContext): ConfigLocation[];
  /** files found by listing folders (profiles, agent files, block folders); only existing ones */
  enumerate?(ctx: DiscoveryContext, listDir: ListDir): Promise<ConfigLocation[]>;
  /** names of servers other files turn off, for a location this client is the primary reader of */
  disabledNames?: DisabledNamesHook;
  /** quick-fix rewrites in this client's dialect; absent: only removal and requests are offered */
  fixes?: ClientFixes;
  /** the servers defined in one of its files */
  extract(doc: ParsedDocument, location: ConfigLocation): ServerEntry[];
}
