import { parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { Lang } from '../model/document.js';
import { IMAGE_EXTENSIONS } from '../html/image-files.js';
import { classifyUrl, sanitizeHtml } from '../html/sanitize.js';
import { geometry, headingHeight, lineHeight, textHeight, type TextStyle } from '../text/layout.js';
import { splitSentences } from '../text/sentences.js';
import { cutToFit } from './budgets.js';

/**
 * A part of a raw HTML block as the planner lays it out: the HTML the slide shows, what the
 * notes say, its height in slide pixels, and its first line (counted from the block's first).
 * A `picture` is a figure to show on a slide of its own (the `image` variant, base.css sets the
 * picture and its caption in the room there is); a figure's `title` is what that slide is
 * called, from its caption or alt text ('' when it has neither: the section's title, no "(cont.)").
 */
export interface HtmlPart {
  markdown: string;
  text: string;
  height: number;
  line: number;
  picture?: boolean;
  title?: string;
}

/** A gallery shows at most this many of its figures, spread evenly; the others' captions are in the notes. */
export const GALLERY_MAX = 24;

/** Elements the sanitizer removes with their content or that never show (html/sanitize.ts): no part of what a slide shows. */
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
 * Where a part begins in the block's source and what the slide shows of its stretch. A part
 * runs from its `start` to the next part's, so it carries what lies between its content and
 * the next (a carousel's buttons, a script): the sanitizer still meets, and reports, all of it.
 * `edits` take a stretch of source off the slide, or put markup made here in its place; only
 * source the sanitizer would remove nothing from is ever taken off (`harmless`).
 */
interface Group {
  start: number;
  height: number;
  text: string;
  edits: Edit[];
  picture?: boolean;
  title?: string;
  /** Shows nothing of its own (its text did not fit at all): said with the part before it. */
  empty?: boolean;
}

interface Edit {
  from: number;
  to: number;
  html: string;
}

/**
 * The parts of a raw HTML block, or undefined when it is not raw HTML or shows best as it is: it
 * fits `room` and is no gallery. A block is read as HTML (parse5, with source positions), its
 * pure wrappers unwrapped (a `<div>` that holds only elements, the sanitizer's removals such as
 * a carousel's buttons not counted), and its top-level children are its parts, measured with
 * the layout model: a figure as its picture and its caption (body text at the frame width), a
 * paragraph or list as text, a picture that cannot be shown (no image file) as nothing.
 *
 * A part is the block's own source from where it begins to where the next begins, cut only
 * between elements, with what the cut leaves open closed and what it closes dropped (a list is
 * opened again): nothing is lost or moved, so the render stage sanitises, and reports, every
 * tag at its line, and `--allow-html` keeps the markup as written. A run of figures with
 * pictures (a carousel, a gallery) is a slide per figure, called by its caption or alt text,
 * its caption on the slide when short (`figure.captionLines`) and in the notes always; a
 * gallery of more than `GALLERY_MAX` figures shows that many, spread evenly, the others'
 * captions in the notes. A part still taller than `room` is split between its own children;
 * when it has none to split between, its pictures get a slide and its text is cut at a
 * sentence (the whole in the notes) if the sanitizer would remove nothing from it, else it is
 * kept whole. If the source cannot be cut in order (markup parse5 reorders), nothing is split.
 */
export function htmlParts(markdown: string, lang: Lang, room: number): HtmlPart[] | undefined {
  const read = readHtml(markdown, lang);
  if (!read) return undefined;
  const { source, top, m, whole, fragment } = read;
  const figures = top.filter(isFigure);
  const gallery = figures.length >= 2;
  if (!gallery && whole <= room) return undefined;
  if (!top.every((n) => n.sourceCodeLocation)) return undefined;
  const groups: Group[] = [];
  const shown = spread(figures.length, GALLERY_MAX);
  let k = 0;
  for (const unit of units(top)) {
    const n = unit[0]!;
    if (unit.length === 1 && isFigure(n)) {
      const show = shown.has(k++) || !harmless(source, n);
      const caption = m.captionOf(n);
      if (show) groups.push(figureGroup(n, source, caption, m, room));
      else {
        // Not shown: taken off the slide of the figure before it, its caption said there.
        const last = groups.at(-1)!;
        last.edits.push({ from: start(n), to: end(n, source), html: '' });
        if (caption) last.text = `${last.text}\n\n${caption}`.trim();
      }
      continue;
    }
    groups.push(...groupsOf(unit, source, m, room));
  }
  return cut(source, fragment, merged(groups));
}

/** True when a raw HTML block is a gallery: two or more figures with pictures, its wrappers unwrapped (each gets a slide of its own). */
export function isGallery(markdown: string, lang: Lang): boolean {
  return (readHtml(markdown, lang)?.top.filter(isFigure).length ?? 0) >= 2;
}

/** The height of a raw HTML block as the layout model sets it (pictures counted), or undefined when it is not raw HTML. */
export function htmlHeight(markdown: string, lang: Lang): number | undefined {
  return readHtml(markdown, lang)?.whole;
}

function readHtml(markdown: string, lang: Lang) {
  if (!/^\s*<[a-z]/i.test(markdown)) return undefined;
  const source = markdown;
  const fragment = parseFragment(source, { sourceCodeLocationInfo: true });
  const top = unwrapped(shownChildren(fragment.childNodes));
  const m = measurer(lang);
  const whole = units(top).reduce((h, u, i) => h + m.height(u, geometry.frame.width) + (i ? geometry.body.gap : 0), 0);
  return { source, top, m, whole, fragment };
}

/** Groups that show nothing of their own joined to the group before them (else the one after). */
function merged(groups: Group[]): Group[] {
  const out: Group[] = [];
  let pending: Group | undefined;
  for (const g of groups) {
    const last = out.at(-1);
    if (!g.empty) {
      out.push(pending ? { ...g, text: `${pending.text}\n\n${g.text}`.trim(), edits: [...pending.edits, ...g.edits] } : g);
      pending = undefined;
    } else if (last) out[out.length - 1] = { ...last, text: `${last.text}\n\n${g.text}`.trim(), edits: [...last.edits, ...g.edits] };
    else pending = pending ? { ...pending, text: `${pending.text}\n\n${g.text}`.trim(), edits: [...pending.edits, ...g.edits] } : g;
  }
  if (out.length === 0) return [];
  // What the first part holds starts where the block does.
  out[0] = { ...out[0]!, start: 0 };
  return out;
}

/**
 * The parts' HTML: the source from each part's start to the next's, its edits made, the
 * elements the cut leaves open closed at its end, the end tags of elements opened before it
 * dropped (a list or quote is opened again instead). Undefined when the parts are not in
 * source order or an edit falls outside its part.
 */
function cut(source: string, fragment: T.DocumentFragment, groups: Group[]): HtmlPart[] | undefined {
  if (groups.length === 0) return undefined;
  const starts = groups.map((g) => g.start);
  if (starts.some((s, i) => i > 0 && s <= starts[i - 1]!)) return undefined;
  const elements = allElements(fragment.childNodes).filter((e) => e.sourceCodeLocation);
  const openAt = (at: number) => elements.filter((e) => start(e) < at && end(e, source) > at);
  const parts: HtmlPart[] = [];
  for (const [i, g] of groups.entries()) {
    const a = g.start;
    const b = groups[i + 1]?.start ?? source.length;
    if (g.edits.some((e) => e.from < a || e.to > b)) return undefined;
    const before = openAt(a);
    const reopened = before.filter((e) => REWRAPPED.has(e.tagName));
    // End tags of elements opened in an earlier part that is not written again here.
    const dropped = before.flatMap((e) => {
      const t = e.sourceCodeLocation!.endTag;
      return !REWRAPPED.has(e.tagName) && t && t.startOffset >= a && t.endOffset <= b ? [{ from: t.startOffset, to: t.endOffset, html: '' }] : [];
    });
    const edits = [...g.edits, ...dropped].sort((x, y) => x.from - y.from || x.to - y.to);
    let html = '';
    let at = a;
    for (const e of edits) {
      if (e.from < at) return undefined;
      html += source.slice(at, e.from) + e.html;
      at = e.to;
    }
    html += source.slice(at, b);
    const left = openAt(b).filter((e) => start(e) >= a || reopened.includes(e));
    const open = reopened.map((e) => (e.tagName === 'ol' ? `<ol start="${olStart(e, a)}">` : `<${e.tagName}>`)).join('');
    const close = left.reverse().map((e) => `</${e.tagName}>`).join('');
    const markdown = oneBlock([open, html.trim(), close].filter(Boolean).join('\n'));
    parts.push({ markdown, text: g.text, height: g.height, line: newlines(source, a + (source.slice(a).length - source.slice(a).trimStart().length)), ...(g.picture ? { picture: true } : {}), ...(g.title !== undefined ? { title: g.title } : {}) });
  }
  // One part as written is the block as it is: nothing to split.
  return parts.length > 1 || groups[0]!.picture || groups[0]!.edits.length ? parts : undefined;
}

/** The number an ordered list continued at `at` goes on with: its own start plus the items before. */
function olStart(ol: T.Element, at: number): number {
  const first = Number(ol.attrs.find((x) => x.name === 'start')?.value ?? 1);
  const before = ol.childNodes.filter((c) => isElement(c) && c.tagName === 'li' && start(c) < at).length;
  return (Number.isFinite(first) ? first : 1) + before;
}

/** Which of `n` figures a gallery shows: all when `n` ≤ `max`, else `max` of them spread evenly, first and last included. */
function spread(n: number, max: number): Set<number> {
  if (n <= max) return new Set(Array.from({ length: n }, (_, i) => i));
  return new Set(Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1))));
}

/**
 * A figure on a slide of its own, called by its caption (or the caption's first sentence) when
 * that fits one heading line, else by its alt text; the rest of its caption under the picture
 * when short enough to share the slide and harmless to take off otherwise.
 */
function figureGroup(n: T.Element, source: string, caption: string, m: Measurer, room: number): Group {
  const f = geometry.figure;
  const captionEl = descendants(n).find((e) => e.tagName === 'figcaption');
  const alt = descendants(n).find((e) => e.tagName === 'img')?.attrs.find((a) => a.name === 'alt')?.value.trim() ?? '';
  const title = figureTitle(caption, m.lang) ?? figureTitle(alt, m.lang, true);
  // What the caption says beyond the title.
  const rest = title && caption.startsWith(title) ? caption.slice(title.length).replace(/^[.。]?\s*/u, '') : caption;
  const fits = (t: string) => t !== '' && m.text(t, geometry.frame.width) <= Math.min(f.captionLines * m.line, room - f.picture - f.gap);
  const editable = captionEl !== undefined && harmless(source, captionEl);
  const edits: Edit[] = [];
  let shownCaption = captionEl ? caption : '';
  if (captionEl && editable && rest !== caption) {
    // The title says the caption's start: the slide shows the rest, if it fits.
    shownCaption = fits(rest) ? rest : '';
    edits.push({ from: start(captionEl), to: end(captionEl, source), html: shownCaption ? `<figcaption>${escapeText(rest)}</figcaption>` : '' });
  } else if (captionEl && editable && !fits(caption)) {
    shownCaption = '';
    edits.push({ from: start(captionEl), to: end(captionEl, source), html: '' });
  }
  const pictures = descendants(n).filter((e) => e.tagName === 'img');
  const tallest = Math.max(0, ...pictures.map((p) => m.image(p, geometry.frame.width)));
  // Set in the room there is, as a Markdown image on its own slide is (base.css caps the picture).
  const picture = Math.min(shownCaption ? f.picture : geometry.image.height, tallest, room);
  return {
    start: start(n),
    height: picture + (shownCaption ? f.gap + m.text(shownCaption, geometry.frame.width) : 0),
    text: caption,
    edits,
    picture: true,
    title: title ?? '',
  };
}

/** A figure's title: the text, or its first sentence, when it fits one heading line (no closing full stop); alt text only whole. */
function figureTitle(text: string, lang: Lang, whole = false): string | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  const oneLine = headingHeight('X', lang);
  const candidates = whole ? [t] : [t, splitSentences(t, lang)[0]?.text.trim() ?? ''];
  const fit = candidates.find((c) => c && headingHeight(c, lang) <= oneLine);
  return fit?.replace(/[.。]$/u, '');
}

/**
 * A unit (a block, or a run of inline content) as groups that fit `room`: whole, else a block
 * split between its children, else (when the sanitizer would remove nothing from it) its
 * pictures on a slide of their own and its text cut to fit, the whole in the notes; else whole.
 */
function groupsOf(unit: Node[], source: string, m: Measurer, room: number, width: number = geometry.frame.width): Group[] {
  const text = unit.map((n) => m.plain(n)).join(' ').trim();
  const height = m.height(unit, width);
  const from = start(unit[0]!);
  const whole: Group = { start: from, height, text, edits: [] };
  if (height <= room) return [whole];
  const n = unit[0]!;
  if (unit.length === 1 && isElement(n)) {
    const kids = units(shownChildren(n.childNodes));
    if (kids.length > 1 && kids.every((k) => k[0]!.sourceCodeLocation)) {
      const inner = REWRAPPED.has(n.tagName) ? width - geometry.body.listIndent : width;
      const groups = kids.flatMap((k) => groupsOf(k, source, m, room, inner));
      // The element's start tag goes with its first child.
      return groups.map((g, i) => (i === 0 ? { ...g, start: from } : g));
    }
  }
  const to = end(unit.at(-1)!, source);
  if (!harmless(source, ...unit)) return [whole];
  // Pictures go on a slide of their own (set in the room there is, as a Markdown image is); the words after them are cut to fit.
  const pictures = unit.flatMap((c) => (isElement(c) ? (c.tagName === 'img' ? [c] : descendants(c).filter((e) => e.tagName === 'img')) : [])).filter((p) => m.image(p, width) > 0);
  const { kept } = cutToFit(text, (t) => m.text(t, width) <= room, m.lang);
  const words: Group = { start: pictures.length ? to : from, height: kept ? m.text(kept, width) : 0, text, edits: [{ from: pictures.length ? to : from, to, html: kept ? `<p>${escapeText(kept)}</p>` : '' }], ...(kept ? {} : { empty: true }) };
  if (!pictures.length) return [words];
  const shown: Group = { start: from, height: Math.min(room, geometry.image.height), text: '', edits: [{ from, to, html: pictures.map((p) => slice(source, p)).join('') }], picture: true };
  return [shown, words];
}

/** True when the sanitizer would remove nothing from these nodes' source: they may be left off a slide or written anew without a warning going unsaid. */
function harmless(source: string, ...nodes: Node[]): boolean {
  return sanitizeHtml(source.slice(start(nodes[0]!), end(nodes.at(-1)!, source))).removed.length === 0;
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

/** Every element, shown or not (a `<template>`'s content is not in the tree: its element's position covers it). */
function allElements(nodes: readonly Node[]): T.Element[] {
  return nodes.flatMap((c) => (isElement(c) ? [c, ...allElements(c.childNodes)] : []));
}

/** Where a node begins in the source. */
const start = (n: Node) => n.sourceCodeLocation!.startOffset;

/** Where a node ends in the source: after its end tag, or where the parser ended it. */
function end(n: Node, source: string): number {
  if (isElement(n)) {
    const loc = n.sourceCodeLocation;
    return loc ? (loc.endTag?.endOffset ?? loc.endOffset ?? source.length) : source.length;
  }
  return n.sourceCodeLocation?.endOffset ?? source.length;
}

/** The source of a node as written. */
function slice(source: string, n: Node): string {
  const loc = n.sourceCodeLocation;
  if (!loc) return isText(n) ? escapeText(n.value) : '';
  return source.slice(loc.startOffset, loc.endOffset);
}

function newlines(s: string, endAt: number): number {
  let count = 0;
  for (let i = 0; i < endAt; i++) if (s.charCodeAt(i) === 10) count++;
  return count;
}

/** HTML that Markdown reads as one HTML block: no blank line ends it. */
function oneBlock(html: string): string {
  return html
    .split('\n')
    .filter((l) => l.trim())
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

/**
 * True when the render stage shows the picture an `<img>` names (as far as the plan can tell):
 * a web or data image, or a local file named as an image (render/images.ts leaves out the rest).
 */
function showable(e: T.Element): boolean {
  const src = e.attrs.find((a) => a.name === 'src')?.value;
  if (!src?.trim()) return false;
  const { kind } = classifyUrl(src);
  if (kind === 'remote' || kind === 'data-image') return true;
  if (kind !== 'relative') return false;
  const path = src.trim().split(/[?#]/)[0]!;
  const dot = path.lastIndexOf('.');
  return dot >= 0 && IMAGE_EXTENSIONS.has(path.slice(dot).toLowerCase());
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
    if (!showable(e)) return 0;
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
