import type { Page } from 'puppeteer';

/** How far one slide's content sticks out of its frame, in slide pixels, and what sticks out most. */
export interface OverflowMeasure {
  index: number;
  /** Pixels past the right edge of the frame's content box, the slide's safe area (0 when inside). */
  dx: number;
  /** Pixels below the bottom edge of the frame's content box (0 when inside). */
  dy: number;
  /** Short description of the element that reaches furthest right / down, e.g. `li "Third point…"`. */
  right?: string;
  bottom?: string;
  /** Where the content ends, from the frame's top-left corner, in slide pixels (room left = the content box's far edge − extent, e.g. 720 − 56 − bottom). */
  extent: { right: number; bottom: number };
}

/** A broken `<img>` on a slide. */
export interface BrokenImage {
  index: number;
  src: string;
}

/**
 * In-page measurement, kept as plain JavaScript source: functions handed to `page.evaluate`
 * are serialised with `toString()`, and transpilers (tsx, esbuild's keepNames) inject helpers
 * that do not exist in the page.
 *
 * For every `section[data-slide]`: the union of what the frame's descendants draw (text line
 * boxes from `Range.getClientRects()`, and the border boxes of elements that paint something
 * of their own: images and other replaced elements, backgrounds, borders, shadows; a list's
 * box that only ends in its last item's margin is not content), each clipped by ancestors
 * inside the frame that clip overflow, against the frame's content box; divided by the
 * frame's scale so the answer is in slide pixels whatever reveal.js's zoom.
 *
 * The content box is the slide's safe area: the frame's padding is the slide's margin, and
 * the bottom one holds the theme's chrome (a question's or quote's section footer, reveal.js's
 * slide number), so content that runs into it is overflow even though it is still drawn.
 * That chrome (`.lt-footer`) is not content and is not measured.
 */
const measureSource = String.raw`(() => {
  const describe = (node) => {
    const el = node.nodeType === 3 ? node.parentElement : node;
    const first = [...el.classList].find((c) => c !== 'fragment' && c !== 'visible' && c !== 'current-fragment');
    const cls = first ? '.' + first : '';
    // The element's text, not the text node's: <wbr>s cut Chinese text into a node per word.
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return el.tagName.toLowerCase() + cls + (text ? ' "' + (text.length > 40 ? text.slice(0, 39) + '…' : text) + '"' : '');
  };
  const clear = (c) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c) || /\/\s*0\)$/.test(c);
  const replaced = /^(img|svg|video|canvas|iframe|object|embed|input|textarea|select|button|hr|picture|audio)$/;
  // Whether an element's own box shows anything: replaced content, a background, a border or a shadow.
  // Boxes that only hold text (a list with a trailing margin) count through their text instead.
  const paints = (el, cs) => {
    if (replaced.test(el.localName)) return true;
    if (el.ownerSVGElement) return false;
    if (cs.backgroundImage !== 'none' || !clear(cs.backgroundColor) || cs.boxShadow !== 'none') return true;
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      if (parseFloat(cs['border' + side + 'Width']) > 0 && cs['border' + side + 'Style'] !== 'none' && cs['border' + side + 'Style'] !== 'hidden' && !clear(cs['border' + side + 'Color'])) return true;
    }
    return false;
  };
  const results = [];
  for (const section of document.querySelectorAll('section[data-slide]')) {
    const index = Number(section.getAttribute('data-slide'));
    const frame = section.querySelector('.lt-frame');
    if (!frame) { results.push({ index, dx: 0, dy: 0, extent: { right: 0, bottom: 0 } }); continue; }
    const fr = frame.getBoundingClientRect();
    const scale = frame.offsetWidth ? fr.width / frame.offsetWidth : 1;
    const fcs = getComputedStyle(frame);
    const edgeRight = fr.right - (parseFloat(fcs.borderRightWidth) + parseFloat(fcs.paddingRight)) * scale;
    const edgeBottom = fr.bottom - (parseFloat(fcs.borderBottomWidth) + parseFloat(fcs.paddingBottom)) * scale;
    const clips = new Map();
    // The rectangle an element's content is clipped to by its ancestors inside the frame (and itself).
    const clipOf = (el) => {
      if (el === frame || !el) return null;
      if (clips.has(el)) return clips.get(el);
      let clip = clipOf(el.parentElement);
      const cs = getComputedStyle(el);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const r = el.getBoundingClientRect();
        const own = {
          left: r.left, top: r.top,
          right: cs.overflowX !== 'visible' ? r.right - parseFloat(cs.borderRightWidth) * scale : Infinity,
          bottom: cs.overflowY !== 'visible' ? r.bottom - parseFloat(cs.borderBottomWidth) * scale : Infinity,
        };
        clip = clip ? { left: Math.max(clip.left, own.left), top: Math.max(clip.top, own.top), right: Math.min(clip.right, own.right), bottom: Math.min(clip.bottom, own.bottom) } : own;
      }
      clips.set(el, clip);
      return clip;
    };
    let maxRight = -Infinity, maxBottom = -Infinity, right, bottom;
    const consider = (rect, clip, node) => {
      if (rect.width === 0 && rect.height === 0) return;
      let r = rect.right, b = rect.bottom;
      if (clip) {
        if (rect.left >= clip.right || rect.top >= clip.bottom) return;
        r = Math.min(r, clip.right);
        b = Math.min(b, clip.bottom);
      }
      if (r > maxRight) { maxRight = r; right = node; }
      if (b > maxBottom) { maxBottom = b; bottom = node; }
    };
    // The theme's chrome in the bottom margin is left out with everything inside it.
    const chrome = { acceptNode: (n) => (n.nodeType === 1 && n.classList.contains('lt-footer') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) };
    const walker = document.createTreeWalker(frame, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, chrome);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        if (!node.data.trim()) continue;
        const parent = node.parentElement;
        if (getComputedStyle(parent).visibility === 'hidden') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const clip = clipOf(parent);
        for (const rect of range.getClientRects()) consider(rect, clip, node);
      } else {
        const cs = getComputedStyle(node);
        if (cs.display === 'none' || cs.visibility === 'hidden' || !paints(node, cs)) continue;
        const clip = clipOf(node.parentElement);
        for (const rect of node.getClientRects()) consider(rect, clip, node);
      }
    }
    const dx = Math.max(0, Math.round((maxRight - edgeRight) / scale));
    const dy = Math.max(0, Math.round((maxBottom - edgeBottom) / scale));
    results.push({ index, dx, dy, right: dx > 0 ? describe(right) : undefined, bottom: dy > 0 ? describe(bottom) : undefined,
      extent: { right: right ? Math.round((maxRight - fr.left) / scale) : 0, bottom: bottom ? Math.round((maxBottom - fr.top) / scale) : 0 } });
  }
  return results;
})()`;

/** Measures every slide of a deck opened in print view (all slides laid out, all fragments shown). */
export async function measureOverflow(page: Page): Promise<OverflowMeasure[]> {
  return (await page.evaluate(measureSource)) as OverflowMeasure[];
}

const imagesSource = String.raw`(async () => {
  const out = [];
  for (const img of document.querySelectorAll('section[data-slide] img')) {
    const section = img.closest('section[data-slide]');
    let broken = img.complete && img.naturalWidth === 0;
    if (!img.complete || broken) broken = await img.decode().then(() => false, () => true);
    if (broken) out.push({ index: Number(section.getAttribute('data-slide')), src: img.getAttribute('src') || '(no src)' });
  }
  return out;
})()`;

/** Images on slides that failed to load or decode (`naturalWidth === 0` and `decode()` rejects). */
export async function brokenImages(page: Page): Promise<BrokenImage[]> {
  return (await page.evaluate(imagesSource)) as BrokenImage[];
}

/** Content a box inside a slide cuts off at its right edge (a scroll box: the PDF shows only what is in view). */
export interface ClippedBox {
  index: number;
  /** Pixels of content past the box's right edge, in slide pixels. */
  dx: number;
  /** Short description of the box, e.g. `span.katex-display "x0 + x1…"`. */
  box: string;
}

const clippedSource = String.raw`(() => {
  const out = [];
  for (const section of document.querySelectorAll('section[data-slide]')) {
    const frame = section.querySelector('.lt-frame');
    if (!frame) continue;
    for (const el of frame.querySelectorAll('*')) {
      // Layout pixels: the slide's own, whatever reveal.js's zoom. Read first: it rules out
      // almost every element before its style is computed.
      const dx = el.scrollWidth - el.clientWidth;
      if (dx <= 4) continue;
      // A box a pixel wide is hidden text kept for screen readers (KaTeX's MathML copy), not a cut.
      if (el.clientWidth <= 2) continue;
      // The theme's chrome shortens a long footer or byline with an ellipsis on purpose.
      if (el.closest('.lt-footer, .lt-byline')) continue;
      const cs = getComputedStyle(el);
      if (cs.overflowX === 'visible' || cs.display === 'none' || cs.visibility === 'hidden') continue;
      const first = [...el.classList][0];
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
      out.push({ index: Number(section.getAttribute('data-slide')), dx: Math.round(dx), box: el.tagName.toLowerCase() + (first ? '.' + first : '') + (text ? ' "' + (text.length > 30 ? text.slice(0, 29) + '…' : text) + '"' : '') });
    }
  }
  return out;
})()`;

/** Boxes on slides (a wide formula's scroll box, a table's wrapper) whose content runs past their right edge and is cut off. */
export async function clippedBoxes(page: Page): Promise<ClippedBox[]> {
  return (await page.evaluate(clippedSource)) as ClippedBox[];
}
