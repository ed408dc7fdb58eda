import type { ReadingSpeed } from '../config/schema.js';
import type { Lang } from '../model/document.js';
import type { SlidePlan } from '../model/plan.js';
import { speakingSeconds, timeLine, totalLine } from './timing.js';

/** Seconds a slide takes at the least, whatever its text: a speaker pauses, points, moves on. */
export const minimumSeconds: Record<string, number> = {
  title: 20,
  agenda: 15,
  section: 8,
  question: 10,
  quote: 15,
  points: 20,
  content: 20,
  closing: 10,
};

/** The text a slide shows. */
export function visibleText(s: SlidePlan): string {
  return [s.title, s.subtitle, s.question?.text, s.quote?.text, ...(s.points ?? []), ...(s.items ?? []), s.body].filter(Boolean).join('\n');
}

/**
 * Seconds a slide takes: saying its notes (or, for a brief slide, its visible text) aloud,
 * and never less than the template's minimum.
 */
export function slideSeconds(s: SlidePlan, speed: ReadingSpeed, lang: Lang): number {
  const spoken = s.brief ? visibleText(s) : s.notes || visibleText(s);
  return Math.max(minimumSeconds[s.template] ?? 15, speakingSeconds(spoken, lang, speed));
}

/**
 * Gives every slide notes (its visible text when nothing else is known) and a time
 * estimate, ends each slide's notes with the estimate, and puts the total on the title slide.
 */
export function finishNotes(slides: SlidePlan[], lang: Lang, speed: ReadingSpeed): SlidePlan[] {
  const timed = slides.map((s) => {
    const notes = s.notes.trim() || visibleText(s);
    const slide = { ...s, notes };
    return { ...slide, seconds: Math.round(slideSeconds(slide, speed, lang)) };
  });
  const total = timed.reduce((n, s) => n + s.seconds, 0);
  return timed.map((s, i) => ({
    ...s,
    notes: [s.notes, s.moreNotes, i === 0 ? totalLine(total, lang) : '', timeLine(s.seconds, lang)].filter(Boolean).join('\n\n'),
  })).map(({ moreNotes: _, ...s }) => s);
}
