// broad-filesystem-access: a filesystem server (`@modelcontextprotocol/server-filesystem`, `mcp-server-filesystem`,
// `rust-mcp-filesystem`, any package, command or script with `filesystem` / `fs` in its name) is given the whole disk
// (`/`, a drive root `C:\`), the home folder (`~`, `$HOME`, `${HOME}`, `${userHome}`, `%USERPROFILE%`, `/Users/<x>`,
// `/home/<x>`, `C:\Users\<x>`, `/root`) or every user's folder (`/Users`, `/home`, `C:\Users`). The model can then
// read, and usually write, SSH keys, cloud credentials, browser profiles and every other project.
// Containers are left to docker-risk: there the host is reached through mounts, which that rule checks.
import { executableName } from '../launchers';
import type { Finding } from '../model';
import { commandLine, entryFields, serverNode, type Word } from './entryFields';
import type { ServerRule } from './types';

export const broadFilesystemAccess: ServerRule = {
  id: 'broad-filesystem-access',
  name: 'BroadFilesystemAccess',
  shortDescription: 'Filesystem server given the whole disk or home folder',
  fullDescription:
    'A filesystem MCP server is allowed the root of the disk or the whole home folder. The model can read (and usually write) SSH keys, cloud credentials, browser profiles and every other project there. Allow the project folders it needs instead.',
  defaultSeverity: 'warning',
  check({ server, entry, doc }) {
    const line = commandLine(entryFields(serverNode(server, entry)));
    if (!line || line.exe === 'docker' || line.exe === 'podman') return [];
    const names = [server.package?.name, line.exe, scriptOf(line.exe, line.words)].filter((n): n is string => !!n);
    if (!names.some((n) => FILESYSTEM_NAME.test(n))) return [];
    const out: Finding[] = [];
    for (const word of line.words) {
      const text = /^--?[A-Za-z][\w-]*=/.test(word.text) ? word.text.slice(word.text.indexOf('=') + 1) : word.text;
      const scope = broadScope(text.trim());
      if (!scope) continue;
      const node = word.field.node;
      out.push({
        rule: 'broad-filesystem-access',
        severity: 'warning',
        message: `${word.field.label}: the filesystem server is allowed ${scope} (${text.trim()}): the model can read, and usually change, SSH keys, cloud credentials and every other project there. Allow only the folders it needs.`,
        range: doc.lines.rangeOf(node.offset, node.length),
      });
    }
    return out;
  },
};

/** `filesystem`, `file-system` or `fs` as a part of a package, command or script name. */
const FILESYSTEM_NAME = /(?:^|[\\/@_.-])(?:file-?system|fs)(?:[\\/@_.-]|$)/i;

const INTERPRETERS = new Set(['node', 'deno', 'bun', 'python', 'python3', 'py']);

/** The script an interpreter runs (`node /opt/mcp/server-filesystem/dist/index.js`), as a name to look at. */
function scriptOf(exe: string, words: Word[]): string | undefined {
  if (!INTERPRETERS.has(exe)) return undefined;
  const script = words.find((w) => !w.text.startsWith('-') && w.text !== 'run');
  return script ? script.text.replace(/\\/g, '/').split('/').filter((s) => s && !/^(?:dist|build|src|lib|index\.[cm]?js|main\.py)$/i.test(s)).map((s) => executableName(s)).join('/') : undefined;
}

const HOME = String.raw`(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{userHome\}|\$\{env:USERPROFILE\}|%USERPROFILE%|%HOMEDRIVE%%HOMEPATH%|/home/[^/\\]+|/Users/[^/\\]+|/root|[A-Za-z]:[\\/]Users[\\/][^/\\]+)`;
const HOME_ONLY = new RegExp(`^${HOME}[\\\\/]*$`, 'i');

/** What a broad path opens, or null for anything narrower. */
export function broadScope(path: string): string | null {
  if (/^[\\/]+$/.test(path)) return 'the whole file system';
  if (/^[A-Za-z]:[\\/]*$/.test(path)) return `the whole ${path.charAt(0).toUpperCase()}: drive`;
  if (/^(?:\/home|\/Users|[A-Za-z]:[\\/]Users)[\\/]*$/i.test(path)) return "every user's home folder";
  if (HOME_ONLY.test(path)) return 'the whole home folder';
  return null;
}
