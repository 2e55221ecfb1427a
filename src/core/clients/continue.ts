// Continue: `mcpServers:` is a YAML LIST of { name, type, command, args, env, cwd, url, requestOptions } in
// `~/.continue/config.yaml` (`%USERPROFILE%\.continue` on Windows; `CONTINUE_GLOBAL_DIR` relocates it), in block
// files under `.continue/mcpServers/` and in local assistants under `.continue/assistants/` — in each workspace and
// in the global folder alike. JSON files dropped in the block folders are read in Claude/Cursor format (`mcpServers`
// object) or as one bare server named after the file. Sources (continuedev/continue): docs/customize/deep-dives/
// mcp.mdx; core/util/paths.ts (CONTINUE_GLOBAL_DIR); core/config/loadLocalAssistants.ts and ConfigHandler.ts (folders,
// walked recursively, .yaml/.yml); core/context/mcp/json/loadJsonMcpConfigs.ts (.json blocks);
// packages/config-yaml/src/schemas (list items may be `uses:` hub references).
// The legacy `config.json` keeps servers under `experimental.modelContextProtocolServers` as
// { name, transport: { type, command, args, env, url } } (SerializedContinueConfig in core/index.d.ts).
// `${{ secrets.NAME }}` and `${{ inputs.NAME }}` are references resolved by Continue: they are kept as written.
import * as path from 'node:path';
import { recognizeLauncher } from '../launchers';
import type { ConfigLocation, ServerEntry, Transport } from '../model';
import { plainValue, valueAt, type ParsedDocument, type TreeNode } from '../parse';
import { extractJsonServers, transportOf, entryPlace } from './jsonServers';
import { envUnderHome } from './paths';
import type { ClientModule, DiscoveryContext, ListDir } from './types';

export const continueDev: ClientModule = {
  id: 'continue',
  displayName: 'Continue',
  locations(ctx) {
    const dir = continueGlobalDir(ctx);
    // the block folders are listed by `enumerate`
    return [
      { path: path.join(dir, 'config.yaml'), client: 'continue', scope: 'user', format: 'yaml' },
      { path: path.join(dir, 'config.json'), client: 'continue', scope: 'user', format: 'jsonc' },
    ];
  },
  enumerate: (ctx, listDir) => continueBlockLocations(ctx, listDir),
  // a remote item is `{ name, type: streamable-http, url }` (packages/config-yaml/src/schemas/mcp/index.ts; the fix
  // keeps `name`); there is no per-item switch, so an entry can only be removed
  fixes: { remoteEntry: (url) => ({ type: 'streamable-http', url }) },
  extract: extractContinueServers,
};

/** `CONTINUE_GLOBAL_DIR` when it lies under the scanned home, else `~/.continue`. */
export function continueGlobalDir(ctx: DiscoveryContext): string {
  return envUnderHome(ctx, 'CONTINUE_GLOBAL_DIR') ?? path.join(ctx.home, '.continue');
}

/**
 * The folders Continue loads files with `mcpServers` from, with the scope of what they hold: `mcpServers/` block
 * folders (YAML blocks and JSON files) and `assistants/` folders, whose YAML files are whole local assistants
 * (config.yaml format) that the user can switch to. Both exist per workspace and in the global folder.
 */
export function continueBlockFolders(ctx: DiscoveryContext): { dir: string; scope: ConfigLocation['scope']; json: boolean }[] {
  const global = continueGlobalDir(ctx);
  return [
    ...ctx.workspaces.flatMap((ws) => [
      { dir: path.join(ws, '.continue', 'mcpServers'), scope: 'workspace' as const, json: true },
      { dir: path.join(ws, '.continue', 'assistants'), scope: 'workspace' as const, json: false },
    ]),
    { dir: path.join(global, 'mcpServers'), scope: 'user' as const, json: true },
    { dir: path.join(global, 'assistants'), scope: 'user' as const, json: false },
  ];
}

/** Continue walks the folders recursively; a hostile tree is cut off at these bounds. */
const MAX_WALK_DEPTH = 4;
const MAX_LISTINGS = 200;
const MAX_BLOCK_FILES = 200;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.svn', '.hg', '__pycache__', '.venv', 'venv']);

/**
 * Every file of continueBlockFolders (`.yaml`/`.yml` as YAML, `.json` in block folders as Claude-style JSON), in
 * listing order. Missing or unreadable folders yield nothing. Other names are tried as subfolders (a listing of a
 * file is empty), as Continue's walkDir descends into them.
 */
export async function continueBlockLocations(ctx: DiscoveryContext, listDir: ListDir): Promise<ConfigLocation[]> {
  const out: ConfigLocation[] = [];
  for (const { dir, scope, json } of continueBlockFolders(ctx)) {
    let listings = 0;
    const found: ConfigLocation[] = [];
    const walk = async (folder: string, depth: number): Promise<void> => {
      if (++listings > MAX_LISTINGS) return;
      for (const name of await listDir(folder).catch(() => [] as string[])) {
        if (found.length >= MAX_BLOCK_FILES) return;
        const full = path.join(folder, name);
        const format = blockFormat(name);
        if (format === 'jsonc' && !json) continue;
        if (format) found.push({ path: full, client: 'continue', scope, format });
        else if (depth < MAX_WALK_DEPTH && !SKIPPED_DIRS.has(name)) await walk(full, depth + 1);
      }
    };
    await walk(dir, 0);
    out.push(...found);
  }
  return out;
}

function blockFormat(file: string): ConfigLocation['format'] | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'jsonc'; // Continue reads them with comment-json
  return null;
}

function extractContinueServers(doc: ParsedDocument, location: ConfigLocation): ServerEntry[] {
  const list = valueAt(doc.root, ['mcpServers']);
  if (list?.type === 'array') return listServers(doc, location, list.children ?? []);
  if (list?.type === 'object') return extractJsonServers(doc, location, { serversPath: ['mcpServers'], urlKeys: ['url'] });
  const legacy = valueAt(doc.root, ['experimental', 'modelContextProtocolServers']);
  if (legacy?.type === 'array') return legacyServers(doc, location, legacy.children ?? []);
  if (isBlockFile(location)) return bareServer(doc, location);
  return [];
}

function isBlockFile(location: ConfigLocation): boolean {
  return location.path.split(/[\\/]/).includes('mcpServers');
}

/** config.yaml and YAML blocks: list items, keyed by their `name` value (or the item itself when unnamed). */
function listServers(doc: ParsedDocument, location: ConfigLocation, items: TreeNode[]): ServerEntry[] {
  const out: ServerEntry[] = [];
  items.forEach((item, i) => {
    if (item.type !== 'object') return;
    const raw = plainValue(item) as Record<string, unknown>;
    if (typeof raw.uses === 'string') {
      out.push(usesEntry(doc, location, item, raw));
      return;
    }
    // an item with neither is rejected by Continue's schema
    if (!str(raw.command) && !str(raw.url)) return;
    const name = str(raw.name) ?? `mcpServers[${i}]`;
    const keyNode = anchorOf(item, str(raw.command) ? 'command' : 'url');
    const headers = objectKeys(record(raw.requestOptions).headers);
    // `apiKey` is sent as a bearer token
    if (str(raw.apiKey)) headers.push('Authorization');
    out.push(entry(doc, location, keyNode, item, name, raw.type, raw.command, raw.args, raw.url, objectKeys(raw.env), headers));
  });
  return out;
}

/**
 * `- uses: owner/package` (a Continue Hub block, or a local file) with optional `with:` inputs and `override:`.
 * The definition is not in this file, so the entry is reported by its slug: an inventory cannot approve it blindly.
 * Its transport is unknown; stdio is assumed unless the override says otherwise.
 */
function usesEntry(doc: ParsedDocument, location: ConfigLocation, item: TreeNode, raw: Record<string, unknown>): ServerEntry {
  const over = record(raw.override);
  const usesNode = valueAt(item, ['uses']) ?? item;
  const name = str(over.name) ?? (raw.uses as string);
  return entry(doc, location, usesNode, item, name, over.type, over.command, over.args, over.url, objectKeys(over.env), objectKeys(record(over.requestOptions).headers));
}

/** Legacy config.json: `experimental.modelContextProtocolServers: [{ name?, transport: { type, … } }]`. */
function legacyServers(doc: ParsedDocument, location: ConfigLocation, items: TreeNode[]): ServerEntry[] {
  const out: ServerEntry[] = [];
  items.forEach((item, i) => {
    if (item.type !== 'object') return;
    const raw = plainValue(item) as Record<string, unknown>;
    const t = record(raw.transport);
    if (!str(t.command) && !str(t.url)) return;
    const keyNode = anchorOf(item, 'transport');
    const name = str(raw.name) ?? `modelContextProtocolServers[${i}]`;
    // `websocket` has no place in the model: it is a remote server, reported as http
    const type = t.type === 'websocket' ? 'http' : t.type;
    const headers = objectKeys(record(t.requestOptions).headers);
    out.push(entry(doc, location, keyNode, item, name, type, t.command, t.args, t.url, objectKeys(t.env), headers));
  });
  return out;
}

/** A JSON block holding one server (`{ "command": …, "args": … }`), named after its file as Continue does. */
function bareServer(doc: ParsedDocument, location: ConfigLocation): ServerEntry[] {
  const root = doc.root;
  if (root?.type !== 'object') return [];
  const raw = plainValue(root) as Record<string, unknown>;
  if (!str(raw.command) && !str(raw.url)) return [];
  const anchor = keyOf(root, str(raw.command) ? 'command' : 'url') ?? root;
  const name = path.basename(location.path).replace(/\.json$/i, '');
  return [entry(doc, location, anchor, root, name, raw.type, raw.command, raw.args, raw.url, objectKeys(raw.env), objectKeys(raw.headers))];
}

/** Where a list item's diagnostic goes: its `name` value, else the key that says what runs, else the item. */
function anchorOf(item: TreeNode, fallbackKey: string): TreeNode {
  const nameNode = valueAt(item, ['name']);
  return nameNode?.type === 'string' ? nameNode : (keyOf(item, fallbackKey) ?? item);
}

function keyOf(obj: TreeNode, key: string): TreeNode | undefined {
  return obj.children?.filter((p) => p.children?.[0]?.value === key).pop()?.children?.[0];
}

function entry(
  doc: ParsedDocument,
  location: ConfigLocation,
  keyNode: TreeNode,
  valueNode: TreeNode,
  name: string,
  type: unknown,
  command: unknown,
  args: unknown,
  url: unknown,
  envNames: string[],
  headerNames: string[],
): ServerEntry {
  // as in Continue, a `command` makes the server stdio whatever else the item says
  const cmd = str(command);
  const remoteUrl = cmd ? null : str(url);
  const argv = cmd && Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [];
  const launch = cmd ? recognizeLauncher(cmd, argv) : { package: null, bridgedUrl: null };
  const transport: Transport = cmd ? 'stdio' : transportOf(typeof type === 'string' ? type : undefined, remoteUrl ? 'url' : undefined, { serversPath: [], urlKeys: ['url'] });
  return {
    name,
    ...entryPlace(doc, location, keyNode, valueNode),
    transport,
    command: cmd,
    args: argv,
    url: remoteUrl ?? launch.bridgedUrl,
    envNames,
    headerNames,
    package: launch.package,
    // Continue has no per-entry switch in its files
    disabled: false,
  };
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function objectKeys(v: unknown): string[] {
  return Object.keys(record(v));
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}
