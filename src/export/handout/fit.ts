/** What `fitNotes` needs to know about the `notes` layout, in CSS px. */
export interface NotesFit {
  /** Height of a page's content box. */
  height: number;
  /** Spacing of the ruled lines. */
  rule: number;
  /** Narrowest the slide box may get (outer width). */
  minSlideWidth: number;
  /** The slide's own size (1280×720). */
  slideW: number;
  slideH: number;
}

/** What `fitNotes` did to one sheet: slide box width, ruled lines added, final height, pages it spans. */
export interface SheetFit {
  width: number;
  lines: number;
  height: number;
  pages: number;
}

/**
 * Runs in the handout page (passed to `page.evaluate`, so it must not refer to anything outside
 * itself), after the fonts have loaded and before printing. Per `notes` sheet (slide, then its
 * notes; `break-before: page`):
 *
 * - notes that spill only a little onto a second page: the slide shrinks (down to
 *   `minSlideWidth`, centred) so slide and notes share one page;
 * - notes that need more: left alone; they flow onto continuation pages, never cut;
 * - a sheet that fits on its page gets ruled lines for the reader's own notes in the rest of it.
 *
 * Every sheet's width is fixed in CSS, so what is measured here is what prints.
 */
export function fitNotes(fit: NotesFit): SheetFit[] {
  const out: SheetFit[] = [];
  const BORDER = 1;
  const sheets = Array.from(document.querySelectorAll<HTMLElement>('.hb-sheet'));
  for (const sheet of sheets) {
    const figure = sheet.querySelector<HTMLElement>('.hb-slide');
    const box = sheet.querySelector<HTMLElement>('.hb-box');
    const write = sheet.querySelector<HTMLElement>('.hb-write');
    if (!figure || !box || !write) continue;
    const measure = () => sheet.getBoundingClientRect().height;
    const setWidth = (w: number) => {
      const scale = (w - 2 * BORDER) / fit.slideW;
      figure.style.setProperty('--hb-sw', `${w}px`);
      figure.style.setProperty('--hb-sh', `${Math.ceil(fit.slideH * scale + 2 * BORDER)}px`);
      figure.style.setProperty('--hb-scale', scale.toFixed(6));
    };
    let height = measure();
    let width = box.getBoundingClientRect().width;
    if (height > fit.height) {
      // Each px of box height given up is a px the notes gain; 2 px to spare for rounding.
      const boxH = box.getBoundingClientRect().height;
      const want = Math.floor(((boxH - (height - fit.height) - 2 - 2 * BORDER) * fit.slideW) / fit.slideH + 2 * BORDER);
      if (want >= fit.minSlideWidth) {
        setWidth(want);
        const h = measure();
        if (h <= fit.height) {
          height = h;
          width = want;
        } else {
          for (const p of ['--hb-sw', '--hb-sh', '--hb-scale']) figure.style.removeProperty(p);
        }
      }
    }
    let lines = 0;
    if (height <= fit.height) {
      // Ruled lines from below the notes to the foot of the page; not fewer than three.
      const gap = fit.rule / 2;
      lines = Math.floor((fit.height - height - gap - 2) / fit.rule);
      if (lines >= 3) {
        write.style.paddingTop = `${gap}px`;
        write.innerHTML = `<div class="hb-lines">${'<div class="hb-line"></div>'.repeat(lines)}</div>`;
        while (lines > 0 && measure() > fit.height) {
          write.querySelector('.hb-line')?.remove();
          lines--;
        }
        height = measure();
      } else lines = 0;
    }
    out.push({ width, lines, height: Math.round(height), pages: Math.max(1, Math.ceil(height / fit.height)) });
  }
  return out;
}
