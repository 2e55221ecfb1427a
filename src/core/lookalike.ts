// Package names that imitate a real one: the organization's approved packages and well-known MCP servers. One notion
// of resemblance, used by the lookalike-package rule and by the "Switch to the approved …" quick-fix.
//
// Names are compared per ecosystem (npm with npm, PyPI with PyPI, images with images) after folding what a reader
// cannot tell apart: PyPI's own normalization (PEP 503: `Mcp_Server.Fetch` is `mcp-server-fetch`, so `-` vs `_` is the
// same PyPI project but two npm packages), look-alike letters of other scripts and compatibility forms (unicode.ts),
// a digit between letters that passes for one (`c0ntext`, `g1thub`), `rn` for `m`, `vv` for `w`, and separators.
// A name resembles an original when, after folding:
//  - it is the same name (only separators, look-alike characters or case differ);
//  - it is the same name with a separator added or removed (`crossenv` for `cross-env`);
//  - exactly one word (the parts between `@`, `/`, `-`, `_`, `.`) differs, by a Damerau-Levenshtein distance (a
//    transposition counts 1) that the original word's length allows: words of up to 4 letters only by two swapped
//    letters (`mcp-server-gti`; `git` vs `gif` are different words), 5 to 7 letters by one edit, longer ones by two;
//  - for npm, the same distinctive name under another scope or none (`@evil/server-filesystem`, `server-filesystem`).
// Numbers are meaningful (`server-v2`, `@acme-5/mcp-server-1234`): names whose digits differ never resemble each other.
// An exact name of the inventory (any status) or of the well-known list is never a look-alike.
//
// Speed: every lookup is a handful of hash-map probes (per word: one probe per allowed length), built once per
// inventory, and results are memoized per name, so scanning 10 000 servers against 10 000 inventory packages stays
// linear.
import { packageKey } from './inventory/match';
import type { Inventory, InventoryServer } from './inventory/schema';
import type { Ecosystem } from './model';
import { KNOWN_PACKAGES, type KnownPackage } from './rules/knownPackages';
import { CONFUSABLES, describeChar, latinSkeleton } from './unicode';

export type LookalikeEcosystem = 'npm' | 'pypi' | 'oci';

export interface Original {
  ecosystem: LookalikeEcosystem;
  name: string;
  /** the approved inventory entry that lists the package; absent for a well-known package only */
  entry?: InventoryServer;
  /** who publishes it, for a well-known package */
  publisher?: string;
}

export interface Lookalike {
  original: Original;
  /** how the name differs, for messages: `the scope differs by one letter: "modelcontextprotcol" for "modelcontextprotocol"` */
  reason: string;
}

interface Folded {
  original?: Original;
  /** the name as compared: registry normalization, folded, separators as `-` */
  folded: string;
  words: string[];
  /** where each word starts in `folded` */
  starts: number[];
  /** the words as written (lower case, not folded), for messages and for swaps that folding hides (`electorn`) */
  written: string[];
  /** the digit runs, which must be equal */
  digits: string;
  /** npm: scope and the name after it, folded */
  scope: string | null;
  bare: string;
}

const WORD = /[^-@/:]+/g;
const WORD_SPLIT = /[-@/:]+/;
/** Words that say nothing about which server a name is: an unscoped copy needs more than these. */
const GENERIC_WORDS = new Set(['mcp', 'server', 'servers', 'model', 'context', 'protocol', 'modelcontextprotocol', 'js', 'ts', 'node', 'py', 'python', 'cli', 'official', 'tool', 'tools', 'sdk', 'api', 'client']);
const MAX_MEMO = 50_000;

export function isLookalikeEcosystem(e: Ecosystem): e is LookalikeEcosystem {
  return e === 'npm' || e === 'pypi' || e === 'oci';
}

const shared = new WeakMap<Inventory, LookalikeIndex>();

export class LookalikeIndex {
  /** One index per inventory object: checkers made for another policy reuse it. */
  static forInventory(inventory: Inventory): LookalikeIndex {
    let index = shared.get(inventory);
    if (!index) shared.set(inventory, (index = new LookalikeIndex(inventory)));
    return index;
  }

  /** every name that is itself real: the inventory's packages (any status) and the well-known list */
  private readonly exact = new Set<string>();
  /** by the folded name without separators (names equal once folded share it too) */
  private readonly byJoined = new Map<string, Bucket>();
  private readonly byWord = new Map<string, Bucket>();
  private readonly byBare = new Map<string, Bucket>();
  private readonly memo = new Map<string, Lookalike | null>();
  private built = false;

  constructor(
    private readonly inventory: Inventory | null,
    private readonly known: readonly KnownPackage[] = KNOWN_PACKAGES,
  ) {}

  /** Built on the first lookup: a scan without packages never pays for it. */
  private build(): void {
    this.built = true;
    const { inventory, known } = this;
    // approved inventory packages first: when a name resembles both, the organization's entry is the one to offer
    const indexed = new Set<string>();
    for (const entry of inventory?.servers ?? []) {
      for (const pm of entry.match.packages ?? []) {
        const key = packageKey(pm.ecosystem, pm.name);
        this.exact.add(key);
        if (entry.status !== 'approved' || !isLookalikeEcosystem(pm.ecosystem) || indexed.has(key)) continue;
        indexed.add(key);
        this.add({ ecosystem: pm.ecosystem, name: pm.name, entry });
      }
    }
    // a well-known package stays an original when the inventory has it pending or rejected: its look-alikes are
    // still impostors
    for (const k of known) {
      const key = packageKey(k.ecosystem, k.name);
      this.exact.add(key);
      if (indexed.has(key)) continue;
      indexed.add(key);
      this.add({ ecosystem: k.ecosystem, name: k.name, publisher: k.publisher });
    }
  }

  /** The original `name` imitates, or null when it is a real name itself or resembles none. */
  lookup(ecosystem: Ecosystem, name: string): Lookalike | null {
    if (!isLookalikeEcosystem(ecosystem)) return null;
    if (!this.built) this.build();
    const key = packageKey(ecosystem, name);
    if (this.exact.has(key)) return null;
    const memoKey = `${key}\u0000${name}`;
    const hit = this.memo.get(memoKey);
    if (hit !== undefined) return hit;
    const found = this.find(ecosystem, name, key);
    if (this.memo.size >= MAX_MEMO) this.memo.clear();
    this.memo.set(memoKey, found);
    return found;
  }

  private add(original: Original): void {
    const f = fold(original.ecosystem, original.name);
    f.original = original;
    const e = original.ecosystem;
    push(this.byJoined, `${e}\u0000${joined(f.folded)}`, f);
    f.words.forEach((w, i) => {
      if (w.length >= 2 && !/^\d+$/.test(w)) push(this.byWord, wordKey(e, f, i, w.length), f);
    });
    if (e === 'npm' && f.scope !== null) push(this.byBare, `${e}\u0000${f.bare}`, f);
  }

  private find(ecosystem: LookalikeEcosystem, name: string, key: string): Lookalike | null {
    const q = fold(ecosystem, name, key);
    const found: Lookalike[] = [];
    const consider = (bucket: Bucket | undefined, reason: (o: Folded) => string | null) => {
      for (const o of bucket === undefined ? [] : Array.isArray(bucket) ? bucket : [bucket]) {
        if (o.digits !== q.digits) continue;
        const why = reason(o);
        if (why) found.push({ original: o.original!, reason: why });
      }
    };
    const sameJoined = this.byJoined.get(`${ecosystem}\u0000${joined(q.folded)}`);
    consider(sameJoined, (o) => (o.folded === q.folded ? foldedReason(name, o.original!.name) : null));
    if (!found.length) consider(sameJoined, (o) => (o.folded !== q.folded ? separatorReason(q.folded, o.folded) : null));
    if (!found.length) {
      q.words.forEach((w, i) => {
        if (w.length < 2 || /^\d+$/.test(w)) return;
        for (let len = Math.max(2, w.length - 2); len <= w.length + 2; len++) {
          if (Math.abs(len - w.length) > allowedEdits(len)) continue; // the original's word could not be that far off
          consider(this.byWord.get(wordKey(ecosystem, q, i, len)), (o) => wordReason(q, o, i));
        }
      });
    }
    if (!found.length && ecosystem === 'npm' && distinctive(q.bare)) {
      consider(this.byBare.get(`${ecosystem}\u0000${q.bare}`), (o) => (o.scope !== q.scope ? scopeReason(q, o) : null));
    }
    // the organization's approved entry wins over a well-known package
    return found.find((f) => f.original.entry) ?? found[0] ?? null;
  }
}

// ---------- folding ----------

/**
 * One pass over the lower-cased name: a single digit between letters passes for a letter (c0ntext, g1thub, manag3r,
 * fi1e), `rn` for `m`, `vv` for `w`, and every run of separators is one `-`.
 */
const FOLD_PASS = /(?<=[a-z])[0135](?=[a-z])|rn|vv|[-_.]+/g;
const FOLD_TO: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '5': 's', rn: 'm', vv: 'w' };

function fold(ecosystem: LookalikeEcosystem, name: string, key = packageKey(ecosystem, name)): Folded {
  const registryName = key.slice(key.indexOf(':') + 1);
  // most names are plain ASCII: Unicode folding only for the others
  const folded = (/^[\x21-\x7e]*$/.test(registryName) ? registryName : latinSkeleton(registryName).toLowerCase()).replace(FOLD_PASS, (m) => FOLD_TO[m] ?? '-');
  const scoped = ecosystem === 'npm' ? /^@([^/]+)\/(.+)$/.exec(folded) : null;
  const words: string[] = [];
  const starts: number[] = [];
  for (const m of folded.matchAll(WORD)) {
    words.push(m[0]);
    starts.push(m.index);
  }
  const written = registryName.toLowerCase().split(/[-_.@/:]+/).filter(Boolean);
  return {
    folded,
    words,
    starts,
    written: written.length === words.length ? written : words,
    digits: (folded.match(/\d+/g) ?? []).join(','),
    scope: scoped ? scoped[1] : null,
    bare: scoped ? scoped[2] : folded,
  };
}

function joined(folded: string): string {
  return folded.replace(/-/g, '');
}

/** The name with word `i` left out, and that word's length: names that differ in that word only share the key. */
function wordKey(e: LookalikeEcosystem, f: Folded, i: number, len: number): string {
  const start = f.starts[i];
  return `${e}\u0000${len}\u0000${f.folded.slice(0, start)}\u0000${f.folded.slice(start + f.words[i].length)}`;
}

function distinctive(bare: string): boolean {
  return bare.split(/[-/]+/).filter((w) => !GENERIC_WORDS.has(w) && !/^\d+$/.test(w)).join('').length >= 5;
}

// ---------- reasons ----------

/** Same name once folded: say which character deceives. */
function foldedReason(name: string, original: string): string {
  const chars = [...name];
  const odd = chars.findIndex((c) => c.codePointAt(0)! > 0x7e);
  if (odd >= 0) {
    const c = chars[odd];
    const latin = CONFUSABLES.get(c)?.latin ?? latinSkeleton(c);
    return latin ? `${describeChar(c)} in place of "${latin}" at character ${odd + 1}` : `an invisible ${describeChar(c)} at character ${odd + 1}`;
  }
  const a = name.toLowerCase();
  const b = original.toLowerCase();
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.startsWith('rn', i) && b[i] === 'm') return `"rn" in place of "m"`;
  if (a.startsWith('vv', i) && b[i] === 'w') return `"vv" in place of "w"`;
  if (i < a.length && i < b.length && a[i] !== b[i]) return `"${a[i]}" in place of "${b[i]}"`;
  return 'only the letter case differs';
}

function separatorReason(q: string, o: string): string {
  let i = 0;
  while (i < q.length && i < o.length && q[i] === o[i]) i++;
  return o[i] === '-' ? 'a separator left out' : 'a separator added';
}

function wordReason(q: Folded, o: Folded, i: number): string | null {
  if (q.words[i] === o.words[i]) return null;
  const a = q.written[i];
  const b = o.written[i];
  const swap = isTransposition(a, b) || isTransposition(q.words[i], o.words[i]);
  const d = swap ? 1 : Math.min(distance(a, b, 2), distance(q.words[i], o.words[i], 2));
  if (d > (b.length <= 4 && swap ? 1 : allowedEdits(b.length))) return null;
  const inScope = q.scope !== null && o.scope !== null && i < o.scope.split(WORD_SPLIT).filter(Boolean).length;
  const what = swap ? 'two letters swapped' : `${inScope ? 'the scope differs' : 'differs'} by ${d === 1 ? 'one letter' : 'two letters'}`;
  return `${what}: "${a}" for "${b}"`;
}

function scopeReason(q: Folded, o: Folded): string {
  return q.scope === null ? `the same name without the @${o.scope} scope` : `the same name under @${q.scope} instead of @${o.scope}`;
}

// ---------- distance ----------

/** Edits a word of the original may differ by: none for short words (only two swapped letters), then one, then two. */
function allowedEdits(length: number): number {
  return length <= 4 ? 0 : length <= 7 ? 1 : 2;
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: a transposition of neighbours counts 1), or `cap + 1` as
 * soon as it must exceed `cap`.
 */
export function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length], cap + 1);
}

/** Most keys have one name: a list only when several share it (fewer allocations for large inventories). */
type Bucket = Folded | Folded[];

function push(map: Map<string, Bucket>, key: string, value: Folded): void {
  const b = map.get(key);
  if (b === undefined) map.set(key, value);
  else if (Array.isArray(b)) b.push(value);
  else map.set(key, [b, value]);
}
