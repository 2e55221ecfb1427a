#!/usr/bin/env node
// run-host-tests.js - runs our integration tests inside a REAL VS Code extension host, offline.
//
// The host is the plain VS Code server bundled in the npm package `code-server` (installed by
// install-host.sh). The server only starts an extension host when a workbench client connects, so we
// open the workbench in Debian's chromium (headless, driven by playwright-core, which downloads no
// browser) and hand over the tests the way @vscode/test-web does: a `payload` URL parameter with
// extensionDevelopmentPath / extensionTestsPath as vscode-remote:// URIs. VS Code then loads the
// extension from that folder, requires the test module in the server's Node extension host, calls its
// run(), and reports the outcome through window.codeAutomationExit(code), which we expose.
//
// Usage (run it with the node the host was installed for, i.e. <host dir>/node-bin; the server is started
// with the same node):
//   node-bin test/host/run-host-tests.js --code-server <host dir>/code-server --ext <extension folder>
//       --tests <compiled test entry exporting run()> [--workspace <folder>] [--timeout <seconds, 180>]
//       [--user-settings <JSON file>] [--chromium <path>] [--locale <language id, e.g. de>]
//
//   --workspace      folder opened in the workbench (default: a new empty folder). Used in place, so
//                    pass a throw-away copy if the tests write to it.
//   --user-settings  JSON object merged over our default settings in the generated settings.json.
//                    The string `${workspaceFolder}` inside string values is replaced by the workspace
//                    path. Written as User settings and as the server's Machine (remote) settings.
//   --locale         display language of the workbench. VS Code only switches to a language that an installed
//                    language pack provides (otherwise it stays English and so does every extension), and the
//                    marketplace is offline: an empty language pack for that language is installed first, so
//                    the workbench keeps its English fallback texts while extensions load their own bundles.
//
// Exit code: the extension host's result (0 = run() resolved, 1 = it rejected/threw),
//            124 = timeout, 2 = harness error (bad arguments, server or browser failed to start, ...).
// The whole environment is passed to the server, hence to the extension host (e.g. MCPG_TEST_HOME),
// except VSCODE_* variables (a VS Code terminal's IPC hooks must not leak into the test host).
// Env: MCPG_HOST_VERBOSE=1 prints the server log and every browser console line;
//      MCPG_HOST_KEEP=1 keeps the temp dir (user/server/extensions data, TMPDIR, XDG dirs).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('./freePort');

const EXIT_TIMEOUT = 124;
const EXIT_HARNESS = 2;
const verbose = process.env.MCPG_HOST_VERBOSE === '1';
const keepTemp = process.env.MCPG_HOST_KEEP === '1';

// ---- arguments ------------------------------------------------------------------------------------
const OPTIONS = ['code-server', 'ext', 'tests', 'workspace', 'timeout', 'user-settings', 'chromium', 'locale'];

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !OPTIONS.includes(m[1])) throw new Error(`unknown argument ${argv[i]}`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    opts[m[1]] = value;
  }
  for (const required of ['code-server', 'ext', 'tests']) {
    if (!opts[required]) throw new Error(`--${required} is required`);
  }
  return opts;
}

function fail(message) {
  console.error(`run-host-tests: ${message}`);
  process.exit(EXIT_HARNESS);
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  fail(`${e.message}\nusage: run-host-tests.js --code-server DIR --ext DIR --tests FILE [--workspace DIR] ` +
    '[--timeout SECONDS] [--user-settings JSON-FILE] [--chromium PATH]');
}
const codeServerDir = path.resolve(opts['code-server']);
const serverMain = path.join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
const extPath = path.resolve(opts.ext);
const testsPath = path.resolve(opts.tests);
const timeoutSeconds = Number(opts.timeout ?? 180);
if (!fs.existsSync(serverMain)) fail(`no VS Code server at ${serverMain} (run install-host.sh first)`);
if (!fs.existsSync(path.join(extPath, 'package.json'))) fail(`no package.json in --ext ${extPath}`);
if (!fs.existsSync(testsPath)) fail(`--tests ${testsPath} does not exist (compile the tests first)`);
if (!(timeoutSeconds > 0)) fail(`--timeout must be a positive number of seconds, got ${opts.timeout}`);
const mainFile = JSON.parse(fs.readFileSync(path.join(extPath, 'package.json'), 'utf8')).main;
if (mainFile && !fs.existsSync(path.resolve(extPath, mainFile)) && !fs.existsSync(path.resolve(extPath, `${mainFile}.js`))) {
  fail(`the extension's main ${mainFile} does not exist in ${extPath} (build the extension first)`);
}

function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}
// Debian's chromium (apt); playwright-core needs an absolute path to it
const chromiumPath = opts.chromium || process.env.CHROMIUM_PATH ||
  (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : findOnPath('chromium'));
if (!chromiumPath) fail('chromium not found (apt-get install chromium, or pass --chromium PATH)');

let userSettings = {};
if (opts['user-settings']) {
  try {
    userSettings = JSON.parse(fs.readFileSync(opts['user-settings'], 'utf8'));
  } catch (e) {
    fail(`cannot read --user-settings ${opts['user-settings']}: ${e.message}`);
  }
  if (typeof userSettings !== 'object' || userSettings === null || Array.isArray(userSettings)) {
    fail(`--user-settings ${opts['user-settings']} must contain a JSON object`);
  }
}

// ---- throw-away state -----------------------------------------------------------------------------
// Everything the server, the extension host and the built-in extensions write goes below `tmp`:
// user data, server data, extensions dir, TMPDIR (vscode-ipc-*.sock, vscode-git-*.sock) and XDG dirs.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpg-host-'));
const dirs = {
  userData: path.join(tmp, 'user-data'),
  serverData: path.join(tmp, 'server-data'),
  extensions: path.join(tmp, 'extensions'),
  tmp: path.join(tmp, 'tmp'),
  xdgConfig: path.join(tmp, 'xdg-config'),
  xdgData: path.join(tmp, 'xdg-data'),
  xdgCache: path.join(tmp, 'xdg-cache'),
  xdgState: path.join(tmp, 'xdg-state'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
const workspace = path.resolve(opts.workspace ?? path.join(tmp, 'workspace'));
fs.mkdirSync(workspace, { recursive: true });

function writeSettings() {
  // Quiet, offline-friendly defaults; the caller's --user-settings win.
  const settings = {
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    ...userSettings,
  };
  const text = JSON.stringify(settings, (_key, value) =>
    typeof value === 'string' ? value.split('${workspaceFolder}').join(workspace) : value, 2);
  // The workbench reads User settings from --user-data-dir (verified: they reach the extension host);
  // the same content also goes into the server's Machine (remote) settings, the other file it reads.
  for (const dir of [path.join(dirs.userData, 'User'), path.join(dirs.serverData, 'data', 'Machine')]) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'settings.json'), text);
  }
}

// An empty language pack: enough for VS Code to accept the display language (see --locale). The server reads
// the packs from languagepacks.json in its data folders (normally written when a pack extension is installed
// from the marketplace) and builds the workbench's messages from the pack's translations, English where the
// pack has none.
function installEmptyLanguagePack(locale) {
  if (!/^[a-z]{2,3}(-[a-z]{2,4})?$/i.test(locale)) throw new Error(`bad --locale ${locale}`);
  const translations = path.join(dirs.serverData, `empty-language-pack-${locale}.i18n.json`);
  fs.mkdirSync(dirs.serverData, { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const packs = JSON.stringify({ [locale]: { hash: `mcpg-test-${locale}`, extensions: [{ extensionIdentifier: { id: `mcpg-test.empty-language-pack-${locale}` }, version: '1.0.0' }], translations: { vscode: translations }, label: locale } });
  for (const dir of [dirs.userData, dirs.serverData]) fs.writeFileSync(path.join(dir, 'languagepacks.json'), packs);
}

// The workbench's own log lines arrive through codeAutomationLog too, mixed with the extension host's
// console output (the tests' reporter). Drop the routine ones unless MCPG_HOST_VERBOSE=1.
const WORKBENCH_CHATTER = [
  /^Resolving connection token /, /^Resolved connection token /, /^Creating a socket /,
  /^Creation of workbench contribution /, /^Ignoring fetching additional builtin extensions /,
  /^Updating additional builtin extensions cache/,
  /^\[reconnection-grace-time\] /, /^\[AgentHost:remote\] /, /^\[AccountPolicyGate\] /,   // VS Code 1.139
  /^Timed out waiting for authentication provider /,   // built-in github auth, unused offline (1.139)
  /^Canceled(: Canceled)*(\n|$)/,   // workbench requests cancelled while the window shuts down (1.139)
  // code-server's PWA service worker is only served by code-server's wrapper, not by the plain server
  /^\[Service Worker\] registration/,
];
function isWorkbenchChatter(args) {
  return typeof args[0] === 'string' &&
    WORKBENCH_CHATTER.some((re) => re.test(args[0]));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- run ------------------------------------------------------------------------------------------
let server;          // the server's ChildProcess (leader of its own process group)
let browser;         // playwright Browser
let serverLog = '';
let finishing = false;

function serverLogTail(max = 20000) {
  return serverLog.length > max ? `...\n${serverLog.slice(-max)}` : serverLog;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Ends the browser and the server's whole process group (server, extension host, pty host, file
// watcher), then removes the temp dir. Safe to call more than once.
async function cleanup() {
  if (browser) {
    const b = browser;
    browser = undefined;
    await Promise.race([b.close().catch(() => {}), sleep(5000)]);
  }
  if (server && server.pid) {
    const pid = server.pid;
    server = undefined;
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    for (let i = 0; i < 30 && groupAlive(pid); i++) await sleep(100);
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (keepTemp) {
    console.log(`run-host-tests: kept ${tmp}`);
  } else {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

async function finish(code, message) {
  if (finishing) return;
  finishing = true;
  if (message) (code === 0 ? console.log : console.error)(message);
  await cleanup();
  process.exit(code);
}

async function main() {
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  writeSettings();
  if (opts.locale) installEmptyLanguagePack(opts.locale);
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;

  // The plain VS Code server, not code-server's wrapper: newer VS Code (1.139) honours the test payload
  // only with --enable-smoke-test-driver, which code-server's CLI rejects.
  const serverArgs = [
    serverMain,
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--user-data-dir', dirs.userData,
    '--server-data-dir', dirs.serverData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-workspace-trust',
    ...(opts.locale ? ['--locale', opts.locale] : []),
    // (welcome page and release notes are turned off through the payload; the server rejects those flags)
  ];
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  Object.assign(env, {
    EXTENSIONS_GALLERY: '{}',   // no marketplace (code-server's default, open-vsx.org, is unreachable)
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_STATE_HOME: dirs.xdgState, // the extension's change log (fixes applied by the tests) lands here
  });
  // detached = own process group, so cleanup() can end the server together with its children
  server = spawn(process.execPath, serverArgs, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const serverPid = server.pid;
  const onServerOutput = (chunk) => {
    serverLog += chunk;
    if (verbose) process.stderr.write(`[server] ${chunk}`);
  };
  server.stdout.setEncoding('utf8').on('data', onServerOutput);
  server.stderr.setEncoding('utf8').on('data', onServerOutput);
  const serverExited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  serverExited.then(({ code, signal }) => {
    if (!finishing) {
      finish(EXIT_HARNESS, `run-host-tests: the VS Code server (pid ${serverPid}) exited early ` +
        `(code ${code}, signal ${signal})\n--- server log ---\n${serverLogTail()}`);
    }
  });
  server.on('error', (e) => finish(EXIT_HARNESS, `run-host-tests: cannot start the server: ${e.message}`));

  await new Promise((resolve) => {
    const timer = setInterval(() => {
      if (serverLog.includes('Extension host agent listening on')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
  if (verbose) console.log(`run-host-tests: server listening on ${authority} after ${elapsed()}`);

  // playwright-core is a devDependency of the project; resolve it from the extension or from here
  const { chromium } = require(require.resolve('playwright-core', { paths: [extPath, __dirname, process.cwd()] }));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // our own signal handlers clean up (playwright's would exit at once and leave the server running)
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  const page = await browser.newPage();
  let resolveExit;
  const hostExit = new Promise((resolve) => { resolveExit = resolve; });
  // In automation mode the workbench forwards all console output of the extension host (mocha's
  // reporter) to window.codeAutomationLog(type, args), and calls window.codeAutomationExit(code) when
  // the test module's run() has settled.
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const list = Array.isArray(args) ? args : [args];
    if (!verbose && isWorkbenchChatter(list)) return;
    console.log(...list);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  page.on('console', (m) => { if (verbose) console.log(`[browser ${m.type()}] ${m.text()}`); });
  page.on('pageerror', (e) => console.error(`[browser pageerror] ${e.message}`));
  page.on('crash', () => finish(EXIT_HARNESS, 'run-host-tests: the workbench page crashed'));

  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${extPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (verbose) console.log(`run-host-tests: opening ${url}`);
  await page.goto(url);

  const code = await hostExit;
  const result = code === 0 ? 0 : 1;
  await finish(result, `run-host-tests: extension host exited with code ${code} after ${elapsed()}`);
}

setTimeout(() => {
  finish(EXIT_TIMEOUT, `run-host-tests: TIMEOUT after ${timeoutSeconds}s\n--- server log ---\n${serverLogTail()}`);
}, timeoutSeconds * 1000);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => finish(code, `run-host-tests: ${signal}, stopping`));
}
main().catch((e) => finish(EXIT_HARNESS,
  `run-host-tests: harness error: ${(e && e.stack) || e}\n--- server log ---\n${serverLogTail()}`));
