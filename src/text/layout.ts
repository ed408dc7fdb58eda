import { NO_LINE_END, NO_LINE_START, phraseBreaks } from './phrases.js';
import type { Lang } from '../model/document.js';
import { findMath } from './math-spans.js';
import { MATH_SCALE, mathBox } from './math-size.js';

// The text-measuring model shared by the planner (budgets, auto-fit) and the renderer: it
// lives below both so that no stage imports from a later one.

/** Width of a string in Chinese-character cells: Latin and digits count as half a cell. */
export function visualWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u024f]/.test(ch) ? 0.5 : 1;
  return w;
}

// ---------------------------------------------------------------------------------------
// Layout model: how wide text is and how many lines it takes in the built-in themes.
//
// Calibration (re-derive with `npx tsx test/check/calibrate.ts`): Chromium, started as for
// the PDF (`--font-render-hinting=none`), measured each printable ASCII character of the
// bundled Noto Sans SC at 400 and 700 (a run of 40 copies at 100px, unkerned, divided out), and
// DejaVu Sans Mono for code. Han characters, kana and CJK punctuation are 1em in running
// text (two punctuation marks in a row are set half-width, which only leaves room). In
// English decks curly quotes and the apostrophe are set half-width ('halt', base.css), 0.5em.
// test/check/calibration.test.ts renders sample slides (one theme per language: the themes
// differ only in colour) and checks these predictions against the measured layout; geometry
// below mirrors templates/themes/base.css.
// ---------------------------------------------------------------------------------------

/** Advance widths of U+0020–U+007E in thousandths of an em. */
const LATIN_400 = '224,323,474,555,555,921,680,278,338,338,467,555,278,347,278,392,555,555,555,555,555,555,555,555,555,555,278,278,555,555,555,474,946,608,657,638,688,589,552,689,728,293,535,646,543,812,723,742,633,742,635,596,599,721,575,878,573,531,603,338,392,338,555,559,606,563,618,510,620,554,322,564,607,275,275,552,284,926,610,606,620,620,388,468,377,607,521,802,498,521,475,338,270,338,555';
const LATIN_700 = '227,370,574,590,590,963,740,325,378,378,507,590,325,370,325,387,590,590,590,590,590,590,590,590,590,590,325,325,590,590,590,514,1007,641,681,656,714,615,585,717,757,330,568,686,578,853,749,770,667,770,682,624,625,748,619,915,627,580,613,378,387,378,590,567,626,591,644,527,644,581,360,597,640,304,306,604,315,964,641,626,644,644,437,495,421,637,576,863,562,574,511,378,296,378,590';
const MONO_EM = 0.602;

const decode = (s: string): number[] => s.split(',').map((n) => Number(n) / 1000);
const latin = { 400: decode(LATIN_400), 700: decode(LATIN_700) };

/** How a run of text is set: size in px, line height as a factor, weight, monospace. */
export interface TextStyle {
  size: number;
  lineHeight: number;
  bold?: boolean;
  mono?: boolean;
  /** The deck's language: English decks set shared punctuation half-width. */
  lang?: Lang;
  /** `white-space: pre-wrap` (code): keep spaces and line breaks. */
  pre?: boolean;
  /**
   * Chinese breaks only between words (text/phrases.ts), as the themes set all slide text but
   * code: `word-break: keep-all` with a `<wbr>` at each word boundary (render/word-breaks.ts).
   * @defaultValue true, false for `mono` or `pre`
   */
  phrases?: boolean;
}

/** Characters set 1em wide: Han, kana, Hangul, CJK punctuation and symbols, full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
/** Shared punctuation Noto Sans SC sets full-width unless told otherwise. */
const SHARED = /[\u2018\u2019\u201c\u201d\u00b7\u2026\u2014]/;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Advance of one character in em. */
export function charEm(ch: string, style: TextStyle): number {
  const cp = ch.codePointAt(0)!;
  if (style.mono) return WIDE.test(ch) || EMOJI.test(ch) ? 1 : MONO_EM;
  const table = style.bold ? latin[700] : latin[400];
  if (cp >= 0x20 && cp < 0x7f) return table[cp - 0x20];
  if (cp === 0xa0) return table[0];
  if (SHARED.test(ch)) return ch === '\u2026' ? 1.06 : style.lang === 'en' && ch !== '\u2014' ? 0.5 : 1;
  if (WIDE.test(ch)) return 1;
  if (EMOJI.test(ch)) return 1.25;
  const base = ch.normalize('NFD').codePointAt(0)!;
  if (base >= 0x20 && base < 0x7f) return table[base - 0x20];
  return 0.65;
}

/** Width of a run of text in px (no wrapping). */
export function textWidth(text: string, style: TextStyle): number {
  let w = 0;
  for (const ch of text) w += charEm(ch, style);
  return w * style.size;
}


/**
 * Splits text into the pieces a browser may break between: each wide character (with the
 * punctuation that may not be parted from it), each run of other non-space characters
 * (split after a hyphen between letters), and spaces.
 */
function atoms(text: string, phrases = false): string[] {
  const breaks = phrases ? phraseBreaks(text) : undefined;
  const out: string[] = [];
  let cur = '';
  let glue = false; // the next piece joins the current one (after opening punctuation)
  let at = 0; // UTF-16 offset of `ch`
  const push = () => {
    if (cur) out.push(cur);
    cur = '';
  };
  for (const ch of text) {
    const offset = at;
    at += ch.length;
    if (ch === ' ' || ch === '\t') {
      push();
      out.push(' ');
      glue = false;
      continue;
    }
    const wide = WIDE.test(ch) || SHARED.test(ch) || EMOJI.test(ch);
    const prev = cur ? [...cur].pop()! : '';
    const prevWide = prev !== '' && (WIDE.test(prev) || SHARED.test(prev) || EMOJI.test(prev));
    const cjkBreak = (wide || prevWide) && (!breaks || breaks.has(offset));
    if (cur && !glue && !NO_LINE_START.test(ch) && (cjkBreak || (prev === '-' && /\p{L}/u.test(ch)))) push();
    cur += ch;
    glue = NO_LINE_END.test(ch);
  }
  push();
  return out;
}

/**
 * Lines a text takes in a box `width` px wide, greedily, as Chromium sets it: breaks at
 * spaces, between wide characters (not before closing or after opening punctuation), after
 * hyphens; a piece wider than the line is broken anywhere (`overflow-wrap: anywhere`).
 * `text-wrap: balance | pretty` moves breaks but keeps the line count. Code (`pre`) keeps its
 * line breaks. Empty text takes no lines.
 */
export function wrapLines(text: string, width: number, style: TextStyle): number {
  return layout(text, width, style).lines;
}

/** {@link wrapLines}, and the px that formulas taller than a line add to the text's height. */
function layout(text: string, width: number, style: TextStyle): { lines: number; extra: number } {
  const source = style.pre ? text.replace(/\n$/, '').split('\n') : [text.replace(/\s+/g, ' ').trim()];
  if (!style.pre && !source[0]) return { lines: 0, extra: 0 };
  let lines = 0;
  let extra = 0;
  for (const line of source) {
    const one = wrapOne(line, width, style);
    lines += one.lines;
    extra += one.extra;
  }
  return { lines, extra };
}

/** A code line's indent (leading spaces, a tab as 4) that its wrapped lines hang under, at most this many columns (base.css `.lt-line`). */
export const MAX_HANG = 16;

/** Columns of a code line's leading white space (a tab to the next multiple of 4, `tab-size: 4`). */
export function indentColumns(line: string): number {
  let n = 0;
  for (const ch of /^[ \t]*/.exec(line)![0]) n = ch === '\t' ? n + 4 - (n % 4) : n + 1;
  return n;
}

/** A formula in running text, measured as typeset: its advance and reach in px. */
interface MathAtom {
  math: string;
  width: number;
  above: number;
  below: number;
}

/**
 * The pieces of a line of running text: {@link atoms} of its words, and each formula (`$…$`,
 * `\\(…\\)`, as the renderer finds it) as one piece at its typeset width (KaTeX breaks a formula
 * only after a relation or an operator at its top level: rare in a short inline formula).
 */
function pieces(text: string, style: TextStyle, phrases: boolean): (string | MathAtom)[] {
  const spans = style.pre || style.mono || !/[$\\]/.test(text) ? [] : findMath(text);
  if (!spans.length) return atoms(text, phrases);
  const out: (string | MathAtom)[] = [];
  let last = 0;
  const px = style.size * MATH_SCALE;
  for (const span of spans) {
    out.push(...atoms(text.slice(last, span.start), phrases));
    last = span.end;
    const box = mathBox(span.tex, span.display);
    const source = text.slice(span.start, span.end);
    // TeX KaTeX cannot read is shown as its source (in monospace, near enough).
    if (!box) out.push(...atoms(source, false));
    else out.push({ math: source, width: box.width * px, above: box.height * px, below: box.depth * px });
  }
  out.push(...atoms(text.slice(last), phrases));
  return out;
}

/**
 * How far a line of body text reaches above and below its baseline (CSS: half the leading on
 * each side of the font's ascent and descent, Noto Sans's 1.16 and 0.29 em): a formula taller
 * or deeper than that makes its line taller by the difference (`mathReach`).
 */
function lineReach(style: TextStyle): { above: number; below: number } {
  const half = (style.lineHeight - ASCENT - DESCENT) / 2;
  return { above: (ASCENT + half) * style.size, below: (DESCENT + half) * style.size };
}
const ASCENT = 1.16;
const DESCENT = 0.288;

/** Lines a line of text takes, and the px its formulas add to their lines' height. */
function wrapOne(line: string, width: number, style: TextStyle): { lines: number; extra: number } {
  const em = (s: string) => {
    let w = 0;
    for (const ch of s) w += charEm(ch, style);
    return w * style.size;
  };
  // Code keeps its indent on the first line, and its wrapped lines hang under it (highlight.ts).
  const indent = style.pre ? indentColumns(line) : 0;
  const text = indent ? line.replace(/^[ \t]+/, '') : line;
  const column = em(' ');
  const first = width - indent * column;
  const rest = width - Math.min(indent, MAX_HANG) * column;
  let lines = 1;
  let x = 0;
  let space = 0;
  // The tallest formula on the line being set, and the px added by the lines before it.
  const reach = lineReach(style);
  let up = reach.above;
  let down = reach.below;
  let extra = 0;
  const newLine = () => {
    extra += up - reach.above + (down - reach.below);
    up = reach.above;
    down = reach.below;
    lines++;
  };
  for (const a of pieces(text, style, style.phrases ?? !(style.mono || style.pre))) {
    if (a === ' ') {
      if (x > 0) space += em(' ');
      continue;
    }
    const w = typeof a === 'string' ? em(a) : a.width;
    if (x + space + w <= (lines === 1 ? first : rest)) {
      x += space + w;
    } else if (w <= rest) {
      newLine();
      x = w;
    } else if (typeof a !== 'string') {
      // A formula wider than a line: it starts a line and is broken where KaTeX may, about a line's width at a time.
      if (x > 0) newLine();
      x = a.width;
      while (x > rest) {
        up = Math.max(up, a.above);
        down = Math.max(down, a.below);
        newLine();
        x -= rest;
      }
    } else {
      // Wider than a line: it starts a line of its own (the break before it comes first),
      // and is broken anywhere from there (`overflow-wrap: anywhere`).
      if (x > 0) {
        newLine();
        x = 0;
      }
      for (const ch of a) {
        const c = charEm(ch, style) * style.size;
        if (x + c > (lines === 1 ? first : rest) && x > 0) {
          newLine();
          x = 0;
        }
        x += c;
      }
    }
    if (typeof a !== 'string') {
      up = Math.max(up, a.above);
      down = Math.max(down, a.below);
    }
    space = 0;
  }
  extra += up - reach.above + (down - reach.below);
  return { lines, extra };
}

/** Height in px of a text set in a box `width` px wide. */
export function textHeight(text: string, width: number, style: TextStyle): number {
  const { lines, extra } = layout(text, width, style);
  return lines * style.size * style.lineHeight + extra;
}

/** Line heights by language: Chinese body text gets more lead than English. */
export function lineHeight(lang: Lang, kind: 'body' | 'display' | 'title' | 'table' | 'agenda'): number {
  const table = { body: [1.5, 1.65], display: [1.4, 1.5], title: [1.15, 1.2], table: [1.4, 1.5], agenda: [1.35, 1.45] } as const;
  return table[kind][lang === 'zh' ? 1 : 0];
}

/**
 * The built-in themes' geometry in slide pixels (1280×720), as templates/themes/base.css
 * sets it; a theme may change colours, not these sizes. `sizes` lists a template's type
 * sizes from the default down; step n is the slide variant `fit-n` (class `lt-v-fit-n`).
 */
export const geometry = {
  /** Content box of `.lt-frame`: 1280 − 2 × 88 wide, 720 − 64 − 56 high. */
  frame: { width: 1104, height: 600 },
  /** `.lt-heading`: 44px bold, 1.25, then 16px padding, a 4px rule and a 28px gap. */
  heading: { size: 44, lineHeight: 1.25, chrome: 48 },
  title: { width: 1054, height: 470, sizes: [80, 68, 56, 46], subtitle: [34, 30, 27, 24], subtitleGap: 24 },
  section: { width: 1000, subWidth: 960, height: 520, sizes: [72, 62, 52, 44], kicker: 70 },
  /** `.lt-ask`: max 1060px wide, below a kicker, above the footer (frame bottom padding 96). */
  question: { width: 1060, height: 420, sizes: [44, 40, 36, 32, 28], cite: 76 },
  /** `blockquote.pull-quote`: 8px rule + 56px padding; bold. */
  quote: { width: 1040, height: 480, sizes: [56, 50, 44, 38, 32], cite: 76 },
  /** `.lt-points li`: 40px indent, 22px between items. */
  points: { width: 1064, size: 32, gap: 22 },
  /** `.lt-agenda li`: number column 44px + 24px gap; 9px padding above and below + 1px rule. */
  agenda: { width: 1036, size: 32, chrome: 19 },
  /** `.lt-body`: 30px text, 18px between blocks; lists indent 36px, 10px between items; sub-bullets 26px. */
  body: { size: 30, gap: 18, listIndent: 36, itemGap: 10, nestedSize: 26 },
  /** Tables: 24px, cells padded 8px above and below and 16px right; header rule 3px, row rules 1px. */
  table: { size: 24, padY: 16, padX: 16, rule: 1, headRule: 3 },
  /**
   * Code: 22px DejaVu Sans Mono, 1.45, `pre` padded 18px × 24px; an outline's formula or
   * diagram (`compact` in its fence) 8px × 24px, 8px under the line that leads into it.
   */
  code: { size: 22, lineHeight: 1.45, padY: 36, padX: 48, compactPadY: 16, compactGap: 8 },
  /** Images are at most 480px high. */
  image: { height: 480 },
  /**
   * A figure on a slide of its own (`image` variant): its picture at most 360px high when its
   * caption (body text, at most two lines) is set under it, 12px below.
   */
  figure: { picture: 360, gap: 12, captionLines: 2 },
} as const;

/** Body type scales for a slide that would overflow (slide variant `shrink-n`, base.css `.lt-v-shrink-n .lt-body` zoom). */
export const SHRINK = [1, 0.9, 0.8, 0.7, 0.6] as const;

/** Height of a content or points slide's heading (one or more lines, bold). */
export function headingHeight(title: string, lang: Lang): number {
  const g = geometry.heading;
  return textHeight(title, geometry.frame.width, { size: g.size, lineHeight: g.lineHeight, bold: true, lang, phrases: true }) + g.chrome;
}

/**
 * Room the planner leaves unused, as a fraction of a box: glyph advances are measured, but
 * kerning and rounding move a few pixels; a slide that the model fills to the
 * last pixel would sometimes overflow by one line.
 */
export const SAFETY = 0.97;

// ---------------------------------------------------------------------------------------
// Runs: inline text in more than one style (a table cell's words and its `code` spans).
// ---------------------------------------------------------------------------------------

/** A run of inline text in one style; `pad`: px of padding at each end (an inline code span, base.css `.lt-body code`). */
export interface Run {
  text: string;
  style: TextStyle;
  pad?: number;
}

/** A piece of runs the browser may not break inside but where it must (a space, or a word with the advance of each character). */
type Token = { space: true; width: number } | { space: false; width: number; chars: number[]; lift: number };

/**
 * Runs as tokens: each run's pieces (words, spaces, formulas, as {@link pieces} finds them);
 * pieces of adjacent runs with no space between are one word (no break between `code`
 * and the comma after it); a padded run's padding goes to its first and last character.
 */
function runTokens(runs: readonly Run[], strut?: TextStyle): Token[] {
  const out: Token[] = [];
  let glue = false; // the last token is a word that the next run's first piece continues
  const text = runs.map((r) => r.text).join('');
  let lead = true; // only spaces so far
  let at = 0;
  for (const run of runs) {
    const s = run.style;
    const em = (ch: string) => charEm(ch, s) * s.size;
    const lift = strut ? runLift(s, strut) : 0;
    // White space as the browser collapses it: one space, none at the start or end of the cell.
    const collapsed = run.text.replace(/\s+/g, ' ');
    at += run.text.length;
    const source = lead ? collapsed.trimStart() : collapsed;
    const trailing = !text.slice(at).trim();
    const own = trailing ? source.trimEnd() : source;
    if (own.trim()) lead = false;
    const parts = pieces(own, s, s.phrases ?? !(s.mono || s.pre));
    const mine: Extract<Token, { space: false }>[] = [];
    let firstChar = 0; // where the run's first character sits in its word
    for (const p of parts) {
      if (p === ' ') {
        out.push({ space: true, width: em(' ') });
        glue = false;
        continue;
      }
      const chars = typeof p === 'string' ? [...p].map(em) : [p.width];
      const prev = out.at(-1);
      if (glue && prev && !prev.space && !mine.length) {
        firstChar = prev.chars.length;
        prev.chars.push(...chars);
        prev.width += chars.reduce((a, b) => a + b, 0);
        prev.lift = Math.max(prev.lift, lift);
        mine.push(prev);
      } else {
        const t = { space: false as const, width: chars.reduce((a, b) => a + b, 0), chars, lift };
        out.push(t);
        if (mine.at(-1) !== t) mine.push(t);
      }
      glue = true;
    }
    if (run.pad && mine.length) {
      const first = mine[0]!;
      const last = mine.at(-1)!;
      first.chars[firstChar] += run.pad;
      first.width += run.pad;
      last.chars[last.chars.length - 1] += run.pad;
      last.width += run.pad;
    }
  }
  return out;
}

/** Runs broken into the pieces the browser breaks between, once, to be set at many widths ({@link setRuns}). */
export interface SetRuns {
  readonly tokens: readonly Token[];
  /** Width on one line (CSS max-content). */
  readonly width: number;
  /** The widest word (CSS min-content). */
  readonly word: number;
  /** The widest character (min-content with `overflow-wrap: anywhere`, table body cells). */
  readonly char: number;
}

/** Runs as pieces and their widths, padding included; `strut`: the type of the lines they are set on (see {@link runsHeight}). */
export function setRuns(runs: readonly Run[], strut?: TextStyle): SetRuns {
  const tokens = runTokens(runs, strut);
  const words = tokens.filter((t): t is Extract<Token, { space: false }> => !t.space);
  return {
    tokens,
    width: tokens.reduce((w, t) => w + t.width, 0),
    word: Math.max(0, ...words.map((t) => t.width)),
    char: Math.max(0, ...words.flatMap((t) => t.chars)),
  };
}

/** Width in px of runs set on one line (CSS max-content). */
export function runsWidth(runs: readonly Run[]): number {
  return setRuns(runs).width;
}

/**
 * The narrowest a box of runs may be (CSS min-content): its widest word, or with `anywhere`
 * (`overflow-wrap: anywhere`, table body cells) its widest character, padding included.
 */
export function runsMinWidth(runs: readonly Run[], anywhere: boolean): number {
  const set = setRuns(runs);
  return anywhere ? set.char : set.word;
}

/** Height in px of runs set in a box `width` px wide on lines of `strut` (the box's own type), broken as {@link wrapLines} breaks one style's text. */
export function runsHeight(runs: readonly Run[] | SetRuns, width: number, strut: TextStyle): number {
  const set = 'tokens' in runs ? runs : setRuns(runs, strut);
  const { lines, extra } = layoutTokens(set.tokens, width);
  return lines * strut.size * strut.lineHeight + extra;
}

/** Lines runs take in a box `width` px wide. Empty runs take no lines. */
export function runsLines(runs: readonly Run[], width: number): number {
  return layoutTokens(runTokens(runs), width).lines;
}

/**
 * The px a run in another font adds to each line it is on, set on lines of `strut`: CSS
 * centres its own line height on its font's ascent and descent (JetBrains Mono's 1.02 and
 * 0.30 em), which reach below the text font's (Noto Sans's), so a line with `code` on it is
 * about 1px taller at the table's 24px.
 */
function runLift(style: TextStyle, strut: TextStyle): number {
  if (!style.mono || strut.mono) return 0;
  const half = (style.lineHeight - MONO_ASCENT - MONO_DESCENT) / 2;
  const own = lineReach(strut);
  return Math.max(0, (MONO_ASCENT + half) * style.size - own.above) + Math.max(0, (MONO_DESCENT + half) * style.size - own.below);
}
const MONO_ASCENT = 1.02;
const MONO_DESCENT = 0.3;

function layoutTokens(tokens: readonly Token[], width: number): { lines: number; extra: number } {
  if (!tokens.some((t) => !t.space)) return { lines: 0, extra: 0 };
  let lines = 1;
  let x = 0;
  let space = 0;
  let lift = 0; // the line being set
  let extra = 0;
  const newLine = () => {
    lines++;
    extra += lift;
    lift = 0;
  };
  for (const t of tokens) {
    if (t.space) {
      if (x > 0) space += t.width;
      continue;
    }
    if (x + space + t.width <= width) x += space + t.width;
    else if (t.width <= width) {
      newLine();
      x = t.width;
    } else {
      // Wider than a line: it starts a line of its own and is broken anywhere from there.
      if (x > 0) {
        newLine();
        x = 0;
      }
      for (const c of t.chars) {
        if (x + c > width && x > 0) {
          lift = Math.max(lift, t.lift);
          newLine();
          x = 0;
        }
        x += c;
      }
    }
    lift = Math.max(lift, t.lift);
    space = 0;
  }
  return { lines, extra: extra + lift };
}
