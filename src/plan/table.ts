import type { Lang } from '../model/document.js';
import { SHRINK, geometry, lineHeight, runsHeight, setRuns, type Run, type SetRuns, type TextStyle } from '../text/layout.js';
import { cutToFit } from './budgets.js';
import { truncate } from './fit.js';
import { plain } from './plain.js';

/**
 * Cells of a Markdown table row (`| a | b |`) as inline Markdown, escaped pipes unescaped. As
 * the renderer (marked) reads it, a pipe after an odd number of backslashes is escaped, also
 * in a code span: in `` `\\|` `` it ends the cell.
 */
export function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<=(?:^|[^\\])(?:\\\\)*)\|$/, '');
  return inner.split(/(?<=(?:^|[^\\])(?:\\\\)*)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** A code span (CommonMark: a run of backticks, closed by a run of the same length). */
const CODE_SPAN = /(`+)(?!`)([^]*?[^`])\1(?!`)/g;

/** Inline code in a table cell (base.css `.lt-body code`): the mono font at 0.9em, 6px padding either side. */
const CODE = { scale: 0.9, pad: 6 } as const;

/**
 * A cell's inline Markdown as the theme sets it: words in the table's type (bold in the header
 * row), each `code` span in the monospace font, smaller and padded.
 */
function cellRuns(md: string, style: TextStyle): Run[] {
  const runs: Run[] = [];
  let last = 0;
  const code: TextStyle = { ...style, size: style.size * CODE.scale, mono: true, bold: false };
  for (const m of md.matchAll(CODE_SPAN)) {
    if (m.index > last) runs.push({ text: plain(md.slice(last, m.index)), style });
    // CommonMark strips one space from both ends of a code span's content when it has one at each end.
    const inner = m[2].replace(/\n/g, ' ');
    runs.push({ text: /^ .*[^ ].* $/s.test(inner) ? inner.slice(1, -1) : inner, style: code, pad: CODE.pad });
    last = m.index + m[0].length;
  }
  if (last < md.length) runs.push({ text: plain(md.slice(last)), style });
  return runs;
}

/**
 * Row heights of a table as Chromium's automatic table layout sets it in a box `width` px wide
 * (the frame; wider in type that is zoomed smaller). Each column has a minimum (its widest
 * unbreakable piece: a header word, since header cells wrap only between words, or one
 * character of a body cell, which may break anywhere) and a natural width (its longest cell
 * on one line). When the natural widths fit they are stretched in proportion to fill the
 * table; otherwise each column gets its minimum plus a share of the rest in proportion to
 * natural − minimum (CSS 2.1 §17.5.2.2, as Chromium does). Cells are inline Markdown
 * ({@link cells}): `code` spans are measured in the monospace font, as set.
 */
export function tableRowHeights(rows: string[][], lang: Lang, width: number = geometry.frame.width): number[] {
  return setTable(rows, lang)(rows.map((_, i) => i), width);
}

/**
 * A table's rows measured once, to be laid out as tables of any of its rows (always with the
 * first, the header) at any width: the rows' heights, in the order given.
 */
function setTable(rows: string[][], lang: Lang): (rows: readonly number[], width: number) => number[] {
  const t = geometry.table;
  const style: TextStyle = { size: t.size, lineHeight: lineHeight(lang, 'table'), lang };
  // A body row has the header's cells: the renderer drops any more, and fills in any fewer.
  const cols = rows[0]!.length;
  const strut = (i: number): TextStyle => ({ ...style, bold: i === 0 });
  const set: SetRuns[][] = rows.map((r, i) => Array.from({ length: cols }, (_, c) => setRuns(cellRuns(r[c] ?? '', strut(i)), strut(i))));
  const line = t.size * style.lineHeight;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return (which, width) => {
    const natural = Array.from({ length: cols }, (_, c) => Math.max(...which.map((i) => set[i]![c]!.width)) + t.padX);
    const minimum = Array.from({ length: cols }, (_, c) => Math.max(...which.map((i) => (i > 0 ? set[i]![c]!.char : set[i]![c]!.word))) + t.padX);
    let widths: number[];
    if (sum(natural) <= width) widths = natural.map((w) => w + ((width - sum(natural)) * w) / sum(natural));
    else if (sum(minimum) >= width) widths = minimum;
    else {
      const spread = sum(natural) - sum(minimum);
      widths = minimum.map((m, c) => m + ((width - sum(minimum)) * (natural[c] - m)) / spread);
    }
    return which.map((i) => Math.max(line, ...set[i]!.map((cell, c) => runsHeight(cell, widths[c] - t.padX, strut(i)))) + t.padY + (i === 0 ? t.headRule : t.rule));
  };
}

/** Tables of up to this many rows have their parts evened out. */
const EVEN_ROWS = 200;

/** A table, or one of its parts, on a slide: its Markdown, its rows for the notes, its height, and the type scale it needs (`shrink-n`). */
export interface TablePart {
  markdown: string;
  text: string;
  height: number;
  shrink?: number;
}

/**
 * A table split into parts that each fit `room`, each repeating the header row. Each part is
 * measured as the browser lays it out: a table of its own rows, its columns sized by them
 * alone (not by the whole table's). A row too tall for a slide on its own is set smaller
 * (`shrink-n`, base.css: the body zoomed to as little as 60%); one too tall even then has its
 * longest cells cut at a sentence, the whole row kept in the notes.
 */
export function splitTable(markdown: string, text: string, lang: Lang, room: number): TablePart[] {
  const rows = markdown.split('\n').filter((r) => r.trim());
  const head = rows.slice(0, 2);
  const body = rows.slice(2);
  const headCells = cells(rows[0]);
  const bodyCells = body.map(cells);
  const table = setTable([headCells, ...bodyCells], lang);
  const measured = (part: number[], scale = 1, shown?: string[][]) =>
    (shown ? tableRowHeights([headCells, ...part.map((i) => shown[i]!)], lang, geometry.frame.width / scale) : table([0, ...part.map((i) => i + 1)], geometry.frame.width / scale)).reduce((a, b) => a + b, 0) * scale;
  // Rows in order while the part, laid out on its own, fits (a row may widen a column and make the rows before it shorter or taller).
  const greedy = (r: number): number[][] => {
    const out: number[][] = [];
    let cur: number[] = [];
    for (let i = 0; i < body.length; i++) {
      if (cur.length && r !== Infinity && measured([...cur, i]) > r) {
        out.push(cur);
        cur = [];
      }
      cur.push(i);
    }
    if (cur.length || !out.length) out.push(cur);
    return out;
  };
  // As many parts, as even as they go: the least room that needs no more (no last slide with one
  // row). Not for a table of hundreds of rows, where each try costs its whole layout again.
  let parts = greedy(room);
  if (parts.length > 1 && body.length <= EVEN_ROWS) {
    let lo = 0;
    let hi = room;
    while (hi - lo > 8) {
      const mid = (lo + hi) / 2;
      if (greedy(mid).length <= parts.length) hi = mid;
      else lo = mid;
    }
    parts = greedy(hi);
  }
  return parts.map((part) => {
    const height = measured(part);
    const piece = { markdown: [...head, ...part.map((i) => body[i])].join('\n'), text: part.map((i) => body[i]).join('\n') || text, height };
    if (height <= room || part.length !== 1) return piece;
    // One row taller than the slide: the largest smaller type at which it fits.
    const step = SHRINK.findIndex((scale) => measured(part, scale) <= room);
    if (step > 0) return { ...piece, shrink: step };
    // Not even at the smallest: its longest cells are cut at a sentence until it fits there.
    const floor = SHRINK.at(-1)!;
    const i = part[0]!;
    const row = [...bodyCells[i]!];
    const fits = () => measured([0], floor, [row]) <= room;
    const cut = new Set<number>();
    while (!fits() && cut.size < row.length) {
      const c = row.reduce((best, cell, k) => (!cut.has(k) && (best < 0 || plain(cell).length > plain(row[best]!).length) ? k : best), -1);
      cut.add(c);
      const full = row[c]!;
      const fitsWith = (kept: string) => {
        row[c] = `${kept} …`;
        const ok = fits();
        row[c] = full;
        return ok;
      };
      const kept = cutToFit(full, fitsWith, lang).kept || truncate(full, (t) => fitsWith(t.slice(0, -1)), '…').slice(0, -1);
      row[c] = kept ? `${kept} …` : '…';
    }
    const md = `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
    const least = SHRINK.findIndex((scale) => measured([0], scale, [row]) <= room);
    return { markdown: [...head, md].join('\n'), text: piece.text, height: measured([0], 1, [row]), ...(least !== 0 ? { shrink: least < 0 ? SHRINK.length - 1 : least } : {}) };
  });
}
