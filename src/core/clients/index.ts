// The registry of client modules. Adding a client = one module here and its tests.
import type { ClientId } from '../model';
import type { ClientModule } from './types';
import { vscode } from './vscode';
import { cursor } from './cursor';
import { claudeDesktop } from './claudeDesktop';
import { claudeCode } from './claudeCode';
import { copilotCli } from './copilotCli';
import { windsurf } from './windsurf';
import { cline } from './cline';
import { roo } from './roo';
import { zed } from './zed';
import { gemini } from './gemini';
import { amazonq } from './amazonq';
import { kiro } from './kiro';
import { opencode } from './opencode';
import { lmstudio } from './lmstudio';
import { junie } from './junie';
import { continueDev } from './continue';
import { codex } from './codex';
import { goose } from './goose';

// Priority order: the first client that lists a file is its primary client (`.mcp.json` → claude-code).
export const CLIENTS: readonly ClientModule[] = [
  vscode,
  cursor,
  claudeDesktop,
  claudeCode,
  copilotCli,
  windsurf,
  cline,
  roo,
  continueDev,
  zed,
  gemini,
  codex,
  amazonq,
  kiro,
  opencode,
  lmstudio,
  goose,
  junie,
];

const byId = new Map<ClientId, ClientModule>(CLIENTS.map((c) => [c.id, c]));

export function clientById(id: ClientId): ClientModule {
  const c = byId.get(id);
  if (!c) throw new Error(`unknown client ${id}`);
  return c;
}

export function isClientId(id: string): id is ClientId {
  return byId.has(id as ClientId);
}

export type { ClientModule, DiscoveryContext } from './types';
