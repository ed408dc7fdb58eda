/**
 * Heading lines in plain text, recognised by shape. A plain-text file has no heading syntax,
 * so a heading is a short standalone line that does not read as a sentence, a numbered line
 * (`(一)`, `一、`, `1.`, `Part 2`, `第三章`), or an ALL-CAPS English line.
 */

/** The shape that made a line a heading; nesting is decided between shapes. */
export type HeadingStyle = 'chapter' | 'caps' | 'plain' | 'cn-list' | 'cn-paren' | 'arabic' | 'arabic-paren';

const CN_NUM = '[一二三四五六七八九十百零〇]+';
const NUMBERED: [HeadingStyle, RegExp][] = [
  ['chapter', new RegExp(`^第\\s*(?:${CN_NUM}|\\d+)\\s*[章节部篇讲回课]`, 'u')],
  ['chapter', /^(?:part|chapter|section|lesson|lecture|unit|session|round)\s+(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\b/iu],
  ['cn-paren', new RegExp(`^[(（]\\s*${CN_NUM}\\s*[)）]\\s*\\S`, 'u')],
  ['cn-list', new RegExp(`^${CN_NUM}\\s*[、.．]\\s*\\S`, 'u')],
  ['arabic-paren', /^[(（]\s*\d{1,2}\s*[)）]\s*\S/u],
  ['arabic', /^\d{1,2}\s*(?:[.．、]|[)）])\s*(?!\d)\S/u],
];

// Lower rank = more major. Unnumbered headings rank with chapters' immediate children so that
// a document of plain headings with `(一)` items nests the items under the headings.
const RANK: Record<HeadingStyle, number> = {
  chapter: 0,
  caps: 1,
  plain: 1,
  'cn-list': 2,
  'cn-paren': 3,
  arabic: 4,
  'arabic-paren': 5,
};

const HAN = /\p{Script=Han}/u;
const SENTENCE_END = /[。．.!！;；:：,，、…—-]$/u;
const INNER_STOP = /[。！!；;]|[.?？](?=\s+\S)|\?(?=\S)/u;
const LABEL_START = /^[^:：\s][^:：]{0,19}[:：]\s*\S/u;
const TRAILING_CLOSERS = /["'”’」』)）\]]+$/u;

/** Ranks heading styles: a style with a higher rank than the document's first heading nests. */
export function styleRank(style: HeadingStyle): number {
  return RANK[style];
}

/**
 * The heading style a single line has by shape, or undefined when it reads as body text.
 * Context (what follows the line, wrapping) is decided by the caller.
 */
export function headingShape(line: string): HeadingStyle | undefined {
  const t = line.trim();
  if (!t || t.includes('\n')) return undefined;
  const isHan = HAN.test(t);
  const maxLen = isHan ? 40 : 80;
  if ([...t].length > maxLen) return undefined;
  const bare = t.replace(TRAILING_CLOSERS, '');
  const endsAsSentence = SENTENCE_END.test(bare) && !/[?？]$/u.test(bare);
  for (const [style, re] of NUMBERED) {
    if (re.test(t)) return endsAsSentence || /[。！!；;]/u.test(t) ? undefined : style;
  }
  if (endsAsSentence || INNER_STOP.test(stripFinalQuestion(bare))) return undefined;
  if (LABEL_START.test(t)) return undefined;
  if (isCaps(t)) return 'caps';
  return isPlainHeading(t, isHan) ? 'plain' : undefined;
}

function stripFinalQuestion(t: string): string {
  return t.replace(/[?？]+$/u, '');
}

function isCaps(t: string): boolean {
  const letters = t.match(/[A-Za-z]/g) ?? [];
  if (letters.length < 3 || /[a-z]/.test(t) || HAN.test(t)) return false;
  return t.split(/\s+/).length <= 10;
}

function isPlainHeading(t: string, isHan: boolean): boolean {
  if (!/[\p{L}\p{N}]/u.test(t)) return false;
  if (isHan) return [...t].length <= 30;
  // English: a capitalised line of a few words; a lower-case start is a sentence fragment.
  return /^[\p{Lu}\d"'“‘]/u.test(t) && t.split(/\s+/).length <= 10 && t.length <= 70;
}
