// In-host test entry point: VS Code's extension host (started by test/host/run-host-tests.js) requires
// this module as `extensionTestsPath` and calls run(). Same contract as with @vscode/test-electron:
// resolve = all tests passed, reject = failures (the host then exits with code 1).
// It runs every compiled `*.test.js` file next to it (out/test/integration/*.test.js) with mocha (bdd).
// Env: MCPG_TEST_GREP=<text or /regex/> runs only the matching tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  console.log(
    `VS Code ${vscode.version} (appHost ${vscode.env.appHost}, remoteName ${vscode.env.remoteName ?? 'none'}, ` +
      `node ${process.versions.node})`,
  );
  // no colors: the output is forwarded line by line through the workbench into CI logs
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  const grep = process.env.MCPG_TEST_GREP;
  if (grep) {
    const m = /^\/(.*)\/([a-z]*)$/.exec(grep);
    mocha.grep(m ? new RegExp(m[1], m[2]) : grep);
  }
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.test.js files in ${__dirname}`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const skipped = stats?.pending ?? 0;
        // closing line in a fixed format that people and scripts can grep for
        console.log(`${passed} passed, ${failures} failed` + (skipped > 0 ? `, ${skipped} skipped` : ''));
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      // e.g. a test file that throws while loading
      console.error(err);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
