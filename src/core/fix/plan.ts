// Which quick-fixes a checked server gets, as minimal edits in its client's own dialect. Every fix is verified
// before it is offered: the edited text must parse and re-check to the verdict the fix promises.
import type { Node } from 'jsonc-parser';
import type { Checker } from '../checker';
import { clientById } from '../clients';
import type { ClientFixes } from '../clients/types';
import type { InventoryServer } from '../inventory/schema';
import { floorOf } from '../inventory/versions';
import { formatSpec, replaceSpecInArgs } from '../launchers';
import type { CheckedServer, ConfigLocation, RuleId } from '../model';
import { parseDocument, type ParsedDocument } from '../parse';
import { analyzeText } from '../scan';
import { appendToArray, detectLayout, pathAt, removeAt, replaceString, replaceValue, setProperty, type Layout } from './jsonEdits';
import { applyEdits, type PlannedFix, type TextEdit } from './types';

interface Ctx {
  text: string;
  doc: ParsedDocument;
  root: Node;
  entryNode: Node;
  entryPath: (string | number)[];
  layout: Layout;
  location: ConfigLocation;
  server: CheckedServer;
  checker: Checker;
  fixes: ClientFixes;
  org: string;
}

/** Every fix that applies to this server, preferred first. Only JSON and JSONC files are rewritten. */
export function planFixes(text: string, location: ConfigLocation, server: CheckedServer, checker: Checker): PlannedFix[] {
  if (location.format !== 'json' && location.format !== 'jsonc') return [];
  const doc = parseDocument(text, location.format);
  if (!doc.root || doc.error) return []; // never rewrite a file we cannot read completely
  const entryPath = pathAt(doc.root, server.valueOffset);
  const entryNode = entryPath && findNode(doc.root, entryPath);
  if (!entryPath || !entryNode || entryNode.type !== 'object') return [];
  const ctx: Ctx = {
    text,
    doc,
    root: doc.root,
    entryNode,
    entryPath,
    layout: detectLayout(text),
    location,
    server,
    checker,
    fixes: clientById(location.client).fixes ?? {},
    org: checker.index.inventory.organization ?? 'organization',
  };
  const candidates = [gatewayFix(ctx), switchFix(ctx), pinFix(ctx), disableOrRemoveFix(ctx)].filter((f): f is PlannedFix => f !== null);
  return candidates.filter((f) => verify(ctx, f));
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
  if (!entry) return null;
  const rules = rulesOf(ctx.server);
  let target: InventoryServer | undefined;
  if (entry.status === 'deprecated' || entry.status === 'rejected') target = ctx.checker.index.replacementOf(entry);
  else if (entry.status === 'approved' && (rules.includes('bypasses-gateway') || rules.includes('unapproved-version'))) target = entry;
  if (!target?.gatewayUrl || target.status !== 'approved') return null;
  const form = remoteForm(ctx, target.gatewayUrl);
  if (!form) return null;
  const safe = rules.includes('bypasses-gateway') || rules.includes('deprecated-mcp') || rules.includes('rejected-mcp');
  return base(ctx, {
    kind: 'gateway',
    title: target === entry ? `Route through the ${ctx.org} gateway` : `Route through the ${ctx.org} gateway (approved "${target.title ?? target.id}")`,
    edits: [replaceValue(ctx.text, ctx.entryNode, form, ctx.layout)],
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
    edits: [replaceValue(ctx.text, ctx.entryNode, form, ctx.layout)],
    expectedVerdict: 'approved',
    dropped: [...ctx.server.envNames, ...ctx.server.headerNames],
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
  args.forEach((a, i) => {
    if (a !== ctx.server.args[i]) edits.push(replaceString(argNodes[i], a));
  });
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
      edits: [setProperty(ctx.text, ctx.entryNode, disable.flag, disable.value, ctx.layout)],
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
      edits: appendToArray(ctx.text, disable.listAt, ctx.server.name),
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
    edits: removeAt(ctx.text, ctx.entryPath),
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
function verify(ctx: Ctx, fix: PlannedFix): boolean {
  if (!fix.edits.length) return false;
  const after = applyEdits(ctx.text, fix.edits);
  const analysis = analyzeText(after, ctx.location, ctx.checker);
  if (analysis.error) return false;
  const same = analysis.servers.filter((s) => s.name === ctx.server.name);
  switch (fix.kind) {
    case 'remove':
      return same.length === 0;
    case 'disable':
      return same.length === 1 && same[0].disabled;
    case 'pin':
      return same.length === 1 && same[0].verdict === fix.expectedVerdict && !same[0].findings.some((f) => f.rule === 'unapproved-version');
    default:
      return same.length === 1 && same[0].verdict === fix.expectedVerdict && !same[0].findings.some((f) => f.severity !== 'info');
  }
}
