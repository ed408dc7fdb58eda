/**
 * The inferred structure of a document as editable Markdown (`lectern outline`). A speaker
 * fixes the inference there (headings, who said what, where commentary starts) and builds
 * from the outline instead of the source; reading it back gives the same structure.
 */
import type { Block, ExchangeBlock, Section, SourceDocument, Turn } from '../model/document.js';
import { escapeMarkdown } from './markdown-escape.js';
import { isGenericLabel } from './speakers.js';
import { nestedItems, nestedListMarkdown } from './list-markdown.js';

/** The marker that makes an answer/commentary boundary explicit. */
export const COMMENTARY_MARKER = '<!-- commentary -->';

/**
 * Writes a document as Markdown: YAML front matter (title, subtitle, author, date, lang),
 * the intro, `##` sections and `###` subsections. Each turn of an exchange is a paragraph of
 * its own starting with `**Name:** ` (the interviewer's too; a turn of several paragraphs
 * repeats the label), followed by a `<!-- commentary -->` line and the commentary paragraphs.
 * The marker is written even when there is no commentary, so that reading the outline back
 * never re-guesses a boundary the speaker has seen.
 */
export function toOutlineMarkdown(doc: SourceDocument): string {
  const parts: string[] = [frontMatter(doc)];
  parts.push(...doc.intro.map(escapeMarkdown));
  parts.push(...doc.titleNotes.map(noteParagraph));
  for (const s of doc.sections) parts.push(...sectionParts(s));
  return `${parts.join('\n\n')}\n`;
}

function frontMatter(doc: SourceDocument): string {
  const { title, subtitle, author, date, lang } = doc.meta;
  // JSON strings are valid YAML double-quoted scalars: no escaping rules of our own, and a
  // date stays a string rather than becoming a YAML timestamp.
  const fields: [string, string | undefined][] = [
    ['title', title],
    ['subtitle', subtitle],
    ['author', author],
    ['date', date],
    ['lang', lang],
  ];
  const lines = fields.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  const { guests, hosts } = people(doc);
  // The guests are the speakers the deck quotes; anyone left out of the list is read as a host.
  if (guests.length) lines.push(`speakers: ${JSON.stringify(guests)}`);
  if (hosts.length) lines.push(`# hosts (they ask; never quoted): ${hosts.join(', ')}`);
  return ['---', ...lines, '---'].join('\n');
}

/** Who speaks in the document's exchanges, by role, in order of first appearance. */
function people(doc: SourceDocument): { guests: string[]; hosts: string[] } {
  const guests = new Set<string>();
  const hosts = new Set<string>();
  const walk = (s: Section) => {
    for (const b of s.blocks) {
      if (b.kind !== 'exchange') continue;
      for (const t of [b.question, b.answer, ...(b.more ?? [])]) if (t) (t.role === 'interviewer' ? hosts : guests).add(t.speaker);
    }
    s.subsections.forEach(walk);
  };
  doc.sections.forEach(walk);
  return { guests: [...guests].filter((g) => !hosts.has(g) && !isGenericLabel(g)), hosts: [...hosts] };
}

function sectionParts(section: Section): string[] {
  const hashes = section.level === 3 ? '###' : '##';
  const parts = [`${hashes} ${headingText(section.title)}`];
  for (const b of section.blocks) parts.push(...blockParts(b));
  parts.push(...section.notes.map(noteParagraph));
  for (const sub of section.subsections) parts.push(...sectionParts(sub));
  return parts;
}

function headingText(title: string): string {
  // A heading is one line; a trailing `#` run would be read as a closing sequence.
  return escapeMarkdown(title.replace(/\s+/gu, ' ').trim()).replace(/#+$/u, (m) => m.replace(/#/g, '\\#'));
}

function noteParagraph(note: string): string {
  return `Note: ${escapeMarkdown(note)}`;
}

function blockParts(b: Block): string[] {
  switch (b.kind) {
    case 'exchange':
      return exchangeParts(b);
    case 'paragraph':
      return [b.markdown];
    case 'list':
      // Nested as the outline's levels say, numbered from the list's own start.
      return [nestedListMarkdown(nestedItems(b.items, b.levels, b.start), b.ordered)];
    case 'quote':
      return [b.text.split('\n').map((l) => `> ${escapeMarkdown(l)}`).join('\n'), ...(b.by ? [`— ${escapeMarkdown(b.by)}`] : [])];
    case 'marker':
      return [COMMENTARY_MARKER];
    default:
      return [b.markdown];
  }
}

function exchangeParts(x: ExchangeBlock): string[] {
  const turns = [x.question, x.answer, ...(x.more ?? [])].filter((t): t is Turn => t !== undefined);
  return [...turns.flatMap(turnParts), COMMENTARY_MARKER, ...x.commentary.map(escapeMarkdown)];
}

function turnParts(turn: Turn): string[] {
  const paragraphs = turn.text.split(/\n{2,}/u).filter((p) => p.trim());
  const label = `**${turn.speaker}:**`;
  if (paragraphs.length === 0) return [label];
  return paragraphs.map((p) => `${label} ${escapeMarkdown(p.trim())}`);
}
