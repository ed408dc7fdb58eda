/**
 * Words a short line of text must not end on: a bullet, or a heading-like line, that stops on
 * one stops in mid-thought ("The meetings are all", "Nat consists of"). Shared by the planner's
 * key points and the plain-text reader, which tells topic lines from lead-ins with it.
 */
import type { Lang } from '../model/document.js';

/**
 * English words a bullet must not end on: articles, prepositions, conjunctions, pronouns that
 * open a clause and auxiliaries. A bullet that stops on one stops in mid-thought ("The meetings
 * are all", "which is").
 */
export const FUNCTION_WORDS = {
  en: new Set([
    'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'so', 'yet', 'if', 'then', 'than', 'that', 'which', 'who', 'whom', 'whose', 'what',
    'when', 'while', 'where', 'because', 'since', 'unless', 'although', 'though', 'whether', 'as', 'of', 'to', 'in', 'on', 'at', 'by',
    'for', 'with', 'from', 'into', 'onto', 'about', 'over', 'under', 'between', 'through', 'without', 'within', 'via', 'per', 'like',
    'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did', 'can', 'could', 'will',
    'would', 'shall', 'should', 'may', 'might', 'must', 'not', 'no', 'very', 'all', 'some', 'any', 'every', 'each', 'my', 'your',
    'our', 'their', 'its', 'his', 'her', 'this', 'these', 'those', 'i', 'we', 'you', 'they', 'he', 'she', 'it', "i'm", "you're",
    "we're", "they're", "it's", "that's", "there's", "don't", "doesn't", "isn't", "aren't", 'also', 'just', 'more', 'most', 'less',
  ]),
  /** Chinese characters a bullet must not end on: particles, conjunctions, prepositions, 是. */
  zh: /(?:的|地|得|和|与|及|或|在|对|把|被|从|向|是|而|并|但|跟|同|为|以|于|让|使|将|之|就|也|都|还|很|更|最)$/u,
} as const;

/**
 * Chinese words that end on a character of {@link FUNCTION_WORDS}.zh but are whole nouns or
 * adjectives, so a sentence may end on them ("…不会产生未定义行为", "…达到目的"): the
 * Chinese counterpart of an English compound such as "head-on".
 */
const ZH_WHOLE_WORDS = /(?:行为|目的|总和|绝对|相对|参与|温和|平和)$/u;

/** True when a bullet (trailing punctuation and "…" ignored) ends on a function word or a colon. */
export function endsOnFunctionWord(text: string, lang: Lang): boolean {
  const body = text.replace(/[\s…]+$/u, '');
  if (/[:：]$/u.test(body)) return true;
  const bare = body.replace(/[\s。．.!！?？,，;；、—–\-"'”’」』)）\]]+$/u, '');
  if (/\p{Script=Han}$/u.test(bare)) return FUNCTION_WORDS.zh.test(bare) && !ZH_WHOLE_WORDS.test(bare);
  // A hyphenated compound ("head-on", "built-in") is one word: its last part is no function word.
  const last = (/[\p{L}'’]+(?:-[\p{L}'’]+)*$/u.exec(bare)?.[0] ?? '').toLowerCase().replace(/’/gu, "'");
  return FUNCTION_WORDS.en.has(last);
}
