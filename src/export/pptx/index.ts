import type { Diagnostic } from '../../model/diagnostics.js';
import type { DeckPlan, SlidePlan } from '../../model/plan.js';
import { stripPictographs } from '../handout/html.js';
import { pdfDate } from '../pdf-meta.js';
import { drawColumns, drawContent, type MathRenderer } from './body.js';
import { diagramPicture } from './diagram.js';
import type { Diagrams } from '../../render/mermaid.js';
import { SlideCanvas } from './canvas.js';
import { pictureResolver, type PictureOptions } from './images.js';
import { drawAgenda, drawClosing, drawPoints, drawQuestion, drawQuote, drawSection, drawTitle, type TemplateDrawer } from './slides.js';
import { inch, pt, xmlText } from './text.js';
import { pptxTheme } from './theme.js';
import { deterministicPptx } from './zip.js';

export type { MathRenderer, MathStyle, PptxPicture } from './body.js';

/** Options for the PPTX export. */
export interface PptxOptions {
  /** Folder the source came from; image paths resolve against it. */
  sourceDir: string;
  /** Embed images from outside the content folder (`--allow-outside`). @defaultValue false */
  allowOutside?: boolean;
  /**
   * Renders TeX to a picture. By default display math is typeset to SVG with MathJax (loaded
   * only for a deck that has some); `false` shows math as its TeX in monospace.
   */
  math?: MathRenderer | false;
  /** Lectern's version, for the document's application properties. */
  version?: string;
  /** The deck's mermaid diagrams as the build drew them, embedded as pictures (diagram.ts). */
  diagrams?: Diagrams;
  /** Remote images the build downloaded (src/remote-images.ts), embedded from the cache. */
  remote?: PictureOptions['remote'];
}

/** The PPTX export's result: the file's bytes and warnings about what it could not carry over. */
export interface PptxResult {
  bytes: Uint8Array;
  diagnostics: Diagnostic[];
}

/**
 * The PPTX export: plan → an editable PowerPoint file, one 16:9 slide per planned slide, drawn
 * from the same typed plan as the HTML deck (never from its HTML): native text boxes, real
 * bullets, native tables, code in a monospace box, images embedded, the theme's colours, and
 * the deck's speaker notes (timing included) on every slide. Themed sections become
 * PowerPoint sections. The same plan gives the same bytes.
 */
export async function exportPptx(plan: DeckPlan, options: PptxOptions): Promise<PptxResult> {
  const theme = pptxTheme(plan.theme);
  const pictures = pictureResolver({ sourceDir: options.sourceDir, allowOutside: options.allowOutside, remote: options.remote, file: plan.file });
  const diagnostics: Diagnostic[] = [];
  // pptxgenjs is loaded on first use: importing it takes longer than an HTML-only build of a small deck.
  const { PptxGenJS } = await import('./pptxgen.js');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE'; // 13.333 × 7.5 in: 1280 × 720 slide pixels at 96 per inch
  pptx.title = xmlText(plan.title);
  if (plan.author) pptx.author = xmlText(plan.author);
  if (plan.subtitle) pptx.subject = xmlText(plan.subtitle);
  pptx.company = 'Lectern';
  pptx.theme = { headFontFace: theme.font, bodyFontFace: theme.font };

  let line = 1; // the slide being drawn, for warnings about its math
  const body = { image: pictures.resolve, diagram: (source: string) => diagramPicture(options.diagrams, source), math: await mathRenderer(plan, options.math, (tex, why) => diagnostics.push({ severity: 'warning', message: `slides.pptx: formula $$${clip(tex)}$$ could not be typeset (${why}); its slide shows the TeX instead`, pos: { file: plan.file, line } })) };
  const drawers: Record<string, TemplateDrawer> = {
    title: drawTitle,
    section: drawSection,
    question: drawQuestion,
    quote: drawQuote,
    points: drawPoints,
    agenda: drawAgenda,
    closing: drawClosing,
    content: (c, s) => drawContent(c, s, body),
    'two-column': (c, s) => drawColumns(c, s, body),
    'image-beside': (c, s) => drawColumns(c, s, body),
  };
  const sections = sectionTitles(plan);
  const added = new Set<string>();
  plan.slides.forEach((s, i) => {
    const sectionTitle = sections[i];
    if (!added.has(sectionTitle)) {
      pptx.addSection({ title: sectionTitle });
      added.add(sectionTitle);
    }
    const slide = pptx.addSlide({ sectionTitle });
    slide.background = { color: theme.bg };
    // The slide number where reveal.js puts it (20px from the right, 14px from the bottom, 16px type).
    slide.slideNumber = { x: inch(1280 - 20 - 120), y: inch(720 - 14 - 24), w: inch(120), h: inch(24), fontFace: theme.font, fontSize: pt(16), color: theme.muted, align: 'right', valign: 'bottom', margin: 0 };
    line = s.line ?? 1;
    const canvas = new SlideCanvas(slide, theme, plan.lang);
    const draw = drawers[s.template];
    if (draw) draw(canvas, s);
    else {
      // One message per template, so the CLI folds a deck of them into one line listing their lines.
      diagnostics.push({ severity: 'warning', message: `slides.pptx: template "${s.template}" has no PPTX counterpart; its slides show their title and text`, pos: { file: plan.file, line: s.line ?? 1 } });
      drawFallback(canvas, s);
    }
    slide.addNotes(notesOf(s));
  });
  const written = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  const bytes = await deterministicPptx(written, pdfDate(plan.date));
  return { bytes, diagnostics: [...pictures.diagnostics, ...diagnostics] };
}

/** Display math in a slide's Markdown (`$$…$$` or `\\[…\\]`): where a math renderer is needed. */
const DISPLAY_MATH = /\$\$|\\\[/;

/**
 * The renderer for display math: the caller's, none (`false`), or by default MathJax's SVG,
 * loaded only when some slide has display math. TeX the default renderer cannot typeset is
 * reported through `failed` wherever it occurs.
 */
async function mathRenderer(plan: DeckPlan, given: MathRenderer | false | undefined, failed: (tex: string, why: string) => void): Promise<MathRenderer | undefined> {
  if (given !== undefined) return given || undefined;
  if (!plan.slides.some((s) => DISPLAY_MATH.test([s.body ?? '', ...(s.columns ?? [])].join('\n')))) return undefined;
  const { svgMath } = await import('./math-svg.js');
  const mj = await svgMath();
  return (tex, display, style) => {
    const pic = mj.render(tex, display, style);
    const why = pic ? undefined : mj.error(tex);
    if (why) failed(tex, why);
    return pic;
  };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/**
 * The PowerPoint section of each slide: the themed section (level 2) it belongs to, from the
 * plan's outline; slides before the first section (title, agenda) go in one named after the
 * deck. Names are made unique, since PowerPoint keys sections by name here.
 */
export function sectionTitles(plan: DeckPlan): string[] {
  const starts = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const o of plan.outline) {
    if (o.level !== 2) continue;
    const n = (seen.get(o.title) ?? 0) + 1;
    seen.set(o.title, n);
    starts.set(o.slide, n > 1 ? `${o.title} (${n})` : o.title);
  }
  let current = plan.title || 'Lectern';
  if (seen.has(current)) current = `${current} ·`;
  return plan.slides.map((_, i) => xmlText((current = starts.get(i) ?? current)));
}

/**
 * Speaker notes as the deck has them (the planner's timing line included), plus notes moved
 * off dropped slides. Pictographs go, as in the handout: the timing line's ⏱ is tofu in the
 * notes pane wherever no emoji face is installed (LibreOffice on Linux), and reads as well
 * without it ("about 0:59").
 */
export function notesOf(s: SlidePlan): string {
  const more = s.moreNotes?.trim();
  return xmlText(stripPictographs([s.notes.trim(), more && !s.notes.includes(more) ? more : ''].filter(Boolean).join('\n\n')));
}

/** A slide of a template with no PPTX counterpart: its title and whatever text it carries. */
function drawFallback(c: SlideCanvas, s: SlidePlan): void {
  const text = [s.question?.text, s.quote?.text, ...(s.points ?? []), ...(s.items ?? [])].filter(Boolean).map((t) => `- ${t}`);
  drawContent(c, { ...s, title: s.title ?? s.section ?? s.template, body: [...text, '', s.body ?? ''].join('\n').trim() }, { image: () => undefined });
}
