// What the static rules read from a server entry's raw values, the same way in every dialect, each value with its
// node so a finding can point at it:
// - flat `command` / `args` / `env` / `headers` / `url` (most JSON clients, Codex TOML, Continue YAML list items);
// - OpenCode: `command: [exe, ...args]` and `environment`; Goose: `cmd`, `envs`, `uri`;
// - Zed's older `command: { path, args, env }`; Cline's SDK form and Continue's legacy form `transport: { … }`;
//   Continue `uses:` items with `override: { … }`;
// - header maps `headers`, Codex `http_headers`, Continue `requestOptions.headers`;
// - URL keys `url`, Windsurf `serverUrl`, Gemini `httpUrl`, Goose `uri`.
// Also the effective command line: shell and `cmd /c` wrappers unwrapped, and `docker run` options split from the image.
import { executableName, parseImageRef, parseNpmSpec, parsePypiSpec, shellSplit, DOCKER_VALUE_FLAGS } from '../launchers';
import type { PackageRef, ServerEntry } from '../model';
import type { TreeNode } from '../parse';
import { entries, prop } from './nodes';

export interface StringField {
  value: string;
  node: TreeNode;
  /** how a message names the field: `args[3]`, `command[2]`, `env GITHUB_TOKEN`, `header Authorization`, `url` */
  label: string;
}

export interface NamedField extends StringField {
  /** the env variable, header or key name */
  name: string;
}

export interface EntryFields {
  command: StringField | null;
  args: StringField[];
  env: NamedField[];
  headers: NamedField[];
  urls: NamedField[];
  /** the objects the fields were read from: the entry and its nested `transport` / `override` / `command` objects */
  sources: TreeNode[];
}

const ENV_KEYS = ['env', 'environment', 'envs'];
const HEADER_KEYS = ['headers', 'http_headers'];
const URL_KEYS = ['url', 'serverUrl', 'httpUrl', 'uri'];

/**
 * The server's own value node. checkRules finds it by its start offset, which in TOML the servers map shares with its
 * first entry (`[mcp_servers.a]` opens both); the node with the entry's length, deeper down, is the entry.
 */
export function serverNode(server: ServerEntry, entry: TreeNode): TreeNode {
  let node = entry;
  for (let depth = 0; depth < 8; depth++) {
    const next = childStartingAt(node, server);
    if (!next || next === node) break;
    node = next;
  }
  return node;
}

/** The child value (of `node`, or of its properties) that can be the entry; a loop, not flatMap: it runs per rule per server. */
function childStartingAt(node: TreeNode, server: ServerEntry): TreeNode | undefined {
  for (const c of node.children ?? []) {
    if (c.type !== 'property') {
      if (isEntryCandidate(c, node, server)) return c;
      continue;
    }
    for (const gc of c.children ?? []) if (gc.type !== 'property' && isEntryCandidate(gc, node, server)) return gc;
  }
  return undefined;
}

function isEntryCandidate(c: TreeNode, node: TreeNode, server: ServerEntry): boolean {
  return c.offset === server.valueOffset && c.length <= node.length && (c.length === server.valueLength || node.length !== server.valueLength);
}

/** Every rule reads the same fields: they are collected once per entry node. */
const fieldsCache = new WeakMap<TreeNode, EntryFields>();

export function entryFields(entry: TreeNode): EntryFields {
  let fields = fieldsCache.get(entry);
  if (!fields) fieldsCache.set(entry, (fields = collectFields(entry)));
  return fields;
}

function collectFields(entry: TreeNode): EntryFields {
  const out: EntryFields = { command: null, args: [], env: [], headers: [], urls: [], sources: [] };
  const sources = [entry, prop(entry, 'transport'), prop(entry, 'override'), prop(entry, 'command')].filter((n): n is TreeNode => n?.type === 'object');
  out.sources = sources;
  for (const src of sources) {
    const nested = src !== entry;
    const at = nested ? `${keyOf(src)}.` : '';
    for (const key of ['command', 'cmd', 'path']) {
      if (key === 'path' && src === entry) continue; // only Zed's nested `command.path`
      const node = prop(src, key);
      if (node?.type === 'string' && typeof node.value === 'string' && !out.command) out.command = { value: node.value, node, label: `${at}${key}` };
      if (key === 'command' && node?.type === 'array') {
        // OpenCode: the executable and its arguments in one array
        const items = indexed(node);
        const exe = items[0]?.index === 0 ? items.shift() : undefined;
        if (exe && !out.command) out.command = { value: exe.value, node: exe.node, label: `${at}command[0]` };
        for (const a of items) out.args.push({ value: a.value, node: a.node, label: `${at}command[${a.index}]` });
      }
    }
    for (const a of indexed(prop(src, 'args'))) out.args.push({ value: a.value, node: a.node, label: `${at}args[${a.index}]` });
    for (const key of ENV_KEYS) for (const [name, node] of entries(prop(src, key))) if (isString(node)) out.env.push({ name, value: node.value, node, label: `env ${name}` });
    const headerMaps = [...HEADER_KEYS.map((k) => prop(src, k)), prop(prop(src, 'requestOptions'), 'headers')];
    for (const map of headerMaps) for (const [name, node] of entries(map)) if (isString(node)) out.headers.push({ name, value: node.value, node, label: `header ${name}` });
    for (const key of URL_KEYS) {
      const node = prop(src, key);
      if (isString(node)) out.urls.push({ name: key, value: node.value, node, label: `${at}${key}` });
    }
  }
  return out;
}

/** The string items of an array with their positions in it (a number among the arguments keeps the count right). */
function indexed(arr: TreeNode | undefined): { value: string; node: TreeNode; index: number }[] {
  const out: { value: string; node: TreeNode; index: number }[] = [];
  if (arr?.type !== 'array') return out;
  const items = arr.children ?? [];
  for (let index = 0; index < items.length; index++) {
    const node = items[index];
    if (isString(node)) out.push({ value: node.value, node, index });
  }
  return out;
}

function isString(node: TreeNode | undefined): node is TreeNode & { value: string } {
  return node?.type === 'string' && typeof node.value === 'string';
}

function keyOf(obj: TreeNode): string {
  const key = obj.parent?.type === 'property' ? obj.parent.children?.[0]?.value : undefined;
  return typeof key === 'string' ? key : '?';
}

// ---------- the effective command line ----------

/** One word of the command line; words split out of a shell string share that argument's node. */
export interface Word {
  text: string;
  field: StringField;
}

export interface CommandLine {
  /** `npx`, `docker`, `uvx`… (lower case, no extension) */
  exe: string;
  words: Word[];
}

/** Several rules read the command line of one entry: it is worked out once per entry's fields. */
const lineCache = new WeakMap<EntryFields, CommandLine | null>();

/** The command line that really runs: `cmd /c …`, `sh -c "…"` and `bash -lc` wrappers are unwrapped. */
export function commandLine(fields: EntryFields): CommandLine | null {
  let line = lineCache.get(fields);
  if (line === undefined) lineCache.set(fields, (line = unwrappedLine(fields)));
  return line;
}

function unwrappedLine(fields: EntryFields): CommandLine | null {
  if (!fields.command) return null;
  // clients start `command` without a shell, so a command with spaces is one program name, as in launchers.ts
  let words: Word[] = [{ text: fields.command.value, field: fields.command }, ...fields.args.map((a) => ({ text: a.value, field: a }))];
  for (let depth = 0; depth < 4 && words.length; depth++) {
    const exe = executableName(words[0].text);
    const args = words.slice(1);
    if (exe === 'cmd') {
      const i = args.findIndex((w) => /^\/[ck]$/i.test(w.text));
      if (i < 0 || i + 1 >= args.length) break;
      const rest = args.slice(i + 1);
      words = rest.length === 1 ? split(rest[0]) : rest;
      continue;
    }
    if (['sh', 'bash', 'zsh', 'dash'].includes(exe)) {
      const i = args.findIndex((w) => w.text === '-c' || w.text === '-lc' || w.text === '-ic');
      if (i < 0 || i + 1 >= args.length) break;
      words = split(args[i + 1]).filter((w, k, all) => !(w.text === 'exec' && k === 0 && all.length > 1));
      continue;
    }
    break;
  }
  if (!words.length) return null;
  return { exe: executableName(words[0].text), words: words.slice(1) };
}

function split(word: Word): Word[] {
  return shellSplit(word.text).map((text) => ({ text, field: word.field }));
}

// ---------- docker / podman run ----------


export interface DockerOption {
  /** `--network`, `-v`, `--privileged` (the flag as written, without `=value`) */
  flag: string;
  /** the option's value: `host` in `--network host` or `--network=host`; null for boolean flags */
  value: string | null;
  /** where the value is written (the flag's own word for `--flag=value` and boolean flags) */
  word: Word;
}

export interface DockerRun {
  exe: 'docker' | 'podman';
  options: DockerOption[];
  /** the image reference, null when the command line ends before it */
  image: Word | null;
  /** the words after the image: the container's own command and arguments */
  after: Word[];
}

/** `docker run …` / `podman run …` / `docker container run …`, split into options, image and container arguments. */
export function dockerRun(line: CommandLine | null): DockerRun | null {
  if (!line || (line.exe !== 'docker' && line.exe !== 'podman')) return null;
  let words = line.words;
  if (words[0]?.text === 'container') words = words.slice(1);
  if (words[0]?.text !== 'run' && words[0]?.text !== 'create') return null;
  words = words.slice(1);
  const options: DockerOption[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.text === '--') return { exe: line.exe, options, image: words[i + 1] ?? null, after: words.slice(i + 2) };
    if (!w.text.startsWith('-') || w.text === '-') return { exe: line.exe, options, image: w, after: words.slice(i + 1) };
    const eq = w.text.indexOf('=');
    if (w.text.startsWith('--')) {
      if (eq > 0) options.push({ flag: w.text.slice(0, eq), value: w.text.slice(eq + 1), word: w });
      else if (DOCKER_VALUE_FLAGS.has(w.text)) options.push({ flag: w.text, value: words[i + 1]?.text ?? null, word: words[++i] ?? w });
      else options.push({ flag: w.text, value: null, word: w });
      continue;
    }
    // short flags: `-v value`, `-v=value`, `-vvalue`, and bundles such as `-it` or `-itv value`
    const letters = w.text.slice(1);
    for (let k = 0; k < letters.length; k++) {
      const flag = `-${letters[k]}`;
      if (!DOCKER_VALUE_FLAGS.has(flag)) {
        options.push({ flag, value: null, word: w });
        continue;
      }
      const attached = letters.slice(k + 1).replace(/^=/, '');
      if (attached) options.push({ flag, value: attached, word: w });
      else options.push({ flag, value: words[i + 1]?.text ?? null, word: words[++i] ?? w });
      break;
    }
  }
  return { exe: line.exe, options, image: null, after: [] };
}

// ---------- the package word ----------

/** The word of the command line that names `pkg` (`pkg@1.2.3`, `--from=pkg`, the image of `docker run`). */
export function packageWord(line: CommandLine, pkg: PackageRef, fold: (text: string) => string = (t) => t): Word | undefined {
  if (pkg.ecosystem === 'oci') return dockerRun(line)?.image ?? undefined;
  const want = pkg.name.toLowerCase();
  const parse = pkg.ecosystem === 'npm' ? parseNpmSpec : pkg.ecosystem === 'pypi' ? parsePypiSpec : parseImageRef;
  return line.words.find((w) => {
    const text = fold(specText(w.text));
    return !text.startsWith('-') && parse(text)?.name.toLowerCase() === want;
  });
}

/** A word without its `--option=` prefix: `--from=pkg==1` → `pkg==1`. */
export function specText(word: string): string {
  return /^--?[A-Za-z-]+=/.test(word) ? word.slice(word.indexOf('=') + 1) : word;
}
