// Reading the process table, read-only: pid, parent pid, user and command line of every process we may see.
//
// Linux: /proc/<pid>/cmdline and /proc/<pid>/status. Chosen over `ps` because cmdline keeps the exact argv
// (NUL-separated: arguments containing spaces stay whole), is raw bytes (procps prints `?` for non-ASCII
// characters in the C locale), needs no subprocess and works where procps is not installed (slim containers).
// `ps` is the fallback when /proc cannot be read.
// macOS (and other Unixes): `ps -axww -o pid=,ppid=,user=,args=`. Verified in Apple's adv_cmds-237 ps.1/ps.c:
// -a other users' processes, -x also those without a terminal, -w twice (and any non-terminal output) means
// unlimited width, `keyword=` suppresses the header, `args` = command and arguments (strvis-encoded, so tabs and
// newlines arrive escaped). ps joins argv with single spaces, so argument boundaries are a best guess there.
// Windows: PowerShell `Get-CimInstance Win32_Process` (ProcessId, ParentProcessId, CommandLine; documented
// Win32_Process properties) as JSON, falling back to `wmic process get … /format:csv` where PowerShell fails.
// Windows gives no user without a per-process GetOwner call, so `user` is null there.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { stripBom } from '../text';

export type ProcessTableFormat = 'linux' | 'darwin' | 'win32';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** user name (numeric id when no name is known); null where the table has none (Windows) */
  user: string | null;
  /** the arguments, executable first */
  argv: string[];
  /** the command line as the OS shows it */
  commandLine: string;
  /** false when argv was split from a joined command line (ps, a retitled process) and may cut arguments with spaces */
  argvExact: boolean;
}

/** Runs a program and returns its stdout; rejects on a non-zero exit, a timeout or a missing program. */
export type CommandRunner = (file: string, args: readonly string[], options: { timeoutMs: number }) => Promise<Buffer>;

export class ProcessListError extends Error {}

export interface ListOptions {
  /** which OS's table to read (default: this one) */
  platform?: NodeJS.Platform;
  runner?: CommandRunner;
  /** where procfs is mounted (Linux); tests point it at a fake tree */
  procRoot?: string;
  /** user names for uids (Linux /proc) */
  passwdFile?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** PowerShell's first start on a busy machine is slow */
const POWERSHELL_TIMEOUT_MS = 30_000;

export async function listProcesses(options: ListOptions = {}): Promise<ProcessInfo[]> {
  const platform = options.platform ?? process.platform;
  const runner = options.runner ?? execRunner;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (platform === 'win32') return listWindows(runner, options.timeoutMs ?? POWERSHELL_TIMEOUT_MS);
  if (platform === 'linux') {
    const fromProc = await readProcTable(options.procRoot ?? '/proc', options.passwdFile ?? '/etc/passwd').catch(() => null);
    if (fromProc?.length) return fromProc;
  }
  return listWithPs(runner, timeoutMs);
}

// ---------- ps (macOS, other Unixes, Linux fallback) ----------

export const PS_ARGS = ['-axww', '-o', 'pid=,ppid=,user=,args='] as const;

async function listWithPs(runner: CommandRunner, timeoutMs: number): Promise<ProcessInfo[]> {
  let out: Buffer;
  try {
    out = await runner('ps', PS_ARGS, { timeoutMs });
  } catch (e) {
    throw new ProcessListError(`could not list processes with "ps ${PS_ARGS.join(' ')}": ${describeError(e, timeoutMs)}`);
  }
  const list = parsePsOutput(out.toString('utf8'));
  if (!list.length) throw new ProcessListError('"ps" printed no processes');
  return list;
}

/** Parses `ps -o pid=,ppid=,user=,args=` output (Linux procps or macOS). */
export function parsePsOutput(text: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)(?:[ \t]+(.*))?$/.exec(line);
    if (!m) continue;
    const commandLine = (m[4] ?? '').trim();
    // kernel threads ([kworker/0:1]), zombies (<defunct>) and macOS processes whose arguments we may not read ((sshd))
    if (!commandLine || /^\[.*\]$|^\(.*\)$|<defunct>$/.test(commandLine)) continue;
    out.push({ pid: Number(m[1]), ppid: Number(m[2]), user: m[3], argv: splitJoinedArgs(commandLine), commandLine, argvExact: false });
  }
  return out;
}

/**
 * Splits a space-joined argv. One ambiguity is repaired: a macOS app-bundle executable
 * (`/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)`),
 * whose spaces would otherwise cut the program name. Its name ends after `<Bundle>.app/Contents/MacOS/`, and the
 * executable there is usually named like the bundle.
 */
export function splitJoinedArgs(line: string): string[] {
  const words = line.split(/ +/).filter(Boolean);
  if (words.length < 2 || !words[0].startsWith('/') || !line.includes('.app/')) return words;
  const firstFlag = words.findIndex((w, i) => i > 0 && w.startsWith('-'));
  const head = words.slice(0, firstFlag < 0 ? words.length : firstFlag).join(' ');
  const marker = '.app/Contents/MacOS/';
  const at = head.lastIndexOf(marker);
  if (at < 0) return words;
  const bundle = head.slice(head.lastIndexOf('/', at) + 1, at);
  const rest = head.slice(at + marker.length);
  const name = rest.startsWith(bundle) && (rest.length === bundle.length || rest[bundle.length] === ' ') ? bundle : rest.split(' ')[0];
  const exe = head.slice(0, at + marker.length) + name;
  const normalized = words.join(' ');
  return [exe, ...normalized.slice(exe.length).split(' ').filter(Boolean)];
}

// ---------- /proc (Linux) ----------

/** Reads every /proc/<pid>; processes that exit meanwhile, kernel threads and zombies (empty cmdline) are skipped. */
export async function readProcTable(procRoot: string, passwdFile: string): Promise<ProcessInfo[]> {
  const names = await fs.readdir(procRoot);
  const pids = names.filter((n) => /^\d+$/.test(n));
  const users = await readPasswd(passwdFile);
  const out: ProcessInfo[] = [];
  // bounded batches: one process's two files at a time per slot, so thousands of processes cannot exhaust file handles
  for (let i = 0; i < pids.length; i += 64) {
    const batch = await Promise.all(pids.slice(i, i + 64).map((pid) => readProcEntry(procRoot, pid, users)));
    for (const p of batch) if (p) out.push(p);
  }
  return out;
}

async function readProcEntry(procRoot: string, pid: string, users: Map<string, string>): Promise<ProcessInfo | null> {
  try {
    const [cmdline, status] = await Promise.all([fs.readFile(path.join(procRoot, pid, 'cmdline')), fs.readFile(path.join(procRoot, pid, 'status'), 'utf8')]);
    const parsed = parseCmdline(cmdline);
    if (!parsed) return null;
    const ppid = /^PPid:\s*(\d+)/m.exec(status);
    // Uid: real effective saved fs — ps's `user` is the effective one
    const uid = /^Uid:\s*\d+\s+(\d+)/m.exec(status)?.[1];
    return {
      pid: Number(pid),
      ppid: ppid ? Number(ppid[1]) : 0,
      user: uid === undefined ? null : (users.get(uid) ?? uid),
      ...parsed,
    };
  } catch {
    return null;
  }
}

/**
 * argv from /proc/<pid>/cmdline. A process that rewrote its title (Node's `process.title`, which npm sets to
 * `npm exec <package> …`) leaves one space-joined string followed by NUL padding: that one is split on spaces.
 */
export function parseCmdline(raw: Buffer): { argv: string[]; commandLine: string; argvExact: boolean } | null {
  const text = raw.toString('utf8');
  const parts = text.split('\0');
  let trailing = 0;
  while (parts.length && parts[parts.length - 1] === '') {
    parts.pop();
    trailing++;
  }
  if (!parts.length) return null;
  if (parts.length === 1 && /\s/.test(parts[0]) && (trailing > 1 || !parts[0].startsWith('/'))) {
    const commandLine = parts[0].trim();
    return { argv: splitJoinedArgs(commandLine), commandLine, argvExact: false };
  }
  // empty strings in the middle are real (empty) arguments
  return { argv: parts, commandLine: parts.map(quoteForDisplay).join(' '), argvExact: true };
}

async function readPasswd(file: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && f[0] && /^\d+$/.test(f[2]) && !map.has(f[2])) map.set(f[2], f[0]);
  }
  return map;
}

/** Shows an exact argument that contains spaces in double quotes, so a printed command line stays readable. */
export function quoteForDisplay(arg: string): string {
  if (arg === '') return '""';
  return /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg;
}

// ---------- Windows ----------

/** Selected columns as JSON, UTF-8 whatever the console code page (PowerShell 5.1 writes the OEM code page otherwise). */
export const POWERSHELL_SCRIPT = [
  '$ErrorActionPreference = "Stop"',
  // without a console (an unusual host) this assignment fails; the listing should not
  'try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }',
  '@(Get-CimInstance -ClassName Win32_Process | Select-Object ProcessId,ParentProcessId,CommandLine) | ConvertTo-Json -Compress',
].join('; ');

export const WMIC_ARGS = ['process', 'get', 'ProcessId,ParentProcessId,CommandLine', '/format:csv'] as const;

async function listWindows(runner: CommandRunner, timeoutMs: number): Promise<ProcessInfo[]> {
  // -EncodedCommand (base64 of UTF-16LE) keeps the script clear of command-line quoting rules
  const encoded = Buffer.from(POWERSHELL_SCRIPT, 'utf16le').toString('base64');
  let psError: string;
  try {
    const out = await runner('powershell.exe', ['-NoProfile', '-NonInteractive', '-EncodedCommand', encoded], { timeoutMs });
    const list = parseWindowsJson(decodeWindowsOutput(out));
    if (list.length) return list;
    psError = 'it printed no processes';
  } catch (e) {
    psError = describeError(e, timeoutMs);
  }
  try {
    const out = await runner('wmic', WMIC_ARGS, { timeoutMs });
    const list = parseWmicCsv(decodeWindowsOutput(out));
    if (list.length) return list;
    throw new Error('it printed no processes');
  } catch (e) {
    throw new ProcessListError(`could not list processes: PowerShell Get-CimInstance Win32_Process failed (${psError}), and so did wmic (${describeError(e, timeoutMs)})`);
  }
}

interface CimProcess {
  ProcessId?: unknown;
  ParentProcessId?: unknown;
  CommandLine?: unknown;
}

/** Parses `Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,CommandLine | ConvertTo-Json`. */
export function parseWindowsJson(text: string): ProcessInfo[] {
  const trimmed = stripBom(text).trim();
  if (!trimmed) return [];
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (e) {
    throw new ProcessListError(`PowerShell printed something that is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  // ConvertTo-Json prints a lone object, not an array, when there is one process
  const rows = (Array.isArray(data) ? data : [data]) as CimProcess[];
  const out: ProcessInfo[] = [];
  for (const r of rows) {
    if (!r || typeof r !== 'object') continue;
    const pid = Number(r.ProcessId);
    const ppid = Number(r.ParentProcessId);
    const commandLine = typeof r.CommandLine === 'string' ? cleanWindowsCommandLine(r.CommandLine) : '';
    // System, Idle and other users' elevated processes come without a command line
    if (!Number.isInteger(pid) || !commandLine) continue;
    out.push({ pid, ppid: Number.isInteger(ppid) ? ppid : 0, user: null, argv: splitWindowsCommandLine(commandLine), commandLine, argvExact: true });
  }
  return out;
}

/**
 * Parses `wmic process get ProcessId,ParentProcessId,CommandLine /format:csv`: a `Node,…` header naming the
 * columns (wmic orders them itself, alphabetically), values unquoted. Only CommandLine may contain commas, so the
 * surplus fields of a row belong to it.
 */
export function parseWmicCsv(text: string): ProcessInfo[] {
  const lines = stripBom(text).split(/\r*\n/).map((l) => l.replace(/\r+$/, ''));
  const headerAt = lines.findIndex((l) => /^Node,/i.test(l));
  if (headerAt < 0) return [];
  const header = lines[headerAt].split(',').map((h) => h.trim().toLowerCase());
  const ci = header.indexOf('commandline');
  const pi = header.indexOf('processid');
  const ppi = header.indexOf('parentprocessid');
  if (ci < 0 || pi < 0 || ppi < 0) return [];
  const out: ProcessInfo[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (!line.trim()) continue;
    let fields = line.split(',');
    const extra = fields.length - header.length;
    if (extra < 0) continue;
    if (extra > 0) fields = [...fields.slice(0, ci), fields.slice(ci, ci + extra + 1).join(','), ...fields.slice(ci + extra + 1)];
    const pid = Number(fields[pi]);
    const ppid = Number(fields[ppi]);
    const commandLine = cleanWindowsCommandLine(fields[ci] ?? '');
    if (!Number.isInteger(pid) || !commandLine) continue;
    out.push({ pid, ppid: Number.isInteger(ppid) ? ppid : 0, user: null, argv: splitWindowsCommandLine(commandLine), commandLine, argvExact: true });
  }
  return out;
}

/** Drops the NT object-namespace prefix some system processes show (`\??\C:\Windows\system32\conhost.exe`). */
function cleanWindowsCommandLine(s: string): string {
  return s.replace(/^\\\?\?\\/, '').trim();
}

/** wmic writes UTF-16LE when its output is redirected; PowerShell writes UTF-8 (we ask it to). */
export function decodeWindowsOutput(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  let zeros = 0;
  const n = Math.min(buf.length, 200);
  for (let i = 1; i < n; i += 2) if (buf[i] === 0) zeros++;
  if (n > 8 && zeros > n / 4) return buf.toString('utf16le');
  return stripBom(buf.toString('utf8'));
}

/**
 * Splits a Windows command line the way CommandLineToArgvW and the Microsoft C runtime do: the program name ends
 * at the first space unless quoted (no escapes in it); in arguments, 2n backslashes before a quote give n and the
 * quote toggles quoting, 2n+1 give n and a literal quote; other backslashes are literal; `""` inside quotes is a quote.
 */
export function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = line.length;
  // program name
  let prog = '';
  if (line[0] === '"') {
    const end = line.indexOf('"', 1);
    prog = end < 0 ? line.slice(1) : line.slice(1, end);
    i = end < 0 ? n : end + 1;
  } else {
    while (i < n && line[i] !== ' ' && line[i] !== '\t') prog += line[i++];
  }
  args.push(prog);
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    let cur = '';
    let quoted = false;
    while (i < n) {
      const c = line[i];
      if (c === '\\') {
        let k = i;
        while (k < n && line[k] === '\\') k++;
        const count = k - i;
        if (line[k] === '"') {
          cur += '\\'.repeat(Math.floor(count / 2));
          if (count % 2 === 1) {
            cur += '"';
            i = k + 1;
          } else {
            i = k;
          }
        } else {
          cur += '\\'.repeat(count);
          i = k;
        }
        continue;
      }
      if (c === '"') {
        if (quoted && line[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = !quoted;
        i++;
        continue;
      }
      if (!quoted && (c === ' ' || c === '\t')) break;
      cur += c;
      i++;
    }
    args.push(cur);
  }
  return args;
}

// ---------- running programs ----------

/** The default runner: no shell, hidden window, bounded time and output. Only the listing program is ever started. */
export const execRunner: CommandRunner = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { encoding: 'buffer', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const detail = Buffer.isBuffer(stderr) ? stderr.toString('utf8').trim().split(/\r?\n/)[0] : '';
        reject(Object.assign(err, { detail }));
      } else {
        resolve(stdout);
      }
    });
  });

function describeError(e: unknown, timeoutMs: number): string {
  if (!(e instanceof Error)) return String(e);
  const err = e as Error & { code?: unknown; killed?: boolean; signal?: unknown; detail?: string };
  if (err.code === 'ENOENT') return 'the program was not found';
  if (err.killed || err.signal === 'SIGTERM' || err.code === 'ETIMEDOUT') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return 'its output was too large';
  const detail = err.detail ? `: ${err.detail}` : '';
  return typeof err.code === 'number' ? `exit code ${err.code}${detail}` : `${err.message}${detail}`;
}
