// The TeX delimiters Lectern reads, shared by ingest (Markdown), the layout model (text/layout.ts,
// which measures a formula as typeset) and render (math.ts, which typesets it).

/** One piece of TeX found in text, with the delimiters it was written with. */
export interface MathSpan {
  start: number;
  end: number;
  tex: string;
  display: boolean;
  /** Written `\(…\)` / `\[…\]` with a single backslash: in Markdown that may also be escaped brackets. */
  loose: boolean;
}

/**
 * The delimiters, in the order they are tried at a position: `$$…$$`, `\\[…\\]` and
 * `\\(…\\)` (what Markdown for MathJax writes), `\[…\]`, `\(…\)`, then `$…$`. No delimited
 * span crosses a blank line.
 */
const FORMS: { open: RegExp; close: string; display: boolean; loose: boolean }[] = [
  { open: /^\$\$/, close: '$$', display: true, loose: false },
  { open: /^\\\\\[/, close: '\\\\]', display: true, loose: false },
  { open: /^\\\\\(/, close: '\\\\)', display: false, loose: false },
  { open: /^\\\[/, close: '\\]', display: true, loose: true },
  { open: /^\\\(/, close: '\\)', display: false, loose: true },
];

/** TeX delimited at the very start of `s`, or undefined. */
export function mathAt(s: string): MathSpan | undefined {
  for (const f of FORMS) {
    const open = f.open.exec(s);
    if (!open) continue;
    const from = open[0].length;
    const end = s.indexOf(f.close, from);
    if (end < 0) continue;
    const tex = s.slice(from, end);
    if (!tex.trim() || /\n\s*\n/.test(tex)) continue;
    return { start: 0, end: end + f.close.length, tex: tex.trim(), display: f.display, loose: f.loose };
  }
  return dollar(s);
}

/**
 * `$…$` as Pandoc reads it, so that prices stay text: the opening `$` is followed by a
 * non-space, the closing one follows a non-space and is not followed by a digit ("$5 and
 * $10" has no closing `$`, so it is not math).
 */
function dollar(s: string): MathSpan | undefined {
  if (s[0] !== '$' || s[1] === '$' || !s[1] || /\s/.test(s[1])) return undefined;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '\n' && s[i + 1] === '\n') return undefined;
    if (c !== '$') continue;
    if (/\s/.test(s[i - 1]) || /\d/.test(s[i + 1] ?? '')) continue;
    return { start: 0, end: i + 1, tex: s.slice(1, i), display: false, loose: false };
  }
  return undefined;
}

/** Where the next delimiter might start in `s` (for marked's `start`), or -1. */
export function mathStart(s: string): number {
  const i = s.search(/\$|\\\\?[([]/);
  return i;
}

/** Every span of TeX in `text`, left to right, not overlapping. */
export function findMath(text: string): MathSpan[] {
  const out: MathSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const rel = mathStart(text.slice(i));
    if (rel < 0) break;
    const at = i + rel;
    // A `\$` is an escaped dollar, never an opening one.
    if (text[at] === '$' && text[at - 1] === '\\') {
      i = at + 1;
      continue;
    }
    const m = mathAt(text.slice(at));
    if (m) {
      out.push({ ...m, start: at, end: at + m.end });
      i = at + m.end;
    } else i = at + 1;
  }
  return out;
}

/** TeX written back with the one set of delimiters the render stage reads: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`. */
export function mathSource(m: Pick<MathSpan, 'tex' | 'display' | 'loose'>): string {
  if (m.loose) return m.display ? `\\[${m.tex}\\]` : `\\(${m.tex}\\)`;
  return m.display ? `$$${m.tex}$$` : `$${m.tex}$`;
}

/**
 * A display formula's row breaks as the author meant them. Written for a Markdown that eats one
 * backslash of each pair (kramdown, a static site's MathJax), every `\\` is doubled (`\\\\`):
 * typeset as written, an empty row (numbered, in `align`) falls under every line. When every
 * break in the formula is doubled, each is halved; a formula with any single `\\` is left alone.
 */
export function authoredRowBreaks(tex: string): string {
  const runs = tex.match(/\\{2,}/g);
  if (!runs || !runs.every((r) => Math.floor(r.length / 2) === 2)) return tex;
  return tex.replace(/\\{4,5}/g, (r) => r.slice(2));
}
