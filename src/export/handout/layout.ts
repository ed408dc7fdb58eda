/** Handout layouts: one slide with its notes per page, or N slides per page with room to write. */
export type HandoutLayout = 'notes' | '3up' | '6up' | '2up';
export type Paper = 'a4' | 'letter';

export const handoutLayouts: readonly HandoutLayout[] = ['notes', '3up', '6up', '2up'];

/** Slides per page of the fixed layouts (`notes` flows: one slide, then as many pages as its notes need). */
export const slidesPerPage: Record<HandoutLayout, number> = { notes: 1, '3up': 3, '6up': 6, '2up': 2 };

const MM = 96 / 25.4;

/** Paper sizes (portrait, millimetres) and the CSS `@page size` keyword. */
export const papers: Record<Paper, { css: string; width: number; height: number }> = {
  a4: { css: 'A4', width: 210, height: 297 },
  letter: { css: 'letter', width: 215.9, height: 279.4 },
};

/**
 * Page margins in millimetres: the header and footer sit inside the top and bottom ones. `side`
 * is the least side margin; a layout may widen it so that its slides span the content box and
 * the header, the slides, the ruled lines and the footer share one left and one right edge.
 */
export const margins = { top: 17, bottom: 15, side: 15 };

/** Where things go on a page, in CSS px (96 per inch) of the page's content box. */
export interface Geometry {
  layout: HandoutLayout;
  /** Side margin of this layout on this paper, in millimetres. */
  side: number;
  /** Content box of a page. */
  width: number;
  height: number;
  /** Outer width and height of one slide box (border included). */
  slideWidth: number;
  slideHeight: number;
  /** Scale from the 1280×720 slide to the inside of the box. */
  scale: number;
  /** Height of the label line above each slide box (section mark, slide number). */
  label: number;
  /** Spacing of the ruled lines. */
  rule: number;
  /** Ruled lines beside (3up) or under (6up, 2up) each slide. */
  lines: number;
  /** Rows and columns of slide cells on a page; height of one row; gaps between them. */
  rows: number;
  cols: number;
  rowHeight: number;
  rowGap: number;
  colGap: number;
  /** `notes`: the narrowest the slide box may shrink to so that its notes fit on its page. */
  minSlideWidth: number;
}

const BORDER = 1;
const floor2 = (n: number) => Math.floor(n * 100) / 100;

/** Computes the page geometry of a layout on a paper size, for slides of `slideW`×`slideH`. */
export function geometry(layout: HandoutLayout, paper: Paper, slideW = 1280, slideH = 720): Geometry {
  const p = papers[paper];
  const ratio = slideH / slideW;
  // The content box is 1px shorter than the page's, so rounding never pushes content onto a blank page.
  const height = floor2((p.height - margins.top - margins.bottom) * MM) - 1;
  const contentWidth = (side: number) => floor2((p.width - 2 * side) * MM);
  const label = 20;
  const rule = floor2(7 * MM);
  const box = (outerW: number) => {
    const w = Math.floor(outerW);
    const scale = (w - 2 * BORDER) / slideW;
    return { slideWidth: w, slideHeight: Math.ceil(slideH * scale + 2 * BORDER), scale };
  };
  /** The outer width of a box whose outer height is at most `h`. */
  const widthFor = (h: number) => Math.floor((h - 2 * BORDER) / ratio + 2 * BORDER);
  const base = { layout, side: margins.side, height, label, rule, rowGap: 0, colGap: 0, lines: 0, rows: 1, cols: 1, rowHeight: height, minSlideWidth: 0 };

  switch (layout) {
    case 'notes': {
      // The slide spans the page; when its notes would spill a little onto a second page, it
      // may shrink (centred) to 70% so that slide and notes stay on one sheet.
      const width = contentWidth(margins.side);
      return { ...base, width, ...box(width), minSlideWidth: Math.floor(width * 0.7) };
    }
    case '3up': {
      // Slide on the left, ruled lines on the right from the slide's top edge down the row; the
      // line spacing divides the slide's height, so its bottom edge sits on a line too.
      const width = contentWidth(margins.side);
      const colGap = floor2(8 * MM);
      const g = box(width * 0.6);
      const spacing = g.slideHeight / Math.round(g.slideHeight / rule);
      const minGap = 6 * MM;
      const lines = Math.floor(((height - 2 * minGap) / 3 - label) / spacing);
      const rowHeight = floor2(label + lines * spacing);
      return { ...base, width, ...g, rule: spacing, lines, rows: 3, cols: 1, rowHeight, rowGap: floor2((height - 3 * rowHeight) / 2), colGap };
    }
    case '6up': {
      // Two columns of slides as wide as they can be, a few lines under each, rows spread evenly.
      const side = 12;
      const width = contentWidth(side);
      const colGap = floor2(6 * MM);
      const g = box((width - colGap) / 2);
      // Rows at least 9 mm apart, so each slide's lines read as its own.
      const minGap = 9 * MM;
      const room = (height - 2 * minGap) / 3 - label - g.slideHeight;
      const lines = Math.max(0, Math.floor(room / (6 * MM)));
      const spacing = lines ? floor2(Math.min(rule, room / lines)) : rule;
      const rowHeight = floor2(label + g.slideHeight + lines * spacing);
      return { ...base, side, width, ...g, rule: spacing, lines, rows: 3, cols: 2, rowHeight, rowGap: floor2((height - 3 * rowHeight) / 2), colGap };
    }
    case '2up': {
      // Each slide spans the content box with lines under it; the side margins grow so that
      // four lines fit (three on short paper, rather than margins wider than 26 mm).
      const cellH = (height - 8 * MM) / 2;
      for (const lines of [4, 3]) {
        const outerW = widthFor(cellH - label - lines * rule);
        const side = Math.max(margins.side, Math.ceil(((p.width * MM - outerW) / 2 / MM) * 10) / 10);
        if (side > 26 && lines > 3) continue;
        const width = contentWidth(side);
        const g = box(Math.min(width, outerW));
        const rowHeight = floor2(label + g.slideHeight + lines * rule);
        return { ...base, side, width, ...g, lines, rows: 2, cols: 1, rowHeight, rowGap: floor2(height - 2 * rowHeight) };
      }
      throw new Error('unreachable');
    }
  }
}
