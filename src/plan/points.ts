import type { Lang } from '../model/document.js';
import { splitSentences } from '../text/sentences.js';
import { DEICTIC_PATTERN, NARRATION_PATTERN, STRIKING_PATTERNS, isFragment, leadingConnective, restarts, textUnits } from './quotes.js';
import { endsOnFunctionWord } from '../text/function-words.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight, wrapLines, type TextStyle } from '../text/layout.js';
import { words } from '../text/words.js';

export { FUNCTION_WORDS, endsOnFunctionWord } from '../text/function-words.js';

/**
 * Limits for key points. A slide shows two to five bullets; a bullet shorter than `minUnits`
 * (Chinese characters or English words) says too little to stand alone. Two bullets whose
 * overlap coefficient reaches `duplicateOverlap` (Chinese character bigrams, English content
 * words) count as saying the same thing.
 */
export const POINT_LIMITS = {
  minItems: 2,
  maxItems: 5,
  minUnits: { zh: 6, en: 4 },
  duplicateOverlap: 0.45,
} as const;

/**
 * Markers of figurative or filler writing. Similes make poor bullets: out of context they read
 * as decoration, not as a point. Filler phrases frame a point instead of making it.
 */
export const WEAK_MARKERS = {
  simile: {
    zh: ['就像', '如同', '好比', '犹如', '仿佛', '宛如', '好像', '像是', '就如', '似乎是一'],
    en: ['like a ', 'like an ', 'like the ', 'as if', 'as though', 'akin to'],
  },
  filler: {
    zh: ['这就告诉', '让我们看到', '值得一提', '不得不说', '众所周知', '总而言之', '毫无疑问', '可以说', '你看'],
    en: ['in other words', 'needless to say', 'of course', 'it goes without saying', 'at the end of the day', 'you know', 'i mean', 'yeah'],
  },
} as const;

/**
 * Connectives that open a clause with a new thought and, usually, its own subject, so a bullet
 * may start there. Others (而是, 以及, 并且) continue the previous clause's subject and would leave
 * a fragment. `frames` open or close a lead-in (对于…来说, 在…时) that a cut must not end on.
 */
export const CLAUSE_OPENERS = {
  zh: ['但是', '但', '所以', '因此', '然而', '不过', '可是', '于是', '因而', '其实'],
  en: ['but', 'so', 'however', 'therefore', 'thus', 'yet', 'and'],
  frames: {
    zh: { start: ['对于', '对', '在', '当', '随着', '如果', '若', '虽然', '尽管', '即使', '为了', '通过', '除了', '关于', '从', '由于'], end: ['来说', '来看', '而言', '的话', '时', '时候', '之后', '以后', '之前', '一来'] },
    en: ['if', 'when', 'while', 'although', 'though', 'because', 'for', 'in', 'as', 'to', 'with', 'by', 'from', 'after', 'before', 'since', 'unless', 'but', 'and', 'so', 'or'],
  },
} as const;

/** Weights of the named components of a bullet's informativeness. */
export const POINT_WEIGHTS = {
  contrast: 3,
  turn: 1,
  claim: 1,
  number: 1,
  substantial: 0.5,
  'dangling-start': -1,
  'leading-conjunction': -1,
  long: -1,
  cut: -0.5,
  lowercase: -1,
  filler: -2,
  // Speech a transcript keeps and a slide should not: the pull quote's penalties (quotes.ts).
  disfluent: -2,
  narration: -2,
  deictic: -2,
  question: -3,
  fragment: -3,
  simile: -4,
} as const;

/**
 * A sentence over the per-bullet budget is still shown whole, not cut, while it is at most
 * `units` times the budget and wraps to at most `lines` lines at bullet size: two or three
 * lines of a whole sentence read better than one and a half of a fragment. Such long bullets
 * are taken only while the slide's bullets still fit its measured room, so they never add a
 * "(cont.)" slide.
 */
export const RELAXED_POINT = { units: 2, lines: 3 } as const;

/** Per-bullet text budget and the number of bullets wanted. */
export interface PointsBudget {
  /** Most bullets to return (capped at {@link POINT_LIMITS}.maxItems). */
  maxItems: number;
  /** Most units per bullet: Chinese characters for `zh`, words for `en`. */
  maxUnits: number;
}

interface Candidate {
  text: string;
  score: number;
  /** A simile or a false start: a bullet only to make up the number. */
  weak: boolean;
  /** A question or a fragment: never a bullet, even to make up the number. */
  unfit: boolean;
  /** A whole sentence over the budget ({@link RELAXED_POINT}). */
  long?: boolean;
  /** Position for restoring source order: source index, then offset. */
  order: [number, number];
}

/**
 * Distils up to five short bullets from an answer and its commentary, extractively: each bullet
 * is a whole sentence (a long one up to {@link RELAXED_POINT}), or the sentence cut after a
 * complete independent clause at a strong boundary (; : — ； ：) and marked "…", never at a comma
 * (inside a series, before an appositive, before but/which/但); its words and
 * their capitals are the source's, trimmed only of trailing punctuation (and, in Chinese, of a
 * leading connective: 但/所以). A bullet never ends on a function word or a colon (see
 * {@link FUNCTION_WORDS}). A sentence with no clause that fits `budget.maxUnits` is skipped, as are
 * labels (`Note:`), lead-ins that end in a colon, asides in brackets and sentences with a URL.
 * Informative sentences (contrast, claims, numbers) are preferred; similes, filler, speech a
 * transcript keeps (a false start, a word said twice, the speaker narrating the session or
 * pointing at the screen: the pull quote's penalties) and questions fill in only up to two
 * bullets and only when nothing better exists (a question or a fragment never), so a slide takes fewer,
 * better points. Near-duplicates (of each other or of `options.exclude`, e.g. the pull quote
 * already on a slide) are dropped. Bullets come back in source order.
 *
 * @param sources Texts in reading order, e.g. `[answer, ...commentary]`.
 */
export function keyPoints(
  sources: string[],
  lang: Lang,
  budget: PointsBudget,
  options: { exclude?: string[]; title?: string } = {},
): string[] {
  const cap = Math.max(0, Math.min(budget.maxItems, POINT_LIMITS.maxItems));
  const pool = sources.flatMap((src, si) =>
    splitSentences(src, lang).flatMap((s) => {
      const c = bulletFrom(s.text, lang, budget.maxUnits);
      return c ? [{ ...c, order: [si, s.start] as [number, number] }] : [];
    }),
  );
  // A long bullet is taken only while all the bullets fit one slide under its heading (fit.ts fitPoints).
  const room = geometry.frame.height * SAFETY - headingHeight((options.title ?? '') + words[lang].cont, lang);
  const height = (list: Candidate[]) => list.reduce((h, c) => h + textHeight(c.text, geometry.points.width, bulletStyle(lang)), 0) + geometry.points.gap * (list.length - 1);
  const fitsRoom = (c: Candidate) => !(c.long || taken.some((t) => t.long)) || height([...taken, c]) <= room;
  const byScore = [...pool].sort((a, b) => b.score - a.score || a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  const taken: Candidate[] = [];
  const seen = (options.exclude ?? []).map((t) => fingerprint(t, lang));
  const take = (accept: (c: Candidate) => boolean) => {
    for (const c of byScore) {
      if (taken.length >= cap) return;
      if (taken.includes(c) || !accept(c) || !fitsRoom(c)) continue;
      const fp = fingerprint(c.text, lang);
      if (seen.some((s) => overlap(s, fp) >= POINT_LIMITS.duplicateOverlap)) continue;
      seen.push(fp);
      taken.push(c);
    }
  };
  take((c) => c.score > 0 && !c.weak);
  // Up to two bullets, a weaker sentence may make up the number; never a question or a fragment.
  const floor = Math.min(POINT_LIMITS.minItems, cap);
  if (taken.length < floor) take((c) => taken.length < floor && !c.unfit);
  taken.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  return taken.map((c) => c.text);
}

/** A sentence that opens with a label (`Note:`, `Answer:`, `问：`): a caption, not a point. */
const LABEL_START = /^[\p{L}\p{N} ]{1,20}[:：]\s*\S/u;
/** English words that open a subordinate clause: a prefix starting with one is no sentence. */
const SUBORDINATORS = new Set(['if', 'when', 'while', 'although', 'though', 'because', 'since', 'unless', 'as', 'once', 'after', 'before', 'whether', 'whereas', 'until', 'how', 'what', 'why', 'where']);
/** A finite verb or auxiliary, roughly: a clause without one is a phrase. */
const EN_VERB = /\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|shall|should|may|might|must|need|needs|makes?|gives?|takes?|gets?|comes?|goes|seems?|means?|lets?|keeps?|works?|\w{3,}(?:ed|es|s))\b|n't\b|'(?:s|re|ll|ve|d)\b/iu;

/** Type of a key-points bullet (`.lt-points li`). */
function bulletStyle(lang: Lang): TextStyle {
  return { size: geometry.points.size, lineHeight: lineHeight(lang, 'body'), lang };
}

/** A bullet of `minUnits` to `most` units that does not end on a function word. */
function fitsBullet(text: string, lang: Lang, maxUnits: number, most = maxUnits): boolean {
  const units = textUnits(text);
  return units >= Math.max(1, Math.min(POINT_LIMITS.minUnits[lang], maxUnits)) && units <= most && !endsOnFunctionWord(text, lang);
}

/**
 * The longest prefix of a sentence that ends a complete independent clause at a strong boundary
 * (; : — -- ；：——), never at a comma nor inside brackets, and fits `maxUnits`; marked "…".
 */
function strongCut(sentence: string, lang: Lang, maxUnits: number): string | undefined {
  const clauses = clauseSpans(sentence, lang);
  for (let j = clauses.length - 2; j >= 0; j--) {
    if (!STRONG_BREAK.test(sentence.slice(clauses[j]!.end, clauses[j + 1]!.start))) continue;
    if (!prefixEndsClause(sentence, clauses, j, lang)) continue;
    // A delimiter inside brackets ("(y : Y)", "（…；…）") ends no clause of the sentence.
    if (!balanced(sentence.slice(0, clauses[j]!.end))) continue;
    const text = `${trimBullet(sentence.slice(0, clauses[j]!.end), lang)}…`;
    if (fitsBullet(text, lang, maxUnits)) return text;
  }
  return undefined;
}

/**
 * The bullet one sentence yields within `maxUnits`: the whole sentence when it fits, or when it
 * fits {@link RELAXED_POINT}; otherwise its {@link strongCut}. In Chinese a later clause where a
 * new thought opens (但是/所以) may also start a bullet that runs to the sentence's end.
 */
function bulletFrom(sentence: string, lang: Lang, maxUnits: number): Omit<Candidate, 'order'> | undefined {
  if (!standsAsPoint(sentence)) return undefined;
  const ok = (text: string) => fitsBullet(text, lang, maxUnits);
  const whole = trimBullet(sentence, lang);
  if (ok(whole)) return { text: whole, ...scorePoint(whole, sentence, lang, maxUnits) };
  // Not a "sentence" the splitter ended inside brackets: that is a fragment too.
  if (fitsBullet(whole, lang, maxUnits, maxUnits * RELAXED_POINT.units) && balanced(whole) && wrapLines(whole, geometry.points.width, bulletStyle(lang)) <= RELAXED_POINT.lines) {
    const scored = scorePoint(whole, sentence, lang, maxUnits);
    return { text: whole, ...scored, score: scored.score + POINT_WEIGHTS.long, long: true };
  }
  const cut = strongCut(sentence, lang, maxUnits);
  let best: Omit<Candidate, 'order'> | undefined;
  if (cut) {
    const scored = scorePoint(cut, sentence, lang, maxUnits);
    best = { text: cut, ...scored, score: scored.score + POINT_WEIGHTS.cut };
  }
  if (lang === 'zh') {
    const clauses = clauseSpans(sentence, lang);
    // A later clause where a new thought opens, to the sentence's end (no words cut from it).
    for (let i = 1; i < clauses.length; i++) {
      if (!opensNewThought(sentence.slice(clauses[i]!.start), lang)) continue;
      const text = trimBullet(sentence.slice(clauses[i]!.start), lang);
      if (!ok(text)) continue;
      const scored = scorePoint(text, sentence, lang, maxUnits);
      if (!best || scored.score > best.score) best = { text, ...scored };
      break;
    }
  }
  return best;
}

/**
 * The slide form of an outline's line (a list item read from notes, not a bullet written for a
 * slide), by the rules of {@link keyPoints}: the line itself when it fits `keepUpTo` (default
 * `maxUnits`); else its first sentence when that fits `maxUnits`, or {@link RELAXED_POINT} (twice
 * the units, and at most three lines as `lines` measures it at the line's own size); else that
 * sentence cut after an independent clause at a strong boundary (; : — ；：——) and marked "…",
 * within `maxUnits` or, failing that, twice as many; else the first sentence whole. Never a
 * sentence cut at a comma: a speaker rejects a bullet cut mid-clause. The caller measures what
 * is shown (a long line takes more of the slide) and keeps the whole line in the notes.
 *
 * @param lines Lines the shown text wraps to on the slide (default: body type, one indent in).
 */
export function outlinePoint(text: string, lang: Lang, maxUnits: number, keepUpTo = maxUnits, lines = (t: string) => wrapLines(t, geometry.frame.width - geometry.body.listIndent, outlineStyle(lang))): string {
  const whole = text.trim();
  if (textUnits(whole) <= keepUpTo) return whole;
  const first = splitSentences(whole, lang)[0]?.text.trim() || whole;
  const units = textUnits(first);
  if (units <= maxUnits) return first;
  if (units <= maxUnits * RELAXED_POINT.units && balanced(first) && lines(first) <= RELAXED_POINT.lines) return first;
  if (!standsAsPoint(first)) return first;
  return strongCut(first, lang, maxUnits) ?? strongCut(first, lang, maxUnits * 2) ?? first;
}

/** Type of an outline line at the top level of a content slide (content.ts `body`). */
function outlineStyle(lang: Lang): TextStyle {
  return { size: geometry.body.size, lineHeight: lineHeight(lang, 'body'), lang };
}

/** True when every bracket opened in the text is closed in it: a cut inside "(b : B)" is inside a clause. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if ('([{（【'.includes(ch)) depth++;
    else if (')]}）】'.includes(ch)) depth = Math.max(0, depth - 1);
  }
  return depth === 0;
}

/** Sentences that are never a point, whole or cut: labels, lead-ins ending in a colon, bracketed asides, URLs. */
function standsAsPoint(sentence: string): boolean {
  const body = sentence.trim();
  if (/[:：]["”’」』)）\s]*$/u.test(body)) return false;
  if (/^[(（[]/u.test(body) && /[)）\]][.。!！?？]?$/u.test(body)) return false;
  if (/\bhttps?:\/\/|\bwww\./iu.test(body)) return false;
  return !LABEL_START.test(body);
}

/**
 * True when the words before clause `j + 1` make a complete clause a bullet may stop after: not a
 * lead-in ("For most companies,"), not inside a list, not a subordinate clause alone ("If you sand
 * it,"), and in English, ended by `;`, a colon or a dash after a verb.
 */
function prefixEndsClause(sentence: string, clauses: { start: number; end: number }[], j: number, lang: Lang): boolean {
  const last = sentence.slice(clauses[j]!.start, clauses[j]!.end);
  if (isLeadIn(last, lang)) return false;
  if (lang === 'zh') return true;
  if (listGoesOn(sentence, clauses, j + 1)) return false;
  const prefix = sentence.slice(0, clauses[j]!.end);
  const first = (/^[\p{L}']+/u.exec(prefix.replace(/^[\s"'“‘(]+/u, ''))?.[0] ?? '').toLowerCase();
  if (SUBORDINATORS.has(first) || !EN_VERB.test(prefix)) return false;
  return /[;:—–-]/u.test(sentence.slice(clauses[j]!.end, clauses[j + 1]!.start));
}

const CLAUSE_BREAK = { zh: /[，,；;：:—]+|\s?--\s?/gu, en: /[,;:—]+|\s(?:--|[–-])\s/gu } as const;
/** A delimiter that ends an independent clause, not a phrase: ; : a dash (—, –, --, " - "), ；：——. */
const STRONG_BREAK = /[;；:：—–]|-/u;

/** Clause spans of a sentence; each ends before its delimiter. */
function clauseSpans(sentence: string, lang: Lang): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of sentence.matchAll(CLAUSE_BREAK[lang])) {
    if (m.index > start) spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < sentence.length) spans.push({ start, end: sentence.length });
  return spans;
}

function opensNewThought(text: string, lang: Lang): boolean {
  const body = text.trimStart();
  if (lang === 'zh') return CLAUSE_OPENERS.zh.some((w) => body.startsWith(w));
  const first = (/^[\p{L}']+/u.exec(body)?.[0] ?? '').toLowerCase();
  return (CLAUSE_OPENERS.en as readonly string[]).includes(first);
}

/**
 * True when clause `k` belongs to an English list that a cut before it would leave unfinished:
 * it opens with and/or after a short item, or it is a short item in a run that ends with one
 * ("the room, the weather, and the sense…").
 */
function listGoesOn(sentence: string, clauses: { start: number; end: number }[], k: number): boolean {
  const text = (i: number) => sentence.slice(clauses[i]!.start, clauses[i]!.end).trim();
  const joins = (i: number) => /^(?:and|or)\b/iu.test(text(i));
  const short = (i: number) => textUnits(text(i)) <= 4 && !isLeadIn(text(i), 'en');
  if (joins(k)) return k > 0 && short(k - 1);
  for (let i = k; i < clauses.length && short(i); i++) if (i + 1 < clauses.length && joins(i + 1)) return true;
  return false;
}

/** True when a clause only sets the scene for what follows, so a cut must not end on it. */
function isLeadIn(clause: string, lang: Lang): boolean {
  const body = clause.trim();
  if (lang === 'zh') {
    const f = CLAUSE_OPENERS.frames.zh;
    return f.start.some((w) => body.startsWith(w)) || f.end.some((w) => body.endsWith(w)) || CLAUSE_OPENERS.zh.some((w) => body.startsWith(w));
  }
  // English puts complete subordinate clauses after the main one ("…, because depth wins"), so
  // only a short introductory phrase ("…, for most companies,") counts as a lead-in.
  const first = (/^[\p{L}']+/u.exec(body)?.[0] ?? '').toLowerCase();
  return (CLAUSE_OPENERS.frames.en as readonly string[]).includes(first) && textUnits(body) <= 3;
}

const LEAD_JUNK = /^[\s,，;；:：、—–\-…]+/u;
const TRAIL_JUNK = /[\s。．.!！?？,，;；:：、—–\-…]+$/u;

/**
 * Trims a bullet without rewording it: leading punctuation, Chinese leading connectives
 * (但/所以, possibly stacked as "但是所以"), trailing punctuation, and a quotation mark left
 * unpaired by the trimming.
 */
export function trimBullet(text: string, lang: Lang): string {
  let out = text.replace(LEAD_JUNK, '');
  // English keeps its connective: dropping "So" would leave a bullet starting in lower case.
  for (let k = 0; k < 3 && /^\p{Script=Han}/u.test(out); k++) {
    const lead = leadingConnective(out);
    if (lead?.kind !== 'leading-conjunction') break;
    if (out.slice(0, lead.word.length).toLowerCase() !== lead.word) break;
    const rest = out.slice(lead.word.length).replace(LEAD_JUNK, '');
    if (!rest) break;
    out = rest;
  }
  out = out.replace(TRAIL_JUNK, '');
  if (/[”」』]$/u.test(out) && !/[“「『]/u.test(out)) out = out.slice(0, -1).replace(TRAIL_JUNK, '');
  return out;
}

/** Informativeness of a bullet, as the sum of {@link POINT_WEIGHTS} components that fire. */
function scorePoint(text: string, sentence: string, lang: Lang, maxUnits: number): { score: number; weak: boolean; unfit: boolean } {
  const p = STRIKING_PATTERNS[lang];
  const lower = text.toLowerCase();
  const fired: (keyof typeof POINT_WEIGHTS)[] = [];
  if (p.contrast.test(text)) fired.push('contrast');
  else if (p.turn.test(text)) fired.push('turn');
  if (p.claim.test(text)) fired.push('claim');
  if (p.number.test(text)) fired.push('number');
  if (textUnits(text) * 2 >= maxUnits) fired.push('substantial');
  const lead = leadingConnective(text)?.kind;
  if (lead) fired.push(lead);
  if (lang === 'zh' && isFragment(text)) fired.push('fragment');
  else if (/^\p{Ll}/u.test(text) && !/\p{Script=Han}/u.test(text)) fired.push('lowercase');
  if (WEAK_MARKERS.filler[lang].some((m) => lower.includes(m))) fired.push('filler');
  // A false start or a repeated word anywhere in the sentence shows in a clause cut from it too.
  if (restarts(sentence)) fired.push('disfluent');
  if (NARRATION_PATTERN.test(text)) fired.push('narration');
  if (DEICTIC_PATTERN.test(text)) fired.push('deictic');
  if (/[?？]["”’」』)）\s]*$/u.test(sentence)) fired.push('question');
  // A clause cut from a simile still leans on the comparison, so the whole sentence decides.
  const simile = WEAK_MARKERS.simile[lang].some((m) => sentence.toLowerCase().includes(m));
  if (simile) fired.push('simile');
  // A bullet is the speaker's words as said: a false start takes a place only to make up the number.
  const weak = simile || fired.includes('disfluent');
  return { score: fired.reduce((sum, k) => sum + POINT_WEIGHTS[k], 0), weak, unfit: fired.includes('question') || fired.includes('fragment') };
}

const EN_STOP = new Set(['the', 'and', 'for', 'that', 'this', 'with', 'are', 'was', 'but', 'not', 'you', 'our', 'its', 'they', 'have', 'has', 'from', 'what', 'which', 'their', 'will', 'can', 'all', 'into']);

/** Tokens compared for near-duplicates: Han character bigrams and Latin content words. */
function fingerprint(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  const han = [...text.replace(/[^\p{Script=Han}]+/gu, '|')];
  for (let i = 0; i + 1 < han.length; i++) if (han[i] !== '|' && han[i + 1] !== '|') out.add(han[i]! + han[i + 1]!);
  for (const w of text.toLowerCase().match(/[a-z0-9']+/g) ?? []) {
    if (w.length > 2 && !EN_STOP.has(w)) out.add(lang === 'en' && w.length > 4 ? w.replace(/(?:ing|ed|es|s)$/u, '') : w);
  }
  return out;
}

/** Overlap coefficient: shared tokens over the smaller set, so a contained bullet counts fully. */
function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}
