import { Marked, type Token, type Tokens } from 'marked';
import type { Block, DocumentMeta, ParagraphBlock, Section, SourceDocument } from '../model/document.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { detectLang } from '../text/lang.js';
import { mathExtension } from './math-syntax.js';
import { stripResidue, type Removed } from './residue.js';
import { splitFrontMatter } from './front-matter.js';
import { metaFromFrontMatter } from './meta.js';
import { plainText } from './plain.js';
import { frontMatterPeople } from './transcript/people.js';
import { tidyPreamble } from './transcript/preamble.js';

const ATTRIBUTION = /^\s*(?:—|―|–|--)\s*(.+?)\s*$/;
const NOTE = /^note:\s*/i;
const COMMENT = /^<!--([\s\S]*?)-->\s*$/;
const SLIDES_DIRECTIVE = /^\s*slides\s*[:=]\s*(.+?)\s*$/i;
const HEADING_DIRECTIVE = /\s*\{\s*slides\s*[:=]\s*([^}]*)\}\s*$/i;

/** Markdown with TeX kept whole (math-syntax.ts): `$x_1$` holds no emphasis, a `$$` block is a block. */
const lexer = new Marked({ gfm: true }).use(mathExtension());

/** Mutable state while walking the token stream. */
interface Walk {
  file: string;
  meta: Partial<DocumentMeta>;
  intro: string[];
  /** The intro as blocks with lines, in case it is the whole body (no headings). */
  introBlocks: ParagraphBlock[];
  titleNotes: string[];
  sections: Section[];
  current?: Section;
  /** The `#` title line has been read. */
  titleSeen?: boolean;
  /** How many `#` headings the document has. */
  topHeadings?: number;
  /** Inside a `Note:` run: everything up to the next heading is notes. */
  inNotes: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Ingests Markdown: YAML front matter, `#` deck title, `##` themed sections, `###`
 * subsections, and blocks with source lines. Speaker-labelled paragraphs stay paragraphs;
 * the turns pass turns them into exchanges.
 */
export function ingestMarkdown(source: string, file: string): SourceDocument {
  const { data, body, lineOffset, warning } = splitFrontMatter(source, file);
  const w: Walk = { file, meta: metaFromFrontMatter(data, { file, source }), intro: [], introBlocks: [], titleNotes: [], sections: [], inNotes: false, diagnostics: [] };
  if (warning) w.diagnostics.push({ severity: 'warning', message: warning.message, pos: { file, line: warning.line } });
  mapFrontMatter(w.meta, data);
  const removed: Removed = {};
  const tokens = lexer.lexer(stripResidue(body, removed));
  const snippets = removed.snippets ?? [];
  if (snippets.length) {
    const at = snippets.map((l) => lineOffset + l + 1);
    const where = at.length === 1 ? `line ${at[0]}` : `lines ${at.slice(0, 6).join(', ')}${at.length > 6 ? ` and ${at.length - 6} more` : ''}`;
    w.diagnostics.push({
      severity: 'warning',
      message: `${at.length === 1 ? 'a listing is a snippet include' : `${at.length} listings are snippet includes`} (--8<--, ${where}) whose code is in other files; left out of the deck: paste the code in to show it`,
      pos: { file, line: at[0]! },
    });
  }
  w.topHeadings = tokens.filter((t) => t.type === 'heading' && (t as Tokens.Heading).depth === 1).length;
  let line = lineOffset + 1;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const tokLine = line + leadingNewlines(tok.raw);
    line += countNewlines(tok.raw);
    if (tok.type === 'blockquote') {
      const next = nextContent(tokens, i);
      const attribution = next && next.tok.type === 'paragraph' ? ATTRIBUTION.exec((next.tok as Tokens.Paragraph).text) : null;
      if (attribution && !w.inNotes) {
        for (let j = i + 1; j <= next!.index; j++) line += countNewlines(tokens[j].raw);
        i = next!.index;
        addBlock(w, { kind: 'quote', text: plainText((tok as Tokens.Blockquote).tokens).trim(), by: attribution[1], line: tokLine });
        continue;
      }
    }
    handleToken(w, tok, tokLine);
  }
  const speakers = frontMatterPeople(data);
  if (speakers) w.meta.speakers = speakers;
  tidyPreamble(w, body, lineOffset);
  takeSubtitle(w);
  const title = w.meta.title ?? w.sections[0]?.title ?? 'Untitled talk';
  const allText = [title, ...w.intro, ...w.sections.flatMap(sectionText)].join('\n');
  const meta: DocumentMeta = { ...w.meta, title, lang: w.meta.lang ?? detectLang(allText) };
  return { file, meta, intro: w.intro, titleNotes: w.titleNotes, sections: w.sections, diagnostics: w.diagnostics };
}

function handleToken(w: Walk, tok: Token, line: number): void {
  switch (tok.type) {
    case 'space':
    case 'hr':
    case 'def':
      return;
    case 'heading':
      return heading(w, tok as Tokens.Heading, line);
    case 'html':
      return html(w, tok as Tokens.HTML, line);
    case 'paragraph':
      return paragraph(w, tok as Tokens.Paragraph, line);
    case 'list': {
      const l = tok as Tokens.List;
      if (w.inNotes) return note(w, plainText([tok]));
      // The document's own table of contents: the agenda replaces it.
      if (isTableOfContents(l)) return;
      const start = l.ordered && typeof l.start === 'number' && l.start !== 1 ? { start: l.start } : {};
      return addBlock(w, { kind: 'list', ordered: l.ordered, items: l.items.map((it) => it.text.trim()), ...start, line });
    }
    case 'code':
      if (w.inNotes) return note(w, plainText([tok]));
      return addBlock(w, { kind: 'code', markdown: fenced(tok as Tokens.Code), text: plainText([tok]), line });
    case 'blockquote':
    case 'table':
      if (w.inNotes) return note(w, plainText([tok]));
      if (tok.type === 'table') warnExtraCells(w, tok as Tokens.Table, line);
      return addBlock(w, { kind: tok.type, markdown: tok.raw.trim(), text: plainText([tok]), line });
    default:
      if (w.inNotes) return note(w, plainText([tok]));
      return addBlock(w, { kind: 'html', markdown: tok.raw.trim(), text: plainText([tok]), line });
  }
}

/**
 * GFM drops the cells of a row past its header's count, without a word: most often a `|` meant
 * as text (inside a code span too, GFM splits at it) cut the row. One warning per table, at the
 * first such row, saying how to keep the text.
 */
function warnExtraCells(w: Walk, table: Tokens.Table, line: number): void {
  const lines = table.raw.replace(/\n+$/, '').split('\n');
  const cells = (row: string) => row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).length;
  const over = lines.findIndex((row, k) => k >= 2 && row.trim() !== '' && cells(row) > table.header.length);
  if (over < 0) return;
  w.diagnostics.push({
    severity: 'warning',
    message: `table row has ${cells(lines[over]!)} cells but its header has ${table.header.length}; the cells past it are not shown (write a | that belongs to the text as \\|, also inside \`code\`)`,
    pos: { file: w.file, line: line + over },
  });
}

/**
 * A code block as a backtick fence with its info string: an indented block (4 spaces) would
 * lose its indent when trimmed and read as a paragraph, and the planner splits code by its
 * fence lines. The fence is longer than any backtick run inside.
 */
function fenced(c: Tokens.Code): string {
  const longest = Math.max(2, ...[...c.text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${c.lang ?? ''}\n${c.text.replace(/\n+$/, '')}\n${fence}`;
}

function heading(w: Walk, h: Tokens.Heading, line: number): void {
  w.inNotes = false;
  let text = plainText(h.tokens).trim();
  let slides: string[] | undefined;
  const directive = HEADING_DIRECTIVE.exec(text);
  if (directive) {
    slides = splitList(directive[1]);
    text = text.slice(0, directive.index).trim();
  }
  // The first `#` before any section is the deck title line; front matter's title wins over it.
  // With a front matter title and several `#` headings, every `#` is a section.
  if (h.depth === 1 && !w.titleSeen && w.sections.length === 0 && !(w.meta.title && (w.topHeadings ?? 0) > 1)) {
    w.titleSeen = true;
    w.meta.title ??= text;
    return;
  }
  if (h.depth >= 4) {
    addBlock(w, { kind: 'paragraph', markdown: `**${h.text.trim()}**`, text, line });
    return;
  }
  const parent = w.sections[w.sections.length - 1];
  const level: 2 | 3 = h.depth === 3 && parent ? 3 : 2;
  const section: Section = { title: text, level, line, blocks: [], notes: [], subsections: [], ...(slides ? { slides } : {}) };
  if (level === 3) parent.subsections.push(section);
  else w.sections.push(section);
  w.current = section;
}

function html(w: Walk, tok: Tokens.HTML, line: number): void {
  const m = COMMENT.exec(tok.raw.trim());
  if (!m) {
    const text = plainText([{ ...tok, text: withoutRawText(tok.text) }]);
    // An anchor for a site's links (`<a name="x"></a>`) or a wrapper's closing tag shows nothing.
    // A script, style or other head markup shows nothing either, but it is kept: the sanitiser
    // names what it removes, and --allow-html keeps the author's own style or script.
    if (!text.trim() && !/<(img|video|audio|picture|svg|table|hr|br|iframe|object|embed|canvas|input|script|style|link|meta|base|template|noscript|form|button)\b/i.test(tok.raw)) return;
    if (w.inNotes) return note(w, text);
    return addBlock(w, { kind: 'html', markdown: tok.raw.trim(), text, line });
  }
  const inner = m[1].trim();
  if (/^commentary$/i.test(inner)) return addBlock(w, { kind: 'marker', name: 'commentary', line });
  const directive = SLIDES_DIRECTIVE.exec(inner);
  if (directive && w.current) {
    w.current.slides = splitList(directive[1]);
    return;
  }
  if (inner) note(w, inner);
}

/**
 * Raw HTML without the contents of elements that hold code or styling rather than words
 * (`<script>`, `<style>`…), so a pasted embed's JavaScript never reaches the speaker notes,
 * the timing or language detection. The markup itself is judged when the slide is rendered.
 */
function withoutRawText(html: string): string {
  return html.replace(/<(script|style|template|noscript|textarea|title|xmp|iframe|noembed|noframes|svg|math)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi, '');
}

function paragraph(w: Walk, p: Tokens.Paragraph, line: number): void {
  const text = plainText(p.tokens).trim();
  if (NOTE.test(p.text)) {
    w.inNotes = true;
    const rest = text.replace(NOTE, '').trim();
    if (rest) note(w, rest);
    return;
  }
  if (w.inNotes) return note(w, text);
  const only = p.tokens.filter((t) => !(t.type === 'text' && !t.raw.trim()));
  if (only.length === 1 && only[0].type === 'image') {
    return addBlock(w, { kind: 'image', markdown: p.raw.trim(), text: (only[0] as Tokens.Image).text, line });
  }
  if (!w.current) {
    w.intro.push(text);
    w.introBlocks.push({ kind: 'paragraph', markdown: p.raw.trim(), text, line });
    return;
  }
  addBlock(w, { kind: 'paragraph', markdown: p.raw.trim(), text, line });
}

/**
 * A list whose every item is only a link to a heading of the same page (`[Intro](#intro)`),
 * nested lists included: the page's own table of contents.
 */
export function isTableOfContents(list: Tokens.List): boolean {
  const onlyAnchors = (tokens: Token[] | undefined): boolean =>
    (tokens ?? []).every((t) => {
      if (t.type === 'space') return true;
      if (t.type === 'list') return (t as Tokens.List).items.every((it) => onlyAnchors(it.tokens));
      if (t.type === 'text' || t.type === 'paragraph') {
        const inner = (t as Tokens.Text).tokens ?? [];
        const links = inner.filter((x) => x.type === 'link');
        return links.length === 1 && (links[0] as Tokens.Link).href.startsWith('#') && inner.every((x) => x.type === 'link' || !x.raw.trim());
      }
      return false;
    });
  return list.items.length > 0 && list.items.every((it) => onlyAnchors(it.tokens));
}

/**
 * Front matter other site generators write: `description` (Jekyll, Hugo) is the subtitle when
 * there is none, and a timestamp (`2018-02-18T10:54:40Z`) is its date.
 */
function mapFrontMatter(meta: Partial<DocumentMeta>, data: Record<string, unknown>): void {
  const description = typeof data.description === 'string' ? data.description.trim() : '';
  if (!meta.subtitle && description && [...description].length <= 160) meta.subtitle = description;
  const date = data.date instanceof Date ? data.date.toISOString() : meta.date;
  const iso = date ? /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(date.trim()) : null;
  if (iso) meta.date = iso[1];
}

const LABELLED_SUMMARY = /^(?:访谈背景|采访背景|背景|摘要|导语|简介|summary|background|abstract)\s*[:：]\s*(.+)$/isu;

/** A labelled background/summary line in the intro becomes the subtitle when front matter has none. */
function takeSubtitle(w: Walk): void {
  const i = w.intro.findIndex((p) => LABELLED_SUMMARY.test(p));
  if (i < 0) return takeStandfirst(w);
  const m = LABELLED_SUMMARY.exec(w.intro[i])!;
  if (!w.meta.subtitle && m[1].length <= 80) {
    w.meta.subtitle = m[1].trim();
    w.intro.splice(i, 1);
  }
}

/** A paragraph set wholly in emphasis: `*…*`, `_…_` (not bold). */
const STANDFIRST = /^([*_])(?![*_\s])[\s\S]*[^*_\s]\1$/u;

/**
 * A standfirst: the first paragraph under the title, set wholly in italics and short (an
 * article's "An interview with … about …"), is the subtitle when front matter has none.
 */
function takeStandfirst(w: Walk): void {
  // The intro as read (introBlocks), or as the page-furniture pass rebuilt it from its lines.
  const source = w.introBlocks[0]?.markdown ?? w.intro[0];
  if (w.meta.subtitle || !source || !STANDFIRST.test(source.trim()) || /\n\s*\n/.test(source)) return;
  const text = source.trim().slice(1, -1).replace(/\s+/g, ' ').trim();
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  if (text.length > 160 || han > 80) return;
  w.meta.subtitle = text;
  w.intro.shift();
  w.introBlocks.shift();
}

function note(w: Walk, text: string): void {
  if (!text.trim()) return;
  if (w.current) w.current.notes.push(text.trim());
  else w.titleNotes.push(text.trim());
}

function addBlock(w: Walk, block: Block): void {
  if (!w.current) {
    // Content before the first section: it still belongs in the talk, so open an untitled section.
    const section: Section = { title: w.meta.title ?? '', level: 2, line: block.line, blocks: [], notes: [], subsections: [] };
    w.sections.push(section);
    w.current = section;
  }
  w.current.blocks.push(block);
}

function nextContent(tokens: Token[], i: number): { tok: Token; index: number } | undefined {
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j].type !== 'space') return { tok: tokens[j], index: j };
  return undefined;
}

function splitList(s: string): string[] {
  return s.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function leadingNewlines(s: string): number {
  let n = 0;
  while (n < s.length && s[n] === '\n') n++;
  return n;
}

/** All plain text of a section and its subsections, for language detection. */
export function sectionText(s: Section): string[] {
  const texts = [s.title, ...s.blocks.map((b) => ('text' in b ? String(b.text) : ''))];
  return texts.concat(s.subsections.flatMap(sectionText));
}
