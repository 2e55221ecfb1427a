// How to reach a configured server for an inspection: the command line, environment and working folder of a stdio
// server, or the URL and headers of a remote one, read again from its config file (the scan keeps only the NAMES of
// env variables and headers, never their values).
// Values are used as the client would use them, with these limits:
//  - literal values are used as written;
//  - `${env:X}`, `${X}`, `${X:-default}` and `{env:X}` are read from this process's environment (unless
//    `resolveEnv` is false: Restricted Mode, where a workspace must not direct the user's variables anywhere);
//  - `${workspaceFolder}` and `${userHome}` are replaced; everything else (`${input:…}` prompts, `${command:…}`)
//    is resolved by the client at run time and cannot be here: such an env variable or header is left out, and the
//    plan says so.
// Values are never part of anything shown: `commandLine` and `display` are masked, and `secrets` lists every value
// so error text from the server can be scrubbed of them.
import * as path from 'node:path';
import { clientById } from '../clients';
import type { ConfigFormat, ConfigLocation, ServerEntry } from '../model';
import { parseDocument, plainValue, type TreeNode } from '../parse';
import { readConfigFile } from '../readFile';
import { maskArgs, maskUrl } from '../secrets';
import { isLoopbackHost } from '../net/httpGet';

export interface PlanContext {
  workspaces: readonly string[];
  home: string;
  /** where `${env:X}` values come from (this process's environment) */
  env: Record<string, string | undefined>;
  /** false: references to the user's environment are not resolved (Restricted Mode) */
  resolveEnv?: boolean;
}

interface PlanBase {
  /** what the report and the consent question show (masked) */
  display: string;
  /** what was left out and why */
  notes: string[];
  /** every value that must never appear in output (env and header values, resolved references) */
  secrets: string[];
}

export interface StdioPlan extends PlanBase {
  kind: 'stdio';
  command: string;
  args: string[];
  /** the config's environment (values); the child also gets the SDK's small default set (PATH, HOME, …) */
  env: Record<string, string>;
  cwd: string | undefined;
  envNames: string[];
}

export interface RemotePlan extends PlanBase {
  kind: 'remote';
  url: string;
  /** the configured transport: `sse` is tried first, anything else starts with streamable HTTP */
  prefer: 'http' | 'sse';
  headers: Record<string, string>;
}

export type LaunchPlan = StdioPlan | RemotePlan;

export type PlanResult = { ok: true; plan: LaunchPlan } | { ok: false; error: string };

export async function planLaunch(server: ServerEntry, ctx: PlanContext): Promise<PlanResult> {
  const raw = await readEntry(server);
  const notes: string[] = [];
  const secrets: string[] = [];
  const workspace = workspaceOf(server, ctx);
  const resolver = new Resolver(ctx, workspace, notes, secrets);

  if (server.transport !== 'stdio') {
    if (!server.url) return { ok: false, error: `"${server.name}" has no URL to connect to` };
    const url = resolver.value(server.url, 'the URL');
    if (url === undefined || !/^https?:\/\//i.test(url)) return { ok: false, error: `the URL of "${server.name}" cannot be resolved here (${maskUrl(server.url)})` };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, error: `the URL of "${server.name}" is not valid (${maskUrl(server.url)})` };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(headersOf(raw, ctx, resolver))) headers[name] = value;
    if (Object.keys(headers).length && parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
      notes.push(`Headers (${Object.keys(headers).join(', ')}) were not sent: the URL is plain http to another machine.`);
      for (const k of Object.keys(headers)) delete headers[k];
    }
    return { ok: true, plan: { kind: 'remote', url, prefer: server.transport === 'sse' ? 'sse' : 'http', headers, display: maskUrl(url), notes, secrets } };
  }

  if (!server.command) return { ok: false, error: `"${server.name}" has no command to start` };
  const command = resolver.value(server.command, 'the command');
  if (command === undefined) return { ok: false, error: `the command of "${server.name}" cannot be resolved here (${maskArgs([server.command])[0]})` };
  const args: string[] = [];
  for (const a of server.args) {
    const v = resolver.value(a, 'an argument', true);
    args.push(v ?? a);
  }
  const env = envOf(raw, ctx, resolver);
  const cwdRaw = typeof raw?.cwd === 'string' && raw.cwd ? resolver.value(raw.cwd, 'the working folder') : undefined;
  const cwd = cwdRaw ? path.resolve(workspace ?? ctx.home, cwdRaw) : server.scope === 'workspace' ? (workspace ?? undefined) : ctx.home;
  return {
    ok: true,
    plan: { kind: 'stdio', command, args, env, cwd, envNames: Object.keys(env), display: commandLine(command, args), notes, secrets },
  };
}

/** The command line as a person would type it, with secrets masked. */
export function commandLine(command: string, args: readonly string[]): string {
  return maskArgs([command, ...args]).map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./~${}*-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

class Resolver {
  constructor(
    private readonly ctx: PlanContext,
    private readonly workspace: string | null,
    readonly notes: string[],
    readonly secrets: string[],
  ) {}

  /** The value with its references replaced; undefined when one cannot be resolved here (a note says which). */
  value(text: string, what: string, keepUnresolved = false): string | undefined {
    let unresolved: string | null = null;
    const out = text.replace(/\$\{([^}]+)\}|\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, inner: string | undefined, openEnv: string | undefined) => {
      const ref = (inner ?? `env:${openEnv}`).trim();
      if (ref === 'workspaceFolder' || ref === 'workspaceRoot') return this.workspace ?? ((unresolved ??= m), m);
      if (ref === 'userHome') return this.ctx.home;
      if (ref === 'pathSeparator' || ref === '/') return path.sep;
      const env = /^(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/.exec(ref);
      if (env) {
        if (this.ctx.resolveEnv === false) {
          unresolved ??= m;
          return m;
        }
        const v = this.ctx.env[env[1]] ?? env[2];
        if (v === undefined) {
          unresolved ??= m;
          return m;
        }
        if (v) this.secrets.push(v);
        return v;
      }
      unresolved ??= m;
      return m;
    });
    if (unresolved) {
      const why = this.ctx.resolveEnv === false && /env:|^\$\{[A-Za-z_]/.test(unresolved) ? 'environment references are not resolved in Restricted Mode' : 'the client resolves it at run time';
      this.notes.push(`${capital(what)} uses ${unresolved}, which cannot be resolved here (${why})${keepUnresolved ? '; it was passed as written' : ''}.`);
      return keepUnresolved ? out : undefined;
    }
    return out;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** The env maps of every dialect: `env`, OpenCode's `environment`, Goose's `envs`, Continue's `transport.env`, Zed's `command.env`. */
function envOf(raw: Record<string, unknown> | undefined, ctx: PlanContext, r: Resolver): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  const maps = [raw.env, raw.environment, raw.envs, record(raw.transport)?.env, record(raw.command)?.env].map(record).filter((m) => m !== undefined);
  for (const m of maps) {
    for (const [name, v] of Object.entries(m)) {
      const text = scalar(v);
      if (text === undefined) continue;
      const value = r.value(text, `env ${name}`);
      if (value === undefined) continue;
      out[name] = value;
      if (value) r.secrets.push(value);
    }
  }
  // Codex `env_vars`: names forwarded from the parent environment
  if (Array.isArray(raw.env_vars) && ctx.resolveEnv !== false) {
    for (const item of raw.env_vars) {
      const name = typeof item === 'string' ? item : scalar(record(item)?.name);
      const v = name ? ctx.env[name] : undefined;
      if (name && v !== undefined && !(name in out)) {
        out[name] = v;
        if (v) r.secrets.push(v);
      }
    }
  }
  if (Array.isArray(raw.env_keys) && raw.env_keys.length) {
    r.notes.push(`Variables kept in Goose's keyring (${raw.env_keys.filter((x) => typeof x === 'string').join(', ')}) were not passed.`);
  }
  return out;
}

/** Headers of every dialect: `headers`, Codex's `http_headers` / `env_http_headers` / `bearer_token_env_var`, Continue's `requestOptions.headers`. */
function headersOf(raw: Record<string, unknown> | undefined, ctx: PlanContext, r: Resolver): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  const maps = [raw.headers, raw.http_headers, record(raw.requestOptions)?.headers, record(record(raw.transport)?.requestOptions)?.headers].map(record).filter((m) => m !== undefined);
  for (const m of maps) {
    for (const [name, v] of Object.entries(m)) {
      const text = scalar(v);
      if (text === undefined) continue;
      const value = r.value(text, `header ${name}`);
      if (value === undefined) continue;
      out[name] = value;
      if (value) r.secrets.push(value);
    }
  }
  if (ctx.resolveEnv !== false) {
    for (const [name, envName] of Object.entries(record(raw.env_http_headers) ?? {})) {
      const v = typeof envName === 'string' ? ctx.env[envName] : undefined;
      if (v) {
        out[name] = v;
        r.secrets.push(v);
      }
    }
    const bearerVar = scalar(raw.bearer_token_env_var);
    const token = bearerVar ? ctx.env[bearerVar] : undefined;
    if (token) {
      out.Authorization = `Bearer ${token}`;
      r.secrets.push(token);
    }
  }
  return out;
}

/** The workspace folder a workspace-level file belongs to (the longest folder that contains it). */
function workspaceOf(server: ServerEntry, ctx: PlanContext): string | null {
  const file = path.resolve(server.file);
  const hits = ctx.workspaces.filter((w) => file === w || file.startsWith(w.endsWith(path.sep) ? w : w + path.sep));
  if (hits.length) return hits.sort((a, b) => b.length - a.length)[0];
  if (server.scope !== 'workspace') return ctx.workspaces[0] ?? null;
  // a workspace file outside the open folders: its folder (the project above `.vscode/`, `.cursor/`, …)
  const dir = path.dirname(file);
  return path.basename(dir).startsWith('.') ? path.dirname(dir) : dir;
}

function formatOf(file: string): ConfigFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.toml') return 'toml';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return 'jsonc';
}

/** The server's entry, read again from its file (plain values); undefined when the file or entry is gone. */
async function readEntry(server: ServerEntry): Promise<Record<string, unknown> | undefined> {
  const read = await readConfigFile(server.file);
  if (read.kind !== 'text') return undefined;
  const location: ConfigLocation = { path: server.file, client: server.client, scope: server.scope, format: formatOf(server.file) };
  const doc = parseDocument(read.text, location.format);
  if (!doc.root) return undefined;
  let entries: ServerEntry[];
  try {
    entries = clientById(server.client).extract(doc, location);
  } catch {
    return undefined;
  }
  const same = entries.filter((e) => e.name === server.name);
  const entry = same.find((e) => e.keyOffset === server.keyOffset) ?? same[0];
  if (!entry) return undefined;
  const node = nodeAt(doc.root, entry.valueOffset, entry.valueLength);
  return record(plainValue(node));
}

function nodeAt(root: TreeNode, offset: number, length: number): TreeNode | undefined {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.offset === offset && n.length === length && (n.type === 'object' || n.type === 'array')) return n;
    if (n.offset <= offset && offset < n.offset + n.length) stack.push(...(n.children ?? []));
  }
  return undefined;
}
