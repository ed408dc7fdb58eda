import type { Block, Lang } from '../model/document.js';
import type { SlidePlan } from '../model/plan.js';
import { budgets, lines } from './budgets.js';
import { words } from './words.js';

type ContentBlock = Extract<Block, { kind: 'list' | 'code' | 'table' | 'image' | 'html' | 'blockquote' }>;

/** A piece of a content slide: Markdown, its estimated height in lines, and plain text. */
interface Piece {
  markdown: string;
  text: string;
  height: number;
  line: number;
  variant?: string;
}

/**
 * Lays lists, tables, code, images and other Markdown blocks onto content slides: pieces
 * are stacked while they fit the slide's line budget; a list, table or code block that is
 * too long on its own is split across continuation slides marked "(cont.)" / "(续)".
 */
export function contentSlides(blocks: ContentBlock[], title: string, lang: Lang): SlidePlan[] {
  const max = budgets.contentLines[lang];
  const pieces = blocks.flatMap((b) => split(b, lang, max));
  const slides: SlidePlan[] = [];
  let page: Piece[] = [];
  let used = 0;
  const flush = () => {
    if (!page.length) return;
    const continued = slides.length > 0;
    const variant = page.length === 1 ? page[0].variant : undefined;
    slides.push({
      template: 'content',
      section: title,
      title: continued ? title + words[lang].cont : title,
      body: page.map((p) => p.markdown).join('\n\n'),
      notes: page.map((p) => p.text).join('\n\n'),
      seconds: 0,
      line: page[0].line,
      ...(continued ? { continued: true } : {}),
      ...(variant ? { variant } : {}),
    });
    page = [];
    used = 0;
  };
  for (const p of pieces) {
    if (used + p.height > max || p.variant === 'image') flush();
    page.push(p);
    used += p.height;
    if (p.variant === 'image') flush();
  }
  flush();
  return slides;
}

function split(b: ContentBlock, lang: Lang, max: number): Piece[] {
  switch (b.kind) {
    case 'list': {
      // Items keep their number, so a numbered list continues on the next slide.
      const numbered = b.items.map((text, k) => ({ text, n: k + 1 }));
      return chunk(numbered, (it) => lines(it.text, lang), max).map((items) => ({
        markdown: items.map((it) => (b.ordered ? `${it.n}. ` : '- ') + it.text.replace(/\n/g, '\n  ')).join('\n'),
        text: items.map((it) => it.text).join('\n'),
        height: items.reduce((n, it) => n + lines(it.text, lang), 0),
        line: b.line,
      }));
    }
    case 'table':
      return splitTable(b.markdown, b.text, b.line, lang);
    case 'code': {
      const all = b.markdown.split('\n');
      const fence = all[0];
      const body = all.slice(1, -1);
      const per = budgets.codeLines[lang];
      return chunk(body, () => 1, per).map((part) => ({ markdown: [fence, ...part, '```'].join('\n'), text: part.join('\n'), height: Math.ceil(part.length * 0.6) + 1, line: b.line, variant: 'code' }));
    }
    case 'image':
      return [{ markdown: b.markdown, text: b.text, height: max, line: b.line, variant: 'image' }];
    default:
      return [{ markdown: b.markdown, text: b.text, height: Math.min(max, lines(b.text, lang)), line: b.line }];
  }
}

function splitTable(markdown: string, text: string, line: number, lang: Lang): Piece[] {
  const rows = markdown.split('\n').filter((r) => r.trim());
  const head = rows.slice(0, 2);
  const body = rows.slice(2);
  const per = budgets.tableRows[lang];
  return chunk(body, () => 1, per).map((part) => ({ markdown: [...head, ...part].join('\n'), text: part.join('\n') || text, height: part.length + 1.5, line, variant: 'table' }));
}

/** Splits items into runs whose summed size stays within max (an oversized item gets a run of its own). */
export function chunk<T>(items: T[], size: (t: T) => number, max: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let used = 0;
  for (const it of items) {
    const s = size(it);
    if (cur.length && used + s > max) {
      out.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(it);
    used += s;
  }
  if (cur.length) out.push(cur);
  return out;
}
