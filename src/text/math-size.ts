import { createRequire } from 'node:module';
import type Katex from 'katex';

/**
 * The size of a formula as KaTeX sets it, for the layout model (text/layout.ts): its width,
 * and how far it reaches above and below the baseline, in em of the formula's own type.
 * Heights come from KaTeX's own box tree (its font metrics: a fraction, a sum with limits or
 * a matrix is taller than a line); the width adds up the glyph advances and spaces in that
 * tree, stacked parts (a fraction's numerator and denominator, scripts) as wide as the widest.
 * TeX that KaTeX cannot read is measured as its source, as the renderer then shows it.
 */
export interface MathBox {
  width: number;
  height: number;
  depth: number;
}

/** Scale of KaTeX's type to the text around it (base.css `.reveal .katex { font-size: 1.1em }`). */
export const MATH_SCALE = 1.1;

/** How far any formula's line reaches above and below its baseline, in em (measured in Chromium). */
const STRUT = { height: 0.867, depth: 0.333 };

/** KaTeX's size steps (`sizing reset-sizeN sizeM` scales by SIZES[M-1] / SIZES[N-1]). */
const SIZES = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.44, 1.728, 2.074, 2.488];

/** The part of a KaTeX box tree the measure reads. */
interface Node {
  classes?: string[];
  children?: Node[];
  text?: string;
  width?: number;
  italic?: number;
  style?: Record<string, string | undefined>;
  height?: number;
  depth?: number;
}

const require = createRequire(import.meta.url);
/** KaTeX with the box-tree builder its bundle exports (not in its type declarations). */
type KatexTree = typeof Katex & { __renderToHTMLTree(tex: string, options: Katex.KatexOptions): unknown };
let katex: KatexTree | undefined;
const cache = new Map<string, MathBox | null>();
const CACHE_LIMIT = 5_000;

/** The box of `tex` (inline, or `display`), or undefined when KaTeX cannot read it. */
export function mathBox(tex: string, display = false): MathBox | undefined {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = measure(tex, display);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return hit ?? undefined;
}

function measure(tex: string, display: boolean): MathBox | null {
  try {
    katex ??= require('katex') as KatexTree;
    const tree = katex.__renderToHTMLTree(tex, { displayMode: display, throwOnError: true, strict: 'ignore', trust: false }) as Node;
    // The formula's box is at least the line `.katex` sets (line-height 1.2 around KaTeX_Main).
    return { width: width(tree, 1), height: Math.max(tree.height ?? 0, STRUT.height), depth: Math.max(tree.depth ?? 0, STRUT.depth) };
  } catch {
    return null;
  }
}

const em = (v: string | undefined) => (v && /^-?[\d.]+em$/.test(v) ? Number(v.slice(0, -2)) : 0);

/** Width in em of the formula's base size: glyphs and spaces side by side, stacks as wide as their widest row. */
function width(node: Node, scale: number): number {
  const classes = node.classes ?? [];
  const reset = classes.find((c) => c.startsWith('reset-size'));
  const size = classes.find((c) => /^size\d+$/.test(c));
  if (classes.includes('sizing') && reset && size) scale *= SIZES[Number(size.slice(4)) - 1] / SIZES[Number(reset.slice(10)) - 1];
  const margins = (em(node.style?.marginLeft) + em(node.style?.marginRight)) * scale;
  // A glyph's advance with its italic correction: the browser sets the slanted glyph's whole box.
  if (typeof node.text === 'string') return ((node.width ?? 0) + (node.italic ?? 0)) * scale + margins;
  const own = Math.max(em(node.style?.width), em(node.style?.minWidth)) * scale;
  const kids = (node.children ?? []).map((c) => width(c, scale));
  const inner = classes.includes('vlist') ? Math.max(0, ...kids) : kids.reduce((a, b) => a + b, 0);
  return Math.max(inner, own) + margins;
}
