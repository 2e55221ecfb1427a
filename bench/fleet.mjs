// `node bench/fleet.mjs [--machines 10000] [--seed 42] [--out DIR] [--keep] [--generate-only]`
// Generates seeded, realistic `scan --format json` results (one per machine, over two weeks, with shadow servers,
// unapproved versions, deprecated and rejected servers, secrets, unreadable files and re-scanned machines) and times
// `mcp-gatekeeper report` over them: wall time and the report process's peak RSS. Not part of the test suite.
// The CLI is $MCPG_CLI, default dist/cli.js of this checkout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rng } from './generate.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const MACHINES = Number(opt('machines', '10000'));
const SEED = Number(opt('seed', '42'));
const CLI = process.env.MCPG_CLI ?? path.join(root, 'dist', 'cli.js');

const r = rng(SEED);
const pick = (list) => list[Math.floor(r() * list.length)];
const weighted = (list) => {
  const total = list.reduce((n, [, w]) => n + w, 0);
  let x = r() * total;
  for (const [v, w] of list) if ((x -= w) < 0) return v;
  return list[list.length - 1][0];
};

// what people configure, with the verdict the Acme example inventory gives it (examples/inventory.json)
const npx = (spec, extra = []) => ({ command: 'npx', args: ['-y', spec, ...extra] });
const CATALOG = [
  // approved
  { w: 30, name: 'filesystem', ...npx('@modelcontextprotocol/server-filesystem@2025.8.21', ['/home/USER/projects']), pkg: ['npm', '@modelcontextprotocol/server-filesystem', '2025.8.21'], verdict: 'approved', id: 'filesystem' },
  { w: 20, name: 'memory', ...npx('@modelcontextprotocol/server-memory@2025.8.4'), pkg: ['npm', '@modelcontextprotocol/server-memory', '2025.8.4'], verdict: 'approved', id: 'memory' },
  { w: 25, name: 'github', command: 'docker', args: ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server:v0.20.1'], pkg: ['oci', 'ghcr.io/github/github-mcp-server', 'v0.20.1'], verdict: 'approved', id: 'github', env: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
  { w: 15, name: 'github', url: 'https://api.githubcopilot.com/mcp/', verdict: 'approved', id: 'github', headers: ['Authorization'] },
  { w: 12, name: 'fetch', command: 'uvx', args: ['mcp-server-fetch==2025.4.7'], pkg: ['pypi', 'mcp-server-fetch', '2025.4.7'], verdict: 'approved', id: 'fetch' },
  { w: 10, name: 'git', command: 'uvx', args: ['mcp-server-git==0.6.2'], pkg: ['pypi', 'mcp-server-git', '0.6.2'], verdict: 'approved', id: 'git' },
  { w: 18, name: 'playwright', ...npx('@playwright/mcp@0.0.41'), pkg: ['npm', '@playwright/mcp', '0.0.41'], verdict: 'approved', id: 'playwright' },
  { w: 14, name: 'sentry', url: 'https://mcp.sentry.dev/mcp', verdict: 'approved', id: 'sentry' },
  { w: 8, name: 'linear', url: 'https://mcp.linear.app/sse', verdict: 'approved', id: 'linear' },
  { w: 10, name: 'filesystem-gw', url: 'https://mcp.acme.example/gw/filesystem/mcp', verdict: 'approved', id: 'filesystem' },
  // unapproved versions of inventory packages
  { w: 9, name: 'playwright', ...npx('@playwright/mcp@latest'), pkg: ['npm', '@playwright/mcp', 'latest'], verdict: 'unknown', id: 'playwright', rule: 'unapproved-version' },
  { w: 4, name: 'filesystem', ...npx('@modelcontextprotocol/server-filesystem@2025.3.28', ['/Users/USER/code']), pkg: ['npm', '@modelcontextprotocol/server-filesystem', '2025.3.28'], verdict: 'unknown', id: 'filesystem', rule: 'unapproved-version' },
  // pending, rejected, deprecated
  { w: 10, name: 'context7', ...npx('@upstash/context7-mcp@1.0.14'), pkg: ['npm', '@upstash/context7-mcp', '1.0.14'], verdict: 'pending', id: 'context7', rule: 'pending-mcp' },
  { w: 5, name: 'notion', url: 'https://mcp.notion.com/mcp', verdict: 'pending', id: 'notion', rule: 'pending-mcp' },
  { w: 3, name: 'slack', ...npx('@modelcontextprotocol/server-slack'), pkg: ['npm', '@modelcontextprotocol/server-slack', null], verdict: 'rejected', id: 'slack', rule: 'rejected-mcp', env: ['SLACK_BOT_TOKEN'] },
  { w: 2, name: 'everything', ...npx('@modelcontextprotocol/server-everything'), pkg: ['npm', '@modelcontextprotocol/server-everything', null], verdict: 'rejected', id: 'everything', rule: 'rejected-mcp' },
  { w: 6, name: 'github', ...npx('@modelcontextprotocol/server-github'), pkg: ['npm', '@modelcontextprotocol/server-github', null], verdict: 'deprecated', id: 'github-legacy', rule: 'deprecated-mcp', env: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
  { w: 3, name: 'puppeteer', ...npx('@modelcontextprotocol/server-puppeteer'), pkg: ['npm', '@modelcontextprotocol/server-puppeteer', null], verdict: 'deprecated', id: 'puppeteer', rule: 'deprecated-mcp' },
  // shadow servers
  { w: 9, name: 'perplexity', ...npx('server-perplexity-ask'), pkg: ['npm', 'server-perplexity-ask', null], verdict: 'unknown', rule: 'shadow-mcp', env: ['PERPLEXITY_API_KEY'] },
  { w: 8, name: 'browsermcp', ...npx('@browsermcp/mcp@latest'), pkg: ['npm', '@browsermcp/mcp', 'latest'], verdict: 'unknown', rule: 'shadow-mcp' },
  { w: 7, name: 'atlassian', ...npx('mcp-remote', ['https://mcp.atlassian.com/v1/sse']), url: 'https://mcp.atlassian.com/v1/sse', verdict: 'unknown', rule: 'shadow-mcp', bridge: true },
  { w: 6, name: 'figma', ...npx('figma-developer-mcp', ['--stdio']), pkg: ['npm', 'figma-developer-mcp', null], verdict: 'unknown', rule: 'shadow-mcp', env: ['FIGMA_API_KEY'] },
  { w: 5, name: 'firecrawl', ...npx('firecrawl-mcp'), pkg: ['npm', 'firecrawl-mcp', null], verdict: 'unknown', rule: 'shadow-mcp', env: ['FIRECRAWL_API_KEY'] },
  { w: 5, name: 'supabase', ...npx('@supabase/mcp-server-supabase@latest', ['--read-only']), pkg: ['npm', '@supabase/mcp-server-supabase', 'latest'], verdict: 'unknown', rule: 'shadow-mcp' },
  { w: 4, name: 'stripe', url: 'https://mcp.stripe.com', verdict: 'unknown', rule: 'shadow-mcp', headers: ['Authorization'] },
  { w: 4, name: 'kubernetes', ...npx('mcp-server-kubernetes'), pkg: ['npm', 'mcp-server-kubernetes', null], verdict: 'unknown', rule: 'shadow-mcp' },
  { w: 3, name: 'exa', ...npx('exa-mcp-server'), pkg: ['npm', 'exa-mcp-server', null], verdict: 'unknown', rule: 'shadow-mcp', env: ['EXA_API_KEY'] },
  { w: 3, name: 'postgres', command: 'uvx', args: ['postgres-mcp', '--access-mode=restricted'], pkg: ['pypi', 'postgres-mcp', null], verdict: 'unknown', rule: 'shadow-mcp' },
  { w: 4, name: 'my-tools', local: true, verdict: 'unknown', rule: 'shadow-mcp' },
];

const CLIENTS = [
  ['vscode', 30, '.config/Code/User/mcp.json', 'user'],
  ['cursor', 25, '.cursor/mcp.json', 'user'],
  ['claude-code', 22, '.claude.json', 'user'],
  ['claude-desktop', 10, '.config/Claude/claude_desktop_config.json', 'user'],
  ['windsurf', 6, '.codeium/windsurf/mcp_config.json', 'user'],
  ['gemini', 5, '.gemini/settings.json', 'user'],
  ['codex', 6, '.codex/config.toml', 'user'],
  ['copilot-cli', 3, '.copilot/mcp-config.json', 'user'],
  ['kiro', 2, '.kiro/settings/mcp.json', 'user'],
];
const WORKSPACE = { vscode: '.vscode/mcp.json', cursor: '.cursor/mcp.json', 'claude-code': '.mcp.json', gemini: '.gemini/settings.json', kiro: '.kiro/settings/mcp.json' };

const DAY = 86_400_000;
const END = Date.parse('2026-11-20T18:00:00Z');

function serverJson(item, client, scope, file, line, machineIndex) {
  const s = {
    name: item.name,
    client,
    scope,
    file,
    range: { start: { line, character: 4 }, end: { line, character: 6 + item.name.length } },
    transport: item.command ? 'stdio' : 'http',
    command: item.command ?? null,
    args: item.args ? [...item.args].map((a) => a.replace('USER', `user${machineIndex}`)) : [],
    url: item.url ?? null,
    package: item.pkg ? { ecosystem: item.pkg[0], name: item.pkg[1], version: item.pkg[2] } : null,
    disabled: r() < 0.04,
    verdict: item.verdict,
    inventoryId: item.id ?? null,
    findings: [],
    envNames: item.env ?? [],
    headerNames: item.headers ?? [],
  };
  if (item.local) {
    s.command = `/home/user${machineIndex}/dev/mcp/${pick(['server', 'tools', 'notes'])}-${Math.floor(r() * 50)}.js`;
    s.transport = 'stdio';
  }
  if (item.bridge) s.transport = 'stdio';
  if (item.rule) s.findings.push({ rule: item.rule, severity: item.verdict === 'rejected' ? 'error' : 'warning', message: `"${item.name}" (${item.rule})` });
  if (s.envNames.length && r() < 0.05) {
    s.findings.push({ rule: 'hardcoded-secret', severity: 'error', message: `"${item.name}": ${s.envNames[0]} holds a literal secret (ghp_abc1****)`, range: { start: { line: line + 3, character: 10 }, end: { line: line + 3, character: 50 } } });
  }
  return s;
}

function machineResult(i) {
  const os_ = weighted([['mac', 55], ['win', 25], ['lin', 20]]);
  const machine = `${os_}-${String(i).padStart(5, '0')}`;
  const clients = [];
  const nClients = 1 + Math.floor(r() * 3.2);
  while (clients.length < nClients) {
    const c = weighted(CLIENTS.map((c) => [c, c[1]]));
    if (!clients.includes(c)) clients.push(c);
  }
  const files = [];
  const servers = [];
  for (const [client, , rel, scope] of clients) {
    for (const sc of [scope, ...(WORKSPACE[client] && r() < 0.35 ? ['workspace'] : [])]) {
      const file = sc === 'workspace' ? `/home/user${i}/src/app/${WORKSPACE[client]}` : `/home/user${i}/${rel}`;
      const broken = r() < 0.01;
      const n = broken ? 0 : 1 + Math.floor(r() * 5);
      const picked = new Set();
      for (let k = 0; k < n; k++) {
        const item = weighted(CATALOG.map((x) => [x, x.w]));
        if (picked.has(item)) continue;
        picked.add(item);
        servers.push(serverJson(item, client, sc, file, 2 + k * 6, i));
      }
      files.push({ path: file, client, scope: sc, servers: picked.size, error: broken ? 'invalid JSON: comma expected at line 7, column 5' : null });
    }
  }
  const summary = { total: servers.length, approved: 0, pending: 0, rejected: 0, deprecated: 0, unknown: 0 };
  for (const s of servers) summary[s.verdict]++;
  const scannedAt = new Date(END - Math.floor(r() * 14) * DAY - Math.floor(r() * 8 * 3600_000)).toISOString();
  return {
    machine,
    scannedAt,
    schemaVersion: 1,
    inventory: { source: 'https://mcp.acme.example/inventory.json', organization: 'Acme', servers: 15, fetchedAt: scannedAt, fromCache: false, stale: false, error: null },
    files,
    servers,
    summary,
  };
}

export function generate(dir, machines) {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 1; i <= machines; i++) {
    // results arrive in folders per day from the MDM collector; 1% of machines were scanned twice
    const res = machineResult(i);
    const sub = path.join(dir, res.scannedAt.slice(0, 10));
    mkdirSync(sub, { recursive: true });
    const text = JSON.stringify(res);
    bytes += text.length;
    writeFileSync(path.join(sub, `${res.machine}.json`), text);
    if (r() < 0.01) {
      const again = { ...res, scannedAt: new Date(Date.parse(res.scannedAt) + DAY).toISOString() };
      writeFileSync(path.join(sub, `${res.machine}-rescan.json`), JSON.stringify(again));
    }
  }
  // a few files the collector got wrong
  writeFileSync(path.join(dir, 'collector-error.json'), '{"error": "agent timed out"}');
  writeFileSync(path.join(dir, 'truncated.json'), '{"schemaVersion": 1, "servers": [');
  return bytes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const dir = opt('out', null) ?? mkdtempSync(path.join(os.tmpdir(), 'mcpg-fleet-'));
  const t0 = Date.now();
  const bytes = generate(dir, MACHINES);
  const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.json')).length;
  console.log(`generated ${MACHINES} machine results (${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MB) in ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s (seed ${SEED})`);
  if (!args.includes('--generate-only')) {
    const out = path.join(dir, '..', `${path.basename(dir)}-report`);
    mkdirSync(out, { recursive: true });
    for (const format of ['html', 'json', 'md']) {
      const file = path.join(out, `report.${format}`);
      const t1 = process.hrtime.bigint();
      // GNU time reports the peak resident set size of the report process itself
      const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, CLI, 'report', dir, '-o', file, '--inventory', 'builtin', '--now', '2026-11-21T00:00:00Z'], { encoding: 'utf8' });
      const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
      if (run.status !== 0) {
        console.error(run.stderr);
        process.exit(1);
      }
      const [rssKb, user, sys] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
      console.log(`report --format ${format}: ${seconds.toFixed(2)} s wall, ${(user + sys).toFixed(2)} s CPU, peak RSS ${(rssKb / 1024).toFixed(0)} MB, output ${(statSync(file).size / 1024).toFixed(0)} KB`);
    }
    console.log(`reports in ${out}`);
    if (!args.includes('--keep')) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }
}
