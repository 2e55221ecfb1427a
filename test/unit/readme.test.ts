// The README's settings table is generated from package.json; this fails when they drift apart.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers';

// a real dynamic import (tsc would turn `import()` into `require()` for CommonJS output)
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<{ renderReadme(readme: string, pkg: unknown): string }>;

describe('README', () => {
  it('the settings table matches package.json (run `node scripts/settings-table.mjs --write`)', async () => {
    const { renderReadme } = await importEsm(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'settings-table.mjs')).href);
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.ok(readme.includes('<!-- settings:start -->'), 'README has the settings markers');
    assert.equal(readme, renderReadme(readme, pkg));
    for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), key);
  });

  it('documents every CLI command and every client id', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const cmd of ['scan', 'fix', 'request', 'policy', 'log', 'inventory keygen']) assert.ok(readme.includes(`mcp-gatekeeper ${cmd}`), cmd);
    const ids = fs.readFileSync(path.join(REPO_ROOT, 'src/core/model.ts'), 'utf8').match(/export type ClientId =([\s\S]*?);/)![1].match(/'([a-z-]+)'/g)!.map((s) => s.slice(1, -1));
    for (const id of ids) assert.ok(readme.includes(`(\`${id}\`)`), `client ${id} missing from the README table`);
  });
});
