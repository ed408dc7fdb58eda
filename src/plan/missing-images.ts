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
}

/**
 * A plan without images that cannot be shown, so that no slide is a placeholder alone (#16).
 * What a missing image said (its alt text, else its title) goes into its slide's notes, above
 * the time line. A slide whose body and columns held nothing but missing images is dropped: its
 * notes and its time go to the slide before it (or after it, for the first), and the outline
 * points past it. Pure: the render stage leaves the images themselves out (`dropUnavailable`).
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
    return { ...s, notes: addToNotes(s.notes, captions.filter((c) => !s.notes.includes(c)).join('\n\n')) };
  });
  const slides: (SlidePlan | undefined)[] = noted.map((s, i) => (missing.has(i) && !shown.has(i) && onlyImages(s) ? undefined : s));
  // A dropped slide's notes and time move to its neighbour, so nothing the speaker would say is lost.
  slides.forEach((s, i) => {
    if (s) return;
    const to = lastKept(slides, i) ?? slides.findIndex((k) => k !== undefined);
    if (to < 0) return;
    const receiver = slides[to]!;
    const seconds = receiver.seconds + noted[i].seconds;
    slides[to] = { ...receiver, seconds, notes: [withoutTimeLine(receiver.notes), withoutTimeLine(noted[i].notes), timeLine(seconds, plan.lang)].filter(Boolean).join('\n\n') };
  });
  const kept = slides.flatMap((s, i) => (s ? [i] : []));
  if (kept.length === 0) return plan;
  // Old index → new index; a dropped slide's outline entry points at the next slide kept.
  const renumber = (old: number) => {
    const next = kept.findIndex((k) => k >= old);
    return next < 0 ? undefined : next;
  };
  return {
    ...plan,
    slides: slides.filter((s): s is SlidePlan => s !== undefined),
    outline: plan.outline.flatMap((o) => {
      const slide = renumber(o.slide);
      return slide === undefined ? [] : [{ ...o, slide }];
    }),
  };
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
