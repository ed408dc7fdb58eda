/**
 * Turn labels: the one table of the shapes a speaker label takes in a transcript, and the scan
 * that finds them. Every shape is one row of {@link LABEL_PATTERNS}; a new shape is a new row,
 * not a new regex in the reader.
 */

/** What a label hit means. */
export type LabelKind = 'name' | 'continue';

/** A label-shaped match found in a paragraph. */
export interface LabelHit {
  /** Offset of the label's first character. */
  start: number;
  /** Offset just past the label (and the spaces after it): where the turn's words start. */
  end: number;
  /** The name as written, without bold, timestamps, initials or colon ('' for `continue`). */
  raw: string;
  /** True when the label opens the paragraph (or a line of it). */
  atLineStart: boolean;
  /** `continue`: a timestamp alone on a line, so the previous speaker goes on. */
  kind: LabelKind;
  /** Initials the label defines for its name (`Shaun Apps（SA）：` defines `SA`). */
  alias?: string;
  /** The pattern (row of {@link LABEL_PATTERNS}) that matched, for diagnostics and tests. */
  pattern: string;
}

/** One row of the label table. */
export interface LabelPattern {
  /** Name of the shape, with an example. */
  name: string;
  /** Sticky regex tried at a candidate position; groups `name` and `alias`. */
  re: RegExp;
  /** Only where a line starts (never at a sentence start inside a line). */
  lineStart: boolean;
  kind: LabelKind;
}

/** A time stamp: `1:02`, `00:12:31`, `00:20:19.18`. */
export const TIMESTAMP = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const BRACKETED_TS = String.raw`[\[(（【]?${TIMESTAMP}[\])）】]?`;
const PARTICLE = 'de|van|von|der|den|da|di|du|le|la|bin|al|del|dos|ibn';
const LATIN_WORD = String.raw`[A-Z][A-Za-z.'’-]*`;
/** A person's name or role as labels write it: Han (with `·`), capitalised words, a number. */
const NAME = String.raw`[\p{Script=Han}][\p{Script=Han}·•]{0,8}|${LATIN_WORD}(?: (?:${LATIN_WORD}|${PARTICLE})){0,3}(?: \d{1,2}(?!\d|:\d))?`;
/** A lower-case handle (`bitstein:`), accepted only where a line starts. */
const HANDLE = String.raw`[a-z][a-z0-9_.-]{2,23}`;
const BOLD = String.raw`(?:\*\*|__)?`;
const COLON = String.raw`[ \t]*${BOLD}[ \t]*[:：]${BOLD}`;
const LINE_END = String.raw`[ \t]*(?=\n|$)`;
// After a colon: never a URL's `//`; spaces are part of the label.
const AFTER = String.raw`(?!\/\/)[ \t]*`;

const row = (name: string, source: string, lineStart: boolean, kind: LabelKind = 'name'): LabelPattern => ({
  name,
  re: new RegExp(source, 'uy'),
  lineStart,
  kind,
});

/**
 * The label shapes, most specific first. Bold markers are optional everywhere because the
 * reader sees a paragraph's plain text (Markdown emphasis already removed) or its source.
 */
export const LABEL_PATTERNS: readonly LabelPattern[] = [
  // `**00:01:42 - Name**：`, `[00:12:31] Name:`.
  row('timestamp then name', String.raw`${BOLD}[ \t]*${BRACKETED_TS}[ \t]*[-–—]?[ \t]*(?<name>${NAME})${COLON}${AFTER}`, false),
  // `**00:01:42 - Name**` alone on its line, the words below it.
  row('timestamp then name, alone', String.raw`${BOLD}[ \t]*${BRACKETED_TS}[ \t]*[-–—]?[ \t]*(?<name>${NAME})${BOLD}${LINE_END}`, true),
  // `Name (00:12):`, `Name [00:12:31]:`.
  row('name then timestamp', String.raw`${BOLD}[ \t]*(?<name>${NAME})[ \t]*[(\[（]${TIMESTAMP}[)\]）]${COLON}${AFTER}`, false),
  // `Shaun Apps（SA）：` — the initials stand for the name from here on.
  row('name with initials', String.raw`${BOLD}[ \t]*(?<name>${NAME})[ \t]*[(（](?<alias>[A-Z]{1,4}|\p{Script=Han}{1,2})[)）]${COLON}${AFTER}`, false),
  // `**Name:** 00:00:00` with the words in the next paragraph.
  row('name, colon, timestamp', String.raw`${BOLD}[ \t]*(?<name>${NAME})${COLON}[ \t]*[\[(]?${TIMESTAMP}[\])]?${LINE_END}`, false),
  // `**Name** 00:37:24` alone on its line (the colon forgotten).
  row('name, timestamp, alone', String.raw`${BOLD}[ \t]*(?<name>${NAME})${BOLD}[ \t]+[\[(]?${TIMESTAMP}[\])]?${LINE_END}`, true),
  // `**Name:**`, `**Name**:`, `Name:`, `Name：`, `Q:`, `问：`.
  row('name, colon', String.raw`${BOLD}[ \t]*(?<name>${NAME})${COLON}${AFTER}`, false),
  // `bitstein: …` at a line start.
  row('handle, colon', String.raw`${BOLD}[ \t]*(?<name>${HANDLE})${COLON}(?!\/\/)[ \t]+`, true),
  // `**00:03:10**` or `[00:03:10]` alone on a line: the same speaker goes on.
  row('timestamp alone', String.raw`${BOLD}[ \t]*${BRACKETED_TS}${BOLD}${LINE_END}`, true, 'continue'),
];

// Labels start a paragraph, a line, or a sentence: the seed runs `问?名字:答` in one paragraph.
const BOUNDARY = /\n[ \t]*|[。！？!?；;…」』”"）)\]][ \t]*|\.[ \t]+/gu;

function matchAt(text: string, pos: number, atLineStart: boolean): LabelHit | undefined {
  for (const p of LABEL_PATTERNS) {
    if (p.lineStart && !atLineStart) continue;
    p.re.lastIndex = pos;
    const m = p.re.exec(text);
    if (!m) continue;
    const raw = (m.groups?.name ?? '').trim();
    return {
      start: pos,
      end: p.re.lastIndex,
      raw,
      atLineStart,
      kind: p.kind,
      ...(m.groups?.alias ? { alias: m.groups.alias } : {}),
      pattern: p.name,
    };
  }
  return undefined;
}

/** Finds every label-shaped match at a paragraph, line or sentence start. */
export function findLabels(text: string): LabelHit[] {
  const hits: LabelHit[] = [];
  const tryAt = (pos: number, atLineStart: boolean) => {
    const hit = matchAt(text, pos, atLineStart);
    if (hit) hits.push(hit);
  };
  tryAt(text.length - text.trimStart().length, true);
  BOUNDARY.lastIndex = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const pos = m.index + m[0].length;
    const last = hits.at(-1);
    if (pos < text.length && pos > (last?.start ?? -1) && pos >= (last?.end ?? 0)) tryAt(pos, m[0].startsWith('\n'));
  }
  return hits;
}
