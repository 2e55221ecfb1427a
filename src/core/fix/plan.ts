// Which quick-fixes a checked server gets, as minimal edits in its client's own dialect. Every fix is verified
// before it is offered: the edited text must parse and re-check to the verdict the fix promises.
import type { Node } from 'jsonc-parser';
import type { Checker } from '../checker';
import { clientById } from '../clients';
import type { ClientFixes } from '../clients/types';
import type { InventoryServer } from '../inventory/schema';
import { floorOf } from '../inventory/versions';
import { formatSpec, replaceSpecInArgs } from '../launchers';
import type { CheckedServer, ClientId, ConfigLocation, RuleId } from '../model';
import { parseDocument, type ParsedDocument } from '../parse';
import { specText } from '../rules/entryFields';
import { findLookalike, type FoundLookalike } from '../rules/lookalikePackage';
import { analyzeText } from '../scan';
import { appendToArray, detectLayout, pathAt, removeAt, replaceString, replaceValue, setProperty, type Layout } from './jsonEdits';
import { tomlRemoveEntry, tomlReplaceEntry, tomlReplaceString, tomlSetProperty } from './tomlEdits';
import { applyEdits, type PlannedFix, type TextEdit } from './types';
import { planMoveSecret } from './moveSecret';
import { yamlRemoveEntry, yamlReplaceEntry, yamlReplaceString, yamlSetProperty } from './yamlEdits';

/** The text edits of one fix in the file's own format; null when the entry is written in a way it cannot edit safely. */
interface Editor {
  /** the whole entry replaced by `form` (the dialect's identity keys kept, see KEEP) */
  replaceEntry(form: Record<string, unknown>): TextEdit[] | null;
  setFlag(key: string, value: boolean): TextEdit[] | null;
  /** `name` appended to a list of names at a root path (Gemini's `mcp.excluded`) */
  addToList(path: string[], name: string): TextEdit[] | null;
  remove(): TextEdit[] | null;
  replaceArgument(node: Node, value: string): TextEdit | null;
}

/**
 * Keys a rewritten YAML/TOML entry keeps from the original, per client: what names the entry and how the user tuned it,
 * never what it runs or the credentials it carries. JSON dialects replace the entry whole (replaceValue).
 * - Continue (packages/config-yaml/src/schemas/mcp/index.ts): `name` is required; the base fields are transport-neutral.
 * - Goose (crates/goose/src/config/extensions.rs, agents/extension.rs): `enabled` is required by ExtensionEntry;
 *   `name` and `description` are required by older releases' ExtensionConfig variants.
 * - Codex (codex-rs/config/src/mcp_types.rs, RawMcpServerConfig): the shared fields; `args`, `env`, `env_vars` and
 *   `cwd` are rejected next to `url`, so they never survive.
 */
const KEEP: Partial<Record<ClientId, ReadonlySet<string>>> = {
  continue: new Set(['name', 'serverName', 'faviconUrl', 'connectionTimeout']),
  goose: new Set(['enabled', 'name', 'description', 'display_name', 'timeout', 'bundled', 'available_tools']),
  codex: new Set(['name', 'enabled', 'required', 'startup_timeout_sec', 'startup_timeout_ms', 'tool_timeout_sec', 'enabled_tools', 'disabled_tools', 'default_tools_approval_mode', 'supports_parallel_tool_calls', 'tools']),
};

interface Ctx {
  text: string;
  doc: ParsedDocument;
  root: Node;
  entryNode: Node;
  editor: Editor;
  location: ConfigLocation;
  server: CheckedServer;
  checker: Checker;
  fixes: ClientFixes;
  org: string;
}

/** Every fix that applies to this server, preferred first. JSON(C), YAML and TOML files alike. */
export function planFixes(text: string, location: ConfigLocation, server: CheckedServer, checker: Checker): PlannedFix[] {
  const doc = parseDocument(text, location.format);
  if (!doc.root || doc.error) return []; // never rewrite a file we cannot read completely
  const located = locate(text, doc.root, location, server);
  if (!located) return [];
  const ctx: Ctx = {
    text,
    doc,
    root: doc.root,
    ...located,
    location,
    server,
    checker,
    fixes: clientById(location.client).fixes ?? {},
    org: checker.index.inventory.organization ?? 'organization',
  };
  const candidates = [gatewayFix(ctx), switchFix(ctx), lookalikeSwitchFix(ctx), pinFix(ctx), disableOrRemoveFix(ctx)].filter((f): f is PlannedFix => f !== null);
  // one "move to an input / env reference" per literal secret
  const secretFixes: PlannedFix[] = server.findings.flatMap((f) => {
    const fix = f.rule === 'hardcoded-secret' ? planMoveSecret(text, location, server, f) : null;
    return fix ? [fix] : [];
  });
  return [...candidates, ...secretFixes].filter((f) => verify(ctx, f));
}

/** The entry's node in the tree, and the editor for its format. */
function locate(text: string, root: Node, location: ConfigLocation, server: CheckedServer): { entryNode: Node; editor: Editor } | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (location.format === 'json' || location.format === 'jsonc') {
    const entryPath = pathAt(root, server.valueOffset);
    const entryNode = entryPath && findNode(root, entryPath);
    if (!entryPath || !entryNode || entryNode.type !== 'object') return null;
    return { entryNode, editor: jsonEditor(text, entryNode, entryPath, detectLayout(text)) };
  }
  const entryNode = objectAt(root, server.valueOffset, server.valueLength);
  if (!entryNode) return null;
  const keep = KEEP[location.client] ?? new Set<string>();
  if (location.format === 'yaml') {
    return {
      entryNode,
      editor: {
        replaceEntry: (form) => yamlReplaceEntry(text, entryNode, withListName(entryNode, server, form), keep, eol),
        setFlag: (key, value) => yamlSetProperty(text, entryNode, key, value, eol),
        addToList: () => null,
        remove: () => yamlRemoveEntry(text, entryNode),
        replaceArgument: (node, value) => yamlReplaceString(text, node, value),
      },
    };
  }
  return {
    entryNode,
    editor: {
      replaceEntry: (form) => tomlReplaceEntry(text, server.keyOffset, form, keep, eol),
      setFlag: (key, value) => tomlSetProperty(text, server.keyOffset, key, value, eol),
      addToList: () => null,
      remove: () => tomlRemoveEntry(text, server.keyOffset),
      replaceArgument: (node, value) => tomlReplaceString(text, node, value),
    },
  };
}

function jsonEditor(text: string, entryNode: Node, entryPath: (string | number)[], layout: Layout): Editor {
  return {
    replaceEntry: (form) => [replaceValue(text, entryNode, form, layout)],
    setFlag: (key, value) => [setProperty(text, entryNode, key, value, layout)],
    addToList: (path, name) => appendToArray(text, path, name, layout),
    remove: () => removeAt(text, entryPath),
    replaceArgument: (node, value) => replaceString(node, value),
  };
}

/**
 * A list item (Continue) is named by its `name` key: a replacement for an item that has none names it after the
 * server, unless the name is only the item's position (`mcpServers[2]`).
 */
function withListName(entry: Node, server: CheckedServer, form: Record<string, unknown>): Record<string, unknown> {
  if (entry.parent?.type !== 'array' || entry.children?.some((p) => p.children?.[0]?.value === 'name')) return form;
  if (/^[\w.]+\[\d+\]$/.test(server.name)) return form;
  return { name: server.name, ...form };
}

/** The innermost object node at the entry's range (a TOML table shares its `[` with the implicit tables above it). */
function objectAt(root: Node, offset: number, length: number): Node | undefined {
  let best: Node | undefined;
  const walk = (n: Node) => {
    if (n.type === 'object' && n.offset === offset && (!best || n.length === length || best.length !== length)) best = n;
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return best;
}

function rulesOf(server: CheckedServer): RuleId[] {
  return server.findings.map((f) => f.rule);
}

function base(ctx: Ctx, partial: Omit<PlannedFix, 'server' | 'file'>): PlannedFix {
  return { server: ctx.server.name, file: ctx.location.path, ...partial };
}

/** The entry the inventory matched, when there is one. */
function matched(ctx: Ctx): InventoryServer | undefined {
  return ctx.server.inventoryId ? ctx.checker.index.byId.get(ctx.server.inventoryId) : undefined;
}

/** An entry that reaches `url` in this client's dialect: its remote form, or the inventory's stdio bridge. */
function remoteForm(ctx: Ctx, url: string): Record<string, unknown> | null {
  if (ctx.fixes.remoteEntry) return ctx.fixes.remoteEntry(url);
  const bridge = ctx.checker.index.inventory.gateway?.stdioBridge;
  if (!bridge) return null; // offer nothing rather than a form the client cannot run
  return { command: bridge.command, args: bridge.args.map((a) => a.split('{url}').join(url)) };
}

function gatewayFix(ctx: Ctx): PlannedFix | null {
  const entry = matched(ctx);
  const rules = rulesOf(ctx.server);
  let target: InventoryServer | undefined;
  if (!entry) target = lookalikeOf(ctx)?.entry;
  else if (entry.status === 'deprecated' || entry.status === 'rejected') target = ctx.checker.index.replacementOf(entry);
  else if (entry.status === 'approved' && (rules.includes('bypasses-gateway') || rules.includes('unapproved-version'))) target = entry;
  if (!target?.gatewayUrl || target.status !== 'approved') return null;
  const form = remoteForm(ctx, target.gatewayUrl);
  if (!form) return null;
  const safe = !!entry && (rules.includes('bypasses-gateway') || rules.includes('deprecated-mcp') || rules.includes('rejected-mcp'));
  return base(ctx, {
    kind: 'gateway',
    title: target === entry ? `Route through the ${ctx.org} gateway` : `Route through the ${ctx.org} gateway (approved "${target.title ?? target.id}")`,
    edits: ctx.editor.replaceEntry(form) ?? [],
    expectedVerdict: 'approved',
    dropped: [...ctx.server.envNames, ...ctx.server.headerNames],
    rules: rules.filter((r) => r !== 'inventory-stale'),
    isPreferred: true,
    safe,
  });
}

/** For deprecated/rejected entries whose replacement has no gateway route: its approved URL or pinned package. */
function switchFix(ctx: Ctx): PlannedFix | null {
  const entry = matched(ctx);
  if (!entry || (entry.status !== 'deprecated' && entry.status !== 'rejected')) return null;
  const target = ctx.checker.index.replacementOf(entry);
  if (!target || target.status !== 'approved' || target.gatewayUrl) return null;
  const url = target.match.urls?.find((u) => !/[*?[{]/.test(u));
  let form: Record<string, unknown> | null = url ? remoteForm(ctx, url) : null;
  if (!form) {
    const pm = target.match.packages?.find((p) => p.ecosystem === 'npm' || p.ecosystem === 'pypi' || p.ecosystem === 'oci');
    const version = pm?.versions ? floorOf(pm.ecosystem, pm.versions) : null;
    if (pm && (version || !pm.versions)) {
      const spec = version ? formatSpec({ ecosystem: pm.ecosystem, name: pm.name, version: null }, version) : pm.name;
      form = pm.ecosystem === 'npm' ? { command: 'npx', args: ['-y', spec] } : pm.ecosystem === 'pypi' ? { command: 'uvx', args: [spec] } : { command: 'docker', args: ['run', '-i', '--rm', spec] };
    }
  }
  if (!form) return null;
  return base(ctx, {
    kind: 'switch',
    title: `Switch to the approved "${target.title ?? target.id}"`,
    edits: ctx.editor.replaceEntry(form) ?? [],
    expectedVerdict: 'approved',
    dropped: [...ctx.server.envNames, ...ctx.server.headerNames],
    rules: rulesOf(ctx.server),
    isPreferred: true,
    safe: false,
  });
}

/** The approved inventory entry whose package this server's package imitates (lookalike-package). */
function lookalikeOf(ctx: Ctx): { found: FoundLookalike; entry: InventoryServer } | null {
  if (!ctx.server.findings.some((f) => f.rule === 'lookalike-package')) return null;
  const found = findLookalike(ctx.server, ctx.entryNode, ctx.checker.ruleContext);
  const entry = found?.lookalike.original.entry;
  return found && entry?.status === 'approved' ? { found, entry } : null;
}

/**
 * A look-alike of an approved package: the real package in its place, at the approved version. Only the package word
 * changes, so the rest of the command line (a filesystem server's folders, flags) and the env stay as they are.
 */
function lookalikeSwitchFix(ctx: Ctx): PlannedFix | null {
  const target = lookalikeOf(ctx);
  if (!target) return null;
  const { found, entry } = target;
  const pm = entry.match.packages?.find((p) => p.ecosystem === found.ecosystem && p.name === found.lookalike.original.name && !p.digest);
  const version = pm?.versions ? floorOf(pm.ecosystem, pm.versions) : null;
  if (!pm || (pm.versions && !version)) return null;
  const spec = version ? formatSpec({ ecosystem: pm.ecosystem, name: pm.name, version: null }, version) : pm.name;
  const field = found.word.field;
  if (field.value !== found.word.text) return null; // a word inside a shell string: no safe one-argument edit
  const edit = ctx.editor.replaceArgument(field.node, field.value.slice(0, field.value.length - specText(field.value).length) + spec);
  if (!edit) return null;
  return base(ctx, {
    kind: 'switch',
    title: `Switch to the approved "${entry.title ?? entry.id}"`,
    edits: [edit],
    expectedVerdict: 'approved',
    dropped: [],
    rules: rulesOf(ctx.server),
    isPreferred: true,
    safe: false,
  });
}

function pinFix(ctx: Ctx): PlannedFix | null {
  const pkg = ctx.server.package;
  const entry = matched(ctx);
  if (!pkg || !entry || !ctx.server.findings.some((f) => f.rule === 'unapproved-version')) return null;
  const pm = entry.match.packages?.find((p) => p.ecosystem === pkg.ecosystem && p.name.toLowerCase() === pkg.name.toLowerCase() && p.versions && !p.digest);
  let version = pm?.versions ? floorOf(pm.ecosystem, pm.versions) : null;
  if (!version) return null;
  if (pkg.ecosystem === 'oci' && pkg.version?.startsWith('v') && !version.startsWith('v')) version = `v${version}`;
  const args = replaceSpecInArgs(ctx.server.args, pkg, formatSpec(pkg, version));
  if (!args) return null;
  const edits: TextEdit[] = [];
  const argNodes = argumentNodes(ctx.entryNode);
  if (!argNodes || argNodes.length !== ctx.server.args.length) return null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === ctx.server.args[i]) continue;
    const edit = ctx.editor.replaceArgument(argNodes[i], args[i]);
    if (!edit) return null;
    edits.push(edit);
  }
  return base(ctx, {
    kind: 'pin',
    title: `Pin to the approved version ${version}`,
    edits,
    expectedVerdict: 'approved',
    dropped: [],
    rules: ['unapproved-version'],
    isPreferred: !ctx.fixes.remoteEntry,
    safe: true,
  });
}

function disableOrRemoveFix(ctx: Ctx): PlannedFix | null {
  if (ctx.server.disabled || ctx.server.verdict === 'approved') return null;
  const disable = ctx.fixes.disable;
  if (disable && 'flag' in disable) {
    return base(ctx, {
      kind: 'disable',
      title: 'Disable this server',
      edits: ctx.editor.setFlag(disable.flag, disable.value) ?? [],
      expectedVerdict: ctx.server.verdict,
      dropped: [],
      rules: rulesOf(ctx.server),
      isPreferred: false,
      safe: ctx.server.verdict === 'unknown',
    });
  }
  if (disable && 'listAt' in disable) {
    return base(ctx, {
      kind: 'disable',
      title: 'Disable this server',
      edits: ctx.editor.addToList(disable.listAt, ctx.server.name) ?? [],
      expectedVerdict: ctx.server.verdict,
      dropped: [],
      rules: rulesOf(ctx.server),
      isPreferred: false,
      safe: ctx.server.verdict === 'unknown',
    });
  }
  return base(ctx, {
    kind: 'remove',
    title: 'Remove this server',
    edits: ctx.editor.remove() ?? [],
    expectedVerdict: null,
    dropped: [],
    rules: rulesOf(ctx.server),
    isPreferred: false,
    safe: false,
  });
}

/** The array nodes that hold the server's arguments: `args`, OpenCode's `command` array, Zed's `command.args`. */
function argumentNodes(entry: Node): Node[] | null {
  const prop = (obj: Node, key: string) => obj.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
  const args = prop(entry, 'args');
  if (args?.type === 'array') return args.children ?? [];
  const command = prop(entry, 'command');
  if (command?.type === 'array') return (command.children ?? []).slice(1);
  const nested = command?.type === 'object' ? prop(command, 'args') : undefined;
  return nested?.type === 'array' ? (nested.children ?? []) : null;
}

function findNode(root: Node, path: (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = node.type === 'array' ? node.children?.[seg] : undefined;
    else node = node.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === seg)?.children?.[1] : undefined;
  }
  return node;
}

/** The fix must leave a file that parses and gives the promised result for this server. */
const VERDICT_RULES = new Set<string>(['shadow-mcp', 'pending-mcp', 'rejected-mcp', 'deprecated-mcp', 'unapproved-version', 'bypasses-gateway']);

function verify(ctx: Ctx, fix: PlannedFix): boolean {
  if (!fix.edits.length) return false;
  const after = applyEdits(ctx.text, fix.edits);
  const analysis = analyzeText(after, ctx.location, ctx.checker);
  if (analysis.error) return false;
  // a name can be used twice in one file (user and project entries of ~/.claude.json): the entry is the same
  // occurrence of its name, and the other occurrences must still be there
  const named = <T extends { name: string }>(list: readonly T[]): T[] => list.filter((s) => s.name === ctx.server.name);
  const was = named(clientById(ctx.location.client).extract(ctx.doc, ctx.location));
  const nth = was.findIndex((s) => s.keyOffset === ctx.server.keyOffset);
  const same = named(analysis.servers);
  if (fix.kind === 'remove') return same.length === was.length - 1;
  const now = same.length === was.length && nth >= 0 ? same[nth] : undefined;
  if (!now) return false;
  switch (fix.kind) {
    case 'disable':
      return now.disabled;
    case 'pin':
      return now.verdict === fix.expectedVerdict && !now.findings.some((f) => f.rule === 'unapproved-version');
    case 'move-secret': {
      const secrets = (s: CheckedServer) => s.findings.filter((f) => f.rule === 'hardcoded-secret').length;
      return now.verdict === ctx.server.verdict && secrets(now) === secrets(ctx.server) - 1;
    }
    default:
      // the promised verdict, with no inventory finding left (static rules may still speak about the new entry)
      return now.verdict === fix.expectedVerdict && !now.findings.some((f) => f.severity !== 'info' && VERDICT_RULES.has(f.rule));
  }
}
