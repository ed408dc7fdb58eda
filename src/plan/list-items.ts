import { Lexer, type Token, type Tokens } from 'marked';
import type { Lang } from '../model/document.js';
import { geometry, lineHeight, textHeight, wrapLines, type TextStyle } from '../text/layout.js';
import { splitToFit } from './fit.js';
import { plain } from './plain.js';

// A list item is measured as the theme sets it (templates/themes/base.css, `.lt-body li`): its
// own paragraphs one under the other with no space between them, each sub-item a step smaller
// (26px) and 36px further in, 10px between the sub-items of one list, at any depth. Measured as
// one run of text, an item's sub-items and paragraphs shared lines they never share on the slide
// (#16: d2l's "练习" 18px over, oiwiki's "整数与位序列（续）" 6px).

/** A sub-item some blocks of an item lie in (compared by identity): the marker it is written with, and its list. */
interface SubItem {
  marker: string;
  list: object;
}

/** One block of a list item: a paragraph of its own or of a sub-item at any depth, a code block, a quote… */
export interface ItemLine {
  /** The block's Markdown, its indentation taken off. */
  markdown: string;
  /** The sub-items it lies in, outermost first: none for the item's own blocks. */
  within: SubItem[];
  /** The first block of its innermost item, written after that item's marker. */
  opens: boolean;
  /** Running text, which may be split between sentences (not code, a quote or a table). */
  prose: boolean;
  height: number;
  /** Space above it after the block before: 10px when it opens a sub-item after the first of its list. */
  gap: number;
}

/** A list item, or the part of one that goes on one slide: its Markdown with its marker, notes text, height. */
export interface ItemPart {
  markdown: string;
  text: string;
  height: number;
}

/** Body text of a list at depth `level` (0: the list's own items), as base.css sets it. */
const itemStyle = (level: number, lang: Lang): TextStyle => ({ size: level > 0 ? geometry.body.nestedSize : geometry.body.size, lineHeight: lineHeight(lang, 'body'), lang });

/** Width of the text of an item at depth `level` in a list `width` px wide (each list indents its items). */
const itemWidth = (width: number, level: number) => width - geometry.body.listIndent * (level + 1);

/**
 * The blocks of a list item's Markdown (as the ingest keeps it: the item's text, its indent
 * taken off), each measured at its depth in a list `width` px wide.
 */
export function itemLines(markdown: string, width: number, lang: Lang): ItemLine[] {
  const out: ItemLine[] = [];
  const walk = (tokens: readonly Token[], within: SubItem[], gap: number) => {
    let first = true;
    for (const t of tokens) {
      if (t.type === 'space') continue;
      if (t.type === 'list') {
        const l = t as Tokens.List;
        const start = typeof l.start === 'number' ? l.start : 1;
        l.items.forEach((it, k) => walk(it.tokens, [...within, { marker: l.ordered ? `${start + k}. ` : '- ', list: l }], first && k === 0 ? gap : k > 0 ? geometry.body.itemGap : 0));
      } else {
        out.push({ markdown: t.raw.trim(), within, opens: first, prose: t.type === 'paragraph' || t.type === 'text', height: blockHeight(t, itemWidth(width, within.length), within.length, lang), gap: first ? gap : 0 });
      }
      first = false;
    }
  };
  walk(new Lexer({ gfm: true }).lex(markdown), [], 0);
  return out;
}

/** Height of a block inside a list item at depth `level`, in a box `width` px wide. */
function blockHeight(t: Token, width: number, level: number, lang: Lang): number {
  const style = itemStyle(level, lang);
  switch (t.type) {
    case 'code': {
      // `pre` keeps its own size (22px) at any depth, padded as everywhere.
      const c = geometry.code;
      const mono: TextStyle = { size: c.size, lineHeight: c.lineHeight, mono: true, pre: true };
      return (t as Tokens.Code).text.split('\n').reduce((n, l) => n + wrapLines(l || ' ', width - c.padX, mono) * c.size * c.lineHeight, 0) + c.padY;
    }
    case 'blockquote': {
      // A 6px rule and 28px padding on the left, 4px above and below, 12px between paragraphs.
      const paras = (t as Tokens.Blockquote).text.split(/\n\s*\n/).filter((p) => p.trim());
      return paras.reduce((n, p) => n + textHeight(plain(p), width - 34, style), 0) + 12 * Math.max(0, paras.length - 1) + 8;
    }
    default:
      return textHeight(plain(t.raw.trim()), width, style);
  }
}

/** Height of an item's blocks stacked as on the slide. */
export const linesHeight = (lines: readonly ItemLine[]) => lines.reduce((h, l, i) => h + l.height + (i ? l.gap : 0), 0);

/**
 * A list item (Markdown, its indent taken off) with its marker (`- `, or `n. ` with its number):
 * whole when it fits `room`, else in parts that each do, the number kept on each. An item of one
 * paragraph is split between sentences (then clauses); one with sub-items or several paragraphs
 * between its blocks first, each part written again as an item, with the sub-items it starts
 * inside opened again on markers of their own.
 */
export function listItemParts(markdown: string, marker: string, lang: Lang, room: number): ItemPart[] {
  const width = geometry.frame.width;
  const lines = itemLines(markdown, width, lang);
  const whole = (md: string) => textHeight(plain(md), itemWidth(width, 0), itemStyle(0, lang));
  const written = (md: string) => marker + md.replace(/\n/g, `\n${' '.repeat(marker.length)}`);
  // One paragraph: measured as it always was, its own text.
  if (lines.length <= 1 && (lines[0]?.prose ?? true)) {
    const parts = whole(markdown) <= room ? [markdown] : splitToFit(markdown, (t) => whole(t) <= room, lang);
    return parts.map((t) => ({ markdown: written(t), text: t, height: whole(t) }));
  }
  const height = linesHeight(lines);
  if (height <= room) return [{ markdown: written(markdown), text: markdown, height }];
  // A paragraph taller than the room goes on between sentences, as further paragraphs of its item.
  const style = (l: ItemLine) => itemStyle(l.within.length, lang);
  const fitting = lines.flatMap((l) => {
    if (l.height <= room || !l.prose) return [l];
    const w = itemWidth(width, l.within.length);
    const h = (t: string) => textHeight(plain(t), w, style(l));
    return splitToFit(l.markdown, (t) => h(t) <= room, lang).map((t, k) => ({ ...l, markdown: t, height: h(t), ...(k > 0 ? { opens: false, gap: 0 } : {}) }));
  });
  return packLines(fitting, room).map((part) => ({
    markdown: partMarkdown(part, marker),
    text: part.map((l) => '  '.repeat(l.within.length) + l.markdown).join('\n'),
    height: linesHeight(part),
  }));
}

/**
 * Blocks into parts, in order, each within `room` (a block taller than that alone): the fewest
 * parts; among those, breaks as shallow as they can be (a part that starts inside a sub-item
 * opens it again on a bare marker, inside a paragraph's item more so), then the most even parts.
 */
function packLines(lines: readonly ItemLine[], room: number): ItemLine[][] {
  type Best = { parts: number; depth: number; cost: number; from: number };
  /** How deep a part starting at this block starts: its sub-items, and a half more for a paragraph that opens none. */
  const depth = (l: ItemLine) => l.within.length + (l.opens ? 0 : 0.5);
  const better = (a: Best, b: Best | undefined) => !b || a.parts < b.parts || (a.parts === b.parts && (a.depth < b.depth || (a.depth === b.depth && a.cost < b.cost)));
  const best: (Best | undefined)[] = [{ parts: 0, depth: 0, cost: 0, from: -1 }];
  for (let j = 1; j <= lines.length; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const h = linesHeight(lines.slice(i, j));
      if (h > room && i < j - 1) break;
      const prev = best[i]!;
      const cand: Best = { parts: prev.parts + 1, depth: prev.depth + (i > 0 ? depth(lines[i]!) : 0), cost: prev.cost + Math.max(0, room - h) ** 2, from: i };
      if (better(cand, best[j])) best[j] = cand;
    }
  }
  const parts: ItemLine[][] = [];
  for (let j = lines.length; j > 0; j = best[j]!.from) parts.unshift(lines.slice(best[j]!.from, j));
  return parts;
}

/**
 * Markdown of a part of an item: the item's marker, then its blocks each at its item's content
 * column (CommonMark nests by indentation). A part that starts inside a sub-item opens the items
 * around it on bare markers (`3.` alone): the marker sits on the first line below it, so the
 * part is as tall as its blocks.
 */
function partMarkdown(lines: readonly ItemLine[], marker: string): string {
  const out: string[] = [];
  const open: SubItem[] = [];
  /** Content column of the open items: the top item's, then each open sub-item's. */
  const cols = [marker.length];
  /** The last line written is a bare marker: no blank line may follow it (an item starts with at most one). */
  let bare = false;
  const lists = new Set<object>();
  const indented = (md: string, col: number) => ' '.repeat(col) + md.replace(/\n(?=.)/g, `\n${' '.repeat(col)}`);
  lines.forEach((l, i) => {
    let depth = 0;
    while (depth < open.length && open[depth] === l.within[depth]) depth++;
    open.length = depth;
    cols.length = depth + 1;
    if (i === 0 && !l.within.length) {
      out.push(marker + indented(l.markdown, cols[0]).slice(cols[0]));
      return;
    }
    if (i === 0) {
      out.push(marker.trimEnd());
      bare = true;
    }
    for (let k = depth; k < l.within.length; k++) {
      const sub = l.within[k]!;
      const col = cols[k]!;
      const here = k === l.within.length - 1 && l.opens;
      // An ordered list not starting at 1 cannot interrupt a paragraph: a blank line ends the paragraph first.
      if (!bare && !lists.has(sub.list) && /^\d/.test(sub.marker) && !sub.marker.startsWith('1.')) out.push('');
      lists.add(sub.list);
      out.push(here ? ' '.repeat(col) + sub.marker + indented(l.markdown, col + sub.marker.length).slice(col + sub.marker.length) : ' '.repeat(col) + sub.marker.trimEnd());
      open.push(sub);
      cols.push(col + sub.marker.length);
      bare = !here;
      if (here) return;
    }
    if (!bare) out.push('');
    out.push(indented(l.markdown, cols[l.within.length]!));
    bare = false;
  });
  return out.join('\n');
}
