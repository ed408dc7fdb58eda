import type { Diagnostic } from '../model/diagnostics.js';
import type { BlankSlide, DeckPlan, SlidePlan } from '../model/plan.js';
import { words } from '../text/words.js';
import { visibleText } from './notes.js';
import { timeLine } from './timing.js';

/** An image on a planned slide, as the render stage found it (render/images.ts `ImageUse`). */
export interface SlideImage {
  /** Index of the slide in the plan. */
  slide: number;
  alt: string;
  /** The image's title, a caption (`![alt](src "title")`). */
  title?: string;
  /** `unavailable`: it cannot be shown (not downloaded, refused); anything else is on the slide. */
  status: string;
  /** Source line, and the warning about it: given here when its slide is dropped. */
  line?: number;
  warning?: string;
}

export type { BlankSlide } from '../model/plan.js';

/** What the render stage found on a plan's slides, for `withoutEmptySlides`. */
export interface SlideFindings {
  /** Every image on the slides, with its fate. */
  images: readonly SlideImage[];
  /** The slides whose body or columns hold something and show nothing. */
  blank?: readonly BlankSlide[];
}

/** The deck's frame and its dividers: never dropped as empty (a divider goes only with its slides). */
const FRAME = new Set(['title', 'closing', 'agenda', 'section']);

/**
 * A plan in which no slide is a placeholder alone (#16). What a missing image said (its alt
 * text, else its title) goes into its slide's notes, above the time line. A slide that shows
 * nothing is dropped: its body held only what is not seen once rendered (a `<style>` block, a
 * script's carousel, images that cannot be shown, comments), or it has no title, text or
 * picture at all (an authored slide of components Lectern does not render). So is a divider
 * left with no slides. The deck's first and last slides, its title, agenda and closing are
 * kept whatever they hold; a slide with a title and nothing written under it is a statement
 * and is kept too. A dropped slide's notes (less the markup notes were made of when it had
 * none), the alt text of its pictures and its time go to a neighbour of its own section (the
 * slide before, else the one after), else to the slide before; the outline points past it;
 * a section none of whose slides is left goes from the outline, agenda and recap; and each
 * dropped slide is a warning at its line, with the warnings about its HTML and its images (the
 * render stage never meets them). Pure: the render stage leaves the other missing images out (`dropUnavailable`).
 */
export function withoutEmptySlides(plan: DeckPlan, found: SlideFindings): DeckPlan {
  const blank = new Map((found.blank ?? []).map((b) => [b.slide, b]));
  const missing = new Map<number, SlideImage[]>();
  const pictured = new Map<number, SlideImage[]>();
  for (const image of found.images) {
    pictured.set(image.slide, [...(pictured.get(image.slide) ?? []), image]);
    if (image.status === 'unavailable') missing.set(image.slide, [...(missing.get(image.slide) ?? []), image]);
  }
  const last = plan.slides.length - 1;
  // A planned deck opens on its title and ends on its closing (FRAME); an authored deck's first
  // or last slide that shows nothing goes too (a cover that was only a logo the folder does not
  // hold), as long as a slide is left, but one with a title stays: it is the deck's cover.
  const titled = (s: SlidePlan) => [s.title, s.subtitle, s.kicker].some((t) => t?.trim());
  const empty = plan.slides.map((s, i) => last > 0 && !FRAME.has(s.template) && showsNothing(s, blank.has(i)) && ((i > 0 && i < last) || !titled(s)));
  if (empty.every(Boolean)) empty[0] = false;
  // A lead-in alone on the slide before what it introduces ("先来看一下选举的过程:") introduces
  // nothing once that slide goes: it goes too, its words already in its notes.
  const leadIns = new Set<number>();
  empty.forEach((gone, i) => {
    if (gone && i > 1 && !empty[i - 1] && leadInAlone(plan.slides[i - 1]!, plan.slides[i]!)) leadIns.add(i - 1);
  });
  for (const i of leadIns) empty[i] = true;
  if (missing.size === 0 && !empty.includes(true)) return plan;
  const noted = plan.slides.map((s, i) => {
    const captions = captionsOf(missing.get(i) ?? []);
    const notes = missing.has(i) ? withoutImageSyntax(s.notes) : s.notes;
    return { ...s, notes: addToNotes(notes, captions.filter((c) => !notes.includes(c)).join('\n\n')) };
  });
  const slides: (SlidePlan | undefined)[] = noted.map((s, i) => (empty[i] ? undefined : s));
  // A divider whose slides have all gone would stand alone: it goes too. Its slides were dropped
  // when the next slide kept after it is the closing, a divider of the same or a higher level,
  // or a slide of another section (a section without a divider).
  slides.forEach((s, i) => {
    if (i === 0 || s?.template !== 'section' || slides[i + 1] !== undefined || i + 1 >= slides.length) return;
    const next = slides.findIndex((k, j) => j > i && k !== undefined);
    const after = next < 0 ? undefined : slides[next]!;
    const ended = !after || after.template === 'closing' || (after.template === 'section' ? (after.level ?? 2) <= (s.level ?? 2) : after.section !== s.section);
    if (ended) slides[i] = undefined;
  });
  keepSpokenSections(plan.slides, noted, slides, pictured);
  const receivers = moveToNeighbours(plan, slides, pictured);
  const kept = slides.flatMap((s, i) => (s ? [i] : []));
  // Old index → new index; a dropped slide's outline entry points at the next slide kept.
  const renumber = (old: number) => {
    const next = kept.findIndex((k) => k >= old);
    return next < 0 ? undefined : next;
  };
  const warnings: Diagnostic[] = plan.slides.flatMap((s, i) => {
    if (slides[i]) return [];
    const at = { file: plan.file, line: s.line ?? 1 };
    const images = (pictured.get(i) ?? []).flatMap((image) => (image.warning ? [{ severity: 'warning' as const, message: image.warning, pos: { file: plan.file, line: image.line ?? at.line } }] : []));
    return [...(blank.get(i)?.warnings ?? []), ...images, { severity: 'warning' as const, message: droppedMessage(s, blank.get(i), receivers.get(i), i, slides, leadIns.has(i)), pos: at }];
  });
  // A section none of whose slides is left goes from the outline, the agenda and the recap.
  const gone = goneSections(plan, slides);
  return {
    ...plan,
    diagnostics: [...plan.diagnostics, ...warnings],
    slides: withoutTransitions(withoutItems(slides.filter((s): s is SlidePlan => s !== undefined), gone), gone, plan.lang),
    outline: plan.outline.flatMap((o) => {
      const slide = renumber(o.slide);
      return slide === undefined || gone.has(o) ? [] : [{ ...o, slide }];
    }),
  };
}

/** From this many characters of what its dropped slides would have said, a section keeps a slide. */
const SPOKEN_SECTION = 120;

/**
 * A section of a planned deck none of whose slides is left, but whose slides carried words for
 * the speaker (prose that gave no key point, beside pictures that cannot be had), keeps one
 * slide rather than vanish from the talk, its agenda and its recap: its divider, or else its
 * first slide made one. The other dropped slides' notes go to it (`moveToNeighbours`). In place.
 */
function keepSpokenSections(planned: readonly SlidePlan[], noted: readonly SlidePlan[], slides: (SlidePlan | undefined)[], pictured: Map<number, SlideImage[]>): void {
  const bySection = new Map<string, number[]>();
  planned.forEach((s, i) => {
    if (!s.section || (FRAME.has(s.template) && s.template !== 'section')) return;
    const at = bySection.get(s.section);
    if (at) at.push(i);
    else bySection.set(s.section, [i]);
  });
  for (const [section, at] of bySection) {
    if (at.some((i) => slides[i] !== undefined)) continue;
    const words = at.map((i) => said(planned[i]!, pictured.get(i) ?? [])).join('\n\n');
    if (words.replace(/\s+/g, '').length < SPOKEN_SECTION) continue;
    const divider = at.find((i) => planned[i]!.template === 'section');
    if (divider !== undefined) slides[divider] = noted[divider];
    else {
      const { body: _, variant: __, columns: ___, continued: ____, ...first } = noted[at[0]!]!;
      slides[at[0]!] = { ...first, template: 'section', title: section };
    }
  }
}

/**
 * True when a slide shows nothing: its body and columns held something and show nothing once
 * rendered (`blankBody`, the render stage's finding), or it has no body, title, text or picture.
 */
function showsNothing(s: SlidePlan, blankBody: boolean): boolean {
  if (s.points?.length || s.items?.length || s.quote || s.question) return false;
  if ([s.body, ...(s.columns ?? [])].some((p) => p?.trim())) return blankBody;
  return ![s.title, s.subtitle, s.kicker].some((t) => t?.trim());
}

/**
 * Gives each dropped slide's notes and time to its neighbour (in place), so nothing the speaker
 * would say is lost; returns who took each. A slide that took a dropped slide's place and only
 * continued it ("X (cont.)" after "X") takes its title back.
 */
function moveToNeighbours(plan: DeckPlan, slides: (SlidePlan | undefined)[], pictured: Map<number, SlideImage[]>): Map<number, number> {
  const gifts = new Map<number, { before: string[]; after: string[]; seconds: number; title?: string }>();
  const receivers = new Map<number, number>();
  const cont = words[plan.lang].cont;
  slides.forEach((s, i) => {
    if (s) return;
    const dropped = plan.slides[i];
    const to = receiverOf(slides, i, dropped.section);
    if (to === undefined) return;
    receivers.set(i, to);
    const gift = gifts.get(to) ?? { before: [], after: [], seconds: 0 };
    (to > i ? gift.before : gift.after).push(said(dropped, pictured.get(i) ?? []));
    gift.seconds += dropped.seconds;
    if (to > i && dropped.title && slides[to]!.continued && slides[to]!.title === dropped.title + cont) gift.title = dropped.title;
    gifts.set(to, gift);
  });
  gifts.forEach((gift, to) => {
    const { continued: _, ...receiver } = slides[to]!;
    const seconds = receiver.seconds + gift.seconds;
    const notes = [...gift.before, withoutTimeLine(receiver.notes), ...gift.after, timeLine(seconds, plan.lang)].filter(Boolean).join('\n\n');
    slides[to] = gift.title ? { ...receiver, title: gift.title, seconds, notes } : { ...slides[to]!, seconds, notes };
  });
  return receivers;
}

/** Who takes a dropped slide's notes: the slide kept before it or after it in its section, else the one before (or after). */
function receiverOf(slides: (SlidePlan | undefined)[], i: number, section: string | null): number | undefined {
  const before = lastKept(slides, i);
  const next = slides.findIndex((s, k) => k > i && s !== undefined);
  const after = next < 0 ? undefined : next;
  if (before !== undefined && slides[before]!.section === section) return before;
  if (after !== undefined && slides[after]!.section === section && !FRAME.has(slides[after]!.template)) return after;
  return before ?? after;
}

/**
 * What a dropped slide leaves the speaker: its notes, less the time line, its title and image
 * markup (notes made from its own text when nothing else was known are that text, and go), then
 * the alt text or caption of each of its pictures not said already.
 */
function said(s: SlidePlan, images: SlideImage[]): string {
  let own = withoutTimeLine(s.notes);
  const shown = visibleText(s).trim();
  if (shown && (own === shown || own.startsWith(`${shown}\n`))) own = own.slice(shown.length).trim();
  own = withoutImageSyntax(own)
    .split('\n')
    .filter((l) => l.trim() !== s.title?.trim())
    .join('\n')
    .trim();
  return [own, ...captionsOf(images).filter((c) => !own.includes(c))].filter(Boolean).join('\n\n');
}

/** The warning for a dropped slide: what it held, and where its notes went. */
/** True when a slide shows one paragraph ending in a colon and nothing else, in the section of the slide after it. */
function leadInAlone(s: SlidePlan, next: SlidePlan): boolean {
  if (s.template !== 'content' || s.section !== next.section || s.points?.length || s.items?.length || s.quote || s.question || s.columns?.length) return false;
  const body = (s.body ?? '').trim();
  return body !== '' && !body.includes('\n\n') && !/^(?:[-*+>#|!<`~]|\d+[.)]\s)/u.test(body) && /[:：]$/u.test(body);
}

function droppedMessage(s: SlidePlan, blank: BlankSlide | undefined, to: number | undefined, i: number, slides: (SlidePlan | undefined)[], leadIn = false): string {
  const receiver = to === undefined ? undefined : slides[to];
  const name = s.title ? `slide "${s.title}"` : 'a slide';
  const why =
    s.template === 'section'
      ? `divider "${s.title}" has no slides left`
      : blank
        ? `${name} shows nothing once rendered (it holds only ${blank.held.join(', ')})`
        : leadIn
          ? `${name} only introduced the next slide, which shows nothing`
        : `${name} shows nothing (no title, text or picture of its own: components and markup are not rendered)`;
  const where = receiver && (receiver.title ? `"${receiver.title}"` : `the slide ${to! < i ? 'before' : 'after'} it`);
  return `${why}; dropped${where ? `; its notes and time are on ${where}` : ''}`;
}

function captionsOf(images: readonly SlideImage[]): string[] {
  return [...new Set(images.map((g) => (g.alt || g.title || '').trim()).filter(Boolean))];
}

/** Outline entries whose slides (up to the next entry of the same or a higher level) were all dropped. */
function goneSections(plan: DeckPlan, slides: (SlidePlan | undefined)[]): Set<DeckPlan['outline'][number]> {
  const closing = plan.slides.findIndex((s) => s.template === 'closing');
  const gone = new Set<DeckPlan['outline'][number]>();
  plan.outline.forEach((o, k) => {
    const end = plan.outline.slice(k + 1).find((n) => n.level <= o.level)?.slide ?? (closing > o.slide ? closing : slides.length);
    if (end > o.slide && slides.slice(o.slide, end).every((s) => s === undefined)) gone.add(o);
  });
  return gone;
}

/** Agenda and recap slides without the items that name a section gone, their numbering closed up. */
function withoutItems(slides: SlidePlan[], gone: Set<DeckPlan['outline'][number]>): SlidePlan[] {
  const titles = new Set([...gone].filter((o) => o.level === 2).map((o) => o.title));
  if (titles.size === 0) return slides;
  let removed = 0;
  return slides.map((s) => {
    if (s.template !== 'agenda' && s.template !== 'closing') return s;
    const items = s.items?.filter((item) => !titles.has(item));
    const start = s.start === undefined ? undefined : s.start - removed;
    if (s.template === 'agenda') removed += (s.items?.length ?? 0) - (items?.length ?? 0);
    const notes = s.template === 'closing' ? s.notes.split('\n').filter((l) => !titles.has(l.trim())).join('\n') : s.notes;
    return { ...s, notes, ...(items ? { items } : {}), ...(start !== undefined ? { start } : {}) };
  });
}

/**
 * Notes without the planner's transitions to a section that is gone ("We begin with “X”.", "Now
 * we turn to “X”.", "After this part: X"): the talk no longer goes there.
 */
function withoutTransitions(slides: SlidePlan[], gone: Set<DeckPlan['outline'][number]>, lang: DeckPlan['lang']): SlidePlan[] {
  const w = words[lang];
  const lines = new Set([...gone].flatMap((o) => [w.first(o.title), w.now(o.title), w.next(o.title)]));
  if (lines.size === 0) return slides;
  return slides.map((s) => {
    const notes = s.notes
      .split('\n\n')
      .map((p) => p.split('\n').filter((l) => !lines.has(l.trim())).join('\n'))
      .filter((p) => p.trim())
      .join('\n\n');
    return notes === s.notes ? s : { ...s, notes };
  });
}

function lastKept(slides: (SlidePlan | undefined)[], before: number): number | undefined {
  for (let i = before - 1; i >= 0; i--) if (slides[i]) return i;
  return undefined;
}

/** The time line the planner ends notes with (plan/timing.ts), as a last paragraph. */
const TIME_LINE = /(?:^|\n\n)⏱ [^\n]*$/u;

function withoutTimeLine(notes: string): string {
  return notes.replace(TIME_LINE, '').trim();
}

/** Adds a paragraph to notes, above their time line when they end with one. */
function addToNotes(notes: string, text: string): string {
  if (!text) return notes;
  const time = TIME_LINE.exec(notes)?.[0].trim();
  return [withoutTimeLine(notes), text, time].filter(Boolean).join('\n\n');
}

/** Image syntax in slide Markdown: `![alt](src "title")`, `![alt][ref]` and `<img …>`. */
const IMAGE_SYNTAX = [/!\[(?:[^\]\\]|\\.)*\]\((?:[^()\\]|\\.|\([^()]*\))*\)/g, /!\[(?:[^\]\\]|\\.)*\]\[[^\]]*\]/g, /<img\b[^>]*>/gi];

/** Notes without image markup (notes made from a slide's visible text hold its Markdown), blank runs closed up. */
function withoutImageSyntax(notes: string): string {
  return IMAGE_SYNTAX.reduce((text, re) => text.replace(re, ''), notes)
    .split(/\n{2,}/)
    .map((p) => p.split('\n').filter((l) => l.trim()).join('\n'))
    .filter(Boolean)
    .join('\n\n');
}
