/**
 * Where an answer ends and the editorial commentary after it begins, inside one run of text.
 * Errs toward a shorter answer: a sentence wrongly kept becomes a misquote on a slide, one
 * wrongly moved only lands in the speaker notes.
 */
import type { Lang } from '../model/document.js';
import { splitSentences, type Sentence } from '../text/sentences.js';
import { sentenceSignals, type CommentaryContext, type SentenceSignals } from './commentary-signals.js';

export type { CommentaryContext } from './commentary-signals.js';

/** An answer's text split at the start of the commentary, if any was found. */
export interface AnswerSplit {
  answer: string;
  /** The commentary, verbatim from its first sentence to the end. */
  commentary?: string;
  /** Offset in the input where the commentary starts. */
  offset?: number;
}

// Answers longer than this are not scanned sentence by sentence; they are rare and a scan
// would only add cost (the split would still need a human look).
const MAX_SCAN = 200_000;

// ICU keeps `。“` together (quotes are "Close" characters to it), so a sentence that opens
// with a quotation stays glued to the one before. Chinese opening quotes are unambiguous.
const OPENING_QUOTE_BREAK = /(?<=[。！？!?])(?=[“「『])/gu;

/**
 * Sentences for boundary purposes: split where ICU misses an opening quotation, and merged
 * after `;`, which ends a clause, not a thought, so a boundary never falls right after one.
 */
function clauses(text: string, lang: Lang): Sentence[] {
  const out: Sentence[] = [];
  for (const s of splitSentences(text, lang).flatMap((x) => splitAtQuotes(x))) {
    const prev = out.at(-1);
    if (prev && /[;；]$/u.test(prev.text)) {
      prev.end = s.end;
      prev.text = text.slice(prev.start, s.end);
    } else out.push({ ...s });
  }
  return out;
}

function splitAtQuotes(s: Sentence): Sentence[] {
  const cuts = [...s.text.matchAll(OPENING_QUOTE_BREAK)].map((m) => m.index);
  if (cuts.length === 0) return [s];
  const bounds = [0, ...cuts, s.text.length];
  return bounds.slice(0, -1).map((from, i) => ({
    text: s.text.slice(from, bounds[i + 1]),
    start: s.start + from,
    end: s.start + bounds[i + 1]!,
  }));
}

/**
 * Finds where commentary starts in an answer's text.
 *
 * 1. The first sentence (never the first of all) with strong commentary evidence and no first
 *    person: the speaker named in the third person, a reporting verb, a simile.
 * 2. From there, step back over the sentences just before it that carry weak commentary
 *    evidence and no sign of speech: commentary often opens with a generalisation before
 *    its first simile.
 * 3. Without strong evidence, cut only where every remaining sentence is free of speech and
 *    they carry at least two weak signals between them.
 */
export function splitAnswer(text: string, lang: Lang, ctx: CommentaryContext): AnswerSplit {
  if (text.length > MAX_SCAN) return { answer: text };
  const sents = clauses(text, lang);
  if (sents.length < 2) return { answer: text };
  const signals = sents.map((s) => sentenceSignals(s.text, ctx));
  const cut = strongCut(signals) ?? weakCut(signals);
  if (cut === undefined) return { answer: text };
  const offset = sents[cut]!.start;
  return { answer: text.slice(0, offset).trimEnd(), commentary: text.slice(offset).trim(), offset };
}

function strongCut(signals: readonly SentenceSignals[]): number | undefined {
  let hard = -1;
  for (let i = 1; i < signals.length; i++) {
    if (signals[i]!.strong > 0 && !signals[i]!.personal) {
      hard = i;
      break;
    }
  }
  if (hard < 0) return undefined;
  let b = hard;
  while (b - 1 >= 1 && signals[b - 1]!.weak > 0 && signals[b - 1]!.spoken === 0) b--;
  return b;
}

function weakCut(signals: readonly SentenceSignals[]): number | undefined {
  let weakSum = 0;
  let best: number | undefined;
  for (let i = signals.length - 1; i >= 1; i--) {
    const s = signals[i]!;
    if (s.spoken > 0) break;
    weakSum += s.weak;
    if (s.weak > 0 && weakSum >= 2) best = i;
  }
  return best;
}
