import type { Lang } from '../model/document.js';
import { geometry, wrapLines, type TextStyle } from '../text/layout.js';

/**
 * Code that does not fit a slide (issue #16). First it is set smaller, down to a floor that
 * stays legible from the back of a room; only then is it split, and only where a reader would
 * pause: at a blank line or between top-level statements (a line at the left margin that is
 * not a closing bracket). Among the splits with the fewest slides, the one nearest the left
 * margin (between functions rather than inside one), then the one whose shortest part is
 * longest wins, and no part after the first may have fewer than 3 lines or hold
 * only closing brackets. A listing with no such place anywhere is cut at its shallowest lines.
 *
 * Each part keeps the original line numbers (`start=N` in its fence, shown in the gutter),
 * its line highlights only for its own lines (`clipSteps`), and its notes say which lines it holds.
 */

/** Code sizes in px, largest first: the theme's 22px, then the `lt-fit-n` steps in base.css. */
export const CODE_SIZES = [geometry.code.size, 20, 18] as const;

/** One slide's worth of a listing. */
export interface CodePart {
  /** The part as a fenced block, its fence info carrying `fit=n` and `start=N` when needed. */
  markdown: string;
  /** Notes: which lines these are, then the code. */
  text: string;
  /** Which lines these are ("Lines 12–24 of 40."), as the gutter numbers them; only on a part of a split listing. */
  note?: string;
  height: number;
  /** First and last line numbers (1-based, of the whole listing). */
  from: number;
  to: number;
}

/** A line at the margin that carries on the statement above (`else:`, `WHERE …`, `.then(…)`, `|| x`, a derivation's `=` or `<=>` step). */
const CONTINUES = /^(?:else|elif|except|finally|catch|then|and|or|where|from|join|inner|left|right|outer|on|order|group|having|limit|union|when|end\b)|^[.+\-*/|&?:=]|^<=/i;

const CLOSER = /^\s*(?:[\]})]+[;,)]*|end\b.*|fi|done|esac|endif|endfor|endwhile)\s*$/;

/** How a listing is set, when not as on a prose document's content slide. */
export interface CodeSplitOptions {
  /** Width of the box the code is set in (default: the slide frame's). */
  width?: number;
  /**
   * Code sizes to try, largest first (default {@link CODE_SIZES}). An authored deck's slide is
   * set smaller as a whole (deck.ts `SHRINK`), so its code keeps one size.
   */
  sizes?: readonly number[];
  /** Room for the first part when it is less than `room`: what the text above the code leaves. */
  firstRoom?: number;
}

/** Splits a fenced code block (as ingest writes it) into parts that each fit `room`. */
export function splitCode(markdown: string, room: number, lang: Lang, options: CodeSplitOptions = {}): CodePart[] {
  const all = markdown.split('\n');
  const fence = /^(`{3,}|~{3,})(.*)$/.exec(all[0]);
  if (!fence) return [whole(markdown, room)];
  const sizes = options.sizes ?? CODE_SIZES;
  const frameWidth = options.width ?? geometry.frame.width;
  const firstRoom = Math.min(options.firstRoom ?? room, room);
  const [, ticks, info] = fence;
  // Blank lines the author left just inside the fence are no lines of the listing: numbered
  // from them, a split listing would open on "2 package main".
  const lines = trimBlank(all.slice(1, -1), 0).lines;
  const g = geometry.code;
  const numbered = /(^|\s)(start|startFrom)=|\[(?:[\d\s,|*-]|all|none)*\]|code-line-numbers\s*=\s*"(?!false")|linenos|showLineNumbers|numberLines/i.test(info);
  // The author's own first number (`start=5`, Pandoc's `startFrom="5"`): the parts number on from it.
  const authored = /(^|\s)(?:start|startFrom|startLine)\s*=\s*"?(\d+)"?/.exec(info);
  const first = authored ? Number(authored[2]) : 1;
  const partInfo = (authored ? info.replace(authored[0], authored[1]) : info).trim();
  const heights = (size: number, withNumbers: boolean) => {
    const style: TextStyle = { size, lineHeight: g.lineHeight, mono: true, pre: true };
    const ch = size * 0.6;
    const gutter = withNumbers ? (String(first + lines.length - 1).length + 2) * ch : 0;
    // Wrapped lines hang 2ch in (base.css): measure every line at the narrower width.
    const width = frameWidth - g.padX - gutter - 2 * ch;
    return lines.map((l) => wrapLines(l || ' ', width, style) * size * g.lineHeight);
  };
  // An outline's formula (`compact`, base.css) has less padding.
  const padY = /(?:^|\s)compact(?:\s|$)/.test(info) ? g.compactPadY : g.padY;
  const fenceWith = (extra: string[]) => `${ticks}${[info.trim(), ...extra].filter(Boolean).join(' ')}`;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // Shrink first.
  for (let step = 0; step < sizes.length; step++) {
    const h = heights(sizes[step], numbered);
    if (sum(h) + padY <= firstRoom) {
      const md = [fenceWith(step ? [`fit=${step}`] : []), ...lines, ticks].join('\n');
      return [{ markdown: md, text: lines.join('\n'), height: sum(h) + padY, from: 1, to: lines.length }];
    }
  }
  // Then split, at the floor size, with line numbers so a continuation keeps them.
  const floor = sizes.length - 1;
  const h = heights(sizes[floor], true);
  const cuts = bestCuts(lines, h, room - padY, firstRoom - padY);
  const parts: CodePart[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [a, b] = [cuts[k], cuts[k + 1]];
    const body = trimBlank(lines.slice(a, b), a);
    // Each part at the largest size it fits at.
    const fits = k ? room : firstRoom;
    const step = sizes.findIndex((size) => sum(heights(size, true).slice(body.from, body.from + body.lines.length)) + padY <= fits);
    const use = step < 0 ? floor : step;
    const height = sum(heights(sizes[use], true).slice(body.from, body.from + body.lines.length)) + padY;
    const [from, to] = [body.from + 1, body.from + body.lines.length];
    // Numbers and highlights as the gutter shows them: from the author's first number.
    const [shownFrom, shownTo] = [first + from - 1, first + to - 1];
    const own = `${ticks}${[clipSteps(partInfo, shownFrom, shownTo), ...(use ? [`fit=${use}`] : []), `start=${shownFrom}`].filter(Boolean).join(' ')}`;
    const md = [own, ...body.lines, ticks].join('\n');
    const note = linesNote(shownFrom, shownTo, lines.length, lang);
    parts.push({ markdown: md, text: `${note}\n${body.lines.join('\n')}`, note, height, from, to });
  }
  return parts;
}

/** What a part's notes say first: which lines of the listing it holds. */
function linesNote(from: number, to: number, total: number, lang: Lang): string {
  return lang === 'zh' ? `代码第 ${from}–${to} 行（共 ${total} 行）。` : `Lines ${from}–${to} of ${total}.`;
}

/**
 * A fence's info with its line highlights (`{2,4-6}`, reveal.js's `[1-3|4]`, Slidev's
 * `{1-3|4-6|all}`) kept to the lines from…to that a part holds: each step keeps its lines there,
 * a step left with none is dropped (so no click on a part highlights nothing), the author's own
 * steps that light no line or every line (`[|4|]`, `none`, `0`, `all`, `*`) stay as written (on
 * a part, `all` is the part's lines), and the group goes when no step lights a line of the part.
 * The line numbers stay those of the whole listing, as the part's `start=N` shows them.
 */
export function clipSteps(info: string, from: number, to: number): string {
  return info
    .replace(/(\[|\{)((?:[\d\s,|*-]|all|none)*)(\]|\})/i, (group, open: string, spec: string, close: string) => {
      if ((open === '[') !== (close === ']')) return group;
      if (open === '{' && !/[\d*]|all|none/i.test(spec)) return group;
      const kept = clipSpec(spec, from, to);
      return kept === undefined ? '' : `${open}${kept}${close}`;
    })
    // Quarto's attribute: with no step left, the part keeps its numbers.
    .replace(/code-line-numbers\s*=\s*"((?:[\d\s,|*-]|all|none)*)"/i, (group, spec: string) => {
      if (!/[\d*|]|all|none/i.test(spec)) return group;
      return `code-line-numbers="${clipSpec(spec, from, to) ?? 'true'}"`;
    })
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** A step spec kept to from…to (see clipSteps); undefined when no step lights a line there. */
function clipSpec(spec: string, from: number, to: number): string | undefined {
  const steps = spec.split('|').map((step) => {
    const words = step.split(',').map((w) => w.trim()).filter(Boolean);
    const marks = words.filter((w) => /^(?:all|\*|none|0)$/i.test(w));
    const lines = clipRanges(words.filter((w) => !marks.includes(w)).join(','), from, to);
    // A step of the author's own that lights nothing or everything stays; one whose lines are all elsewhere goes.
    const own = words.length === marks.length;
    return { text: [...marks, lines].filter(Boolean).join(','), lit: lines !== '', keep: own || lines !== '' };
  });
  const kept = steps.filter((s) => s.keep);
  return kept.some((s) => s.lit) ? kept.map((s) => s.text).join('|') : undefined;
}

/** `1-3,7` kept to from…to, as ranges again ('' when none is left). */
function clipRanges(spec: string, from: number, to: number): string {
  return spec
    .split(',')
    .flatMap((range) => {
      const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(range);
      if (!m) return [];
      const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])].sort((x, y) => x - y);
      const [lo, hi] = [Math.max(a, from), Math.min(b, to)];
      return lo > hi ? [] : [lo === hi ? `${lo}` : `${lo}-${hi}`];
    })
    .join(',');
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
 * How deep inside the code a cut before line i falls: the indent of the first line after it
 * that is not blank. A blank line between two functions is a better place than one inside a
 * function's body, though both are natural.
 */
function cutDepth(lines: string[], i: number): number {
  const next = lines.slice(i).find((l) => l.trim()) ?? '';
  return /^\s*/.exec(next)![0].replace(/\t/g, '    ').length;
}

/**
 * Cut positions (0 … n) that split `lines` into parts of at most `room` px: the cheapest cuts
 * (natural places cost nothing), then the fewest parts, then cuts nearest the left margin
 * (between top-level statements rather than inside one), then the longest shortest part.
 */
export function bestCuts(lines: string[], heights: number[], room: number, firstRoom = room): number[] {
  const n = lines.length;
  const prefix = [0];
  for (const h of heights) prefix.push(prefix[prefix.length - 1] + h);
  type Best = { parts: number; cost: number; depth: number; minLines: number; prev: number };
  const best: (Best | undefined)[] = [{ parts: 0, cost: 0, depth: 0, minLines: Infinity, prev: -1 }];
  const better = (a: Best, b: Best | undefined) =>
    !b || a.cost < b.cost || (a.cost === b.cost && (a.parts < b.parts || (a.parts === b.parts && (a.depth < b.depth || (a.depth === b.depth && a.minLines > b.minLines)))));
  for (let b = 1; b <= n; b++) {
    const endCost = b === n ? 0 : cutCost(lines, b);
    const endDepth = b === n ? 0 : cutDepth(lines, b);
    for (let a = b - 1; a >= 0; a--) {
      if (prefix[b] - prefix[a] > room && b - a > 1) break;
      // The first part has what the text above it leaves.
      if (a === 0 && prefix[b] > firstRoom && b > 1) continue;
      const from = best[a];
      if (!from) continue;
      const part = lines.slice(a, b);
      const count = meaningful(part);
      // A part after the first needs 3 real lines (unless the whole listing is that short).
      if (a > 0 && count < Math.min(3, meaningful(lines))) continue;
      const cand: Best = { parts: from.parts + 1, cost: from.cost + endCost, depth: from.depth + endDepth, minLines: Math.min(from.minLines, count), prev: a };
      if (better(cand, best[b])) best[b] = cand;
    }
  }
  if (!best[n]) return [0, n];
  const cuts = [n];
  for (let at = n; at > 0; at = best[at]!.prev) cuts.unshift(best[at]!.prev);
  return cuts;
}
