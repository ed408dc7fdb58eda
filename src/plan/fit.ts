import type { ReadingSpeed } from '../config/schema.js';
import type { Lang } from '../model/document.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SlidePlan } from '../model/plan.js';
import { slideSeconds } from './notes.js';
import { words } from './words.js';

function total(slides: SlidePlan[], speed: ReadingSpeed, lang: Lang): number {
  return slides.reduce((n, s) => n + slideSeconds(s, speed, lang), 0);
}

/** The first quote slide of each section: the one quote a section keeps. */
function firstQuotes(slides: SlidePlan[]): Set<SlidePlan> {
  const seen = new Map<string | null, SlidePlan>();
  for (const s of slides) if (s.template === 'quote' && !seen.has(s.section)) seen.set(s.section, s);
  return new Set(seen.values());
}

/**
 * Fits the plan to a time slot (minutes). Steps, each only while the talk is still too long:
 * drop key-point slides (their notes move to the previous slide), then every quote after
 * the first of a section, then question slides; finally mark the remaining slides brief
 * (the estimate counts only what the slide shows). Every section keeps its divider.
 */
export function fitDuration(slides: SlidePlan[], minutes: number, lang: Lang, speed: ReadingSpeed, diagnostics: Diagnostic[], file: string): SlidePlan[] {
  const target = minutes * 60;
  let out = slides.map((s) => ({ ...s }));
  const seconds = new Map(out.map((s) => [s, slideSeconds(s, speed, lang)]));
  // Moved notes are not counted in an estimate, so dropping a slide takes exactly its own
  // seconds off the total: keep a running sum instead of re-estimating the deck each time.
  let sum = [...seconds.values()].reduce((a, b) => a + b, 0);
  const steps: ((all: SlidePlan[]) => (s: SlidePlan) => boolean)[] = [
    () => (s) => s.template === 'points',
    (all) => {
      const keep = firstQuotes(all);
      return (s) => s.template === 'quote' && !keep.has(s);
    },
    () => (s) => s.template === 'question',
    () => (s) => s.template === 'content' && !!s.continued,
  ];
  for (const step of steps) {
    const droppable = step(out);
    for (let i = out.length - 1; i >= 0 && sum > target; i--) {
      if (!droppable(out[i])) continue;
      const [gone] = out.splice(i, 1);
      sum -= seconds.get(gone)!;
      const host = out[i - 1];
      host.moreNotes = [host.moreNotes ?? words[lang].dropped, gone.notes, gone.moreNotes].filter(Boolean).join('\n\n');
    }
  }
  if (sum > target) out = out.map((s) => ({ ...s, brief: true }));
  if (total(out, speed, lang) > target) {
    diagnostics.push({ severity: 'warning', message: `cannot fit the talk into ${minutes} minutes without leaving out sections; the estimate is ${Math.ceil(total(out, speed, lang) / 60)} minutes`, pos: { file, line: 1 } });
  }
  return out;
}
