/**
 * A section's prose cut into the runs of paragraphs that each get a key-points slide, so that
 * the slide count follows the content: about one slide per 100–200 spoken words (80 seconds at
 * the configured reading speed), never a run cut inside a paragraph.
 */
import type { ReadingSpeed } from '../config/schema.js';
import type { Block, Lang, ParagraphBlock, Section, SourceDocument } from '../model/document.js';
import { unwrapText } from '../ingest/unwrap.js';
import { units } from './budgets.js';
import { htmlHeight, isGallery } from './html-blocks.js';
import { QUOTE_BOUNDS, isStatement, textUnits } from './quotes.js';
import { speakingSeconds } from './timing.js';

/** Seconds of speech one key-points slide stands for, at most (about 200 English words). */
export const PROSE_SECONDS_PER_SLIDE = 80;

/** Consecutive paragraphs, each run at most {@link PROSE_SECONDS_PER_SLIDE} long unless one paragraph alone is longer. */
export function proseRuns(prose: readonly ParagraphBlock[], lang: Lang, speed: ReadingSpeed): ParagraphBlock[][] {
  const runs: ParagraphBlock[][] = [];
  let run: ParagraphBlock[] = [];
  let seconds = 0;
  for (const p of prose) {
    const s = speakingSeconds(p.text, lang, speed);
    if (run.length && seconds + s > PROSE_SECONDS_PER_SLIDE) {
      runs.push(run);
      run = [];
      seconds = 0;
    }
    run.push(p);
    seconds += s;
  }
  if (run.length) runs.push(run);
  // A short last run joins the one before it rather than make a thin slide.
  const last = runs.at(-1);
  if (runs.length > 1 && last && last.reduce((n, p) => n + speakingSeconds(p.text, lang, speed), 0) < PROSE_SECONDS_PER_SLIDE / 4) runs[runs.length - 2]!.push(...runs.pop()!);
  return runs;
}

/**
 * Paragraphs that introduce the block after them ("The output should look like:"): they end in a
 * colon and a list, table, code block, image or HTML block follows. They belong on that block's
 * slide, not among the section's key points.
 */
export function leadIns(blocks: readonly Block[]): Set<ParagraphBlock> {
  const out = new Set<ParagraphBlock>();
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.kind === 'paragraph' && /[:：]\s*$/u.test(b.text) && next && ['list', 'code', 'table', 'image', 'html', 'blockquote'].includes(next.kind)) out.add(b);
  });
  return out;
}

/** Up to this size (words, or Han characters), the prose just before a gallery is its lead-in ("Navigate through the slideshow below"). */
const GALLERY_LEAD_IN_UNITS = { en: 40, zh: 80 } as const;

/**
 * Paragraphs that lead into a gallery of figures (html-blocks.ts `isGallery`): the short prose
 * right before it (blocks that show nothing, such as a `<noscript>` note, may come between),
 * at most `GALLERY_LEAD_IN_UNITS` long in all. Each figure gets a picture slide, so they would
 * make a slide of one or two bullets about the pictures; they are the first picture's notes.
 */
export function galleryLeadIns(blocks: readonly Block[], lang: Lang): Set<ParagraphBlock> {
  const out = new Set<ParagraphBlock>();
  blocks.forEach((b, i) => {
    if (b.kind !== 'html' || !isGallery(b.markdown, lang)) return;
    let j = i - 1;
    for (let k = blocks[j]; k?.kind === 'html' && htmlHeight(k.markdown, lang) === 0; k = blocks[--j]);
    let size = 0;
    for (let k = blocks[j]; k?.kind === 'paragraph'; k = blocks[--j]) {
      size += units(k.text, lang);
      if (size > GALLERY_LEAD_IN_UNITS[lang]) break;
      out.add(k);
    }
  });
  return out;
}

/**
 * An article or essay: it has an author and no interview in it. Its sections' strongest
 * sentences may be pull quotes attributed to the author.
 */
export function isArticle(doc: SourceDocument): boolean {
  const hasExchange = (s: Section): boolean => s.blocks.some((b) => b.kind === 'exchange') || s.subsections.some(hasExchange);
  return !!doc.meta.author && !doc.sections.some(hasExchange);
}

const ATTRIBUTION_LINE = /^\s*(?:—|―|–|--)\s*(.+?)\s*$/u;

/**
 * A pull quote the author marked: a short `>` block quote set apart mid-text (prose before and
 * after it), attributed to the name on its own last line (`— Name`) or else to the author.
 */
export function markedPullQuote(blocks: readonly Block[], i: number, lang: Lang, author: string | undefined): { text: string; by: string } | undefined {
  const own = setApart(blocks, i, lang);
  if (!own) return undefined;
  // Several in one section are callouts (the steps of a demo, captions), not quotes pulled out.
  if (!own.by && setApartCount(blocks, lang) > MAX_MARKED_QUOTES) return undefined;
  return { text: own.text, by: own.by ?? author ?? '' };
}

const counted = new WeakMap<readonly Block[], number>();

/** How many short block quotes a section sets apart (counted once per section: sections can be long). */
function setApartCount(blocks: readonly Block[], lang: Lang): number {
  let n = counted.get(blocks);
  if (n === undefined) {
    n = blocks.filter((_, k) => setApart(blocks, k, lang) !== undefined).length;
    counted.set(blocks, n);
  }
  return n;
}

/** More short block quotes set apart in one section than this, and none of them is a pull quote. */
const MAX_MARKED_QUOTES = 2;

/** A short block quote between paragraphs that reads as a statement: its words and its `— Name` line. */
function setApart(blocks: readonly Block[], i: number, lang: Lang): { text: string; by?: string } | undefined {
  const b = blocks[i];
  if (b?.kind !== 'blockquote' || blocks[i - 1]?.kind !== 'paragraph' || blocks[i + 1]?.kind !== 'paragraph') return undefined;
  const lines = b.text.trim().split('\n').filter((l) => l.trim());
  const by = ATTRIBUTION_LINE.exec(lines.at(-1) ?? '')?.[1];
  const text = unwrapText((by ? lines.slice(0, -1) : lines).join('\n')).replace(/\n/gu, ' ').trim();
  const bounds = QUOTE_BOUNDS[lang];
  const size = textUnits(text);
  // Code spans are gone from the text: the Markdown still shows them (the attribution line aside).
  const source = by ? b.markdown.trim().split('\n').slice(0, -1).join('\n') : b.markdown;
  if (size < bounds.min || size > bounds.max || !isStatement(text) || source.includes('`')) return undefined;
  return { text, ...(by ? { by } : {}) };
}

/** True when the author marked pull quotes anywhere: an attributed quote, or a short block quote set apart mid-text. */
export function authorMarkedQuotes(sections: readonly Section[], lang: Lang): boolean {
  const known = marked.get(sections);
  if (known !== undefined) return known;
  const found = anyMarked(sections, lang);
  marked.set(sections, found);
  return found;
}

const marked = new WeakMap<readonly Section[], boolean>();

function anyMarked(sections: readonly Section[], lang: Lang): boolean {
  return sections.some((s) => s.blocks.some((b, i) => b.kind === 'quote' || markedPullQuote(s.blocks, i, lang, undefined) !== undefined) || authorMarkedQuotes(s.subsections, lang));
}
