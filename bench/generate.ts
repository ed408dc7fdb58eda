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

/** The shapes of {@link conversation}: a Markdown podcast with bold speaker labels and no headings, or a plain-text FAQ. */
export type ConversationShape = 'podcast' | 'faq';

const stageDirections = { en: ['\\[laughter\\]', '\\[laughs\\]', '\\[crosstalk\\]'], zh: ['（笑）', '【笑声】', '（停顿）'] } as const;

/** `HH:MM:SS` for a number of seconds. */
const clock = (s: number) => [s / 3600, (s / 60) % 60, s % 60].map((n) => String(Math.floor(n)).padStart(2, '0')).join(':');

/**
 * A transcript of about `bytes` UTF-8 bytes in one of the shapes issue #14 reads, with no
 * headings, so Lectern has to find the turns, the speakers and the topics itself:
 * - `podcast`: Markdown; two hosts and a guest. English turns are `**Name:** text` with
 *   inline `\[laughter\]` and `\[00:20:19.18\]`; Chinese turns are a `**00:01:42 - 名字**：`
 *   label on its own line, sometimes a timestamp alone that continues the same speaker, and
 *   `（笑）`-style stage directions.
 * - `faq`: plain text; a title line, then `Q:`/`A:` (`问：`/`答：`) pairs.
 * A longer transcript starts with the text of a shorter one.
 */
export function conversation(lang: Lang, shape: ConversationShape, bytes: number, seedKey: string): string {
  const v = voices[lang];
  const r = rng(seedOf(`${seedKey}/${shape}`));
  const guest = v.person(r);
  const hosts = [v.person(r), v.person(r)].map((p) => (lang === 'en' ? p.label.split(' ')[0]! : p.label));
  const title = v.title(r);
  const parts: string[] = [];
  let seconds = 5;
  const words = (s: string) => (lang === 'zh' ? s.length / 4 : s.split(' ').length);
  const say = (who: string, text: string) => {
    const at = clock(seconds);
    seconds += Math.round(words(text) / 2.5) + 3;
    if (lang === 'en') return `**${who}:** ${text}`;
    return `**${at} - ${who}**：\n\n${text}`;
  };
  const answer = () => {
    const s = sentences(r, r.int(3, 6), (x, avoid) => v.answer(x, avoid));
    if (shape === 'podcast' && r.chance(0.3)) s.splice(r.int(1, s.length - 1), 0, r.pick(stageDirections[lang]));
    if (shape === 'podcast' && lang === 'en' && r.chance(0.2)) s.splice(r.int(1, s.length - 1), 0, `\\[${clock(seconds)}.${String(r.int(0, 99)).padStart(2, '0')}\\]`);
    return joinSentences(lang, s);
  };
  if (shape === 'faq') {
    const [q, a] = lang === 'zh' ? ['问：', '答：'] : ['Q: ', 'A: '];
    parts.push(lang === 'zh' ? `${title}：常见问题` : `${title}: Frequently Asked Questions`, '');
    for (let size = 0; size < bytes; ) {
      const pair = `${q}${v.question(r)}\n${a}${answer()}\n`;
      parts.push(pair);
      size += Buffer.byteLength(pair) + 1;
    }
    return parts.join('\n');
  }
  parts.push('---', `title: "${title}"`, '---', '');
  const welcome = lang === 'zh' ? `大家好，欢迎收听本期节目。今天我们请到了${guest.label}。` : `Hello and welcome back. Today we are talking with ${guest.label}.`;
  parts.push(say(hosts[0]!, welcome), '', say(guest.label, lang === 'zh' ? '谢谢邀请。' : 'Thanks for having me.'), '');
  for (let size = Buffer.byteLength(parts.join('\n')); size < bytes; ) {
    const turns = [say(hosts[r.int(0, 1)]!, v.question(r)), say(guest.label, answer())];
    // A Chinese guest sometimes goes on after a pause: a timestamp alone continues the turn.
    if (lang === 'zh' && r.chance(0.25)) {
      turns.push(`**${clock(seconds)}**\n\n${answer()}`);
      seconds += 20;
    }
    if (r.chance(0.3)) turns.push(say(hosts[r.int(0, 1)]!, v.question(r)), say(guest.label, answer()));
    const text = turns.join('\n\n') + '\n';
    parts.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  return parts.join('\n');
}
