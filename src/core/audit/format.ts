// The change log for people: a terminal table (`mcp-gatekeeper log`) and a Markdown document (the extension's
// "Show Change Log"), newest first. Both escape what came from config files; secrets were masked when written.
import { mdCode, mdText } from '../inspect/report';
import { clean, fit, fitLeft, tildePath } from '../report/cells';
import { printable } from '../text';
import type { AuditLogContents } from './log';
import type { AuditRecord } from './record';

/** Newest first, at most `limit`. */
export function newestFirst(records: readonly AuditRecord[], limit?: number): AuditRecord[] {
  const out = [...records].reverse();
  return limit !== undefined ? out.slice(0, limit) : out;
}

/** `2026-11-25 14:31:27Z`: UTC, to the second. */
export function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** What the record did, in a few words: the fix kind or the request channel. */
export function whatChanged(r: AuditRecord): string {
  if (r.action === 'request') return `request (${r.request?.channel ?? '?'}${r.request?.id ? ` #${r.request.id}` : ''})`;
  return `${r.action} ${r.fix ?? ''}`.trim();
}

export interface TableOptions {
  home?: string;
  width?: number;
}

export function formatAuditTable(records: readonly AuditRecord[], options: TableOptions = {}): string {
  if (!records.length) return 'No changes recorded.\n';
  const header = ['TIME', 'TOOL', 'ACTION', 'SERVER', 'RULE', 'FILE'];
  const rows = records.map((r) => [
    shortTime(r.time),
    r.tool,
    whatChanged(r),
    clean(r.server),
    r.rules.join(',') || '-',
    r.file ? clean(tildePath(r.file, options.home)) : '-',
  ]);
  const max = [20, 9, 26, 24, 28, Math.max(20, (options.width ?? 160) - 120)];
  const widths = header.map((h, i) => Math.min(max[i], Math.max(h.length, ...rows.map((row) => row[i].length))));
  const lines = [header.map((h, i) => h.padEnd(widths[i])).join('  ').trimEnd()];
  for (const row of rows) lines.push(row.map((c, i) => (i === 5 ? fitLeft(c, widths[i]) : fit(c, widths[i]))).join('  ').trimEnd());
  return `${lines.join('\n')}\n`;
}

export interface MarkdownOptions {
  /** the log file, named at the top */
  file: string;
  home?: string;
  limit?: number;
}

const FORMATS: Record<string, string> = { json: 'jsonc', jsonc: 'jsonc', yaml: 'yaml', yml: 'yaml', toml: 'toml' };

export function formatAuditMarkdown(log: AuditLogContents, options: MarkdownOptions): string {
  const records = newestFirst(log.records, options.limit);
  const out: string[] = ['# MCP Gatekeeper change log', ''];
  out.push(`Every change MCP Gatekeeper made to an MCP configuration, and every approval request it sent, newest first. Secret values are masked. Log file: ${mdPath(tildePath(options.file, options.home))}.`);
  out.push('');
  if (log.skipped) out.push(`> ${log.skipped} line${log.skipped === 1 ? '' : 's'} of the log could not be read and ${log.skipped === 1 ? 'is' : 'are'} not shown.`, '');
  if (!records.length) {
    out.push('No changes recorded yet.');
    return `${out.join('\n')}\n`;
  }
  if (options.limit !== undefined && log.records.length > records.length) out.push(`Showing the newest ${records.length} of ${log.records.length} records.`, '');
  for (const r of records) {
    out.push(`## ${shortTime(r.time)} · ${mdText(whatChanged(r), 80)} · ${mdText(r.server, 120)}`, '');
    const facts: [string, string][] = [
      ['By', `${mdText(r.user, 80)}${r.host ? ` on ${mdText(r.host, 80)}` : ''} (${r.tool}${r.toolVersion ? ` ${mdText(r.toolVersion, 40)}` : ''})`],
    ];
    if (r.file) facts.push(['File', `${mdPath(tildePath(r.file, options.home))}${r.client ? ` (${mdText(r.client, 40)})` : ''}`]);
    if (r.title) facts.push(['Change', mdText(r.title, 300)]);
    if (r.rules.length) facts.push(['Rules', r.rules.map((x) => `\`${x.replace(/`/g, '')}\``).join(', ')]);
    if (r.droppedEnvNames?.length) facts.push(['Removed from the entry', r.droppedEnvNames.map((n) => mdText(n, 80)).join(', ')]);
    if (r.saved === false) facts.push(['Saved', 'no: applied to the open editor, not saved when recorded']);
    if (r.backup) facts.push(['Backup', mdPath(tildePath(r.backup, options.home))]);
    if (r.request) {
      facts.push(['Sent', `${r.request.channel}${r.request.url ? ` to ${mdPath(r.request.url)}` : ''}${r.request.id ? `, request #${mdText(r.request.id, 80)}` : ''}`]);
      if (r.request.verdict) facts.push(['Verdict then', mdText(r.request.verdict, 40)]);
    }
    for (const [k, v] of facts) out.push(`- **${k}:** ${v}`);
    out.push('');
    const lang = FORMATS[/\.([a-z]+)$/i.exec(r.file ?? '')?.[1]?.toLowerCase() ?? ''] ?? 'text';
    if (r.before !== undefined) out.push('Before:', '', r.before === null ? '_(not found)_' : mdCode(r.before, lang), '');
    if (r.after !== undefined) out.push('After:', '', r.after === null ? '_(removed)_' : mdCode(r.after, lang), '');
  }
  return `${out.join('\n')}\n`;
}

/** A path or URL as inline code: shown exactly (no escapes to read around, no link), control characters made visible. */
function mdPath(text: string): string {
  return `\`${printable(text).replace(/[\r\n]+/g, ' ').replace(/`/g, "'").slice(0, 500)}\``;
}
