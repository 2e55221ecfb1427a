// Recognizes the package behind a launcher command line (`npx -y pkg@1`, `uvx pkg==1`, `docker run … image:tag`),
// unwrapping shells (`cmd /c`, `sh -c`) and remote bridges (`mcp-remote URL`, whose real target is the URL).
import type { PackageRef } from './model';

export interface LaunchTarget {
  package: PackageRef | null;
  /** the remote URL a stdio bridge connects to */
  bridgedUrl: string | null;
}

const NONE: LaunchTarget = { package: null, bridgedUrl: null };

/** npm packages that are stdio-to-remote bridges: the server that matters is the URL they are given. */
const REMOTE_BRIDGES = new Set(['mcp-remote', 'supergateway', '@modelcontextprotocol/mcp-remote']);

export function recognizeLauncher(command: string | null, args: readonly string[], depth = 0): LaunchTarget {
  if (!command || depth > 4) return NONE;
  const exe = executableName(command);
  switch (exe) {
    case 'npx':
    case 'bunx':
    case 'pnpx':
      return npmTarget(args, exe === 'npx');
    case 'npm':
      return args[0] === 'exec' || args[0] === 'x' ? npmTarget(args.slice(1), true) : NONE;
    case 'pnpm':
    case 'yarn':
      return args[0] === 'dlx' ? npmTarget(args.slice(1), false) : NONE;
    case 'bun':
      return args[0] === 'x' ? npmTarget(args.slice(1), false) : NONE;
    case 'uvx':
      return pypiTarget(args, UV_VALUE_FLAGS, '--from');
    case 'uv':
      if (args[0] === 'tool' && args[1] === 'run') return pypiTarget(args.slice(2), UV_VALUE_FLAGS, '--from');
      if (args[0] === 'run') return uvRunTarget(args.slice(1));
      return NONE;
    case 'pipx':
      return args[0] === 'run' ? pypiTarget(args.slice(1), PIPX_VALUE_FLAGS, '--spec') : NONE;
    case 'docker':
    case 'podman': {
      const rest = args[0] === 'container' ? args.slice(1) : args;
      return rest[0] === 'run' ? ociTarget(rest.slice(1)) : NONE;
    }
    case 'deno':
      return args[0] === 'run' ? denoTarget(args.slice(1)) : NONE;
    case 'dnx':
      return nugetTarget(args);
    case 'go':
      return args[0] === 'run' ? goTarget(args.slice(1)) : NONE;
    case 'cmd': {
      // cmd /c npx …  (flags are case-insensitive: /C, /c, /k)
      const i = args.findIndex((a) => /^\/[ck]$/i.test(a));
      if (i < 0 || i + 1 >= args.length) return NONE;
      const rest = args.slice(i + 1);
      // `cmd /c "npx -y pkg"` arrives as one argument
      const words = rest.length === 1 ? shellSplit(rest[0]) : rest;
      return recognizeLauncher(words[0] ?? null, words.slice(1), depth + 1);
    }
    case 'sh':
    case 'bash':
    case 'zsh':
    case 'dash': {
      const i = args.findIndex((a) => a === '-c' || a === '-lc' || a === '-ic');
      if (i < 0 || i + 1 >= args.length) return NONE;
      const words = shellSplit(args[i + 1]).filter((w, k, all) => !(w === 'exec' && k === 0 && all.length > 1));
      return recognizeLauncher(words[0] ?? null, words.slice(1), depth + 1);
    }
    default:
      if (REMOTE_BRIDGES.has(exe)) return { package: null, bridgedUrl: firstUrl(args) };
      return NONE;
  }
}

/** `C:\Program Files\nodejs\npx.cmd` → `npx` */
export function executableName(command: string): string {
  const base = command.split(/[\\/]/).pop() ?? command;
  return base.toLowerCase().replace(/\.(cmd|exe|bat|ps1)$/, '');
}

// ---------- npm ----------

const NPX_VALUE_FLAGS = new Set(['-p', '--package', '--registry', '--cache', '--userconfig', '-c', '--call', '--workspace', '-w']);

function npmTarget(args: readonly string[], isNpx: boolean): LaunchTarget {
  let spec: string | null = null;
  let explicitPackage: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      spec = args[i + 1] ?? null;
      break;
    }
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const flag = eq >= 0 ? a.slice(0, eq) : a;
      const value = eq >= 0 ? a.slice(eq + 1) : args[i + 1];
      if (flag === '-p' || flag === '--package') explicitPackage ??= value ?? null;
      if (eq < 0 && isNpx && NPX_VALUE_FLAGS.has(flag)) i++;
      continue;
    }
    spec = a;
    break;
  }
  const chosen = explicitPackage ?? spec;
  if (!chosen) return NONE;
  const pkg = parseNpmSpec(chosen);
  if (!pkg) return NONE;
  if (REMOTE_BRIDGES.has(pkg.name)) {
    const after = args.slice(args.indexOf(spec ?? chosen) + 1);
    return { package: pkg, bridgedUrl: firstUrl(after) };
  }
  return { package: pkg, bridgedUrl: null };
}

/** `@scope/name@1.2.3`, `name@latest`, `name` → package ref; null for paths and URLs. */
export function parseNpmSpec(spec: string): PackageRef | null {
  let s = spec.startsWith('npm:') ? spec.slice(4) : spec;
  if (!s || /^[./~]|^[a-z]+:\/\//i.test(s) || s.includes('\\') || /^[a-z]:/i.test(s)) return null;
  let version: string | null = null;
  const at = s.indexOf('@', s.startsWith('@') ? 1 : 0);
  if (at > 0) {
    version = s.slice(at + 1) || null;
    s = s.slice(0, at);
  }
  if (!/^(@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i.test(s)) return null;
  return { ecosystem: 'npm', name: s, version };
}

// ---------- PyPI ----------

const UV_VALUE_FLAGS = new Set(['--from', '--with', '--python', '-p', '--index-url', '--index', '--extra-index-url', '--default-index', '--directory', '--project', '--with-requirements', '--constraint', '-c', '--cache-dir', '--env-file']);
const PIPX_VALUE_FLAGS = new Set(['--spec', '--python', '--index-url', '-i', '--pip-args']);

function pypiTarget(args: readonly string[], valueFlags: Set<string>, specFlag: string): LaunchTarget {
  let first: string | null = null;
  let fromSpec: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      first ??= args[i + 1] ?? null;
      break;
    }
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const flag = eq >= 0 ? a.slice(0, eq) : a;
      const value = eq >= 0 ? a.slice(eq + 1) : args[i + 1];
      if (flag === specFlag) fromSpec ??= value ?? null;
      if (eq < 0 && valueFlags.has(flag)) i++;
      continue;
    }
    first = a;
    break;
  }
  const spec = fromSpec ?? first;
  const pkg = spec ? parsePypiSpec(spec) : null;
  return pkg ? { package: pkg, bridgedUrl: null } : NONE;
}

function uvRunTarget(args: readonly string[]): LaunchTarget {
  const i = args.findIndex((a) => a === '--with' || a.startsWith('--with='));
  if (i < 0) return NONE;
  const spec = args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
  const pkg = spec ? parsePypiSpec(spec) : null;
  return pkg ? { package: pkg, bridgedUrl: null } : NONE;
}

/** `mcp-server-git==0.6.2`, `pkg@1.0`, `pkg[extra]>=1` → package ref; null for paths, URLs and git specs. */
export function parsePypiSpec(spec: string): PackageRef | null {
  if (/^[./~]|:\/\/|^git\+/i.test(spec)) return null;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(?:(==|@)\s*([^\s,;]+)|([<>=!~].*))?$/.exec(spec);
  if (!m) return null;
  const version = m[4] ?? (m[5] ? m[5].trim() : null);
  return { ecosystem: 'pypi', name: m[1], version };
}

// ---------- OCI (docker / podman) ----------

/** `docker run` options that take a separate value, so that value is not mistaken for the image. */
export const DOCKER_VALUE_FLAGS = new Set([
  '-e', '--env', '--env-file', '-v', '--volume', '--mount', '--name', '-p', '--publish', '--network', '--net',
  '--network-alias', '-w', '--workdir', '-u', '--user', '--entrypoint', '-l', '--label', '--label-file',
  '--cpus', '--cpu-shares', '-c', '--cpuset-cpus', '--memory', '-m', '--memory-swap', '--platform', '--pull',
  '--add-host', '--cap-add', '--cap-drop', '--device', '--dns', '--dns-search', '--dns-option', '--hostname',
  '-h', '--ipc', '--pid', '--restart', '--runtime', '--security-opt', '--shm-size', '--tmpfs', '--ulimit',
  '--log-driver', '--log-opt', '--gpus', '--stop-signal', '--stop-timeout', '--userns', '--uts', '--cgroupns',
  '--expose', '--group-add', '--health-cmd', '--health-interval', '--health-retries', '--health-timeout',
  '--ip', '--ip6', '--link', '--mac-address', '--volumes-from', '--attach', '-a', '--cidfile', '--isolation',
  '--pod', '--secret', '--annotation', '--arch', '--os', '--variant', '--authfile', '--cgroup-parent',
]);

function ociTarget(args: readonly string[]): LaunchTarget {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (!a.includes('=') && DOCKER_VALUE_FLAGS.has(a)) i++;
      continue;
    }
    const pkg = parseImageRef(a);
    return pkg ? { package: pkg, bridgedUrl: null } : NONE;
  }
  return NONE;
}

/** `ghcr.io/org/img:1.2@sha256:…` → name `ghcr.io/org/img`, version `1.2`, digest `sha256:…` */
export function parseImageRef(ref: string): PackageRef | null {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let version: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    version = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  if (!/^[a-z0-9][a-z0-9._\-/:]*$/i.test(rest)) return null;
  const pkg: PackageRef = { ecosystem: 'oci', name: rest, version };
  if (digest) pkg.digest = digest;
  return pkg;
}

// ---------- deno, dnx (.NET 10), go run ----------

/** `deno run -A npm:pkg@1` / `jsr:@scope/pkg@1`: the first spec after the options. */
function denoTarget(args: readonly string[]): LaunchTarget {
  const spec = args.find((a) => !a.startsWith('-'));
  if (!spec) return NONE;
  if (spec.startsWith('npm:')) {
    const pkg = parseNpmSpec(spec);
    return pkg ? { package: pkg, bridgedUrl: null } : NONE;
  }
  if (spec.startsWith('jsr:')) {
    const pkg = parseNpmSpec(spec.slice(4));
    return pkg ? { package: { ecosystem: 'other', name: `jsr:${pkg.name}`, version: pkg.version }, bridgedUrl: null } : NONE;
  }
  return NONE;
}

/** `dnx Pkg.Name@1.0 --yes` */
function nugetTarget(args: readonly string[]): LaunchTarget {
  const spec = args.find((a) => !a.startsWith('-'));
  const m = spec ? /^([A-Za-z0-9_][A-Za-z0-9_.-]*)(?:@(.+))?$/.exec(spec) : null;
  return m ? { package: { ecosystem: 'nuget', name: m[1], version: m[2] ?? null }, bridgedUrl: null } : NONE;
}

/** `go run github.com/org/mcp@v1.2.3`: a module path (a local `./cmd` is not a package) */
function goTarget(args: readonly string[]): LaunchTarget {
  const spec = args.find((a) => !a.startsWith('-'));
  const m = spec ? /^([a-z0-9.-]+\.[a-z]{2,}\/[^@\s]+)(?:@(.+))?$/i.exec(spec) : null;
  return m ? { package: { ecosystem: 'go', name: m[1], version: m[2] ?? null }, bridgedUrl: null } : NONE;
}

// ---------- helpers ----------

function firstUrl(args: readonly string[]): string | null {
  return args.find((a) => /^https?:\/\//i.test(a)) ?? null;
}

/** Splits a shell command line into words (quotes and backslash escapes; no expansion). */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if ((c === '&' || c === ';' || c === '|') && !inWord) {
      break; // only the first command of a pipeline or list
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

// ---------- rewriting a pinned version ----------

/** How a launcher spells a package at a version: `name@1.2.3`, `name==1.2.3`, `image:1.2.3`. */
export function formatSpec(pkg: PackageRef, version: string): string {
  switch (pkg.ecosystem) {
    case 'pypi':
      return `${pkg.name}==${version}`;
    case 'oci':
      return `${pkg.name}:${version}`;
    default:
      return `${pkg.name}@${version}`;
  }
}

function specName(pkg: PackageRef, word: string): string | null {
  const parsed = pkg.ecosystem === 'npm' ? parseNpmSpec(word) : pkg.ecosystem === 'pypi' ? parsePypiSpec(word) : pkg.ecosystem === 'oci' ? parseImageRef(word) : null;
  return parsed ? parsed.name.toLowerCase() : null;
}

/**
 * The arguments with the package's spec replaced by `newSpec`, or null when the spec cannot be found exactly once
 * (then no pin is offered rather than a guess). Handles `--package=spec` / `--from=spec` and shell strings
 * (`sh -c "npx -y pkg"`) where the spec is one plain word.
 */
export function replaceSpecInArgs(args: readonly string[], pkg: PackageRef, newSpec: string): string[] | null {
  const want = pkg.name.toLowerCase();
  // `option`: the spec is an option's value (`--from=spec`, `--from spec`); `versioned`: it carries a version
  const hits: { index: number; replace: (arg: string) => string; option: boolean; versioned: boolean }[] = [];
  const versioned = (word: string) => /(?:==|@|:)[^/]*$/.test(word.replace(/^@/, ''));
  args.forEach((arg, index) => {
    const eq = /^(--?[A-Za-z-]+=)(.*)$/.exec(arg);
    if (eq && specName(pkg, eq[2]) === want) {
      hits.push({ index, replace: () => eq[1] + newSpec, option: true, versioned: versioned(eq[2]) });
      return;
    }
    if (!/\s/.test(arg)) {
      const afterOption = index > 0 && /^--?(?:from|package|spec|with)$/.test(args[index - 1]);
      if (!arg.startsWith('-') && specName(pkg, arg) === want) hits.push({ index, replace: () => newSpec, option: afterOption, versioned: versioned(arg) });
      return;
    }
    // a command line in one argument: replace the one word that is the spec
    const words = arg.split(/(\s+)/);
    const at = words.map((w, i) => (i % 2 === 0 && !w.startsWith('-') && !/["'\\$`]/.test(w) && specName(pkg, w) === want ? i : -1)).filter((i) => i >= 0);
    if (at.length === 1) hits.push({ index, replace: () => words.map((w, i) => (i === at[0] ? newSpec : w)).join(''), option: false, versioned: versioned(words[at[0]]) });
  });
  // `uvx --from=pkg==1 pkg`: the spec and the entry point share the name; the option's value is the package
  const chosen = hits.length === 1 ? hits : hits.filter((h) => h.option).length === 1 ? hits.filter((h) => h.option) : hits.filter((h) => h.versioned);
  if (chosen.length !== 1) return null;
  const out = [...args];
  out[chosen[0].index] = chosen[0].replace(args[chosen[0].index]);
  return out;
}
