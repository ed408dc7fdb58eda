/**
 * Topics for a conversation written without headings: the one long section is cut where a
 * host's question opens a new subject, i.e. where the words used before and after a question
 * differ most, and each part is titled from its opening question.
 */
import type { Diagnostic } from '../../model/diagnostics.js';
import type { Block, DocumentMeta, ExchangeBlock, Section } from '../../model/document.js';

/** Fewer exchanges than this stay one section: a short exchange has one topic. */
export const MIN_UNITS_TO_SPLIT = 8;
/** Words (en) or characters / 2 (zh) of conversation per section, roughly 6–7 minutes spoken. */
const WORDS_PER_SECTION = 1000;
const MIN_SECTIONS = 3;
const MAX_SECTIONS = 12;
/** Exchanges compared on each side of a candidate break. */
const WINDOW = 3;

const STOP_EN = new Set(
  ('that this with have what they there were been from would about which their will your into when then than them these some could ' +
    'just like know think yeah okay really because people thing things going there’s that’s it’s don’t they’re we’re what’s ' +
    "there's that's it's don't they're we're what's i'm you're i've doesn't didn't can't isn't also well right actually kind sort maybe " +
    'mean other more much very even only something lot lots make made said says want need does doing done being where who how why').split(' '),
);
const FUNCTION_HAN = new Set([...'的了是在和与也都就而及或不之其这那什么为何如吗呢吧啊个一有我你他她它们说要会到对上下来去把被让给还很没就又再所以因为但是如果可以一个这个那个就是然后']);

function bagOf(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  const add = (w: string) => bag.set(w, (bag.get(w) ?? 0) + 1);
  for (const w of text.toLowerCase().match(/[a-z][a-z'’-]{3,}/g) ?? []) if (!STOP_EN.has(w)) add(w);
  const han = [...text].filter((c) => /\p{Script=Han}/u.test(c) || c === ' ');
  for (let i = 0; i + 1 < han.length; i++) {
    const a = han[i]!;
    const b = han[i + 1]!;
    if (a !== ' ' && b !== ' ' && !FUNCTION_HAN.has(a) && !FUNCTION_HAN.has(b)) add(a + b);
  }
  return bag;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    dot += v * (b.get(k) ?? 0);
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function blockText(b: Block): string {
  if (b.kind === 'exchange') return [b.question?.text, b.answer?.text, ...(b.more ?? []).map((t) => t.text), ...b.commentary].filter(Boolean).join(' ');
  if (b.kind === 'list') return b.items.join(' ');
  return 'text' in b ? String(b.text) : '';
}

function size(text: string): number {
  return (text.match(/\p{Script=Han}/gu)?.length ?? 0) / 2 + (text.match(/[A-Za-z0-9]+/g)?.length ?? 0);
}

/**
 * Splits a headingless conversation (one section whose title is the document's, holding at
 * least {@link MIN_UNITS_TO_SPLIT} exchanges) into topic sections. Other documents pass
 * through unchanged. Each guessed break is an info diagnostic at its line.
 */
export function splitTopics(sections: Section[], meta: DocumentMeta, diagnostics: Diagnostic[], file: string): Section[] {
  if (sections.length !== 1) return sections;
  const only = sections[0]!;
  const untitled = !only.title || only.title === meta.title;
  const units = only.blocks.filter((b): b is ExchangeBlock => b.kind === 'exchange');
  if (!untitled || only.subsections.length > 0 || units.length < MIN_UNITS_TO_SPLIT) return sections;
  const blocks = only.blocks;
  const texts = blocks.map(blockText);
  const total = texts.reduce((n, t) => n + size(t), 0);
  const want = Math.max(MIN_SECTIONS, Math.min(MAX_SECTIONS, Math.round(total / WORDS_PER_SECTION)));
  const candidates: { index: number; score: number }[] = [];
  blocks.forEach((b, i) => {
    if (i === 0 || b.kind !== 'exchange' || !b.question) return;
    const before = bagOf(texts.slice(Math.max(0, i - WINDOW), i).join(' '));
    const after = bagOf(texts.slice(i, i + WINDOW).join(' '));
    // A turn that asks opens a subject more often than one that remarks.
    const asks = ASKS.test(b.question.text) ? 0.25 : 0;
    candidates.push({ index: i, score: 1 - cosine(before, after) + asks });
  });
  const gap = Math.max(2, Math.floor(blocks.length / want / 2));
  const chosen: number[] = [];
  for (const c of [...candidates].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (chosen.length >= want - 1) break;
    if (c.index < gap || blocks.length - c.index < gap) continue;
    if (chosen.some((x) => Math.abs(x - c.index) < gap)) continue;
    chosen.push(c.index);
  }
  chosen.sort((a, b) => a - b);
  if (chosen.length === 0) return sections;
  const starts = [0, ...chosen];
  return starts.map((start, i) => {
    const part = blocks.slice(start, starts[i + 1] ?? blocks.length);
    const asking = part.filter((b): b is ExchangeBlock => b.kind === 'exchange' && ASKS.test(b.question?.text ?? ''));
    // A title comes best from a short question; a long one is a speech that ends in a question.
    const opening = asking.find((b) => askedLength(b.question!.text) <= MAX_QUESTION_WORDS) ?? asking[0];
    const line = part[0]!.line;
    if (i > 0) {
      diagnostics.push({
        severity: 'info',
        message: 'guessed a topic break where a question opens a new subject; review it with lectern outline',
        pos: { file, line },
      });
    }
    // The part before the first real question is the opening: introductions, the set-up.
    const title = (opening?.question && topicTitle(opening.question.text, meta.lang)) || OPENING[meta.lang];
    return { title, level: 2, line, blocks: part, notes: i === 0 ? only.notes : [], subsections: [] };
  });
}

const ASKS = /[?？]/u;
const OPENING = { en: 'Opening', zh: '开场' } as const;
const MAX_QUESTION_WORDS = 25;

/** Size of the first asking sentence of a turn, in words (or Han characters / 2). */
function askedLength(text: string): number {
  const sentence = text.split(/(?<=[.!?。！？])\s*/u).find((x) => ASKS.test(x)) ?? text;
  return size(sentence);
}
const FILLER_EN = /^(?:(?:so|and|but|okay|ok|well|now|alright|all right|right|yeah|yes|great|cool|sure|then|also|oh)\b[,.!]?\s+)+/iu;
const FILLER_ZH = /^(?:那么|那|所以|然后|好的|好|嗯|对|另外|还有|接下来|最后)[，,、\s]*/u;
const CUT_EN = /\s+(?:and|or|but|because|since|when|while|which|that|if|so|from|with|for|to|of|in|on|at|about|into|by|given|like)\s+/giu;
const TRAILING_FUNCTION = /(?:\s+(?:the|a|an|of|to|and|or|for|with|in|on|at|by|that|this|your|our|my|their|its|is|are|was|be))+$/iu;
const MAX_WORDS = 9;
const MAX_HAN = 18;

/**
 * A section title from the question that opens it: the question sentence without its lead-in
 * words, cut at a phrase boundary (a comma, or before a conjunction or preposition) to fit a
 * heading. Undefined when nothing usable remains.
 */
export function topicTitle(question: string, lang: DocumentMeta['lang']): string | undefined {
  const sentences = question.replace(/\s+/gu, ' ').trim().split(/(?<=[.!?。！？])\s*/u).filter(Boolean);
  let s = sentences.find((x) => /[?？]["'”’」』)）]*$/u.test(x)) ?? sentences[0] ?? '';
  s = s.replace(FILLER_EN, '').replace(FILLER_ZH, '').trim();
  if (!s) return undefined;
  if (/\p{Script=Han}/u.test(s) && lang === 'zh') return shortenHan(s);
  s = s[0]!.toUpperCase() + s.slice(1);
  const words = s.split(' ');
  if (words.length <= MAX_WORDS + 2) return s;
  const comma = s.search(/[,;:—–]\s/u);
  let cut = comma > 0 && s.slice(0, comma).split(' ').length >= 3 ? s.slice(0, comma) : s;
  if (cut.split(' ').length > MAX_WORDS) {
    const limit = words.slice(0, MAX_WORDS + 1).join(' ').length;
    let best = 0;
    for (const m of cut.matchAll(CUT_EN)) if (m.index <= limit && cut.slice(0, m.index).split(' ').length >= 3) best = m.index;
    cut = best > 0 ? cut.slice(0, best) : words.slice(0, MAX_WORDS).join(' ');
  }
  return `${cut.replace(/[,;:.?!\s]+$/u, '').replace(TRAILING_FUNCTION, '')}…`;
}

function shortenHan(s: string): string {
  const chars = [...s];
  if (chars.length <= MAX_HAN) return s;
  const head = chars.slice(0, MAX_HAN).join('');
  const comma = Math.max(head.lastIndexOf('，'), head.lastIndexOf(','), head.lastIndexOf('、'), head.lastIndexOf('；'));
  return `${comma >= 6 ? head.slice(0, comma) : head}…`;
}
