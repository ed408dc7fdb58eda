/**
 * Chinese body text breaks between words, as titles do (text/phrases.ts): a pass over a slide's
 * finished HTML puts a `<wbr>` at each word boundary ICU's segmenter finds in Chinese text, and
 * the themes set `word-break: keep-all` on the slide, so a line can end only there (or at a
 * space or punctuation), never inside a word ("之 / 间"). The planner's layout model breaks at
 * the same places (text/layout.ts).
 *
 * The pass changes only text between tags: never markup or attribute values, and never the text of code, preformatted blocks,
 * typeset math (KaTeX), SVG, speaker notes, or elements the phrases helper has already broken
 * (`.lt-phrased`). Text running across inline elements (`之<em>间</em>`) is segmented as one.
 * `<wbr>` adds no character: copied text and the PDF's text are as before.
 */
import { phraseBreaks } from '../text/phrases.js';
import { decodeEntities } from '../html/sanitize-tokens.js';

const HAN = /\p{Script=Han}/u;

/** Elements whose text stays as written, with everything inside them. */
const SKIP = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg', 'math', 'textarea', 'title', 'template', 'rt', 'rp']);
/**
 * Classes that mark the same: KaTeX's output, TeX shown as source, text already phrased, and
 * speaker notes (`aside.notes`): the speaker view sets them in its own style, which breaks
 * anywhere, so the deck keeps them as written; the handout breaks them itself when it prints them.
 */
const SKIP_CLASS = /(?:^|\s)(?:katex|katex-display|lt-math-error|lt-phrased|notes)(?:\s|$)/;
/** Inline elements: text runs on through them, so a word split by markup is still one word. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'mark', 'q', 'ruby', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr']);

/** A text token of a run: its decoded text, and where each of its UTF-16 units starts in `raw`. */
interface Piece {
  token: number;
  text: string;
  /** `at[i]`: offset in the token's raw source of decoded unit i; `at[text.length]` is the raw length. */
  at: number[];
}

/** A piece of the HTML: text, or markup (a tag, comment or declaration) with its name if a tag. */
interface Token {
  raw: string;
  /** Lower-case tag name; undefined for text, comments and declarations. */
  name?: string;
  end?: boolean;
}

/**
 * Markup in HTML the render stage wrote (templates, sanitised or trusted Markdown output):
 * comments, declarations, and tags with their attributes, quoted values read whole (a `>` in
 * a value does not end the tag). A `<` that starts none of these is text.
 */
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][^\s/>]*)(?:"[^"]*"|'[^']*'|[^>"'])*>|<![^>]*>|<\?[^>]*>/g;
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

/**
 * Splits HTML into text and markup. A regular expression rather than parse5's tokenizer (which
 * the sanitizer uses): this runs on every slide of every Chinese deck, and parse5, which reports
 * each character, took ~5 µs a character (0.4 s for a 60-slide deck). The input is the
 * render stage's own output, whose attribute values are quoted and escaped.
 */
function tokenize(html: string): Token[] {
  const out: Token[] = [];
  let done = 0;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(html); m; m = MARKUP.exec(html)) {
    if (m.index > done) out.push({ raw: html.slice(done, m.index) });
    const name = m[2]?.toLowerCase();
    out.push({ raw: m[0], name, end: m[1] === '/' });
    done = m.index + m[0].length;
    if (name && !m[1] && RAW_TEXT.has(name)) {
      // Raw text runs to the end tag: markup inside is not markup.
      const close = html.toLowerCase().indexOf(`</${name}`, done);
      const to = close < 0 ? html.length : close;
      if (to > done) out.push({ raw: html.slice(done, to), name: '#raw' });
      done = to;
      MARKUP.lastIndex = to;
    }
  }
  if (done < html.length) out.push({ raw: html.slice(done) });
  return out;
}

/**
 * `html` with a `<wbr>` at every word boundary inside Chinese text (see the module comment);
 * unchanged when it has no Han character.
 */
export function markWordBreaks(html: string): string {
  if (!HAN.test(html)) return html;
  const tokens = tokenize(html);
  const inserts = new Map<number, number[]>(); // token index → raw offsets to put a <wbr> before
  let run: Piece[] = [];
  const flush = () => {
    if (run.length) breakRun(run, inserts);
    run = [];
  };
  let skip: { name: string; depth: number } | undefined;
  tokens.forEach((t, i) => {
    if (skip) {
      if (t.name === skip.name && !selfClosing(t.raw)) skip.depth += t.end ? -1 : 1;
      if (skip.depth === 0) skip = undefined;
      return;
    }
    if (t.name === undefined) {
      if (!t.raw.startsWith('<')) run.push(piece(t.raw, i));
      return;
    }
    if (t.name === '#raw') return;
    if (!t.end && (SKIP.has(t.name) || SKIP_CLASS.test(classOf(t.raw)))) {
      flush();
      if (!selfClosing(t.raw) && !VOID.has(t.name)) skip = { name: t.name, depth: 1 };
      return;
    }
    if (!INLINE.has(t.name)) flush();
  });
  flush();
  if (!inserts.size) return html;
  return tokens.map((t, i) => (inserts.has(i) ? withBreaks(t.raw, inserts.get(i)!) : t.raw)).join('');
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function selfClosing(raw: string): boolean {
  return /\/\s*>$/.test(raw);
}

/** A start tag's class attribute, as written. */
function classOf(raw: string): string {
  const m = /\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(raw);
  return m ? (m[1] ?? m[2] ?? m[3]) : '';
}

/** Finds the run's word boundaries in its text as a whole and notes where each goes in the source. */
function breakRun(run: Piece[], inserts: Map<number, number[]>): void {
  const text = run.map((p) => p.text).join('');
  if (!HAN.test(text)) return;
  const breaks = [...phraseBreaks(text)].sort((a, b) => a - b);
  let k = 0;
  let start = 0;
  for (const p of run) {
    const end = start + p.text.length;
    // A boundary where a piece starts goes before that piece's text (after the tag before it).
    while (k < breaks.length && breaks[k] < end) {
      if (breaks[k] >= start) {
        const list = inserts.get(p.token);
        if (list) list.push(p.at[breaks[k] - start]);
        else inserts.set(p.token, [p.at[breaks[k] - start]]);
      }
      k++;
    }
    start = end;
  }
}

function withBreaks(raw: string, offsets: number[]): string {
  let out = '';
  let from = 0;
  for (const at of offsets) {
    out += raw.slice(from, at) + '<wbr>';
    from = at;
  }
  return out + raw.slice(from);
}

const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|([a-z][a-z0-9]*));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** A text token's decoded text, with the raw offset of each decoded unit (entities count as one character). */
function piece(raw: string, token: number): Piece {
  let text = '';
  const at: number[] = [];
  let from = 0;
  const copy = (to: number) => {
    for (let j = from; j < to; j++) at.push(j);
    text += raw.slice(from, to);
  };
  for (const m of raw.matchAll(ENTITY)) {
    copy(m.index);
    const ch = m[1] ? codePoint(parseInt(m[1], 16)) : m[2] ? codePoint(Number(m[2])) : (NAMED[m[3]] ?? decodeEntities(m[0]));
    for (let j = 0; j < ch.length; j++) at.push(m.index);
    text += ch;
    from = m.index + m[0].length;
  }
  copy(raw.length);
  at.push(raw.length);
  return { token, text, at };
}

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}
