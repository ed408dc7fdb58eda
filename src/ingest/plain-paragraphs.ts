/**
 * Paragraphs from plain-text lines. Two conventions meet here: one paragraph per line (most
 * Chinese `.txt` files, the scraped-article style) and hard-wrapped text, where lines are cut
 * at a fixed width and paragraphs are separated by blank lines or a short last line.
 */
import type { SourceLine } from './plain-meta.js';
import { headingShape } from './plain-headings.js';
import { endsOwnLine, joinLines, startsOwnLine } from './unwrap.js';

/** A paragraph of plain text with the source line it starts on. */
export interface RawParagraph {
  text: string;
  line: number;
  /** How many source lines were joined into it (1 for a standalone line). */
  lineCount: number;
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const COMPLETE_END = /[.!?。！？;；:：…"'”’」』)）\]]$/u;
const LOWER_START = /^[a-z]/;
// A line opening with `Name:` after a finished sentence is a new turn, even in wrapped text:
// keeping it apart keeps the turn's source line exact.
const LABEL_START = /^(?:\*\*)?[^\s:：*]{1,20}(?: [^\s:：*]+){0,2}(?:\*\*)?[:：]\s*\S/u;

/** Width of a line in terminal columns: East Asian wide characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/**
 * The width a hard-wrapped text was wrapped at, or undefined when lines are not wrapped.
 * Wrapped when most lines that continue into a next line are close to one common width;
 * a file of one paragraph per line has widely varying (and often very long) lines.
 */
export function wrapWidth(lines: readonly SourceLine[]): number | undefined {
  const inner: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.text) continue;
    all.push(displayWidth(lines[i]!.text));
    if (lines[i + 1]?.text) inner.push(all.at(-1)!);
  }
  if (inner.length < 3) return undefined;
  const sorted = [...inner].sort((a, b) => a - b);
  const w = sorted[Math.floor((sorted.length - 1) * 0.9)]!;
  if (w < 20 || w > 160) return undefined;
  // A wrapper never leaves a line much longer than its width.
  const over = all.filter((x) => x > w * 1.15).length;
  const near = inner.filter((x) => x >= w * 0.7 && x <= w * 1.1).length;
  return near >= inner.length * 0.6 && over <= all.length * 0.05 ? w : undefined;
}

function continues(prev: string, next: string, width: number | undefined): boolean {
  // List items, table rows and labels keep their lines (unwrap.ts), wrapped or not.
  if (startsOwnLine(next) || endsOwnLine(prev)) return false;
  const prevHeading = headingShape(prev) !== undefined;
  const long = width !== undefined && displayWidth(prev) >= width * 0.7;
  // A long line in wrapped text was cut by the wrapper, whatever its shape.
  if (long) return !(COMPLETE_END.test(prev) && (isStrongHeading(next) || LABEL_START.test(next)));
  if (prevHeading) return false;
  return !COMPLETE_END.test(prev) && (LOWER_START.test(next) || /[-,，]$/u.test(prev));
}

function isStrongHeading(line: string): boolean {
  const s = headingShape(line);
  return s !== undefined && s !== 'plain';
}

/**
 * Groups lines into paragraphs. Blank lines always separate. Between two non-blank lines,
 * the second continues the first when the text is wrapped and the first line runs near the
 * wrap width, or when the first line is unfinished and the second starts in lower case.
 * Otherwise each line is a paragraph of its own, so a short heading line never swallows,
 * or is swallowed by, the text around it.
 */
export function buildParagraphs(lines: readonly SourceLine[]): RawParagraph[] {
  const width = wrapWidth(lines);
  const out: RawParagraph[] = [];
  let cur: RawParagraph | undefined;
  let prevText = '';
  for (const { text, line } of lines) {
    if (!text) {
      cur = undefined;
      prevText = '';
      continue;
    }
    if (cur && continues(prevText, text, width)) {
      cur.text = joinLines(cur.text, text);
      cur.lineCount++;
    } else {
      cur = { text, line, lineCount: 1 };
      out.push(cur);
    }
    prevText = text;
  }
  return out;
}
