import type { Token, Tokens } from 'marked';
import type { SlidePlan } from '../../model/plan.js';
import { geometry, lineHeight, textWidth, type TextStyle } from '../../text/layout.js';
import { boxHeight, boxLines, type SlideCanvas } from './canvas.js';
import { codeLines } from './code.js';
import { isMermaid } from '../../render/mermaid.js';
import { FRAME, heading } from './slides.js';
import { decodeEntities, htmlText, inch, inlineRuns, markdown, plainRun, pt, xmlText, type Run, type RunOptions, type RunStyle } from './text.js';

// The `content` template: the slide's Markdown body as native PPTX objects, stacked under the
// heading as .lt-body stacks them (18px between blocks): paragraphs and lists as text with
// real bullets, tables as tables, code in a monospace box, images embedded, math as a picture
// with its TeX as alt text when a math renderer is given.

/** A picture to embed: a data URL (`image/png;base64,…`) and its size in pixels. */
export interface PptxPicture {
  data: string;
  width: number;
  height: number;
}

/** The type a formula is set beside: size in slide px and colour (hex without `#`). */
export interface MathStyle {
  size: number;
  color: string;
}

/**
 * Turns TeX into a picture at build time; undefined when it cannot. The extension point for
 * math: without one, TeX is shown as monospace text. The picture's width and height are its
 * size on the slide in px (1280 × 720 slide), for type of `style.size` px.
 */
export type MathRenderer = (tex: string, display: boolean, style?: MathStyle) => PptxPicture | undefined;

/** What the body needs from outside: pictures for image paths, math, and where to warn. */
export interface BodyContext {
  /** The picture for an image path as written in the Markdown, or undefined (the alt text is shown). */
  image: (src: string, alt: string, line: number | undefined) => PptxPicture | undefined;
  math?: MathRenderer;
  /** The picture of a mermaid fence's text, when the build drew it (diagram.ts); else the source is shown as code. */
  diagram?: (source: string) => PptxPicture | undefined;
}

interface Block {
  height: number;
  draw: (y: number) => void;
}

const GAP = geometry.body.gap;

/** Draws a `content` slide: its heading, then its Markdown body block by block. */
export function drawContent(c: SlideCanvas, s: SlidePlan, ctx: BodyContext): void {
  const top = heading(c, s.title ?? '');
  // An image alone on its slide is centred in the room under the heading, as .lt-v-image does.
  drawBody(c, s.body ?? '', top, { x: FRAME.x, width: FRAME.width, room: FRAME.bottom - top, imageHeight: geometry.image.height }, ctx, s, s.variant === 'image');
}

/** Where a body is laid out: a column of the frame, the room under its top, and the tallest an image may be. */
export interface Box {
  x: number;
  width: number;
  room: number;
  imageHeight: number;
}

/** Lays Markdown out block by block from `top` down (or centred in the room); returns where it ends. */
export function drawBody(c: SlideCanvas, md: string, top: number, box: Box, ctx: BodyContext, s: SlidePlan, centre = false): number {
  if (!md.trim()) return top;
  const blocks = markdown
    .lexer(md)
    .map((t) => block(c, t, ctx, s, box))
    .filter((b): b is Block => b !== undefined);
  const total = blocks.reduce((n, b) => n + b.height, 0) + GAP * Math.max(0, blocks.length - 1);
  let y = centre ? top + Math.max(0, (box.room - total) / 2) : top;
  for (const b of blocks) {
    b.draw(y);
    y += b.height + GAP;
  }
  return y - GAP;
}

/**
 * The `two-column` and `image-beside` templates of authored decks: the heading (when there is
 * one), for two-column the lead text across the slide, then the two columns side by side
 * (48px apart, as .lt-columns sets them); the image column of image-beside is centred.
 */
export function drawColumns(c: SlideCanvas, s: SlidePlan, ctx: BodyContext): void {
  let top = s.title ? heading(c, s.title) : FRAME.y;
  const full = { x: FRAME.x, width: FRAME.width, room: FRAME.bottom - top, imageHeight: geometry.image.height };
  if (s.template === 'two-column' && s.body?.trim()) top = drawBody(c, s.body, top, full, ctx, s) + GAP;
  const width = (FRAME.width - 48) / 2;
  const imageColumn = s.template === 'image-beside' ? (s.imageSide === 'left' ? 0 : 1) : -1;
  (s.columns ?? ['', '']).forEach((md, k) => {
    const box = { x: FRAME.x + k * (width + 48), width, room: FRAME.bottom - top, imageHeight: 560 };
    drawBody(c, md, top, box, ctx, s, k === imageColumn);
  });
}

const bodyStyle = (c: SlideCanvas): TextStyle => ({ size: geometry.body.size, lineHeight: lineHeight(c.lang, 'body'), lang: c.lang });

function block(c: SlideCanvas, t: Token, ctx: BodyContext, s: SlidePlan, box: Box): Block | undefined {
  switch (t.type) {
    case 'paragraph':
      return paragraph(c, t as Tokens.Paragraph, ctx, s, box);
    case 'heading':
      return textBlock(c, [inlineRuns((t as Tokens.Heading).text, { size: 34, color: c.theme.fg, bold: true }, c)], box.x, box.width, { ...bodyStyle(c), size: 34, bold: true });
    case 'list':
      return list(c, t as Tokens.List, box);
    case 'table':
      return table(c, t as Tokens.Table, box);
    case 'code': {
      const { text, lang } = t as Tokens.Code;
      const drawn = isMermaid(lang) ? ctx.diagram?.(text) : undefined;
      return drawn ? picture(c, drawn, text, box) : code(c, box, text, lang);
    }
    case 'blockquote':
      return quote(c, t as Tokens.Blockquote, box);
    case 'html': {
      const text = decodeEntities(htmlText(t.raw, ' ').replace(/[ \t]+/g, ' ').trim());
      return text ? textBlock(c, [[plainRun(text, { size: geometry.body.size, color: c.theme.fg }, c.theme, c.lang)]], box.x, box.width, bodyStyle(c)) : undefined;
    }
    case 'mathBlock':
      return displayMath(c, (t as Tokens.Generic).text as string, ctx, box);
    case 'hr':
      return { height: 2, draw: (y) => c.rect(box.x, y, box.width, 2, c.theme.rule) };
    default:
      return undefined;
  }
}

/** A stack of paragraphs (each a list of runs) in one text box. */
function textBlock(c: SlideCanvas, paras: Run[][], x: number, width: number, st: TextStyle, extra: (i: number) => RunOptions = () => ({})): Block {
  const text = (p: Run[]) => p.map((r) => r.text).join('');
  const height = paras.reduce((n, p) => n + boxHeight(text(p) || ' ', width, st), 0) + 12 * Math.max(0, paras.length - 1);
  return {
    height,
    draw: (y) => c.text(joinParagraphs(paras, extra), x, y, width, height, { lineHeight: st.size * st.lineHeight, gap: 12 }),
  };
}

/** Paragraphs as one run list: the last run of each but the last breaks the line. */
function joinParagraphs(paras: Run[][], extra: (i: number) => RunOptions = () => ({})): Run[] {
  const out: Run[] = [];
  paras.forEach((p, i) => {
    const runs = p.length ? p : [{ text: ' ', options: {} }];
    runs.forEach((r, k) => {
      // Paragraph options (bullets, indents) go on every run of the paragraph: pptxgenjs reads them from its runs.
      const last = k === runs.length - 1 && i < paras.length - 1;
      out.push({ text: r.text, options: { ...r.options, ...extra(i), ...(last ? { breakLine: true } : {}) } });
    });
  });
  return out;
}

const DISPLAY_MATH = /^\s*\$\$([\s\S]+?)\$\$\s*$/;

/**
 * Display math (`$$…$$`, `\[…\]`): the renderer's picture with the TeX as its alt text, or
 * without a renderer the TeX itself in a code box, so nothing is lost and it can be edited.
 */
function displayMath(c: SlideCanvas, source: string, ctx: BodyContext, box: Box): Block {
  const tex = source.replace(/^(\$\$|\\\\?\[)|(\$\$|\\\\?\])$/g, '').trim();
  const pic = ctx.math?.(tex, true, { size: geometry.body.size, color: c.theme.fg });
  return pic ? formula(c, pic, tex, box) : code(c, box, tex);
}

/** KaTeX's display margin (1em of body text) beyond the gap between blocks, above and below a formula. */
const FORMULA_PAD = geometry.body.size - GAP;

/**
 * A typeset formula at its own size (never enlarged, unlike a photo), shrunk only to fit the
 * column and the room left, centred and spaced as KaTeX sets display math; its TeX is the alt text.
 */
function formula(c: SlideCanvas, pic: PptxPicture, tex: string, box: Box): Block {
  const scale = Math.min(1, box.width / pic.width, (Math.min(box.imageHeight, box.room) - 2 * FORMULA_PAD) / pic.height);
  const w = pic.width * scale;
  const h = pic.height * scale;
  return {
    height: h + 2 * FORMULA_PAD,
    draw: (y) => c.slide.addImage({ data: pic.data, x: inch(box.x + (box.width - w) / 2), y: inch(y + FORMULA_PAD), w: inch(w), h: inch(h), altText: xmlText(tex) }),
  };
}

function paragraph(c: SlideCanvas, t: Tokens.Paragraph, ctx: BodyContext, s: SlidePlan, box: Box): Block {
  const only = t.tokens.filter((x) => !(x.type === 'text' && !x.raw.trim()));
  if (only.length === 1 && only[0].type === 'image') {
    const img = only[0] as Tokens.Image;
    return picture(c, ctx.image(img.href, img.text, s.line), img.text || img.href, box);
  }
  if (DISPLAY_MATH.test(t.raw)) return displayMath(c, t.raw.trim(), ctx, box);
  const runs = inlineRuns(t.text, { size: geometry.body.size, color: c.theme.fg }, c);
  return textBlock(c, [runs], box.x, box.width, bodyStyle(c));
}

/** An embedded picture, fitted into the frame (at most 480px high, as the HTML deck has it). */
function picture(c: SlideCanvas, pic: PptxPicture | undefined, alt: string, box: Box): Block {
  if (!pic) {
    // The alt text stands in, as in the HTML deck's placeholder.
    return textBlock(c, [[plainRun(`[${alt}]`, { size: geometry.body.size, color: c.theme.muted, italic: c.lang !== 'zh' }, c.theme, c.lang)]], box.x, box.width, bodyStyle(c));
  }
  const maxH = Math.min(box.imageHeight, box.room);
  const scale = Math.min(box.width / pic.width, maxH / pic.height, 1.5);
  const w = pic.width * scale;
  const h = pic.height * scale;
  return {
    height: h,
    draw: (y) => c.slide.addImage({ data: pic.data, x: inch(box.x + (box.width - w) / 2), y: inch(y), w: inch(w), h: inch(h), altText: xmlText(alt) }),
  };
}

function list(c: SlideCanvas, t: Tokens.List, box: Box): Block {
  const paras: { runs: Run[]; level: number; n: number; ordered: boolean }[] = [];
  const collect = (l: Tokens.List, depth: number) => {
    l.items.forEach((item, k) => {
      const inline = item.tokens.filter((x) => x.type !== 'list').map((x) => ('text' in x ? (x.text as string) : x.raw)).join('\n');
      paras.push({ runs: inlineRuns(inline.trim(), { size: geometry.body.size, color: c.theme.fg }, c), level: depth, n: (Number(l.start) || 1) + k, ordered: l.ordered });
      for (const sub of item.tokens) if (sub.type === 'list') collect(sub as Tokens.List, depth + 1);
    });
  };
  collect(t, 0);
  const st = bodyStyle(c);
  const indent = geometry.body.listIndent;
  const text = (p: Run[]) => p.map((r) => r.text).join('');
  const height = paras.reduce((n, p) => n + boxHeight(text(p.runs) || ' ', box.width - indent * (p.level + 1), st), 0) + geometry.body.itemGap * Math.max(0, paras.length - 1);
  const runs: Run[] = [];
  paras.forEach((p, i) => {
    const bullet = p.ordered ? { type: 'number' as const, numberStartAt: p.n, indent: pt(indent) } : { characterCode: '2022', indent: pt(indent) };
    p.runs.forEach((r, k) => {
      const last = k === p.runs.length - 1 && i < paras.length - 1;
      runs.push({ text: r.text, options: { ...r.options, bullet, ...(p.level ? { indentLevel: p.level } : {}), ...(last ? { breakLine: true } : {}) } });
    });
  });
  return {
    height,
    draw: (y) => c.text(runs, box.x, y, box.width, height, { lineHeight: st.size * st.lineHeight, gap: geometry.body.itemGap }),
  };
}

function quote(c: SlideCanvas, t: Tokens.Blockquote, box: Box): Block {
  const paras = t.tokens.filter((x) => x.type === 'paragraph').map((p) => inlineRuns((p as Tokens.Paragraph).text, { size: geometry.body.size, color: c.theme.fg }, c));
  const inner = textBlock(c, paras, box.x + 34, box.width - 34, bodyStyle(c));
  return {
    height: inner.height + 8,
    draw: (y) => {
      c.rect(box.x, y, 6, inner.height + 8, c.theme.rule);
      inner.draw(y + 4);
    },
  };
}

/**
 * Code in a monospace box on the code background, line breaks and indents kept, coloured as
 * the deck highlights it (code.ts), at the size the planner chose for it.
 */
function code(c: SlideCanvas, box: Box, source: string, info?: string): Block {
  const g = geometry.code;
  const { lines, size, text } = codeLines(source, info, c.theme, c.lang);
  const st: TextStyle = { size, lineHeight: g.lineHeight, mono: true };
  const width = box.width - g.padX;
  const textH = text.reduce((n, l) => n + boxLines(l || ' ', width, st) * size * g.lineHeight, 0);
  const runs: Run[] = lines.flatMap((line, i) => line.map((r, k) => ({ text: r.text, options: { ...r.options, ...(k === line.length - 1 && i < lines.length - 1 ? { breakLine: true } : {}) } })));
  return {
    height: textH + g.padY,
    draw: (y) => {
      c.rect(box.x, y, box.width, textH + g.padY, c.theme.codeBg, 8);
      c.text(runs, box.x + g.padX / 2, y + g.padY / 2, width, textH, { lineHeight: size * g.lineHeight, objectName: 'Code' });
    },
  };
}

/**
 * A native table: the header row bold over a 3px accent rule, body rows over 1px rules, 24px
 * text, cells padded 8px above and below and 16px on the right. Columns get widths in
 * proportion to their longest cell, as an automatic table layout gives them.
 */
function table(c: SlideCanvas, t: Tokens.Table, box: Box): Block {
  const g = geometry.table;
  const lh = lineHeight(c.lang, 'table');
  const rows = [t.header, ...t.rows];
  const cols = t.header.length;
  const cellText = (cell: Tokens.TableCell) => decodeEntities(cell.text.replace(/[*_`]/g, ''));
  const natural = Array.from({ length: cols }, (_, k) => Math.max(40, ...rows.map((r, i) => textWidth(r[k] ? cellText(r[k]) : '', { size: g.size, lineHeight: lh, bold: i === 0, lang: c.lang }))) + g.padX);
  const sum = natural.reduce((a, b) => a + b, 0);
  const floor = Math.min(120, box.width / cols);
  const raw = natural.map((w) => Math.max(floor, (w / sum) * box.width));
  const widths = raw.map((w) => (w * box.width) / raw.reduce((a, b) => a + b, 0));
  const heights = rows.map((r, i) =>
    Math.max(1, ...r.map((cell, k) => boxLines(cellText(cell), widths[k] - g.padX, { size: g.size, lineHeight: lh, bold: i === 0, lang: c.lang }))) * g.size * lh + g.padY + (i === 0 ? g.headRule : g.rule),
  );
  const none = { type: 'none' as const };
  const head = { type: 'solid' as const, pt: pt(g.headRule), color: c.theme.accent };
  const rule = { type: 'solid' as const, pt: pt(g.rule), color: c.theme.rule };
  const align = (a: string | null | undefined): 'left' | 'center' | 'right' => (a === 'center' || a === 'right' ? a : 'left');
  const data = rows.map((r, i) =>
    r.map((cell) => ({
      text: inlineRuns(cell.text, { size: g.size, color: c.theme.fg, bold: i === 0 } satisfies RunStyle, c),
      options: {
        border: [none, none, i === 0 ? head : rule, none] as [typeof none, typeof none, typeof rule, typeof none],
        margin: [pt(8), pt(g.padX), pt(8), 0] as [number, number, number, number],
        valign: 'top' as const,
        align: align(cell.align),
      },
    })),
  );
  const height = heights.reduce((a, b) => a + b, 0);
  return {
    height,
    draw: (y) =>
      c.slide.addTable(data, {
        x: inch(box.x),
        y: inch(y),
        w: inch(box.width),
        colW: widths.map(inch),
        rowH: heights.map(inch),
        objectName: 'Table',
      }),
  };
}
