/**
 * Generated inputs for the benchmark: Markdown interview talks (themed `##` sections with a
 * question, a first-person answer and third-person commentary) and long plain-text
 * transcripts. Deterministic: the same seed gives the same bytes, and a document with more
 * sections starts with the same text as one with fewer, so slide counts grow monotonically.
 */
import { rng, seedOf, type Rng } from './prng.js';
import { joinSentences, type Person, type Voice } from './voice.js';
import { english } from './voice-en.js';
import { chinese } from './voice-zh.js';

export const voices = { en: english, zh: chinese } as const;
export type Lang = keyof typeof voices;

function sentences(r: Rng, n: number, make: (r: Rng, avoid: Set<number>) => string): string[] {
  const avoid = new Set<number>();
  return Array.from({ length: n }, () => make(r, avoid));
}

interface Exchange {
  question: string;
  answer: string[];
  commentary: string[];
}

function exchange(v: Voice, r: Rng, who: Person): Exchange {
  return {
    question: v.question(r),
    answer: sentences(r, r.int(3, 6), (x, avoid) => v.answer(x, avoid)),
    commentary: sentences(r, r.int(2, 4), (x, avoid) => v.commentary(x, who.short, avoid)),
  };
}

/** Writes a document section by section until `enough` says stop. */
function* sectionsOf(v: Voice, r: Rng, who: Person, maxExchanges: number): Generator<{ title: string; exchanges: Exchange[]; quote?: string }> {
  for (;;) {
    const count = r.chance(0.35) ? r.int(2, maxExchanges) : 1;
    yield {
      title: v.sectionTitle(r),
      exchanges: Array.from({ length: count }, () => exchange(v, r, who)),
      quote: r.chance(0.1) ? v.answer(r, new Set()) : undefined,
    };
  }
}

/** A Markdown interview talk with `sectionCount` themed sections. */
export function markdownTalk(lang: Lang, sectionCount: number, seedKey: string): string {
  const v = voices[lang];
  const r = rng(seedOf(seedKey));
  const who = v.person(r);
  const title = v.title(r);
  const label = (name: string) => (lang === 'zh' ? `${name}：` : `**${name}:** `);
  const out = [
    '---',
    `title: "${title}"`,
    `subtitle: "${v.subtitle(r, who.label)}"`,
    `author: "${who.label}"`,
    'date: 2026-01-15',
    `lang: ${lang}`,
    '---',
    '',
    `# ${title}`,
    '',
    joinSentences(lang, sentences(r, 4, (x, avoid) => v.commentary(x, who.short, avoid))),
    '',
  ];
  const gen = sectionsOf(v, r, who, 2);
  for (let i = 0; i < sectionCount; i++) {
    const s = gen.next().value!;
    out.push(`## ${s.title}`, '');
    for (const ex of s.exchanges) {
      out.push(`${label(v.interviewer)}${ex.question}`, '', `${label(who.label)}${joinSentences(lang, ex.answer)}`, '', joinSentences(lang, ex.commentary), '');
    }
    if (s.quote) out.push(`> ${s.quote}`, '', `— ${who.label}`, '');
  }
  return out.join('\n');
}

/**
 * A plain-text transcript of about `bytes` UTF-8 bytes: a title line, a labelled summary, an
 * intro, then numbered parts (`Part 12: …`, `第12节 …`), each with one to three labelled
 * question/answer turns and a commentary paragraph.
 */
export function transcript(lang: Lang, bytes: number, seedKey: string): string {
  const v = voices[lang];
  const r = rng(seedOf(seedKey));
  const who = v.person(r);
  const title = v.title(r);
  const colon = lang === 'zh' ? '：' : ': ';
  const parts = [title, `${lang === 'zh' ? '访谈背景' : 'Summary'}${colon}${v.subtitle(r, who.label)}${lang === 'zh' ? '。' : '.'}`, '', joinSentences(lang, sentences(r, 5, (x, avoid) => v.commentary(x, who.short, avoid))), ''];
  let size = Buffer.byteLength(parts.join('\n'));
  const gen = sectionsOf(v, r, who, 3);
  for (let i = 1; size < bytes; i++) {
    const s = gen.next().value!;
    const chunk = [lang === 'zh' ? `第${i}节 ${s.title}` : `Part ${i}: ${s.title}`, ''];
    for (const ex of s.exchanges) {
      chunk.push(`${v.interviewer}${colon}${ex.question}`, '', `${who.label}${colon}${joinSentences(lang, ex.answer)}`, '', joinSentences(lang, ex.commentary), '');
    }
    const text = chunk.join('\n') + '\n';
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return parts.join('\n');
}
