// docker-risk: `docker run` / `podman run` options that take away the container's isolation, so the server (and
// anything that compromises it) reaches the host:
// - errors: `--privileged` (every device and capability: root on the host), a mount of the Docker or Podman socket
//   (`/var/run/docker.sock`, `//./pipe/docker_engine`, `podman.sock`: whoever holds it can start privileged containers);
// - warnings: host namespaces (`--network host`/`--net=host`, `--pid host`, `--ipc host`), `--cap-add` (ALL and
//   SYS_ADMIN called out), `--security-opt seccomp=unconfined` / `apparmor=unconfined` / `label=disable`, `--device`,
//   and bind mounts (`-v`, `--volume`, `--mount type=bind,source=…`) of `/`, the home folder (`~`, `$HOME`,
//   `${HOME}`, `%USERPROFILE%`, `/home/<x>`, `/Users/<x>`, `C:\Users\<x>`, `/root`) or credential folders in it
//   (`.ssh`, `.aws`, `.config/gcloud`, `.kube`, `.docker`, `.gnupg`, `.azure`).
// Only options before the image count: what follows it is the container's own command line.
import type { Finding, Severity } from '../model';
import { commandLine, dockerRun, entryFields, serverNode, type DockerOption } from './entryFields';
import type { ServerRule } from './types';

export const dockerRisk: ServerRule = {
  id: 'docker-risk',
  name: 'DockerRisk',
  shortDescription: 'Container started with options that reach the host',
  fullDescription:
    'The server runs in a container started with options that remove its isolation: --privileged, the Docker socket, host namespaces, added capabilities, disabled seccomp/AppArmor, devices, or mounts of the host root, the home folder or credential folders. Whatever the server does (or whoever compromises it) reaches the host.',
  defaultSeverity: 'warning',
  check({ server, entry, doc }) {
    const run = dockerRun(commandLine(entryFields(serverNode(server, entry))));
    if (!run) return [];
    const out: Finding[] = [];
    const report = (option: DockerOption, severity: Severity, message: string) => {
      const node = option.word.field.node;
      out.push({ rule: 'docker-risk', severity, message: `${option.word.field.label}: ${message}`, range: doc.lines.rangeOf(node.offset, node.length) });
    };
    for (const option of run.options) {
      const value = option.value ?? '';
      switch (option.flag) {
        case '--privileged':
          if (!/^false$/i.test(value)) report(option, 'error', `--privileged gives the container every capability and device of the host: it is root on the host. Remove it.`);
          break;
        case '--network':
        case '--net':
          if (value === 'host') report(option, 'warning', `${option.flag} host puts the container on the host's network: it reaches every local service (databases, cloud metadata, admin ports) as if it ran on the host.`);
          break;
        case '--pid':
        case '--ipc':
        case '--uts':
          if (value === 'host') report(option, 'warning', `${option.flag} host shares the host's ${option.flag === '--pid' ? 'process list (the container can see and signal host processes)' : option.flag === '--ipc' ? 'shared memory and IPC' : 'host name'} with the container.`);
          break;
        case '--cap-add': {
          const cap = value.toUpperCase().replace(/^CAP_/, '');
          const why = cap === 'ALL' ? 'ALL gives every Linux capability, close to --privileged' : cap === 'SYS_ADMIN' ? 'SYS_ADMIN allows mounts and most of what root can do' : `${value || 'a capability'} widens what the container can do to the host`;
          report(option, 'warning', `--cap-add ${value}: ${why}. Drop it unless the server needs it.`);
          break;
        }
        case '--security-opt':
          if (/^(?:seccomp|apparmor)[=:]unconfined$|^label[=:]disable$|^systempaths[=:]unconfined$/i.test(value)) report(option, 'warning', `--security-opt ${value} turns off a kernel protection the container relies on.`);
          break;
        case '--device':
          report(option, 'warning', `--device ${value} gives the container direct access to a host device.`);
          break;
        case '-v':
        case '--volume':
        case '--mount': {
          const source = option.flag === '--mount' ? mountSource(value) : volumeSource(value);
          if (source === null) break;
          const risk = mountRisk(source);
          if (risk) report(option, risk.severity, risk.message);
          break;
        }
      }
    }
    return out;
  },
};

/** The host side of `-v SRC:DST[:opts]`; null for named volumes. Windows sources keep their drive colon (`C:\x:/y`). */
function volumeSource(spec: string): string | null {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0;
  const colon = spec.indexOf(':', drive);
  let source = colon < 0 ? spec : spec.slice(0, colon);
  // `//./pipe/docker_engine://./pipe/docker_engine`: the pipe path has no colon of its own
  if (/^(?:\/\/|\\\\)\.[\\/]pipe[\\/]/i.test(spec)) source = spec.split(/:(?=\/\/|\\\\)/)[0];
  return isHostPath(source) ? source : null;
}

/** The `source=`/`src=` of `--mount type=bind,…`; null for volumes and tmpfs. */
function mountSource(spec: string): string | null {
  const parts = new Map<string, string>();
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    parts.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : part.slice(eq + 1).trim());
  }
  const type = parts.get('type') ?? 'volume';
  if (type !== 'bind' && type !== 'npipe') return null;
  return parts.get('source') ?? parts.get('src') ?? null;
}

function isHostPath(source: string): boolean {
  return /^(?:[\\/~.$%]|[A-Za-z]:)/.test(source);
}

const HOME = String.raw`(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{userHome\}|%USERPROFILE%|\$env:USERPROFILE|/home/[^/\\]+|/Users/[^/\\]+|/root|[A-Za-z]:[\\/]Users[\\/][^/\\]+)`;
const HOME_ONLY = new RegExp(`^${HOME}[\\\\/]*$`, 'i');
const CREDENTIALS = new RegExp(`^${HOME}[\\\\/]+(\\.ssh|\\.aws|\\.config[\\\\/]gcloud|\\.kube|\\.docker|\\.gnupg|\\.azure)(?:[\\\\/]|$)`, 'i');
const SOCKET = /(?:^|[\\/])(?:docker|podman)\.sock$|^(?:\/\/|\\\\)\.[\\/]pipe[\\/](?:docker_engine|podman)/i;

function mountRisk(source: string): { severity: Severity; message: string } | null {
  const s = source.trim();
  if (SOCKET.test(s)) return { severity: 'error', message: `mounts the container engine's socket (${s}): the server can start privileged containers and take over the host.` };
  if (/^[\\/]+$/.test(s) || /^[A-Za-z]:[\\/]*$/.test(s)) return { severity: 'warning', message: `mounts the host's whole file system (${s}) into the container.` };
  if (HOME_ONLY.test(s)) return { severity: 'warning', message: `mounts the whole home folder (${s}): SSH keys, cloud credentials and every project become readable by the server. Mount the project folder only.` };
  const cred = CREDENTIALS.exec(s);
  if (cred) return { severity: 'warning', message: `mounts the credential folder ${cred[1].replace(/\\/g, '/')} (${s}): the server can read (and use) those keys.` };
  return null;
}
