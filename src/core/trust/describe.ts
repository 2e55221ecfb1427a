// Trust facts as labelled lines, the same in the hover, the request form, the request's Markdown and the CLI.
import { newerVersionExists } from './facts';
import type { TrustInfo } from './types';

const DAY = 24 * 60 * 60 * 1000;

export function trustLines(info: TrustInfo, now: Date = new Date()): [string, string][] {
  if (info.unavailable) return [['Trust signals', `unavailable (${info.unavailable})`]];
  const lines: [string, string][] = [['Registry', info.registry]];
  const newer = newerVersionExists(info);
  if (info.version) lines.push(['Version', `${info.version}${info.versionPublished ? `, published ${when(info.versionPublished, now)}` : ''}`]);
  lines.push(['First published', info.firstPublished ? when(info.firstPublished, now) : 'unknown']);
  if (info.latest) lines.push(['Latest version', `${info.latest}${newer ? ' (newer than the one in use)' : ''}`]);
  lines.push(['Maintainers', info.maintainers === null ? 'not listed by this registry' : String(info.maintainers)]);
  lines.push(['Source repository', info.repository ?? 'none listed']);
  lines.push(['License', info.license ?? 'none listed']);
  if (info.deprecated) lines.push(['Deprecated', info.deprecated]);
  lines.push(['Provenance', info.provenance === null ? 'unknown' : info.provenance ? 'attested' : 'none']);
  return lines;
}

/** `2026-03-01 (2 days ago)` */
export function when(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  const date = iso.slice(0, 10);
  if (Number.isNaN(ms)) return date;
  if (ms < DAY) return `${date} (less than a day ago)`;
  const days = Math.floor(ms / DAY);
  if (days < 60) return `${date} (${days} day${days === 1 ? '' : 's'} ago)`;
  const months = Math.floor(days / 30.44);
  return months < 24 ? `${date} (${months} months ago)` : `${date} (${Math.floor(days / 365.25)} years ago)`;
}
