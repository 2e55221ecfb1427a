// What an inspection brings back from a server, and what the analysis says about it.
import type { ClientId, Scope, Severity, Transport } from '../model';

/** A tool as the server listed it (only the fields the analysis and fingerprints use; everything is server-controlled). */
export interface InspectedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
}

export interface InspectedPrompt {
  name: string;
  description?: string;
  /** argument names and descriptions (prompts reach the model too) */
  arguments?: { name: string; description?: string }[];
}

export interface InspectedResource {
  uri: string;
  name?: string;
  description?: string;
}

export type Channel = 'streamable-http' | 'sse' | 'stdio';

export interface Inspection {
  via: Channel;
  /** what the server calls itself in `initialize` */
  serverInfo: { name: string; version: string } | null;
  /** the `instructions` of `initialize`, which clients hand to the model */
  instructions: string | null;
  tools: InspectedTool[];
  /** null: the server offers none or does not implement the list */
  prompts: InspectedPrompt[] | null;
  resources: InspectedResource[] | null;
  /** what could not be done or was left out, for the report */
  notes: string[];
}

export type InspectRuleId = 'tool-poisoning' | 'tool-shadowing' | 'tool-changed';

export interface InspectFinding {
  rule: InspectRuleId;
  severity: Severity;
  /** the tool the finding is about; null for the server's instructions or a prompt */
  tool: string | null;
  message: string;
  /** a readable diff (tool-changed): `[-old-]{+new+}` word diff of the description and schema changes */
  diff?: string;
}

/** The server an inspection is about, as the report names it (nothing secret). */
export interface InspectedServer {
  name: string;
  client: ClientId;
  scope: Scope;
  file: string;
  /** 1-based line of the server's key */
  line: number;
  transport: Transport;
  /** what was started or reached, masked */
  target: string;
  inventoryId: string | null;
}

/** A pinned or remembered fingerprint. */
export interface ToolPin {
  name: string;
  sha256: string;
}
