// Localization: every user-visible manifest string is a %key% of package.nls.json, the runtime bundle
// l10n/bundle.l10n.json is exactly what `npm run l10n` extracts from src/extension, and each translation keeps the
// placeholders, command links and setting references of the English text it translates.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';
import { FIELDS } from '../../src/core/request/fields';
import { SECTIONS, verdictLabel } from '../../src/core/request/formState';

const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8'));
const pkg = readJson('package.json');
const nls: Record<string, string> = readJson('package.nls.json');
const translations = fs.readdirSync(REPO_ROOT).filter((f) => /^package\.nls\.[a-z-]+\.json$/i.test(f));
const bundles = fs.readdirSync(path.join(REPO_ROOT, 'l10n')).filter((f) => /^bundle\.l10n\.[a-z-]+\.json$/i.test(f));

/** Every manifest field VS Code shows to users, with where it is (for the failure message). */
function visibleManifestStrings(): { where: string; value: unknown }[] {
  const c = pkg.contributes;
  const out: { where: string; value: unknown }[] = [
    { where: 'displayName', value: pkg.displayName },
    { where: 'description', value: pkg.description },
    { where: 'capabilities.untrustedWorkspaces.description', value: pkg.capabilities.untrustedWorkspaces.description },
    { where: 'capabilities.virtualWorkspaces.description', value: pkg.capabilities.virtualWorkspaces.description },
    { where: 'configuration.title', value: c.configuration.title },
  ];
  for (const cmd of c.commands) out.push({ where: `${cmd.command}.title`, value: cmd.title }, { where: `${cmd.command}.category`, value: cmd.category });
  for (const [key, p] of Object.entries<Record<string, unknown>>(c.configuration.properties)) {
    out.push({ where: key, value: p.markdownDescription ?? p.description });
    for (const field of ['patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage']) if (p[field] !== undefined) out.push({ where: `${key}.${field}`, value: p[field] });
    for (const field of ['enumDescriptions', 'markdownEnumDescriptions']) for (const [i, v] of ((p[field] as unknown[]) ?? []).entries()) out.push({ where: `${key}.${field}[${i}]`, value: v });
  }
  for (const vc of c.viewsContainers.activitybar) out.push({ where: vc.id, value: vc.title });
  for (const views of Object.values<{ id: string; name: string; contextualTitle?: string }[]>(c.views))
    for (const v of views) out.push({ where: v.id, value: v.name }, ...(v.contextualTitle ? [{ where: `${v.id}.contextualTitle`, value: v.contextualTitle }] : []));
  for (const w of c.viewsWelcome) out.push({ where: `viewsWelcome ${w.view}`, value: w.contents });
  for (const wt of c.walkthroughs) {
    out.push({ where: wt.id, value: wt.title }, { where: `${wt.id}.description`, value: wt.description });
    for (const s of wt.steps) out.push({ where: `${wt.id}/${s.id}`, value: s.title }, { where: `${wt.id}/${s.id}.description`, value: s.description });
  }
  return out;
}

/** What a translation must keep unchanged: {0}-style placeholders, command links, setting refs and `code`. */
function invariants(text: string): string[] {
  return (text.match(/\{\d+\}|\(command:[^)]*\)|#mcpGatekeeper\.[\w.]+#|`[^`]*`/g) ?? []).sort();
}

describe('localization', () => {
  it('every user-visible manifest string is a %key% defined in package.nls.json', () => {
    const strings = visibleManifestStrings();
    assert.ok(strings.length > 40, 'the manifest walk found the contributions');
    for (const { where, value } of strings) {
      assert.equal(typeof value, 'string', `${where} is missing`);
      const m = /^%([^%]+)%$/.exec(value as string);
      assert.ok(m, `${where} is not externalized: ${JSON.stringify(value)} (add it to package.nls.json)`);
      assert.ok(nls[m[1]] !== undefined, `${where} uses %${m[1]}%, which package.nls.json does not define`);
    }
  });

  it('package.nls.json has no keys the manifest does not use', () => {
    const manifest = fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
    for (const key of Object.keys(nls)) assert.ok(manifest.includes(`"%${key}%"`), `package.nls.json key ${key} is unused`);
  });

  it('ships a second language for the manifest and the runtime strings', () => {
    assert.equal(pkg.l10n, './l10n');
    assert.ok(translations.includes('package.nls.de.json'));
    assert.ok(bundles.includes('bundle.l10n.de.json'));
  });

  for (const file of translations) {
    it(`${file} translates known keys and keeps placeholders, links and setting references`, () => {
      const translated: Record<string, string> = readJson(file);
      for (const [key, text] of Object.entries(translated)) {
        assert.ok(nls[key] !== undefined, `${file}: ${key} is not a key of package.nls.json`);
        assert.deepEqual(invariants(text), invariants(nls[key]), `${file}: ${key} changes placeholders or links`);
      }
    });
  }

  it('l10n/bundle.l10n.json is what `npm run l10n` extracts from src/extension (run it after changing a string)', async function () {
    this.timeout(60_000); // the extractor parses every source file with tree-sitter
    const { getL10nJson } = (await import('@vscode/l10n-dev')) as typeof import('@vscode/l10n-dev');
    const files: { extension: string; contents: string }[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) files.push({ extension: '.ts', contents: fs.readFileSync(p, 'utf8') });
      }
    };
    walk(path.join(REPO_ROOT, 'src', 'extension'));
    const extracted = await getL10nJson(files);
    assert.deepEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), Object.keys(extracted).sort());
  });

  for (const file of bundles) {
    it(`l10n/${file} translates strings the extension uses and keeps their placeholders`, () => {
      const english: Record<string, string> = readJson('l10n/bundle.l10n.json');
      const translated: Record<string, string> = readJson(`l10n/${file}`);
      for (const [key, text] of Object.entries(translated)) {
        assert.ok(english[key] !== undefined, `${file}: "${key}" is no longer a string of the extension`);
        assert.deepEqual(text.match(/\{\d+\}/g)?.sort() ?? [], key.match(/\{\d+\}/g)?.sort() ?? [], `${file}: "${key}" changes its placeholders`);
      }
      // the most visible strings must be translated (status bar, scan summary, quick-fix titles)
      for (const key of ['{0} shadow', 'MCP Gatekeeper: all {0} MCP servers are approved.', 'Request approval for "{0}"…']) assert.ok(translated[key] && translated[key] !== key, `${file}: "${key}" untranslated`);
    });
  }

  describe('the request form', () => {
    // the two translation tables come before the functions that use them
    const source = fs.readFileSync(path.join(REPO_ROOT, 'src/extension/request/formStrings.ts'), 'utf8').split('export function localizeHostMessage')[0];
    const literal = String.raw`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"`;
    const unquote = (m: RegExpExecArray, i: number) => (m[i] ?? m[i + 1]).replace(/\\(.)/g, '$1');
    // entries `'English': vscode.l10n.t('English')` (the key may be a bare word), possibly wrapped over lines
    const entries = [...source.matchAll(new RegExp(String.raw`(?:(\w+)|${literal}):\s*vscode\.l10n\.t\(\s*(?:${literal})`, 'g'))].map((m) => ({
      key: m[1] ?? unquote(m as RegExpExecArray, 2),
      text: unquote(m as RegExpExecArray, 4),
    }));
    const known = new Set(entries.map((e) => e.key));

    it('translates each text by its own English (key and l10n.t literal are the same)', () => {
      assert.ok(entries.length > 80, `found ${entries.length} entries`);
      for (const e of entries) assert.equal(e.key, e.text);
    });

    it('has every text media/request/request.js shows through t()', () => {
      const script = fs.readFileSync(path.join(REPO_ROOT, 'media/request/request.js'), 'utf8');
      const used = [...script.matchAll(new RegExp(String.raw`\bt\((?:${literal})`, 'g'))].map((m) => unquote(m, 1));
      assert.ok(used.length > 30, `found ${used.length} t() calls`);
      for (const text of used) assert.ok(known.has(text), `request.js shows "${text}", which formStrings.ts does not translate`);
    });

    it("has every label, help text, choice and section title of the core's checklist, and every verdict", () => {
      const english = [
        ...SECTIONS.map((s) => s.title),
        ...FIELDS.flatMap((f) => [f.label, f.help, ...(f.choices ?? []).map((c) => c.label)]),
        ...(['approved', 'pending', 'rejected', 'deprecated', 'unknown'] as const).flatMap((v) => [verdictLabel(v, null), verdictLabel(v, 'x')]),
      ];
      for (const text of english) assert.ok(known.has(text), `the checklist says "${text}", which formStrings.ts does not translate`);
    });
  });
});
