// `npm run bench`: the performance targets of the project, each as a ratio to a baseline measured in the same run
// on the same data. Prints a table and writes bench/results.json. Not part of `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { inventory, jsonConfig, rng, writeMachine } from './generate.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = (p) => path.join(root, 'out', 'src', 'core', p);
const { scan, analyzeText } = require(out('scan.js'));
const { Checker } = require(out('checker.js'));
const { validateInventory } = require(out('inventory/load.js'));
const { InventoryIndex } = require(out('inventory/match.js'));
const { recognizeLauncher } = require(out('launchers.js'));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mcpg-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** min / median / max in ms of `runs` timed calls after `warmup` untimed ones */
async function time(fn, { runs = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { min: samples[0], median: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1] };
}

function loadInventory(count) {
  const r = validateInventory(inventory(rng(7), count), `bench-inventory-${count}`);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const results = { machine: `${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`, date: new Date().toISOString(), benchmarks: [] };
const row = (name, measured, baseline, target, unit = 'ms') => {
  const ratio = baseline ? measured.median / baseline.median : null;
  const ok = target.ratio !== undefined ? ratio <= target.ratio : measured.median <= target.ms;
  results.benchmarks.push({ name, measured, baseline, ratio, target, ok });
  const fmt = (t) => (t ? `${t.min.toFixed(1)}/${t.median.toFixed(1)}/${t.max.toFixed(1)}` : '—');
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(58)} ${fmt(measured).padStart(22)} ${unit}  base ${fmt(baseline).padStart(20)}  ratio ${ratio === null ? '—' : ratio.toFixed(2).padStart(6)}  target ${target.ratio !== undefined ? `≤ ${target.ratio}×` : `< ${target.ms} ${unit}`}`);
};

console.log(`MCP Gatekeeper benchmarks — ${results.machine}\n(min/median/max of ≥ 5 runs after warm-up)\n`);

// ---------- 1a. full scan in-process ----------
const inv10k = loadInventory(10_000);
async function fullScan(total) {
  const m = writeMachine(path.join(tmp, `scan-${total}`), total);
  const opts = { home: m.home, platform: 'linux', workspaces: [m.ws], env: { MCPG_SYSTEM_ROOT: m.system }, inventory: inv10k };
  const check = await scan(opts);
  if (check.servers.length !== total) throw new Error(`expected ${total} servers, got ${check.servers.length}`);
  const measured = await time(() => scan(opts));
  const baseline = await time(async () => {
    for (const f of m.files) JSON.parse(await fsp.readFile(f, 'utf8'));
  });
  return { m, measured, baseline };
}
const s10 = await fullScan(10_000);
row('full scan, in-process: 10k servers / 8 files / 10k inventory', s10.measured, s10.baseline, { ratio: 3 });
const s20 = await fullScan(20_000);
row('growth 10k → 20k servers (in-process scan)', s20.measured, s10.measured, { ratio: 2.2 });

// ---------- 1b. the CLI as users run it ----------
{
  const m = s10.m;
  const invFile = path.join(tmp, 'inventory-10k.json');
  writeFileSync(invFile, JSON.stringify(inventory(rng(7), 10_000)));
  const cache = path.join(tmp, 'empty-cache');
  mkdirSync(cache, { recursive: true });
  const bare = path.join(tmp, 'bare.js');
  writeFileSync(bare, `const fs=require('fs');for (const f of ${JSON.stringify(m.files)}) JSON.parse(fs.readFileSync(f,'utf8'));`);
  const run = (args) => () => {
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: ${r.stderr}`);
  };
  const startup = await time(run(['-e', '']), { runs: 7, warmup: 1 });
  const cli = await time(run([path.join(root, 'dist', 'cli.js'), 'scan', '--format', 'json', '--home', m.home, '--workspace', m.ws, '--system-root', m.system, '--inventory', invFile, '--cache-dir', cache, '--fail-on', 'never']), { runs: 5, warmup: 1 });
  const baseline = await time(run([bare]), { runs: 7, warmup: 1 });
  const minus = (t) => ({ min: t.min - startup.median, median: t.median - startup.median, max: t.max - startup.median });
  row('CLI scan --format json, cold process (minus node start-up)', minus(cli), minus(baseline), { ratio: 8 });
}

// ---------- 2. re-check after one keystroke ----------
{
  const text = jsonConfig(rng(3), 'servers', 1000, 0, true);
  const loc = { path: path.join(tmp, 'ks', '.vscode', 'mcp.json'), client: 'vscode', scope: 'workspace', format: 'jsonc' };
  const checker = new Checker(inv10k);
  let k = 0;
  const keystroke = await time(() => {
    // a different one-character edit each time, as typing does
    const at = text.indexOf('--root');
    analyzeText(text.slice(0, at) + String.fromCharCode(97 + (k++ % 26)) + text.slice(at), loc, checker);
  }, { runs: 15, warmup: 3 });
  row('re-check after one keystroke (1,000 servers in the file)', keystroke, null, { ms: 20 });
}

// ---------- 3. matching: indexed vs naive ----------
{
  const servers = [];
  const r = rng(11);
  for (let i = 0; i < 10_000; i++) {
    const e = (await import('./generate.mjs')).serverEntry(r, i);
    const launch = recognizeLauncher(e.command ?? null, e.args ?? []);
    servers.push({ package: launch.package, url: e.url ?? launch.bridgedUrl, command: e.command ?? null });
  }
  const index = new InventoryIndex(inv10k.inventory);
  const indexed = await time(() => {
    for (const s of servers) index.match(s);
  });
  // the all-pairs loop the index replaces, with the same semantics and outcomes (candidates and version mismatches):
  // every server compared with every entry's package rules, URL patterns and command globs, all compiled once
  const { packageKey, matchPackageEntry } = require(out('inventory/match.js'));
  const { compileUrlPattern, normalizeUrl, urlMatches, isUnder } = require(out('urls.js'));
  const { Minimatch } = require('minimatch');
  const compiled = inv10k.inventory.servers.map((entry) => ({
    entry,
    pkgs: (entry.match.packages ?? []).map((pm) => ({ pm, key: packageKey(pm.ecosystem, pm.name) })),
    urls: (entry.match.urls ?? []).map(compileUrlPattern).filter(Boolean),
    cmds: (entry.match.commands ?? []).map((g) => ({ glob: g, posix: new Minimatch(g, { dot: true }), windows: new Minimatch(g.replace(/\\/g, '/'), { nocase: true, dot: true }) })),
  }));
  const gateway = inv10k.inventory.gateway?.url ? normalizeUrl(inv10k.inventory.gateway.url) : null;
  const naive = await time(() => {
    for (const s of servers) {
      const result = { candidates: [], versionMismatches: [] };
      const key = s.package && !s.url ? packageKey(s.package.ecosystem, s.package.name) : null;
      const url = s.url ? normalizeUrl(s.url) : null;
      const windows = s.command ? /^[a-z]:[\\/]/i.test(s.command) || s.command.includes('\\') : false;
      const subject = windows ? s.command.replace(/\\/g, '/') : s.command;
      for (const c of compiled) {
        if (key) for (const p of c.pkgs) if (p.key === key) matchPackageEntry(c.entry, p.pm, s.package, result);
        if (url) for (const u of c.urls) if (urlMatches(u, url)) result.candidates.push({ entry: c.entry, kind: 'url', specificity: u.hasWildcard ? 30 : 35, pattern: u.source });
        if (subject) for (const g of c.cmds) if ((windows ? g.windows : g.posix).match(subject)) result.candidates.push({ entry: c.entry, kind: 'command', specificity: /[*?[{]/.test(g.glob) ? 20 : 25, pattern: g.glob });
      }
      if (url && gateway && isUnder(gateway, url)) result.candidates.push({ entry: null, kind: 'gateway', specificity: 10 });
    }
  }, { runs: 5, warmup: 1 });
  row('matching 10k × 10k: indexed ÷ naive all-pairs (target: ≥ 100× faster)', indexed, naive, { ratio: 0.01 });
}

// ---------- 5. memory ----------
{
  const m = writeMachine(path.join(tmp, 'mem'), 10_000, 5);
  const script = path.join(tmp, 'mem.cjs');
  writeFileSync(script, `
    const { scan } = require(${JSON.stringify(out('scan.js'))});
    const { validateInventory } = require(${JSON.stringify(out('inventory/load.js'))});
    const inv = validateInventory(JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')), 'inv').value;
    global.gc && global.gc();
    const before = process.memoryUsage().rss;
    let peak = before;
    const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 1);
    scan({ home: ${JSON.stringify(m.home)}, platform: 'linux', workspaces: [${JSON.stringify(m.ws)}], env: { MCPG_SYSTEM_ROOT: ${JSON.stringify(m.system)} }, inventory: inv })
      .then((r) => { peak = Math.max(peak, process.memoryUsage().rss); clearInterval(t); console.log(JSON.stringify({ growthMB: (peak - before) / 2 ** 20, servers: r.servers.length })); });
  `);
  const invFile = path.join(tmp, 'inventory-10k-mem.json');
  writeFileSync(invFile, JSON.stringify(inventory(rng(7), 10_000)));
  const res = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, invFile], { encoding: 'utf8' }).trim());
  const mb = { min: res.growthMB, median: res.growthMB, max: res.growthMB };
  row('peak RSS growth of the 10k-server scan', mb, null, { ms: 100 }, 'MB');
}

// ---------- 6. activation ----------
{
  // a multi-root workspace of 10 folders with 5 config files each (20 servers a file), an empty home; each run is a
  // cold process that loads dist/extension.js against bench/fakeVscode.cjs and times activate() from entry to return
  const folders = [];
  const r = rng(5);
  for (let f = 0; f < 10; f++) {
    const ws = path.join(tmp, 'activation', `project-${f}`);
    folders.push(ws);
    for (const [file, key] of [['.vscode/mcp.json', 'servers'], ['.cursor/mcp.json', 'mcpServers'], ['.mcp.json', 'mcpServers'], ['.roo/mcp.json', 'mcpServers'], ['.kiro/settings/mcp.json', 'mcpServers']]) {
      mkdirSync(path.dirname(path.join(ws, file)), { recursive: true });
      writeFileSync(path.join(ws, file), jsonConfig(r, key, 20, f * 100, true));
    }
  }
  const home = path.join(tmp, 'activation', 'home');
  mkdirSync(home, { recursive: true });
  const once = () => {
    const res = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bench', 'activation.cjs'), JSON.stringify(folders), home], { encoding: 'utf8' }));
    // the deferred first scan must really have checked the 50 files
    if (!res.log.some((l) => /Checked 50 config file\(s\).*: 1000 servers/.test(l))) throw new Error(`activation bench: the first scan did not check the workspace: ${res.log.join(' | ')}`);
    return res.activateMs;
  };
  once(); // warm-up (file system caches)
  const a = Array.from({ length: 7 }, once).sort((x, y) => x - y);
  row('activate() entry to return, 50 config files in the workspace', { min: a[0], median: a[3], max: a[6] }, null, { ms: 50 });
}

// ---------- 4. bundle sizes ----------
{
  const size = (f) => statSync(path.join(root, f)).size / 1024;
  for (const f of ['dist/extension.js', 'dist/cli.js']) {
    const kb = size(f);
    row(`bundle size ${f}`, { min: kb, median: kb, max: kb }, null, { ms: 400 }, 'KB');
  }
  // the package `npm run package` builds, when there is one (run it first for this figure)
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = `mcp-gatekeeper-${version}.vsix`;
  try {
    const kb = size(vsix);
    row(`package size ${vsix}`, { min: kb, median: kb, max: kb }, null, { ms: 400 }, 'KB');
  } catch {
    console.log(`(no ${vsix}: run \`npm run package\` before the bench to measure the package size)`);
  }
}

writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2));
const failed = results.benchmarks.filter((b) => !b.ok).length;
console.log(`\n${results.benchmarks.length - failed} targets met, ${failed} missed. Results: bench/results.json`);
