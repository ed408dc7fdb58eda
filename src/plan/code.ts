import type { Lang } from '../model/document.js';
import { geometry, wrapLines, type TextStyle } from '../text/layout.js';

/**
 * Code that does not fit a slide (issue #16). First it is set smaller, down to a floor that
 * stays legible from the back of a room; only then is it split, and only where a reader would
 * pause: at a blank line or between top-level statements (a line at the left margin that is
 * not a closing bracket). Among the splits with the fewest slides, the one whose shortest
 * part is longest wins, and no part after the first may have fewer than 3 lines or hold
 * only closing brackets. A listing with no such place anywhere is cut at its shallowest lines.
 *
 * Each part keeps the original line numbers (`start=N` in its fence, shown in the gutter),
 * and its notes say which lines it holds.
 */

/** Code sizes in px, largest first: the theme's 22px, then the `lt-fit-n` steps in base.css. */
export const CODE_SIZES = [geometry.code.size, 20, 18] as const;

/** One slide's worth of a listing. */
export interface CodePart {
  /** The part as a fenced block, its fence info carrying `fit=n` and `start=N` when needed. */
  markdown: string;
  /** Notes: which lines these are, then the code. */
  text: string;
  height: number;
  /** First and last line numbers (1-based, of the whole listing). */
  from: number;
  to: number;
}

/** A line at the margin that carries on the statement above (`else:`, `WHERE …`, `.then(…)`, `|| x`, a derivation's `=` or `<=>` step). */
const CONTINUES = /^(?:else|elif|except|finally|catch|then|and|or|where|from|join|inner|left|right|outer|on|order|group|having|limit|union|when|end\b)|^[.+\-*/|&?:=]|^<=/i;

const CLOSER = /^\s*(?:[\]})]+[;,)]*|end\b.*|fi|done|esac|endif|endfor|endwhile)\s*$/;

/** Splits a fenced code block (as ingest writes it) into parts that each fit `room`. */
export function splitCode(markdown: string, room: number, lang: Lang): CodePart[] {
  const all = markdown.split('\n');
  const fence = /^(`{3,}|~{3,})(.*)$/.exec(all[0]);
  if (!fence) return [whole(markdown, room)];
  const [, ticks, info] = fence;
  // Blank lines the author left just inside the fence are no lines of the listing: numbered
  // from them, a split listing would open on "2 package main".
  const lines = trimBlank(all.slice(1, -1), 0).lines;
  const g = geometry.code;
  const numbered = /(^|\s)(start|startFrom)=|\[[\d\s,|-]*\]|linenos|showLineNumbers|numberLines/.test(info);
  const heights = (size: number, withNumbers: boolean) => {
    const style: TextStyle = { size, lineHeight: g.lineHeight, mono: true, pre: true };
    const ch = size * 0.6;
    const gutter = withNumbers ? (String(lines.length).length + 2) * ch : 0;
    // Wrapped lines hang 2ch in (base.css): measure every line at the narrower width.
    const width = geometry.frame.width - g.padX - gutter - 2 * ch;
    return lines.map((l) => wrapLines(l || ' ', width, style) * size * g.lineHeight);
  };
  // An outline's formula (`compact`, base.css) has less padding.
  const padY = /(?:^|\s)compact(?:\s|$)/.test(info) ? g.compactPadY : g.padY;
  const fenceWith = (extra: string[]) => `${ticks}${[info.trim(), ...extra].filter(Boolean).join(' ')}`;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // Shrink first.
  for (let step = 0; step < CODE_SIZES.length; step++) {
    const h = heights(CODE_SIZES[step], numbered);
    if (sum(h) + padY <= room) {
      const md = [fenceWith(step ? [`fit=${step}`] : []), ...lines, ticks].join('\n');
      return [{ markdown: md, text: lines.join('\n'), height: sum(h) + padY, from: 1, to: lines.length }];
    }
  }
  // Then split, at the floor size, with line numbers so a continuation keeps them.
  const floor = CODE_SIZES.length - 1;
  const h = heights(CODE_SIZES[floor], true);
  const cuts = bestCuts(lines, h, room - padY);
  const parts: CodePart[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [a, b] = [cuts[k], cuts[k + 1]];
    const body = trimBlank(lines.slice(a, b), a);
    // Each part at the largest size it fits at.
    const step = CODE_SIZES.findIndex((size) => sum(heights(size, true).slice(body.from, body.from + body.lines.length)) + padY <= room);
    const use = step < 0 ? floor : step;
    const height = sum(heights(CODE_SIZES[use], true).slice(body.from, body.from + body.lines.length)) + padY;
    const md = [fenceWith([...(use ? [`fit=${use}`] : []), ...(numbered && /start=/.test(info) ? [] : [`start=${body.from + 1}`])]), ...body.lines, ticks].join('\n');
    const range = `${body.from + 1}–${body.from + body.lines.length}`;
    const note = lang === 'zh' ? `代码第 ${range} 行（共 ${lines.length} 行）。` : `Lines ${range} of ${lines.length}.`;
    parts.push({ markdown: md, text: `${note}\n${body.lines.join('\n')}`, height, from: body.from + 1, to: body.from + body.lines.length });
  }
  return parts;
}

function whole(markdown: string, room: number): CodePart {
  return { markdown, text: markdown, height: room, from: 1, to: markdown.split('\n').length };
}

/** A part without blank lines at its ends; `from` is its first line's index. */
function trimBlank(lines: string[], offset: number): { lines: string[]; from: number } {
  let a = 0;
  let b = lines.length;
  while (a < b - 1 && !lines[a].trim()) a++;
  while (b > a + 1 && !lines[b - 1].trim()) b--;
  return { lines: lines.slice(a, b), from: offset + a };
}

/** Lines that count towards a part's 3: not blank, not only a closing bracket. */
function meaningful(lines: string[]): number {
  return lines.filter((l) => l.trim() && !CLOSER.test(l)).length;
}

/**
 * Where a cut before line i reads naturally: after a blank line, or before a line at the
 * left margin that opens something new (not a closer, not a continued expression).
 */
function cutCost(lines: string[], i: number): number {
  const prev = lines[i - 1];
  const line = lines[i];
  if (!prev.trim() || !line.trim()) return 0;
  const indent = (s: string) => /^\s*/.exec(s)![0].replace(/\t/g, '    ').length;
  if (indent(line) === 0 && !CLOSER.test(line) && !CONTINUES.test(line) && !/[,([{\\+\-*/=&|]\s*$/.test(prev)) return 0;
  // Anywhere else only when nothing better exists: the shallower the line, the cheaper.
  return 100 + indent(line);
}

/**
 * Cut positions (0 … n) that split `lines` into parts of at most `room` px: the cheapest cuts
 * (natural places cost nothing), then the fewest parts, then the longest shortest part.
 */
export function bestCuts(lines: string[], heights: number[], room: number): number[] {
  const n = lines.length;
  const prefix = [0];
  for (const h of heights) prefix.push(prefix[prefix.length - 1] + h);
  type Best = { parts: number; cost: number; minLines: number; prev: number };
  const best: (Best | undefined)[] = [{ parts: 0, cost: 0, minLines: Infinity, prev: -1 }];
  const better = (a: Best, b: Best | undefined) => !b || a.cost < b.cost || (a.cost === b.cost && (a.parts < b.parts || (a.parts === b.parts && a.minLines > b.minLines)));
  for (let b = 1; b <= n; b++) {
    const endCost = b === n ? 0 : cutCost(lines, b);
    for (let a = b - 1; a >= 0; a--) {
      if (prefix[b] - prefix[a] > room && b - a > 1) break;
      const from = best[a];
      if (!from) continue;
      const part = lines.slice(a, b);
      const count = meaningful(part);
      // A part after the first needs 3 real lines (unless the whole listing is that short).
      if (a > 0 && count < Math.min(3, meaningful(lines))) continue;
      const cand: Best = { parts: from.parts + 1, cost: from.cost + endCost, minLines: Math.min(from.minLines, count), prev: a };
      if (better(cand, best[b])) best[b] = cand;
    }
  }
  if (!best[n]) return [0, n];
  const cuts = [n];
  for (let at = n; at > 0; at = best[at]!.prev) cuts.unshift(best[at]!.prev);
  return cuts;
}
