// The fleet report: numbers from real scan results (the CLI's JSON over the fixture homes, as collected from three
// machines over three days, one of them scanned twice), the same numbers in JSON, Markdown and HTML, secrets never
// shown, memory bounded, and the HTML opened in headless Chromium (screenshot; set UPDATE_SCREENSHOT=1 to refresh
// docs/images/fleet-report.png).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildFleetReport, renderReport, type FleetReport } from '../../src/core/admin/report';
import { validateInventory, type LoadedInventory } from '../../src/core/inventory/load';
import { FIXTURES, REPO_ROOT, tempDir, writeTree } from '../helpers';

const RESULTS = path.join(FIXTURES, 'admin', 'results');
const NOW = new Date('2026-11-21T00:00:00Z');

function reportInventory(): LoadedInventory {
  const r = validateInventory(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'admin', 'report-inventory.json'), 'utf8')), 'report-inventory.json');
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

interface Scan {
  servers: { verdict: string; disabled: boolean; inventoryId: string | null; client: string; findings: { rule: string }[] }[];
}

/** The latest result of each machine, read directly: the expected numbers, computed independently. */
function counted(): Scan[] {
  const f = (rel: string) => JSON.parse(fs.readFileSync(path.join(RESULTS, rel), 'utf8')) as Scan;
  return [f('2026-11-20/alice-mbp-rescan.json'), f('2026-11-18/build-linux-01.json'), f('2026-11-19/bob-win.json'), f('2026-11-20/carol-linux.json'), f('2026-11-20/dave-mac.json')];
}

describe('admin report: aggregation', () => {
  let report: FleetReport;
  before(async () => {
    report = await buildFleetReport([RESULTS], { inventory: reportInventory(), now: NOW, pendingDays: 30 });
  });

  it('counts machines once (the latest scan), and says what it read', () => {
    assert.deepEqual(report.inputs, {
      files: 7,
      machines: 5,
      invalid: 1,
      invalidFiles: [{ file: path.join(RESULTS, 'collector-error.json'), error: 'not a scan result (expected `scan --format json` output, schemaVersion 1)' }],
      rescannedMachines: 1,
      dated: 6,
    });
  });

  it('totals by verdict, client and scope match the counted results', () => {
    const scans = counted();
    const servers = scans.flatMap((s) => s.servers);
    assert.equal(report.totals.servers, servers.length);
    for (const v of ['approved', 'pending', 'rejected', 'deprecated', 'unknown']) assert.equal(report.totals.byVerdict[v as 'approved'], servers.filter((s) => s.verdict === v).length, v);
    const enabled = servers.filter((s) => !s.disabled);
    assert.equal(report.totals.shadow, enabled.filter((s) => s.verdict === 'unknown' && !s.inventoryId).length);
    assert.equal(report.totals.unapprovedVersion, enabled.filter((s) => s.verdict === 'unknown' && s.inventoryId).length);
    assert.equal(report.totals.disabled, servers.length - enabled.length);
    assert.equal(report.totals.machinesWithShadow, 3);
    assert.equal(report.totals.machinesClean, 1, 'carol-linux runs only an approved server');
    const vscode = report.byClient.find((b) => b.key === 'vscode')!;
    assert.equal(vscode.total, servers.filter((s) => s.client === 'vscode').length);
    assert.equal(vscode.machines, 3);
    assert.deepEqual(report.byScope.map((b) => b.key).sort(), ['user', 'workspace']);
    assert.equal(report.byScope.reduce((n, b) => n + b.total, 0), servers.length);
  });

  it('the trend has every dated scan, per day', () => {
    assert.equal(report.trend.available, true);
    assert.deepEqual(report.trend.days.map((d) => [d.date, d.machines]), [
      ['2026-11-18', 2],
      ['2026-11-19', 1],
      ['2026-11-20', 3],
    ]);
  });

  it('lists the shadow servers across machines with a ready inventory snippet', () => {
    const top = report.shadowServers.top;
    const userjot = top.find((s) => s.label === 'https://api.userjot.com/v1/mcp')!;
    assert.ok(userjot, JSON.stringify(top.map((s) => s.label)));
    assert.equal(userjot.kind, 'url');
    assert.equal(userjot.machines, 3);
    assert.deepEqual(userjot.clients, ['cursor']);
    assert.deepEqual(userjot.snippet, { id: 'userjot', title: 'https://api.userjot.com/v1/mcp', status: 'pending', match: { urls: ['https://api.userjot.com/v1/mcp'] }, reason: 'seen on 3 machines (fleet report 2026-11-21); review before approving' });
    // alice removed perplexity before her second scan: only the two other machines have it now
    const perplexity = top.find((s) => s.label === 'server-perplexity-ask')!;
    assert.equal(perplexity.machines, 2);
    assert.deepEqual(perplexity.snippet.match, { packages: [{ ecosystem: 'npm', name: 'server-perplexity-ask' }] });
    assert.ok(perplexity.examples.every((e) => e.machine !== 'alice-mbp'));
    assert.ok(top[0].machines >= top[top.length - 1].machines);
  });

  it('inventory hygiene: unused approvals, stale pending requests, deprecated servers in use', () => {
    const h = report.hygiene;
    assert.deepEqual(h.unusedApproved.map((u) => u.id), ['playwright', 'linear', 'acme-internal']);
    assert.deepEqual(h.stalePending, [{ id: 'context7', title: 'Context7 documentation lookup', since: '2026-09-01', ageDays: 81 }]);
    assert.deepEqual(h.pendingWithoutDate, []);
    // build-linux-01 has puppeteer too, but disabled: only dave-mac runs it
    assert.deepEqual(h.deprecatedInUse, [{ id: 'puppeteer', title: 'Puppeteer (archived)', replacedBy: 'playwright', machines: 1, occurrences: 1, clients: ['claude-code'], exampleMachines: ['dave-mac'] }]);
  });

  it('counts secret findings and never shows them', async () => {
    const expected = counted().flatMap((s) => s.servers).flatMap((s) => s.findings).filter((f) => f.rule === 'hardcoded-secret').length;
    assert.ok(expected > 0);
    assert.equal(report.secrets.findings, expected);
    for (const format of ['html', 'json', 'md'] as const) {
      const text = renderReport(report, format);
      assert.doesNotMatch(text, /ghp_|xoxb-|GITHUB_PERSONAL_ACCESS_TOKEN holds/, format);
      assert.doesNotMatch(text, /\/Users\/alice\/Library/, `${format}: config file paths are left out`);
    }
  });

  it('JSON, Markdown and HTML carry the same numbers', () => {
    const json = JSON.parse(renderReport(report, 'json')) as FleetReport;
    assert.deepEqual(json.totals, report.totals);
    const md = renderReport(report, 'md');
    assert.match(md, new RegExp(`\\| Machines \\| ${report.inputs.machines} \\|`));
    assert.match(md, new RegExp(`\\| Shadow servers \\(enabled\\) \\| ${report.totals.shadow} \\|`));
    assert.match(md, new RegExp(`\\| shadow / unapproved \\| ${report.totals.byVerdict.unknown} \\|`));
    const html = renderReport(report, 'html');
    assert.match(html, new RegExp(`data-metric="machines">${report.inputs.machines}<`));
    assert.match(html, new RegExp(`data-metric="shadow">${report.totals.shadow}<`));
    assert.match(html, new RegExp(`data-metric="verdict-total">${report.totals.servers}<`));
  });

  it('is self-contained: no script, no external resource', () => {
    const html = renderReport(report, 'html');
    assert.doesNotMatch(html, /<script|<link|@import|src=["']https?:|url\(/i);
    assert.match(html, /<svg class="chart" role="img" aria-labelledby="chart-verdicts-title chart-verdicts-desc"/);
    assert.match(html, /<caption>Servers by verdict<\/caption>/);
  });
});

describe('admin report: bounds and odd inputs', () => {
  it('drops one-machine shadow servers past the tracking limit and says so', async () => {
    const dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      const servers = [
        { name: 'common', client: 'cursor', scope: 'user', command: 'npx', args: ['-y', 'common-mcp'], url: null, package: { ecosystem: 'npm', name: 'common-mcp', version: null }, disabled: false, verdict: 'unknown', inventoryId: null, findings: [] },
        { name: 'mine', client: 'cursor', scope: 'user', command: `/home/u${i}/mcp.js`, args: [], url: null, package: null, disabled: false, verdict: 'unknown', inventoryId: null, findings: [] },
      ];
      files[`m${String(i).padStart(2, '0')}.json`] = JSON.stringify({ schemaVersion: 1, files: [], servers, summary: {} });
    }
    writeTree(dir, files);
    const r = await buildFleetReport([dir], { maxTracked: 10, now: NOW });
    assert.equal(r.inputs.machines, 60);
    assert.equal(r.totals.shadow, 120);
    assert.equal(r.shadowServers.top[0].label, 'common-mcp');
    assert.equal(r.shadowServers.top[0].machines, 60);
    assert.ok(r.shadowServers.pruned > 0);
    assert.ok(r.shadowServers.top.length <= 10);
    assert.match(r.trend.note, /No result carries a scannedAt date/);
    assert.equal(r.hygiene.inventory, null);
  });

  it('masks secrets in the launch examples again', async () => {
    const dir = tempDir();
    const servers = [{ name: 'x', client: 'vscode', scope: 'user', command: 'npx', args: ['-y', 'tool-mcp', '--api-key', 'sk-abcdefghijklmnopqrstuvwxyz0123'], url: null, package: { ecosystem: 'npm', name: 'tool-mcp', version: null }, disabled: false, verdict: 'unknown', inventoryId: null, findings: [{ rule: 'hardcoded-secret' }] }];
    writeTree(dir, { 'a.json': JSON.stringify({ schemaVersion: 1, servers }) });
    const r = await buildFleetReport([dir], { now: NOW });
    for (const format of ['html', 'json', 'md'] as const) assert.doesNotMatch(renderReport(r, format), /abcdefghijklmnop/);
    assert.equal(r.secrets.findings, 1);
  });
});

// a real dynamic import for the ESM generator (tsc would turn `import()` into `require()` for CommonJS output)
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<{ generate(dir: string, machines: number): number }>;

describe('admin report: in a browser', function () {
  this.timeout(60_000);
  const CHROMIUM = '/usr/bin/chromium';

  it('opens from disk in headless Chromium with the key numbers in the DOM', async function () {
    if (!fs.existsSync(CHROMIUM)) this.skip();
    const dir = tempDir();
    const results = path.join(dir, 'results');
    const { generate } = await importEsm(pathToFileURL(path.join(REPO_ROOT, 'bench', 'fleet.mjs')).href);
    generate(results, 120);
    const report = await buildFleetReport([results], { inventory: reportInventory(), now: NOW, title: 'MCP fleet report — Acme' });
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderReport(report, 'html'));

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1500 } });
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(pathToFileURL(file).href);
      const metric = (name: string) => page.locator(`[data-metric="${name}"]`).first().textContent();
      assert.equal(await metric('machines'), report.inputs.machines.toLocaleString('en-US'));
      assert.equal(await metric('servers'), report.totals.servers.toLocaleString('en-US'));
      assert.equal(await metric('shadow'), report.totals.shadow.toLocaleString('en-US'));
      assert.equal(await metric('secret-findings'), report.secrets.findings.toLocaleString('en-US'));
      assert.equal(await metric('shadow-machines-1'), report.shadowServers.top[0].machines.toLocaleString('en-US'));
      assert.equal(await page.locator('h1').textContent(), 'MCP fleet report — Acme');
      assert.ok((await page.locator('svg[role="img"]').count()) >= 4);
      assert.deepEqual(await page.locator('svg[role="img"] > title').first().textContent(), 'Servers by verdict');
      assert.ok((await page.locator('table caption').count()) >= 5);
      // nothing but the file itself was loaded
      assert.deepEqual(requests, [pathToFileURL(file).href]);
      const shot = path.join(dir, 'fleet-report.png');
      await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1200, height: 1500 } });
      assert.ok(fs.statSync(shot).size > 20_000);
      if (process.env.UPDATE_SCREENSHOT) {
        fs.mkdirSync(path.join(REPO_ROOT, 'docs', 'images'), { recursive: true });
        fs.copyFileSync(shot, path.join(REPO_ROOT, 'docs', 'images', 'fleet-report.png'));
      }
    } finally {
      await browser.close();
    }
  });
});
