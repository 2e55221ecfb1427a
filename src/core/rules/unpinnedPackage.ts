// unpinned-package: the launcher fetches the server's code at start without an exact version, so any new release
// (a compromised one included) runs on the next start with nobody reviewing it.
// - npm launchers (`npx`, `bunx`, `pnpm dlx`, `yarn dlx`, `npm exec`, `bun x`): no version, a dist-tag (`@latest`,
//   `@next`, `@beta`…) or a range (`^1.2`, `1.x`, `1`) — npm reads `1.2` as a range too;
// - PyPI launchers (`uvx`, `uv tool run`, `uv run --with`, `pipx run`): no `==` / `@` exact version, or a range;
// - images (`docker run`, `podman run`): no digest. No tag or `:latest` is an error (whatever was pushed last runs);
//   a plain tag is a warning: tags can be moved to other content, only a digest cannot.
// Independent of the inventory (the rules run before matching); `unapproved-version` covers approved ranges.
import type { Finding, PackageRef, Severity } from '../model';
import { commandLine, entryFields, packageWord, serverNode, type CommandLine } from './entryFields';
import type { ServerRule } from './types';

export const unpinnedPackage: ServerRule = {
  id: 'unpinned-package',
  name: 'UnpinnedPackage',
  shortDescription: 'MCP server package not pinned to an exact version',
  fullDescription:
    'The server is fetched at start without an exact version (no version, a dist-tag such as @latest, a version range, or an image without a digest), so a new release runs on the next start without review, a compromised one included. Pin an exact version, or a digest for images.',
  defaultSeverity: 'warning',
  check({ server, entry, doc }) {
    const pkg = server.package;
    if (!pkg || (pkg.ecosystem !== 'npm' && pkg.ecosystem !== 'pypi' && pkg.ecosystem !== 'oci')) return [];
    const line = commandLine(entryFields(serverNode(server, entry)));
    if (!line) return [];
    const word = packageWord(line, pkg);
    if (!word) return [];
    const problem = pkg.ecosystem === 'oci' ? imageProblem(pkg, line.exe) : versionProblem(pkg, launcherName(line));
    if (!problem) return [];
    const finding: Finding = {
      rule: 'unpinned-package',
      severity: problem.severity,
      message: `${word.field.label}: ${problem.message}`,
      range: doc.lines.rangeOf(word.field.node.offset, word.field.node.length),
    };
    return [finding];
  },
};

interface Problem {
  severity: Severity;
  message: string;
}

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function versionProblem(pkg: PackageRef, launcher: string): Problem | null {
  const { name } = pkg;
  const pin = pkg.ecosystem === 'pypi' ? `${name}==<version>` : `${name}@<version>`;
  const v = pkg.version;
  const then = 'so every start can run a different release, a compromised one included, without review';
  if (v === null) return { severity: 'warning', message: `${launcher} runs ${name} with no version, ${then}. Pin an exact version (${pin}).` };
  const kind = pkg.ecosystem === 'npm' ? npmVersionKind(v) : pypiVersionKind(v);
  if (kind === 'exact') return null;
  if (kind === 'tag') return { severity: 'warning', message: `${launcher} runs ${name}@${v}, a dist-tag that moves with each release, ${then}. Pin an exact version (${pin}).` };
  return { severity: 'warning', message: `${launcher} runs ${name} at the version range ${v}, ${then}. Pin an exact version (${pin}).` };
}

function npmVersionKind(v: string): 'exact' | 'tag' | 'range' {
  if (EXACT_SEMVER.test(v)) return 'exact';
  return /^[A-Za-z][\w.-]*$/.test(v) && !/^[xX*]$/.test(v) ? 'tag' : 'range';
}

/** `pkg==1.2.3` and `pkg@1.2.3` keep the bare version; `pkg>=1` keeps its operator; `pkg@latest` a word. */
function pypiVersionKind(v: string): 'exact' | 'tag' | 'range' {
  const bare = v.replace(/^=+/, '');
  if (/^[<>!~]/.test(v) || bare.includes('*') || /[,;]/.test(bare)) return 'range';
  if (/^v?\d/.test(bare)) return 'exact';
  return 'tag';
}

function imageProblem(pkg: PackageRef, exe: string): Problem | null {
  if (pkg.digest) return null;
  const { name, version } = pkg;
  if (version === null || version === 'latest') {
    const what = version === null ? `has no tag, so ${exe} runs :latest` : 'is :latest';
    return { severity: 'error', message: `image ${name} ${what}: whatever was pushed last runs, with nobody reviewing it. Pin a digest (${name}@sha256:…).` };
  }
  return { severity: 'warning', message: `image ${name}:${version} is pinned by tag only: tags can be moved to other content. Pin a digest (${name}:${version}@sha256:…).` };
}

/** `npx`, `pnpm dlx`, `uv tool run`… as the user wrote it. */
function launcherName(line: CommandLine): string {
  const first = line.words[0]?.text;
  if ((line.exe === 'pnpm' || line.exe === 'yarn') && first === 'dlx') return `${line.exe} dlx`;
  if (line.exe === 'npm' && (first === 'exec' || first === 'x')) return `npm ${first}`;
  if (line.exe === 'bun' && first === 'x') return 'bun x';
  if (line.exe === 'uv' && first === 'tool') return 'uv tool run';
  if (line.exe === 'uv' && first === 'run') return 'uv run --with';
  if (line.exe === 'pipx' && first === 'run') return 'pipx run';
  return line.exe;
}

/** The word that spells the package (`pkg@1`, `--package=pkg`, `--from pkg==1`), matched by name. */
