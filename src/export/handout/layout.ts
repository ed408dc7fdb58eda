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

/** Page margins in millimetres: the header and footer sit inside the top and bottom ones. */
export const margins = { top: 17, bottom: 15, side: 15 };

/** Where things go on a page, in CSS px (96 per inch) of the page's content box. */
export interface Geometry {
  layout: HandoutLayout;
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
  /** Ruled lines next to (3up) or under (2up) each slide. */
  lines: number;
  /** Rows and columns of slide cells on a page; gaps between them. */
  rows: number;
  cols: number;
  rowGap: number;
  colGap: number;
}

const BORDER = 1;
const round = (n: number) => Math.floor(n * 100) / 100;

/** Computes the page geometry of a layout on a paper size, for slides of `slideW`×`slideH`. */
export function geometry(layout: HandoutLayout, paper: Paper, slideW = 1280, slideH = 720): Geometry {
  const p = papers[paper];
  // 1px less than the content box, so rounding never pushes a page's content onto a blank page.
  const width = round((p.width - 2 * margins.side) * MM);
  const height = round((p.height - margins.top - margins.bottom) * MM) - 1;
  const label = 18;
  const rule = round(7 * MM);
  const ratio = slideH / slideW;
  const box = (outerW: number) => {
    const w = Math.floor(outerW);
    const scale = (w - 2 * BORDER) / slideW;
    return { slideWidth: w, slideHeight: Math.ceil(slideH * scale + 2 * BORDER), scale };
  };
  const base = { layout, width, height, label, rule, rowGap: 0, colGap: 0, lines: 0, rows: 1, cols: 1 };
  switch (layout) {
    case 'notes':
      return { ...base, ...box(width) };
    case '3up': {
      const rowGap = round(5 * MM);
      const cellH = (height - 2 * rowGap) / 3;
      const colGap = round(8 * MM);
      return { ...base, ...box(width * 0.54), rows: 3, cols: 1, rowGap, colGap, lines: Math.floor(cellH / rule) };
    }
    case '6up': {
      const rowGap = round(5 * MM);
      const colGap = round(8 * MM);
      const cellH = (height - 2 * rowGap) / 3;
      const byWidth = (width - colGap) / 2;
      const byHeight = (cellH - label - 4) / ratio;
      return { ...base, ...box(Math.min(byWidth, byHeight)), rows: 3, cols: 2, rowGap, colGap };
    }
    case '2up': {
      const rowGap = round(8 * MM);
      const cellH = (height - rowGap) / 2;
      const minLines = 4;
      const g = box(Math.min(width, (cellH - label - 6 - minLines * rule) / ratio));
      return { ...base, ...g, rows: 2, cols: 1, rowGap, lines: Math.floor((cellH - label - 6 - g.slideHeight) / rule) };
    }
  }
}
