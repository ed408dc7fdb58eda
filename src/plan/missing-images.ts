import type { DeckPlan, SlidePlan } from '../model/plan.js';
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

/**
 * A plan without images that cannot be shown, so that no slide is a placeholder alone (#16).
 * What a missing image said (its alt text, else its title) goes into its slide's notes, above
 * the time line. A slide whose body and columns held nothing but missing images is dropped, and
 * so is a divider left with no slides: its notes and its time go to the slide before it (or
 * after it, for the first), and the outline
 * points past it, and the warnings about its images join the plan's diagnostics (the render stage
 * never meets them). Pure: the render stage leaves the other missing images out (`dropUnavailable`).
 */
export function withoutMissingImages(plan: DeckPlan, images: readonly SlideImage[]): DeckPlan {
  const missing = new Map<number, SlideImage[]>();
  const shown = new Set<number>();
  for (const image of images) {
    if (image.status !== 'unavailable') shown.add(image.slide);
    else missing.set(image.slide, [...(missing.get(image.slide) ?? []), image]);
  }
  if (missing.size === 0) return plan;
  const noted = plan.slides.map((s, i) => {
    const captions = [...new Set((missing.get(i) ?? []).map((g) => (g.alt || g.title || '').trim()).filter(Boolean))];
    const notes = missing.has(i) ? withoutImageSyntax(s.notes) : s.notes;
    return { ...s, notes: addToNotes(notes, captions.filter((c) => !notes.includes(c)).join('\n\n')) };
  });
  const slides: (SlidePlan | undefined)[] = noted.map((s, i) => (missing.has(i) && !shown.has(i) && onlyImages(s) ? undefined : s));
  // A divider whose slides have all gone would stand alone: it goes too. Its slides were dropped
  // when the next slide kept after it is the closing, a divider of the same or a higher level,
  // or a slide of another section (a section without a divider).
  slides.forEach((s, i) => {
    if (s?.template !== 'section' || slides[i + 1] !== undefined || i + 1 >= slides.length) return;
    const next = slides.findIndex((k, j) => j > i && k !== undefined);
    const after = next < 0 ? undefined : slides[next]!;
    const ended = !after || after.template === 'closing' || (after.template === 'section' ? (after.level ?? 2) <= (s.level ?? 2) : after.section !== s.section);
    if (ended) slides[i] = undefined;
  });
  // A dropped slide's notes and time move to its neighbour, so nothing the speaker would say is lost.
  slides.forEach((s, i) => {
    if (s) return;
    const to = lastKept(slides, i) ?? slides.findIndex((k) => k !== undefined);
    if (to < 0) return;
    const receiver = slides[to]!;
    const seconds = receiver.seconds + noted[i].seconds;
    // Notes made from the slide's visible text repeat its title: that goes with the slide.
    const said = withoutTimeLine(noted[i].notes)
      .split('\n')
      .filter((l) => l.trim() !== noted[i].title?.trim())
      .join('\n')
      .trim();
    slides[to] = { ...receiver, seconds, notes: [withoutTimeLine(receiver.notes), said, timeLine(seconds, plan.lang)].filter(Boolean).join('\n\n') };
  });
  const kept = slides.flatMap((s, i) => (s ? [i] : []));
  if (kept.length === 0) return plan;
  // Old index → new index; a dropped slide's outline entry points at the next slide kept.
  const renumber = (old: number) => {
    const next = kept.findIndex((k) => k >= old);
    return next < 0 ? undefined : next;
  };
  const warnings = images.flatMap((image) => (!slides[image.slide] && image.warning ? [{ severity: 'warning' as const, message: image.warning, pos: { file: plan.file, line: image.line ?? 1 } }] : []));
  // A section none of whose slides is left goes from the outline, the agenda and the recap.
  const gone = goneSections(plan, slides);
  return {
    ...plan,
    diagnostics: [...plan.diagnostics, ...warnings],
    slides: withoutItems(slides.filter((s): s is SlidePlan => s !== undefined), gone),
    outline: plan.outline.flatMap((o) => {
      const slide = renumber(o.slide);
      return slide === undefined || gone.has(o) ? [] : [{ ...o, slide }];
    }),
  };
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

/**
 * True when a slide shows nothing but images in its body and columns (its title aside): with
 * its images gone, only markup, empty links and white space would be left.
 */
function onlyImages(s: SlidePlan): boolean {
  if (s.points?.length || s.items?.length || s.quote || s.question) return false;
  const parts = [s.body ?? '', ...(s.columns ?? [])];
  if (!parts.some((p) => p.trim())) return false;
  const rest = IMAGE_SYNTAX.reduce((text, re) => text.replace(re, ''), parts.join('\n'))
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\[\s*\]\([^)]*\)/g, '');
  return rest.trim() === '';
}
