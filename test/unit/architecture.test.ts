// The core must stay free of the `vscode` module so it runs in the CLI and in plain Node tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

describe('architecture', () => {
  for (const layer of ['src/core', 'src/cli']) {
    it(`${layer} never imports vscode`, () => {
      const files = tsFiles(path.join(REPO_ROOT, layer));
      assert.ok(files.length > 0, `no sources found in ${layer}`);
      const offenders = files.filter((f) => IMPORTS_VSCODE.test(fs.readFileSync(f, 'utf8')));
      assert.deepEqual(offenders.map((f) => path.relative(REPO_ROOT, f)), []);
    });
  }

  it('src/core does not depend on the extension or the CLI', () => {
    const offenders = tsFiles(path.join(REPO_ROOT, 'src/core')).filter((f) => /from\s+['"]\.\.\/(?:\.\.\/)*(extension|cli)\//.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('the CLI bundle does not contain the vscode module', () => {
    const bundle = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'cli.js'), 'utf8');
    assert.doesNotMatch(bundle, /require\(["']vscode["']\)/);
  });
});
