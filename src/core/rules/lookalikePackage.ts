// lookalike-package: the server runs a package whose name imitates an approved inventory package or a well-known MCP
// server (`@modelcontextprotocol/server-filesytem`, `mcp-server-fecth`, `@modelcontextprotcol/…`, `_` for `-` on npm,
// a Cyrillic letter in a Latin name). Typosquats copy popular names so that a typo, a copied README or a model's
// suggestion installs them instead of the real package; they then run with the user's files and credentials.
// What "resembles" means is lookalike.ts (shared with the "Switch to the approved …" quick-fix). A name with a
// look-alike letter from another script does not even parse as a package name, so the command line is read once
// more with such letters folded to find the package it passes for.
import { recognizeLauncher } from '../launchers';
import type { Lookalike } from '../lookalike';
import type { Finding, PackageRef, ServerEntry } from '../model';
import type { TreeNode } from '../parse';
import { latinSkeleton, visibleText } from '../unicode';
import { commandLine, entryFields, packageWord, serverNode, specText, type Word } from './entryFields';
import type { RuleContext, ServerRule } from './types';

export const lookalikePackage: ServerRule = {
  id: 'lookalike-package',
  name: 'LookalikePackage',
  shortDescription: 'Package name imitates an approved or well-known MCP package',
  fullDescription:
    'The server runs a package whose name is one or two edits, a separator, a scope or a look-alike character away from a package the organization approves or a well-known MCP server. Typosquats copy popular names so that a typo or a copied command installs them instead; they run with your files and credentials. Switch to the real package unless this one is really intended.',
  defaultSeverity: 'warning',
  check({ server, entry, doc, context }) {
    const found = findLookalike(server, entry, context);
    if (!found) return [];
    const { name, ecosystem, word, lookalike } = found;
    const { original } = lookalike;
    const where = original.entry ? context.locate(original.entry.id) : undefined;
    const title = original.entry ? `"${original.entry.title ?? original.entry.id}"` : '';
    const org = context.organization ? `the ${context.organization} inventory` : 'the inventory';
    const what = original.entry ? `which ${org} approves as ${title}` : `a well-known MCP server package (${original.publisher})`;
    const advice = original.entry ? 'switch to the approved package unless this one is really intended' : 'check that this is the package you meant';
    const finding: Finding = {
      rule: 'lookalike-package',
      severity: 'warning',
      message: `${KIND[ecosystem]} ${visibleText(name)} looks like ${original.name} (${lookalike.reason}), ${what}. Typosquats copy such names to get installed instead of the real package: ${advice}.`,
      range: doc.lines.rangeOf(word.field.node.offset, word.field.node.length),
    };
    if (where) finding.related = [{ file: where.file, range: where.range, message: `${original.name} is approved here as ${title}` }];
    return [finding];
  },
};

const KIND: Record<PackageRef['ecosystem'], string> = { npm: 'npm package', pypi: 'PyPI package', oci: 'image', nuget: 'NuGet package', go: 'Go module', other: 'package' };

export interface FoundLookalike {
  /** the package name as written (look-alike characters included) */
  name: string;
  ecosystem: PackageRef['ecosystem'];
  /** the command-line word that names it */
  word: Word;
  lookalike: Lookalike;
}

/** The package the server runs and the original it imitates, or null. Used by the rule and by the switch quick-fix. */
export function findLookalike(server: ServerEntry, entry: TreeNode, context: RuleContext): FoundLookalike | null {
  const line = commandLine(entryFields(serverNode(server, entry)));
  if (!line) return null;
  let pkg = server.package;
  let fold: ((text: string) => string) | undefined;
  if (!pkg && hasNonAscii(server)) {
    // `npx -y @modelcontextprotocol/server-filesуstem`: the Cyrillic у makes it no package name at all
    fold = latinSkeleton;
    pkg = recognizeLauncher(server.command && latinSkeleton(server.command), server.args.map(latinSkeleton)).package;
  }
  if (!pkg) return null;
  const word = packageWord(line, pkg, fold);
  if (!word) return null;
  const name = fold ? rawName(specText(word.text), pkg.ecosystem) : pkg.name;
  const lookalike = context.lookalikes.lookup(pkg.ecosystem, name);
  return lookalike ? { name, ecosystem: pkg.ecosystem, word, lookalike } : null;
}

function hasNonAscii(server: ServerEntry): boolean {
  return [server.command ?? '', ...server.args].some((t) => /[^\x20-\x7e]/.test(t));
}

/** The name part of a spec as written: without `@version`, `==version`, extras, or an image's tag and digest. */
function rawName(spec: string, ecosystem: PackageRef['ecosystem']): string {
  if (ecosystem === 'npm') {
    const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
    return at > 0 ? spec.slice(0, at) : spec;
  }
  if (ecosystem === 'pypi') return spec.split(/[=<>!~[@\s]/)[0];
  const digest = spec.split('@')[0];
  const slash = digest.lastIndexOf('/');
  const colon = digest.indexOf(':', slash + 1);
  return colon > 0 ? digest.slice(0, colon) : digest;
}
