import type { Diagnostic } from '../../model/diagnostics.js';

/**
 * What a line is to the slide split: a separator to the next slide (`slide`), to the next
 * slide of a vertical stack (`vertical`), the first line of a new slide (`before`, a Pandoc
 * heading, kept), or none of these.
 */
export type BreakKind = 'slide' | 'vertical' | 'before' | null;

/** A run of source lines that make one slide, before its dialect reads it. */
export interface RawSlide {
  /** The slide's lines, separators removed. */
  lines: string[];
  /** Source line (1-based) of `lines[0]`. */
  line: number;
  /** True when a vertical break started this slide. */
  vertical: boolean;
  /** For each line: inside a code fence (a slide break there is no break). */
  fenced: boolean[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fence a line opens (its marker), or undefined. A backtick fence's info may hold no backtick. */
export function openingFence(line: string): { marker: string; info: string } | undefined {
  const m = FENCE.exec(line);
  if (!m || (m[1][0] === '`' && m[2].includes('`'))) return undefined;
  return { marker: m[1], info: m[2].trim() };
}

/** True when `line` closes a fence opened with `marker`. */
export function closesFence(line: string, marker: string): boolean {
  const m = FENCE.exec(line);
  return !!m && m[1][0] === marker[0] && m[1].length >= marker.length && !m[2].trim();
}

/**
 * Which lines are inside a code fence. A fence the author left open (it runs to the end of the
 * file, or meets a line that opens another fence with a language before any closing line) is
 * closed at the first slide break after it or before that other fence, with a warning, so it
 * cannot swallow the slides that follow; `closeAt` lists the lines after which a closing fence is to be added.
 */
export function fenceMask(lines: string[], isBreak: (i: number) => boolean, file: string, offset: number, diagnostics: Diagnostic[]): { fenced: boolean[]; closeAt: Map<number, string> } {
  const fenced = new Array<boolean>(lines.length).fill(false);
  const closeAt = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const open = openingFence(lines[i]);
    if (!open) continue;
    let end = -1;
    let reopen = lines.length;
    for (let j = i + 1; j < lines.length; j++) {
      if (closesFence(lines[j], open.marker)) {
        end = j;
        break;
      }
      const again = openingFence(lines[j]);
      if (again && again.info && again.marker[0] === open.marker[0]) {
        reopen = j;
        break;
      }
    }
    if (end < 0) {
      // Closed at the slide break, or just before the line that opens the next fence, so that
      // Markdown reads that line as an opening fence too, not as the close of this one.
      let stop = reopen;
      for (let j = i + 1; j < reopen; j++) if (isBreak(j)) {
        stop = j;
        break;
      }
      diagnostics.push({ severity: 'warning', message: `code fence ${open.marker} is never closed; closed ${stop === reopen && reopen < lines.length ? 'before the next code fence' : 'at the end of its slide'}`, pos: { file, line: offset + i + 1 } });
      for (let k = i; k < stop; k++) fenced[k] = true;
      closeAt.set(stop - 1, open.marker);
      i = stop - 1;
      continue;
    }
    for (let k = i; k <= end; k++) fenced[k] = true;
    i = end;
  }
  return { fenced, closeAt };
}

/**
 * Splits a deck's body into slides at the lines `kind` calls breaks (never inside a code
 * fence). `offset` is the number of source lines before `body`.
 */
export function splitSlides(body: string, offset: number, kind: (line: string, i: number, lines: string[]) => BreakKind, file: string, diagnostics: Diagnostic[]): RawSlide[] {
  const lines = body.split('\n').map((l) => l.replace(/\r$/, ''));
  const { fenced, closeAt } = fenceMask(lines, (i) => kind(lines[i], i, lines) !== null, file, offset, diagnostics);
  const slides: RawSlide[] = [];
  let current: RawSlide = { lines: [], line: offset + 1, vertical: false, fenced: [] };
  for (let i = 0; i < lines.length; i++) {
    const k = fenced[i] ? null : kind(lines[i], i, lines);
    if (k === 'before') {
      slides.push(current);
      current = { lines: [], line: offset + i + 1, vertical: false, fenced: [] };
    } else if (k) {
      slides.push(current);
      current = { lines: [], line: offset + i + 2, vertical: k === 'vertical', fenced: [] };
      continue;
    }
    current.lines.push(lines[i]);
    current.fenced.push(fenced[i]);
    const marker = closeAt.get(i);
    if (marker) {
      current.lines.push(marker);
      current.fenced.push(true);
    }
  }
  slides.push(current);
  return slides;
}

/** True when a raw slide holds nothing but blank lines. */
export function isBlank(s: RawSlide): boolean {
  return s.lines.every((l) => !l.trim());
}
