// `npm run fuzz`: the property tests (test/unit/properties*.test.ts) with many more cases than `npm test` runs, from a
// fresh seed each time (printed first). FUZZ_RUNS sets the cases per property (default 5000); FUZZ_SEED replays a run,
// e.g. the seed fast-check prints with a counterexample: `FUZZ_SEED=123 FUZZ_RUNS=5000 npm run fuzz`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runs = process.env.FUZZ_RUNS ?? '5000';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed}`);

const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npm', ['run', 'build', '--silent']);
run('npm', ['run', 'compile', '--silent']);
run(process.execPath, [path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--timeout', '0', 'out/test/unit/properties*.test.js', 'out/test/unit/parse-nesting.test.js'], {
  ...process.env,
  FUZZ_RUNS: runs,
  FUZZ_SEED: seed,
});
console.log(`fuzz: passed (FUZZ_RUNS=${runs} FUZZ_SEED=${seed})`);
