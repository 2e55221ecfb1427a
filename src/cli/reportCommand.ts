// `mcp-gatekeeper report RESULTS... [-o report.html] [--format html|json|md]`: a fleet report over many
// `scan --format json` results (files or folders), read one at a time. Exit 0 written, 1 no usable result, 2 usage.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildFleetReport, renderReport, REPORT_FORMATS, type ReportFormat } from '../core/admin/report';
import { loadInventorySource } from '../core/inventory/sources';
import { oneOf, parse, UsageError } from './args';

export async function runReport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      inventory: { type: 'string' },
      'ca-file': { type: 'string' },
      'pending-days': { type: 'string' },
      top: { type: 'string' },
      title: { type: 'string' },
      now: { type: 'string' },
    },
    true,
  );
  if (!positionals.length) throw new UsageError('report needs scan results: files or folders of `mcp-gatekeeper scan --format json` output');
  const fromExt = values.out ? ({ '.html': 'html', '.htm': 'html', '.json': 'json', '.md': 'md' } as Record<string, ReportFormat>)[path.extname(values.out).toLowerCase()] : undefined;
  const format = oneOf('format', values.format, REPORT_FORMATS, fromExt ?? 'html');
  const pendingDays = count('pending-days', values['pending-days'], 30);
  const top = count('top', values.top, 20);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date (got "${values.now}")`);
  let inventory = null;
  if (values.inventory) {
    const source = /^(https?:\/\/|builtin)/i.test(values.inventory) ? values.inventory : path.resolve(values.inventory);
    const token = process.env.MCPG_INVENTORY_TOKEN;
    const r = await loadInventorySource(source, { cacheDir: null, http: { bearerToken: token || undefined, caFiles: values['ca-file'] ? [path.resolve(values['ca-file'])] : undefined } });
    if (!r.ok) throw new UsageError(r.error, false);
    inventory = r.value;
  }
  for (const p of positionals) if (!(await fs.stat(p).catch(() => null))) throw new UsageError(`${p}: not found`, false);
  const started = Date.now();
  const report = await buildFleetReport(positionals, { inventory, pendingDays, top, now, title: values.title });
  const text = renderReport(report, format);
  if (values.out) {
    const out = path.resolve(values.out);
    await fs.mkdir(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    await fs.writeFile(tmp, text);
    await fs.rename(tmp, out);
    process.stderr.write(
      `Fleet report (${format}) written to ${values.out}: ${report.inputs.machines} machines, ${report.totals.servers} servers, ${report.totals.shadow} shadow, ${report.inputs.invalid} unusable file(s); ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  } else process.stdout.write(text);
  return report.inputs.machines ? 0 : 1;
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number (got "${value}")`);
  return Number(value);
}
