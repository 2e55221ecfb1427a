// "Looks like an MCP server": a process's command line → the package (or program, or bridged URL) it runs.
// What counts: launchers of MCP-named packages (`npx`/`bunx`/`pnpm dlx`/`npm exec` of `@modelcontextprotocol/*`,
// `*mcp-server*`, `*-mcp`, `mcp-*`; `uvx mcp-server-*`; `docker run` of images named `mcp…`), interpreters running
// such code (`node …/node_modules/<pkg>/…`, `node …mcp-server….js`, `python -m mcp_server_x`), programs named that
// way (`github-mcp-server stdio`), bridges (`mcp-remote URL`), and anything the configuration or inventory names.
// Only program, script, module and package names are read, never other arguments, so `grep mcp-server`,
// editors opening `mcp.json` and the like stay out. Editor internals (Electron `--type=` helpers, VS Code server
// processes) and this tool itself are excluded outright.
import { executableName, parseNpmSpec, recognizeLauncher, shellSplit } from '../launchers';
import { packageKey } from '../inventory/match';
import type { PackageRef } from '../model';
import type { ProcessInfo } from './list';

export interface Detection {
  /** how it was recognized, for people: `npx`, `npm exec`, `uvx`, `docker run`, `node script`, `python module`, … */
  via: string;
  package: PackageRef | null;
  /** the remote URL of a stdio bridge such as `mcp-remote` */
  bridgedUrl: string | null;
  /** the server program when no package is known: a script's path, an executable, an npm bin's name */
  program: string | null;
  /** set when the process only starts the server (npx, uvx, `cmd /c`, `sh -c`, docker run): its children are that server */
  launcher?: true;
}

export interface DetectOptions {
  /** `packageKey`s of packages known to be MCP servers (configured entries, the inventory), whatever their names */
  knownPackages?: ReadonlySet<string>;
  /** commands known to be MCP servers (an inventory's `match.commands`, configured commands) */
  isKnownCommand?: (command: string) => boolean;
}

/** A word "mcp" in a name: `mcp-server-x`, `x-mcp`, `mcp_server_x`, `@playwright/mcp`, `github-mcp-server`. */
const MCP_WORD = /(?:^|[-_.@/])mcp(?:$|[-_./])/i;
/** Packages with MCP in the name that are tools around MCP servers or SDKs, not servers. */
const NOT_SERVERS = new Set(['npm:@modelcontextprotocol/inspector', 'npm:@modelcontextprotocol/sdk', 'npm:mcp-gatekeeper', 'npm:mcp-inspector', 'pypi:mcp', 'pypi:fastmcp']);
/** The Python SDK's CLIs (`mcp run server.py`, `fastmcp run server.py`): servers only with `run` / `dev`. */
const FRAMEWORK_CLIS = new Set(['mcp', 'fastmcp']);

export function looksLikeMcpName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'mcp-gatekeeper') return false;
  return MCP_WORD.test(n) || n.startsWith('@modelcontextprotocol/');
}

export function looksLikeMcpPackage(pkg: PackageRef, known?: ReadonlySet<string>): boolean {
  const key = packageKey(pkg.ecosystem, pkg.name);
  if (known?.has(key)) return true;
  if (NOT_SERVERS.has(key)) return false;
  if (pkg.ecosystem === 'oci') return /mcp/i.test(pkg.name);
  return looksLikeMcpName(pkg.name);
}

// ---------- exclusions ----------

/** Electron helper processes and VS Code (server) internals carry `--type=`; none of them is an MCP server. */
const EDITOR_INTERNAL = /^--type=(renderer|gpu-process|utility|zygote|crashpad-handler|broker|extensionHost|ptyHost|fileWatcher|sharedProcess)\b/;

/** This tool, its tests, and editor internals: never reported. */
const SELF = /(?:^|[/\\])mcp-gatekeeper(?:\.cmd|\.exe|\.ps1)?$|(?:^|[/\\])mcp-gatekeeper[/\\]dist[/\\](?:cli|extension)\.js$|^mcp-gatekeeper@/i;

export function isExcluded(p: ProcessInfo, selfPid?: number): boolean {
  if (selfPid !== undefined && p.pid === selfPid) return true;
  if (p.argv.some((a) => EDITOR_INTERNAL.test(a))) return true;
  // `mcp-gatekeeper …`, `node …/mcp-gatekeeper/dist/cli.js …`, `npx mcp-gatekeeper@1`: this tool itself. A folder
  // merely named like it (a cache, a checkout) on the way to another program does not count.
  return p.argv.slice(0, 4).some((a) => SELF.test(a));
}

// ---------- detection ----------

const NODE_LIKE = new Set(['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'fish', 'cmd']);
/** scripts an interpreter runs that are themselves launchers: `node …/npx-cli.js -y pkg` is `npx -y pkg` */
const LAUNCHER_SCRIPTS: Record<string, string> = {
  npx: 'npx',
  'npx-cli': 'npx',
  npm: 'npm',
  'npm-cli': 'npm',
  pnpm: 'pnpm',
  pnpx: 'pnpx',
  yarn: 'yarn',
  bunx: 'bunx',
  pipx: 'pipx',
  uvx: 'uvx',
  'mcp-remote': 'mcp-remote',
  supergateway: 'supergateway',
};
/** stdio-to-remote bridges (as in launchers.ts): the URL they are given is the server */
const BRIDGE_PACKAGES = new Set(['mcp-remote', 'supergateway', '@modelcontextprotocol/mcp-remote']);
const LAUNCHER_EXES = new Set(['npx', 'bunx', 'pnpx', 'npm', 'pnpm', 'yarn', 'bun', 'uvx', 'uv', 'pipx', 'docker', 'podman', 'mcp-remote', 'supergateway', ...SHELLS]);

export function detectProcess(p: ProcessInfo, options: DetectOptions = {}): Detection | null {
  return analyze(p.argv, p.argvExact, options, 0);
}

/** A process that only starts another one (shell, `npx`, `uv`, `cmd /c`): it may sit between a launcher and its server. */
export function isWrapper(p: ProcessInfo): boolean {
  const exe = exeOf(p.argv[0]);
  if (exe === 'bun') return p.argv[1] === 'x';
  if (LAUNCHER_EXES.has(exe) || exe === 'env' || exe === 'powershell' || exe === 'pwsh') return true;
  if (NODE_LIKE.has(exe) || isPython(exe)) {
    const s = scriptOf(p.argv, p.argvExact, isPython(exe));
    return !!s?.script && scriptBase(s.script) in LAUNCHER_SCRIPTS;
  }
  return false;
}

function analyze(argv: readonly string[], exact: boolean, options: DetectOptions, depth: number): Detection | null {
  if (!argv.length || depth > 4) return null;
  const exe = exeOf(argv[0]);
  let args = argv.slice(1);

  if (LAUNCHER_EXES.has(exe)) {
    // uvx execs `uv tool uvx …` on Unix (astral-sh/uv crates/uv/src/bin/uvx.rs)
    if (exe === 'uv' && args[0] === 'tool' && args[1] === 'uvx') args = ['tool', 'run', ...args.slice(2)];
    const target = recognizeLauncher(argv[0], args);
    const via = launcherLabel(exe, args);
    if (target.bridgedUrl) return { via, package: target.package, bridgedUrl: target.bridgedUrl, program: null, launcher: true };
    if (target.package && looksLikeMcpPackage(target.package, options.knownPackages)) return { via, package: target.package, bridgedUrl: null, program: null, launcher: true };
    if (SHELLS.has(exe)) {
      // `sh -c mcp-server-filesystem /tmp` (how npm exec starts a bin), `cmd /d /s /c mcp-server-x`
      const inner = shellCommand(exe, args);
      const d = inner ? analyze(inner, false, options, depth + 1) : null;
      return d && { ...d, launcher: true };
    }
    // `bun script.js` runs a script like node does
    if (!NODE_LIKE.has(exe)) return null;
  }

  if (NODE_LIKE.has(exe) || isPython(exe)) {
    const python = isPython(exe);
    const s = scriptOf(argv, exact, python);
    if (!s) return null;
    if (s.module) return pythonModule(s.module);
    if (!s.script) return null;
    const base = scriptBase(s.script);
    if (base in LAUNCHER_SCRIPTS) return analyze([LAUNCHER_SCRIPTS[base], ...argv.slice(s.next)], exact, options, depth + 1);
    // a globally installed bridge: `node …/node_modules/mcp-remote/dist/proxy.js URL`
    const bridge = nodeModulesPackage(s.script)?.name;
    if (bridge && BRIDGE_PACKAGES.has(bridge)) {
      const target = analyze(['mcp-remote', ...argv.slice(s.next)], exact, options, depth + 1);
      return target && { ...target, package: { ecosystem: 'npm', name: bridge, version: null } };
    }
    // the MCP SDK's own CLIs serve only with `run` / `dev`
    if (FRAMEWORK_CLIS.has(base.toLowerCase())) return ['run', 'dev'].includes(argv[s.next] ?? '') ? { via: `${base} ${argv[s.next]}`, package: null, bridgedUrl: null, program: s.script } : null;
    return scriptDetection(s.script, python ? 'python script' : `${exe} script`, options);
  }

  // the program itself: `github-mcp-server stdio`, `…/bin/mcp-server-fetch`, a server binary inside node_modules
  if (FRAMEWORK_CLIS.has(exe)) return ['run', 'dev'].includes(args[0] ?? '') ? { via: `${exe} ${args[0]}`, package: null, bridgedUrl: null, program: argv[0] } : null;
  const fromPath = nodeModulesPackage(argv[0]);
  if (fromPath?.name && looksLikeMcpPackage({ ecosystem: 'npm', name: fromPath.name, version: null }, options.knownPackages)) {
    return { via: 'executable', package: { ecosystem: 'npm', name: fromPath.name, version: null }, bridgedUrl: null, program: argv[0] };
  }
  if (looksLikeMcpName(exe)) return { via: 'executable', package: null, bridgedUrl: null, program: argv[0] };
  if (options.isKnownCommand?.(argv[0])) return { via: 'known command', package: null, bridgedUrl: null, program: argv[0] };
  return null;
}

function scriptDetection(script: string, via: string, options: DetectOptions): Detection | null {
  const inModules = nodeModulesPackage(script);
  if (inModules) {
    // inside node_modules only the package (or bin) decides: `node …/my-mcp-work/node_modules/.bin/tsc` is not a server
    if (inModules.name) {
      const pkg: PackageRef = { ecosystem: 'npm', name: inModules.name, version: null };
      return looksLikeMcpPackage(pkg, options.knownPackages) ? { via, package: pkg, bridgedUrl: null, program: null } : null;
    }
    return inModules.bin && looksLikeMcpName(inModules.bin) ? { via, package: null, bridgedUrl: null, program: inModules.bin } : null;
  }
  const sitePackage = /[/\\](?:site|dist)-packages[/\\]([A-Za-z0-9_.-]+)[/\\]/.exec(script)?.[1];
  if (sitePackage && looksLikeMcpName(sitePackage)) return { via, package: { ecosystem: 'pypi', name: sitePackage.replace(/_/g, '-'), version: null }, bridgedUrl: null, program: null };
  const base = scriptBase(script);
  if (looksLikeMcpName(base) || /mcp[-_]server|modelcontextprotocol/i.test(script)) {
    if (/(?:^|[/\\])mcp-gatekeeper[/\\]/i.test(script)) return null;
    return { via, package: null, bridgedUrl: null, program: script };
  }
  if (options.isKnownCommand?.(script)) return { via, package: null, bridgedUrl: null, program: script };
  return null;
}

/** `python -m mcp_server_fetch` → PyPI `mcp-server-fetch` (PyPI compares `_` and `-` as the same). */
function pythonModule(module: string): Detection | null {
  const top = module.split('.')[0];
  if (!looksLikeMcpName(top) || top.toLowerCase() === 'mcp') return null;
  return { via: 'python module', package: { ecosystem: 'pypi', name: top.replace(/_/g, '-'), version: null }, bridgedUrl: null, program: null };
}

/**
 * The npm package a path runs from: the segment after the last `node_modules` (`@scope/name` or `name`); for
 * `node_modules/.bin/<bin>` only the bin name is known. Windows shims leave `\.bin\\..\@scope\pkg\…`, so `..`
 * segments are resolved first.
 */
export function nodeModulesPackage(file: string): { name: string | null; bin: string | null } | null {
  const segs: string[] = [];
  for (const s of file.replace(/\\/g, '/').split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(s);
  }
  const at = segs.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= segs.length) return null;
  const first = segs[at + 1];
  if (first === '.bin') return { name: null, bin: segs[at + 2] ? scriptBase(segs[at + 2]) : null };
  if (first.startsWith('.')) return null;
  const name = first.startsWith('@') && segs[at + 2] ? `${first}/${segs[at + 2]}` : first;
  return parseNpmSpec(name) ? { name, bin: null } : null;
}

// ---------- command-line anatomy ----------

function exeOf(arg0: string | undefined): string {
  return arg0 ? executableName(arg0) : '';
}

function isPython(exe: string): boolean {
  return /^python(?:\d+(?:\.\d+)*)?w?$|^py$/.test(exe);
}

/** `mcp-server-fetch.exe` / `index.js` / `server.py` → the name without its extension */
function scriptBase(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(c?js|mjs|ts|py|exe|cmd|ps1)$/i, '');
}

const NODE_VALUE_FLAGS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--input-type', '--title', '--env-file', '--inspect-port', '--stack-size']);
const PYTHON_VALUE_FLAGS = new Set(['-W', '-X', '--check-hash-based-pycs']);

interface ScriptRef {
  script?: string;
  module?: string;
  /** index of the first argument after the script */
  next: number;
}

/**
 * The script (or `-m` module) an interpreter runs, after its own options. For a command line split from joined
 * text, a script path cut at spaces is put back together up to the token that ends in a script extension.
 */
function scriptOf(argv: readonly string[], exact: boolean, python: boolean): ScriptRef | null {
  const valueFlags = python ? PYTHON_VALUE_FLAGS : NODE_VALUE_FLAGS;
  let i = 1;
  // `bun run x.js`, `deno run -A x.ts`
  if (!python && (argv[1] === 'run' || argv[1] === 'x')) {
    if (argv[1] === 'x') return null;
    i = 2;
  }
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (python && a === '-m') return argv[i + 1] ? { module: argv[i + 1], next: i + 2 } : null;
    if (python && a.startsWith('-m') && a.length > 2) return { module: a.slice(2), next: i + 1 };
    if (python ? a === '-c' : a === '-e' || a === '--eval' || a === '-p' || a === '--print') return null;
    if (!a.includes('=') && valueFlags.has(a)) i++;
  }
  if (i >= argv.length) return null;
  if (!exact && !/\.(c?js|mjs|ts|py|exe)$/i.test(argv[i])) {
    for (let k = i + 1; k < Math.min(argv.length, i + 6); k++) {
      if (argv[k].startsWith('-')) break;
      if (/\.(c?js|mjs|ts|py)$/i.test(argv[k])) return { script: argv.slice(i, k + 1).join(' '), next: k + 1 };
    }
  }
  return { script: argv[i], next: i + 1 };
}

/** The command a shell is asked to run: `sh -c "…"`, `cmd /d /s /c …`. */
function shellCommand(exe: string, args: readonly string[]): string[] | null {
  const i = exe === 'cmd' ? args.findIndex((a) => /^\/[ck]$/i.test(a)) : args.findIndex((a) => /^-[a-z]*c$/.test(a));
  if (i < 0 || i + 1 >= args.length) return null;
  const rest = args.slice(i + 1);
  const words = rest.length === 1 ? shellSplit(rest[0]) : [...rest];
  return words.length ? words : null;
}

function launcherLabel(exe: string, args: readonly string[]): string {
  if ((exe === 'npm' || exe === 'pnpm' || exe === 'yarn' || exe === 'bun') && args[0] && !args[0].startsWith('-')) return `${exe} ${args[0]}`;
  if (exe === 'uv' && args[0] === 'tool') return 'uvx';
  if ((exe === 'docker' || exe === 'podman') && args[0]) return `${exe} ${args[0] === 'container' ? 'run' : args[0]}`;
  return exe;
}
