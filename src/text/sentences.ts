import type { Lang } from '../model/document.js';

/** A sentence with its offsets in the text it came from (so quotes stay verbatim). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/**
 * English abbreviations that end in a full stop without ending the sentence. ICU's sentence
 * segmenter (as exposed by `Intl.Segmenter`) breaks after "Mr. Smith" or "the U.S. Army"
 * because a capital letter follows; these lists undo that.
 */
export const ABBREVIATIONS = {
  /** Titles before a name: never end a sentence. */
  titles: ['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Rev', 'Gen', 'Sen', 'Rep', 'Gov', 'Pres', 'St', 'Mt', 'Capt', 'Lt', 'Col', 'Sgt', 'Hon', 'Sr', 'Jr'],
  /** Latin and editorial abbreviations that sit inside a sentence. */
  inline: ['e.g', 'i.e', 'vs', 'cf', 'al', 'approx', 'esp', 'viz'],
  /** Only inside a sentence when a number follows ("No. 5", "Fig. 3", "Jan. 12"). */
  beforeNumber: ['No', 'Nos', 'Fig', 'Figs', 'Vol', 'Vols', 'p', 'pp', 'ch', 'Sec', 'Art', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'],
  /** Company suffixes: they end a sentence as often as not, so they follow the opener rule. */
  company: ['Inc', 'Ltd', 'Co', 'Corp', 'Bros'],
  /** Words that usually open a new sentence; after "U.S." or "Inc." they mean the sentence did end. */
  sentenceStarters: ['The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'This', 'That', 'These', 'Those', 'There', 'But', 'And', 'So', 'Then', 'In', 'On', 'Its', 'Their', 'Our', 'My', 'His', 'Her'],
} as const;

/** Opening and closing quotation marks whose contents stay inside the quoting sentence. */
const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"' };
/** A quotation longer than this is speech in its own right, so its inner breaks stand. */
const MAX_INLINE_QUOTE = 300;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: Lang): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang === 'zh' ? 'zh' : 'en', { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

// Scraped Chinese text often writes `?`, `!` or `;` in ASCII, which ICU does not treat as a
// break next to Han characters or before them; full-width `；` ends a clause that reads as a
// sentence on a slide. Applied in both languages: a Han neighbour is Chinese context anyway.
// Each pattern consumes what precedes the break (the break is at the match's end): a
// lookbehind with `+` would rescan a run of punctuation at every position.
const HAN_CONTEXT_BREAKS = [/\p{Script=Han}[?!;]+(?=\S)/gu, /[?!;]+(?=\p{Script=Han})/gu, /；(?=\S)/gu];

/** Bracket pairs whose contents a semicolon inside does not end a sentence at ("（特别是，…约束；…）"). */
const BRACKET_PAIRS: Record<string, string> = { '（': '）', '(': ')', '「': '」', '『': '』', '“': '”', '《': '》', '[': ']' };
/** A bracket pair longer than this (or one left open) is taken for a stray mark, not an aside. */
const MAX_BRACKETED = 300;
const CLOSING_BRACKETS = new Set(Object.values(BRACKET_PAIRS));

/**
 * Splits text into sentences with ICU's sentence segmenter, corrected for what it gets wrong
 * on real content: breaks ICU misses in Chinese (ASCII `?!;` next to Han characters,
 * full-width `；`; a semicolon inside brackets or quotation marks ends no sentence), and breaks it adds after English abbreviations ("Mr.", "e.g.", "U.S.") or
 * inside a short quotation (`"We try. We fail." she said.`). Offsets index into `text`; each
 * sentence is trimmed of surrounding white space and never spans a line break.
 */
export function splitSentences(text: string, lang: Lang): Sentence[] {
  const breaks = new Set<number>();
  for (const seg of segmenter(lang).segment(text)) if (seg.index > 0) breaks.add(seg.index);
  // Found only when a semicolon asks: most text has none, and this runs for every sentence split.
  let bracketed: Uint8Array | undefined;
  for (const re of HAN_CONTEXT_BREAKS) {
    for (const m of text.matchAll(re)) {
      const at = m.index + m[0].length;
      // A semicolon inside an aside in brackets ends a clause of the aside, not the sentence.
      if (/[;；]/u.test(m[0]) && (bracketed ??= bracketedPositions(text))[at - 1]) continue;
      breaks.add(at);
    }
  }
  moveBeforeOpeningMarks(text, breaks);
  const quoted = quotationSpans(text);
  let q = 0;
  const kept = [...breaks]
    .filter((b) => b > 0 && b < text.length)
    .sort((a, b) => a - b)
    .filter((b) => {
      // Spans and breaks are both sorted: walk them together instead of searching every span.
      while (q < quoted.length && quoted[q][1] <= b) q++;
      const inQuote = q < quoted.length && b > quoted[q][0] && b < quoted[q][1];
      return !inQuote && !afterAbbreviation(text, b) && !beforeLowercase(text, b);
    });
  const out: Sentence[] = [];
  let prev = 0;
  for (const b of [...kept, text.length]) {
    pushTrimmed(text, prev, b, out);
    prev = b;
  }
  return out;
}

/**
 * Marks (1) at the positions inside a closed bracket pair ({@link BRACKET_PAIRS}) on one line,
 * nested pairs included; a closing mark with no matching opening mark is ignored.
 */
function bracketedPositions(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') open.length = 0;
    else if (BRACKET_PAIRS[ch] !== undefined) open.push(i);
    else if (CLOSING_BRACKETS.has(ch)) {
      const k = open.findLastIndex((o) => BRACKET_PAIRS[text[o]!] === ch);
      if (k < 0) continue;
      const from = open[k]!;
      open.length = k;
      if (i - from <= MAX_BRACKETED) inside.fill(1, from + 1, i);
    }
  }
  return inside;
}

/** Brackets and quotation marks that open what follows them. */
const OPENING_MARK = /[（(「『“‘【《\[]/u;

/**
 * ICU counts an opening bracket after a sentence's end as that sentence's closing punctuation
 * ("…发送给瞭望塔？（2）谁能…" breaks after "（"), which would end one bullet on "（" and start the
 * next on "2）". A break right after opening marks moves back before them.
 */
function moveBeforeOpeningMarks(text: string, breaks: Set<number>): void {
  for (const b of [...breaks]) {
    let at = b;
    while (at > 0 && OPENING_MARK.test(text[at - 1]!)) at--;
    // Keep the white space before the marks with the sentence that ends there.
    if (at === b) continue;
    breaks.delete(b);
    if (at > 0) breaks.add(at);
  }
}

function pushTrimmed(text: string, from: number, to: number, out: Sentence[]): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  if (!body) return;
  const start = from + lead;
  out.push({ text: body, start, end: start + body.length });
}

/**
 * True when the break at `at` follows a `?` or `!` (perhaps inside closing quotes) and the next
 * word starts in lower case: the sentence goes on (`says, "What if it was wet?" and that…`,
 * `"Stop!" she said`). ICU breaks after every `?` and `!`; a new sentence would start upper case.
 */
function beforeLowercase(text: string, at: number): boolean {
  if (!/[?!][”’"')\]]*\s*$/u.test(text.slice(Math.max(0, at - 8), at))) return false;
  return /^[ \t]*\p{Ll}/u.test(text.slice(at, at + 8));
}

/**
 * True when the break at `at` directly follows an abbreviation that does not end the sentence.
 * Dotted acronyms ("U.S.") and company suffixes can end a sentence, so they only hold the
 * sentence together when the next word is not a typical sentence opener.
 */
function afterAbbreviation(text: string, at: number): boolean {
  const head = text.slice(Math.max(0, at - 24), at);
  const before = head.trimEnd();
  const after = text.slice(at, at + 40);
  const gap = head.slice(before.length) + after.slice(0, after.length - after.trimStart().length);
  const word = /(?:^|[^\p{L}.])((?:\p{L}+\.)+)$/u.exec(before)?.[1];
  if (!word || gap.includes('\n')) return false;
  const bare = word.slice(0, -1);
  const next = after.trimStart();
  if ((ABBREVIATIONS.titles as readonly string[]).includes(bare)) return true;
  if ((ABBREVIATIONS.inline as readonly string[]).includes(bare.toLowerCase())) return true;
  if ((ABBREVIATIONS.beforeNumber as readonly string[]).includes(bare)) return /^\d/.test(next);
  const nextWord = /^[\p{L}\p{N}]+/u.exec(next)?.[0] ?? '';
  const opener = (ABBREVIATIONS.sentenceStarters as readonly string[]).includes(nextWord);
  // Dotted acronyms ("U.S.", "Ph.D.", "a.m."), single initials ("J. K. Rowling") and company
  // suffixes can end a sentence too; they hold it together unless a new sentence clearly starts.
  const acronym = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(bare) || /^\p{Lu}$/u.test(bare);
  if (acronym || (ABBREVIATIONS.company as readonly string[]).includes(bare)) return nextWord !== '' && !opener;
  return false;
}

/**
 * Spans `[open, close]` of quotations that close on the same line within a short distance:
 * breaks inside them belong to the quoted words, not to the sentence that quotes them.
 */
function quotationSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const close = QUOTE_PAIRS[text[i]!];
    if (close === undefined) {
      i++;
      continue;
    }
    // Look for the closing mark only within the longest quotation we keep together, so an
    // unmatched opening mark costs a bounded scan rather than one to the end of the text.
    const found = text.slice(i + 1, i + 1 + MAX_INLINE_QUOTE).indexOf(close);
    const end = found < 0 ? -1 : i + 1 + found;
    const inside = end < 0 ? '' : text.slice(i + 1, end);
    if (end < 0 || end - i > MAX_INLINE_QUOTE || inside.includes('\n')) {
      i++;
      continue;
    }
    spans.push([i, end + 1]);
    i = end + 1;
  }
  return spans;
}
