import type { Lang } from '../model/document.js';
import { measure } from '../text/lang.js';
import { splitSentences } from '../text/sentences.js';

/**
 * How much text each template holds, per language, in reading units (Chinese characters or
 * English words). Calibrated for a 1280×720 slide at the built-in themes' type sizes.
 */
export const budgets = {
  title: { zh: 36, en: 16 },
  question: { zh: 80, en: 40 },
  quote: { zh: 60, en: 30 },
  /** Per bullet. */
  point: { zh: 30, en: 16 },
  points: { zh: 5, en: 5 },
  agendaItems: { zh: 7, en: 7 },
  /** Lines of body text on a content slide. */
  contentLines: { zh: 9, en: 9 },
  /** Characters per line of body text on a content slide (Latin counts half). */
  lineChars: { zh: 30, en: 58 },
  tableRows: { zh: 7, en: 7 },
  codeLines: { zh: 14, en: 14 },
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
  if (units(text, lang) <= max) return { kept: text.trim(), rest: '' };
  const sentences = splitSentences(text, lang);
  const order = fromEnd ? [...sentences].reverse() : sentences;
  const keep: typeof sentences = [];
  let used = 0;
  for (const s of order) {
    const u = units(s.text, lang);
    if (used + u > max) break;
    keep.push(s);
    used += u;
  }
  if (keep.length === 0) return { kept: '', rest: text.trim() };
  const start = Math.min(...keep.map((s) => s.start));
  const end = Math.max(...keep.map((s) => s.end));
  return { kept: text.slice(start, end).trim(), rest: (text.slice(0, start) + ' ' + text.slice(end)).trim() };
}

/** Estimated rendered lines of a text on a content slide. */
export function lines(text: string, lang: Lang): number {
  const per = budgets.lineChars[lang];
  return text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(visualWidth(l) / per)), 0);
}

/** Width of a string in Chinese-character cells: Latin and digits count as half a cell. */
export function visualWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u024f]/.test(ch) ? 0.5 : 1;
  return w;
}
