import type { Lang } from '../model/document.js';
import { isPleasantry } from '../ingest/transcript/noise.js';
import { splitSentences, type Sentence } from '../text/sentences.js';

/**
 * Length bounds for a pull quote, in {@link textUnits}: Chinese characters for `zh`, words for
 * `en`. Outside `min`–`max` a candidate is not eligible; inside `idealMin`–`idealMax` it earns a
 * bonus because it fills a slide without crowding it. `short` is the ceiling for "memorable".
 */
export const QUOTE_BOUNDS = {
  zh: { min: 12, max: 60, idealMin: 15, idealMax: 40, short: 24 },
  en: { min: 8, max: 30, idealMin: 10, idealMax: 22, short: 14 },
} as const;

/** Weight of each named scoring component; the reason strings carry the same names. */
export const QUOTE_WEIGHTS = {
  'dangling-start': -3,
  'leading-conjunction': -3,
  'trailing-colon': -3,
  unfinished: -3,
  unbalanced: -2,
  question: -2,
  'two-sentences': -0.5,
  'continues-previous': -2,
  fragment: -3,
  anecdote: -2,
  example: -2,
  signpost: -2,
  disfluent: -2,
  deictic: -2,
  narration: -2,
  'first-claim': 1,
  contrast: 3,
  turn: 1,
  claim: 1,
  number: 1,
  conviction: 1,
  memorable: 1,
  'ideal-length': 1,
} as const;

/** Name of a scoring component. */
export type QuoteComponent = keyof typeof QUOTE_WEIGHTS;

/** Candidates whose scores are within this margin of the best count as tied; the earliest wins. */
export const QUOTE_TIE_MARGIN = 0.5;

/**
 * Openings that refer back to something the slide does not show. `exceptions` start with the
 * same characters but stand on their own (其实 "actually", 其他 "other").
 */
export const DANGLING_STARTS = {
  zh: ['这', '那', '它', '他们', '她们', '他', '她', '此', '该', '其'],
  zhExceptions: ['其实', '其他', '他人', '那么', '此外', '其次'],
  en: ['this', 'that', 'these', 'those', 'it', 'its', 'they', 'them', 'their', 'he', 'she', 'such'],
} as const;

/** Conjunctions and connectives that tie a sentence to the one before it. */
export const LEADING_CONJUNCTIONS = {
  zh: ['但是', '但', '所以', '因此', '而且', '并且', '或者', '不过', '然而', '因为', '而', '以及', '可是',
    '于是', '那么', '此外', '另外', '况且', '何况', '因而', '从而', '否则', '其次', '甚至', '同时', '还有', '毕竟', '然后', '总之', '反而', '也就是说', '换句话说',
    // "Especially …" narrows the sentence before it: alone it is a clause without its claim.
    '尤其是', '尤其', '特别是'],
  en: ['and', 'but', 'so', 'because', 'or', 'which', 'also', 'then', 'yet', 'nor', 'although', 'though',
    'however', 'therefore', 'thus', 'hence', 'plus', 'besides', 'moreover', 'furthermore', 'instead', 'whereas',
    'especially', 'particularly'],
} as const;

/**
 * Patterns behind the "striking" components, per language. `contrast` is an explicit antithesis
 * (不是…而是, not … but, rather than); `turn` a milder twist (a mid-sentence 但/but, a comparison).
 */
export const STRIKING_PATTERNS = {
  zh: {
    contrast: /不是.{1,40}?而是|[，,]\s*而是|并非.{1,40}?而是|而非|而不是|与其.{1,40}?不如|不[仅只单]是?.{1,40}?(?:而是|更是?|也是)|虽然.{1,40}?[但却]/su,
    turn: /[，,；;](?:但|却|然而|可是|不过)/u,
    claim: /(?<![但可于还要若或总])是(?!否)|必须|一定|肯定|永远|从来|绝不|只有|才能|应该|不能|没有/u,
    number: /\p{Nd}|[零一二两三四五六七八九十百千万亿]+(?:年|岁|倍|名|位|次|成|个月|天|周|代|亿|万|千|%|分之)/u,
    conviction: /我/u,
  },
  en: {
    contrast: /\bnot\b.{1,60}?\bbut\b|\bn't\b.{1,60}?\bbut\b|\brather\b.{1,60}?\bthan\b|\binstead of\b|\bnot (?:just|only)\b|,\s*not\b/isu,
    turn: /[,;]\s*(?:but|yet|however)\b|\b(?:more|less|fewer)\s+\w+.{0,40}?\bthan\b/iu,
    claim: /\b(?:is|are|was|were|must|never|always|will|won't|cannot|can't|should|only)\b/iu,
    number: /\p{Nd}|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|(?:hundred|thousand|million|billion|dozen)s?|percent|half)\b/iu,
    conviction: /\bI\b|\b(?:we|our|us|my)\b/iu,
  },
} as const;

/** An explainable score: a sum of named components, each listed in `reasons`. */
export interface QuoteScore {
  score: number;
  /** One entry per component that fired, e.g. `"contrast +3"`, `"dangling-start -3 (这)"`. */
  reasons: string[];
  /** False when the candidate is outside the length bounds; its score is then `-Infinity`. */
  eligible: boolean;
}

/** A chosen pull quote: verbatim text and its offsets in the answer it came from. */
export interface QuoteChoice {
  text: string;
  start: number;
  end: number;
  score: number;
  reasons: string[];
  /** The best candidate that does not overlap the choice, for a reviewer who would swap them. */
  runnerUp?: { text: string; score: number; reasons: string[] };
}

/**
 * Examples and asides: a sentence that illustrates the point ("is a simple example of", "for
 * instance") ranks below the sentence that makes it.
 */
export const EXAMPLE_PATTERN = /\b(?:for example|for instance|e\.g\.|such as|is an? (?:\w+ )?example)\b|例如|比如|举个例子|譬如|举例来说/iu;

const HAN = /\p{Script=Han}/gu;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * Size of a text in reading units: each Han character counts one, and so does each run of other
 * letters or digits (an English word, "GPT-4", "18"). For Chinese this is "characters" with
 * embedded English terms counted as one; for English it is a word count.
 */
export function textUnits(text: string): number {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.replace(HAN, ' ').match(WORD)?.length ?? 0;
  return han + words;
}

/**
 * Scores one pull-quote candidate (one or two consecutive sentences). Higher is better. The
 * components are self-containedness (penalties for a dangling reference or a conjunction at the
 * start, a trailing colon, an unfinished ending, unbalanced quotation marks), strikingness
 * (contrast, claim, number, first-person conviction, a memorable short line; a question scores
 * lower) and length (ineligible outside {@link QUOTE_BOUNDS}, a bonus in the ideal band).
 */
export function scoreQuote(text: string, lang: Lang): QuoteScore {
  return scoreCandidate(text.trim(), lang, splitSentences(text, lang).length);
}

/**
 * @param continues The candidate follows a sentence that ended mid-thought (`;`, `:`), so on its
 *   own it picks up a thought the slide does not show. Only {@link chooseQuote} knows this.
 */
function scoreCandidate(text: string, lang: Lang, sentenceCount: number, continues = false): QuoteScore {
  const bounds = QUOTE_BOUNDS[lang];
  const units = textUnits(text);
  const unit = lang === 'zh' ? 'chars' : 'words';
  if (units < bounds.min || units > bounds.max) {
    const why = units < bounds.min ? `too-short (${units} < ${bounds.min} ${unit})` : `too-long (${units} > ${bounds.max} ${unit})`;
    return { score: Number.NEGATIVE_INFINITY, reasons: [why], eligible: false };
  }
  const fired: [QuoteComponent, string?][] = [
    ...selfContainment(text),
    ...striking(text, lang, units),
  ];
  if (units >= bounds.idealMin && units <= bounds.idealMax) fired.push(['ideal-length', `${units} ${unit}`]);
  if (sentenceCount > 1) fired.push(['two-sentences']);
  if (continues) fired.push(['continues-previous']);
  let score = 0;
  const reasons = fired.map(([name, detail]) => {
    const w = QUOTE_WEIGHTS[name];
    score += w;
    return `${name} ${w > 0 ? '+' : ''}${w}${detail ? ` (${detail})` : ''}`;
  });
  return { score, reasons, eligible: true };
}

/** Spaces, opening quotation marks and brackets a text may open with before its first word. */
const OPENING_MARKS = /^[\s"'“”‘’「」『』(（]+/u;

/**
 * The dangling reference or conjunction a text opens with, if any (opening quotation marks are
 * skipped). The word lists follow the script of the opening word, not `lang`, because Chinese
 * answers quote English sentences and vice versa. Shared with the key-point trimming.
 */
export function leadingConnective(text: string): { kind: 'dangling-start' | 'leading-conjunction'; word: string } | undefined {
  const body = text.replace(OPENING_MARKS, '');
  if (/^\p{Script=Han}/u.test(body)) {
    const conj = LEADING_CONJUNCTIONS.zh.find((w) => body.startsWith(w));
    if (conj) return { kind: 'leading-conjunction', word: conj };
    if (DANGLING_STARTS.zhExceptions.some((w) => body.startsWith(w))) return undefined;
    const ref = DANGLING_STARTS.zh.find((w) => body.startsWith(w));
    return ref ? { kind: 'dangling-start', word: ref } : undefined;
  }
  const first = (/^[\p{L}']+/u.exec(body)?.[0] ?? '').toLowerCase().replace(/['’]s$/u, '');
  if ((LEADING_CONJUNCTIONS.en as readonly string[]).includes(first)) return { kind: 'leading-conjunction', word: first };
  if ((DANGLING_STARTS.en as readonly string[]).includes(first)) return { kind: 'dangling-start', word: first };
  return undefined;
}

/**
 * Chinese prepositions that open an adverbial phrase. A sentence that starts with one, has no
 * comma, colon or semicolon, and either stacks a second preposition or never closes the phrase
 * with a place or time word is the phrase alone: its subject or main clause sits on the other side
 * of a full stop the source put in the wrong place (在以……身份加入。).
 */
export const FRAGMENT_PREPOSITIONS = ['在', '以', '对于', '对', '从', '把', '被', '向', '于', '为了', '通过', '关于', '随着', '按照', '根据'] as const;

/**
 * Life-story openings: where someone grew up or was born, with a decade. True, but a room does not
 * remember them; the answer's claim is a better slide.
 */
export const ANECDOTE_PATTERN = /长大|出生|小时候|上学时|读书时|\d{2,4}\s*年代|[一二三四五六七八九]十年代|\bgrew up\b|\bwas born\b|\bas a (?:child|kid)\b|\bwhen I was (?:young|a|\d)|\b(?:19|20)\d0s\b/iu;

/** True when the first sentence of a candidate is a bare prepositional phrase or starts mid-sentence. */
export function isFragment(text: string): boolean {
  const body = text.replace(OPENING_MARKS, '');
  // Lower case opens an English sentence mid-way; a Chinese one may open on a code term
  // ("defer 是后进先出。", "select会随机选择…") and still be whole.
  if (/^\p{Ll}/u.test(body)) return !/\p{Script=Han}/u.test(body);
  const first = body.split(/(?<=[。！？!?])/u)[0] ?? body;
  if (!/^\p{Script=Han}/u.test(first) || /[，,：:；;]/u.test(first)) return false;
  const lead = FRAGMENT_PREPOSITIONS.find((w) => first.startsWith(w));
  if (!lead) return false;
  // 在 + another preposition (在以…, 在把…) is "is doing" with its subject left behind; a lone
  // phrase that closes with a place or time word (在美国…里这是…) still carries its main clause.
  const rest = first.slice(lead.length);
  return FRAGMENT_PREPOSITIONS.some((w) => rest.startsWith(w)) || !/(?:里|中|上|下|内|外|前|后|时|之间|方面|面前)/u.test(rest);
}

/**
 * A talk's signposts: a sentence that opens by moving the talk along ("首先", "下面", "第二个",
 * "Next,", "Let's look at") steers the room; it is no statement worth a slide of its own.
 */
export const SIGNPOST_PATTERN =
  /^(?:首先|其次|下面|接下来|接着|然后|最后|再来|先来|我们(?:先|再|来|看|接着)|第[一二三四五六七八九十\d]+(?:个|步|点|部分)?|(?:first(?:ly)?|second(?:ly)?|next|now,? let'?s|let'?s (?:look|see|start|move|talk)|so,? let'?s|okay|ok|alright|moving on)\b)/iu;

/**
 * Speech not yet edited: words said twice in a row ("第二个场景，第二个场景", "the the", "the
 * cache was, the cache was"; not 一步一步 or "AND and"), a sentence broken off and restarted
 * ("that.... it may not", "There's a, clumping…"), or the fillers of spoken Chinese more than
 * once in one sentence (就是, 那个).
 */
export function isDisfluent(text: string): boolean {
  return restarts(text) || (text.match(/就是|那个|其实|然后|嗯|呃/gu)?.length ?? 0) >= 2;
}

/**
 * Words said twice in a row, or a sentence broken off and restarted: {@link isDisfluent} without
 * its count of fillers, which are also how written Chinese links clauses (也就是, 然后).
 */
export function restarts(text: string): boolean {
  // 一步一步, 一个一个 ("step by step", "one by one") are no repeat: 一X一X is how they are said.
  if (/((?!一\p{Script=Han}一)\p{Script=Han}{2,6})[，,、\s]?\1/u.test(text)) return true;
  // A word or up to four said twice as said ("very very", "the cache was, the cache was"), or
  // with a capital the first time ("The the"); "AND and" names an operator.
  if (/\b(\w{2,}|\w+(?:\s+\w+){1,3}),?\s+\1\b/u.test(text)) return true;
  for (const m of text.matchAll(/\b(?=(\p{Lu})(\p{Ll}*)\s+(\p{Ll})\2\b)/gu)) if (m[1]!.toLowerCase() === m[3]) return true;
  // A sentence that trails off and starts again ("Timelock implies that.... it may not").
  if (/(?:\.{3,}|…)\s*\p{Ll}/u.test(text)) return true;
  // An article cut off by a comma is a false start ("There's a, clumping is natural").
  return /\b(?:a|an|the)\s*,/iu.test(text);
}

/**
 * Words that point at the screen or the code being shown ("到这里", "你看", "this line", "as you
 * can see here"): true in the room, meaningless on a slide of their own.
 */
export const DEICTIC_PATTERN = /到这里|看这里|这里(?:是|就是|会|有)|这儿|你看|大家看|[看试跑]一下|这张图|这个图|这一行|\b(?:as you can see|you can see here|right here|over here|this (?:slide|line|screen|diagram|picture))\b/iu;

/**
 * The speaker narrating the session rather than saying something: what comes later in the talk
 * ("后面会…再次讲解", "we'll come back to this later"), what they are about to do on stage
 * ("我们把数据清理一下", "我马上给您起来", "let me show you"), who they are telling ("跟大家分享",
 * "这里的听众", "for people in the room"), the point they are on ("a third point I wanted to make").
 * True in the room, empty on a slide of its own. 一下 after a verb is the spoken "just now,
 * briefly" of a demo (清理一下, 查询一下); 一下子 ("all at once") is not, and 看/试/跑一下 are
 * {@link DEICTIC_PATTERN}'s already (one penalty for the same words).
 */
export const NARRATION_PATTERN =
  /讲解|分享一下|介绍一下|跟大家|给大家|给您|听众|在座|各位|后面会|待会|稍后|等一下|一会儿|我马上|(?![看试跑])\p{Script=Han}一下(?!子)|\b(?:let me (?:show|walk|talk|explain|go through|start|quickly)|I'?ll (?:show|walk|talk about|explain|come back|cover|go through)|we'?ll (?:see|look at|come back|cover|get to|talk about) (?:\w+ )?(?:later|next|in a (?:bit|minute|moment))|later (?:on )?in (?:this|the) talk|in this talk|today I(?:'m| am) going to|(?:come|get) back to (?:this|that|it) later|in the room|(?:this|the) audience|just a (?:clarification|quick note|reminder|quick comment)|(?:point|thing) I (?:wanted|want|meant) to (?:make|add|say|mention))\b/iu;

function selfContainment(text: string): [QuoteComponent, string?][] {
  const out: [QuoteComponent, string?][] = [];
  const opening = text.replace(OPENING_MARKS, '');
  if (SIGNPOST_PATTERN.test(opening)) out.push(['signpost']);
  if (isDisfluent(text)) out.push(['disfluent']);
  if (DEICTIC_PATTERN.test(text)) out.push(['deictic']);
  if (NARRATION_PATTERN.test(text)) out.push(['narration']);
  const lead = leadingConnective(text);
  if (lead) out.push([lead.kind, lead.word]);
  else if (isFragment(text)) out.push(['fragment']);
  if (ANECDOTE_PATTERN.test(text)) out.push(['anecdote']);
  if (EXAMPLE_PATTERN.test(text)) out.push(['example']);
  const tail = text.replace(/[\s"'”’」』)）]+$/u, '');
  if (/[:：]$/u.test(tail)) out.push(['trailing-colon']);
  else if (/[,，;；、—–-]$/u.test(tail)) out.push(['unfinished', tail.slice(-1)]);
  if (!balanced(text)) out.push(['unbalanced']);
  return out;
}

/** True when paired quotation marks and brackets open and close equally often. */
function balanced(text: string): boolean {
  const count = (c: string) => text.split(c).length - 1;
  const pairs = [['“', '”'], ['「', '」'], ['『', '』'], ['《', '》'], ['【', '】'], ['(', ')'], ['（', '）']] as const;
  return pairs.every(([o, c]) => count(o) === count(c)) && count('"') % 2 === 0;
}

function striking(text: string, lang: Lang, units: number): [QuoteComponent, string?][] {
  const p = STRIKING_PATTERNS[lang];
  const out: [QuoteComponent, string?][] = [];
  const contrast = p.contrast.exec(text)?.[0];
  const turn = !contrast && p.turn.test(text);
  if (contrast) out.push(['contrast', contrast.length > 12 ? `${contrast.slice(0, 12)}…` : contrast]);
  if (turn) out.push(['turn']);
  const claim = p.claim.exec(text)?.[0];
  if (claim) out.push(['claim', claim]);
  if (p.number.test(text)) out.push(['number']);
  if (p.conviction.test(text)) out.push(['conviction']);
  if ((contrast || turn || claim) && units <= QUOTE_BOUNDS[lang].short) out.push(['memorable', 'short']);
  if (/[?？][\s"'”’」』)）]*$/u.test(text)) out.push(['question']);
  return out;
}

/** Default limit on candidates scored per answer; candidates come in answer order. */
export const DEFAULT_MAX_CANDIDATES = 60;

/**
 * Chooses a pull quote from an interviewee's answer: the best-scoring single sentence or pair of
 * consecutive sentences (see {@link scoreQuote}). Among candidates within
 * {@link QUOTE_TIE_MARGIN} of the best, the earliest in the answer wins, because the opening of
 * an answer usually carries its point. The result is verbatim: `answer.slice(start, end) === text`.
 *
 * @param answer The answer text WITHOUT its speaker label; a leading `Name:` is the caller's bug
 *   and would end up on the slide.
 * @param options.maxCandidates Score at most this many candidates (the earliest ones).
 * @returns The quote, or `undefined` when no candidate fits the length bounds.
 */
export function chooseQuote(answer: string, lang: Lang, options: { maxCandidates?: number } = {}): QuoteChoice | undefined {
  const limit = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const scored = candidates(answer, splitSentences(answer, lang))
    .slice(0, limit)
    .filter((c) => isStatement(c.text))
    .map((c) => ({ ...c, ...scoreCandidate(c.text, lang, c.count, c.continues) }))
    .filter((c) => c.eligible);
  if (scored.length === 0) return undefined;
  // The answer's first claim that stands on its own usually answers the question.
  const first = scored.find((c) => c.count === 1 && c.reasons.some((r) => r.startsWith('claim ')) && !c.reasons.some((r) => /^\S+ -/u.test(r)));
  if (first) {
    first.score += QUOTE_WEIGHTS['first-claim'];
    first.reasons = [...first.reasons, `first-claim +${QUOTE_WEIGHTS['first-claim']}`];
  }
  const best = Math.max(...scored.map((c) => c.score));
  const close = scored.filter((c) => c.score >= best - QUOTE_TIE_MARGIN);
  // A pair only earns its place when it beats the sentences inside it; otherwise its earlier
  // start would smuggle an unrelated lead-in sentence onto the slide.
  const near = close.filter((p) => p.count === 1 || !close.some((s) => s.count === 1 && s.start >= p.start && s.end <= p.end));
  near.sort((a, b) => a.start - b.start || b.score - a.score || a.end - b.end);
  const { text, start, end, score, reasons } = near[0]!;
  const other = scored.filter((c) => c.end <= start || c.start >= end).sort((a, b) => b.score - a.score || a.start - b.start)[0];
  return { text, start, end, score, reasons, ...(other ? { runnerUp: { text: other.text, score: other.score, reasons: other.reasons } } : {}) };
}

const URL_OR_PATH = /\bhttps?:\/\/|\bwww\.|`/iu;

/**
 * Code and commands said aloud are no pull quotes: an arrow (`->`, `=>`), a command-line flag
 * (`--raft_addr`), a snake_case or call-shaped identifier (`election_timeout`, `Run()`), a key
 * and value in brackets (`(branch: election-1)`), a shell path (`./demo`).
 */
const CODE_LIKE = /->|=>|(?:^|\s)--?[a-z][\w-]*[= ]|\b[a-z]+_[a-z_]+\b|\b\w+\(\)|[(（][^()（）]*\b[a-z]+:\s*[\w-]+[)）]|(?:^|\s)\.{1,2}\/\w/u;

/**
 * True when a text can stand on a slide as someone's statement: no URL or code, no question, no
 * label, no lead-in ending in a colon, no trailing off. The test every pull quote passes, generated
 * or marked by the author.
 */
export function isStatement(text: string): boolean {
  return standsAlone(text.trim()) && !CODE_LIKE.test(text);
}

/**
 * Candidates that can never be a pull quote, whatever their score: a greeting, thanks or a
 * sponsor read; a URL or code; a question; a label; a sentence that ends by introducing what follows (`for
 * example:`), which the slide would not show; a sentence that trails off (`are the...`).
 */
function standsAlone(text: string): boolean {
  if (isPleasantry(text) || URL_OR_PATH.test(text)) return false;
  // A question asks instead of saying; a label (`Answer: True.`) captions what follows it.
  // In a pair, the same of either sentence.
  if (/[?？][\s"'”’」』)）]*(?:$|\s*\S)/u.test(text) || /(?:^|[.!?。！？]\s*)(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+){0,2}|\p{Script=Han}{1,4})[:：]\s*\S/u.test(text)) return false;
  if (/(?:\.{3,}|…+|-{2,}|—)[\s"'”’」』)）]*$/u.test(text)) return false;
  return !/[:：][\s"'”’」』)）]*$/u.test(text);
}

interface Candidate {
  text: string;
  start: number;
  end: number;
  count: number;
  continues: boolean;
}

/** Every sentence and every pair of consecutive sentences on the same line, in answer order. */
function candidates(answer: string, sentences: Sentence[]): Candidate[] {
  const out: Candidate[] = [];
  sentences.forEach((s, i) => {
    const prev = sentences[i - 1];
    const continues = !!prev && /[;；:：,，]$/u.test(prev.text) && !answer.slice(prev.end, s.start).includes('\n');
    out.push({ text: s.text, start: s.start, end: s.end, count: 1, continues });
    const next = sentences[i + 1];
    if (next && !answer.slice(s.end, next.start).includes('\n')) {
      out.push({ text: answer.slice(s.start, next.end), start: s.start, end: next.end, count: 2, continues });
    }
  });
  return out;
}
