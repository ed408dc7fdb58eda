import type { BlankSlide, DeckPlan, SlidePlan } from '../model/plan.js';
import { localImages } from './images.js';
import { createMarkdown } from './markdown.js';
import { decodeEntities, tokenizeHtml, type HtmlToken } from '../html/sanitize.js';
import type { SlideImageOptions } from './slide-images.js';

/** Options for judging what a plan's slides show: as for the deck's render. */
export interface SlideContentOptions extends SlideImageOptions {
  /** Raw HTML kept as written (`--allow-html`); else sanitised, as the deck is. @defaultValue false */
  allowHtml?: boolean;
}

/** Elements whose content is never seen on a slide: code, styles, inert templates, fallbacks for no script. */
const UNSEEN = new Set(['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'head', 'title', 'datalist']);

/** Elements the sanitizer removes with what is in them, named when a slide held nothing else. */
const REMOVED = new Set([...UNSEEN, 'iframe', 'object', 'embed', 'form', 'button', 'svg', 'math', 'video', 'audio', 'canvas', 'select', 'textarea']);

/** Elements that are seen without any text in them (a picture, a drawing, a player, a checkbox). */
const REPLACED = new Set(['img', 'svg', 'video', 'canvas', 'iframe', 'object', 'embed', 'input', 'math']);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * The slides whose body or columns hold something and yet show nothing once rendered as the deck
 * renders them (#16): raw HTML sanitised (a `<style>` block, a `<script>` carousel whose buttons
 * and images go), images that cannot be shown left out (`dropUnavailable`), comments, empty
 * markup. The plan stage decides what becomes of them (plan/empty-slides.ts). Only slides whose
 * Markdown can hide something (raw HTML, images, links, entities) and that hold no code fence
 * are rendered, and nothing is copied. The sanitizer's warnings about a slide that shows
 * nothing come with it; the others are the deck render's to give.
 */
export function blankSlides(plan: DeckPlan, options: SlideContentOptions): BlankSlide[] {
  const md = createMarkdown({ allowHtml: options.allowHtml, file: plan.file });
  const raw = createMarkdown({ allowHtml: true, file: plan.file });
  const images = { allowOutside: options.allowOutside, remote: options.remote, dropUnavailable: options.dropUnavailable };
  return plan.slides.flatMap((slide, index) => {
    const parts = bodyParts(slide);
    // Only Markdown that can hide something is rendered; a fenced listing always shows (and
    // costs the most to render: it is highlighted). Both shortcuts only ever keep a slide.
    if (!parts.some((p) => /[<[&]/.test(p)) || parts.some((p) => FENCE.test(p))) return [];
    const warned = md.diagnostics.length;
    const html = localImages(parts.map((p) => md(p, slide.line)).join(''), options.sourceDir, images).html;
    if (shows(tokenizeHtml(html))) return [];
    const written = localImages(parts.map((p) => raw(p, slide.line)).join(''), options.sourceDir, images);
    // What the sanitizer said about it: the render stage, which would say it, never meets the slide.
    const warnings = md.diagnostics.slice(warned);
    return [{ slide: index, held: held(tokenizeHtml(written.html), written.images.length > 0), ...(warnings.length ? { warnings } : {}) }];
  });
}

/** A code fence's opening line. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/m;

/** A slide's body and columns with something written in them; none for a slide shown by other fields. */
function bodyParts(s: SlidePlan): string[] {
  if (s.points?.length || s.items?.length || s.quote || s.question) return [];
  return [s.body ?? '', ...(s.columns ?? [])].filter((p) => p.trim());
}

/**
 * True when rendered HTML shows something: text outside comments, unseen elements and elements
 * marked `hidden`, or a picture, drawing or player. A rule (`<hr>`) or an empty link alone is
 * not something to show.
 */
export function shows(tokens: HtmlToken[]): boolean {
  // Open elements, each with whether it (or one around it) is unseen.
  const open: { name: string; unseen: boolean }[] = [];
  for (const t of tokens) {
    const unseen = open.at(-1)?.unseen ?? false;
    if (t.type === 'comment') continue;
    if (t.type === 'text') {
      if (!unseen && decodeEntities(t.raw).trim()) return true;
      continue;
    }
    if (t.end) {
      const at = open.map((o) => o.name).lastIndexOf(t.name);
      if (at >= 0) open.length = at;
      continue;
    }
    const hidden = unseen || UNSEEN.has(t.name) || t.attrs.some((a) => a.name === 'hidden' || (a.name === 'aria-hidden' && a.value === 'true'));
    if (!hidden && REPLACED.has(t.name) && (t.name !== 'img' || t.attrs.some((a) => a.name === 'src'))) return true;
    if (!VOID.has(t.name) && !t.raw.endsWith('/>')) open.push({ name: t.name, unseen: hidden });
  }
  return false;
}

/** What a body that shows nothing held, as written (raw HTML kept), for the warning. */
function held(tokens: HtmlToken[], images: boolean): string[] {
  const found = new Set<string>();
  for (const t of tokens) {
    if (t.type === 'tag' && !t.end && REMOVED.has(t.name)) found.add(`<${t.name}>`);
  }
  if (images) found.add('images that cannot be shown');
  if (tokens.some((t) => t.type === 'comment')) found.add('HTML comments');
  if (found.size === 0) found.add('markup with no text');
  return [...found];
}
