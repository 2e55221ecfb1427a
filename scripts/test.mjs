// The whole test suite, as `npm test` and CI run it: build, type-check, unit + CLI end-to-end tests (mocha),
// then the integration tests in real VS Code extension hosts (oldest and newest supported).
// `--only-host` runs just the integration layer; `--no-host` just the first two (for quick local loops only).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const onlyHost = process.argv.includes('--only-host');
const noHost = process.argv.includes('--no-host');

function step(title, cmd, args) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${title} failed (exit ${r.status ?? r.signal})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

function testFiles(dir) {
  let out = [];
  try {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) out = out.concat(testFiles(p));
      else if (name.endsWith('.test.js')) out.push(p);
    }
  } catch {
    /* no such folder */
  }
  return out.sort();
}

async function runMocha() {
  console.log('\n=== unit and CLI end-to-end tests (mocha) ===');
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ reporter: 'spec', timeout: 20000 });
  const files = [...testFiles(path.join(root, 'out/test/unit')), ...testFiles(path.join(root, 'out/test/cli'))];
  if (!files.length) throw new Error('no compiled tests found under out/test');
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures, skipped: runner.stats.pending }));
  });
}

function runHost() {
  console.log('\n=== integration tests in real VS Code extension hosts ===');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'test/host/run-all.mjs')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let passed = 0;
    let failed = 0;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        const m = /^(\d+) passed, (\d+) failed/.exec(line);
        if (m) {
          passed += Number(m[1]);
          failed += Number(m[2]);
        }
      }
    });
    child.on('exit', (code) => resolve({ passed, failed: code === 0 ? failed : Math.max(failed, 1), skipped: 0 }));
  });
}

step('build (esbuild bundles)', process.execPath, [path.join(root, 'scripts/build.mjs')]);
step('type-check and compile tests (tsc)', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root]);
// The VS Code hosts (and the Debian packages they bring: chromium, which the fleet-report test also uses) are
// installed first, so no test finds them missing on a fresh machine. Idempotent: instant once installed.
if (!noHost) {
  const hostsRoot = process.env.MCPG_TEST_HOST_DIR || path.join(os.homedir(), '.cache', 'mcp-gatekeeper', 'vscode-test-host');
  for (const version of (process.env.MCPG_HOST_VERSIONS || '4.96.4,4.139.1').split(',').map((v) => v.trim()).filter(Boolean)) {
    mkdirSync(hostsRoot, { recursive: true });
    const log = path.join(hostsRoot, `${version}.install.log`);
    console.log(`\n=== installing the VS Code test host ${version} (log: ${log}) ===`);
    const r = spawnSync('bash', [path.join(root, 'test/host/install-host.sh'), version, path.join(hostsRoot, version)], { cwd: root, stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] });
    if (r.status !== 0) {
      console.error(`installing the VS Code test host ${version} failed (exit ${r.status}); last lines of ${log}:\n${readFileSync(log, 'utf8').split('\n').slice(-30).join('\n')}`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (r) => {
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
};
if (!onlyHost) add(await runMocha());
if (!noHost) add(await runHost());
console.log(`\nTotal: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
