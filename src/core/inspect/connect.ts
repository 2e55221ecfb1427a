// Talks to one MCP server with the official SDK: `initialize`, then `tools/list` (every page), `prompts/list` and
// `resources/list` (both optional: a server that does not offer or implement them is fine), then disconnects.
//  - remote servers: streamable HTTP, falling back to the older HTTP+SSE transport (SSE first when the config says
//    `sse`); the SDK's default redirect policy (same origin only) applies; HTTP(S)_PROXY / NO_PROXY are honoured.
//  - stdio servers: only when the caller says the user agreed (`allowStdio`); the child gets the config's env on top
//    of the SDK's minimal default environment (PATH, HOME, USER, …: not the whole environment of this process), its
//    stderr is captured (never printed), and it is stopped afterwards: stdin closed, then SIGTERM, then SIGKILL (the
//    SDK's close), and any process it started that is still alive is killed too. On a timeout the whole tree is
//    killed at once.
// Everything is bounded by one deadline (default 20 s), whatever the server does or does not send.
// The SDK is loaded lazily (like undici), from its own bundle file dist/mcp-sdk.js: scans never load it.
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import type * as Sdk from './mcpSdk';
import { maskText } from '../secrets';
import { isLoopbackHost, makeDispatcher } from '../net/httpGet';
import { undici } from '../net/undici';
import type { LaunchPlan, RemotePlan, StdioPlan } from './target';
import type { Channel, InspectedPrompt, InspectedResource, InspectedTool, Inspection } from './types';

let loaded: typeof Sdk | undefined;

export function sdk(): typeof Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./mcpSdk') as typeof Sdk;
  return loaded;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_PAGES = 50;
const MAX_ITEMS = 2000;
const MAX_STDIO_MESSAGE_BYTES = 16 * 1024 * 1024;
const STDERR_TAIL = 4096;

export interface InspectOptions {
  /** the whole inspection, from start to disconnect (default 20 s) */
  timeoutMs?: number;
  /** must be true for a stdio plan: the user agreed to start that command */
  allowStdio?: boolean;
  /** cancels the inspection (the extension's Cancel button) */
  signal?: AbortSignal;
  clientVersion?: string;
}

export type InspectOutcome =
  | { ok: true; inspection: Inspection }
  | {
      ok: false;
      error: string;
      timedOut: boolean;
      /** a stdio server was started and is confirmed gone */
      stopped?: boolean;
    };

class Aborted extends Error {}

export async function inspectServer(plan: LaunchPlan, options: InspectOptions = {}): Promise<InspectOutcome> {
  if (plan.kind === 'stdio' && options.allowStdio !== true) {
    return { ok: false, error: `starting ${plan.display} needs the user's consent`, timedOut: false };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort(new Aborted('timeout'));
  }, timeoutMs);
  const cancel = () => ac.abort(new Aborted('cancelled'));
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel);
  const run: Run = {
    signal: ac.signal,
    remaining: () => Math.max(1, deadline - Date.now()),
    stage: 'connecting',
    scrub: (text) => scrub(text, plan.secrets),
    clientVersion: options.clientVersion ?? 'dev',
  };
  try {
    const outcome = plan.kind === 'stdio' ? await viaStdio(plan, run) : await viaRemote(plan, run);
    if (!outcome.ok && timedOut) {
      const after = plan.kind !== 'stdio' ? '' : outcome.stopped === false ? '; the server process could not be confirmed stopped' : '; the server process was stopped';
      return { ...outcome, timedOut: true, error: `no answer within ${formatSeconds(timeoutMs)} (while ${run.stage})${after}` };
    }
    if (!outcome.ok && ac.signal.aborted) return { ...outcome, error: 'cancelled' };
    return outcome;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

interface Run {
  signal: AbortSignal;
  remaining(): number;
  /** what was going on (for the timeout message) */
  stage: string;
  scrub(text: string): string;
  clientVersion: string;
}

// ---------------------------------------------------------------------------------------------------------------
// stdio

async function viaStdio(plan: StdioPlan, run: Run): Promise<InspectOutcome> {
  const S = sdk();
  let stderr = '';
  const transport = new S.StdioClientTransport({
    command: plan.command,
    args: plan.args,
    env: plan.env,
    cwd: plan.cwd,
    stderr: 'pipe',
    maxBufferSize: MAX_STDIO_MESSAGE_BYTES,
  });
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  const client = new S.Client({ name: 'mcp-gatekeeper', version: run.clientVersion }, { capabilities: {} });
  let exited = false;
  transport.onclose = () => {
    exited = true;
  };
  let result: InspectOutcome;
  try {
    run.stage = 'starting the server';
    await race(client.connect(transport, requestOptions(run)), run.signal);
    const inspection = await listEverything(client, 'stdio', run);
    result = { ok: true, inspection };
  } catch (e) {
    const tail = lastLines(run.scrub(stderr), 3);
    const why = describeError(e, run, plan.command);
    const died = exited && !run.signal.aborted;
    const exitedWhy = /Connection closed/i.test(why) ? '' : ` (${why})`;
    result = { ok: false, timedOut: false, error: `${died ? `the server exited before answering${exitedWhy}` : why}${tail ? `; its last output: ${tail}` : ''}` };
  }
  const stopped = await stopStdio(client, transport, run.signal.aborted);
  if (!result.ok) return { ...result, stopped };
  if (!stopped) result.inspection.notes.push('The server process could not be confirmed stopped.');
  return result;
}

/** Stops the server and every process it started; true when none of them is left. */
async function stopStdio(client: Sdk.Client, transport: Sdk.StdioClientTransport, force: boolean): Promise<boolean> {
  const pid = transport.pid;
  const tree = pid ? await descendants(pid).catch(() => []) : [];
  // the SDK's close: stdin closed, 2 s, SIGTERM, 2 s, SIGKILL. It is started first, so it sees the process exit
  // even when it is killed right away (on a timeout), and waited for with a timer that keeps Node running
  const closing = client.close().catch(() => undefined);
  if (force && pid) await killTree(pid, tree);
  await withTimeout(closing, 6000);
  const left = [...(pid ? [pid] : []), ...tree].filter(isProcessAlive);
  if (left.length) {
    await killTree(left[0], left.slice(1));
    await withTimeout(new Promise<void>(() => undefined), 200);
  }
  return ![...(pid ? [pid] : []), ...tree].some(isProcessAlive);
}

async function killTree(pid: number, tree: number[]): Promise<void> {
  if (process.platform === 'win32') {
    await new Promise<void>((resolve) => execFile('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true, timeout: 5000 }, () => resolve()));
  }
  for (const p of [pid, ...tree]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Is the process still there (a zombie waiting to be reaped counts as gone)? */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  return true;
}

/** Every process below `pid` (children, grandchildren, …), from /proc on Linux and `ps` on other Unixes. */
async function descendants(pid: number): Promise<number[]> {
  if (process.platform === 'win32') return []; // taskkill /T walks the tree itself
  const parents = new Map<number, number>();
  if (process.platform === 'linux') {
    const entries = await fs.readdir('/proc').catch(() => [] as string[]);
    await Promise.all(
      entries
        .filter((e) => /^\d+$/.test(e))
        .map(async (e) => {
          const stat = await fs.readFile(`/proc/${e}/stat`, 'utf8').catch(() => '');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          const ppid = Number(fields[1]);
          if (Number.isInteger(ppid)) parents.set(Number(e), ppid);
        }),
    );
  } else {
    const out = await new Promise<string>((resolve) => execFile('ps', ['-A', '-o', 'pid=,ppid='], { timeout: 5000 }, (_e, stdout) => resolve(String(stdout ?? ''))));
    for (const line of out.split('\n')) {
      const [p, pp] = line.trim().split(/\s+/).map(Number);
      if (Number.isInteger(p) && Number.isInteger(pp)) parents.set(p, pp);
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, pp] of parents) {
      if (pp === parent && !out.includes(child) && child !== pid) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// remote

async function viaRemote(plan: RemotePlan, run: Run): Promise<InspectOutcome> {
  const S = sdk();
  const url = new URL(plan.url);
  const order: Channel[] = plan.prefer === 'sse' ? ['sse', 'streamable-http'] : ['streamable-http', 'sse'];
  const customFetch = isLoopbackHost(url.hostname) ? undefined : proxyFetch();
  const errors: string[] = [];
  for (const via of order) {
    if (run.signal.aborted) break;
    const requestInit: RequestInit = { headers: { ...plan.headers } };
    const transport =
      via === 'sse'
        ? new S.SSEClientTransport(url, { requestInit, ...(customFetch ? { fetch: customFetch } : {}) })
        : new S.StreamableHTTPClientTransport(url, {
            requestInit,
            reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
            ...(customFetch ? { fetch: customFetch } : {}),
          });
    const client = new S.Client({ name: 'mcp-gatekeeper', version: run.clientVersion }, { capabilities: {} });
    try {
      run.stage = `connecting (${CHANNEL_NAMES[via]})`;
      await race(client.connect(transport, requestOptions(run)), run.signal);
    } catch (e) {
      errors.push(`${CHANNEL_NAMES[via]}: ${describeError(e, run)}`);
      await withTimeout(client.close().catch(() => undefined), 2000);
      continue;
    }
    try {
      const inspection = await listEverything(client, via, run);
      if (errors.length) inspection.notes.push(`Connected with ${CHANNEL_NAMES[via]} after ${errors.join('; ')}.`);
      return { ok: true, inspection };
    } catch (e) {
      return { ok: false, timedOut: false, error: describeError(e, run) };
    } finally {
      if (transport instanceof S.StreamableHTTPClientTransport && transport.sessionId && !run.signal.aborted) {
        await withTimeout(transport.terminateSession().catch(() => undefined), 2000);
      }
      await withTimeout(client.close().catch(() => undefined), 2000);
    }
  }
  return { ok: false, timedOut: false, error: errors.length ? errors.join('; ') : 'cancelled' };
}

const CHANNEL_NAMES: Record<Channel, string> = { 'streamable-http': 'streamable HTTP', sse: 'HTTP+SSE', stdio: 'stdio' };

/** Node's fetch ignores HTTP(S)_PROXY; with a proxy set, requests go through undici's EnvHttpProxyAgent (NO_PROXY honoured). */
function proxyFetch(): typeof fetch | undefined {
  const hasProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => process.env[k]);
  if (!hasProxy) return undefined;
  const dispatcher = makeDispatcher({}, 10_000);
  return ((input: string | URL, init?: RequestInit) => undici().fetch(input, { ...(init as object), dispatcher } as Parameters<ReturnType<typeof undici>['fetch']>[1])) as unknown as typeof fetch;
}

// ---------------------------------------------------------------------------------------------------------------
// the lists

async function listEverything(client: Sdk.Client, via: Channel, run: Run): Promise<Inspection> {
  const notes: string[] = [];
  const caps = client.getServerCapabilities() ?? {};
  const info = client.getServerVersion();
  const instructions = client.getInstructions();

  run.stage = 'tools/list';
  const rawTools = await listAll(client, 'tools/list', 'tools', run, notes, true);
  const tools = normalizeTools(rawTools ?? [], notes);

  let prompts: InspectedPrompt[] | null = null;
  if (caps.prompts) {
    run.stage = 'prompts/list';
    const raw = await listAll(client, 'prompts/list', 'prompts', run, notes, false);
    prompts = raw ? normalizePrompts(raw) : null;
  }
  let resources: InspectedResource[] | null = null;
  if (caps.resources) {
    run.stage = 'resources/list';
    const raw = await listAll(client, 'resources/list', 'resources', run, notes, false);
    resources = raw ? normalizeResources(raw) : null;
  }
  if (!caps.tools && tools.length === 0) notes.push('The server does not declare the tools capability.');
  run.stage = 'disconnecting';
  return {
    via,
    serverInfo: info && typeof info.name === 'string' ? { name: info.name, version: typeof info.version === 'string' ? info.version : '' } : null,
    instructions: typeof instructions === 'string' && instructions ? instructions : null,
    tools,
    prompts,
    resources,
    notes,
  };
}

type ListMethod = 'tools/list' | 'prompts/list' | 'resources/list';

/** Every page of a list; null when the server does not implement it (a note says so). Timeouts are thrown. */
async function listAll(client: Sdk.Client, method: ListMethod, key: string, run: Run, notes: string[], required: boolean): Promise<unknown[] | null> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES) {
      notes.push(`${method}: stopped after ${MAX_PAGES} pages.`);
      break;
    }
    let res: Record<string, unknown>;
    try {
      const request = cursor ? { method, params: { cursor } } : { method };
      res = (await race(client.request(request as Parameters<Sdk.Client['request']>[0], sdk().AnyObjectResult, requestOptions(run)), run.signal)) as Record<string, unknown>;
    } catch (e) {
      if (run.signal.aborted) throw e;
      if (page === 0) {
        notes.push(`${method} failed: ${describeError(e, run)}${required ? '' : ' (treated as not offered)'}.`);
        return required ? [] : null;
      }
      notes.push(`${method} failed on page ${page + 1}: ${describeError(e, run)}; the list is incomplete.`);
      break;
    }
    const list = res[key];
    if (Array.isArray(list)) items.push(...list);
    if (items.length >= MAX_ITEMS) {
      notes.push(`${method}: stopped after ${MAX_ITEMS} entries.`);
      items.length = MAX_ITEMS;
      break;
    }
    const next = typeof res.nextCursor === 'string' && res.nextCursor ? res.nextCursor : undefined;
    if (!next) break;
    if (seen.has(next)) {
      notes.push(`${method}: the server repeated a page cursor; stopped there.`);
      break;
    }
    seen.add(next);
    cursor = next;
  }
  return items;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function normalizeTools(raw: unknown[], notes: string[]): InspectedTool[] {
  const out: InspectedTool[] = [];
  let skipped = 0;
  for (const t of raw) {
    const o = t && typeof t === 'object' ? (t as Record<string, unknown>) : undefined;
    const name = str(o?.name);
    if (!o || !name) {
      skipped++;
      continue;
    }
    const tool: InspectedTool = { name };
    const title = str(o.title) ?? str((o.annotations as Record<string, unknown> | undefined)?.title);
    if (title) tool.title = title;
    if (typeof o.description === 'string') tool.description = o.description;
    if (o.inputSchema !== undefined) tool.inputSchema = o.inputSchema;
    out.push(tool);
  }
  if (skipped) notes.push(`${skipped} tool entr${skipped === 1 ? 'y' : 'ies'} without a name were ignored.`);
  return out;
}

function normalizePrompts(raw: unknown[]): InspectedPrompt[] {
  const out: InspectedPrompt[] = [];
  for (const p of raw) {
    const o = p && typeof p === 'object' ? (p as Record<string, unknown>) : undefined;
    const name = str(o?.name);
    if (!o || !name) continue;
    const prompt: InspectedPrompt = { name };
    if (typeof o.description === 'string') prompt.description = o.description;
    if (Array.isArray(o.arguments)) {
      prompt.arguments = o.arguments
        .filter((a): a is Record<string, unknown> => !!a && typeof a === 'object' && typeof (a as Record<string, unknown>).name === 'string')
        .map((a) => ({ name: a.name as string, ...(typeof a.description === 'string' ? { description: a.description } : {}) }));
    }
    out.push(prompt);
  }
  return out;
}

function normalizeResources(raw: unknown[]): InspectedResource[] {
  const out: InspectedResource[] = [];
  for (const r of raw) {
    const o = r && typeof r === 'object' ? (r as Record<string, unknown>) : undefined;
    const uri = str(o?.uri);
    if (!o || !uri) continue;
    out.push({ uri, ...(str(o.name) ? { name: str(o.name) } : {}), ...(str(o.description) ? { description: str(o.description) } : {}) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// helpers

function requestOptions(run: Run): { signal: AbortSignal; timeout: number; maxTotalTimeout: number } {
  const t = run.remaining();
  return { signal: run.signal, timeout: t, maxTotalTimeout: t };
}

/** The promise, or a rejection as soon as the signal fires (SDK steps such as an SSE handshake have no timeout). */
function race<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    p.catch(() => undefined);
    return Promise.reject(signal.reason instanceof Error ? signal.reason : new Aborted('aborted'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Aborted('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Waits for the promise at most `ms`, with a timer that keeps the process alive meanwhile (then cleared). */
async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Error text fit for a terminal and a report: no secrets, no control characters, short. */
function describeError(e: unknown, run: Run, command?: string): string {
  const err = e as { code?: unknown; message?: string; cause?: { code?: string; message?: string } };
  const code = typeof err?.code === 'string' ? err.code : err?.cause?.code;
  if (command && code === 'ENOENT') return `could not start "${run.scrub(command)}": not found (is it installed and on PATH?)`;
  if (command && code === 'EACCES') return `could not start "${run.scrub(command)}": permission denied`;
  if (code === 'ECONNREFUSED' || /\bECONNREFUSED\b/.test(String(err?.message))) return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET') return 'connection reset by the server';
  let text = (err?.message ?? String(e)).replace(/^(?:Streamable HTTP error|SSE error): /, '').replace(/^TypeError: /, '').replace(/^Error POSTing to endpoint(?: \(HTTP \d+\))?: ?/, '');
  if (err?.cause?.message && !text.includes(err.cause.message)) text += ` (${err.cause.message})`;
  // the SDK's HTTP errors carry the status as a numeric code
  if (typeof err?.code === 'number' && err.code >= 100 && err.code < 600) text = `HTTP ${err.code}${text ? `: ${text}` : ''}`;
  return oneLine(run.scrub(text), 300);
}

function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const t = maskText(text).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\u{E0000}-\u{E007F}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function lastLines(text: string, n: number): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return oneLine(lines.slice(-n).join(' | '), 300);
}

/** Removes every known secret value from a text (longest first, so a value containing another goes whole). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...new Set(secrets)].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(s).join('****');
  return out;
}
