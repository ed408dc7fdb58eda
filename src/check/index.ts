import { dirname } from 'node:path';
import type { BrowserSession } from '../browser/launch.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { DeckPlan, SlidePlan } from '../model/plan.js';
import { runAxe, type AxeFinding } from './a11y.js';
import { brokenImages, clippedBoxes, measureOverflow } from './measure.js';
import { openForCheck } from './open.js';
import { findTofu } from './tofu.js';
import type { CheckReport, SlideCheck, SlideProblem } from './types.js';

export type { CheckReport, SlideCheck, SlideProblem, ProblemKind } from './types.js';
export { formatReport, slideLabel } from './format.js';
export { axeRules } from './a11y.js';
export { measureOverflow, type OverflowMeasure } from './measure.js';
export { openForCheck } from './open.js';

/** Options for `checkDeck`. */
export interface CheckOptions {
  /** Skip axe-core (faster; overflow, tofu and images only). */
  a11y?: boolean;
  /**
   * The build's diagnostics: a local picture the folder does not hold was left out of the deck
   * before the plan (so the browser never meets it), and is reported as an image error of the
   * slide its line falls on.
   */
  diagnostics?: readonly Diagnostic[];
}

/**
 * Opens a built deck (`index.html`) in the session's Chromium and reports, per slide of the
 * plan, what a speaker must fix: content overflowing the slide frame (in slide pixels), text
 * no installed font can draw (tofu), images that failed to load, and axe-core violations.
 * The page may read only the deck's own folder, and is offline: a template or `--css` that
 * asks for anything else gets nothing, as in an export.
 */
export async function checkDeck(session: BrowserSession, indexHtml: string, plan: DeckPlan, options: CheckOptions = {}): Promise<CheckReport> {
  const slides: SlideCheck[] = plan.slides.map((s, index) => ({ index, template: s.template, title: slideTitle(s), ...(s.line ? { line: s.line } : {}), problems: [] }));
  const at = (index: number | null): SlideCheck => {
    const i = index ?? 0;
    let s = slides.find((x) => x.index === i);
    if (!s) {
      s = { index: i, template: 'unknown', title: '', problems: [] };
      slides.push(s);
      slides.sort((a, b) => a.index - b.index);
    }
    return s;
  };
  await session.withPage(async (page) => {
    await openForCheck(page, indexHtml);
    for (const m of await measureOverflow(page)) {
      if (m.dx <= 0 && m.dy <= 0) continue;
      const parts: string[] = [];
      if (m.dy > 0) parts.push(`${m.dy}px below the bottom edge${m.bottom ? ` (${m.bottom})` : ''}`);
      if (m.dx > 0) parts.push(`${m.dx}px past the right edge${m.right && m.right !== m.bottom ? ` (${m.right})` : ''}`);
      at(m.index).problems.push({ kind: 'overflow', severity: 'error', message: parts.join(', '), dx: m.dx, dy: m.dy });
    }
    for (const c of await clippedBoxes(page)) {
      at(c.index).problems.push({ kind: 'overflow', severity: 'error', message: `${c.dx}px cut off at the right edge of ${c.box}`, dx: c.dx, dy: 0 });
    }
    for (const f of await findTofu(page)) {
      if (f.tofu.length) {
        at(f.index).problems.push({ kind: 'tofu', severity: 'error', message: `no installed font has ${listChars(f.tofu)}; drawn as empty boxes${f.tofuWhere ? ` in ${f.tofuWhere}${f.tofuElements > 1 ? ` and ${f.tofuElements - 1} more element${f.tofuElements > 2 ? 's' : ''}` : ''}` : ''}` });
      }
      if (f.fallbackFonts.length) {
        const chars = f.fallbackChars.length ? `${listChars(f.fallbackChars)} ` : 'some text ';
        at(f.index).problems.push({ kind: 'tofu', severity: 'warning', message: `${chars}drawn with fallback font ${f.fallbackFonts.join(', ')}, not the deck's fonts` });
      }
    }
    for (const img of await brokenImages(page)) {
      at(img.index).problems.push({ kind: 'image', severity: 'error', message: `image ${img.src} did not load` });
    }
    if (options.a11y !== false) for (const v of await runAxe(page)) at(v.index).problems.push(axeProblem(v));
  }, { confineTo: dirname(indexHtml) });
  for (const d of options.diagnostics ?? []) {
    if (d.code !== 'image-missing') continue;
    const line = d.pos?.line ?? 0;
    // The slide whose source line is nearest (a picture sits between a heading and the words its slide starts at).
    const on = plan.slides.reduce((best, s, i) => (s.line !== undefined && (best < 0 || Math.abs(s.line - line) < Math.abs(plan.slides[best]!.line! - line)) ? i : best), -1);
    at(on < 0 ? 0 : on).problems.push({ kind: 'image', severity: 'error', message: d.message.replace(/;.*$/, '; left out of the deck') });
  }
  let errors = 0;
  let warnings = 0;
  for (const s of slides) for (const p of s.problems) p.severity === 'error' ? errors++ : warnings++;
  return { slides, errors, warnings };
}

function axeProblem(v: AxeFinding): SlideProblem {
  const severity = v.impact === 'serious' || v.impact === 'critical' ? 'error' : 'warning';
  const where = v.index === null ? 'deck: ' : '';
  const shown = v.targets.slice(0, 3).join(', ') + (v.targets.length > 3 ? ` and ${v.targets.length - 3} more` : '');
  const detail = v.detail && v.detail !== v.help ? ` — ${v.detail}` : '';
  return { kind: 'a11y', severity, rule: v.rule, message: `${where}${v.rule}: ${v.help}${detail} (${shown})` };
}

/** `𐲀 U+10C80, 𐲁 U+10C81 and 3 more`. */
function listChars(chars: string[]): string {
  const shown = chars.slice(0, 6).map((c) => `${c} U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return shown.join(', ') + (chars.length > 6 ? ` and ${chars.length - 6} more` : '');
}

/** A slide's name for people: its title, or the start of its quote, question or first point. */
export function slideTitle(s: SlidePlan): string {
  const text = s.title ?? s.question?.text ?? s.quote?.text ?? s.points?.[0] ?? s.items?.[0] ?? s.template;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 50 ? `${flat.slice(0, 49)}…` : flat;
}
