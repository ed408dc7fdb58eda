import { Lexer } from 'marked';
import type { AuthoredSlide } from '../model/deck.js';
import type { Lang } from '../model/document.js';
import type { SlidePlan } from '../model/plan.js';
import { SAFETY, geometry, headingHeight } from '../text/layout.js';
import { words } from '../text/words.js';
import { splitCode, type CodePart } from './code.js';
import { plain } from './content.js';

/**
 * An authored slide whose code does not fit even at the smallest type scale (issue #16). The
 * slide is read as units in the author's order: its top-level blocks (an HTML element opened
 * in one and closed in a later one holds what is between in its unit). Units fill slides in
 * order at the smallest scale, a lead-in ending in a colon kept with the code after it; a code
 * block taller than a slide is split as on a prose document's slides (code.ts: at a blank line
 * or between top-level statements, no continuation under 3 lines or only closing brackets, the
 * original line numbers and only its own highlight steps kept), its first part under the text
 * above it when at least {@link LEAD_LINES} lines fit there. Later slides are "(cont.)" /
 * "（续）"; each then takes the largest type scale at which it fits.
 *
 * Notes: the author's stay on the first slide, with which lines of a split listing it shows;
 * a continuation's say which lines it shows (repeating the author's would count their time
 * twice in the talk's estimate). A slide with no notes of its own gets each part's words.
 * Two columns that hold code are stacked, left then right, at full width; an image beside
 * text is left as it is.
 */

/** What an authored slide's body and columns are set at (deck.ts `SHRINK`), largest first. */
export interface DeckCodeOptions {
  scales: readonly number[];
  /** Height of Markdown (no code fence) set in a box `width` wide at the body's type size (deck.ts). */
  height: (markdown: string, width: number) => number;
}

/** Lines of code that must fit under a lead-in for the listing to start on its slide. */
export const LEAD_LINES = 4;

/** A ```` ```mermaid ```` fence is drawn, not listed (as content.ts reads it): never split. */
const MERMAID_FENCE = /^(?:`{3,}|~{3,})\s*\{?\s*\.?mermaid(?=[\s}]|$)/i;

interface Unit {
  markdown: string;
  code: boolean;
}

/** A slide's worth: its Markdown pieces, and the parts of split listings among them. */
interface Page {
  pieces: Unit[];
  parts: CodePart[];
  words: string[];
  used: number;
}

/**
 * The slides an authored slide whose code does not fit goes on, and whether each fits at some
 * scale; undefined when there is no code to split, or when splitting leaves it on one slide.
 */
export function splitAuthoredCode(slide: SlidePlan, s: AuthoredSlide, lang: Lang, options: DeckCodeOptions): { slides: SlidePlan[]; fit: boolean } | undefined {
  if (s.layout !== 'content' && s.layout !== 'two-column') return undefined;
  const stacked = s.layout === 'two-column' && !!s.columns;
  const units = unitsOf([s.body, ...(stacked ? s.columns! : [])].filter((m) => m.trim()).join('\n\n'));
  if (!units.some((u) => u.code)) return undefined;
  // A slide without a heading goes on without one: its line numbers say where it is.
  const title = s.title ? s.title + words[lang].cont : undefined;
  const pages = paginate(units, title, lang, options);
  if (pages.length === 1 && !stacked) return undefined;
  const authored = s.notes.join('\n\n');
  let fit = true;
  const { columns: _columns, variant: _variant, ...rest } = slide;
  const slides = pages.map((p, k): SlidePlan => {
    const heading = k ? title : s.title;
    const step = fitStep(p.pieces, heading, lang, options);
    if (step < 0) fit = false;
    const lines = p.parts.map((part) => part.note ?? '');
    // A continuation says which lines it shows, else what it shows (the author's notes are on the first).
    const notes = authored ? (k ? (lines.length ? lines : p.words) : [authored, ...lines]) : p.words;
    return {
      ...rest,
      template: 'content',
      ...(heading ? { title: heading } : {}),
      body: p.pieces.map((u) => u.markdown).join('\n\n'),
      notes: notes.join('\n\n'),
      ...(k ? { continued: true } : {}),
      ...(step !== 0 ? { variant: `shrink-${step < 0 ? options.scales.length - 1 : step}` } : {}),
    };
  });
  return { slides, fit };
}

/** Units onto slides at the smallest scale, in order, under a heading `title` (see above). */
function paginate(units: Unit[], title: string | undefined, lang: Lang, options: DeckCodeOptions): Page[] {
  const scale = options.scales.at(-1)!;
  const room = (geometry.frame.height * SAFETY - (title ? headingHeight(title, lang) : 0)) / scale;
  const width = geometry.frame.width / scale;
  const set = { width, sizes: [geometry.code.size] };
  const gap = geometry.body.gap;
  const pages: Page[] = [];
  const open = (): Page => {
    const page: Page = { pieces: [], parts: [], words: [], used: 0 };
    pages.push(page);
    return page;
  };
  let page = open();
  const left = () => room - page.used - (page.pieces.length ? gap : 0);
  const put = (unit: Unit, height: number, text: string, part?: CodePart) => {
    page.used += (page.pieces.length ? gap : 0) + height;
    page.pieces.push(unit);
    page.words.push(text);
    if (part) page.parts.push(part);
  };
  // Each code block whole when it fits a slide, else its parts.
  const whole = units.map((u) => (u.code ? splitCode(u.markdown, room, lang, set) : undefined));
  units.forEach((u, i) => {
    const parts = whole[i];
    if (!parts) {
      const height = options.height(u.markdown, width);
      // A lead-in ("…as follows:") goes where the code it leads into can start under it.
      const next = whole[i + 1];
      const leads = next && /[:：]\s*$/u.test(plain(u.markdown).trim()) ? gap + (next.length === 1 ? next[0]!.height : leadRoom()) : 0;
      if (page.pieces.length && (height > left() || (leads && height + leads > left() && height + leads <= room))) page = open();
      put(u, height, plain(u.markdown));
      return;
    }
    if (parts.length === 1) {
      if (page.pieces.length && parts[0]!.height > left()) page = open();
      put(u, parts[0]!.height, parts[0]!.text);
      return;
    }
    // Taller than a slide: it starts under the text above it when a few lines fit there.
    const lead = page.pieces.length > 0 && left() >= leadRoom();
    if (page.pieces.length && !lead) page = open();
    const split = lead ? splitCode(u.markdown, room, lang, { ...set, firstRoom: left() }) : parts;
    split.forEach((part, k) => {
      if (k) page = open();
      put({ markdown: part.markdown, code: true }, part.height, part.text, part);
    });
  });
  return pages;
}

/** The first scale at which a slide's units fit under its heading, or -1; code measured as code.ts sets it (gutter, hanging lines). */
function fitStep(pieces: Unit[], heading: string | undefined, lang: Lang, options: DeckCodeOptions): number {
  const room = geometry.frame.height * SAFETY - (heading ? headingHeight(heading, lang) : 0);
  return options.scales.findIndex((scale) => {
    const width = geometry.frame.width / scale;
    const heights = pieces.map((u) => (u.code ? splitCode(u.markdown, Infinity, lang, { width, sizes: [geometry.code.size] })[0]!.height : options.height(u.markdown, width)));
    return (heights.reduce((a, b) => a + b, 0) + geometry.body.gap * Math.max(0, heights.length - 1)) * scale <= room;
  });
}

/** Room for the first {@link LEAD_LINES} lines of a listing and its padding. */
function leadRoom(): number {
  const c = geometry.code;
  return LEAD_LINES * c.size * c.lineHeight + c.padY;
}

/**
 * The slide's Markdown as units: each top-level block, a code fence (not a diagram) marked as
 * code. An HTML element left open keeps what follows, up to where it closes, in its unit.
 */
function unitsOf(markdown: string): Unit[] {
  const units: Unit[] = [];
  let text = '';
  let depth = 0;
  const flush = () => {
    if (text.trim()) units.push({ markdown: text.trim(), code: false });
    text = '';
  };
  for (const t of new Lexer({ gfm: true }).lex(markdown)) {
    if (t.type === 'code' && depth === 0 && /^(?:`{3,}|~{3,})/.test(t.raw) && !MERMAID_FENCE.test(t.raw)) {
      flush();
      units.push({ markdown: t.raw.trim(), code: true });
      continue;
    }
    if (t.type === 'html') depth = Math.max(0, depth + openedElements(t.raw));
    text += t.raw;
    if (depth === 0) flush();
  }
  flush();
  return units;
}

/** Elements a piece of HTML opens and leaves open (negative: closes more than it opens). */
function openedElements(html: string): number {
  let n = 0;
  for (const m of html.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*?(\/?)>/g)) {
    if (m[3] || /^(?:br|hr|img|wbr|col|input|source|meta|link|area|base|embed|param|track)$/i.test(m[2])) continue;
    n += m[1] ? -1 : 1;
  }
  return n;
}
