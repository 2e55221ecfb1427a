// The normalized model every client dialect maps to, and the shapes the CLI JSON contract prints.
import type { TrustInfo } from './trust/types';

export type Platform = 'linux' | 'darwin' | 'win32';
export type Scope = 'user' | 'workspace' | 'managed';
export type Transport = 'stdio' | 'http' | 'sse';
export type Ecosystem = 'npm' | 'pypi' | 'oci' | 'nuget' | 'go' | 'other';
export type Verdict = 'approved' | 'pending' | 'rejected' | 'deprecated' | 'unknown';
export type Severity = 'error' | 'warning' | 'info';
export type ConfigFormat = 'jsonc' | 'json' | 'yaml' | 'toml';

/** Client ids are part of the CLI contract. */
export type ClientId =
  | 'vscode'
  | 'cursor'
  | 'claude-desktop'
  | 'claude-code'
  | 'copilot-cli'
  | 'windsurf'
  | 'cline'
  | 'roo'
  | 'continue'
  | 'zed'
  | 'gemini'
  | 'codex'
  | 'amazonq'
  | 'kiro'
  | 'opencode'
  | 'lmstudio'
  | 'goose'
  | 'junie';

export interface Position {
  /** zero-based */
  line: number;
  /** zero-based, in UTF-16 code units (what VS Code uses) */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface PackageRef {
  ecosystem: Ecosystem;
  name: string;
  /** the version or tag exactly as written (`v0.20.1` stays `v0.20.1`), null when none is given */
  version: string | null;
  /** an OCI image digest (`sha256:…`) when the image is pinned by digest */
  digest?: string;
}

/** One config file the scanner looks at. */
export interface ConfigLocation {
  path: string;
  client: ClientId;
  scope: Scope;
  format: ConfigFormat;
  /** other clients that read the same file (it is reported once, under `client`) */
  alsoReadBy?: ClientId[];
  /** server names that other files turn off for this one (e.g. Claude Code's `disabledMcpjsonServers`) */
  disabledNames?: string[];
  /** a larger read limit for known machine-written files (default 5 MB) */
  maxBytes?: number;
}

/** A server entry as found in a config file, before it is checked against the inventory. */
export interface ServerEntry {
  name: string;
  client: ClientId;
  scope: Scope;
  file: string;
  /** the server's key in the file */
  range: Range;
  /** character offsets of the key and of the whole entry value, for editors and rewrites */
  keyOffset: number;
  keyLength: number;
  valueOffset: number;
  valueLength: number;
  transport: Transport;
  command: string | null;
  args: string[];
  /** the URL the client connects to; for a stdio bridge such as `mcp-remote URL`, the bridge's target */
  url: string | null;
  envNames: string[];
  headerNames: string[];
  package: PackageRef | null;
  disabled: boolean;
}

export type RuleId =
  | 'shadow-mcp'
  | 'pending-mcp'
  | 'rejected-mcp'
  | 'deprecated-mcp'
  | 'unapproved-version'
  | 'bypasses-gateway'
  | 'inventory-stale'
  | 'inventory-override-attempt'
  | 'hardcoded-secret'
  | 'insecure-transport'
  | 'unpinned-package'
  | 'docker-risk'
  | 'broad-filesystem-access'
  | 'auto-approve-tools'
  | 'duplicate-server-name'
  | 'lookalike-package'
  | 'suspicious-characters'
  | 'young-package'
  | 'young-version'
  | 'no-source-repository'
  | 'deprecated-package'
  | 'no-provenance';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** where exactly, when not on the server's key (e.g. the env value holding a secret) */
  range?: Range;
  /** another place that explains the finding (the other definition of a duplicate name) */
  related?: { file: string; range: Range; message: string }[];
}

/** A finding about a file rather than a server (e.g. a workspace trying to change policy). */
export interface FileFinding extends Finding {
  range: Range;
}

export interface CheckedServer extends ServerEntry {
  verdict: Verdict;
  inventoryId: string | null;
  /** which inventory rule decided the verdict (absent for shadow servers) */
  matchedBy?: MatchedBy;
  findings: Finding[];
  /** registry facts about the package, when trust signals are on and it is an npm or PyPI package */
  trust?: TrustInfo;
}

/** The inventory rule a server matched: a package (and version range), a URL pattern, a command glob or the gateway. */
export interface MatchedBy {
  kind: 'package' | 'url' | 'command' | 'gateway';
  /** what matched, in words, e.g. `npm package @modelcontextprotocol/server-github, versions >=2025.4.0` */
  rule: string;
}

export interface FileReport {
  path: string;
  client: ClientId;
  scope: Scope;
  servers: number;
  /** why the file could not be read or parsed completely; null when it was fine */
  error: string | null;
  /** where a parse error is, when there is one */
  errorRange?: Range;
  alsoReadBy?: ClientId[];
  /** findings about the file itself, present only when there are some */
  findings?: FileFinding[];
}
