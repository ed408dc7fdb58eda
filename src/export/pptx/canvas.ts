import type { Slide } from './pptxgen.js';
import type { Lang } from '../../model/document.js';
import { wrapLines, type TextStyle } from '../../text/layout.js';
import { inch, pt, type Run } from './text.js';
import type { PptxTheme } from './theme.js';

/**
 * Room for a face other than the one the layout model measures: a box is made tall enough
 * for the text wrapped this much narrower too (DejaVu Sans, LibreOffice's stand-in for a
 * missing Noto Sans on Linux, is about 9% wider in Latin text), so a substituted face adds a
 * line inside the box rather than past it. Shrink-on-overflow is the last resort.
 */
export const FACE_SLACK = 0.9;

/** Lines a text takes in a box, allowing for a wider substitute face (`FACE_SLACK`). */
export function boxLines(text: string, width: number, style: TextStyle): number {
  return Math.max(wrapLines(text, width, style), wrapLines(text, width * FACE_SLACK, style));
}

/** Height in px of a text box holding `text`, by the layout model with `FACE_SLACK`. */
export function boxHeight(text: string, width: number, style: TextStyle): number {
  return boxLines(text, width, style) * style.size * style.lineHeight;
}

/** A text box's paragraph settings, in slide pixels. */
export interface BoxOptions {
  /** Line height in px (CSS size × line-height). */
  lineHeight: number;
  /** Space after each paragraph, px. */
  gap?: number;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle' | 'bottom';
  /** Letter spacing in px. */
  letterSpacing?: number;
  objectName?: string;
}

/**
 * One PPTX slide drawn in Lectern's slide pixels (1280×720): text boxes, rules and filled
 * boxes at the positions templates/themes/base.css gives them.
 */
export class SlideCanvas {
  constructor(
    readonly slide: Slide,
    readonly theme: PptxTheme,
    readonly lang: Lang,
  ) {}

  /**
   * A text box with no inner margin (CSS boxes have none), top-aligned, wrapping, with exact
   * line spacing from the layout model and "shrink text on overflow" as the safety net.
   */
  text(runs: Run[], x: number, y: number, w: number, h: number, o: BoxOptions): void {
    if (runs.length === 0) return;
    this.slide.addText(runs, {
      x: inch(x),
      y: inch(y),
      w: inch(w),
      h: inch(Math.max(h, o.lineHeight)),
      margin: 0,
      valign: o.valign ?? 'top',
      align: o.align ?? 'left',
      wrap: true,
      fit: 'shrink',
      lineSpacing: pt(o.lineHeight),
      ...(o.gap ? { paraSpaceAfter: pt(o.gap) } : {}),
      ...(o.letterSpacing ? { charSpacing: pt(o.letterSpacing) } : {}),
      ...(o.objectName ? { objectName: o.objectName } : {}),
    });
  }

  /** A filled rectangle (a rule, an accent bar or a code background). */
  rect(x: number, y: number, w: number, h: number, color: string, radius = 0): void {
    this.slide.addShape(radius ? 'roundRect' : 'rect', {
      x: inch(x),
      y: inch(y),
      w: inch(w),
      h: inch(h),
      fill: { color },
      line: { type: 'none' },
      ...(radius ? { rectRadius: inch(radius) } : {}),
    });
  }
}
