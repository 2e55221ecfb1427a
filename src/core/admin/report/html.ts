// The fleet report as one self-contained HTML file: inline CSS, inline SVG charts, no script, no external font or
// image, so it opens from disk and can be mailed or attached to a ticket. Headings in order, tables with captions
// and header cells, every chart followed by its numbers in a table. Key numbers carry `data-metric` attributes.
import type { Verdict } from '../../model';
import { VERDICTS, type Breakdown, type FleetReport } from './model';
import { columnChart, escapeXml as esc, horizontalBars } from './svg';

export const VERDICT_COLORS: Record<Verdict, string> = { approved: '#2e7d32', pending: '#b26a00', rejected: '#c62828', deprecated: '#6a1b9a', unknown: '#d84315' };
export const VERDICT_LABELS: Record<Verdict, string> = { approved: 'approved', pending: 'pending', rejected: 'rejected', deprecated: 'deprecated', unknown: 'shadow / unapproved' };

const CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#ffffff;--card:#f6f8fa;--line:#d0d7de;--accent:#0b5cad}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--card:#161b22;--line:#30363d;--accent:#58a6ff}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1080px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}h3{font-size:16px;margin:20px 0 6px}
p.meta,.note{color:var(--muted)}a{color:var(--accent)}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:12px;margin:18px 0;padding:0;list-style:none}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.kpi .value{display:block;font-size:24px;font-weight:650}.kpi .label{color:var(--muted);font-size:13px}
.kpi.warn .value{color:#d84315}.kpi.bad .value{color:#c62828}.kpi.good .value{color:#2e7d32}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px}
caption{text-align:left;font-weight:600;padding:4px 0;color:var(--fg)}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{font-weight:600}thead th{background:var(--card)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;margin:6px 0}
details summary{cursor:pointer;color:var(--accent)}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin:4px 0 8px;padding:0;list-style:none;font-size:13px}
.legend li{display:flex;align-items:center;gap:6px}.swatch{width:12px;height:12px;border-radius:2px;display:inline-block}
.chart{max-width:100%;height:auto;color:var(--fg)}
.pill{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 7px;margin:0 4px 2px 0;font-size:12px}
@media print{details{display:block}details>*{display:block}}
`;

export function renderHtml(r: FleetReport): string {
  const t = r.totals;
  const kpi = (metric: string, value: number, label: string, tone = '') =>
    `<li class="kpi ${tone}"><span class="value" data-metric="${metric}">${fmt(value)}</span><span class="label">${esc(label)}</span></li>`;
  const body = [
    `<header><h1>${esc(r.title)}</h1><p class="meta">Generated ${esc(r.generatedAt.replace('T', ' ').slice(0, 16))} UTC from ${fmt(r.inputs.files)} result file${r.inputs.files === 1 ? '' : 's'}${r.hygiene.inventory ? ` · inventory ${esc(r.hygiene.inventory.source)} (${fmt(r.hygiene.inventory.entries)} entries)` : ''}.</p></header>`,
    `<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2><ul class="kpis">`,
    kpi('machines', r.inputs.machines, 'machines'),
    kpi('servers', t.servers, 'configured MCP servers'),
    kpi('shadow', t.shadow, 'shadow servers (enabled)', t.shadow ? 'warn' : 'good'),
    kpi('machines-with-shadow', t.machinesWithShadow, 'machines with a shadow server', t.machinesWithShadow ? 'warn' : 'good'),
    kpi('machines-with-rejected', t.machinesWithRejected, 'machines running a rejected server', t.machinesWithRejected ? 'bad' : 'good'),
    kpi('machines-clean', t.machinesClean, 'machines where every enabled server is approved', 'good'),
    kpi('secret-findings', r.secrets.findings, 'hard-coded secrets (counted, not shown)', r.secrets.findings ? 'bad' : 'good'),
    `</ul>`,
    `<p class="note">${fmt(t.disabled)} of the servers are disabled in their config (counted in the totals, not in the shadow figures). ${fmt(t.unapprovedVersion)} enabled server${t.unapprovedVersion === 1 ? '' : 's'} run${t.unapprovedVersion === 1 ? 's' : ''} an inventory package at a version that is not approved.${r.inputs.rescannedMachines ? ` ${fmt(r.inputs.rescannedMachines)} older result${r.inputs.rescannedMachines === 1 ? '' : 's'} of machines scanned more than once ${r.inputs.rescannedMachines === 1 ? 'is' : 'are'} left out of the totals (the latest scan counts).` : ''}${t.configFilesWithErrors ? ` ${fmt(t.configFilesWithErrors)} config file${t.configFilesWithErrors === 1 ? '' : 's'} could not be read or parsed.` : ''}</p></section>`,
    verdictSection(r),
    breakdownSection('clients', 'By client', 'client', r.byClient),
    breakdownSection('scopes', 'By scope', 'scope', r.byScope),
    trendSection(r),
    shadowSection(r),
    hygieneSection(r),
    secretsSection(r),
    inputsSection(r),
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="mcp-gatekeeper"><title>${esc(r.title)}</title><style>${CSS}</style></head><body><main>${body.join('\n')}</main></body></html>\n`;
}

function legend(): string {
  return `<ul class="legend" aria-hidden="true">${VERDICTS.map((v) => `<li><span class="swatch" style="background:${VERDICT_COLORS[v]}"></span>${esc(VERDICT_LABELS[v])}</li>`).join('')}</ul>`;
}

function verdictSection(r: FleetReport): string {
  const rows = VERDICTS.map((v) => ({ label: VERDICT_LABELS[v], segments: [{ key: v, value: r.totals.byVerdict[v], color: VERDICT_COLORS[v] }] }));
  const chart = horizontalBars('chart-verdicts', 'Servers by verdict', `Configured MCP servers across ${r.inputs.machines} machines: ${VERDICTS.map((v) => `${r.totals.byVerdict[v]} ${VERDICT_LABELS[v]}`).join(', ')}.`, rows);
  const table = `<table><caption>Servers by verdict</caption><thead><tr><th scope="col">Verdict</th><th scope="col" class="num">Servers</th><th scope="col" class="num">Share</th></tr></thead><tbody>${VERDICTS.map(
    (v) => `<tr><th scope="row">${esc(VERDICT_LABELS[v])}</th><td class="num" data-metric="verdict-${v}">${fmt(r.totals.byVerdict[v])}</td><td class="num">${pct(r.totals.byVerdict[v], r.totals.servers)}</td></tr>`,
  ).join('')}<tr><th scope="row">total</th><td class="num" data-metric="verdict-total">${fmt(r.totals.servers)}</td><td class="num">100%</td></tr></tbody></table>`;
  return `<section aria-labelledby="verdicts-h"><h2 id="verdicts-h">Servers by verdict</h2>${chart}${table}</section>`;
}

function breakdownSection(id: string, title: string, what: string, list: Breakdown[]): string {
  if (!list.length) return `<section aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(title)}</h2><p class="note">No servers.</p></section>`;
  const rows = list.map((b) => ({ label: b.key, segments: VERDICTS.map((v) => ({ key: VERDICT_LABELS[v], value: b.byVerdict[v], color: VERDICT_COLORS[v] })) }));
  const chart = horizontalBars(`chart-${id}`, `Servers by ${what}`, `Configured MCP servers per ${what}, stacked by verdict: ${list.map((b) => `${b.key} ${b.total}`).join(', ')}.`, rows);
  const head = `<tr><th scope="col">${esc(cap(what))}</th><th scope="col" class="num">Machines</th>${VERDICTS.map((v) => `<th scope="col" class="num">${esc(VERDICT_LABELS[v])}</th>`).join('')}<th scope="col" class="num">Total</th></tr>`;
  const body = list
    .map((b) => `<tr><th scope="row"><code>${esc(b.key)}</code></th><td class="num">${fmt(b.machines)}</td>${VERDICTS.map((v) => `<td class="num">${fmt(b.byVerdict[v])}</td>`).join('')}<td class="num" data-metric="${id}-${esc(b.key)}-total">${fmt(b.total)}</td></tr>`)
    .join('');
  return `<section aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(title)}</h2>${legend()}${chart}<table><caption>Servers by ${esc(what)} and verdict</caption><thead>${head}</thead><tbody>${body}</tbody></table></section>`;
}

function trendSection(r: FleetReport): string {
  const days = r.trend.days;
  let content = `<p class="note">${esc(r.trend.note)}</p>`;
  if (days.length) {
    if (r.trend.available) {
      content += columnChart('chart-trend', 'Shadow servers per day', `Enabled shadow servers found per day, from ${days[0].date} to ${days[days.length - 1].date}.`, days.map((d) => ({ label: d.date, value: d.shadow })), '#d84315');
    }
    content += `<table><caption>Scans per day</caption><thead><tr><th scope="col">Date</th><th scope="col" class="num">Machines scanned</th><th scope="col" class="num">Servers</th><th scope="col" class="num">Shadow servers</th><th scope="col" class="num">Machines with shadow</th></tr></thead><tbody>${days
      .map((d) => `<tr><th scope="row">${esc(d.date)}</th><td class="num">${fmt(d.machines)}</td><td class="num">${fmt(d.servers)}</td><td class="num">${fmt(d.shadow)}</td><td class="num">${fmt(d.machinesWithShadow)}</td></tr>`)
      .join('')}</tbody></table>`;
  }
  return `<section aria-labelledby="trend-h"><h2 id="trend-h">Trend</h2>${content}</section>`;
}

function shadowSection(r: FleetReport): string {
  const s = r.shadowServers;
  if (!s.top.length) return `<section aria-labelledby="shadow-h"><h2 id="shadow-h">Top shadow servers</h2><p class="note">No shadow servers: every enabled server matches the inventory.</p></section>`;
  const rows = s.top
    .map(
      (x, i) => `<tr><td class="num">${i + 1}</td><th scope="row"><code>${esc(x.label)}</code><br><span class="note">${esc(x.kind)}</span></th><td class="num" data-metric="shadow-machines-${i + 1}">${fmt(x.machines)}</td><td class="num">${fmt(x.occurrences)}</td><td>${x.clients.map((c) => `<span class="pill">${esc(c)}</span>`).join('')}</td><td>${
        x.versions.length ? x.versions.map((v) => `<code>${esc(v)}</code>`).join(', ') : '<span class="note">–</span>'
      }</td><td>${x.examples.map((e) => `<div><code>${esc(e.launch)}</code><br><span class="note">${esc(e.machine)} · ${esc(e.client)} · ${esc(e.scope)} · “${esc(e.name)}”</span></div>`).join('')}<details><summary>Add to inventory</summary><pre aria-label="Inventory entry for ${esc(x.label)}"><code>${esc(JSON.stringify(x.snippet, null, 2))}</code></pre></details></td></tr>`,
    )
    .join('');
  const chart = horizontalBars('chart-shadow', 'Top shadow servers by machines', `The ${Math.min(10, s.top.length)} shadow servers found on the most machines: ${s.top.slice(0, 10).map((x) => `${x.label} on ${x.machines}`).join(', ')}.`, s.top.slice(0, 10).map((x) => ({ label: x.label, segments: [{ key: 'machines', value: x.machines, color: '#d84315' }] })));
  return `<section aria-labelledby="shadow-h"><h2 id="shadow-h">Top shadow servers</h2><p class="note">${fmt(s.distinct)} distinct shadow server${s.distinct === 1 ? '' : 's'} across the fleet; the ${s.top.length} seen on the most machines are listed. Each has a draft inventory entry (status <code>pending</code>) to paste after review.${s.pruned ? ` ${fmt(s.pruned)} rare ones (one machine when the table was full) were dropped to bound memory.` : ''}</p>${chart}<table><caption>Shadow servers seen on the most machines</caption><thead><tr><th scope="col" class="num">#</th><th scope="col">Server</th><th scope="col" class="num">Machines</th><th scope="col" class="num">Entries</th><th scope="col">Clients</th><th scope="col">Versions</th><th scope="col">Examples</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function hygieneSection(r: FleetReport): string {
  const h = r.hygiene;
  const parts = [`<p class="note">${esc(h.note)}</p>`];
  if (h.inventory) {
    parts.push(`<h3 id="unused-h">Approved but seen on no machine <span class="note">(<span data-metric="unused-approved">${fmt(h.unusedApproved.length)}</span>)</span></h3>`);
    parts.push(h.unusedApproved.length ? listTable('Approved entries no machine uses', ['Id', 'Title'], h.unusedApproved.map((u) => [`<code>${esc(u.id)}</code>`, esc(u.title ?? '')])) : '<p class="note">Every approved entry is in use.</p>');
    parts.push(`<h3 id="pending-h">Pending for more than ${h.pendingDays} days <span class="note">(<span data-metric="stale-pending">${fmt(h.stalePending.length)}</span>)</span></h3>`);
    parts.push(h.stalePending.length ? listTable(`Requests pending for more than ${h.pendingDays} days`, ['Id', 'Title', 'Since', 'Days'], h.stalePending.map((p) => [`<code>${esc(p.id)}</code>`, esc(p.title ?? ''), esc(p.since), fmt(p.ageDays)])) : '<p class="note">None.</p>');
    if (h.pendingWithoutDate.length) parts.push(`<p class="note">Pending without a date (no ${h.dateFields.map((f) => `<code>${f}</code>`).join(' or ')}): ${h.pendingWithoutDate.map((p) => `<code>${esc(p.id)}</code>`).join(', ')}.</p>`);
  }
  parts.push(`<h3 id="deprecated-h">Deprecated servers still in use <span class="note">(<span data-metric="deprecated-in-use">${fmt(h.deprecatedInUse.length)}</span>)</span></h3>`);
  parts.push(
    h.deprecatedInUse.length
      ? listTable(
          'Deprecated servers still configured, and where',
          ['Id', 'Replaced by', 'Machines', 'Entries', 'Clients', 'Example machines'],
          h.deprecatedInUse.map((d) => [`<code>${esc(d.id)}</code>${d.title ? `<br><span class="note">${esc(d.title)}</span>` : ''}`, d.replacedBy ? `<code>${esc(d.replacedBy)}</code>` : '–', fmt(d.machines), fmt(d.occurrences), d.clients.map((c) => `<span class="pill">${esc(c)}</span>`).join(''), esc(d.exampleMachines.join(', '))]),
        )
      : '<p class="note">None.</p>',
  );
  return `<section aria-labelledby="hygiene-h"><h2 id="hygiene-h">Inventory hygiene</h2>${parts.join('')}</section>`;
}

function secretsSection(r: FleetReport): string {
  const s = r.secrets;
  return `<section aria-labelledby="secrets-h"><h2 id="secrets-h">Secrets in config files</h2><p>${fmt(s.findings)} hard-coded secret${s.findings === 1 ? '' : 's'} (<code>hardcoded-secret</code>) in ${fmt(s.servers)} server entr${s.servers === 1 ? 'y' : 'ies'} on ${fmt(s.machines)} machine${s.machines === 1 ? '' : 's'}. They are counted only: no value, name or location is in this report. Run <code>mcp-gatekeeper scan</code> on the machine to see them.</p></section>`;
}

function inputsSection(r: FleetReport): string {
  const i = r.inputs;
  const list = i.invalidFiles.length ? listTable('Files that are not scan results', ['File', 'Problem'], i.invalidFiles.map((f) => [`<code>${esc(f.file)}</code>`, esc(f.error)])) : '';
  return `<section aria-labelledby="inputs-h"><h2 id="inputs-h">Inputs</h2><p>${fmt(i.files)} file${i.files === 1 ? '' : 's'} read, ${fmt(i.machines)} machine${i.machines === 1 ? '' : 's'}, ${fmt(i.invalid)} not usable${i.invalid > i.invalidFiles.length ? ` (first ${i.invalidFiles.length} listed)` : ''}, ${fmt(i.dated)} with a scan date.</p>${list}</section>`;
}

function listTable(caption: string, heads: string[], rows: string[][]): string {
  return `<table><caption>${esc(caption)}</caption><thead><tr>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('')}</tbody></table>`;
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function pct(n: number, total: number): string {
  return total ? `${((n / total) * 100).toFixed(1)}%` : '–';
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
