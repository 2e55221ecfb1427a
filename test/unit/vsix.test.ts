// What the .vsix ships, as vsce itself computes it from .vscodeignore: only the run-time files, never sources, tests
// or source maps; and the manifest packs without vsce's escape hatches (--allow-missing-repository).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, tempDir } from '../helpers';

interface Vsce {
  listFiles(options: { cwd: string; packageManager: number }): Promise<string[]>;
  PackageManager: { None: number };
}
interface VscePackage {
  pack(options: { cwd: string; packagePath: string; dependencies: boolean; rewriteRelativeLinks: boolean }): Promise<{ files: { path: string }[]; packagePath: string }>;
}

const ALLOWED = [
  /^dist\/[\w-]+\.js$/,
  /^media\/.+/,
  /^l10n\/.+/,
  /^schemas\/[\w-]+\.schema\.json$/,
  /^package\.json$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
];
const REQUIRED = ['dist/extension.js', 'dist/undici.js', 'dist/mcp-sdk.js', 'dist/parsers.js', 'schemas/inventory.schema.json', 'schemas/policy.schema.json', 'media/icon.png', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

describe('the .vsix', function () {
  this.timeout(120_000); // vsce walks the whole tree (node_modules included) before applying .vscodeignore

  // a source map and a stray bundle as a dev build leaves them: the allow-list must keep them out
  const probes = ['dist/vsix-probe.js.map', 'dist/extension.js.map'].filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
  before(() => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/ is not built: run npm run build first');
    for (const f of probes) fs.writeFileSync(path.join(REPO_ROOT, f), '{"version":3,"sources":["../src/extension/extension.ts"],"mappings":""}\n');
  });
  after(() => {
    for (const f of probes) fs.rmSync(path.join(REPO_ROOT, f), { force: true });
  });

  it('lists only run-time files: bundles, media, l10n, schemas, manifest, README, CHANGELOG, LICENSE', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vsce = require('@vscode/vsce') as Vsce;
    const files = (await vsce.listFiles({ cwd: REPO_ROOT, packageManager: vsce.PackageManager.None })).map((f) => f.replace(/\\/g, '/'));
    const outside = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(outside, [], `files outside the allow-list:\n${outside.join('\n')}`);
    for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is packaged`);
    assert.deepEqual(files.filter((f) => /\.map$|\.ts$|^(src|test|scripts|bench|docs|examples|out|node_modules)\//.test(f)), []);
    // every file the manifest points at is in the package
    const referenced = [pkg.icon, ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url), ...pkg.contributes.walkthroughs.flatMap((w: { steps: { media: { markdown?: string } }[] }) => w.steps.map((s) => s.media.markdown))];
    for (const ref of referenced.filter(Boolean)) assert.ok(files.includes(path.posix.normalize(ref)), `${ref} is packaged`);
  });

  it('packs without vsce prompts or bypass flags: listing fields, a 128×128 PNG icon', async () => {
    for (const key of ['publisher', 'icon', 'repository', 'bugs', 'homepage', 'license', 'galleryBanner', 'categories', 'keywords']) assert.ok(pkg[key], key);
    assert.deepEqual([pkg.pricing, pkg.qna, pkg.license], ['Free', false, 'MIT']);
    assert.doesNotMatch(pkg.scripts.package, /--allow-missing-repository/);
    const png = fs.readFileSync(path.join(REPO_ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'IHDR width and height');

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pack } = require('@vscode/vsce/out/package') as VscePackage;
    const out = path.join(tempDir(), 'mcp-gatekeeper.vsix');
    // vsce reports through console: its file tree (info) is noise here, but a warning or error is a failure
    const said: string[] = [];
    const original = { log: console.log, warn: console.warn, error: console.error };
    console.log = () => undefined;
    console.warn = console.error = (...args: unknown[]) => void said.push(args.join(' '));
    let result: Awaited<ReturnType<VscePackage['pack']>>;
    try {
      result = await pack({ cwd: REPO_ROOT, packagePath: out, dependencies: false, rewriteRelativeLinks: false });
    } finally {
      Object.assign(console, original);
    }
    assert.deepEqual(said, [], 'vsce warned');
    assert.ok(fs.statSync(out).size > 0);
    const packed = result.files.map((f) => f.path);
    for (const f of REQUIRED) assert.ok(packed.includes(`extension/${f === 'LICENSE' ? 'LICENSE.txt' : f === 'README.md' ? 'readme.md' : f === 'CHANGELOG.md' ? 'changelog.md' : f}`), `${f} in the .vsix`);
    assert.deepEqual(packed.filter((f) => f.endsWith('.map')), []);
  });
});
