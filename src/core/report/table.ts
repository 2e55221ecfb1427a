// The human-readable table: each server, where it was found (client, file, line), its verdict and why.
import * as path from 'node:path';
import type { CheckedServer, Verdict } from '../model';
import type { ScanResult } from '../scan';
import { clean, fit, fitLeft, tildePath, wrap } from './cells';

const VERDICT_LABEL: Record<Verdict, string> = {
  approved: 'approved',
  pending: 'PENDING',
  rejected: 'REJECTED',
  deprecated: 'DEPRECATED',
  unknown: 'SHADOW',
};

export interface TableOptions {
  home?: string;
  /** terminal width; long "why" texts wrap to it */
  width?: number;
  color?: boolean;
}

export function formatTable(result: ScanResult, options: TableOptions = {}): string {
  const width = Math.max(60, options.width ?? 100);
  const color = options.color ?? false;
  const lines: string[] = [];
  const inv = result.inventory;
  lines.push(`Inventory: ${inv.inventory.organization ?? '(no organization)'} — ${inv.inventory.servers.length} entries from ${clean(inv.source)}${inventoryAge(inv)}`);
  if (inv.error) lines.push(`  ${inv.stale ? 'STALE: ' : ''}the live source failed, using the copy fetched ${inv.fetchedAt}: ${clean(inv.error)}`);
  lines.push('');

  if (!result.servers.length) {
    lines.push('No MCP servers found.');
  } else {
    // one row per server; the explanation goes on the lines below it, wrapped to the terminal
    const header = ['VERDICT', 'SERVER', 'CLIENT', 'SCOPE', 'LOCATION'];
    const rows = result.servers.map((s) => [verdictCell(s), clean(s.name), s.client, s.scope, `${shortPath(s.file, options.home)}:${s.range.start.line + 1}`]);
    const widths = header.map((h, i) => Math.min(i === 4 ? 70 : 28, Math.max(h.length, ...rows.map((r) => r[i].length))));
    const indent = ' '.repeat(widths[0] + 2);
    lines.push(header.map((h, i) => h.padEnd(widths[i])).join('  ').trimEnd());
    for (const [k, row] of rows.entries()) {
      const cells = row.map((c, i) => (i === 4 ? fitLeft(c, widths[i]) : fit(c, widths[i])));
      if (color) cells[0] = paint(result.servers[k].verdict, cells[0]);
      lines.push(cells.join('  ').trimEnd());
      for (const more of wrap(clean(why(result.servers[k])), Math.max(40, width - indent.length))) lines.push(`${indent}${more}`);
    }
  }

  // findings about a file rather than a server (a workspace setting policy, Claude Code settings approving tools)
  const fileFindings = result.files.flatMap((f) => (f.findings ?? []).map((finding) => ({ f, finding })));
  if (fileFindings.length) {
    lines.push('');
    lines.push('Findings about files:');
    for (const { f, finding } of fileFindings) {
      lines.push(`  ${finding.severity.toUpperCase().padEnd(7)}  ${shortPath(f.path, options.home)}:${finding.range.start.line + 1} (${f.client})  ${finding.rule}`);
      for (const more of wrap(clean(finding.message), Math.max(40, width - 11))) lines.push(`           ${more}`);
    }
  }

  const broken = result.files.filter((f) => f.error);
  if (broken.length) {
    lines.push('');
    lines.push('Files with problems:');
    for (const f of broken) lines.push(`  ${shortPath(f.path, options.home)} (${f.client}): ${clean(f.error ?? '')}`);
  }

  const s = result.summary;
  lines.push('');
  lines.push(
    `${s.total} server${s.total === 1 ? '' : 's'} in ${result.files.filter((f) => !('absent' in f && f.absent)).length} file(s): ` +
      `${s.approved} approved, ${s.pending} pending, ${s.rejected} rejected, ${s.deprecated} deprecated, ${s.unknown} shadow/unapproved.`,
  );
  return lines.join('\n') + '\n';
}

function inventoryAge(inv: ScanResult['inventory']): string {
  if (!inv.fetchedAt || !inv.fromCache) return '';
  const hours = Math.max(0, (Date.now() - Date.parse(inv.fetchedAt)) / 3_600_000);
  return ` (cached copy, ${hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`} old)`;
}

function verdictCell(s: CheckedServer): string {
  const label = s.findings.some((f) => f.rule === 'unapproved-version') ? 'UNAPPROVED' : VERDICT_LABEL[s.verdict];
  return s.disabled ? `${label} (off)` : label;
}

function why(s: CheckedServer): string {
  if (s.findings.length) return s.findings.map((f) => f.message).join(' ');
  return s.inventoryId ? `Approved ("${s.inventoryId}" in the inventory).` : 'Approved: it goes through the organization gateway.';
}


function shortPath(file: string, home?: string): string {
  const tilde = tildePath(file, home);
  if (tilde !== file) return tilde;
  const relCwd = path.relative(process.cwd(), file);
  return relCwd && !relCwd.startsWith('..') && !path.isAbsolute(relCwd) ? relCwd : file;
}




const COLORS: Record<Verdict, string> = { approved: '32', pending: '33', rejected: '31', deprecated: '33', unknown: '31' };

function paint(verdict: Verdict, text: string): string {
  return `\u001b[${COLORS[verdict]}m${text}\u001b[0m`;
}
