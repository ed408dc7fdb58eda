import type { ReadingSpeed } from '../config/schema.js';
import type { Lang } from '../model/document.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SlidePlan } from '../model/plan.js';
import { slideSeconds } from './notes.js';
import { words } from './words.js';

function total(slides: SlidePlan[], speed: ReadingSpeed, lang: Lang): number {
  return slides.reduce((n, s) => n + slideSeconds(s, speed, lang), 0);
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
  const steps: ((s: SlidePlan, i: number, all: SlidePlan[]) => boolean)[] = [
    (s) => s.template === 'points',
    (s, i, all) => s.template === 'quote' && all.slice(0, i).some((p) => p.template === 'quote' && p.section === s.section),
    (s) => s.template === 'question',
    (s) => s.template === 'content' && !!s.continued,
  ];
  for (const droppable of steps) {
    for (let i = out.length - 1; i >= 0 && total(out, speed, lang) > target; i--) {
      if (!droppable(out[i], i, out)) continue;
      const [gone] = out.splice(i, 1);
      const host = out[i - 1];
      host.moreNotes = [host.moreNotes ?? words[lang].dropped, gone.notes, gone.moreNotes].filter(Boolean).join('\n\n');
    }
  }
  if (total(out, speed, lang) > target) out = out.map((s) => ({ ...s, brief: true }));
  if (total(out, speed, lang) > target) {
    diagnostics.push({ severity: 'warning', message: `cannot fit the talk into ${minutes} minutes without leaving out sections; the estimate is ${Math.ceil(total(out, speed, lang) / 60)} minutes`, pos: { file, line: 1 } });
  }
  return out;
}
