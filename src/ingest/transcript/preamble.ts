/**
 * The top of a Markdown file, before its first section, read the way plain text is: a page
 * scraped into Markdown keeps its furniture there (`发布时间:`, `点击次数:`, `Summary:`),
 * and a transcript written without headings keeps everything there.
 */
import type { DocumentMeta, ParagraphBlock, Section } from '../../model/document.js';
import { buildParagraphs } from '../plain-paragraphs.js';
import { stripFurniture } from '../plain-meta.js';

/** The parts of a Markdown reading that the preamble pass may change. */
export interface PreambleTarget {
  meta: Partial<DocumentMeta>;
  intro: string[];
  /** The intro as paragraph blocks with their lines, parallel to `intro`. */
  introBlocks: ParagraphBlock[];
  sections: Section[];
}

/** Paragraphs before any heading that make a body rather than an introduction. */
const MIN_BODY_PARAGRAPHS = 3;
const MAX_TITLE_CHARS = 60;

/**
 * Tidies what comes before the first section. With no section at all, the paragraphs are the
 * body: they become one untitled section (the turns pass may split it into topics). With
 * page furniture among them, the furniture goes, its dates and labelled lines become
 * metadata, and the title falls back to a short labelled background line, as in plain text.
 * `body` is the Markdown after front matter; its first line is source line `lineOffset + 1`.
 */
export function tidyPreamble(t: PreambleTarget, body: string, lineOffset: number): void {
  if (t.sections.length === 0) {
    if (t.introBlocks.length >= MIN_BODY_PARAGRAPHS) {
      t.sections.push({ title: '', level: 2, line: t.introBlocks[0]!.line, blocks: [...t.introBlocks], notes: [], subsections: [] });
      t.intro.splice(0);
      t.introBlocks.splice(0);
    }
    return;
  }
  if (t.intro.length === 0) return;
  const end = t.sections[0]!.line - lineOffset - 1;
  const raw = body.split('\n').slice(0, Math.max(0, end));
  // The `#` title line is the Markdown reader's; the furniture pass sees only the text under it.
  const text = raw.map((l) => (/^\s{0,3}#/u.test(l) ? '' : l)).join('\n');
  const { lines, meta } = stripFurniture(text);
  const removed = lines.filter((l, i) => raw[i]?.trim() && !l.text).length;
  if (removed === 0 && Object.keys(meta).length === 0) return;
  t.intro.splice(0, t.intro.length, ...buildParagraphs(lines.map((l) => ({ text: l.text, line: l.line + lineOffset }))).map((p) => p.text));
  t.introBlocks.splice(0);
  t.meta.date ??= meta.date;
  t.meta.author ??= meta.author;
  t.meta.subtitle ??= meta.subtitle;
  if (meta.keywords && !t.meta.keywords) t.meta.keywords = meta.keywords;
  const short = meta.subtitle && [...meta.subtitle].length <= MAX_TITLE_CHARS ? meta.subtitle : undefined;
  t.meta.title ??= meta.title ?? short;
  for (const k of Object.keys(t.meta) as (keyof DocumentMeta)[]) if (t.meta[k] === undefined) delete t.meta[k];
}
