import type { AuthoredDeck, AuthoredSlide, DeckDialect } from '../../model/deck.js';
import { FRAGMENT_ITEM } from '../../model/deck.js';
import type { DocumentMeta, SourceDocument } from '../../model/document.js';
import { LecternError } from '../../errors.js';
import { detectLang } from '../../text/lang.js';
import { splitFrontMatter } from '../front-matter.js';
import { metaFromFrontMatter } from '../meta.js';
import { chunkDefaults } from './chunks.js';
import { deckContext, type DeckContext } from './context.js';
import { isPlainDeck } from './detect.js';
import { readMarp } from './marp.js';
import { readPandoc } from './pandoc.js';
import { readRevealMd } from './reveal-md.js';
import { readSlidev } from './slidev.js';
import { deckTheme } from './themes.js';

export { detectDeck } from './detect.js';

/** The reader of each dialect: body after the front matter → slides. */
const readers: Record<DeckDialect, (body: string, offset: number, front: Record<string, unknown>, ctx: DeckContext, text: string) => AuthoredSlide[]> = {
  marp: readMarp,
  slidev: readSlidev,
  'reveal-md': readRevealMd,
  quarto: (body, offset, front, ctx) =>
    readPandoc(body, offset, { slideLevel: quartoOption(front, 'slide-level', 2), incremental: quartoOption(front, 'incremental', false), quarto: true, chunks: chunkDefaults(front), titleSlide: hasTitle(front) }, ctx),
  pandoc: (body, offset, front, ctx, text) => {
    const plain = isPlainDeck(text);
    return readPandoc(body, offset, { slideLevel: plain ? 0 : Number(front['slide-level']) || pandocSlideLevel(body), incremental: front.incremental === true, quarto: false, titleSlide: !plain && hasTitle(front) }, ctx);
  },
};

/**
 * Reads an authored deck in `dialect` into a document whose `deck` holds its slides as written.
 * Metadata comes from the front matter; another tool's theme name maps to the nearest built-in
 * theme with a warning. A deck without a single slide is an error naming the file.
 */
export function ingestDeck(text: string, file: string, dialect: DeckDialect): SourceDocument {
  const { data, body, lineOffset } = splitFrontMatter(text, file);
  const ctx = deckContext(file);
  const slides = readers[dialect](body, lineOffset, data, ctx, text);
  // Pandoc's and Quarto's reveal.js writers open the deck with a title slide made from the metadata.
  if ((dialect === 'quarto' || (dialect === 'pandoc' && !isPlainDeck(text))) && hasTitle(data) && slides.length) {
    slides.unshift(metadataTitle(data, lineOffset));
  }
  const meta: Partial<DocumentMeta> = { ...metaFromFrontMatter(data) };
  const theme = deckTheme(data.theme ?? quartoOption(data, 'theme', undefined) ?? (data.colorSchema === 'dark' ? 'dark' : undefined), ctx, 1);
  if (theme) meta.theme = theme;
  else delete meta.theme;
  meta.author ??= authorOf(data.author);
  const first = slides[0];
  const title = meta.title ?? first?.title ?? 'Untitled talk';
  const lang = meta.lang ?? detectLang([title, ...slides.map((s) => s.text)].join('\n'));
  if (slides.length === 0) throw new LecternError('CONTENT', `${file}:${lineOffset + 1}: the ${dialect} deck has no slides; write some content between its separators`, { file });
  const deck: AuthoredDeck = { dialect, slides };
  return { file, meta: { ...meta, title, lang }, intro: [], titleNotes: [], sections: [], deck, diagnostics: ctx.diagnostics };
}

function hasTitle(front: Record<string, unknown>): boolean {
  return typeof front.title === 'string' && front.title.trim() !== '';
}

/** The title slide Pandoc makes from `title`, `subtitle`, `author` and `date`. */
function metadataTitle(data: Record<string, unknown>, lineOffset: number): AuthoredSlide {
  const title = String(data.title).trim();
  const subtitle = [data.subtitle, authorOf(data.author), data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date].filter((x) => typeof x === 'string' && x.trim()).join(' · ');
  return { layout: 'title', title, ...(subtitle ? { subtitle } : {}), body: '', notes: [], text: [title, subtitle].join('\n').trim(), line: Math.max(1, lineOffset > 0 ? 2 : 1) };
}

/** A Quarto reveal.js option: under `format.revealjs` (or a custom `*-revealjs` format), else at the top. */
function quartoOption<T>(front: Record<string, unknown>, key: string, fallback: T): T {
  const format = front.format;
  if (format && typeof format === 'object') {
    for (const [name, options] of Object.entries(format)) {
      if (/revealjs/.test(name) && options && typeof options === 'object' && key in options) return (options as Record<string, T>)[key];
    }
  }
  return key in front ? (front[key] as T) : fallback;
}

/** A Quarto or Pandoc author list (`- name: …` or plain strings) as one line. */
function authorOf(v: unknown): string | undefined {
  const names = (Array.isArray(v) ? v : [v]).map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string' ? (a as { name: string }).name : '')).filter(Boolean);
  return names.length ? names.join(', ') : undefined;
}

/** Pandoc's default slide level: the highest heading level followed directly by content rather than another heading. */
function pandocSlideLevel(body: string): number {
  const lines = body.split('\n');
  let level = 6;
  lines.forEach((l, i) => {
    const h = /^(#{1,6})\s/.exec(l);
    if (!h) return;
    const next = lines.slice(i + 1).find((x) => x.trim());
    if (next && !/^#{1,6}\s/.test(next) && !/^ {0,3}([-*_])( *\1){2,} *$/.test(next)) level = Math.min(level, h[1].length);
  });
  return level;
}

/**
 * An authored deck's text as prose Markdown (`--replan`): each slide's title a `##` section, its
 * body and columns in order without fragments, its notes as note comments. Blank lines keep each
 * slide at or after its source line, so positions in messages still point near the source.
 */
export function deckAsProse(deck: AuthoredDeck, title: string): string {
  const out: string[] = [`# ${title}`, ''];
  for (const s of deck.slides) {
    while (out.length < s.line - 1) out.push('');
    const parts = [s.title ? `## ${s.title}` : '', s.subtitle ?? '', s.quote ? `> ${s.quote.text}\n\n— ${s.quote.by ?? ''}` : '', s.body, ...(s.columns ?? [])];
    const text = parts
      .filter((x) => x.trim())
      .join('\n\n')
      .split(FRAGMENT_ITEM)
      .join('')
      .replace(/<\/?(div|span)( class="fragment")?>/g, '');
    out.push(text, '', ...s.notes.map((n) => `<!--\n${n.replace(/--/g, '—')}\n-->\n`));
  }
  return out.join('\n');
}
