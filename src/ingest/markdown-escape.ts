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

/**
 * Plain text's own emphasis: `_word_` and `*a phrase*`, opened after a space or an opening mark
 * and closed before one, with no marker or line break inside (an underscore between letters,
 * `_fixed_point_`, stays inside). `snake_case`, `__init__` and `2*3*4` are no emphasis.
 */
const PLAIN_EMPHASIS = /(?<=^|[\s(\[{"'“‘—–-])([_*])(?![\s_*])((?:[^_*\n]|(?<=[\p{L}\p{N}])_(?=[\p{L}\p{N}]))*?[^\s_*])\1(?=$|[\s.,;:!?)\]}"'”’—–-])/gu;

/** Escapes plain text like `escapeMarkdown`, but shows its `_word_` / `*word*` as emphasis rather than as the marks. */
export function escapePlainText(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(PLAIN_EMPHASIS)) {
    out += escapeMarkdown(text.slice(at, m.index)) + `*${escapeMarkdown(m[2]!)}*`;
    at = m.index! + m[0].length;
  }
  return out + escapeMarkdown(text.slice(at));
}

/** Plain text with its `_word_` / `*word*` emphasis marks taken off (notes, measuring). */
export function withoutPlainEmphasis(text: string): string {
  return text.replace(PLAIN_EMPHASIS, '$2');
}
