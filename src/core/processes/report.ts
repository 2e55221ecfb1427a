// `mcp-gatekeeper processes` output: the JSON contract (schemaVersion 1) and the readable table.
// Everything printed is already masked by `findRunningServers`; the table also strips terminal control characters.
import { formatPackage } from '../evaluate';
import type { Verdict } from '../model';
import { clean, fit, tildePath, wrap } from '../report/cells';
import type { ProcessesResult, RunningServer } from './correlate';

export interface ProcessesJson {
  schemaVersion: 1;
  processes: RunningServer[];
  summary: ProcessesResult['summary'];
}

export function toProcessesJson(result: ProcessesResult): ProcessesJson {
  return { schemaVersion: 1, processes: result.processes, summary: result.summary };
}

const VERDICT_LABEL: Record<Verdict, string> = { approved: 'approved', pending: 'PENDING', rejected: 'REJECTED', deprecated: 'DEPRECATED', unknown: 'SHADOW' };
const COLORS: Record<Verdict, string> = { approved: '32', pending: '33', rejected: '31', deprecated: '33', unknown: '31' };

export interface ProcessesTableOptions {
  home?: string;
  width?: number;
  color?: boolean;
}

export function formatProcessesTable(result: ProcessesResult, options: ProcessesTableOptions = {}): string {
  const width = Math.max(60, options.width ?? 100);
  const lines: string[] = [];
  if (!result.processes.length) {
    lines.push('No running MCP servers found.');
    return lines.join('\n') + '\n';
  }
  const header = ['VERDICT', 'PID', 'USER', 'RUNS', 'CONFIGURED IN'];
  const rows = result.processes.map((p) => [verdictCell(p), String(p.pid), clean(p.user ?? '-'), clean(runs(p)), clean(configuredIn(p))]);
  const widths = header.map((h, i) => Math.min([12, 8, 12, 60, 40][i], Math.max(h.length, ...rows.map((r) => r[i].length))));
  const indent = ' '.repeat(widths[0] + 2);
  lines.push(header.map((h, i) => h.padEnd(widths[i])).join('  ').trimEnd());
  for (const [k, row] of rows.entries()) {
    const p = result.processes[k];
    const cells = row.map((c, i) => fit(c, widths[i]));
    if (options.color) cells[0] = `\u001b[${COLORS[p.verdict]}m${cells[0]}\u001b[0m`;
    lines.push(cells.join('  ').trimEnd());
    const more: string[] = [`$ ${p.commandLine}${p.pids.length > 1 ? ` (pids ${p.pids.join(', ')})` : ''}`];
    if (p.unconfigured) more.push('Running, not configured in any known client.');
    else more.push(`Configured in ${p.matches.map((m) => `${m.client} "${m.name}" (${tildePath(m.file, options.home)}${m.disabled ? ', disabled' : ''})`).join(', ')}.`);
    more.push(...p.findings.map((f) => f.message));
    for (const text of more) for (const w of wrap(clean(text), Math.max(40, width - indent.length))) lines.push(`${indent}${w}`);
  }
  const s = result.summary;
  lines.push('');
  lines.push(
    `${s.total} running MCP server${s.total === 1 ? '' : 's'}: ${s.configured} configured, ${s.unconfigured} not configured in any known client; ` +
      `${s.approved} approved, ${s.pending} pending, ${s.rejected} rejected, ${s.deprecated} deprecated, ${s.unknown} shadow/unapproved.`,
  );
  return lines.join('\n') + '\n';
}

function verdictCell(p: RunningServer): string {
  return p.findings.some((f) => f.rule === 'unapproved-version') ? 'UNAPPROVED' : VERDICT_LABEL[p.verdict];
}

function runs(p: RunningServer): string {
  if (p.bridgedUrl) return `bridge to ${p.bridgedUrl}`;
  if (p.package) return `${p.package.ecosystem === 'oci' ? 'image' : p.package.ecosystem} ${formatPackage(p.package)}`;
  if (p.program) return `program ${p.program}`;
  return p.via;
}

function configuredIn(p: RunningServer): string {
  if (p.unconfigured) return 'NOT CONFIGURED';
  const m = p.matches[0];
  return `${m.client} "${m.name}"${p.matches.length > 1 ? ` +${p.matches.length - 1}` : ''}`;
}




