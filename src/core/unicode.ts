// Unicode that hides or disguises text: invisible characters (zero-width, bidi controls, tag characters, variation
// selectors), look-alike letters from other scripts, and how to name a character in a message without printing it.
// Shared by tool inspection (tool-poisoning) and the config rules (suspicious-characters, lookalike-package).
export const TAG_CHARS = /[\u{E0000}-\u{E007F}]/gu;
export const VS_SUPPLEMENT = /[\u{E0100}-\u{E01EF}]/gu;
export const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
export const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF\u180E]/g;
export const VARIATION_RUN = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]{4,}/gu;
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Text without control or invisible characters, whitespace collapsed, at most `max` characters. */
export function cleanText(text: string, max = 80): string {
  const out = text
    .replace(TAG_CHARS, '')
    .replace(VS_SUPPLEMENT, '')
    .replace(BIDI, '')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** Text with invisible characters made visible (`⟨U+200B⟩`, runs of tag characters as one marker), for diffs. */
export function visibleText(text: string): string {
  return text
    .replace(/[\u{E0000}-\u{E007F}]+/gu, (m) => `⟨${[...m].length} invisible tag characters: "${cleanText(decodeTags(m), 60)}"⟩`)
    .replace(/[\u{E0100}-\u{E01EF}]+/gu, (m) => `⟨${[...m].length} invisible variation selectors⟩`)
    .replace(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060-\u2064\uFEFF\u180E]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`)
    .replace(CONTROL, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Tag characters U+E0020–U+E007E spell ASCII text no one sees. */
export function decodeTags(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
  }
  return out;
}

/** Variation selectors as bytes (U+FE00–FE0F = 0–15, U+E0100–E01EF = 16–255): the "emoji smuggling" encoding. */
export function decodeVariationSelectors(text: string): string {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xfe00 && cp <= 0xfe0f) bytes.push(cp - 0xfe00);
    else if (cp >= 0xe0100 && cp <= 0xe01ef) bytes.push(cp - 0xe0100 + 16);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Mostly letters, digits, punctuation and spaces: decoded bytes worth quoting. */
export function isPrintableText(s: string): boolean {
  if (!s) return false;
  let ok = 0;
  for (const ch of s) if (/[\p{L}\p{N}\p{P}\p{S}\s]/u.test(ch) && !/[\u0000-\u0008\u000E-\u001F\uFFFD]/.test(ch)) ok++;
  return ok / [...s].length >= 0.9;
}

/** A zero-width joiner between two emoji (👩‍💻) is how emoji are written, not a hidden character. */
export function isEmojiJoiner(text: string, index: number): boolean {
  if (text.charCodeAt(index) !== 0x200d) return false;
  const before = String.fromCodePoint(text.codePointAt(Math.max(0, index - 2)) ?? 0);
  const prev = text.charCodeAt(index - 1);
  const prevChar = prev >= 0xdc00 && prev <= 0xdfff ? before : text.charAt(index - 1);
  const next = String.fromCodePoint(text.codePointAt(index + 1) ?? 0);
  return (EMOJI.test(prevChar) || prev === 0xfe0f) && EMOJI.test(next);
}

// ---------------------------------------------------------------------------------------------------------------
// Naming characters

/** Unicode names of the invisible, format and space characters this tool reports (from UnicodeData.txt). */
const NAMES: Record<number, string> = {
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x17b4: 'KHMER VOWEL INHERENT AQ',
  0x17b5: 'KHMER VOWEL INHERENT AA',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE',
  0x2006: 'SIX-PER-EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x206a: 'INHIBIT SYMMETRIC SWAPPING',
  0x206b: 'ACTIVATE SYMMETRIC SWAPPING',
  0x206c: 'INHIBIT ARABIC FORM SHAPING',
  0x206d: 'ACTIVATE ARABIC FORM SHAPING',
  0x206e: 'NATIONAL DIGIT SHAPES',
  0x206f: 'NOMINAL DIGIT SHAPES',
  0x3000: 'IDEOGRAPHIC SPACE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR',
  0xfffa: 'INTERLINEAR ANNOTATION SEPARATOR',
  0xfffb: 'INTERLINEAR ANNOTATION TERMINATOR',
  0xe0001: 'LANGUAGE TAG',
  0xe0020: 'TAG SPACE',
  0xe007f: 'CANCEL TAG',
};

const ASCII_PUNCTUATION_NAMES = [
  'EXCLAMATION MARK', 'QUOTATION MARK', 'NUMBER SIGN', 'DOLLAR SIGN', 'PERCENT SIGN', 'AMPERSAND', 'APOSTROPHE', 'LEFT PARENTHESIS',
  'RIGHT PARENTHESIS', 'ASTERISK', 'PLUS SIGN', 'COMMA', 'HYPHEN-MINUS', 'FULL STOP', 'SOLIDUS',
];
const DIGIT_NAMES = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];
const MORE_PUNCTUATION: Record<string, string> = {
  ':': 'COLON', ';': 'SEMICOLON', '<': 'LESS-THAN SIGN', '=': 'EQUALS SIGN', '>': 'GREATER-THAN SIGN', '?': 'QUESTION MARK', '@': 'COMMERCIAL AT',
  '[': 'LEFT SQUARE BRACKET', '\\': 'REVERSE SOLIDUS', ']': 'RIGHT SQUARE BRACKET', '^': 'CIRCUMFLEX ACCENT', _: 'LOW LINE', '`': 'GRAVE ACCENT',
  '{': 'LEFT CURLY BRACKET', '|': 'VERTICAL LINE', '}': 'RIGHT CURLY BRACKET', '~': 'TILDE',
};

/** `TAG LATIN SMALL LETTER A` for U+E0061: tag characters are named after the ASCII character they shadow. */
function tagName(cp: number): string | undefined {
  const ascii = String.fromCharCode(cp - 0xe0000);
  if (/[a-z]/.test(ascii)) return `TAG LATIN SMALL LETTER ${ascii.toUpperCase()}`;
  if (/[A-Z]/.test(ascii)) return `TAG LATIN CAPITAL LETTER ${ascii}`;
  if (/[0-9]/.test(ascii)) return `TAG DIGIT ${DIGIT_NAMES[Number(ascii)]}`;
  if (cp >= 0xe0021 && cp <= 0xe002f) return `TAG ${ASCII_PUNCTUATION_NAMES[cp - 0xe0021]}`;
  const p = MORE_PUNCTUATION[ascii];
  return p ? `TAG ${p}` : undefined;
}

function nameOf(cp: number): string | undefined {
  if (NAMES[cp]) return NAMES[cp];
  if (cp >= 0xfe00 && cp <= 0xfe0f) return `VARIATION SELECTOR-${cp - 0xfe00 + 1}`;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return `VARIATION SELECTOR-${cp - 0xe0100 + 17}`;
  if (cp > 0xe0020 && cp < 0xe007f) return tagName(cp);
  return CONFUSABLES.get(String.fromCodePoint(cp))?.name;
}

const SHOWABLE = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/**
 * A character as a message can show it: `U+200B ZERO WIDTH SPACE`, `U+0430 CYRILLIC SMALL LETTER A`, or for a visible
 * character without a name here `U+00E9 "é"`. Invisible and control characters themselves are never printed.
 */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = nameOf(cp);
  if (name) return `${code} ${name}`;
  if (SHOWABLE.test(ch)) return `${code} "${ch}"`;
  if (/^\p{M}$/u.test(ch)) return `${code} (a combining mark)`;
  if (/^\p{Z}$/u.test(ch)) return `${code} (a space character)`;
  return `${code} (an invisible or control character)`;
}

// ---------------------------------------------------------------------------------------------------------------
// Look-alike letters

/**
 * Letters of other scripts drawn like Latin letters (the Cyrillic, Greek and Armenian entries of Unicode's
 * confusables.txt that matter for names), with the Latin letter they pass for and their Unicode name.
 */
const CONFUSABLE_LIST: [string, string, string][] = [
  ['\u0430', 'a', 'CYRILLIC SMALL LETTER A'],
  ['\u0435', 'e', 'CYRILLIC SMALL LETTER IE'],
  ['\u043e', 'o', 'CYRILLIC SMALL LETTER O'],
  ['\u0440', 'p', 'CYRILLIC SMALL LETTER ER'],
  ['\u0441', 'c', 'CYRILLIC SMALL LETTER ES'],
  ['\u0443', 'y', 'CYRILLIC SMALL LETTER U'],
  ['\u0445', 'x', 'CYRILLIC SMALL LETTER HA'],
  ['\u0455', 's', 'CYRILLIC SMALL LETTER DZE'],
  ['\u0456', 'i', 'CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I'],
  ['\u0458', 'j', 'CYRILLIC SMALL LETTER JE'],
  ['\u04bb', 'h', 'CYRILLIC SMALL LETTER SHHA'],
  ['\u04cf', 'l', 'CYRILLIC SMALL LETTER PALOCHKA'],
  ['\u0501', 'd', 'CYRILLIC SMALL LETTER KOMI DE'],
  ['\u051b', 'q', 'CYRILLIC SMALL LETTER QA'],
  ['\u051d', 'w', 'CYRILLIC SMALL LETTER WE'],
  ['\u0410', 'A', 'CYRILLIC CAPITAL LETTER A'],
  ['\u0412', 'B', 'CYRILLIC CAPITAL LETTER VE'],
  ['\u0415', 'E', 'CYRILLIC CAPITAL LETTER IE'],
  ['\u041a', 'K', 'CYRILLIC CAPITAL LETTER KA'],
  ['\u041c', 'M', 'CYRILLIC CAPITAL LETTER EM'],
  ['\u041d', 'H', 'CYRILLIC CAPITAL LETTER EN'],
  ['\u041e', 'O', 'CYRILLIC CAPITAL LETTER O'],
  ['\u0420', 'P', 'CYRILLIC CAPITAL LETTER ER'],
  ['\u0421', 'C', 'CYRILLIC CAPITAL LETTER ES'],
  ['\u0422', 'T', 'CYRILLIC CAPITAL LETTER TE'],
  ['\u0425', 'X', 'CYRILLIC CAPITAL LETTER HA'],
  ['\u0405', 'S', 'CYRILLIC CAPITAL LETTER DZE'],
  ['\u0406', 'I', 'CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I'],
  ['\u0408', 'J', 'CYRILLIC CAPITAL LETTER JE'],
  ['\u03b1', 'a', 'GREEK SMALL LETTER ALPHA'],
  ['\u03b3', 'y', 'GREEK SMALL LETTER GAMMA'],
  ['\u03b9', 'i', 'GREEK SMALL LETTER IOTA'],
  ['\u03ba', 'k', 'GREEK SMALL LETTER KAPPA'],
  ['\u03bd', 'v', 'GREEK SMALL LETTER NU'],
  ['\u03bf', 'o', 'GREEK SMALL LETTER OMICRON'],
  ['\u03c1', 'p', 'GREEK SMALL LETTER RHO'],
  ['\u03c5', 'u', 'GREEK SMALL LETTER UPSILON'],
  ['\u03c7', 'x', 'GREEK SMALL LETTER CHI'],
  ['\u0391', 'A', 'GREEK CAPITAL LETTER ALPHA'],
  ['\u0392', 'B', 'GREEK CAPITAL LETTER BETA'],
  ['\u0395', 'E', 'GREEK CAPITAL LETTER EPSILON'],
  ['\u0396', 'Z', 'GREEK CAPITAL LETTER ZETA'],
  ['\u0397', 'H', 'GREEK CAPITAL LETTER ETA'],
  ['\u0399', 'I', 'GREEK CAPITAL LETTER IOTA'],
  ['\u039a', 'K', 'GREEK CAPITAL LETTER KAPPA'],
  ['\u039c', 'M', 'GREEK CAPITAL LETTER MU'],
  ['\u039d', 'N', 'GREEK CAPITAL LETTER NU'],
  ['\u039f', 'O', 'GREEK CAPITAL LETTER OMICRON'],
  ['\u03a1', 'P', 'GREEK CAPITAL LETTER RHO'],
  ['\u03a4', 'T', 'GREEK CAPITAL LETTER TAU'],
  ['\u03a5', 'Y', 'GREEK CAPITAL LETTER UPSILON'],
  ['\u03a7', 'X', 'GREEK CAPITAL LETTER CHI'],
  ['\u0570', 'h', 'ARMENIAN SMALL LETTER HO'],
  ['\u0578', 'n', 'ARMENIAN SMALL LETTER VO'],
  ['\u057d', 'u', 'ARMENIAN SMALL LETTER SEH'],
  ['\u0585', 'o', 'ARMENIAN SMALL LETTER OH'],
  ['\u0131', 'i', 'LATIN SMALL LETTER DOTLESS I'],
  ['\u0251', 'a', 'LATIN SMALL LETTER ALPHA'],
  ['\u0261', 'g', 'LATIN SMALL LETTER SCRIPT G'],
];

export const CONFUSABLES: ReadonlyMap<string, { latin: string; name: string }> = new Map(CONFUSABLE_LIST.map(([ch, latin, name]) => [ch, { latin, name }]));
const CONFUSABLE_RE = new RegExp(`[${CONFUSABLE_LIST.map(([ch]) => ch).join('')}]`, 'g');

/**
 * The Latin text a string passes for: compatibility forms folded (fullwidth `ｎｐｘ`, mathematical `𝐧𝐩𝐱`), accents
 * dropped, look-alike letters of other scripts replaced, invisible characters removed. Case is kept.
 */
export function latinSkeleton(text: string): string {
  return text
    .normalize('NFKC')
    .replace(CONFUSABLE_RE, (ch) => CONFUSABLES.get(ch)?.latin ?? ch)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(INVISIBLE_ALL, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Finding suspicious characters

/** Every character that displays as nothing (or as an ordinary space) in an editor. */
const INVISIBLE_ALL = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
const PLAIN = /^[\x20-\x7e\t\n\r]*$/;
const INVISIBLE_ONE = new RegExp(INVISIBLE_ALL.source, 'u');
const ODD_SPACE = /[\u00A0\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const TAG = /[\u{E0000}-\u{E007F}]/u;
const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const OTHER_SCRIPTS: [string, RegExp][] = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];

export type SuspiciousKind = 'bidi' | 'tag' | 'invisible' | 'control' | 'space' | 'mixed-script' | 'compatibility' | 'non-ascii';

export interface SuspiciousChar {
  kind: SuspiciousKind;
  /** the character (one code point) */
  char: string;
  /** 1-based position in code points, as a person counts characters */
  position: number;
}

/**
 * The characters of `text` that hide or disguise what it says. `identifier` is for what must be plain ASCII to be
 * trusted (package names, host names): every other non-ASCII character is reported too. Emoji sequences (a variation
 * selector after an emoji, a zero-width joiner between two) are how emoji are written and are fine; a newline or a
 * tab is left to the caller.
 */
export function findSuspiciousChars(text: string, identifier = false): SuspiciousChar[] {
  if (PLAIN.test(text)) return []; // nearly every value: printable ASCII, tabs and newlines
  const out: SuspiciousChar[] = [];
  const chars = [...text];
  const mixed = identifier ? new Set<number>() : mixedScriptPositions(chars);
  let offset = 0;
  chars.forEach((ch, i) => {
    const kind = classify(ch, i, chars, text, offset, identifier, mixed);
    if (kind) out.push({ kind, char: ch, position: i + 1 });
    offset += ch.length;
  });
  return out;
}

function classify(ch: string, i: number, chars: string[], text: string, offset: number, identifier: boolean, mixed: Set<number>): SuspiciousKind | null {
  if (ch.charCodeAt(0) < 0x80 && ch.length === 1) return CONTROL_CHAR.test(ch) ? 'control' : null;
  if (BIDI_CONTROL.test(ch)) return 'bidi';
  if (TAG.test(ch)) return 'tag';
  if (VARIATION_SELECTOR.test(ch)) return i > 0 && EMOJI.test(chars[i - 1]) ? null : 'invisible';
  if (ch === '\u200d' && isEmojiJoiner(text, offset)) return null;
  if (INVISIBLE_ONE.test(ch)) return 'invisible';
  if (CONTROL_CHAR.test(ch)) return 'control';
  if (ODD_SPACE.test(ch)) return 'space';
  if (identifier) return 'non-ascii';
  if (mixed.has(i)) return 'mixed-script';
  // a fullwidth or mathematical letter that stands for an ASCII one (`ｎｐｘ`, `𝐧𝐩𝐱`)
  const compat = ch.normalize('NFKC');
  if (compat !== ch && /^[\x21-\x7e]+$/.test(compat)) return 'compatibility';
  return null;
}

/** Positions of the non-Latin letters in words that mix Latin with Cyrillic, Greek, Armenian or Cherokee. */
function mixedScriptPositions(chars: string[]): Set<number> {
  const out = new Set<number>();
  let start = 0;
  const flush = (end: number) => {
    const word = chars.slice(start, end);
    const latin = word.some((c) => /\p{Script=Latin}/u.test(c));
    if (latin) {
      word.forEach((c, k) => {
        if (OTHER_SCRIPTS.some(([, re]) => re.test(c))) out.add(start + k);
      });
    }
  };
  chars.forEach((c, i) => {
    if (!/[\p{L}\p{M}]/u.test(c)) {
      flush(i);
      start = i + 1;
    }
  });
  flush(chars.length);
  return out;
}

/** The script a non-Latin letter belongs to, for messages. */
export function scriptOf(ch: string): string | undefined {
  return OTHER_SCRIPTS.find(([, re]) => re.test(ch))?.[0];
}
