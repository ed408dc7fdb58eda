/**
 * The shape of a planned deck around its sections: the agenda (at most two slides, sections
 * grouped into parts when there are too many to list), dividers only where a section has more
 * than one slide to introduce, and a closing recap that fits one screen.
 */
import type { Lang } from '../model/document.js';
import type { PlanReview, QuoteReview, SlidePlan } from '../model/plan.js';
import type { QuoteChoice } from './quotes.js';
import { endsOnFunctionWord } from './points.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight } from '../text/layout.js';
import { words } from '../text/words.js';
import { budgets } from './budgets.js';
import { pack } from './fit.js';

/** Most agenda slides a deck gets; past what they hold, sections are grouped into parts. */
export const MAX_AGENDA_SLIDES = 2;

/** Top-level sections grouped for the agenda: one item per group, in order. */
export interface AgendaGroups {
  /** The agenda's items: a section title, or a part's first and last titles ("A – B"). */
  items: string[];
  /** For each item, the indexes of the sections it stands for. */
  members: number[][];
}

/** Height of one agenda item on the slide, in pixels. */
function itemHeight(text: string, lang: Lang): number {
  const g = geometry.agenda;
  return textHeight(text, g.width, { size: g.size, lineHeight: lineHeight(lang, 'agenda'), lang }) + g.chrome;
}

/** Pages `items` take on agenda slides of at most `budgets.agendaItems` items each. */
export function agendaPages(items: string[], lang: Lang, autofit: boolean): string[][] {
  if (!autofit) return [items];
  const room = geometry.frame.height * SAFETY - headingHeight(words[lang].agenda + words[lang].cont, lang);
  const per = budgets.agendaItems[lang];
  return pack(items, (t) => itemHeight(t, lang), 0, room).flatMap((p) => {
    const out: string[][] = [];
    for (let i = 0; i < p.length; i += per) out.push(p.slice(i, i + per));
    return out;
  });
}

/**
 * Groups section titles so that they fit `maxPages` agenda slides: every title its own item
 * when they fit; otherwise consecutive sections in parts of equal size, each named by its first
 * and last titles, like the guide words of a dictionary page (or by its first title alone when
 * both do not fit).
 */
export function groupSections(titles: string[], lang: Lang, autofit: boolean, maxPages = MAX_AGENDA_SLIDES): AgendaGroups {
  const single = { items: titles, members: titles.map((_, i) => [i]) };
  if (!autofit || agendaPages(titles, lang, autofit).length <= maxPages) return single;
  const per = budgets.agendaItems[lang];
  for (let size = 2; size <= titles.length; size++) {
    const members: number[][] = [];
    for (let i = 0; i < titles.length; i += size) members.push(Array.from({ length: Math.min(size, titles.length - i) }, (_, k) => i + k));
    if (members.length > per) continue;
    const guide = members.map((m) => (m.length > 1 ? `${titles[m[0]!]} – ${titles[m.at(-1)!]}` : titles[m[0]!]!));
    if (agendaPages(guide, lang, autofit).length <= Math.min(maxPages, 1)) return { items: guide, members };
    const first = members.map((m) => titles[m[0]!]!);
    if (agendaPages(first, lang, autofit).length <= Math.min(maxPages, 1)) return { items: first, members };
  }
  return { items: [titles.join(' – ')], members: [titles.map((_, i) => i)] };
}

/**
 * Drops the divider of a section with one slide or none of its own to introduce (its title is
 * on that slide already: as heading, or in a quote's or question's footer), the divider of an
 * untitled section (empty, or only repeating the deck title, whatever follows it), the divider of a section whose
 * first slide asks its heading as a question, and a subsection's divider straight after its parent's. The divider's notes go to the slide after it.
 */
export function dropThinDividers(planned: readonly SlidePlan[], deckTitle: string): SlidePlan[] {
  const slides = [...planned];
  const out: SlidePlan[] = [];
  for (let i = 0; i < slides.length; i++) {
    const s = slides[i]!;
    if (s.template !== 'section' || s.continued) {
      out.push(s);
      continue;
    }
    let end = i + 1;
    while (end < slides.length && slides[end]!.template !== 'section' && slides[end]!.template !== 'closing') end++;
    const own = slides.slice(i + 1, end);
    const deeper = slides[end]?.template === 'section' && (slides[end]!.level ?? 2) > (s.level ?? 2);
    const first = own[0];
    const asks = first?.template === 'question' && sameWords(first.question?.text ?? '', s.title ?? '');
    const untitled = !(s.title ?? '').trim() || s.title === deckTitle;
    // Straight after its parent's divider, a subsection's divider only repeats the move; its slides carry its title.
    const parent = out.at(-1);
    const stacked = parent?.template === 'section' && (parent.level ?? 2) < (s.level ?? 2) && !deeper;
    const next = slides[i + 1];
    if (next && (untitled || stacked || (first && !deeper && (own.length === 1 || asks)))) {
      slides[i + 1] = { ...next, notes: [s.notes, next.notes].filter(Boolean).join('\n\n'), ...(next.line === undefined ? { line: s.line } : {}) };
      continue;
    }
    out.push(s);
  }
  return out;
}

/** True when two texts say the same words (case, punctuation and spacing aside), or one holds the other. */
function sameWords(a: string, b: string): boolean {
  const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && y.length > 0 && (x === y || x.includes(y) || y.includes(x));
}

/**
 * The closing slide's recap, on one screen: the sections (or their parts) when the deck has two
 * or more; otherwise up to three of its pull quotes.
 */
export function recapItems(titles: string[], slides: SlidePlan[], lang: Lang, autofit: boolean): string[] {
  if (titles.length >= 2) return groupSections(titles, lang, autofit, 1).items.slice(0, budgets.agendaItems[lang]);
  return slides.filter((s) => s.template === 'quote' && s.quote).slice(0, 3).map((s) => s.quote!.text);
}

/** True when a slide shows something besides its heading: points, a quote, a question, a body, items or columns. */
export function hasContent(s: SlidePlan): boolean {
  if (s.template === 'title' || s.template === 'section' || s.template === 'closing') return true;
  return !!(s.points?.length || s.quote?.text || s.question?.text || s.body?.trim() || s.items?.length || s.columns?.some((c) => c.trim()));
}

/**
 * Removes slides that would show nothing but a heading (words kept only for the notes); their
 * notes go to the slide before them, or, at a section's start, to the slide after them.
 */
export function dropEmpty(slides: readonly SlidePlan[]): SlidePlan[] {
  const out: SlidePlan[] = [];
  let carry = '';
  for (const s of slides) {
    if (hasContent(s)) {
      out.push(carry ? { ...s, notes: [carry, s.notes].filter(Boolean).join('\n\n') } : s);
      carry = '';
      continue;
    }
    const prev = out.at(-1);
    if (prev && prev.template !== 'title' && prev.template !== 'agenda' && (prev.section === s.section || prev.template === 'section')) out[out.length - 1] = { ...prev, notes: [prev.notes, s.notes].filter(Boolean).join('\n\n') };
    else carry = [carry, s.notes].filter(Boolean).join('\n\n');
  }
  if (carry && out.length) out[out.length - 1] = { ...out.at(-1)!, notes: [out.at(-1)!.notes, carry].filter(Boolean).join('\n\n') };
  // Nothing to give the notes to: better a slide that only speaks than words lost.
  return out.length || !slides.length ? out : [...slides];
}

/** A chosen quote's review for the plan: score, reasons and runner-up (see `lectern plan --json`). */
export function quoteReview(c: QuoteChoice): QuoteReview {
  return { score: c.score, reasons: c.reasons, ...(c.runnerUp ? { runnerUp: c.runnerUp } : {}) };
}

/** The counts a plan is held to (issue #17): points ending on a function word or colon, quotes that are no statements, agenda slides. */
export function reviewPlan(slides: readonly SlidePlan[], lang: Lang): PlanReview {
  const points = slides.flatMap((s) => s.points ?? []);
  const quotes = slides.flatMap((s) => (s.quote ? [s.quote.text] : []));
  return {
    pointsEndingOnFunctionWord: points.filter((p) => endsOnFunctionWord(p, lang)).length,
    quotesThatAreNotStatements: quotes.filter((q) => /\bhttps?:\/\/|\bwww\./iu.test(q) || /[?？:：]["”’」』)）\s]*$/u.test(q)).length,
    agendaSlides: slides.filter((s) => s.template === 'agenda').length,
  };
}
