// Terminal-table helpers shared by the scan and processes tables: safe text, fixed-width cells, wrapping, paths.
import * as path from 'node:path';
import { maskText } from '../secrets';
import { printable } from '../text';

/** Secrets masked and terminal control characters escaped: nothing a config says can drive the terminal. */
export function clean(text: string): string {
  return printable(maskText(text));
}

export function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** Paths keep their end (the file name and line) when cut. */
export function fitLeft(text: string, width: number): string {
  return text.length > width ? `…${text.slice(text.length - width + 1)}` : text.padEnd(width);
}

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out;
}

/** `~/…` for a file under the home folder, the path itself otherwise. */
export function tildePath(file: string, home?: string): string {
  if (home) {
    const rel = path.relative(home, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return `~${path.sep}${rel}`;
  }
  return file;
}
