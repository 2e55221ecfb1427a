#!/usr/bin/env node
// run-all.mjs - the integration-test layer of `npm test`: runs out/test/integration/ in a real VS Code
// extension host, once per supported VS Code version, one version after the other.
//
// For each code-server version in MCPG_HOST_VERSIONS (default "4.96.4,4.139.1" = VS Code 1.96.4, the
// oldest version we support (engines.vscode ^1.96.0), and VS Code 1.139.1, the newest; it runs on node 24,
// which install-host.sh fetches from npm):
//   1. install the host with install-host.sh into $MCPG_TEST_HOST_DIR/<version>
//      (default ~/.cache/mcp-gatekeeper/vscode-test-host/<version>: outside the repo, so a kept machine
//      reuses it and a fresh one installs it). An install failure fails the run; nothing is skipped.
//   2. copy the fixture workspace test/integration/workspace/ to a fresh temp dir;
//   3. run run-host-tests.js with that host's node against the repo (--ext), the compiled test entry
//      out/test/integration/index.js (--tests) and the workspace copy.
// Assumes `npm run build` and `npx tsc -p .` already ran (the caller does that).
//
// Env: MCPG_HOST_VERSIONS   comma-separated code-server versions
//      MCPG_TEST_HOST_DIR   where hosts are installed
//      MCPG_HOST_TIMEOUT    per-version test timeout in seconds (default 300)
//      plus everything run-host-tests.js and the tests read (MCPG_HOST_VERBOSE, MCPG_TEST_GREP, ...):
//      the environment is passed through to the extension host.
// Optional: test/integration/user-settings.json is passed as --user-settings if it exists.
// Exit code: 0 if every version passed, 1 otherwise (2 if the prerequisites are missing).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const hostDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(hostDir, '..', '..');
const installScript = path.join(hostDir, 'install-host.sh');
const runner = path.join(hostDir, 'run-host-tests.js');
const testsEntry = path.join(repo, 'out', 'test', 'integration', 'index.js');
const fixtureWorkspace = path.join(repo, 'test', 'integration', 'workspace');
const userSettings = path.join(repo, 'test', 'integration', 'user-settings.json');

const versions = (process.env.MCPG_HOST_VERSIONS || '4.96.4,4.139.1')
  .split(/[\s,]+/)
  .filter(Boolean);
const hostsRoot = process.env.MCPG_TEST_HOST_DIR ||
  path.join(os.homedir(), '.cache', 'mcp-gatekeeper', 'vscode-test-host');
const timeout = process.env.MCPG_HOST_TIMEOUT || '300';

function die(message) {
  console.error(`run-all: ${message}`);
  process.exit(2);
}

for (const v of versions) {
  if (!/^\d+\.\d+\.\d+$/.test(v)) die(`bad version "${v}" in MCPG_HOST_VERSIONS (want e.g. 4.96.4)`);
}
const main = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).main;
if (!fs.existsSync(path.resolve(repo, main))) die(`${main} is missing: run \`npm run build\` first`);
if (!fs.existsSync(testsEntry)) die(`${path.relative(repo, testsEntry)} is missing: run \`npx tsc -p .\` first`);

// The child currently running; forwarded SIGINT/SIGTERM reach it, and we wait for its cleanup.
let child;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    if (child && child.exitCode === null) child.kill(signal);
  });
}

/** Runs a command; resolves with its exit code (signals count as failure). */
function run(command, args, options) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd: repo, env: process.env, ...options });
    child.on('error', (e) => {
      console.error(`run-all: cannot run ${command}: ${e.message}`);
      resolve(2);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

const results = [];
// Each version runs the whole suite; the first also runs the localization test in a German workbench
// (MCPG_HOST_LOCALES, comma-separated; empty to skip), which proves the l10n bundles load end to end.
const locales = (process.env.MCPG_HOST_LOCALES ?? 'de').split(/[\s,]+/).filter(Boolean);
const runs = versions.flatMap((version, i) => [
  { version },
  ...(i === 0 ? locales.map((locale) => ({ version, locale })) : []),
]);
for (const { version, locale } of runs) {
  if (interrupted) break;
  const dest = path.join(hostsRoot, version);
  const label = locale ? `${version}, locale ${locale}` : version;
  console.log(`\n======== integration tests: code-server ${label} (${dest}) ========`);

  // 1. install (or reuse) the host; the full log goes to a file next to it, printed on failure
  fs.mkdirSync(hostsRoot, { recursive: true });
  const installLog = path.join(hostsRoot, `${version}.install.log`);
  const tInstall = Date.now();
  const logFd = fs.openSync(installLog, 'w');
  const installCode = await run('bash', [installScript, version, dest], { stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const installTime = seconds(tInstall);
  if (installCode !== 0) {
    console.error(`${tail(installLog, 60)}\nrun-all: installing code-server ${version} FAILED ` +
      `(exit ${installCode}, full log: ${installLog})`);
    results.push({ version: label, vscode: '?', ok: false, detail: `host install failed (exit ${installCode})` });
    continue;
  }
  let vscodeVersion = '?';
  try {
    vscodeVersion = JSON.parse(fs.readFileSync(path.join(dest, 'code-server', 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch {
    // reported as '?'
  }
  console.log(`host ready in ${installTime}: VS Code ${vscodeVersion} (install log: ${installLog})`);

  // 2. a fresh copy of the fixture workspace (tests may write to it)
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpg-workspace-'));
  if (fs.existsSync(fixtureWorkspace)) fs.cpSync(fixtureWorkspace, workspace, { recursive: true });

  // 3. the tests, on the node this host was installed for
  const args = [runner, '--code-server', path.join(dest, 'code-server'), '--ext', repo,
    '--tests', testsEntry, '--workspace', workspace, '--timeout', timeout];
  if (fs.existsSync(userSettings)) args.push('--user-settings', userSettings);
  if (locale) args.push('--locale', locale);
  const env = locale ? { ...process.env, MCPG_TEST_GREP: 'localization', MCPG_EXPECT_LANGUAGE: locale } : process.env;
  const tTest = Date.now();
  const testCode = await run(path.join(dest, 'node-bin'), args, { stdio: 'inherit', env });
  fs.rmSync(workspace, { recursive: true, force: true });
  const what = { 0: 'passed', 1: 'tests failed', 2: 'harness error', 124: 'timed out' }[testCode] ?? `exit ${testCode}`;
  results.push({ version: label, vscode: vscodeVersion, ok: testCode === 0, detail: `${what} in ${seconds(tTest)}` });
}

console.log('\n======== integration tests: summary ========');
for (const r of results) {
  console.log(`${r.ok ? 'PASS' : 'FAIL'}  code-server ${r.version} (VS Code ${r.vscode}): ${r.detail}`);
}
for (const r of runs.slice(results.length)) console.log(`FAIL  code-server ${r.version}${r.locale ? `, locale ${r.locale}` : ''}: not run (interrupted)`);
const failed = interrupted || results.some((r) => !r.ok);
console.log(failed ? 'integration tests FAILED' : `integration tests passed in ${results.length} run(s) on ${versions.length} VS Code version(s)`);
process.exit(failed ? 1 : 0);
