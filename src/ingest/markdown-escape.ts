/**
 * Escaping plain text for Markdown source, so that text read from a `.txt` file (or a turn's
 * words) shows verbatim when rendered or written to an outline, and reads back as the same text.
 */

// Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the
// ones that can start inline formatting, links, HTML or entities anywhere in a line.
const INLINE = /[\\`*_[\]<>&~|]/g;
// These only mean something at the start of a line (headings, quotes, lists, setext underlines).
const LINE_START = /^([ \t]*)([#>+=-]|\d{1,9}(?=[.)]))/gm;

const BRACKET: Record<string, string> = { '[': '&#91;', ']': '&#93;' };

/** Escapes plain text so Markdown renders it as the same characters. */
export function escapeMarkdown(text: string): string {
  return text
    // Brackets as character references: `\[…\]` would read as display math (ingest/math-syntax.ts).
    .replace(INLINE, (c) => BRACKET[c] ?? `\\${c}`)
    .replace(LINE_START, (_m, space: string, mark: string) =>
      /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
    );
}
