// Plain SVG charts for the fleet report, drawn by hand: no library, no script, no external font. Each chart is an
// image with a title and a description for screen readers (`role="img"`, `aria-labelledby`), and every chart in
// the report is followed by a table with the same numbers, so colour is never the only carrier of meaning.

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Segment {
  key: string;
  value: number;
  color: string;
}

export interface BarRow {
  label: string;
  segments: Segment[];
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';

/** Horizontal (stacked) bars, one row per label, the total at the end of each bar. */
export function horizontalBars(id: string, title: string, description: string, rows: BarRow[], width = 1000): string {
  const maxChars = 34;
  const labelWidth = Math.min(maxChars * 7.4 + 12, Math.max(80, ...rows.map((r) => Math.min(r.label.length, maxChars) * 7.4 + 12)));
  const barHeight = 22;
  const gap = 8;
  const top = 8;
  const height = top + rows.length * (barHeight + gap) + 4;
  const max = Math.max(1, ...rows.map((r) => sum(r.segments)));
  const plot = width - labelWidth - 70;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = top + i * (barHeight + gap);
    parts.push(`<text x="${labelWidth - 8}" y="${y + barHeight / 2 + 4}" text-anchor="end" font-size="13" fill="currentColor">${escapeXml(truncate(row.label, maxChars))}</text>`);
    let x = labelWidth;
    for (const seg of row.segments) {
      if (seg.value <= 0) continue;
      const w = Math.max(1, (seg.value / max) * plot);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${seg.color}"><title>${escapeXml(`${row.label}: ${seg.key} ${seg.value}`)}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + barHeight / 2 + 4}" font-size="13" fill="currentColor">${sum(row.segments).toLocaleString('en-US')}</text>`);
  });
  return svg(id, title, description, width, height, parts);
}

/** Vertical bars over time (one per day), for the trend. */
export function columnChart(id: string, title: string, description: string, points: { label: string; value: number }[], color: string, width = 1000): string {
  const height = 220;
  const left = 44;
  const bottom = 36;
  const top = 10;
  const max = Math.max(1, ...points.map((p) => p.value));
  const plotW = width - left - 10;
  const plotH = height - top - bottom;
  const step = plotW / Math.max(1, points.length);
  const barW = Math.max(2, Math.min(40, step * 0.7));
  const parts: string[] = [];
  // axis and two gridlines
  for (const f of [0, 0.5, 1]) {
    const y = top + plotH * (1 - f);
    parts.push(`<line x1="${left}" y1="${y.toFixed(1)}" x2="${width - 10}" y2="${y.toFixed(1)}" stroke="currentColor" stroke-opacity="${f === 0 ? 0.6 : 0.15}"/>`);
    parts.push(`<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="currentColor">${Math.round(max * f).toLocaleString('en-US')}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    const h = (p.value / max) * plotH;
    const x = left + i * step + (step - barW) / 2;
    parts.push(`<rect x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${escapeXml(`${p.label}: ${p.value}`)}</title></rect>`);
    if (i % labelEvery === 0) parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="currentColor">${escapeXml(p.label.slice(5))}</text>`);
  });
  return svg(id, title, description, width, height, parts);
}

function svg(id: string, title: string, description: string, width: number, height: number, parts: string[]): string {
  return `<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" ${FONT} xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${parts.join('')}</svg>`;
}

function sum(segments: Segment[]): number {
  return segments.reduce((n, s) => n + s.value, 0);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
