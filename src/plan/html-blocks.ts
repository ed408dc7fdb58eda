import { parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { Lang } from '../model/document.js';
import { geometry, lineHeight, textHeight, type TextStyle } from '../text/layout.js';
import { cutToFit } from './budgets.js';

/**
 * A part of a raw HTML block as the planner lays it out: the HTML the slide shows, what the
 * notes say, its height in slide pixels. A `picture` is a figure to show on a slide of its own
 * (the `image` variant, base.css sets the picture and its caption in the room there is).
 */
export interface HtmlPart {
  markdown: string;
  text: string;
  height: number;
  picture?: boolean;
}

/** A gallery shows at most this many of its figures, spread evenly; the others' captions are in the notes. */
export const GALLERY_MAX = 24;

/** Elements the sanitizer removes with their content or that never show (render/sanitize.ts): no part of what a slide shows. */
const UNSHOWN = new Set(['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'textarea', 'title', 'xmp', 'iframe', 'object', 'applet', 'svg', 'math', 'form', 'select', 'button', 'audio', 'video', 'canvas', 'map', 'datalist', 'head']);

/** Elements that only group others: unwrapped when they hold nothing but elements. */
const WRAPPERS = new Set(['div', 'section', 'article', 'main', 'center', 'aside', 'header', 'footer']);

/** Elements set as a block (a line of their own), whose content is measured as running text unless it holds blocks too. */
const BLOCKS = new Set([...WRAPPERS, 'p', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'hr', 'details', 'summary', 'nav', 'address']);

/** Elements written again around each part when split between their children. */
const REWRAPPED = new Set(['ul', 'ol', 'dl', 'blockquote']);

type Node = T.ChildNode;
const isElement = (n: Node): n is T.Element => 'tagName' in n;
const isText = (n: Node): n is T.TextNode => n.nodeName === '#text';

/**
 * The parts of a raw HTML block, or undefined when it is not raw HTML or shows best as it is: it
 * fits `room` and is no gallery. A block is read as HTML (parse5), its pure wrappers unwrapped
 * (a `<div>` that holds only elements, the sanitizer's removals such as a carousel's buttons not
 * counted), and its top-level children are its parts, measured with the layout model: a figure
 * as its picture and its caption (body text at the frame width), a paragraph or list as text.
 * A run of figures with pictures (a carousel, a gallery) is a slide per figure, its caption on
 * the slide when short (`figure.caption` lines) and in the notes always; a gallery of more than
 * `GALLERY_MAX` figures shows that many, spread evenly, the others' captions in the notes. A
 * part still taller than `room` is split between its own children, and text that still does
 * not fit is cut at a sentence, the whole in the notes.
 */
export function htmlParts(markdown: string, lang: Lang, room: number): HtmlPart[] | undefined {
  const read = readHtml(markdown, lang);
  if (!read) return undefined;
  const { source, top, m, whole } = read;
  const figures = top.filter(isFigure);
  const gallery = figures.length >= 2;
  if (!gallery && whole <= room) return undefined;
  const parts: HtmlPart[] = [];
  // A figure with a picture, of a gallery or alone in a block too tall for the room, is a picture slide.
  const shown = spread(figures.length, GALLERY_MAX);
  let k = 0;
  for (const unit of units(top)) {
    const n = unit[0]!;
    if (unit.length === 1 && isFigure(n)) {
      const show = shown.has(k++);
      const caption = m.captionOf(n);
      if (show) parts.push(figurePart(n, source, caption, m, room));
      else if (caption) {
        // Not shown: its caption is said with the figure shown before it (or the part before).
        const last = parts.at(-1);
        if (last) last.text = `${last.text}\n\n${caption}`.trim();
        else parts.push({ markdown: '', text: caption, height: 0 });
      }
      continue;
    }
    parts.push(...partsOf(unit, source, m, room));
  }
  // A part that shows nothing (its text did not fit at all) is said with the part before it, else the one after.
  const out: HtmlPart[] = [];
  let pending = '';
  for (const p of parts) {
    if (p.markdown) {
      out.push(pending ? { ...p, text: `${pending}\n\n${p.text}`.trim() } : p);
      pending = '';
    } else if (out.length) out[out.length - 1] = { ...out.at(-1)!, text: `${out.at(-1)!.text}\n\n${p.text}`.trim() };
    else pending = `${pending}\n\n${p.text}`.trim();
  }
  return out.length ? out : undefined;
}

/** The height of a raw HTML block as the layout model sets it (pictures counted), or undefined when it is not raw HTML. */
export function htmlHeight(markdown: string, lang: Lang): number | undefined {
  return readHtml(markdown, lang)?.whole;
}

function readHtml(markdown: string, lang: Lang) {
  if (!/^\s*<[a-z]/i.test(markdown)) return undefined;
  const source = markdown.trim();
  const top = unwrapped(shownChildren(parseFragment(source, { sourceCodeLocationInfo: true }).childNodes));
  const m = measurer(lang);
  const whole = units(top).reduce((h, u, i) => h + m.height(u, geometry.frame.width) + (i ? geometry.body.gap : 0), 0);
  return { source, top, m, whole };
}

/** Which of `n` figures a gallery shows: all when `n` ≤ `max`, else `max` of them spread evenly, first and last included. */
function spread(n: number, max: number): Set<number> {
  if (n <= max) return new Set(Array.from({ length: n }, (_, i) => i));
  return new Set(Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1))));
}

/** A figure on a slide of its own: its pictures, its caption under them when short enough to share the slide. */
function figurePart(n: T.Element, source: string, caption: string, m: Measurer, room: number): HtmlPart {
  const pictures = descendants(n).filter((e) => e.tagName === 'img');
  const f = geometry.figure;
  const captionFits = caption !== '' && m.text(caption, geometry.frame.width) <= Math.min(f.captionLines * m.line, room - f.picture - f.gap);
  const captionEl = captionFits ? descendants(n).find((e) => e.tagName === 'figcaption') : undefined;
  const html = ['<figure>', ...pictures.map((p) => slice(source, p)), ...(captionEl ? [`<figcaption>${inner(source, captionEl)}</figcaption>`] : []), '</figure>'];
  const picture = Math.min(captionEl ? f.picture : geometry.image.height, Math.max(...pictures.map((p) => m.image(p, geometry.frame.width))));
  return {
    markdown: oneBlock(html.join('\n')),
    text: caption,
    height: picture + (captionEl ? f.gap + m.text(caption, geometry.frame.width) : 0),
    picture: true,
  };
}

/**
 * A unit (a block, or a run of inline content) as parts that fit `room`: whole, else a block
 * split between its children, else its text cut to fit (the whole in the notes).
 */
function partsOf(unit: Node[], source: string, m: Measurer, room: number, width: number = geometry.frame.width): HtmlPart[] {
  const text = unit.map((n) => m.plain(n)).join(' ').trim();
  const height = m.height(unit, width);
  if (height <= room) return [{ markdown: oneBlock(unit.length === 1 && isText(unit[0]!) ? escapeText(text) : span(source, unit)), text, height }];
  const n = unit[0]!;
  if (unit.length === 1 && isElement(n)) {
    const kids = units(shownChildren(n.childNodes));
    // A list or quote split between its items is written again around each part.
    const wrap = (p: HtmlPart): HtmlPart => (REWRAPPED.has(n.tagName) && p.markdown ? { ...p, markdown: `<${n.tagName}>\n${p.markdown}\n</${n.tagName}>` } : p);
    if (kids.length > 1) return kids.flatMap((k) => partsOf(k, source, m, room, REWRAPPED.has(n.tagName) ? width - geometry.body.listIndent : width).map(wrap));
  }
  // Pictures go on a slide of their own (set in the room there is, as a Markdown image is); the words after them are cut to fit.
  const pictures = unit.flatMap((c) => (isElement(c) ? (c.tagName === 'img' ? [c] : descendants(c).filter((e) => e.tagName === 'img')) : []));
  const shown: HtmlPart[] = pictures.length ? [{ markdown: oneBlock(pictures.map((p) => slice(source, p)).join('')), text: '', height: Math.min(room, geometry.image.height), picture: true }] : [];
  const { kept } = cutToFit(text, (t) => m.text(t, width) <= room, m.lang);
  return [...shown, { markdown: kept ? `<p>${escapeText(kept)}</p>` : '', text, height: kept ? m.text(kept, width) : 0 }];
}

const isFigure = (n: Node): n is T.Element => isElement(n) && n.tagName === 'figure' && descendants(n).some((e) => e.tagName === 'img');

/** Children that show something: no comments, blank text or elements the sanitizer removes. */
function shownChildren(nodes: readonly Node[]): Node[] {
  return nodes.filter((n) => (isText(n) ? n.value.trim() !== '' : isElement(n) && !UNSHOWN.has(n.tagName)));
}

/** Top-level nodes with pure wrappers taken off: a lone wrapper element holding only elements is replaced by its children. */
function unwrapped(nodes: Node[]): Node[] {
  let top = nodes;
  while (top.length === 1 && isElement(top[0]!) && WRAPPERS.has(top[0].tagName)) {
    const kids = shownChildren(top[0].childNodes);
    if (kids.some(isText) || kids.length === 0) break;
    top = kids;
  }
  return top;
}

function descendants(n: T.Element): T.Element[] {
  return n.childNodes.flatMap((c) => (isElement(c) && !UNSHOWN.has(c.tagName) ? [c, ...descendants(c)] : []));
}

/** The source of a run of nodes as written. */
function span(source: string, nodes: Node[]): string {
  const from = nodes[0]!.sourceCodeLocation;
  const to = nodes.at(-1)!.sourceCodeLocation;
  if (!from || !to) return nodes.map((n) => slice(source, n)).join('');
  return source.slice(from.startOffset, to.endOffset);
}

/** The source of a node as written. */
function slice(source: string, n: Node): string {
  const loc = n.sourceCodeLocation;
  if (!loc) return isText(n) ? escapeText(n.value) : '';
  return source.slice(loc.startOffset, loc.endOffset);
}

/** The source between an element's start and end tags. */
function inner(source: string, e: T.Element): string {
  const loc = e.sourceCodeLocation;
  if (!loc?.startTag) return '';
  return source.slice(loc.startTag.endOffset, loc.endTag?.startOffset ?? loc.endOffset).trim();
}

/** HTML that Markdown reads as one HTML block: no blank line ends it and no indent makes code of it. */
function oneBlock(html: string): string {
  return html
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Measurer {
  lang: Lang;
  /** One body line's height. */
  line: number;
  plain(n: Node): string;
  captionOf(n: T.Element): string;
  text(t: string, width: number): number;
  image(e: T.Element, width: number): number;
  /** Height of a node, or of a unit (`units`): a block, or a run of inline content. */
  height(unit: Node | Node[], width: number): number;
}

const isBlock = (n: Node): n is T.Element => isElement(n) && BLOCKS.has(n.tagName);

/** Nodes as a browser stacks them: each block on its own, the inline content between blocks as one run (a row of pictures, a line of text). */
function units(nodes: readonly Node[]): Node[][] {
  const out: Node[][] = [];
  for (const n of nodes) {
    const last = out.at(-1);
    if (!isBlock(n) && last && !isBlock(last[0]!)) last.push(n);
    else out.push([n]);
  }
  return out;
}

/** Heights of HTML as the themes set it in a content slide's body (30px text; pictures at most `image.height`). */
function measurer(lang: Lang): Measurer {
  const style: TextStyle = { size: geometry.body.size, lineHeight: lineHeight(lang, 'body'), lang };
  const plain = (n: Node): string => {
    if (isText(n)) return n.value.replace(/\s+/g, ' ');
    if (!isElement(n) || UNSHOWN.has(n.tagName)) return '';
    const inside = n.childNodes.map(plain).join('');
    return (BLOCKS.has(n.tagName) || n.tagName === 'br' ? `\n${inside}\n` : inside).replace(/[ \t]*\n[ \t\n]*/g, '\n');
  };
  const clean = (n: Node) => plain(n).trim().replace(/\n+/g, '\n');
  const text = (t: string, width: number) => t.split('\n').filter((l) => l.trim()).reduce((h, l) => h + textHeight(l, width, style), 0);
  const image = (e: T.Element, width: number) => {
    const attr = (name: string) => Number(e.attrs.find((a) => a.name === name)?.value);
    const w = attr('width');
    const h = attr('height');
    if (!(h > 0)) return geometry.image.height;
    return Math.min(geometry.image.height, w > width ? (h * width) / w : h);
  };
  const height = (n: Node, width: number): number => {
    if (isText(n)) return text(n.value, width);
    if (!isElement(n) || UNSHOWN.has(n.tagName)) return 0;
    if (n.tagName === 'img') return image(n, width);
    if (n.tagName === 'hr') return geometry.body.gap;
    const inset = n.tagName === 'ul' || n.tagName === 'ol' || n.tagName === 'blockquote' ? geometry.body.listIndent : 0;
    // Runs of inline content are lines of text, with the tallest picture in them; blocks stack.
    return units(shownChildren(n.childNodes)).reduce((sum, u) => sum + unitHeight(u, width - inset), 0);
  };
  /** A block's height, or a run of inline content's: lines of text, with the tallest picture in them. */
  const unitHeight = (unit: Node[], width: number): number => {
    if (unit.length === 1 && isBlock(unit[0]!)) return height(unit[0]!, width);
    const pictures = unit.flatMap((c) => (isElement(c) ? (c.tagName === 'img' ? [c] : descendants(c).filter((e) => e.tagName === 'img')) : []));
    const words = unit.map(plain).join('').trim();
    return Math.max(0, ...pictures.map((p) => image(p, width))) + (words ? text(words, width) : 0);
  };
  const captionOf = (n: T.Element) => {
    const cap = descendants(n).find((e) => e.tagName === 'figcaption');
    return cap ? clean(cap).replace(/\n/g, ' ') : '';
  };
  return { lang, line: style.size * style.lineHeight, plain: (n) => clean(n), captionOf, text, image, height: (unit, width) => unitHeight(Array.isArray(unit) ? unit : [unit], width) };
}
