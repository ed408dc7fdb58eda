import type { Diagnostic } from '../../model/diagnostics.js';
import type { RawSlide } from './split.js';

/** What reading one deck carries from slide to slide: where warnings go, and which were given. */
export interface DeckContext {
  file: string;
  diagnostics: Diagnostic[];
  /** Kinds of dropped syntax already warned about: one warning per kind, never one per slide. */
  warned: Set<string>;
}

/** A new reading context for `file`. */
export function deckContext(file: string): DeckContext {
  return { file, diagnostics: [], warned: new Set() };
}

/** Warns about `kind` once per deck, at the first line where it was met. */
export function warnOnce(ctx: DeckContext, kind: string, message: string, line: number): void {
  if (ctx.warned.has(kind)) return;
  ctx.warned.add(kind);
  ctx.diagnostics.push({ severity: 'warning', message, pos: { file: ctx.file, line } });
}

/**
 * A slide's text with code kept out of reach: every fenced line and inline code span is a
 * placeholder while the dialect's syntax is rewritten, and comes back unchanged with
 * `restore`. Placeholders take no line of their own, so line numbers still count.
 */
export interface Protected {
  text: string;
  restore: (text: string) => string;
}

const PH = '\u0000';

/** Protects a raw slide's code fences and inline code spans. */
export function protect(slide: Pick<RawSlide, 'lines' | 'fenced'>): Protected {
  const saved: string[] = [];
  const keep = (s: string) => `${PH}${saved.push(s) - 1}${PH}`;
  const text = slide.lines
    .map((l, i) => (slide.fenced[i] ? keep(l) : l.replace(/(`+)(?!`)[^\n]*?[^`]\1(?!`)|(`+)(?!`)\S\2(?!`)/g, (m) => keep(m))))
    .join('\n');
  const restore = (s: string) => s.replace(/\u0000(\d+)\u0000/g, (_, n: string) => saved[Number(n)]);
  return { text, restore };
}

/** Line `index` of a text falls on: `start` plus the newlines before it. */
export function lineAt(text: string, index: number, start: number): number {
  let n = start;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
