// The registry of client modules. Adding a client = one module here and its tests.
import type { ClientId } from '../model';
import type { ClientModule } from './types';
import { vscode } from './vscode';
import { cursor } from './cursor';
import { claudeDesktop } from './claudeDesktop';
import { claudeCode } from './claudeCode';

export const CLIENTS: readonly ClientModule[] = [vscode, cursor, claudeDesktop, claudeCode];

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
