/**
 * Phrase-aware line breaking for Chinese display text. Browsers break Chinese between any two
 * characters, so a title can end a line in the middle of a word (对 / 话). Titles, questions
 * and quotes are therefore set with `word-break: keep-all` and a `<wbr>` between the words
 * ICU's word segmenter finds; the planner's layout model breaks at the same places.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
/**
 * Marks that may not start a line under `line-break: strict` (closing punctuation, full stops,
 * commas, small kana, the prolonged sound mark), and marks that may not end one (opening
 * brackets and quotes). Shared with the planner's layout model (plan/budgets.ts).
 */
export const NO_LINE_START = /[、。，．：；？！”’」』】》〉）〕ー々…·・ぁぃぅぇぉっゃゅょァィゥェォッャュョ%)\]},.;:!?'"]/u;
export const NO_LINE_END = /[“‘「『【《〈（〔([{]/u;
const NO_START = new RegExp(`^(?:\\s|${NO_LINE_START.source})`, 'u');
const NO_END = new RegExp(`${NO_LINE_END.source}$`, 'u');

/**
 * Splits text into chunks that may each be followed by a line break; joined, they give the
 * text back unchanged. Text without Han characters is one chunk (spaces break it as usual).
 */
export function phraseChunks(text: string): string[] {
  if (!HAN.test(text)) return [text];
  const chunks: string[] = [];
  let prev = '';
  for (const { segment } of segmenter.segment(text)) {
    const last = chunks.length - 1;
    // A break only between two word-like pieces, at least one of them Han: never before closing
    // punctuation or after opening punctuation, and spaces keep their own break.
    const joinable = last >= 0 && (NO_START.test(segment) || NO_END.test(prev) || /\s$/u.test(prev) || !(HAN.test(segment) || HAN.test(prev.slice(-1))));
    if (joinable) chunks[last] += segment;
    else chunks.push(segment);
    prev = segment;
  }
  return chunks;
}

/** UTF-16 offsets in `text` where {@link phraseChunks} allows a break (chunk starts, not 0). */
export function phraseBreaks(text: string): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (const c of phraseChunks(text)) {
    if (at > 0) out.add(at);
    at += c.length;
  }
  return out;
}
