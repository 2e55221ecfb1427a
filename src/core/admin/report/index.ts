// The fleet report: streamed aggregation of scan results, rendered as HTML, Markdown or JSON from one model.
import { buildFleetReport, type ReportOptions } from './aggregate';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { FleetReport } from './model';

export type ReportFormat = 'html' | 'json' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json', 'md'];

export function renderReport(report: FleetReport, format: ReportFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'md':
      return renderMarkdown(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

export { buildFleetReport, type ReportOptions, type FleetReport };
