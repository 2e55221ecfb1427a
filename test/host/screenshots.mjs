#!/usr/bin/env node
// screenshots.mjs - the README's screenshots, taken from the extension running in a real VS Code (the same
// code-server host the integration tests use), not mock-ups. Run by hand after a UI change; not part of `npm test`:
//
//   npm run screenshots     (= npm run build && node test/host/screenshots.mjs)
//   node test/host/screenshots.mjs [--version 4.139.1] [--out docs/images] [--keep-open]
//
// It copies the demo workspace test/fixtures/workspace/ (servers of every verdict, checked against the bundled example
// inventory) to a temp dir, starts the VS Code server with the extension loaded from this repo and an empty home folder
// (so nothing of this machine shows), opens the workbench in headless chromium and writes:
//   docs/images/quick-fix.png      a shadow server's squiggle with its quick-fix menu open
//   docs/images/servers-view.png   the MCP Servers view
//   docs/images/status-bar.png     the status bar item with its tooltip
//   docs/images/request-form.png   the approval request form, prefilled
// Env: MCPG_TEST_HOST_DIR (where hosts are installed, as for run-all.mjs), CHROMIUM_PATH, MCPG_HOST_VERBOSE=1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const hostDir = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(hostDir, '..', '..');
const require = createRequire(import.meta.url);
const verbose = process.env.MCPG_HOST_VERBOSE === '1';
const { freePort } = require('./freePort.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const version = option('version', '4.139.1');
const outDir = path.resolve(repo, option('out', path.join('docs', 'images')));
const keepOpen = args.includes('--keep-open');

// the viewport and scale the shots are taken at: 2x, so they stay sharp on high-density screens
const VIEWPORT = { width: 1200, height: 760 };
const SCALE = 2;
const SIDEBAR_WIDTH = 470;
const QUICK_FIX_WIDTH = 700;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function die(message) {
  console.error(`screenshots: ${message}`);
  process.exit(2);
}

// ---- host, workspace, settings ----------------------------------------------------------------------------------
const main = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).main;
if (!fs.existsSync(path.resolve(repo, main))) die(`${main} is missing: run \`npm run build\` first`);
const hostsRoot = process.env.MCPG_TEST_HOST_DIR || path.join(os.homedir(), '.cache', 'mcp-gatekeeper', 'vscode-test-host');
const dest = path.join(hostsRoot, version);
const install = spawnSync('bash', [path.join(hostDir, 'install-host.sh'), version, dest], { stdio: verbose ? 'inherit' : 'ignore' });
if (install.status !== 0) die(`installing code-server ${version} failed (run bash test/host/install-host.sh ${version} ${dest})`);
const nodeBin = path.join(dest, 'node-bin');
const serverMain = path.join(dest, 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) die(`no chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);

// a fixed folder, so the paths the pictures show (the form's "Found in") are the same on every run
const tmp = path.join(os.tmpdir(), 'mcpg-demo');
fs.rmSync(tmp, { recursive: true, force: true });
const dir = (name) => {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
};
const dirs = {
  userData: dir('user-data'), serverData: dir('server-data'), extensions: dir('extensions'), tmp: dir('tmp'),
  xdgConfig: dir('xdg-config'), xdgData: dir('xdg-data'), xdgCache: dir('xdg-cache'), home: dir(path.join('home', 'dana')),
};
// inside the (empty) home folder, so the view and the form show it as ~/src/acme-web
const workspace = path.join(dirs.home, 'src', 'acme-web');
fs.cpSync(path.join(repo, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

const settings = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'editor.fontSize': 13,
  'editor.lightbulb.enabled': 'on',
  'editor.stickyScroll.enabled': false,
  // VS Code's own MCP support puts "Start | More..." lenses on every server in mcp.json: not ours, and in the way
  'editor.codeLens': false,
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'breadcrumbs.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};
for (const d of [path.join(dirs.userData, 'User'), path.join(dirs.serverData, 'data', 'Machine')]) {
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, 'settings.json'), JSON.stringify(settings, null, 2));
}

// ---- server and browser ---------------------------------------------------------------------------------------
let server;
let browser;
let page;
async function cleanup() {
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  browser = undefined;
  if (server?.pid) {
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
    await sleep(1000);
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
    server = undefined;
  }
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cleanup().then(() => process.exit(130)));

async function startServer() {
  const port = await freePort();
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  Object.assign(env, {
    EXTENSIONS_GALLERY: '{}',
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  });
  server = spawn(nodeBin, [
    serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-workspace-trust',
  ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const onOutput = (chunk) => {
    log += chunk;
    if (verbose) process.stderr.write(`[server] ${chunk}`);
  };
  server.stdout.setEncoding('utf8').on('data', onOutput);
  server.stderr.setEncoding('utf8').on('data', onOutput);
  for (let i = 0; !log.includes('Extension host agent listening on'); i++) {
    if (i > 600 || server.exitCode !== null) throw new Error(`the VS Code server did not start:\n${log.slice(-4000)}`);
    await sleep(100);
  }
  return `127.0.0.1:${port}`;
}

// ---- the shots --------------------------------------------------------------------------------------------------
/** Saves the part of the page inside `box` (page coordinates), padded and kept inside the viewport. */
async function shoot(page, name, box, pad = 8) {
  const x = Math.max(0, Math.floor(box.x - pad));
  const y = Math.max(0, Math.floor(box.y - pad));
  const clip = {
    x, y,
    width: Math.min(VIEWPORT.width, Math.ceil(box.x + box.width + pad)) - x,
    height: Math.min(VIEWPORT.height, Math.ceil(box.y + box.height + pad)) - y,
  };
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
  console.log(`${path.relative(repo, file)}: ${clip.width}×${clip.height} px at ${SCALE}x, ${Math.round(fs.statSync(file).size / 1024)} KB`);
}

/** The smallest box around all of these (page coordinates). */
function union(...boxes) {
  const list = boxes.filter(Boolean);
  const x = Math.min(...list.map((b) => b.x));
  const y = Math.min(...list.map((b) => b.y));
  return { x, y, width: Math.max(...list.map((b) => b.x + b.width)) - x, height: Math.max(...list.map((b) => b.y + b.height)) - y };
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  // the list shows some commands without their category
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title.split(': ').pop() }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function run() {
  const authority = await startServer();
  const { chromium } = require(require.resolve('playwright-core', { paths: [repo] }));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: SCALE, colorScheme: 'dark' });
  if (verbose) page.on('console', (m) => console.log(`[browser] ${m.text()}`));
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${repo}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

  // the extension has scanned when its status bar item counts the servers that are not approved
  const status = page.locator('.statusbar-item', { hasText: 'MCP:' }).first();
  await status.waitFor({ timeout: 120_000 });
  await sleep(1500); // notifications and the first layout settle
  // the one-time "shadow MCP servers found" notification is not part of these pictures
  await page.keyboard.press('Escape');
  for (const close of await page.locator('.notifications-toasts .codicon-notifications-clear-all, .notification-toast .codicon-close').all()) {
    await close.click().catch(() => {});
  }

  // (b) the MCP Servers view, in a side bar wide enough for the descriptions
  await runCommand(page, 'MCP Gatekeeper: Focus on MCP Servers View');
  const sidebar = page.locator('.part.sidebar');
  await sidebar.locator('.monaco-list-row', { hasText: 'perplexity' }).waitFor();
  // drag the sash between the side bar and the editor
  const edge = await sidebar.boundingBox();
  const sash = await page.evaluate((right) => {
    const boxes = [...document.querySelectorAll('.monaco-sash.vertical')].map((el) => el.getBoundingClientRect()).filter((r) => r.height > 200);
    boxes.sort((a, b) => Math.abs(a.x + a.width / 2 - right) - Math.abs(b.x + b.width / 2 - right));
    return boxes[0] && { x: boxes[0].x + boxes[0].width / 2, y: boxes[0].y + boxes[0].height / 2 };
  }, edge.x + edge.width);
  if (!sash) throw new Error('no sash next to the side bar');
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(sash.x + SIDEBAR_WIDTH - edge.width, sash.y, { steps: 8 });
  await page.mouse.up();
  await sleep(700);
  const side = await sidebar.boundingBox();
  const lastRow = await sidebar.locator('.monaco-list-row').last().boundingBox();
  await shoot(page, 'servers-view', { ...side, height: lastRow.y + lastRow.height + 12 - side.y }, 0);

  // (a) a shadow server in .vscode/mcp.json: click it in the view (which reveals its key), then Ctrl+. on the key
  await sidebar.locator('.monaco-list-row', { hasText: 'perplexity' }).first().click();
  const editor = page.locator('.part.editor .monaco-editor').first();
  await editor.waitFor();
  await page.locator('.squiggly-warning').first().waitFor();
  // the cursor on the key, no selection (the view's reveal selects it)
  await page.locator('.part.editor .view-line span', { hasText: /^"perplexity"$/ }).first().click();
  await sleep(300);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  await menu.waitFor();
  await sleep(400);
  const line = await page.locator('.part.editor .view-line', { hasText: '"perplexity"' }).first().boundingBox();
  const editorBox = await editor.boundingBox();
  const menuBox = await menu.boundingBox();
  await shoot(page, 'quick-fix', union({ x: editorBox.x + 12, y: line.y - 100, width: QUICK_FIX_WIDTH, height: 10 }, menuBox), 12);

  // (d) the request form, from the menu's "Request approval" action
  await menu.locator('.action-widget-action-bar, .monaco-list-row', { hasText: 'Request approval' }).first().click();
  const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await webview.locator('#f-requester').waitFor({ timeout: 60_000 });
  await webview.locator('#f-requester').fill('Dana Ortiz');
  await webview.locator('#f-email').fill('dana.ortiz@acme.example');
  await webview.locator('#f-team').fill('Web Platform');
  await webview.locator('#f-description').fill('Answers questions with web search results and citations (Perplexity Sonar API).');
  // the top of the form: the server block and the first section
  await webview.locator('#title').evaluate((el) => el.ownerDocument.defaultView.scrollTo(0, 0));
  await sleep(800);
  await shoot(page, 'request-form', await page.locator('.part.editor').boundingBox(), 0);

  // (c) the status bar item and its tooltip
  await page.mouse.move(5, 5);
  await status.hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Inventory' }).first();
  await hover.waitFor();
  await sleep(400);
  const bar = await page.locator('.part.statusbar').boundingBox();
  const item = await status.boundingBox();
  await shoot(page, 'status-bar', union(await hover.boundingBox(), item, { x: bar.x, y: bar.y, width: item.x + item.width + 140, height: bar.height }), 6);

  if (keepOpen) {
    console.log(`workbench: http://${authority}/?folder=${encodeURIComponent(workspace)} (Ctrl+C to stop)`);
    await new Promise(() => {});
  }
}

try {
  fs.mkdirSync(outDir, { recursive: true });
  await run();
  await cleanup();
} catch (e) {
  console.error(`screenshots: ${e && e.stack ? e.stack : e}`);
  // what the workbench looked like when it went wrong
  const failure = path.join(os.tmpdir(), 'mcpg-screenshots-failure.png');
  if (page) await page.screenshot({ path: failure }).then(() => console.error(`screenshots: the page at that moment: ${failure}`), () => {});
  await cleanup();
  process.exit(1);
}
