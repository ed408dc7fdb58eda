/**
 * An allow-list HTML sanitizer for raw HTML in the content (scraped pages, pasted embeds).
 * parse5's tokenizer reads the input (sanitize-tokens.ts); this module keeps only tags and
 * attributes it knows to be inert, and writes every kept tag back out in one canonical form
 * (lower-case names, attribute values entity-decoded and re-escaped in double quotes), with
 * text `<` escaped and every element closed. It never patches the input, so nothing the
 * browser could read differently from the tokenizer survives: the output's markup is only
 * what this module printed.
 */
import { tokenizeHtml, type HtmlAttr, type HtmlToken } from './sanitize-tokens.js';

export { decodeEntities, tokenizeHtml, type HtmlAttr, type HtmlToken } from './sanitize-tokens.js';

/** Something the sanitizer removed: what (for the warning) and the source text it came from. */
export interface SanitizeFinding {
  message: string;
  /** The tag or attribute as written, so the caller can find its line. */
  snippet: string;
  /** An attribute's decoded value: where Markdown wrote it, the raw form is not in the source. */
  value?: string;
}

/** The sanitizer's result. */
export interface SanitizeResult {
  html: string;
  removed: SanitizeFinding[];
}

// Elements whose content the browser reads as raw text up to the matching end tag.
const RAW_TEXT = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext'];

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

const GLOBAL_ATTRS = ['class', 'title', 'lang', 'dir', 'style'];

/**
 * Tags that are kept, with the attributes each may keep (the global ones included). A Map,
 * not an object: a tag named `constructor` or `__proto__` must not find Object.prototype.
 */
const ALLOWED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    'abbr b bdi bdo blockquote br caption cite code dd del dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i ins kbd mark p pre q rp rt ruby s samp small span strong sub summary sup table tbody tfoot thead tr u ul var wbr': [],
    a: ['href'],
    img: ['src', 'alt', 'width', 'height'],
    'td th': ['align', 'colspan', 'rowspan', 'scope'],
    'col colgroup': ['span'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
    time: ['datetime'],
  }).flatMap(([names, attrs]) => names.split(' ').map((n): [string, ReadonlySet<string>] => [n, new Set([...GLOBAL_ATTRS, ...attrs])])),
);

/**
 * Removed together with everything inside them: they run code, load things, or are only chrome
 * (a button's label is a control's, not the content's: a script carousel's "Next →" is no text
 * of the slide).
 */
const DROP_WITH_CONTENT = new Set([...RAW_TEXT, 'object', 'applet', 'template', 'svg', 'math', 'form', 'select', 'button', 'frameset', 'head', 'audio', 'video', 'canvas', 'map', 'datalist']);

/** Removed elements that could run code or load something; others are just not on the list. */
const DANGEROUS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'applet', 'link', 'meta', 'base', 'form', 'frame', 'frameset', 'svg', 'math', 'noscript', 'template', 'audio', 'video', 'source', 'track', 'param', 'input', 'button', 'textarea', 'select']);

const SUFFIX = 'use --allow-html only for content you trust';

/** Escapes a string for a double-quoted attribute value or text. */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** How a URL in an `href` or `src` is judged. */
export type UrlKind = 'relative' | 'remote' | 'data-image' | 'link-scheme' | 'other-scheme';

/** Classifies a URL after decoding; whitespace and control characters are ignored, as browsers do. */
export function classifyUrl(url: string): { kind: UrlKind; scheme?: string } {
  const s = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (/^[\\/]{2}/.test(s)) return { kind: 'remote' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1].toLowerCase();
  if (!scheme) return { kind: 'relative' };
  if (scheme === 'http' || scheme === 'https') return { kind: 'remote', scheme };
  if (scheme === 'mailto' || scheme === 'tel') return { kind: 'link-scheme', scheme };
  if (scheme === 'data' && /^data:image\/(png|gif|jpe?g|webp|avif|bmp)[;,]/i.test(s)) return { kind: 'data-image', scheme };
  return { kind: 'other-scheme', scheme };
}

const LOADS_RESOURCES = /url\s*\(|image-set|@import|expression\s*\(|behavior\s*:|-moz-binding|\\|src\s*\(/i;

/**
 * Keeps only allow-listed tags and attributes. Removed: script and style elements, frames,
 * objects, forms, SVG/MathML, `<link>`/`<meta>`/`<base>`, event handlers, `javascript:` and
 * other non-web URLs, `srcset`, style attributes that load resources, buttons with their labels,
 * and elements marked `hidden` with their content. Remote `<img src>`
 * is kept for the image pass, which turns it into a placeholder. Comments are dropped.
 */
export function sanitizeHtml(html: string): SanitizeResult {
  const tokens = tokenizeHtml(html);
  const out: string[] = [];
  // Open elements, and how many of each name, so an end tag for nothing open costs nothing.
  const open: string[] = [];
  const openCount = new Map<string, number>();
  const close = () => {
    const name = open.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    out.push(`</${name}>`);
  };
  const removed: SanitizeFinding[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'comment') continue;
    if (t.type === 'text') {
      out.push(t.raw.replace(/</g, '&lt;'));
      continue;
    }
    if (t.end) {
      if (openCount.get(t.name)) {
        const at = open.lastIndexOf(t.name);
        while (open.length > at) close();
      }
      continue;
    }
    const allowed = ALLOWED.get(t.name);
    if (!allowed) {
      const why = DANGEROUS.has(t.name) ? 'it could run code or load remote content' : 'not on the list of safe tags';
      removed.push({ message: `removed <${t.name}> from raw HTML (${why}); ${SUFFIX}`, snippet: t.raw });
      if (DROP_WITH_CONTENT.has(t.name) && !VOID.has(t.name)) k = skipElement(tokens, k, t.name);
      continue;
    }
    // An element the author hid (`hidden`) is not seen on the page it came from either: it goes
    // with its content, quietly, rather than show once its attribute is dropped.
    if (t.attrs.some((a) => a.name === 'hidden')) {
      if (!VOID.has(t.name)) k = skipElement(tokens, k, t.name);
      continue;
    }
    const attrs = keepAttrs(t, allowed, removed);
    if (attrs === undefined) continue;
    out.push(`<${t.name}${attrs}>`);
    if (!VOID.has(t.name)) open.push(t.name), openCount.set(t.name, (openCount.get(t.name) ?? 0) + 1);
  }
  while (open.length) close();
  return { html: out.join(''), removed };
}

/** Index of the token that closes the element opened at `k` (or the last token). */
function skipElement(tokens: HtmlToken[], k: number, name: string): number {
  let depth = 1;
  for (let j = k + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.type !== 'tag' || t.name !== name) continue;
    depth += t.end ? -1 : 1;
    if (depth === 0) return j;
  }
  return tokens.length - 1;
}

/** The kept attributes, serialised; undefined when the whole element must go. */
function keepAttrs(t: Extract<HtmlToken, { type: 'tag' }>, allowed: ReadonlySet<string>, removed: SanitizeFinding[]): string | undefined {
  let out = '';
  for (const a of t.attrs) {
    if (a.name.startsWith('on')) {
      removed.push({ message: `removed event-handler attribute ${a.name} from raw HTML; ${SUFFIX}`, snippet: a.raw });
      continue;
    }
    if (a.name === 'srcset') {
      removed.push({ message: 'removed srcset from raw HTML (Lectern copies only an image\'s src)', snippet: a.raw });
      continue;
    }
    if (!allowed.has(a.name)) continue;
    const problem = attrProblem(t.name, a);
    if (problem) {
      removed.push({ message: problem, snippet: a.raw, value: a.value });
      if (t.name === 'img' && a.name === 'src') return undefined;
      continue;
    }
    if (/^(width|height|span|colspan|rowspan|value|start)$/.test(a.name) && !/^-?\d{1,6}%?$/.test(a.value.trim())) continue;
    out += ` ${a.name}="${escapeAttr(a.value)}"`;
  }
  if (t.name === 'img' && !t.attrs.some((a) => a.name === 'src')) return undefined;
  if (t.name === 'input' && !/^checkbox$/i.test(t.attrs.find((a) => a.name === 'type')?.value.trim() ?? '')) {
    removed.push({ message: `removed <input> from raw HTML (only task-list checkboxes are kept); ${SUFFIX}`, snippet: t.raw });
    return undefined;
  }
  return out;
}

function attrProblem(tag: string, a: HtmlAttr): string | undefined {
  if (a.name === 'style' && LOADS_RESOURCES.test(a.value)) return `removed a style attribute that loads resources (url(), @import) from raw HTML; ${SUFFIX}`;
  if (a.name === 'href' || a.name === 'src') {
    const { kind, scheme } = classifyUrl(a.value);
    const ok = a.name === 'href' ? kind !== 'other-scheme' && kind !== 'data-image' : kind !== 'other-scheme' && kind !== 'link-scheme';
    if (!ok) return `removed a ${scheme}: URL (${tag} ${a.name})`;
  }
  return undefined;
}
