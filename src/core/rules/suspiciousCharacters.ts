// suspicious-characters: invisible or disguised Unicode in what a server is called, runs or connects to: the server
// name, the command, its arguments, the package name and the URL. What the editor shows is then not what runs:
// `npx -y ＠modelcontextprotocol/…` (fullwidth), a Cyrillic `р` in `nрx`, a zero-width space inside a server name that
// shadows another, a bidi override that displays an argument backwards (Trojan Source, CVE-2021-42574), tag
// characters that hide text. Package names and host names must be plain ASCII to be trusted, so any other
// character there is reported, as is a host written as punycode (`xn--…`), which displays as Unicode.
// Severity: error for bidi controls and tag characters (no legitimate use in these fields, and they hide or reorder
// text on purpose); warning for everything else. Messages name characters by code point (`U+200B ZERO WIDTH SPACE`)
// and never print them.
import { domainToUnicode } from 'node:url';
import type { Finding, Severity } from '../model';
import { CONFUSABLES, decodeTags, describeChar, findSuspiciousChars, latinSkeleton, scriptOf, visibleText, type SuspiciousChar } from '../unicode';
import { commandLine, entryFields, packageWord, serverNode, type StringField } from './entryFields';
import type { ServerRule } from './types';

export const suspiciousCharacters: ServerRule = {
  id: 'suspicious-characters',
  name: 'SuspiciousCharacters',
  shortDescription: 'Invisible or look-alike characters in a server name, command, package or URL',
  fullDescription:
    'A server name, command, argument, package name or URL contains invisible characters (zero-width, bidi controls, tag characters, variation selectors), letters from another script that look like Latin ones, or a non-ASCII or punycode host name. What the editor shows is not what runs or where the client connects. Bidi controls and tag characters are errors; the rest are warnings.',
  defaultSeverity: 'warning',
  check({ server, entry, doc }) {
    const fields = entryFields(serverNode(server, entry));
    const out: Finding[] = [];
    const nameChars = findSuspiciousChars(server.name);
    if (nameChars.length) out.push({ ...report(`Server name "${visibleText(server.name)}"`, nameChars, 'the name you read is not the name the client uses'), range: server.range });

    // the package name must be ASCII: its word is checked as an identifier, the other words as text
    const line = commandLine(fields);
    const pkgWord = line && server.package ? packageWord(line, server.package) : undefined;
    const range = (f: StringField) => doc.lines.rangeOf(f.node.offset, f.node.length);
    for (const f of [...(fields.command ? [fields.command] : []), ...fields.args]) {
      if (pkgWord && f === pkgWord.field && pkgWord.text === f.value) {
        const chars = findSuspiciousChars(f.value, true);
        if (chars.length) out.push({ ...report(`${f.label} (package ${visibleText(server.package!.name)})`, chars, 'package names are plain ASCII, so this one imitates another name'), range: range(f) });
        continue;
      }
      const chars = findSuspiciousChars(f.value).filter((c) => !isLineBreakOrTab(c));
      if (chars.length) out.push({ ...report(f.label, chars, 'the command line that runs is not the one you read'), range: range(f) });
    }
    for (const u of fields.urls) {
      const f = urlFinding(u);
      if (f) out.push({ ...f, range: range(u) });
    }
    return out;
  },
};

/** Newlines and tabs are ordinary in a multi-line `sh -c` script. */
function isLineBreakOrTab(c: SuspiciousChar): boolean {
  return c.char === '\n' || c.char === '\r' || c.char === '\t';
}

const MAX_LISTED = 3;

type Report = Omit<Finding, 'range'>;

function report(subject: string, chars: SuspiciousChar[], consequence: string): Report {
  const severity: Severity = chars.some((c) => c.kind === 'bidi' || c.kind === 'tag') ? 'error' : 'warning';
  const items = describeAll(chars);
  const listed = items.slice(0, MAX_LISTED).join(', ');
  const more = items.length > MAX_LISTED ? ` and ${items.length - MAX_LISTED} more` : '';
  return { rule: 'suspicious-characters', severity, message: `${subject} contains ${listed}${more}: ${consequence}.` };
}

/** One phrase per character, runs of tag characters as one (with the text they spell). */
function describeAll(chars: SuspiciousChar[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c.kind === 'tag') {
      let j = i;
      while (j + 1 < chars.length && chars[j + 1].kind === 'tag' && chars[j + 1].position === chars[j].position + 1) j++;
      if (j > i) {
        const hidden = decodeTags(chars.slice(i, j + 1).map((t) => t.char).join(''));
        out.push(`${j - i + 1} invisible tag characters (U+E0000–U+E007F) at characters ${c.position}–${chars[j].position}${hidden ? ` spelling "${visibleText(hidden)}"` : ''}`);
        i = j;
        continue;
      }
    }
    out.push(`${describeChar(c.char)}${KIND_NOTE[c.kind](c.char)} at character ${c.position}`);
  }
  return out;
}

const KIND_NOTE: Record<SuspiciousChar['kind'], (ch: string) => string> = {
  bidi: () => ' (a bidirectional control that reorders what is displayed)',
  tag: () => ' (an invisible tag character)',
  invisible: () => ' (invisible)',
  control: () => ' (a control character)',
  space: () => ' (looks like a space but is not one)',
  'mixed-script': (ch) => {
    const latin = CONFUSABLES.get(ch)?.latin;
    return latin ? ` (looks like Latin "${latin}")` : ` (a ${scriptOf(ch) ?? 'non-Latin'} letter among Latin ones)`;
  },
  compatibility: (ch) => ` (stands for "${ch.normalize('NFKC')}")`,
  'non-ascii': (ch) => {
    const latin = CONFUSABLES.get(ch)?.latin ?? latinSkeleton(ch);
    return latin && latin !== ch && /^[\x21-\x7e]+$/.test(latin) ? ` (looks like "${latin}")` : '';
  },
};

/** A URL: invisible characters anywhere, a host that is not plain ASCII or is punycode. */
function urlFinding(u: StringField): Report | null {
  const host = hostOf(u.value);
  const hostIssue = host ? describeHost(host) : null;
  const consequence = 'the address you read is not the one the client connects to';
  // the host's own letters are described once, by the host phrase
  const chars = findSuspiciousChars(u.value).filter((c) => !hostIssue || (c.kind !== 'mixed-script' && c.kind !== 'compatibility'));
  if (!chars.length) return hostIssue ? { rule: 'suspicious-characters', severity: 'warning', message: `${u.label} host ${hostIssue}: ${consequence}.` } : null;
  const r = report(u.label, chars, consequence);
  return hostIssue ? { ...r, message: r.message.replace(/\.$/, `; its host ${hostIssue}.`) } : r;
}

function hostOf(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url.trim());
  return m && m[1] ? m[1] : null;
}

/** What is wrong with a host name, or null: non-ASCII letters, or punycode labels and what they display as. */
function describeHost(host: string): string | null {
  if (/[^\x21-\x7e]/.test(host)) {
    const odd = [...host].filter((c) => /[^\x21-\x7e]/.test(c));
    const latin = latinSkeleton(host).toLowerCase();
    const passes = latin !== host.toLowerCase() && /^[\x21-\x7e]+$/.test(latin) ? ` that passes for ${latin}` : '';
    return `${visibleText(host)} is an internationalized name (${odd.slice(0, MAX_LISTED).map(describeChar).join(', ')}${odd.length > MAX_LISTED ? ' and more' : ''})${passes}`;
  }
  if (!/(^|\.)xn--/i.test(host)) return null;
  const shown = domainToUnicode(host.toLowerCase());
  if (!shown) return `${host} is a punycode (xn--) name that does not decode`;
  const latin = latinSkeleton(shown).toLowerCase();
  const passes = latin !== shown && /^[\x21-\x7e]+$/.test(latin) ? `, which passes for ${latin}` : '';
  return `${host} is a punycode (xn--) name that browsers and editors display as ${visibleText(shown)}${passes}`;
}
