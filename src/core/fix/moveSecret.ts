// Quick-fix for hardcoded-secret: replace the literal with a reference in the client's own interpolation syntax, so the
// file no longer holds the secret. Minimal JSON/JSONC edits only: the one string that holds the secret (the rest of it
// kept, e.g. `Bearer `), plus for VS Code an entry in the file's `inputs`.
// Syntax per client (reference doc §"Interpolation", with the fields each expands):
//   vscode       `${input:<id>}` + inputs[] { type: promptString, id, description, password: true }: VS Code asks once
//                and keeps the value in its secret storage; variables apply to every string of an entry [V]
//   cursor       `${env:NAME}` in command, args, env, url, headers [S: cursor.com/docs/mcp via mirrors]
//   windsurf     `${env:NAME}` in command, args, env, serverUrl, url, headers [V fields, S syntax]
//   roo          `${env:NAME}`: injectVariables runs over the whole server config (RooCodeInc/Roo-Code src/utils/config.ts)
//   amazonq      `${env:NAME}` [V: docs.aws.amazon.com command-line-mcp-configuration]; env and headers only here
//   claude-code  `${NAME}` in command, args, env, url, headers [V: code.claude.com/docs/en/mcp]
//   gemini       `${NAME}`: settings.json strings are env-expanded when loaded (gemini-cli settings.ts resolveEnvVarsInObject)
//   copilot-cli  `${NAME}` in env (github/copilot-cli#903, since v1.0.10) and headers (github-mcp-server install guide)
//   kiro         `${NAME}` in env and headers (kiro.dev/docs/mcp/configuration examples)
//   opencode     `{env:NAME}`: substituted in the config text when it is loaded (anomalyco/opencode config load())
// No fix: Claude Desktop, Cline, Zed, LM Studio, Junie and Continue JSON blocks (no interpolation known), Goose and
// Continue YAML, Codex TOML (Codex would take `env_vars = ["NAME"]` / `bearer_token_env_var` instead: a TOML edit).
import type { Node } from 'jsonc-parser';
import type { CheckedServer, ClientId, ConfigLocation, Finding, ServerEntry } from '../model';
import { parseDocument, type ParsedDocument } from '../parse';
import { serverNode } from '../rules/entryFields';
import { findSecrets, type SecretHit, type SecretPlace } from '../rules/hardcodedSecret';
import { findNodeAt, prop } from '../rules/nodes';
import { maskValue } from '../secrets';
import { detectLayout, formatValue, replaceString, setProperty, type Layout } from './jsonEdits';
import type { PlannedFix, TextEdit } from './types';

/** A planned fix of the new kind `move-secret` (to be added to FixKind). */
export type MoveSecretFix = Omit<PlannedFix, 'kind'> & { kind: 'move-secret' };

interface Dialect {
  /** the reference to a variable / input named `name` */
  ref(name: string): string;
  /** the fields whose strings the client expands */
  places: ReadonlySet<SecretPlace>;
  /** VS Code: the value comes from an `inputs` entry, not the environment */
  input?: boolean;
}

const EVERYWHERE: ReadonlySet<SecretPlace> = new Set(['env', 'header', 'arg', 'url', 'key']);
const ENV_AND_HEADERS: ReadonlySet<SecretPlace> = new Set(['env', 'header']);
const envColon = (name: string) => `\${env:${name}}`;
const dollar = (name: string) => `\${${name}}`;

const DIALECTS: Partial<Record<ClientId, Dialect>> = {
  vscode: { ref: (id) => `\${input:${id}}`, places: EVERYWHERE, input: true },
  cursor: { ref: envColon, places: EVERYWHERE },
  windsurf: { ref: envColon, places: EVERYWHERE },
  roo: { ref: envColon, places: EVERYWHERE },
  amazonq: { ref: envColon, places: ENV_AND_HEADERS },
  'claude-code': { ref: dollar, places: EVERYWHERE },
  gemini: { ref: dollar, places: EVERYWHERE },
  'copilot-cli': { ref: dollar, places: ENV_AND_HEADERS },
  kiro: { ref: dollar, places: ENV_AND_HEADERS },
  opencode: { ref: (name) => `{env:${name}}`, places: EVERYWHERE },
};

/**
 * The fix for one hardcoded-secret finding, or null when the client has no interpolation for that field, the file is
 * not JSON(C), does not parse completely, or the finding no longer matches the text.
 */
export function planMoveSecret(text: string, location: ConfigLocation, server: ServerEntry & Partial<Pick<CheckedServer, 'verdict'>>, finding: Finding): MoveSecretFix | null {
  if (finding.rule !== 'hardcoded-secret' || !finding.range) return null;
  if (location.format !== 'json' && location.format !== 'jsonc') return null;
  const dialect = DIALECTS[location.client];
  if (!dialect) return null;
  const doc = parseDocument(text, location.format);
  if (!doc.root || doc.error) return null;
  const found = findNodeAt(doc.root, server.valueOffset);
  if (!found) return null;
  const entry = serverNode(server, found);
  const hit = hitFor(doc, entry, finding);
  if (!hit || !dialect.places.has(hit.place)) return null;
  const value = hit.field.value;
  if (!value.includes(hit.secret)) return null;

  const layout = detectLayout(text);
  const name = variableName(hit, server.name);
  const edits: TextEdit[] = [];
  let ref: string;
  let title: string;
  if (dialect.input) {
    const inputs = inputsPlace(entry);
    if (!inputs) return null;
    const id = uniqueId(inputs.list, name.toLowerCase().replace(/_/g, '-'));
    ref = dialect.ref(id);
    const input = { type: 'promptString', id, description: `${capitalize(hit.kind)} for ${server.name}`, password: true };
    const edit = inputs.list ? appendToArray(text, inputs.list, input, layout) : setProperty(text, inputs.container, 'inputs', [input], layout);
    edits.push(edit);
    title = `Move the secret into an input (${ref}): VS Code asks for it once and keeps it in its secret storage`;
  } else {
    ref = dialect.ref(name);
    title = `Replace the secret with ${ref} (set ${name} in the environment the client starts from)`;
  }
  edits.push(replaceString(hit.field.node, value.split(hit.secret).join(ref)));
  return {
    kind: 'move-secret',
    title,
    server: server.name,
    file: location.path,
    edits: edits.sort((a, b) => a.offset - b.offset),
    // the inventory verdict does not depend on a value; only this finding goes
    expectedVerdict: server.verdict ?? null,
    dropped: [],
    rules: ['hardcoded-secret'],
    isPreferred: true,
    // the literal leaves the file: the user has to put the value where the reference points first
    safe: false,
  };
}

/** The secret the finding is about: same value node, and (for a value holding two) the same mask in the message. */
function hitFor(doc: ParsedDocument, entry: Node, finding: Finding): SecretHit | undefined {
  const range = finding.range;
  if (!range) return undefined;
  const same = (node: Node) => {
    const r = doc.lines.rangeOf(node.offset, node.length);
    return r.start.line === range.start.line && r.start.character === range.start.character && r.end.line === range.end.line && r.end.character === range.end.character;
  };
  const hits = findSecrets(entry).filter((h) => same(h.field.node));
  return hits.length > 1 ? hits.find((h) => finding.message.includes(`${h.kind} (${maskValue(h.secret)})`)) : hits[0];
}

/**
 * The variable a reference points to: the env variable's own name, else one made from the server and the field
 * (`GITHUB_TOKEN` for `github`'s Authorization header, `STRIPE_API_KEY` for `--api-key`).
 */
function variableName(hit: SecretHit, serverName: string): string {
  const prefix = envName(serverName) || 'MCP';
  if (hit.place === 'env' && hit.name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(hit.name)) return hit.name;
  // `-e GITHUB_TOKEN=…` and `KEY=value` arguments name the variable already
  if (hit.place === 'arg' && hit.name && /^[A-Z_][A-Z0-9_]*$/.test(hit.name) && hit.name.includes('_')) return hit.name;
  if (hit.place === 'header' && hit.name && /^(?:proxy-)?authorization$/i.test(hit.name)) return `${prefix}_TOKEN`;
  if (hit.kind === 'URL password') return `${prefix}_PASSWORD`;
  const field = hit.name ? envName(hit.name) : '';
  if (!field) return `${prefix}_TOKEN`;
  return field.startsWith(`${prefix}_`) || field === prefix ? field : `${prefix}_${field}`;
}

/** `apiKey` → `API_KEY`, `X-Api-Key` → `X_API_KEY`, `my server` → `MY_SERVER`; never starting with a digit. */
function envName(s: string): string {
  const name = s
    .replace(/^-+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `MCP_${name}` : name;
}

/** Where VS Code keeps inputs: `inputs` next to the servers map (`servers` / `mcp.servers` / devcontainer `…mcp.servers`). */
function inputsPlace(entry: Node): { container: Node; list: Node | null } | null {
  const map = entry.parent?.parent; // entry ← property ← servers map
  const container = map?.parent?.parent; // map ← property `servers` ← the object holding `servers` and `inputs`
  if (map?.type !== 'object' || container?.type !== 'object') return null;
  const list = prop(container, 'inputs') ?? null;
  if (list && list.type !== 'array') return null;
  return { container, list };
}

function uniqueId(list: Node | null, wanted: string): string {
  const taken = new Set((list?.children ?? []).map((item) => prop(item, 'id')?.value).filter((v): v is string => typeof v === 'string'));
  let id = wanted || 'mcp-secret';
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  return id;
}

/** Appends a value to an array in the array's own style: on its own line in a block array, inline in a one-line one. */
function appendToArray(text: string, list: Node, value: unknown, layout: Layout): TextEdit {
  const items = list.children ?? [];
  const inline = formatValue(value, true, '', layout);
  const closing = list.offset + list.length - 1;
  if (!items.length) return { offset: list.offset + 1, length: closing - list.offset - 1, content: inline };
  const last = items[items.length - 1];
  const end = last.offset + last.length;
  const between = text.slice(end, closing);
  const comma = /^\s*,/.exec(between);
  const multiline = /[\r\n]/.test(text.slice(list.offset, list.offset + list.length));
  const indent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', last.offset - 1) + 1, last.offset))?.[0] ?? '';
  const sep = multiline ? `${layout.eol}${indent}` : ' ';
  // keep a trailing comma (JSONC) where the array had one
  return comma ? { offset: end + comma[0].length, length: 0, content: `${sep}${inline},` } : { offset: end, length: 0, content: `,${sep}${inline}` };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
