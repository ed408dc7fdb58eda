import { Lexer, type Token, type Tokens } from 'marked';
import type { AuthoredDeck, AuthoredSlide } from '../model/deck.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Lang } from '../model/document.js';
import type { SlidePlan } from '../model/plan.js';
import { SAFETY, SHRINK, geometry, headingHeight, lineHeight, textHeight, wrapLines, type TextStyle } from '../text/layout.js';
import { cells, plain, tableRowHeights } from './content.js';
import { splitAuthoredCode } from './deck-code.js';

/** Authored layouts → Lectern's templates. */
const TEMPLATES = { title: 'title', divider: 'section', 'two-column': 'two-column', 'image-beside': 'image-beside', quote: 'quote', content: 'content' } as const;

/** Body type scales for authored slides that would overflow (slide variant `shrink-n`, class `lt-v-shrink-n`). */
export { SHRINK };

/**
 * Maps an authored deck's slides onto templates, one slide each, in the author's order: no
 * agenda, no dividers, no closing slide. With autofit, a slide whose body would overflow takes
 * the largest smaller type scale at which it fits (`shrink-n`); one that fits at none goes on
 * over "(cont.)" slides when it is code that makes it too tall (deck-code.ts), else it gets the
 * smallest scale and a warning, so `lectern check` can say where. Nothing is cut.
 */
export function planAuthored(deck: AuthoredDeck, lang: Lang, autofit: boolean, file: string, diagnostics: Diagnostic[]): SlidePlan[] {
  return deck.slides.flatMap((s): SlidePlan[] => {
    const slide: SlidePlan = {
      template: TEMPLATES[s.layout],
      // No section footer: an authored slide shows only what its author wrote.
      section: null,
      ...(s.title ? { title: s.title } : {}),
      ...(s.subtitle ? { subtitle: s.subtitle } : {}),
      ...(s.quote ? { quote: { text: s.quote.text, by: s.quote.by ?? '' } } : {}),
      ...(s.body ? { body: s.body } : {}),
      ...(s.columns ? { columns: s.columns } : {}),
      ...(s.imageSide ? { imageSide: s.imageSide } : {}),
      ...(s.vertical ? { vertical: true } : {}),
      ...(s.layout === 'divider' ? { level: 2 as const } : {}),
      notes: s.notes.length ? s.notes.join('\n\n') : s.text,
      seconds: 0,
      line: s.line,
    };
    // A few short lines and nothing else: said large, in the middle of the slide.
    if (s.layout === 'content' && !s.title && !s.columns && isStatement(s.body, lang)) return [{ ...slide, variant: 'statement' }];
    if (!autofit || (s.layout !== 'content' && s.layout !== 'two-column' && s.layout !== 'image-beside')) return [slide];
    const step = shrinkStep(s, lang);
    if (step >= 0) return [step > 0 ? { ...slide, variant: `shrink-${step}` } : slide];
    // Code too long even at the smallest type goes on over "(cont.)" slides (deck-code.ts).
    const split = splitAuthoredCode(slide, s, lang, { scales: SHRINK, height: (md, width) => markdownHeight(md, width, lang) });
    if (!split?.fit) diagnostics.push({ severity: 'warning', message: `slide "${s.title ?? s.text.split('\n')[0].slice(0, 40)}" may not fit even at ${Math.round(SHRINK[SHRINK.length - 1] * 100)}% type; run lectern check to see`, pos: { file, line: s.line } });
    return split?.slides ?? [{ ...slide, variant: `shrink-${SHRINK.length - 1}` }];
  });
}

/** Most lines and characters (Chinese) or words (English) of a {@link isStatement} slide. */
const STATEMENT = { lines: 3, zh: 40, en: 16 } as const;

/**
 * True when an authored slide with no heading says only a few short lines: no list, table,
 * code, picture or media, at most {@link STATEMENT} lines and words. Such a slide (a Slidev
 * `center` or `fact` slide whose styling was classes, a Marp aside) is set large and centred
 * (variant `statement`) instead of as small body text in the top corner of an empty slide.
 */
export function isStatement(body: string, lang: Lang): boolean {
  if (!body.trim() || /<(?:img|svg|pre|code|table|ul|ol|video|audio|iframe|object|embed|canvas|math|h[1-6])\b|!\[|\$\$?/i.test(body)) return false;
  const tokens = new Lexer({ gfm: true }).lex(body).filter((t) => t.type !== 'space');
  if (!tokens.every((t) => t.type === 'paragraph' || t.type === 'html')) return false;
  // Each block of HTML and each paragraph's line is a line of the statement.
  const lines = body
    .replace(/<\/?(?:div|p|br|section|span class="fragment")[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length || lines.length > STATEMENT.lines) return false;
  const text = lines.join(' ');
  const size = lang === 'zh' ? [...text.replace(/\s+/g, '')].length : text.split(/\s+/).length;
  return size <= STATEMENT[lang];
}

/** The first type scale at which the slide's body fits under its heading, or -1. */
function shrinkStep(s: AuthoredSlide, lang: Lang): number {
  const room = geometry.frame.height * SAFETY - (s.title ? headingHeight(s.title, lang) : 0);
  const width = s.columns ? (geometry.frame.width - COLUMN_GAP) / 2 : geometry.frame.width;
  const heights = (scale: number) => {
    const body = s.body ? markdownHeight(s.body, geometry.frame.width / scale, lang) : 0;
    const cols = s.columns ? Math.max(...s.columns.map((c) => markdownHeight(c, width / scale, lang))) : 0;
    return (body + cols + (s.body && s.columns ? geometry.body.gap : 0)) * scale;
  };
  return SHRINK.findIndex((scale) => heights(scale) <= room);
}

/** The gap between two columns, as templates/themes/base.css sets it. */
const COLUMN_GAP = 48;

/** Estimated height of rendered Markdown in a box `width` wide, at the body's type size. */
export function markdownHeight(md: string, width: number, lang: Lang): number {
  const lexed = new Lexer({ gfm: true }).lex(md).filter((t) => t.type !== 'space');
  // HTML blocks one after the other are one piece of HTML on the slide (an element opened in one
  // and closed in a later one, labels in one row): measured together. Pictures are measured alone.
  const merged: Token[] = [];
  for (const t of lexed) {
    const prev = merged.at(-1);
    if (t.type === 'html' && prev?.type === 'html' && !/<img\b/i.test(prev.raw + t.raw)) merged[merged.length - 1] = { ...prev, raw: `${prev.raw}\n${t.raw}` } as Token;
    else merged.push(t);
  }
  const blocks = merged.filter((t) => !(t.type === 'html' && !t.raw.replace(/<[^>]*>/g, '').trim()));
  const g = geometry.body;
  return blocks.reduce((n, b) => n + blockHeight(b, width, lang), 0) + g.gap * Math.max(0, blocks.length - 1);
}

function blockHeight(t: Token, width: number, lang: Lang): number {
  const g = geometry.body;
  const body: TextStyle = { size: g.size, lineHeight: lineHeight(lang, 'body'), lang };
  switch (t.type) {
    case 'heading':
      return textHeight(plain((t as Tokens.Heading).text), width, { ...body, bold: true, size: 36 });
    case 'list': {
      const items = (t as Tokens.List).items;
      return items.reduce((n, it) => n + markdownHeight(it.text, width - g.listIndent, lang), 0) + g.itemGap * Math.max(0, items.length - 1);
    }
    case 'code': {
      const c = geometry.code;
      const style: TextStyle = { size: c.size, lineHeight: c.lineHeight, mono: true, pre: true };
      return (t as Tokens.Code).text.split('\n').reduce((n, l) => n + wrapLines(l || ' ', width - c.padX, style) * c.size * c.lineHeight, 0) + c.padY;
    }
    case 'table': {
      const rows = t.raw.split('\n').filter((r) => r.trim());
      return tableRowHeights([cells(rows[0]), ...rows.slice(2).map(cells)], lang, width).reduce((a, b) => a + b, 0);
    }
    case 'paragraph':
      if (/^!\[[^\]]*\]\([^)]*\)\s*$/.test(t.raw.trim())) return geometry.image.height;
      return textHeight(plain(t.raw.trim()), width, body);
    case 'blockquote':
      return markdownHeight((t as Tokens.Blockquote).text, width - 34, lang) + 8;
    case 'html':
      return /<img\b/i.test(t.raw) ? geometry.image.height : htmlHeight(t.raw, width, lang);
    default:
      return textHeight(plain(t.raw), width, body);
  }
}

/** Elements that start a line of their own (and end it). */
const BLOCKS = new Set('address article aside blockquote br center dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tr ul'.split(' '));
const VOIDS = new Set(['br', 'hr', 'img', 'wbr', 'col']);
const BREAK = '\n';
/** Marks a line of a `<pre>`: set as code. */
const PRE = '\u0001';

/**
 * Height of a block of raw HTML as the theme sets it: each block element (a `<div>`, `<p>`,
 * `<li>`…) on lines of its own, a `<pre>` line by line, the top-level elements 18px apart
 * (`.lt-body > *`), and labels the author had positioned (`.lt-placed`, ingest/decks/html.ts)
 * side by side in rows, each unbroken with a 0.8em gap after it.
 */
export function htmlHeight(raw: string, width: number, lang: Lang): number {
  const body: TextStyle = { size: geometry.body.size, lineHeight: lineHeight(lang, 'body'), lang };
  const tops: string[] = [];
  let cur = '';
  // Open elements: their names, and whether each is a label (or inside one).
  const open: { name: string; placed: boolean }[] = [];
  let row = false; // the top-level run being read is a row of labels
  const flush = () => {
    if (cur.trim()) tops.push(cur);
    cur = '';
  };
  for (const m of raw.matchAll(/<(\/?)([A-Za-z][\w-]*)([^>]*?)(\/?)>|([^<]+)/g)) {
    const inLabel = open.at(-1)?.placed ?? false;
    if (m[5] !== undefined) {
      // Line breaks in the source are spaces, but in a <pre>; a label is never broken.
      const text = open.some((o) => o.name === 'pre') ? m[5].replace(/\n/g, BREAK + PRE) : m[5].replace(/\s+/g, ' ');
      cur += inLabel ? text.replace(/ /g, '\u00a0') : text;
      continue;
    }
    const name = m[2].toLowerCase();
    if (m[1]) {
      const at = open.map((o) => o.name).lastIndexOf(name);
      if (at < 0) continue;
      const [closed] = open.splice(at);
      const parentLabel = open.at(-1)?.placed ?? false;
      if (closed.placed && !parentLabel) cur += '\u00a0\u00a0\u00a0 ';
      else if (BLOCKS.has(name) && !parentLabel) cur += BREAK;
      if (!open.length && !row) flush();
      continue;
    }
    const placed = inLabel || /\blt-placed\b/.test(m[3]);
    if (!open.length) {
      if (!placed || !row) flush();
      row = placed;
    }
    if (placed && !inLabel) cur += ' ';
    else if (BLOCKS.has(name) && !inLabel) cur += BREAK;
    if (!VOIDS.has(name) && !m[4]) open.push({ name, placed });
  }
  flush();
  const c = geometry.code;
  const code: TextStyle = { size: c.size, lineHeight: c.lineHeight, mono: true, pre: true };
  const lineHeightOf = (line: string) => (line.startsWith(PRE) ? (line.slice(1).trim() ? textHeight(line.slice(1), width - c.padX, code) : 0) : textHeight(line.trim(), width, body));
  const heights = tops.map((t) => t.split(BREAK).reduce((h, line) => h + lineHeightOf(line), 0) + (t.includes(PRE) ? c.padY : 0)).filter((h) => h > 0);
  return heights.reduce((a, b) => a + b, 0) + geometry.body.gap * Math.max(0, heights.length - 1);
}
