// One cold activation, in its own process: loads dist/extension.js against bench/fakeVscode.cjs with the given
// workspace folders and prints {activateMs, loadMs, firstScanMs, diagnostics} as JSON. Run by bench/run.mjs.
'use strict';
const path = require('node:path');
const { create, install } = require('./fakeVscode.cjs');

const folders = JSON.parse(process.argv[2]);
process.env.HOME = process.argv[3] ?? process.env.HOME; // an empty home: only the workspace's files are found
const { vscode, context, reported } = create(folders);
install(vscode);

const t0 = process.hrtime.bigint();
const ext = require(process.argv[4] ?? path.resolve(__dirname, '..', 'dist', 'extension.js'));
const t1 = process.hrtime.bigint();
const api = ext.activate(context);
const t2 = process.hrtime.bigint();
api.ready.then(() => {
  const t3 = process.hrtime.bigint();
  const ms = (a, b) => Number(b - a) / 1e6;
  process.stdout.write(JSON.stringify({ loadMs: ms(t0, t1), activateMs: ms(t1, t2), firstScanMs: ms(t2, t3), diagnostics: reported.diagnostics, log: reported.log }));
  for (const d of context.subscriptions) d?.dispose?.();
  process.exit(0);
});
