import type { Block, Lang } from '../model/document.js';
import type { SlidePlan } from '../model/plan.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight, wrapLines, type TextStyle } from '../text/layout.js';
import { pack, splitToFit } from './fit.js';
import { CODE_SIZES, splitCode, type CodePart } from './code.js';
import { budgets } from './budgets.js';
import { htmlHeight, htmlParts } from './html-blocks.js';
import { outlinePoint } from './points.js';
import { nestedItems, nestedListMarkdown, type NestedItem } from '../ingest/list-markdown.js';
import { words } from '../text/words.js';
import { authoredRowBreaks } from '../text/math-spans.js';
import { MATH_SCALE, mathBox } from '../text/math-size.js';
import { plain } from './plain.js';
import { listItemParts } from './list-items.js';
import { splitTable } from './table.js';

// Measured here first; other modules and tests still import it from content.ts.
export { plain };
export { cells, tableRowHeights } from './table.js';

type ContentBlock = Extract<Block, { kind: 'list' | 'code' | 'table' | 'image' | 'html' | 'blockquote' }>;

/** A piece of a content slide: Markdown, its height in slide pixels, and plain text. */
interface Piece {
  markdown: string;
  text: string;
  height: number;
  line: number;
  variant?: string;
  /** Goes on the same slide as the piece after it when the two fit together (a lead-in and its code). */
  keep?: boolean;
  /** A top-level group of an outline list: groups of one list that share a slide are written as one list. */
  list?: { of: object; ordered: boolean; items: NestedItem[] };
  /** An outline's formula or diagram, set `compact` (base.css): it sits close under the list above it. */
  compact?: boolean;
  /** What a slide of this piece alone is called (a figure's caption; empty: the section's title, with no "(cont.)"). */
  title?: string;
  /** Parts of one table: never on one slide together (each would repeat the header as a table of its own). */
  apart?: object;
  /** The same code set smaller (the `fit=n` steps of code.ts), when that fits `room` in one part. */
  smaller?: (room: number) => Piece | undefined;
}

/**
 * Lays lists, tables, code, images and other Markdown blocks onto content slides: pieces
 * are stacked while they fit the room under the heading (heights from the layout model in
 * budgets.ts); a list, table, code block or block quote too long for one slide is split
 * across continuation slides marked "(cont.)" / "(续)", a table repeating its header row.
 * With `autofit` off nothing is split: every run of blocks goes on one slide (images still
 * get a slide each), so `lectern check` shows what would overflow.
 */
export function contentSlides(blocks: ContentBlock[], title: string, lang: Lang, autofit = true): SlidePlan[] {
  const room = autofit ? geometry.frame.height * SAFETY - headingHeight(title + words[lang].cont, lang) : Infinity;
  // An outline's formulas may be set smaller to share a slide with the lines around them.
  const outline = blocks.some((b) => b.kind === 'list' && b.shorten);
  const pieces: Piece[] = [];
  blocks.forEach((b, i) => pieces.push(...split(b, lang, room, blocks[i + 1], outline, keptAbove(pieces))));
  const slides: SlidePlan[] = [];
  const runs: Piece[][] = [];
  let run: Piece[] = [];
  for (const p of pieces) {
    if (p.variant === 'image') {
      if (run.length) runs.push(run);
      runs.push([p]);
      run = [];
    } else run.push(p);
  }
  if (run.length) runs.push(run);
  for (const page of runs.flatMap((r) => packKept(r, room))) {
    const continued = slides.length > 0;
    const variant = page.length === 1 ? page[0].variant : undefined;
    // A figure on a slide of its own is called by its caption, not "(cont.)" after "(cont.)".
    const own = page.length === 1 ? page[0].title : undefined;
    slides.push({
      template: 'content',
      section: title,
      title: own || (own === undefined && continued ? title + words[lang].cont : title),
      body: joined(page).map((p) => p.markdown).join('\n\n'),
      notes: joined(page).map((p) => p.text).join('\n\n'),
      seconds: 0,
      line: page[0].line,
      ...(continued ? { continued: true } : {}),
      ...(variant ? { variant } : {}),
    });
  }
  return slides;
}

/** The run of `keep` pieces at the end of `pieces` (a lead-in, a listing's caption): they stand above the next piece. */
function keptAbove(pieces: readonly Piece[]): Piece[] {
  let at = pieces.length;
  while (at > 0 && pieces[at - 1]!.keep) at--;
  return pieces.slice(at);
}

/**
 * Pages of pieces: a piece marked `keep` shares a page with the piece after it whenever the two
 * fit on one, and pages are filled in order. A run that holds an outline's list (its top-level
 * groups are pieces of their own, one list again where they meet: `joined`) is laid out as a
 * whole instead: the fewest pages, then the most even ones, a formula set smaller where that
 * lets it share a page (`smaller`).
 */
function packKept(run: readonly Piece[], room: number): Piece[][] {
  const units: Piece[][] = [];
  for (const p of run) {
    const last = units.at(-1);
    const together = last?.at(-1)?.keep ? fitted([...last, p], room) : undefined;
    if (together) {
      units[units.length - 1] = together;
      continue;
    }
    // A unit that cannot all share a page with `p` (a paragraph, then a lead-in, then a listing's
    // caption): the longest run of `keep` pieces at its end that fits with `p` still goes with it.
    let moved: Piece[] | undefined;
    let at = last?.length ?? 0;
    while (last && at > 1 && last[at - 1]!.keep) {
      const joined = fitted([...last.slice(at - 1), p], room);
      if (!joined) break;
      moved = joined;
      at--;
    }
    if (moved) units.splice(units.length - 1, 1, last!.slice(0, at), moved);
    else units.push([p]);
  }
  return run.some((p) => p.list) ? evenPages(units, room) : fillPages(units, room);
}

/** Space between two pieces on a slide: an item's gap inside one list, else a block's. */
const gapBetween = (a: Piece, b: Piece) => {
  if (a.list && a.list.of === b.list?.of) return geometry.body.itemGap;
  return a.list && b.compact ? geometry.code.compactGap : geometry.body.gap;
};

/** Height of pieces stacked on one slide. */
const stacked = (pieces: readonly Piece[]) => pieces.reduce((h, p, i) => h + p.height + (i ? gapBetween(pieces[i - 1]!, p) : 0), 0);

/** Whether pieces hold two parts of one table. */
const twoParts = (pieces: readonly Piece[]) => pieces.some((p, i) => p.apart && pieces.slice(0, i).some((q) => q.apart === p.apart));

/** Fills pages in order with units (a piece, or a `keep` piece with the one after it). */
function fillPages(units: readonly Piece[][], room: number): Piece[][] {
  const out: Piece[][] = [];
  for (const unit of units) {
    const page = out.at(-1);
    if (page && stacked([...page, ...unit]) <= room && !twoParts([...page, ...unit])) page.push(...unit);
    else out.push([...unit]);
  }
  return out;
}

/**
 * Units onto the fewest pages, and among those the most even (least sum of squared room left),
 * by dynamic programming over where pages break; a unit too tall for any page stands alone.
 */
function evenPages(units: readonly Piece[][], room: number): Piece[][] {
  type Best = { pages: number; cost: number; from: number; page: Piece[] };
  const best: (Best | undefined)[] = [{ pages: 0, cost: 0, from: -1, page: [] }];
  for (let j = 1; j <= units.length; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const pieces = units.slice(i, j).flat();
      if (i < j - 1 && stacked(pieces) > 2 * room) break;
      const page = (twoParts(pieces) ? undefined : fitted(pieces, room)) ?? (i === j - 1 ? pieces : undefined);
      const prev = best[i];
      if (!page || !prev) continue;
      const cand: Best = { pages: prev.pages + 1, cost: prev.cost + Math.max(0, room - stacked(page)) ** 2, from: i, page };
      const cur = best[j];
      if (!cur || cand.pages < cur.pages || (cand.pages === cur.pages && cand.cost < cur.cost)) best[j] = cand;
    }
  }
  const pages: Piece[][] = [];
  for (let j = units.length; j > 0; j = best[j]!.from) pages.unshift(best[j]!.page);
  return pages;
}

/** The pieces as they fit `room`: as they are, with one formula set smaller, or with all of them at the smallest size; undefined when they do not. */
function fitted(pieces: Piece[], room: number): Piece[] | undefined {
  const h = stacked(pieces);
  if (h <= room) return pieces;
  for (let k = pieces.length - 1; k >= 0; k--) {
    const small = pieces[k]!.smaller?.(room - (h - pieces[k]!.height));
    if (small) return pieces.with(k, small);
  }
  // Else every formula on the slide at the smallest size (the lines' share of the height scales with the type).
  const floor = CODE_SIZES.at(-1)! / CODE_SIZES[0];
  const least = pieces.map((p) => p.smaller?.(geometry.code.compactPadY + (p.height - geometry.code.compactPadY) * floor + 1) ?? p);
  return least.some((p, k) => p !== pieces[k]) && stacked(least) <= room ? least : undefined;
}

/** A page's pieces with consecutive groups of one outline list written as one list. */
function joined(page: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of page) {
    const prev = out.at(-1);
    if (prev?.list && p.list && prev.list.of === p.list.of) {
      const items = [...prev.list.items, ...p.list.items];
      out[out.length - 1] = { ...prev, markdown: nestedListMarkdown(items, p.list.ordered), text: `${prev.text}\n${p.text}`, height: stacked([prev, p]), list: { ...p.list, items } };
    } else out.push(p);
  }
  return out;
}

const body = (lang: Lang): TextStyle => ({ size: geometry.body.size, lineHeight: lineHeight(lang, 'body'), lang });

function split(b: ContentBlock, lang: Lang, room: number, next?: ContentBlock, outline = false, above: readonly Piece[] = []): Piece[] {
  const g = geometry.body;
  switch (b.kind) {
    case 'list': {
      // An outline's last line leads into a formula or a diagram below it, or into whatever follows its colon.
      if (b.levels || b.shorten) return outlineList(b, lang, room, next?.kind === 'code' || (next !== undefined && /[:：]$/u.test(b.items.at(-1) ?? '')));
      // Items keep their number (from the author's first, `4.` or `4)`), so a numbered list continues on the next slide; an item too
      // tall for a slide on its own continues as a further item with the same number (list-items.ts, measured block by block).
      const first = b.start ?? 1;
      const items = b.items.flatMap((text, k) => listItemParts(text, b.ordered ? `${k + first}. ` : '- ', lang, room));
      return ledPack(items, (it) => it.height, g.itemGap, room, above.length ? room - stacked(above) - g.gap : room).map((part) => ({
        markdown: part.map((it) => it.markdown).join('\n'),
        text: part.map((it) => it.text).join('\n'),
        height: part.reduce((n, it) => n + it.height, 0) + g.itemGap * (part.length - 1),
        line: b.line,
      }));
    }
    case 'table':
      return tablePieces(b.markdown, b.text, b.line, lang, room);
    case 'code':
      // A diagram is drawn, not listed: never split or set smaller, it scales to the room left (base.css .lt-diagram).
      if (MERMAID_FENCE.test(b.markdown)) return [{ markdown: b.markdown, text: diagramNote(b.markdown, lang), height: Math.min(room, DIAGRAM_HEIGHT), line: b.line, variant: 'diagram' }];
    {
      const piece = (part: CodePart): Piece => ({ markdown: part.markdown, text: part.text, height: part.height, line: b.line + (part.from > 1 ? part.from : 0), variant: 'code', ...(outline ? { compact: true } : {}) });
      const markdown = outline ? b.markdown.replace(/^(`{3,}|~{3,}).*/u, (fence) => `${fence} compact`) : b.markdown;
      // Code leaves room on its first slide for the lines kept above it (a lead-in, a caption)…
      const whole = splitCode(markdown, room, lang);
      // …unless that leaves it fewer than 3 lines, or comments alone, under the lead-in: then it starts on the next slide.
      // The whole run kept above it is tried first, then its last pieces alone (a caption without the paragraph above it).
      // Code that fits a slide alone is set smaller to fit under them, or else is not split for them.
      let parts = whole;
      for (let k = 0; k < above.length; k++) {
        const led = splitCode(markdown, room, lang, { firstRoom: room - stacked(above.slice(k)) - geometry.code.compactGap });
        if (led[0] && (whole.length > 1 || led.length === 1) && led[0].to - led[0].from >= 2 && !onlyComments(led[0])) {
          parts = led;
          break;
        }
      }
      // Each part may be set smaller on its own, its line numbers kept (`start=N`).
      const smaller = (md: string, from: number) => (r: number) => {
        const [part, more] = splitCode(md, r, lang);
        return part && !more && part.height <= r ? piece({ ...part, from }) : undefined;
      };
      return parts.map((part) => ({ ...piece(part), ...(outline ? { smaller: smaller(part.markdown, part.from) } : {}) }));
    }
    case 'image':
      return [{ markdown: b.markdown, text: b.text, height: geometry.image.height, line: b.line, variant: 'image' }];
    case 'html': {
      // Raw HTML taller than the room, or a gallery of figures, is split between its parts (html-blocks.ts).
      const parts = htmlParts(b.markdown, lang, room);
      if (parts) return parts.map((p) => ({ markdown: p.markdown, text: p.text, height: p.height, line: b.line + p.line, ...(p.picture ? { variant: 'image' } : {}), ...(p.title !== undefined ? { title: p.title } : {}) }));
      const formula = displayMath(b.markdown, room);
      if (formula) return [{ ...formula, text: b.text, line: b.line }];
      const height = Math.max(blockHeight(b.text, geometry.frame.width, lang), htmlHeight(b.markdown, lang) ?? 0);
      // A paragraph of Markdown (a lead-in, an answer shown as written) too tall goes on between sentences.
      // A lead-in that fits ("…as follows:") keeps with what it introduces (packKept, ledPack).
      const leads = next !== undefined && isProse(b.markdown) && /[:：]\s*$/u.test(b.markdown);
      if (height <= room || !isProse(b.markdown)) return [{ markdown: b.markdown, text: b.text, height, line: b.line, ...(leads ? { keep: true } : {}) }];
      return proseParts(b.markdown, lang, room, b.line);
    }
    case 'blockquote': {
      // 6px rule + 28px padding on the left, 4px above and below.
      const height = (t: string) => textHeight(t, geometry.frame.width - 34, body(lang)) + 8;
      const parts = height(b.text) <= room ? [b.text] : splitToFit(b.text, (t) => height(t) <= room, lang);
      // A one-line quote right above a listing (a file name, a link to the source) is its caption.
      const caption = next?.kind === 'code' && height(b.text) <= height('x') ? { keep: true } : {};
      if (parts.length === 1) return [{ markdown: b.markdown, text: b.text, height: blockHeight(b.text, geometry.frame.width - 34, lang) + 8, line: b.line, ...caption }];
      return parts.map((t) => ({ markdown: `> ${t}`, text: t, height: height(t), line: b.line }));
    }
  }
}

/**
 * `pack`, with less room on the first page where a lead-in ("…as follows:") stands above it: the
 * lead-in keeps with as many items as fit under it, and the rest go on, so that it never stands
 * alone on a slide above a list that would have filled one by itself. When not one item fits under
 * it, the list is packed as if it had no lead-in.
 */
function ledPack<T>(items: T[], height: (t: T) => number, gap: number, room: number, first: number): T[][] {
  const whole = pack(items, height, gap, room);
  if (first >= room || whole.length === 0) return whole;
  const [head] = pack(items, height, gap, first);
  if (!head || head.length === items.length) return head ? [head] : whole;
  if (head.reduce((h, it) => h + height(it), 0) + gap * (head.length - 1) > first) return whole;
  return [head, ...pack(items.slice(head.length), height, gap, room)];
}

/** Whether a part's code lines are comments or blank only. */
const onlyComments = (part: CodePart) =>
  (part.note ? part.text.slice(part.note.length) : part.text)
    .split('\n')
    .filter((l) => l.trim())
    .every((l) => /^\s*(?:\/\/|#|--|\/?\*|;)/.test(l));

/** Markdown paragraphs (a lead-in, an answer shown as written), not raw HTML: they may be split between sentences. */
const isProse = (markdown: string) => !/^\s*</.test(markdown);

/**
 * Paragraphs too tall for one slide, as pieces that each fit: split between sentences (then
 * clauses) like a long list item, measured as set (formulas at their typeset size). The last
 * part of a lead-in ("…as follows:") keeps with what it introduces when the two fit together.
 */
function proseParts(markdown: string, lang: Lang, room: number, line: number): Piece[] {
  const height = (md: string) => textHeight(plain(md), geometry.frame.width, body(lang));
  const parts = markdown
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .flatMap((p) => (height(p) <= room ? [p.trim()] : splitToFit(p.replace(/\s*\n\s*/g, ' '), (t) => height(t) <= room, lang)));
  return parts.map((md, i) => ({
    markdown: md,
    text: plain(md),
    height: height(md),
    line,
    ...(i === parts.length - 1 && /[:：]\s*$/u.test(md) ? { keep: true } : {}),
  }));
}

/** A ```` ```mermaid ```` fence (src/render/mermaid.ts draws it). */
const MERMAID_FENCE = /^(?:`{3,}|~{3,})\s*\{?\s*\.?mermaid(?=[\s}]|$)/i;

/** The least room a diagram is given: with a short paragraph above it, and legible at that size. */
const DIAGRAM_HEIGHT = 320;

/** An outline line up to this many times a key point's budget is shown whole: the author wrote it as a line of notes. */
const OUTLINE_KEEP = 1.5;

/** One line of an outline list: what the slide shows, what the notes keep, how deep it sits. */
interface OutlineItem {
  shown: string;
  full: string;
  level: number;
  n: number;
}

/**
 * An outline's list (ingest/outline-indent.ts): one item per line, nested by `levels`, a long
 * line shortened on the slide (points.ts `outlinePoint`) and kept whole in the notes. One piece
 * per top-level line with its sub-bullets, so that the section's pieces fill its slides
 * (`packKept`) and a page breaks between topics; a group taller than a slide breaks between its
 * own lines (a page that starts inside a nesting starts it again at the top level).
 */
function outlineList(b: Extract<ContentBlock, { kind: 'list' }>, lang: Lang, room: number, leadsIn: boolean): Piece[] {
  const g = geometry.body;
  const style = (level: number): TextStyle => ({ ...body(lang), size: level > 0 ? g.nestedSize : g.size });
  const width = (level: number) => geometry.frame.width - g.listIndent * (level + 1);
  const items: OutlineItem[] = nestedItems(b.items, b.levels, b.start).map(({ text: full, level, n }) => ({
    shown: b.shorten ? outlinePoint(full, lang, budgets.point[lang], OUTLINE_KEEP * budgets.point[lang], (t) => wrapLines(plain(t), width(level), style(level))) : full,
    full,
    level,
    n,
  }));
  const height = (it: OutlineItem) => textHeight(plain(it.shown), width(it.level), style(it.level));
  const groups: OutlineItem[][] = [];
  for (const it of items) (it.level === 0 || !groups.length ? groups.push([it]) : groups.at(-1)!.push(it));
  const sum = (list: OutlineItem[]) => list.reduce((h, it) => h + height(it), 0) + g.itemGap * Math.max(0, list.length - 1);
  const parts = groups.flatMap((grp) => (sum(grp) <= room ? [grp] : packOutline(grp, height, g.itemGap, room)));
  // The last line before a formula or a diagram leads into it (with its sub-bullets): kept with what follows.
  return parts.map((part, k) => ({
    markdown: nestedListMarkdown(part.map((it) => ({ text: it.shown, level: it.level, n: it.n })), b.ordered),
    text: part.map((it) => '  '.repeat(it.level) + plain(it.full)).join('\n'),
    height: sum(part),
    line: b.line,
    list: { of: b, ordered: b.ordered, items: part.map((it) => ({ text: it.shown, level: it.level, n: it.n })) },
    ...(leadsIn && k === parts.length - 1 ? { keep: true } : {}),
  }));
}

/**
 * Pages of one outline group taller than a slide: broken between its lines and evened out,
 * the fewest pages at the smallest room that still needs no more.
 */
function packOutline(items: OutlineItem[], height: (it: OutlineItem) => number, gap: number, room: number): OutlineItem[][] {
  const most = pack(items, height, gap, room);
  if (most.length < 2) return most;
  let lo = 0;
  let hi = room;
  while (hi - lo > 4) {
    const mid = (lo + hi) / 2;
    if (pack(items, height, gap, mid).length <= most.length) hi = mid;
    else lo = mid;
  }
  return pack(items, height, gap, hi);
}

/**
 * A diagram's notes: its labels (`A[Label]`, `B{Label}`, `C("Label")`, `X->>Y: message`), not
 * its source, which a speaker would not read out.
 */
function diagramNote(markdown: string, lang: Lang): string {
  const labels = new Set<string>();
  for (const line of markdown.split('\n').slice(1, -1)) {
    for (const m of line.matchAll(/[[({>]+"?([^[\](){}"|]+?)"?[\])}]+/g)) labels.add(m[1].trim());
    const message = /^\s*[^:%]+?(?:->>|-->>|->|-->|-x|--x|-\)|--\))[^:]+:\s*(.+)$/.exec(line);
    if (message) labels.add(message[1].trim());
  }
  const list = [...labels].filter(Boolean).slice(0, 20);
  if (lang === 'zh') return list.length ? `图示：${list.join('、')}` : '图示';
  return list.length ? `Diagram: ${list.join(', ')}` : 'Diagram';
}

/** Display math type steps (base.css `.lt-math-s1`, `.lt-math-s2`): 100 %, 80 %, 64 %. */
const MATH_SCALES = [1, 0.8, 0.64] as const;

/**
 * A `$$…$$` block's height as typeset, not as its TeX's length. A formula of one row is
 * measured with KaTeX's own box (height + depth at the display size, base.css `.katex` 1.1 em,
 * plus `.katex-display`'s 0.4 em margins; on a slide it takes less, as margins collapse); any
 * formula KaTeX reads is measured for width, so one wider than the frame is set smaller rather
 * than clipped. Rows (`\\`), or TeX KaTeX cannot read, are estimated: about 1.5 lines a row,
 * 2.6 with sums, integrals, fractions or big delimiters, at 1.33 × the body size. Set smaller
 * (a wrapper class) when that does not fit the room. Row breaks are read as the renderer sets
 * them (`authoredRowBreaks`: `\\\\` doubled everywhere is the author's `\\`); an empty row left
 * between two breaks is a row, and only a last empty row is dropped, as KaTeX does.
 */
function displayMath(markdown: string, room: number): { markdown: string; height: number } | undefined {
  const m = /^(?:\$\$|\\\[)([\s\S]+)(?:\$\$|\\\])$/.exec(markdown.trim());
  if (!m) return undefined;
  const parts = authoredRowBreaks(m[1]).split(/\\\\(?![a-z])/);
  while (parts.length > 1 && !parts.at(-1)!.trim()) parts.pop();
  const rows = parts.length;
  // KaTeX's box: its width always; its height for one row (rows at the top level it does not stack).
  const box = mathBox(m[1], true);
  const high = rows === 1 ? box : undefined;
  const size = geometry.body.size;
  const tall = /\\(sum|prod|int|oint|frac|dfrac|tfrac|bigg?|Bigg?|left|binom|overbrace|underbrace|begin\{[pbvBV]?matrix)/.test(m[1]);
  const at = (k: number) => (high ? ((high.height + high.depth) * MATH_SCALE + 0.8) * size : (rows * (tall ? 2.6 : 1.5) + 0.8) * size * 1.33) * MATH_SCALES[k];
  const fitsAt = (k: number) => at(k) <= room && (!box || box.width * MATH_SCALE * size * MATH_SCALES[k] <= geometry.frame.width);
  const step = Math.max(0, MATH_SCALES.findIndex((_, k) => fitsAt(k)));
  const fits = fitsAt(step) ? step : MATH_SCALES.length - 1;
  const wrapped = fits ? `<div class="lt-math-s${fits}">\n\n${markdown.trim()}\n\n</div>` : markdown;
  return { markdown: wrapped, height: at(fits) };
}

/** Height of text made of paragraphs (blank-line separated), 12px between them. */
function blockHeight(text: string, width: number, lang: Lang): number {
  const paras = text.split(/\n\s*\n/).filter((p) => p.trim());
  return paras.reduce((n, p) => n + textHeight(p, width, body(lang)), 0) + 12 * Math.max(0, paras.length - 1);
}

function tablePieces(markdown: string, text: string, line: number, lang: Lang, room: number): Piece[] {
  const parts = splitTable(markdown, text, lang, room);
  const apart = parts.length > 1 ? {} : undefined;
  return parts.map((p) => ({ markdown: p.markdown, text: p.text, height: p.height, line, variant: p.shrink ? `shrink-${p.shrink}` : 'table', ...(apart ? { apart } : {}) }));
}
