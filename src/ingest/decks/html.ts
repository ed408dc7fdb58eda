import { lineAt, warnOnce, type DeckContext } from './context.js';

/**
 * HTML elements a deck may keep. Anything else in a deck's HTML is a component of its tool
 * (Vue in Slidev, custom elements) with no counterpart here.
 */
const HTML_ELEMENTS = new Set(
  ('a abbr address article aside b bdi bdo blockquote br caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure ' +
    'footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li main mark nav ol p picture pre q s samp section small span strong sub summary sup ' +
    'table tbody td tfoot th thead tr u ul var wbr font').split(' '),
);

/** Elements dropped with everything inside them: styling and code for the other tool. */
const DROP_WITH_CONTENT = new Set(['style', 'script', 'template']);

/** Attributes kept on the elements that may have them; the rest is the other tool's styling. */
const KEEP_ATTRS: Record<string, readonly string[]> = { a: ['href'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], ol: ['start'] };

/**
 * Authored positioning: a bare `absolute` / `fixed` (UnoCSS attributify, Slidev), those
 * utility classes (Tailwind, UnoCSS), or `position: absolute | fixed` in a style attribute.
 */
const PLACED_ATTR = /^(absolute|fixed)$/i;
const PLACED_CLASS = /(?:^|\s)!?(absolute|fixed)(?=\s|$)/;
const PLACED_STYLE = /(?:^|;)\s*position\s*:\s*(absolute|fixed)\b/i;

/** Whether an attribute places its element at a spot of the author's slide, out of the text flow. */
function placesElement(name: string, value: string | undefined): boolean {
  const v = value?.replace(/^["']|["']$/g, '');
  if (value === undefined) return PLACED_ATTR.test(name);
  if (name.toLowerCase() === 'class') return PLACED_CLASS.test(v!);
  return name.toLowerCase() === 'style' && PLACED_STYLE.test(v!);
}

/** The classes the deck readers write themselves (fragments), kept where everything else goes. */
const OWN_CLASSES = /^["']?(fragment|lt-fragment-item|lt-placed)["']?$/;

/** Elements that make a click step in Slidev, and attributes that make their element one. */
const CLICK_ELEMENTS = new Set(['v-click', 'v-after']);
const CLICK_ATTR = /^v-(click|after)(\.|$)/;

const TAG = /<(\/?)([A-Za-z][\w.:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;

/**
 * Rewrites a slide's raw HTML to what Lectern can show: HTML elements stay with only their
 * content attributes (href, src, alt…); click steps (`<v-click>`, `v-click`, `v-after`) become
 * fragments; other components' tags go but their content stays; `<style>` and `<script>` go
 * with their content. Each kind of dropped syntax is warned about once per deck. `text` is a
 * protected slide text (code is out of reach) starting at source line `line`.
 */
export function cleanHtml(text: string, line: number, ctx: DeckContext): string {
  let out = text.replace(/<(style|script|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (_, name: string, at: number) => {
    warnOnce(ctx, `html-${name}`, `<${name}> blocks in the deck are dropped: Lectern runs none of a deck's scripts, and its theme styles the slides`, lineAt(text, at, line));
    return '';
  });
  // Tags and comments go without leaving blank lines: a blank line would end the HTML block
  // around them, and the indented lines after it would read as a code block.
  out = out.replace(/<!--[\s\S]*?-->/g, '').replace(/<!--[\s\S]*$/, (_, at: number) => {
    // As in HTML, a comment never closed runs to the end (here: of its slide).
    warnOnce(ctx, 'open-comment', 'an HTML comment is never closed (<!-- without -->); it hides the rest of its slide', lineAt(out, at, line));
    return '';
  });
  const stack: string[] = [];
  out = out.replace(TAG, (m, close: string, rawName: string, attrs: string, selfClose: string, at: number, all: string) => {
    const name = rawName.toLowerCase();
    const where = () => lineAt(all, at, line);
    if (DROP_WITH_CONTENT.has(name)) return '';
    if (CLICK_ELEMENTS.has(name)) {
      const block = aloneOnLine(all, at, m.length);
      // A block wrapper stands alone between blank lines, so the Markdown inside it is read as Markdown.
      // A blank line after the closing tag ends the HTML block, or Markdown would read a code fence after it as HTML.
      if (close) return !stack.length ? '' : stack.pop() === 'div' ? '\n</div>\n' : '</span>';
      if (selfClose) return '';
      stack.push(block ? 'div' : 'span');
      return block ? '<div class="fragment">\n' : '<span class="fragment">';
    }
    if (!HTML_ELEMENTS.has(name) || /[A-Z]/.test(rawName[0])) {
      warnOnce(ctx, `component-${rawName}`, `<${rawName}> has no counterpart in Lectern; its tags are dropped and its text kept`, where());
      return '';
    }
    if (close) return `</${name}>`;
    const kept: string[] = [];
    let fragment = false;
    let dropped = false;
    let placed = false;
    for (const a of attrs.matchAll(ATTR)) {
      const attr = a[1];
      if (placesElement(attr, a[2])) placed = true;
      if (CLICK_ATTR.test(attr)) fragment = true;
      else if (attr === 'class' && a[2] && OWN_CLASSES.test(a[2])) kept.push(`class=${a[2]}`);
      else if ((KEEP_ATTRS[name] ?? []).includes(attr.toLowerCase()) && a[2] !== undefined) kept.push(`${attr.toLowerCase()}=${a[2]}`);
      else dropped = true;
    }
    if (dropped) warnOnce(ctx, 'html-attrs', `classes, styles and other attributes on the deck's HTML are dropped; Lectern's theme styles the slides`, where());
    // An element the author placed at a spot of the slide (a label scattered over a diagram, a
    // word cloud) loses its spot with its styles: set in the text flow one above the other, a
    // slide of them would run far past its bottom. It is set as a label in a row (base.css
    // `.lt-placed`), the labels of one click step side by side, as the author's slide showed them.
    if (placed) {
      warnOnce(ctx, 'html-placed', `elements positioned on the slide (absolute, fixed) are set side by side in the text flow; Lectern's theme lays out the slides`, where());
      kept.unshift(fragment ? 'class="fragment lt-placed"' : 'class="lt-placed"');
    } else if (fragment) kept.unshift('class="fragment"');
    const tag = `<${name}${kept.length ? ' ' + kept.join(' ') : ''}${selfClose && name !== 'img' && name !== 'br' && name !== 'hr' ? `></${name}` : ''}>`;
    return tag;
  });
  return out;
}

/** Whether the tag at `at` (of length `len`) is the only thing on its line. */
function aloneOnLine(text: string, at: number, len: number): boolean {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at + len);
  return !text.slice(start, at).trim() && !text.slice(at + len, end < 0 ? text.length : end).trim();
}
