/**
 * Lines of plain text read for their indentation (issue #16: lecture notes outlined by
 * indentation). What a line is, by itself: how deep it sits, whether it opens with a list
 * marker, whether it underlines the line above (a setext heading), and whether it reads as
 * words or as something to keep preformatted (an ASCII diagram, a formula, pseudo-code).
 */
import { displayWidth } from './plain-paragraphs.js';

/** One source line with its indentation measured. */
export interface IndentLine {
  /** The line without leading and trailing white space; '' when blank. */
  text: string;
  /** Tabs expanded, leading full-width spaces as two spaces, trailing white space removed: kept verbatim in preformatted blocks. */
  raw: string;
  /** Columns of leading white space (a tab to the next multiple of 4, a full-width space as 2). */
  indent: number;
  /** 1-based source line. */
  line: number;
}

/** How a line reads: words, something to keep preformatted, or too short to say. */
export type LineClass = 'text' | 'code' | 'weak';

/** Reads `text` (`\n` line ends) into lines with their indentation. */
export function readIndentLines(text: string): IndentLine[] {
  return text.split('\n').map((source, i) => {
    const expanded = expandTabs(source).replace(/\s+$/u, '');
    const lead = /^[ \u3000]*/u.exec(expanded)![0];
    // A full-width space indents two columns; as two spaces, `raw` can be cut at a column.
    const raw = lead.replace(/\u3000/gu, '  ') + expanded.slice(lead.length);
    const indent = raw.length - raw.trimStart().length;
    return { text: raw.trim(), raw, indent, line: i + 1 };
  });
}

function expandTabs(s: string): string {
  if (!s.includes('\t')) return s;
  let out = '';
  for (const ch of s) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}

/** A setext underline: a run of one of `-=~^*` (3 or more), alone on its line. */
export function isUnderline(text: string): boolean {
  return /^([-=~^*])\1{2,}$/u.test(text);
}

/** True when `under` underlines `over`: a setext heading (`Lecture 4` / `---------`). */
export function underlines(over: IndentLine, under: IndentLine): boolean {
  if (!over.text || !isUnderline(under.text) || isUnderline(over.text)) return false;
  const w = displayWidth(over.text);
  return w <= 80 && under.text.length >= Math.min(w, 3) * 0.5 && under.text.length >= w * 0.5;
}

/** A list marker that opens a line, and the item's text after it. */
export interface Marker {
  kind: 'bullet' | 'number';
  /** The item's number, for `1.`, `2)`, `(3)`. */
  n?: number;
  /** The text after the marker. */
  rest: string;
  /** Columns the marker and the spaces after it take. */
  width: number;
}

// `o` is a bullet in old text files only when spaced off (`o  item`), so the word "o" is no marker.
const BULLET = /^(?:[-*+•·▪◦●○■□►▶‣⁃]|o(?=\s{2}))\s+(?=\S)/u;
const NUMBER = /^(?:(\d{1,3})[.)]|[(（](\d{1,3})[)）])\s+(?=\S)/u;

/** The list marker `text` opens with, if any. */
export function listMarker(text: string): Marker | undefined {
  const b = BULLET.exec(text);
  if (b) return { kind: 'bullet', rest: text.slice(b[0].length), width: b[0].length };
  const n = NUMBER.exec(text);
  if (n) return { kind: 'number', n: Number(n[1] ?? n[2]), rest: text.slice(n[0].length), width: n[0].length };
  return undefined;
}

/** Unicode box drawing, block elements and arrows: a diagram whatever else the line holds. */
const DIAGRAM = /[\u2190-\u21ff\u2500-\u259f\u25a0-\u25ff\u27f0-\u27ff\u2900-\u297f]/u;
/** ASCII art and operators: arrows, rules, a pipe or a `+` at a box's edge, assignments, braces. */
const ASCII_ART = /-{2,}>|<-{2,}|={2,}>|[-=_.*~]{4,}|^[|+]|[|+]$|\s\|\s|\|\s*\||[-=]>|<[-=]|:=|\s=\s|^=|[{}]|;$/u;
/** Two or more spaces between words, not after a sentence or a label: aligned columns. */
const ALIGNED = /[^\s.!?:;,。！？：；，]\s{2,}\S/u;
/** Literate Haskell's bird track, or a shell prompt. */
const CODE_PROMPT = /^(?:>|\$|>>>|%)\s/u;
/** Operators and brackets that make a line of symbols read as a formula. */
const MATH = /[=^_<>|\\/+*(){}[\]]|->/u;
/** A word: two or more letters (apostrophes and hyphens inside), or Han characters. */
const WORD = /\p{Script=Han}+|[\p{L}][\p{L}'’-]*[\p{L}]/gu;
const PSEUDO_KEYWORD = /^(?:if|else|elif|while|for|foreach|repeat|until|return|let|var|const|def|function|procedure|begin|end|do|then|loop|print|yield)\b.*(?:[=:(){};]|\bthen\b|\bdo\b)|^end\b|^(?:begin|else|end|loop|repeat)$/u;

/**
 * How a line (trimmed, list marker removed by the caller or not) reads. Diagram characters,
 * aligned columns and code prompts make it code whatever words it holds; otherwise a line whose
 * characters are mostly words is text ("For all f : X -> Z there exists a unique arrow"), and
 * a line of symbols and one-letter names is code ("f x g = (f . fst) ^ (g . snd)"). A line of
 * neither (`id`, `fst ^ snd`, `Span(X, Y)`) is weak: it goes with its neighbours.
 */
export function classifyLine(text: string): LineClass {
  const t = text.trim();
  if (!t) return 'weak';
  const body = listMarker(t)?.rest ?? t;
  if (DIAGRAM.test(t) || CODE_PROMPT.test(t) || ALIGNED.test(body) || PSEUDO_KEYWORD.test(body)) return 'code';
  if (!/[\p{L}\p{N}]/u.test(t)) return 'code';
  const chars = body.replace(/\s+/gu, '').length;
  const words = (body.match(WORD) ?? []).filter((w) => !/_/u.test(w));
  const inWords = words.reduce((n, w) => n + w.length, 0);
  const ratio = chars ? inWords / chars : 0;
  // Snake_case and dotted names are identifiers, not words.
  const identifiers = (body.match(/\b\w+_\w*|\w+\.\w+\(/gu) ?? []).length;
  // Words of three letters or more (two Han characters): `in`, `uF`, `id` are names in a formula.
  const real = words.filter((w) => (/\p{Script=Han}/u.test(w) ? w.length >= 2 : w.length >= 3)).length;
  // An equation is a formula even among a few words ("curry g . h = curry f"), not in a sentence.
  if (/\s(?:=|<=>|==|~|≅|≡)\s/u.test(body) && !endsSentence(body) && real < 4) return 'code';
  if (ratio >= 0.5 && real >= 2 && identifiers <= 1 && !ASCII_ART_STRONG.test(body)) return 'text';
  if (ASCII_ART.test(body) || (MATH.test(body) && ratio < 0.5)) return 'code';
  if (ratio >= 0.6 && real >= 1 && !MATH.test(body)) return 'text';
  return 'weak';
}

/** Art no sentence holds: arrows drawn with several dashes, rules, box edges. */
const ASCII_ART_STRONG = /-{3,}>|<-{3,}|={3,}>|[-=_~*]{4,}|^[|+].*[|+]$|\|\s*\|/u;

/** True when a line ends a sentence (or a clause a list goes on from). */
export function endsSentence(text: string): boolean {
  return /[.!?。！？;；]["'”’)）\]]*$/u.test(text.trim());
}
