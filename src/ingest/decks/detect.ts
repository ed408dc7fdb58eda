import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { DeckDialect } from '../../model/deck.js';
import { fenceMask } from './split.js';

/** A source's front matter, read leniently (detection never fails on it), and the body after it. */
export interface Sniffed {
  front: Record<string, unknown>;
  body: string;
}

/** Front matter and body, for detection only: malformed YAML reads as none (the reader reports it). */
export function sniff(text: string): Sniffed {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { front: {}, body: text };
  try {
    const data = parseYaml(m[1]) as unknown;
    return { front: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, body: text.slice(m[0].length) };
  } catch {
    return { front: {}, body: text.slice(m[0].length) };
  }
}

/** True when the Quarto `format` value names a reveal.js format (`revealjs`, `{ revealjs: … }`, `mytheme-revealjs`). */
function revealFormat(format: unknown): boolean {
  if (typeof format === 'string') return /revealjs/.test(format);
  return !!format && typeof format === 'object' && Object.keys(format).some((k) => /revealjs/.test(k));
}

/**
 * The dialect of an authored slide deck, from its own markers, or undefined for prose. In
 * order: front matter (Marp's `marp: true`, Quarto's reveal.js `format`, reveal-md's separators,
 * Slidev's headmatter with per-slide front matter), then markers in the body (Marp directives,
 * Slidev click components and slots, reveal.js element comments and `Note:` lines, Pandoc's
 * `::: notes` and `. . .`), and last a plain deck: at least three `---`-separated slides, most
 * of them short and starting with a heading.
 */
export function detectDeck(text: string, file: string): DeckDialect | undefined {
  const { front, body } = sniff(text);
  const keys = new Set(Object.keys(front));
  const lines = body.split('\n').map((l) => l.replace(/\r$/, ''));
  const isRule = (l: string) => /^---\s*$/.test(l);
  const { fenced } = fenceMask(lines, (i) => isRule(lines[i]), file, 0, []);
  // Lines outside code, inline code spans blanked: a text that shows Marp syntax in backticks is no deck.
  const outside = lines.filter((_, i) => !fenced[i]).map((l) => l.replace(/(`+)[^`]*?\1/g, ''));
  const has = (re: RegExp) => outside.some((l) => re.test(l));
  const rules = outside.filter(isRule).length;
  if (front.marp === true) return 'marp';
  if (revealFormat(front.format)) return 'quarto';
  if (keys.has('separator') || keys.has('verticalSeparator') || keys.has('revealOptions')) return 'reveal-md';
  const slideFronts = lines.filter((l, i) => !fenced[i] && isRule(l) && /^(layout|class|transition|clicks|image|background|level|hideInToc)\s*:/.test(lines[i + 1] ?? '')).length;
  if (slideFronts > 0 && (keys.has('theme') || keys.has('layout') || keys.has('transition') || keys.has('highlighter') || keys.has('mdc') || keys.size === 0)) return 'slidev';
  if (keys.has('paginate') || keys.has('headingDivider') || has(/<!--\s*_?(class|paginate|headingDivider|backgroundColor|backgroundImage|header|footer)\s*:/)) return 'marp';
  if (rules > 0 && has(/<\/?v-clicks?\b|^::(right|left)::\s*$/)) return 'slidev';
  if (has(/<!--\s*\.(slide|element)\b/)) return 'reveal-md';
  if (revealNotes(outside)) return 'reveal-md';
  if (has(/^:{3,}\s*(\{\s*\.notes\s*\}|notes)\s*$/) || has(/^\. \. \.\s*$/)) return extname(file).toLowerCase() === '.qmd' ? 'quarto' : 'pandoc';
  return plainDeck(outside) ? 'pandoc' : undefined;
}

/**
 * reveal.js's `Note:` lines in a deck split at `---`, `----` or `--` rules. A rule right under a
 * line of text is a setext heading's underline, not a separator. A `Note:` counts only below a
 * slide's own text: one that opens the document or follows a rule directly is prose ("Note: this
 * article…"), and a deck whose slides would be all notes is no deck.
 */
function revealNotes(lines: string[]): boolean {
  const isSeparator = (l: string, i: number) => /^(---|----|--)\s*$/.test(l) && (i === 0 || !lines[i - 1].trim());
  if (!lines.some(isSeparator)) return false;
  let content = false;
  for (let i = 0; i < lines.length; i++) {
    if (isSeparator(lines[i], i)) content = false;
    else if (/^\s*notes?:/i.test(lines[i])) {
      if (content) return true;
    } else if (lines[i].trim()) content = true;
  }
  return false;
}

/** At least three `---`-separated slides, two in three of them starting with a heading and under 25 lines. */
function plainDeck(lines: string[]): boolean {
  const chunks: string[][] = [[]];
  lines.forEach((l, i) => {
    if (/^---\s*$/.test(l) && (i === 0 || !lines[i - 1].trim())) chunks.push([]);
    else chunks[chunks.length - 1].push(l);
  });
  const slides = chunks.map((c) => c.filter((l) => l.trim())).filter((c) => c.length > 0);
  if (slides.length < 3) return false;
  const likely = slides.filter((c) => /^#{1,3}\s/.test(c[0]) && c.length < 25).length;
  return likely / slides.length >= 2 / 3;
}

/** True when the source is a plain `---`-separated deck: slides split at rules only, not at headings. */
export function isPlainDeck(text: string): boolean {
  const { body } = sniff(text);
  return !/^:{3,}/m.test(body) && !/^\. \. \.\s*$/m.test(body) && plainDeck(body.split('\n'));
}
