import type { Lang } from '../model/document.js';
import { measure } from '../text/lang.js';
import { splitSentences } from '../text/sentences.js';

/**
 * Editorial text budgets, per language, in reading units (Chinese characters or English
 * words): how much a slide should say, whatever the room. Whether it also fits the room is
 * measured with the layout model in `text/layout.ts`.
 */
export const budgets = {
  title: { zh: 36, en: 16 },
  question: { zh: 80, en: 40 },
  quote: { zh: 60, en: 30 },
  /** Per bullet. */
  point: { zh: 30, en: 16 },
  points: { zh: 5, en: 5 },
  agendaItems: { zh: 7, en: 7 },
} as const;

/** Size of a text in the units of its language: Chinese characters plus English words. */
export function units(text: string, lang: Lang): number {
  const { han, words } = measure(text);
  return lang === 'zh' ? han + Math.ceil(words * 1.5) : words + Math.ceil(han / 2);
}

/**
 * Cuts text at a sentence boundary so that the kept part fits `max` units; the rest is
 * returned separately (it goes to the notes). When `fromEnd` is set the last sentences are
 * kept (a long question usually ends with the actual question).
 */
export function cutToBudget(text: string, max: number, lang: Lang, fromEnd = false): { kept: string; rest: string } {
  return cutToFit(text, (t) => units(t, lang) <= max, lang, fromEnd);
}

/** Like {@link cutToBudget}, with any test of whether a run of sentences fits. */
export function cutToFit(text: string, fits: (kept: string) => boolean, lang: Lang, fromEnd = false): { kept: string; rest: string } {
  if (fits(text.trim())) return { kept: text.trim(), rest: '' };
  const sentences = splitSentences(text, lang);
  const order = fromEnd ? [...sentences].reverse() : sentences;
  let start = -1;
  let end = -1;
  for (const s of order) {
    const a = start < 0 ? s.start : Math.min(start, s.start);
    const b = Math.max(end, s.end);
    if (!fits(text.slice(a, b).trim())) break;
    start = a;
    end = b;
  }
  if (start < 0) return { kept: '', rest: text.trim() };
  return { kept: text.slice(start, end).trim(), rest: (text.slice(0, start) + ' ' + text.slice(end)).trim() };
}

