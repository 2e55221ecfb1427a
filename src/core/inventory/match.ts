// Indexed matching of servers against the inventory: what runs decides (package, URL, command), never the name.
// Lookups go through maps keyed by package name and host, not a scan of the inventory per server.
import type { Ecosystem, PackageRef, ServerEntry } from '../model';
import { compileUrlPattern, isUnder, lazyGlob, normalizeUrl, pathKeyOf, pathKeysOf, urlMatches, formatNormalUrl, type GlobMatcher, type NormalUrl, type UrlPattern } from '../urls';
import type { Inventory, InventoryServer, PackageMatch } from './schema';
import { satisfies } from './versions';

export type MatchKind = 'package' | 'url' | 'command' | 'gateway';

export interface Candidate {
  entry: InventoryServer | null; // null: approved only because the URL is under gateway.url
  kind: MatchKind;
  specificity: number;
  /** the package rule that matched, when kind is 'package' */
  packageMatch?: PackageMatch;
  /** the URL pattern or command glob that matched */
  pattern?: string;
}

export interface VersionMismatch {
  entry: InventoryServer;
  packageMatch: PackageMatch;
}

export interface MatchResult {
  candidates: Candidate[];
  /** approved entries whose package matched but whose `versions` exclude this version */
  versionMismatches: VersionMismatch[];
}

interface IndexedPackage {
  entry: InventoryServer;
  pm: PackageMatch;
}
interface IndexedUrl {
  entry: InventoryServer;
  pattern: UrlPattern;
  /** inventory order: candidates found under several keys are reported in it, as a scan of the list would */
  seq: number;
}
/** URL patterns by the path key a matching URL must have (see pathKeyOf) */
type UrlsByPath = Map<string, IndexedUrl[]>;

export class InventoryIndex {
  private readonly packages = new Map<string, IndexedPackage[]>();
  private readonly urlsByHost = new Map<string, UrlsByPath>();
  private readonly wildcardHostUrls: UrlsByPath = new Map();
  private readonly commands: CommandGlob[] = [];
  /** exact command paths, by path (lower-cased for Windows-style paths) */
  private readonly exactCommands = new Map<string, CommandGlob[]>();
  private readonly gatewayUrls = new Map<string, InventoryServer>();
  private readonly gatewayBase: NormalUrl | null;
  readonly byId = new Map<string, InventoryServer>();

  constructor(readonly inventory: Inventory) {
    const gw = inventory.gateway?.url;
    this.gatewayBase = gw ? normalizeUrl(gw) : null;
    let seq = 0;
    for (const entry of inventory.servers) {
      this.byId.set(entry.id, entry);
      for (const pm of entry.match.packages ?? []) push(this.packages, packageKey(pm.ecosystem, pm.name), { entry, pm });
      for (const source of entry.match.urls ?? []) {
        const pattern = compileUrlPattern(source);
        if (!pattern) continue;
        const host = pattern.url.host;
        let byPath = /[*?[]/.test(host) ? this.wildcardHostUrls : this.urlsByHost.get(host);
        if (!byPath) this.urlsByHost.set(host, (byPath = new Map()));
        push(byPath, pathKeyOf(pattern), { entry, pattern, seq: seq++ });
      }
      for (const glob of entry.match.commands ?? []) {
        const compiled = compileCommandGlob(entry, glob);
        if (compiled.exact) push(this.exactCommands, commandKey(glob), compiled);
        else this.commands.push(compiled);
      }
      if (entry.gatewayUrl) {
        const n = normalizeUrl(entry.gatewayUrl);
        if (n) this.gatewayUrls.set(formatNormalUrl(n), entry);
      }
    }
  }

  /** Follows `replacedBy` to the first approved entry (or the end of the chain); the schema rules out cycles. */
  replacementOf(entry: InventoryServer): InventoryServer | undefined {
    let current = entry.replacedBy ? this.byId.get(entry.replacedBy) : undefined;
    for (let hops = 0; current && current.status !== 'approved' && current.replacedBy && hops < 100; hops++) {
      current = this.byId.get(current.replacedBy) ?? current;
    }
    return current;
  }

  match(server: Pick<ServerEntry, 'package' | 'url' | 'command'>): MatchResult {
    const result: MatchResult = { candidates: [], versionMismatches: [] };
    if (server.url) this.matchUrl(server.url, result);
    // a bridge such as `mcp-remote URL` is judged by its target; its own package only when it has none
    if (server.package && !server.url) this.matchPackage(server.package, result);
    if (server.command) this.matchCommand(server.command, result);
    return result;
  }

  private matchPackage(pkg: PackageRef, result: MatchResult): void {
    const list = this.packages.get(packageKey(pkg.ecosystem, pkg.name));
    if (list) for (const { entry, pm } of list) matchPackageEntry(entry, pm, pkg, result);
  }

  private matchUrl(raw: string, result: MatchResult): void {
    const url = normalizeUrl(raw);
    if (!url) return;
    const sameHost = this.urlsByHost.get(url.host);
    if (sameHost || this.wildcardHostUrls.size) {
      const matched: IndexedUrl[] = [];
      const keys = pathKeysOf(url);
      if (sameHost) matchUrls(sameHost, keys, url, matched);
      matchUrls(this.wildcardHostUrls, keys, url, matched);
      if (matched.length > 1) matched.sort((a, b) => a.seq - b.seq);
      for (const { entry, pattern } of matched) result.candidates.push({ entry, kind: 'url', specificity: pattern.hasWildcard ? 30 : 35, pattern: pattern.source });
    }
    if (this.gatewayBase && isUnder(this.gatewayBase, url)) {
      result.candidates.push({ entry: this.gatewayUrls.get(formatNormalUrl(url)) ?? null, kind: 'gateway', specificity: 10 });
    }
  }

  private matchCommand(command: string, result: MatchResult): void {
    for (const { entry, glob } of this.exactCommands.get(commandKey(command)) ?? []) result.candidates.push({ entry, kind: 'command', specificity: 25, pattern: glob });
    const windowsPath = isWindowsPath(command);
    const subject = windowsPath ? command.replace(/\\/g, '/') : command;
    for (const c of this.commands) {
      if ((windowsPath ? c.windows : c.posix).match(subject)) result.candidates.push({ entry: c.entry, kind: 'command', specificity: 20, pattern: c.glob });
    }
  }
}

/** How one package rule of an entry judges a package of the same name: a candidate, a version mismatch, or nothing. */
export function matchPackageEntry(entry: InventoryServer, pm: PackageMatch, pkg: PackageRef, result: MatchResult): void {
  if (pm.digest) {
    if (pkg.digest?.toLowerCase() === pm.digest.toLowerCase()) result.candidates.push({ entry, kind: 'package', specificity: 60, packageMatch: pm });
    else if (entry.status === 'approved') result.versionMismatches.push({ entry, packageMatch: pm });
    return;
  }
  if (!pm.versions) {
    result.candidates.push({ entry, kind: 'package', specificity: 40, packageMatch: pm });
  } else if (satisfies(pm.ecosystem, pkg.version, pm.versions)) {
    result.candidates.push({ entry, kind: 'package', specificity: 50, packageMatch: pm });
  } else if (entry.status === 'approved') {
    result.versionMismatches.push({ entry, packageMatch: pm });
  } else if (entry.status === 'rejected' && !pkg.version) {
    // an unpinned package may resolve to a rejected version: assume the worst
    result.candidates.push({ entry, kind: 'package', specificity: 45, packageMatch: pm });
  }
}

function matchUrls(byPath: UrlsByPath, keys: readonly string[], url: NormalUrl, matched: IndexedUrl[]): void {
  if (!byPath.size) return;
  for (const key of keys) {
    const list = byPath.get(key);
    if (list) for (const u of list) if (urlMatches(u.pattern, url)) matched.push(u);
  }
}

/** Package names compared the way each registry does: PyPI normalizes `Foo_Bar` = `foo-bar`, OCI drops `docker.io/library/`. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  let n = name.trim().toLowerCase();
  if (ecosystem === 'pypi') n = n.replace(/[-_.]+/g, '-');
  if (ecosystem === 'oci') n = n.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  return `${ecosystem}:${n}`;
}

interface CommandGlob {
  entry: InventoryServer;
  glob: string;
  exact: boolean;
  /** compiled once, when first used: for POSIX paths (case-sensitive) and for Windows paths (backslashes as slashes, case-insensitive) */
  posix: GlobMatcher;
  windows: GlobMatcher;
}

function compileCommandGlob(entry: InventoryServer, glob: string): CommandGlob {
  return {
    entry,
    glob,
    exact: !/[*?[{]/.test(glob),
    posix: lazyGlob(glob, { dot: true }),
    windows: lazyGlob(glob.replace(/\\/g, '/'), { nocase: true, dot: true }),
  };
}

function isWindowsPath(p: string): boolean {
  return /^[a-z]:[\\/]/i.test(p) || p.includes('\\');
}

/** Exact command paths compare case-insensitively with either slash on Windows, exactly elsewhere. */
function commandKey(p: string): string {
  return isWindowsPath(p) ? p.replace(/\\/g, '/').toLowerCase() : p;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
