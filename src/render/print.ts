/**
 * The print view of a deck, written out: the page reveal.js's print view (`index.html?print-pdf`)
 * builds in the browser, built here instead, so that printing slides.pdf loads neither
 * reveal.js nor waits for its layout passes. It follows reveal.js's js/controllers/printview.js
 * for a deck of horizontal slides: each slide in a `.pdf-page` of the slide's size plus the
 * margin, the slide placed in the middle of it, its background element before it and its number
 * after it. The page's own script (templates/print.hbs) gives each page the presentation's background
 * and shows every fragment, as reveal.js does; a page per fragment step (`--fragments`) is left to
 * reveal.js. test/export/print-view.test.ts prints both and compares them.
 */

/** Page and slide geometry of the print view, in CSS pixels. */
export interface PrintGeometry {
  /** The slide's size. */
  width: number;
  height: number;
  /** The page's size: the slide plus `margin` of it, rounded down (reveal.js `getComputedSlideSize`). */
  pageWidth: number;
  pageHeight: number;
  /** The slide's offset on the page. */
  left: number;
  top: number;
}

/** reveal.js's `pdfPageHeightOffset`: each page element is a pixel shorter than the page, so none spills onto a blank page. */
const PAGE_HEIGHT_OFFSET = -1;

/** The print view's geometry for a slide size and reveal.js's `margin` (a fraction of the slide). */
export function printGeometry(width: number, height: number, margin: number): PrintGeometry {
  const pageWidth = Math.floor(width * (1 + margin));
  const pageHeight = Math.floor(height * (1 + margin));
  return { width, height, pageWidth, pageHeight, left: (pageWidth - width) / 2, top: (pageHeight - height) / 2 };
}

/**
 * Wraps each slide (a rendered `<section …>…</section>`) in its print page. The section's
 * start tag gets reveal.js's state class and position, the background element takes the
 * section's classes, as reveal.js copies them, and the page its 1-based slide number.
 */
export function printPages(slides: string[], g: PrintGeometry): string {
  return slides
    .map((slide, i) => {
      const start = /^\s*<section\b[^>]*>/.exec(slide);
      if (!start) throw new Error(`slide ${i} does not start with a <section> tag`);
      const classes = /\sclass="([^"]*)"/.exec(start[0])?.[1] ?? '';
      const state = i === 0 ? 'present' : 'future';
      const tag = start[0]
        .replace(/\sclass="[^"]*"/, '')
        .replace(/>$/, ` class="${`${classes} present`.trim()}" style="display: block; left: ${g.left}px; top: ${g.top}px; width: ${g.width}px;">`);
      return (
        `<div class="pdf-page" style="height: ${g.pageHeight + PAGE_HEIGHT_OFFSET}px;">` +
        `<div class="slide-background ${classes ? `${classes} ` : ''}${state}" data-loaded="true" style="display: block;"><div class="slide-background-content"></div></div>` +
        tag +
        slide.slice(start[0].length) +
        `<div class="slide-number slide-number-pdf">${i + 1}</div></div>`
      );
    })
    .join('');
}
