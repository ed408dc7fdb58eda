/**
 * Soft-wrapped lines joined back into their paragraph. Many sources wrap prose at about 80
 * columns; a line end there is no sentence end, and a sentence splitter that never crosses a
 * line break would otherwise cut "Usually, KDFs are deliberately" out of a longer sentence.
 * Both readers (Markdown paragraphs, plain-text paragraphs) join lines here, before any
 * sentence work, and keep each piece's first source line.
 *
 * Lines that carry structure stay apart: list items, headings, table rows, code, and
 * transcript labels (`Q:`, `Name:`, a time stamp alone), which start a new piece so that a
 * turn keeps its exact source line.
 */
import type { Block, Section, SourceDocument } from '../model/document.js';
import { findLabels } from './speakers.js';

/** A run of source lines joined into one text. */
export interface UnwrappedPiece {
  /** The joined text; `\n` only where a line break carries structure (a bullet line, a hard break). */
  text: string;
  /** Index of the piece's first line in the input (add the first line's number for a source line). */
  first: number;
  /** How many input lines the piece covers. */
  count: number;
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/** A list item, bullet or numbered, as Markdown or as plain text writes one. */
const LIST_ITEM = /^\s*(?:[-*+•·▪◦●○■□►▶✓✔✗✘]\s+|\d{1,3}[.)]\s+|[(（]\d{1,3}[)）]\s*|[(（]?[一二三四五六七八九十]{1,3}[)）、]\s*|[a-zA-Z][.)]\s+(?=\S))/u;
const HEADING = /^\s{0,3}#{1,6}\s/u;
/** A table row: opens or closes with a pipe, or holds two or more cell separators. */
const TABLE_ROW = /^\s*\||\|\s*$|\|.*\|/u;
/** A code fence. */
const CODE_FENCE = /^\s*(?:```|~~~)/u;
/** A Markdown hard break at a line's end: two spaces or a backslash. */
const HARD_BREAK = / {2,}$|\\$/u;

/**
 * True when `line` starts a line of its own: a list item, heading, table row, code fence or
 * speaker label is never joined to the line before it.
 */
export function startsOwnLine(line: string): boolean {
  return LIST_ITEM.test(line) || HEADING.test(line) || TABLE_ROW.test(line) || CODE_FENCE.test(line) || opensWithLabel(line);
}

/**
 * True when nothing may be joined after `line`: a heading, table row, code fence, or a label
 * standing alone (its words follow below it). A list item's wrapped continuation does join it.
 */
export function endsOwnLine(line: string): boolean {
  return HEADING.test(line) || TABLE_ROW.test(line) || CODE_FENCE.test(line) || labelOnly(line);
}

/** True when `line` opens with a speaker label or a time stamp (a new turn starts there). */
export function opensWithLabel(line: string): boolean {
  const body = line.trimStart();
  const hit = findLabels(body)[0];
  return hit !== undefined && hit.start === 0;
}

/** True when `line` is a label and nothing else (`**Name:** 00:00:00`, `[00:03:10]`): its words follow below. */
function labelOnly(line: string): boolean {
  const body = line.trim();
  const hit = findLabels(body)[0];
  return hit !== undefined && hit.start === 0 && hit.end >= body.length;
}

/**
 * Joins two lines of one paragraph: Chinese (a wide character on both sides of the break)
 * without a space, a word broken at a hyphen (`lock-` / `free`) without one, anything else
 * with one space.
 */
export function joinLines(a: string, b: string): string {
  const left = a.replace(/\s+$/u, '');
  const right = b.replace(/^\s+/u, '');
  if (!left) return right;
  if (!right) return left;
  if (WIDE.test(left.at(-1)!) && WIDE.test(right[0]!)) return left + right;
  if (/\p{L}-$/u.test(left) && /^\p{Ll}/u.test(right)) return left + right;
  return `${left} ${right}`;
}

/**
 * Cuts the lines of one paragraph into pieces and joins each piece's soft-wrapped lines.
 * A label line starts a new piece; other lines that start or end a line of their own (see
 * {@link startsOwnLine}, {@link endsOwnLine}) and the line after a hard break stay on their own
 * line, inside the piece, with `\n`.
 *
 * @param lines The paragraph's source lines, in order (no blank lines).
 * @param options.hardBreaks Honour Markdown hard breaks (two trailing spaces, a backslash).
 */
export function unwrapLines(lines: readonly string[], options: { hardBreaks?: boolean } = {}): UnwrappedPiece[] {
  const pieces: UnwrappedPiece[] = [];
  let cur: UnwrappedPiece | undefined;
  let prev = '';
  let prevHard = false;
  lines.forEach((raw, i) => {
    const hard = options.hardBreaks === true && HARD_BREAK.test(raw);
    const line = hard ? raw.replace(/(?:\s+|\\)$/u, '') : raw.replace(/\s+$/u, '');
    if (!cur || (opensWithLabel(line) && !LIST_ITEM.test(line))) {
      cur = { text: line.trim(), first: i, count: 1 };
      pieces.push(cur);
    } else {
      const apart = prevHard || startsOwnLine(line) || endsOwnLine(prev);
      cur.text = apart ? `${cur.text}\n${line.trim()}` : joinLines(cur.text, line);
      cur.count++;
    }
    prev = line;
    prevHard = hard;
  });
  return pieces;
}

/** One text from the lines of one paragraph, joined as {@link unwrapLines} joins them (pieces on their own lines). */
export function unwrapText(text: string, options: { hardBreaks?: boolean } = {}): string {
  if (!text.includes('\n')) return text;
  return unwrapLines(text.split('\n'), options).map((p) => p.text).join('\n');
}

/** A paragraph block's fields: Markdown source, plain text, first source line. */
export interface ParagraphPiece {
  markdown: string;
  text: string;
  line: number;
}

/**
 * A Markdown paragraph as the pieces {@link unwrapLines} cuts it into, each with its own
 * Markdown source lines and first source line. The plain text's lines and the source's lines
 * correspond one to one unless inline markup spans a line break in a way that changes their
 * count; then the paragraph stays one piece, its text joined.
 *
 * @param markdown The paragraph's Markdown source (trimmed).
 * @param text Its plain text (trimmed), line breaks as in the source.
 * @param line The source line of its first line.
 */
export function unwrapParagraph(markdown: string, text: string, line: number): ParagraphPiece[] {
  if (!text.includes('\n')) return [{ markdown, text, line }];
  const textLines = text.split('\n');
  const mdLines = markdown.split('\n');
  if (mdLines.length !== textLines.length) return [{ markdown, text: unwrapText(text), line }];
  // Hard breaks are read from the source: the plain text has lost the trailing spaces.
  const marked = textLines.map((t, i) => (HARD_BREAK.test(mdLines[i]!) ? `${t}\\` : t));
  return unwrapLines(marked, { hardBreaks: true }).map((p) => ({
    markdown: mdLines.slice(p.first, p.first + p.count).join('\n'),
    text: p.text,
    line: line + p.first,
  }));
}

/**
 * The document with every paragraph unwrapped (see {@link unwrapParagraph}): a paragraph that
 * holds several labelled turns becomes one paragraph block per turn, each with its own source
 * line; the intro and pull quotes are joined the same way. Author notes stay as written (they
 * may hold lists and code). Plain-text paragraphs come already joined (plain-paragraphs.ts).
 */
export function unwrapDocument(doc: SourceDocument): SourceDocument {
  const blocks = (list: readonly Block[]): Block[] =>
    list.flatMap((b): Block[] => {
      if (b.kind === 'paragraph') return unwrapParagraph(b.markdown, b.text, b.line).map((p) => ({ kind: 'paragraph', ...p }));
      if (b.kind === 'quote') return [{ ...b, text: unwrapText(b.text) }];
      return [b];
    });
  const section = (s: Section): Section => ({ ...s, blocks: blocks(s.blocks), subsections: s.subsections.map(section) });
  return { ...doc, intro: doc.intro.map((t) => unwrapText(t)), sections: doc.sections.map(section) };
}
