/**
 * The plain-text ingester: a `.txt` article, transcript or set of notes, in Chinese or
 * English, to the document model. Structure is inferred from the shape of the lines; speaker
 * turns are left to {@link inferTurns}, which runs on this result and on Markdown alike.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { DocumentMeta, ParagraphBlock, Section, SourceDocument } from '../model/document.js';
import { detectLang } from '../text/lang.js';
import { escapePlainText, withoutPlainEmphasis } from './markdown-escape.js';
import { stripFurniture, type LabelledMeta } from './plain-meta.js';
import { buildParagraphs, displayWidth, type RawParagraph } from './plain-paragraphs.js';
import { headingShape, styleRank, type HeadingStyle } from './plain-headings.js';
import { ingestIndentOutline } from './outline-indent.js';

/** Options for {@link ingestPlainText}. */
export interface PlainTextOptions {
  /** The document title (`--title`); overrides every inferred title. */
  title?: string;
}

interface Outline {
  intro: RawParagraph[];
  sections: Section[];
}

const MAX_TITLE_WIDTH = 60;

/**
 * Reads decoded plain text (`\n` line endings) into a {@link SourceDocument}.
 *
 * - Page furniture is dropped (publish-time and click-counter lines, empty labels, lone
 *   characters); the first publish date becomes `meta.date`.
 * - A labelled background or summary line near the top (`访谈背景:`, `摘要:`, `Summary:` …)
 *   becomes `meta.subtitle`; `作者:`/`Author:` becomes `meta.author`.
 * - Headings are recognised by shape (see `headingShape`); numbered headings of a more minor
 *   style than the document's first heading (`(一)` under plain headings, `1.` under `一、`)
 *   become level-3 subsections of the section before them.
 * - Paragraphs before the first heading go to `intro`. Without any heading the whole text is
 *   one section, titled with the document title.
 * - Title, first match wins: `options.title`; a `标题:`/`Title:` line; a short standalone
 *   first line (before the intro); the background/summary line when it is short enough to
 *   be a title (it then stays the subtitle too, so renderers should not repeat an identical
 *   subtitle); the first heading; the first sentence of the text; the file name.
 *
 * Every block and section carries its 1-based source line. Never throws on any string.
 */
export function ingestPlainText(text: string, file: string, options: PlainTextOptions = {}): SourceDocument {
  const normalized = text.replace(/^\uFEFF/u, '').replace(/\r\n?/g, '\n');
  const furniture = stripFurniture(normalized);
  // Notes outlined by indentation have their own reader: their structure is in the indents.
  const outlined = ingestIndentOutline(normalized, furniture, file, options.title);
  if (outlined) return outlined;
  const { lines, meta: labelled, headerEnd } = furniture;
  const paragraphs = buildParagraphs(lines);
  const headings = markHeadings(paragraphs);
  const outline = buildOutline(paragraphs, headings);
  const lang = detectLang(paragraphs.map((p) => p.text).join('\n'));
  const explicitTitle = options.title ?? labelled.title;
  const leadTitle = takeLeadTitle(outline, explicitTitle) ?? takeTitleSection(outline, explicitTitle, headerEnd);
  const title = chooseTitle(options.title, labelled, leadTitle, outline, paragraphs, file);
  const diagnostics: Diagnostic[] = [];
  if (outline.sections.length === 0 && outline.intro.length > 0) {
    outline.sections.push(singleSection(title, outline.intro));
    outline.intro = [];
    diagnostics.push({
      severity: 'info',
      message: 'no heading lines found; the whole text is one section',
      pos: { file, line: outline.sections[0]!.line },
    });
  }
  const meta: DocumentMeta = {
    title,
    lang,
    ...(labelled.subtitle ? { subtitle: labelled.subtitle } : {}),
    ...(labelled.author ? { author: labelled.author } : {}),
    ...(labelled.date ? { date: labelled.date } : {}),
    ...(labelled.keywords?.length ? { keywords: labelled.keywords } : {}),
  };
  return {
    file,
    meta,
    intro: outline.intro.map((p) => p.text),
    titleNotes: [],
    sections: outline.sections,
    diagnostics,
  };
}

/**
 * Decides which single-line paragraphs are headings. Shape alone is not enough: a heading
 * introduces content, so the last paragraph is never one; consecutive numbered lines of one
 * style are a list, not headings; of consecutive unnumbered candidates only the last is a
 * heading (the ones before are a title or stray short lines).
 */
function markHeadings(paragraphs: readonly RawParagraph[]): (HeadingStyle | undefined)[] {
  const shapes = paragraphs.map((p) => (p.lineCount === 1 ? headingShape(p.text) : undefined));
  const marks = [...shapes];
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i];
    if (!s) continue;
    const next = shapes[i + 1];
    const prev = shapes[i - 1];
    const unnumbered = (x: HeadingStyle | undefined) => x === 'plain' || x === 'caps';
    if (i === shapes.length - 1) marks[i] = undefined;
    else if (unnumbered(s) && unnumbered(next)) marks[i] = undefined;
    else if (!unnumbered(s) && (next === s || prev === s)) marks[i] = undefined;
  }
  return marks;
}

function paragraphBlock(p: RawParagraph): ParagraphBlock {
  return { kind: 'paragraph', markdown: escapePlainText(p.text), text: withoutPlainEmphasis(p.text), line: p.line };
}

function newSection(title: string, level: 2 | 3, line: number): Section {
  return { title, level, line, blocks: [], notes: [], subsections: [] };
}

function buildOutline(paragraphs: readonly RawParagraph[], marks: readonly (HeadingStyle | undefined)[]): Outline {
  const intro: RawParagraph[] = [];
  const sections: Section[] = [];
  let topRank: number | undefined;
  let section: Section | undefined;
  let target: Section | undefined;
  paragraphs.forEach((p, i) => {
    const style = marks[i];
    if (!style) {
      if (target) target.blocks.push(paragraphBlock(p));
      else intro.push(p);
      return;
    }
    topRank ??= styleRank(style);
    if (section && styleRank(style) > topRank) {
      target = newSection(p.text, 3, p.line);
      section.subsections.push(target);
    } else {
      section = target = newSection(p.text, 2, p.line);
      sections.push(section);
    }
  });
  return { intro, sections };
}

/** A short standalone first line before the intro is the document's own title line. */
function takeLeadTitle(outline: Outline, explicit: string | undefined): string | undefined {
  const first = outline.intro[0];
  if (explicit || !first || first.lineCount !== 1 || !headingShape(first.text)) return undefined;
  // A lone line is the text itself, not a title over it.
  if (outline.intro.length === 1 && outline.sections.length === 0) return undefined;
  outline.intro.shift();
  return first.text;
}

/**
 * A heading above the page's metadata lines (title, then `摘要:`/date lines, then text) is
 * the document's title, not a section: its paragraphs become the intro.
 */
function takeTitleSection(outline: Outline, explicit: string | undefined, headerEnd: number): string | undefined {
  const first = outline.sections[0];
  if (explicit || outline.intro.length > 0 || !first || first.line > headerEnd) return undefined;
  if (first.blocks.some((b) => b.kind !== 'paragraph')) return undefined;
  // The one heading above the metadata, its numbered parts (一、二、) below it: it is the title, they are the sections.
  const parent = outline.sections.length === 1 && first.subsections.length >= 2;
  if (!parent && (outline.sections.length < 2 || first.subsections.length > 0)) return undefined;
  outline.sections.shift();
  if (parent) outline.sections.push(...first.subsections.map((sub) => ({ ...sub, level: 2 as const })));
  outline.intro = first.blocks.map((b) => ({ text: b.kind === 'paragraph' ? b.text : '', line: b.line, lineCount: 1 }));
  return first.title;
}

function chooseTitle(
  explicit: string | undefined,
  labelled: LabelledMeta,
  leadTitle: string | undefined,
  outline: Outline,
  paragraphs: readonly RawParagraph[],
  file: string,
): string {
  const fromSummary =
    labelled.subtitle && displayWidth(labelled.subtitle) <= MAX_TITLE_WIDTH ? labelled.subtitle : undefined;
  const candidates = [explicit, labelled.title, leadTitle, fromSummary, outline.sections[0]?.title];
  for (const c of candidates) if (c?.trim()) return c.trim();
  const first = paragraphs[0]?.text;
  if (first) return firstSentence(first);
  const base = file.replace(/^.*[\\/]/u, '').replace(/\.[^.]*$/u, '');
  return base || 'Untitled';
}

function firstSentence(paragraph: string): string {
  // A transcript's first line starts with a speaker label, which is no part of a title.
  const text = paragraph.replace(/^[^\s:：]{1,20}(?: [^\s:：]+){0,2}[:：]\s*(?=\S)/u, '');
  const end = text.search(/[。！？!?]|\.(?=\s|$)/u);
  const sentence = end > 0 ? text.slice(0, end) : text;
  const chars = [...sentence];
  if (chars.length <= 40) return sentence;
  const cut = chars.slice(0, 40).join('');
  // Cut English at a word boundary; Chinese has none to respect.
  const space = cut.lastIndexOf(' ');
  return `${space > 20 ? cut.slice(0, space) : cut}…`;
}

function singleSection(title: string, paragraphs: readonly RawParagraph[]): Section {
  const section = newSection(title, 2, paragraphs[0]!.line);
  section.blocks = paragraphs.map(paragraphBlock);
  return section;
}
