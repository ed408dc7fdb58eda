import { Lexer, type Token } from 'marked';
import type { AuthoredLayout, AuthoredSlide } from '../../model/deck.js';
import { plainText } from '../plain.js';
import type { DeckContext, Protected } from './context.js';
import { cleanHtml } from './html.js';
import { openingFence } from './split.js';

/** What a dialect reader found in one slide, before the common finishing. */
export interface SlideParts {
  /** The slide's body, protected (code out of reach), dialect syntax already rewritten. */
  body: string;
  /** How the dialect's restore brings code back. */
  restore: Protected['restore'];
  /** Source line of the body's first line. */
  line: number;
  notes: string[];
  /** The layout the author asked for, if any. */
  layout?: AuthoredLayout;
  /** Two columns' bodies (protected), for `two-column`; `body` is then what goes above them. */
  columns?: [string, string];
  /** For `image-beside`: the image's Markdown, and its side; the body goes beside it. */
  image?: string;
  imageSide?: 'left' | 'right';
  vertical?: boolean;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/**
 * Finishes a slide the same way for every dialect: its raw HTML cleaned, its leading heading
 * taken as the title, its layout settled from what the author asked for and what the slide
 * holds (a title layout whose body is more than a subtitle stays content, so nothing is lost),
 * and its plain text measured.
 */
export function finishSlide(p: SlideParts, index: number, ctx: DeckContext): AuthoredSlide {
  const clean = (s: string) => p.restore(cleanHtml(s, p.line, ctx));
  let body = clean(p.body);
  let columns = p.columns ? ([clean(p.columns[0]), clean(p.columns[1])] as [string, string]) : undefined;
  let head = leadingHeading(body);
  let title: string | undefined;
  if (head) {
    title = inlineText(head.text);
    body = head.rest;
  } else if (!columns && (head = htmlHeading(body))) {
    // A slide laid out in HTML (Slidev's covers) that names itself in one `<h1>`–`<h3>`.
    title = head.text;
    body = head.rest;
  } else if (columns && !body.trim() && (head = leadingHeading(columns[0]))) {
    // Slidev's two-cols puts the heading in the left column; here it goes above both.
    title = inlineText(head.text);
    columns = [head.rest, columns[1]];
  }
  if (p.layout === 'image-beside' && p.image !== undefined) {
    columns = p.imageSide === 'left' ? [p.restore(p.image), body] : [body, p.restore(p.image)];
    body = '';
  }
  const blocks = new Lexer({ gfm: true }).lex(body).filter((t) => t.type !== 'space');
  const text = [title ?? '', plainText(blocks), ...(columns ?? []).map((c) => plainText(new Lexer({ gfm: true }).lex(c)))].join('\n').trim();
  const slide: AuthoredSlide = { layout: 'content', body: body.trim(), notes: p.notes.map((n) => n.trim()).filter(Boolean), text, line: p.line, ...(title ? { title } : {}), ...(p.vertical ? { vertical: true } : {}) };
  // A line of HTML counts too (a cover's date, its event), when its text is short; its pictures (an avatar, a logo) are decoration on a title.
  const short = (t: Token) =>
    ((t.type === 'paragraph' || t.type === 'heading') && plainText([t]).trim().length <= 160 && !/<img|!\[/.test(t.raw)) ||
    (t.type === 'html' && p.layout === 'title' && plainText([t]).trim().length <= 80);
  const onlyShort = blocks.length <= 3 && blocks.every(short);
  switch (p.layout) {
    case 'two-column':
    case 'image-beside':
      if (columns) return { ...slide, layout: p.layout, columns: [columns[0].trim(), columns[1].trim()], ...(p.imageSide ? { imageSide: p.imageSide } : {}) };
      return slide;
    case 'quote':
      return asQuote(slide, blocks) ?? slide;
    case 'title':
      if (onlyShort) return asTitle(slide, blocks);
      return slide;
    case 'divider':
      if (blocks.length === 0 && title) return { ...slide, layout: 'divider' };
      if (!title && blocks.length === 1 && short(blocks[0])) return { ...slide, layout: 'divider', title: plainText([blocks[0]]).trim(), body: '' };
      return slide;
    default:
      if (title && blocks.length === 0) return { ...slide, layout: index === 0 ? 'title' : 'divider' };
      if (index === 0 && title && head?.depth === 1 && onlyShort) return asTitle(slide, blocks);
      return slide;
  }
}

function asTitle(slide: AuthoredSlide, blocks: Token[]): AuthoredSlide {
  const lines = blocks.map((b) => plainText([b]).trim().replace(/\s*\n\s*/g, ' ')).filter(Boolean);
  if (!slide.title) {
    const [title, ...rest] = lines;
    return { ...slide, layout: 'title', title, body: '', ...(rest.length ? { subtitle: rest.join(' · ') } : {}) };
  }
  return { ...slide, layout: 'title', body: '', ...(lines.length ? { subtitle: lines.join(' · ') } : {}) };
}

/** A quote layout: a blockquote, heading or paragraph for the words, a following line for who said them. */
function asQuote(slide: AuthoredSlide, blocks: Token[]): AuthoredSlide | undefined {
  const parts = [...(slide.title ? [slide.title] : []), ...blocks.map((b) => plainText([b]).trim())].filter(Boolean);
  if (parts.length === 0 || parts.length > 2 || blocks.some((b) => !['paragraph', 'heading', 'blockquote'].includes(b.type))) return undefined;
  const text = parts[0].replace(/^["“「]|["”」]$/g, '');
  const by = parts[1]?.replace(/^[-—–\s]+/, '');
  return { ...slide, layout: 'quote', quote: { text, ...(by ? { by } : {}) }, body: '' };
}

/** The heading a slide body starts with (blank lines before it allowed), and the body after it. */
export function leadingHeading(body: string): { depth: number; text: string; rest: string } | undefined {
  const lines = body.split('\n');
  const i = lines.findIndex((l) => l.trim() !== '');
  if (i < 0) return undefined;
  const m = HEADING.exec(lines[i]);
  if (m && m[2].trim()) return { depth: m[1].length, text: m[2], rest: lines.slice(i + 1).join('\n') };
  // A setext heading: one line of text underlined with = or -.
  const under = lines[i + 1] ?? '';
  if (/^ {0,3}(=+|-+)[ \t]*$/.test(under) && !/^\s*([-*+]|\d+[.)])\s/.test(lines[i]) && !/^\s*[<|>]/.test(lines[i]) && !openingFence(lines[i])) {
    return { depth: under.trim()[0] === '=' ? 1 : 2, text: lines[i].trim(), rest: lines.slice(i + 2).join('\n') };
  }
  return undefined;
}

/** The one HTML heading (`<h1>`–`<h3>`) of a body with no Markdown heading: its text, and the body without it. Two or more name no one slide. */
function htmlHeading(body: string): { depth: number; text: string; rest: string } | undefined {
  const all = [...body.matchAll(/<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi)];
  if (all.length !== 1) return undefined;
  const [m] = all;
  const text = inlineText(m![2]!.replace(/<br\s*\/?>/gi, ' ').replace(/\s*\n\s*/g, ' '));
  if (!text) return undefined;
  return { depth: Number(m![1]), text, rest: body.slice(0, m!.index) + body.slice(m!.index! + m![0].length) };
}

/** Plain text of inline Markdown (a heading's text). */
export function inlineText(md: string): string {
  return plainText(Lexer.lexInline(md, { gfm: true })).replace(/<[^<>]+>/g, '').replace(/\s+/g, ' ').trim();
}
