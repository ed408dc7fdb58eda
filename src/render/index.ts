import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DeckPlan } from '../model/plan.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { LATIN_PUNCT_RANGES, facesFor, fontsCss, latinPunctuationFaces } from './fonts.js';
import { createMarkdown } from './markdown.js';
import { builtInTemplatesDir, type TemplateSet } from './templates.js';
import { words } from '../text/words.js';
import { localImages, type RemoteImage } from './images.js';
import { printGeometry, printPages } from './print.js';
import { liftFragmentItems, stackSlides } from './deck.js';
import { katexFiles, typesetMath } from './math.js';
import { markWordBreaks } from './word-breaks.js';
import type { Diagrams } from './mermaid.js';

/** A file of the rendered deck: written from `content`, or copied from `from`. */
export interface DeckFile {
  /** Path inside the deck folder, with `/` separators. */
  path: string;
  content?: string;
  from?: string;
}

/** The render stage's result: the deck's HTML and every file that goes next to it. */
export interface RenderedDeck {
  html: string;
  /** Each slide's `<section>` as rendered (images rewritten), in plan order: for the print view and the handout. */
  slides: string[];
  /** The deck's style sheets, in order, relative to its folder (as the page's head links them). */
  stylesheets: string[];
  /**
   * The deck's print view as a static page (src/render/print.ts), for slides.pdf, made when
   * first read; undefined with custom templates, whose deck is printed by reveal.js's own print
   * view.
   */
  printHtml?: string;
  files: DeckFile[];
  diagnostics: Diagnostic[];
}

/** Options for the render stage. */
export interface RenderOptions {
  templates: TemplateSet;
  /** Folder the source came from; relative image paths resolve against it. */
  sourceDir: string;
  width: number;
  height: number;
  /** Lectern's version, written into the page's generator meta tag. */
  version: string;
  /** Contents of a user CSS file that extends the theme. */
  userCss?: string;
  /** Keep raw HTML from the content instead of sanitising it (`--allow-html`). @defaultValue false */
  allowHtml?: boolean;
  /** Copy images from outside the content folder (`--allow-outside`). @defaultValue false */
  allowOutside?: boolean;
  /** The deck's mermaid diagrams, drawn beforehand in the browser (src/render/mermaid.ts). */
  diagrams?: Diagrams;
  /** Remote images the build downloaded, or why not (render/images.ts). */
  remote?: ReadonlyMap<string, RemoteImage>;
  /** Leave out images that cannot be shown; the build put their alt text in the notes. @defaultValue false */
  dropUnavailable?: boolean;
}

const require = createRequire(import.meta.url);

/**
 * The render stage: plan → reveal.js HTML plus the files the deck needs offline (reveal.js,
 * theme, the font subsets its text uses, local images). Nothing is written here.
 */
export function render(plan: DeckPlan, options: RenderOptions): RenderedDeck {
  const md = createMarkdown({ allowHtml: options.allowHtml, file: plan.file, diagrams: options.diagrams });
  const { templates } = options;
  const labels = { question: words[plan.lang].questionLabel };
  const mathDiagnostics: Diagnostic[] = [];
  let math = false;
  const sections = plan.slides.map((slide, index) => {
    const bodyHtml = slide.body ? liftFragmentItems(md(slide.body, slide.line)) : '';
    const columnsHtml = slide.columns?.map((c) => liftFragmentItems(md(c, slide.line)));
    const context = { ...slide, index, labels, bodyHtml, columnsHtml, lang: plan.lang };
    const inner = templates.slides.get(slide.template)!(context);
    const typeset = typesetMath(templates.slide({ ...context, inner }), { file: plan.file, line: slide.line ?? 1 });
    math ||= typeset.math;
    mathDiagnostics.push(...typeset.diagnostics);
    // After the math step: TeX is typeset by then, and the pass leaves KaTeX's markup alone.
    return markWordBreaks(typeset.html);
  });
  // Slides are joined with a marker no content can contain, to be told apart again after
  // the image paths are rewritten.
  const marker = `<!--lectern-slide-${randomUUID()}-->`;
  const images = localImages(sections.join(marker), options.sourceDir, { allowOutside: options.allowOutside, file: plan.file, remote: options.remote, dropUnavailable: options.dropUnavailable });
  const slides = images.html.split(marker);
  // reveal.js exports no package.json; its main entry sits in dist/.
  const revealDist = dirname(require.resolve('reveal.js'));
  const page = {
    htmlLang: plan.lang === 'zh' ? 'zh-CN' : 'en',
    lang: plan.lang,
    title: plan.title,
    author: plan.author,
    theme: plan.theme,
    version: options.version,
    userCss: options.userCss !== undefined,
    math,
    stylesheets: deckStylesheets(plan.theme, math, options.userCss !== undefined),
  };
  const html = templates.layout({ ...page, slides: stackSlides(slides, plan.slides), revealConfig: revealConfig(options) });
  // The print view is made when an export asks for it: an HTML-only build (lectern serve, a
  // large transcript) would spend as much again on a page it never writes (31,000 slides of a
  // 5 MB transcript: ~100 ms and 35 MB).
  const { print: printTemplate } = templates;
  let printHtml: string | undefined | null = null; // null: not made yet
  const makePrintView = () => {
    if (!printTemplate) return undefined;
    const print = printGeometry(options.width, options.height, REVEAL_MARGIN);
    return printTemplate({ ...page, print, slides: printPages(slides, print) });
  };
  const points = codePoints(html);
  const punctuation = plan.lang === 'en' && [...points].some((p) => LATIN_PUNCT_RANGES.some(([lo, hi]) => p >= lo && p <= hi));
  // Emoji faces for the slides only: the speaker view sets notes in its own font.
  const emoji = facesFor(codePoints(html.replace(/<aside class="notes">[\s\S]*?<\/aside>/g, '')), 'emoji');
  const faces = [...(punctuation ? latinPunctuationFaces() : []), ...facesFor(points), ...facesFor(codePoints(codeText(html)), 'mono'), ...emoji];
  const files: DeckFile[] = [
    { path: 'lib/reveal.js', from: join(revealDist, 'reveal.js') },
    { path: 'lib/reveal.css', from: join(revealDist, 'reveal.css') },
    { path: 'lib/reset.css', from: join(revealDist, 'reset.css') },
    { path: 'lib/notes.js', from: join(revealDist, 'plugin', 'notes.js') },
    { path: 'theme/base.css', from: join(builtInTemplatesDir, 'themes', 'base.css') },
    { path: `theme/${plan.theme}.css`, from: join(builtInTemplatesDir, 'themes', `${plan.theme}.css`) },
    { path: 'fonts/fonts.css', content: fontsCss(faces) + '\n' },
    ...faces.map((f) => ({ path: `fonts/${f.file.split(/[\\/]/).pop()}`, from: f.file })),
    ...images.files,
    ...(math ? katexFiles(html) : []),
  ];
  if (options.userCss !== undefined) files.push({ path: 'theme/user.css', content: options.userCss });
  return {
    html,
    slides,
    stylesheets: page.stylesheets,
    get printHtml() {
      if (printHtml === null) printHtml = makePrintView();
      return printHtml;
    },
    files,
    diagnostics: [...md.diagnostics, ...mathDiagnostics, ...images.diagnostics],
  };
}

/** The style sheets the page links, in cascade order; the head partial writes them. */
function deckStylesheets(theme: string, math: boolean, userCss: boolean): string[] {
  return ['lib/reset.css', 'lib/reveal.css', 'fonts/fonts.css', 'theme/base.css', `theme/${theme}.css`, ...(math ? ['lib/katex/katex.css'] : []), ...(userCss ? ['theme/user.css'] : [])];
}

/** reveal.js's `margin`: the space around a slide, as a fraction of its size (also the print page's). */
const REVEAL_MARGIN = 0.04;

function revealConfig(o: RenderOptions): string {
  const config = {
    width: o.width,
    height: o.height,
    margin: REVEAL_MARGIN,
    center: false,
    hash: true,
    transition: 'fade',
    slideNumber: 'c/t',
    // One PDF page per slide, fragments shown, and never a second page for a tall slide.
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    // The speaker view (S) paces each slide by its `data-timing`, the plan's estimate in
    // seconds, but shows pacing only when `defaultTiming` or `totalTime` is set; this value
    // is used just for a slide without `data-timing` (reveal.js plugin/notes getTimings).
    defaultTiming: 30,
  };
  return JSON.stringify(config).replace(/}$/, ',"plugins":[RevealNotes]}');
}

/** The text inside the page's `<code>` elements, which the code font sets. */
function codeText(html: string): string {
  return [...html.matchAll(/<code\b[^>]*>([\s\S]*?)<\/code>/g)].map((m) => m[1].replace(/<[^>]*>/g, '')).join('');
}

/** Code points in the page's text (tags and attribute values included: cheap and safe). */
function codePoints(html: string): Set<number> {
  const text = html.replace(/<script[\s\S]*?<\/script>/g, '');
  // One pass over char codes: highlighted code and KaTeX make a page of mostly ASCII markup,
  // and a string iterator with a Set insert per character cost ~60 ms per 100 slides.
  const ascii = new Uint8Array(128);
  const set = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) ascii[c] = 1;
    else {
      const p = text.codePointAt(i)!;
      set.add(p);
      if (p > 0xffff) i++;
    }
  }
  ascii.forEach((seen, c) => seen && set.add(c));
  return set;
}

