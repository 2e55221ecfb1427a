// The fleet report as Markdown (for a wiki page or a pull request), with the same numbers as the HTML and JSON.
import { VERDICTS, type Breakdown, type FleetReport } from './model';
import { fmt, VERDICT_LABELS } from './html';

export function renderMarkdown(r: FleetReport): string {
  const t = r.totals;
  const out: string[] = [];
  out.push(`# ${r.title}`, '');
  out.push(`Generated ${r.generatedAt.replace('T', ' ').slice(0, 16)} UTC from ${fmt(r.inputs.files)} result files${r.hygiene.inventory ? ` · inventory ${r.hygiene.inventory.source} (${fmt(r.hygiene.inventory.entries)} entries)` : ''}.`, '');
  out.push('## Summary', '');
  out.push(
    table(
      ['Metric', 'Value'],
      [
        ['Machines', fmt(r.inputs.machines)],
        ['Configured MCP servers', fmt(t.servers)],
        ['Shadow servers (enabled)', fmt(t.shadow)],
        ['Machines with a shadow server', fmt(t.machinesWithShadow)],
        ['Machines running a rejected server', fmt(t.machinesWithRejected)],
        ['Machines where every enabled server is approved', fmt(t.machinesClean)],
        ['Unapproved versions of inventory packages', fmt(t.unapprovedVersion)],
        ['Disabled servers', fmt(t.disabled)],
        ['Hard-coded secrets (counted, not shown)', fmt(r.secrets.findings)],
      ],
      [false, true],
    ),
  );
  if (r.inputs.rescannedMachines) out.push('', `${fmt(r.inputs.rescannedMachines)} older results of machines scanned more than once are left out of the totals (the latest scan counts).`);
  out.push('', '## Servers by verdict', '');
  out.push(table(['Verdict', 'Servers'], [...VERDICTS.map((v) => [VERDICT_LABELS[v], fmt(t.byVerdict[v])]), ['total', fmt(t.servers)]], [false, true]));
  out.push('', '## By client', '', breakdown('Client', r.byClient));
  out.push('', '## By scope', '', breakdown('Scope', r.byScope));
  out.push('', '## Trend', '', r.trend.note);
  if (r.trend.days.length) out.push('', table(['Date', 'Machines scanned', 'Servers', 'Shadow servers', 'Machines with shadow'], r.trend.days.map((d) => [d.date, fmt(d.machines), fmt(d.servers), fmt(d.shadow), fmt(d.machinesWithShadow)]), [false, true, true, true, true]));
  out.push('', '## Top shadow servers', '');
  const s = r.shadowServers;
  if (!s.top.length) out.push('No shadow servers: every enabled server matches the inventory.');
  else {
    out.push(`${fmt(s.distinct)} distinct shadow servers across the fleet; the ${s.top.length} seen on the most machines are listed.${s.pruned ? ` ${fmt(s.pruned)} rare ones were dropped to bound memory.` : ''}`, '');
    out.push(table(['#', 'Server', 'Kind', 'Machines', 'Entries', 'Clients', 'Versions'], s.top.map((x, i) => [String(i + 1), code(x.label), x.kind, fmt(x.machines), fmt(x.occurrences), x.clients.join(', '), x.versions.map(code).join(', ') || '–']), [true, false, false, true, true, false, false]));
    for (const [i, x] of s.top.entries()) {
      out.push('', `### ${i + 1}. ${code(x.label)}`, '');
      for (const e of x.examples) out.push(`- ${code(e.launch)} — ${e.machine}, ${e.client}, ${e.scope}, “${e.name}”`);
      out.push('', 'Add to inventory:', '', '```json', JSON.stringify(x.snippet, null, 2), '```');
    }
  }
  const h = r.hygiene;
  out.push('', '## Inventory hygiene', '', h.note);
  if (h.inventory) {
    out.push('', `### Approved but seen on no machine (${h.unusedApproved.length})`, '');
    out.push(h.unusedApproved.length ? table(['Id', 'Title'], h.unusedApproved.map((u) => [code(u.id), u.title ?? ''])) : 'Every approved entry is in use.');
    out.push('', `### Pending for more than ${h.pendingDays} days (${h.stalePending.length})`, '');
    out.push(h.stalePending.length ? table(['Id', 'Title', 'Since', 'Days'], h.stalePending.map((p) => [code(p.id), p.title ?? '', p.since, fmt(p.ageDays)]), [false, false, false, true]) : 'None.');
    if (h.pendingWithoutDate.length) out.push('', `Pending without a date: ${h.pendingWithoutDate.map((p) => code(p.id)).join(', ')}.`);
  }
  out.push('', `### Deprecated servers still in use (${h.deprecatedInUse.length})`, '');
  out.push(
    h.deprecatedInUse.length
      ? table(['Id', 'Replaced by', 'Machines', 'Entries', 'Clients', 'Example machines'], h.deprecatedInUse.map((d) => [code(d.id), d.replacedBy ? code(d.replacedBy) : '–', fmt(d.machines), fmt(d.occurrences), d.clients.join(', '), d.exampleMachines.join(', ')]), [false, false, true, true, false, false])
      : 'None.',
  );
  out.push('', '## Secrets in config files', '', `${fmt(r.secrets.findings)} hard-coded secrets (\`hardcoded-secret\`) in ${fmt(r.secrets.servers)} server entries on ${fmt(r.secrets.machines)} machines. Counted only: no value, name or location is in this report.`);
  out.push('', '## Inputs', '', `${fmt(r.inputs.files)} files read, ${fmt(r.inputs.machines)} machines, ${fmt(r.inputs.invalid)} not usable, ${fmt(r.inputs.dated)} with a scan date.`);
  if (r.inputs.invalidFiles.length) out.push('', table(['File', 'Problem'], r.inputs.invalidFiles.map((f) => [code(f.file), f.error])));
  return `${out.join('\n')}\n`;
}

function breakdown(what: string, list: Breakdown[]): string {
  if (!list.length) return 'No servers.';
  return table([what, 'Machines', ...VERDICTS.map((v) => VERDICT_LABELS[v]), 'Total'], list.map((b) => [code(b.key), fmt(b.machines), ...VERDICTS.map((v) => fmt(b.byVerdict[v])), fmt(b.total)]), [false, true, true, true, true, true, true, true]);
}

function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.map(cell).join(' | ')} |`, `| ${head.map((_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
}
