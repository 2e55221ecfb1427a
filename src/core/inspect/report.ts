// The inspection report in three forms: Markdown (the extension's preview), plain text (the CLI's table) and JSON
// (the CLI's --format json). Everything the server sent is untrusted: in Markdown, descriptions and schemas go into
// fenced code blocks (nothing in them renders: no links, images or HTML), every other piece of server text is
// escaped and its URLs defanged, and invisible characters are shown as ⟨U+200B⟩ markers; in text, control characters
// never reach the terminal.
import type { Severity } from '../model';
import { printable } from '../text';
import { cleanText, visibleText } from '../unicode';
import { toolFingerprint } from './fingerprint';
import type { Channel, InspectedServer, InspectFinding, Inspection } from './types';

export interface InspectionReport {
  server: InspectedServer;
  inspectedAt: string;
  inspection: Inspection;
  findings: InspectFinding[];
  /** what the fingerprints were compared with; null on a first inspection without pins */
  baseline: { source: 'inventory' | 'last-inspection'; label: string } | null;
  /** what was left out while planning the connection (unresolvable headers, …) */
  notes: string[];
}

const CHANNELS: Record<Channel, string> = { 'streamable-http': 'streamable HTTP', sse: 'HTTP+SSE', stdio: 'stdio' };

export function summarizeFindings(findings: readonly InspectFinding[]): Record<Severity, number> {
  const s = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

export function toJson(r: InspectionReport): unknown {
  const i = r.inspection;
  return {
    schemaVersion: 1,
    server: r.server,
    inspectedAt: r.inspectedAt,
    via: i.via,
    serverInfo: i.serverInfo,
    instructions: i.instructions,
    baseline: r.baseline,
    summary: { tools: i.tools.length, ...summarizeFindings(r.findings) },
    findings: r.findings,
    tools: i.tools.map((t) => ({ name: t.name, sha256: toolFingerprint(t), ...(t.title ? { title: t.title } : {}), description: t.description ?? null, inputSchema: t.inputSchema ?? null })),
    prompts: i.prompts,
    resources: i.resources,
    notes: [...r.notes, ...i.notes],
  };
}

/** The `tools` array to paste into the server's inventory entry. */
export function pinsSnippet(r: InspectionReport): string {
  const pins = r.inspection.tools.map((t) => ({ name: t.name, sha256: toolFingerprint(t) }));
  return `"tools": ${JSON.stringify(pins, null, 2)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// plain text (terminal)

export function toText(r: InspectionReport): string {
  const i = r.inspection;
  const t = (s: string) => printable(s);
  const lines: string[] = [];
  const s = summarizeFindings(r.findings);
  lines.push(`Server:    ${t(r.server.name)} (${r.server.client}, ${r.server.scope})  ${t(r.server.file)}:${r.server.line}`);
  lines.push(`Reached:   ${CHANNELS[i.via]}  ${t(r.server.target)}`);
  if (i.serverInfo) lines.push(`Reports:   ${cleanText(i.serverInfo.name, 60)} ${cleanText(i.serverInfo.version, 30)}`.trimEnd());
  lines.push(`Tools:     ${i.tools.length}    Prompts: ${i.prompts ? i.prompts.length : 'not offered'}    Resources: ${i.resources ? i.resources.length : 'not offered'}`);
  lines.push(`Compared:  ${r.baseline ? t(r.baseline.label) : 'nothing yet (first inspection; its fingerprints are kept for next time)'}`);
  lines.push('');
  if (r.findings.length) {
    lines.push(`Findings: ${s.error} error(s), ${s.warning} warning(s), ${s.info} info`);
    for (const f of r.findings) {
      lines.push(`  ${f.severity.padEnd(8)} ${f.rule.padEnd(15)} ${t(f.message)}`);
      for (const d of (f.diff ?? '').split('\n').filter(Boolean)) lines.push(`${' '.repeat(27)}${t(d)}`);
    }
  } else {
    lines.push('Findings: none (no hidden instructions, shadowed names or changed tools)');
  }
  if (i.tools.length) {
    lines.push('');
    lines.push('Tools:');
    const width = Math.min(32, Math.max(...i.tools.map((x) => cleanText(x.name, 32).length)));
    for (const tool of i.tools) {
      lines.push(`  ${cleanText(tool.name, 32).padEnd(width)}  ${toolFingerprint(tool).slice(0, 12)}  ${cleanText(tool.description ?? '', 70)}`);
    }
  }
  const notes = [...r.notes, ...i.notes];
  if (notes.length) {
    lines.push('');
    lines.push('Notes:');
    for (const n of notes) lines.push(`  - ${t(n)}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

/** Escapes Markdown and HTML, removes invisible and control characters and defangs URLs: safe as inline text. */
export function mdText(text: string, max = 300): string {
  return cleanText(text, max)
    .replace(/\b(h)(ttps?):\/\//gi, (_m, h: string, rest: string) => `${h}${rest.replace(/t/gi, 'x')}://`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}[.]`)
    .replace(/[\\`*_{}[\]()#+\-!|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A fenced code block that the text cannot close early; invisible characters made visible. */
export function mdCode(text: string, lang = 'text', max = 20_000): string {
  let body = visibleText(text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text);
  body = body.replace(/\r\n?/g, '\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

export function toMarkdown(r: InspectionReport): string {
  const i = r.inspection;
  const s = summarizeFindings(r.findings);
  const out: string[] = [];
  out.push(`# Tool inspection: ${mdText(r.server.name, 120)}`);
  out.push('');
  out.push('| | |');
  out.push('|---|---|');
  out.push(`| Server | ${mdText(r.server.name, 120)} (${r.server.client}, ${r.server.scope}) |`);
  out.push(`| Config | ${mdText(`${r.server.file}:${r.server.line}`, 400)} |`);
  out.push(`| Reached | ${CHANNELS[i.via]}: ${mdText(r.server.target, 400)} |`);
  if (i.serverInfo) out.push(`| Server reports | ${mdText(`${i.serverInfo.name} ${i.serverInfo.version}`, 120)} |`);
  out.push(`| Inspected | ${mdText(r.inspectedAt)} |`);
  out.push(`| Compared with | ${r.baseline ? mdText(r.baseline.label) : 'nothing yet: first inspection (the fingerprints are kept for next time)'} |`);
  if (r.server.inventoryId) out.push(`| Inventory entry | ${mdText(r.server.inventoryId)} |`);
  out.push('');

  out.push(`## Findings: ${s.error} error(s), ${s.warning} warning(s), ${s.info} info`);
  out.push('');
  if (!r.findings.length) out.push('No hidden instructions, shadowed tool names or changed tools were found.');
  for (const f of r.findings) {
    out.push(`- **${f.severity}** \`${f.rule}\`: ${mdText(f.message, 600)}`);
    if (f.diff) {
      out.push('');
      out.push(indent(mdCode(f.diff, 'text', 4000), '  '));
    }
  }
  out.push('');

  out.push(`## Tools (${i.tools.length})`);
  out.push('');
  if (!i.tools.length) out.push('The server lists no tools.');
  for (const t of i.tools) {
    out.push(`### ${mdText(t.name, 120)}`);
    out.push('');
    if (t.title) out.push(`Title: ${mdText(t.title, 200)}  `);
    out.push(`Fingerprint: \`${toolFingerprint(t)}\``);
    out.push('');
    out.push(t.description ? mdCode(t.description) : '_No description._');
    out.push('');
    if (t.inputSchema !== undefined) {
      out.push('Input schema:');
      out.push('');
      out.push(mdCode(JSON.stringify(t.inputSchema, null, 2) ?? 'null', 'json'));
      out.push('');
    }
  }

  if (i.instructions) {
    out.push('## Server instructions');
    out.push('');
    out.push(mdCode(i.instructions));
    out.push('');
  }
  out.push(`## Prompts${i.prompts ? ` (${i.prompts.length})` : ''}`);
  out.push('');
  if (!i.prompts) out.push('Not offered.');
  for (const p of i.prompts ?? []) out.push(`- ${mdText(p.name, 120)}${p.description ? `: ${mdText(p.description, 300)}` : ''}`);
  out.push('');
  out.push(`## Resources${i.resources ? ` (${i.resources.length})` : ''}`);
  out.push('');
  if (!i.resources) out.push('Not offered.');
  for (const res of (i.resources ?? []).slice(0, 200)) out.push(`- ${mdText(res.name ?? res.uri, 120)} (${mdText(res.uri, 300)})`);
  if ((i.resources?.length ?? 0) > 200) out.push(`- … and ${i.resources!.length - 200} more`);
  out.push('');

  if (i.tools.length) {
    out.push('## Pin these tools in the inventory');
    out.push('');
    out.push("Add this to the server's entry in the organization's inventory: any later change of a tool's name, description or input schema is then reported as `tool-changed`.");
    out.push('');
    out.push(mdCode(pinsSnippet(r), 'json'));
    out.push('');
  }
  const notes = [...r.notes, ...i.notes];
  if (notes.length) {
    out.push('## Notes');
    out.push('');
    for (const n of notes) out.push(`- ${mdText(n, 600)}`);
    out.push('');
  }
  return out.join('\n');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}
