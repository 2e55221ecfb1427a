// Gemini CLI: the system settings file (/etc/gemini-cli/settings.json, /Library/Application Support/GeminiCli/
// settings.json, C:\ProgramData\gemini-cli\settings.json). Verified in google-gemini/gemini-cli docs/cli/enterprise.md
// ("Define and add to allowlist in system settings"): `mcp.allowed` / `mcp.excluded` match server NAMES only, and a
// server defined in the system file wins over a same-named user or workspace definition. So an allowed name is safe
// only when the system file also defines what that name runs: names are allowed only for entries defined here.
import type { Inventory, InventoryServer } from '../../inventory/schema';
import { compileAll, isGlob, jsonText, launchArgv, partition, versionSet, type ExportModule, type ExportNote, type ExportResult } from './common';

type Definition = { httpUrl: string } | { url: string } | { command: string; args?: string[] };

export const geminiExport: ExportModule = {
  target: 'gemini',
  title: 'Gemini CLI',
  run(inventory: Inventory): ExportResult {
    const notes: ExportNote[] = [];
    const { approved, rejected } = partition(inventory, notes);
    const mcpServers: Record<string, Definition> = {};
    for (const entry of approved) {
      const def = definitionOf(entry, notes);
      if (def) mcpServers[entry.id] = def;
      else notes.push({ id: entry.id, level: 'lost', message: 'Gemini CLI allows by name only, and nothing in this entry pins what the name runs (no gateway route, exact URL, exact version or exact command): not allowed' });
    }
    const excluded = rejected.map((s) => s.id);
    if (excluded.length) notes.push({ id: null, level: 'info', message: `mcp.excluded blocks names only (${excluded.join(', ')}); under another name these servers are still blocked by mcp.allowed` });
    if (inventory.gateway?.url) notes.push({ id: null, level: 'lost', message: `gateway.url ${inventory.gateway.url}: Gemini CLI cannot allow a URL prefix; only the entries' own gateway routes are defined` });
    const settings = { mcp: { allowed: Object.keys(mcpServers), excluded }, mcpServers };
    return {
      target: 'gemini',
      files: [{ name: 'settings.json', installTo: '/etc/gemini-cli/settings.json (Linux), /Library/Application Support/GeminiCli/settings.json (macOS), C:\\ProgramData\\gemini-cli\\settings.json (Windows)', text: jsonText(settings) }],
      notes,
      allowed: Object.keys(mcpServers).length,
      denied: excluded.length,
    };
  },
};

/** The one definition that pins what the entry's name runs: gateway route > exact URL > exact version > command. */
function definitionOf(entry: InventoryServer, notes: ExportNote[]): Definition | null {
  const candidates: { def: Definition; what: string }[] = [];
  if (entry.gatewayUrl) candidates.push({ def: { httpUrl: entry.gatewayUrl }, what: `gateway route ${entry.gatewayUrl}` });
  for (const p of compileAll(entry.match.urls)) {
    if (p.hasWildcard || p.anyPath) continue;
    // Gemini's `url` is SSE and `httpUrl` Streamable HTTP; an /sse endpoint is the only hint the inventory gives
    candidates.push({ def: /\/sse$/i.test(p.url.path) ? { url: p.source } : { httpUrl: p.source }, what: `URL ${p.source}` });
  }
  for (const pm of entry.match.packages ?? []) {
    const set = versionSet(pm);
    if (set.kind !== 'exact' && !pm.digest) continue;
    const argv = launchArgv(pm, pm.digest ? null : set.kind === 'exact' ? set.versions[set.versions.length - 1] : null);
    if (argv) candidates.push({ def: { command: argv.command, args: argv.args }, what: `${[argv.command, ...argv.args].join(' ')}` });
  }
  for (const c of entry.match.commands ?? []) if (!isGlob(c)) candidates.push({ def: { command: c }, what: `command ${c}` });
  if (!candidates.length) return null;
  if (candidates.length > 1) notes.push({ id: entry.id, level: 'info', message: `defined as ${candidates[0].what}; one definition per name, so ${candidates.slice(1).map((c) => c.what).join(', ')} ${candidates.length > 2 ? 'are' : 'is'} not` });
  return candidates[0].def;
}
