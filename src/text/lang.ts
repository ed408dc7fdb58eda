import type { Lang } from '../model/document.js';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]+/g;

/**
 * Detects whether a text is mainly Chinese or English: Chinese when Han characters
 * outnumber Latin words (a Chinese text with English terms stays Chinese).
 */
export function detectLang(text: string): Lang {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return han > 0 && han >= words ? 'zh' : 'en';
}

/** True when the text contains any Han character. */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/**
 * Size of a text in reading units: Chinese characters (Han and full-width letters) plus
 * Latin words. Used for budgets and time estimates in both languages.
 */
export function measure(text: string): { han: number; words: number } {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return { han, words };
}
