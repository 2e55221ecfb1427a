// Shared test helpers: repository paths and small builders.
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';

/** The repository root, from both the TS sources and the compiled `out/` tree. */
export const REPO_ROOT = findRoot(__dirname);
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'out') dir = path.dirname(dir);
  return dir;
}

/** A fresh temporary folder, removed after the test run. */
export function tempDir(prefix = 'mcpg-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (relative path → content) under a root folder. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}
