// Windsurf (Cascade) team MCP whitelist, entered in the Teams/Enterprise admin dashboard as a Server ID plus a
// "Server Config (JSON)" per server. Matching (docs.windsurf.com/windsurf/cascade/mcp, "Admin Controls", reference §6
// [V]): every pattern is anchored as ^(?:pattern)$; `command` matches exactly or by regex; each `args[i]` is matched
// by its own pattern and the argument count must be equal; regex metacharacters must be escaped for literal
// matches. Remote servers use `serverUrl`. The dashboard has no deny list: servers not whitelisted are blocked.
// The file written here is that list, one object per whitelist row, for an admin to paste (or a script to post).
import type { Inventory, InventoryServer } from '../../inventory/schema';
import { compileAll, escapeRegex, globToRegex, jsonText, regexLaunch, partition, urlPatternToRegex, type ExportModule, type ExportNote, type ExportOptions, type ExportResult } from './common';

export interface WindsurfRow {
  serverId: string;
  serverConfig: { command: string; args: string[] } | { serverUrl: string };
}

export const windsurfExport: ExportModule = {
  target: 'windsurf',
  title: 'Windsurf',
  run(inventory: Inventory, options: ExportOptions): ExportResult {
    const notes: ExportNote[] = [];
    const { approved, rejected } = partition(inventory, notes);
    const rows: WindsurfRow[] = [];
    let allowed = 0;
    for (const entry of approved) {
      const configs = configsOf(entry, options, notes);
      if (!configs.length) {
        notes.push({ id: entry.id, level: 'lost', message: 'no rule of this entry can be written as a whitelist pattern: Windsurf blocks it' });
        continue;
      }
      allowed++;
      configs.forEach((serverConfig, i) => rows.push({ serverId: i === 0 ? entry.id : `${entry.id}-${i + 1}`, serverConfig }));
    }
    const gw = inventory.gateway?.url ? compileAll([`${inventory.gateway.url.replace(/\/+$/, '')}/**`])[0] : undefined;
    if (gw && inventory.gateway?.url) {
      rows.push({ serverId: 'gateway', serverConfig: { serverUrl: urlPatternToRegex(gw) } });
      notes.push({ id: null, level: 'info', message: `every URL under gateway.url ${inventory.gateway.url} is whitelisted as server id "gateway"` });
    }
    if (rejected.length) notes.push({ id: null, level: 'info', message: `the whitelist has no deny list: the ${rejected.length} rejected entr${rejected.length === 1 ? 'y is' : 'ies are'} blocked because they are not whitelisted` });
    notes.push({ id: null, level: 'info', message: 'the argument count must match: package rules allow the canonical launch form only (e.g. npx -y pkg@1.2.3); add ".*" rows by hand for servers that take extra arguments' });
    const doc = { $comment: `Windsurf team MCP whitelist from the ${inventory.organization ?? 'organization'} inventory: add each row in the admin dashboard (Server ID + Server Config JSON); patterns are regular expressions anchored as ^(?:pattern)$`, whitelist: rows };
    return { target: 'windsurf', files: [{ name: 'windsurf-mcp-whitelist.json', installTo: 'the Windsurf admin dashboard (Team settings > MCP servers whitelist)', text: jsonText(doc) }], notes, allowed, denied: rejected.length };
  },
};

function configsOf(entry: InventoryServer, options: ExportOptions, notes: ExportNote[]): WindsurfRow['serverConfig'][] {
  const out: WindsurfRow['serverConfig'][] = [];
  // the organization's preferred route first, under the entry's own id (as for Codex)
  for (const gw of compileAll(entry.gatewayUrl ? [entry.gatewayUrl] : [])) out.push({ serverUrl: urlPatternToRegex(gw) });
  for (const pm of entry.match.packages ?? []) {
    const launch = regexLaunch(entry, pm, options, notes);
    if (!launch) continue;
    const { prefix } = launch;
    const arg = { regex: launch.regex };
    out.push({ command: escapeRegex(prefix.command), args: [...prefix.before.map(escapeRegex), arg.regex, ...prefix.after.map(escapeRegex)] });
  }
  for (const pattern of compileAll(entry.match.urls)) out.push({ serverUrl: urlPatternToRegex(pattern) });
  for (const glob of entry.match.commands ?? []) {
    // the inventory matches the command whatever its arguments; the whitelist needs a count: zero is listed
    out.push({ command: globToRegex(glob), args: [] });
    notes.push({ id: entry.id, level: 'info', message: `command ${glob}: whitelisted with no arguments (the count must match); add rows for the argument counts in use` });
  }
  return out;
}
