import type { MathRenderer, MathStyle, PptxPicture } from './body.js';

// TeX → SVG for slides.pptx with MathJax (mathjax-full), in Node without a browser: KaTeX,
// which the HTML deck uses, only makes HTML. Each formula is one self-contained SVG (its glyphs
// as paths in its own <defs>, `fontCache: 'local'`), so it needs no font where it is opened.

/**
 * MathJax's x-height in em (its TeX fonts' `x_height`): the SVG's width and height are in `ex`
 * of this size.
 */
const EX_PER_EM = 0.442;

/** Display math in the HTML deck is KaTeX's 1.21 em of the body text; the PPTX matches it. */
const DISPLAY_SCALE = 1.21;

interface MathJaxDocument {
  convert: (tex: string, options: { display: boolean }) => unknown;
}
interface LiteAdaptor {
  outerHTML: (node: unknown) => string;
}

/** A loaded MathJax: a document that typesets TeX to SVG, and the adaptor that serialises it. */
interface Typesetter {
  doc: MathJaxDocument;
  adaptor: LiteAdaptor;
}

let loading: Promise<Typesetter> | undefined;

/**
 * MathJax, loaded on first use (its TeX packages take about half a second to import, which a
 * deck without math should not pay). `noundefined` is left out, so an unknown command is an
 * error as it is in KaTeX, rather than a red word in the slide.
 */
function loadMathJax(): Promise<Typesetter> {
  return (loading ??= (async () => {
    const [{ mathjax }, { TeX }, { SVG }, { liteAdaptor }, { RegisterHTMLHandler }, { AllPackages }] = await Promise.all([
      import('mathjax-full/js/mathjax.js'),
      import('mathjax-full/js/input/tex.js'),
      import('mathjax-full/js/output/svg.js'),
      import('mathjax-full/js/adaptors/liteAdaptor.js'),
      import('mathjax-full/js/handlers/html.js'),
      import('mathjax-full/js/input/tex/AllPackages.js'),
    ]);
    const adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
    const tex = new TeX({
      packages: AllPackages.filter((p: string) => p !== 'noundefined' && p !== 'noerrors'),
      // An error is thrown, not typeset in red: the caller falls back to the TeX as code.
      formatError: (_jax: unknown, err: Error) => {
        throw err;
      },
    });
    const doc = mathjax.document('', { InputJax: tex, OutputJax: new SVG({ fontCache: 'local' }) }) as MathJaxDocument;
    return { doc, adaptor: adaptor as LiteAdaptor };
  })());
}

/** Why the last formula could not be typeset, keyed by its TeX (for the caller's warning). */
export interface SvgMath {
  render: MathRenderer;
  /** MathJax's message for TeX that did not typeset, if it did not. */
  error: (tex: string) => string | undefined;
}

/**
 * A math renderer for slides.pptx: TeX typeset by MathJax to an SVG picture, sized from its
 * `ex` dimensions at the slide's type size (display math 1.21× the body text, as the HTML deck
 * sets it) and drawn in the slide's text colour. Bad TeX gives undefined (the body shows the
 * TeX as code) and its message through `error`. MathJax is loaded here, so call this only for
 * a deck that has math. The same TeX gives the same bytes: MathJax's glyph ids carry a
 * per-document counter, which is taken out.
 */
export async function svgMath(): Promise<SvgMath> {
  const { doc, adaptor } = await loadMathJax();
  const errors = new Map<string, string>();
  const cache = new Map<string, PptxPicture | undefined>();
  const render: MathRenderer = (tex: string, display: boolean, style?: MathStyle) => {
    const size = (style?.size ?? 30) * (display ? DISPLAY_SCALE : 1);
    const color = style?.color ?? '000000';
    const key = `${display}\u0000${size}\u0000${color}\u0000${tex}`;
    if (cache.has(key)) return cache.get(key);
    let picture: PptxPicture | undefined;
    try {
      picture = svgPicture(/<svg\b[\s\S]*<\/svg>/.exec(adaptor.outerHTML(doc.convert(tex, { display })))?.[0] ?? '', size, color);
      if (!picture) errors.set(tex, 'MathJax gave no picture');
    } catch (e) {
      errors.set(tex, (e as Error).message.replace(/\s+/g, ' ').trim());
    }
    cache.set(key, picture);
    return picture;
  };
  return { render, error: (tex) => errors.get(tex) };
}

/**
 * MathJax's SVG as a picture: width and height from `ex` to px at `size` px type, written into
 * the SVG as px (PowerPoint and LibreOffice do not all read `ex` in an image), the text colour
 * for `currentColor`, the per-document counter out of its ids, and MathJax's inline style and
 * ARIA attributes (for a page, not a picture) dropped.
 */
export function svgPicture(svg: string, size: number, color: string): PptxPicture | undefined {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0];
  if (!open) return undefined;
  const ex = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)ex"`).exec(open)?.[1]);
  const px = (n: number) => Math.round(n * EX_PER_EM * size * 100) / 100;
  const width = px(ex('width'));
  const height = px(ex('height'));
  if (!(width > 0) || !(height > 0)) return undefined;
  const head = open
    .replace(/\s(?:style|role|focusable|width|height)="[^"]*"/g, '')
    .replace(/^<svg/, `<svg width="${width}px" height="${height}px"`);
  const body = svg
    .slice(open.length)
    .replace(/\bMJX-\d+-/g, 'MJX-')
    .replace(/currentColor/g, `#${color}`);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${head}${body}`;
  return { data: `image/svg+xml;base64,${Buffer.from(text).toString('base64')}`, width, height };
}
