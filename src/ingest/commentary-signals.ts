/**
 * Sentence-level signals that tell an interviewee's spoken answer from the editorial
 * commentary an article runs straight after it. Spoken answers use the first and second
 * person, colloquial particles and (in Chinese tech talk) lower-case English words; commentary
 * names the speaker in the third person, reaches for similes, generalises and restates.
 */

/** What the commentary detector knows about the unit it is reading. */
export interface CommentaryContext {
  /** The interviewee's name and its variants as they may appear in running text. */
  names: readonly string[];
  /** Other proper names the commentary talks about (the interviewee's organisation …). */
  entities: readonly string[];
  /** Title of the enclosing section: commentary tends to echo it. */
  heading: string;
}

/** Signal counts for one sentence. */
export interface SentenceSignals {
  /** Evidence of speech: first/second person, colloquialisms, code-switching. */
  spoken: number;
  /** The sentence speaks as `I`/`we` or to `you`: the speaker's own voice. */
  personal: boolean;
  /** Strong evidence of commentary: the speaker named, a reporting verb, a simile. */
  strong: number;
  /** Weaker evidence of commentary: generalising openers, literary words, restatement. */
  weak: number;
}

const FIRST_PERSON_ZH = /我|咱/u;
// Editorial "we" (`让我们看到`) addresses the reader; it is not the speaker talking.
const EDITORIAL_WE_ZH = /[让使令带]我们|我们不难|值得我们/gu;
const FIRST_PERSON_EN = /\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Ww]e're|[Ww]e've|[Ww]e'd|[Oo]ur|[Oo]urs|us)\b/u;
const SECOND_PERSON = /你|您|\b[Yy]ou(?:r|rs)?\b/u;
const COLLOQUIAL_ZH = /其实|肯定|觉得|反正|怎么|这么|挺|蛮|嘛|吧(?=[。！？!?，,\s]|$)|呢(?=[。？?])|啊(?=[。！？!?，,])/u;
const COLLOQUIAL_EN = /\b(?:yeah|you know|I mean|kind of|sort of|gonna|wanna|basically|actually|honestly|okay)\b/iu;
const LOWER_LATIN_WORD = /(?<![A-Za-z])[a-z][A-Za-z]+/u;

const SIMILE_ZH = /就像|好比|如同|犹如|宛如|仿佛|恰似|好似|正如|宛若|恍若|(?<![例比假譬诸])如[一这那][个颗座场只片艘条位群般棵把道股阵]/u;
const REPORTING_ZH = /[他她它]们?(?:认为|指出|表示|强调|相信|坚信|深知|坦言|直言|透露|说道|提到|谈到|看来)/u;
const REPORTING_EN = /\b(?:he|she|they)\s+(?:said|says|believes?|argues?|argued|notes?|noted|points? out|pointed out|explains?|explained|adds?|added|insists?|insisted|admits?|admitted|recalls?|recalled)\b/iu;
const SIMILE_EN = /\b(?:like an?|as if|as though|akin to|much like|just as)\b/iu;

const OPENER_ZH = /^(?:[“"]?在[^，,。；;]{1,24}[，,]|回顾|纵观|综上|总之|总而言之|总的来说|可以说|由此可见|不难看出|显然|事实上|诚然|值得一提|毋庸置疑|无疑|的确|这种|这一|这些|这样的|这就|这也|这不仅|正是|然而|[他她它]们?)/u;
const LITERARY_ZH = /然而|绝非|无疑|堪称|彰显|凭借|源于|深知|不禁|令人/u;
const OPENER_EN = /^(?:In (?:the|a|an|this|today's)\b[^,]{0,40},|Looking back|Clearly|Indeed|In other words|In short|In sum|Ultimately|Undoubtedly|This (?:shows|suggests|means|is why|reflects|highlights)|Such\b|For (?:many|most)\b|As a result|(?:He|She|They|His|Her|Their)\b)/u;

// Characters too common to show that a sentence restates a heading.
const FUNCTION_HAN = new Set([...'的了是在和与也都就而及或不之其这那什么为何如吗呢吧啊个一有']);

function contentBigrams(s: string): Set<string> {
  const out = new Set<string>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (/^\p{Script=Han}{2}$/u.test(a + b) && !FUNCTION_HAN.has(a) && !FUNCTION_HAN.has(b)) {
      out.add(a + b);
    }
  }
  return out;
}

function contentWords(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[a-z]{5,}/g) ?? []);
}

function echoes(sentence: string, heading: string): boolean {
  if (!heading) return false;
  const mine = /\p{Script=Han}/u.test(heading) ? contentBigrams(sentence) : contentWords(sentence);
  const theirs = /\p{Script=Han}/u.test(heading) ? contentBigrams(heading) : contentWords(heading);
  let shared = 0;
  for (const x of theirs) if (mine.has(x)) shared++;
  return shared >= 2;
}

function mentions(sentence: string, terms: readonly string[]): boolean {
  const lower = sentence.toLowerCase();
  return terms.some((t) => {
    const term = t.toLowerCase();
    if (/\p{Script=Han}/u.test(term)) return lower.includes(term);
    return new RegExp(`(?<![a-z])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z])`, 'u').test(lower);
  });
}

/** Counts the answer and commentary signals in one sentence. */
export function sentenceSignals(sentence: string, ctx: CommentaryContext): SentenceSignals {
  const han = /\p{Script=Han}/u.test(sentence);
  const speechZh = sentence.replace(EDITORIAL_WE_ZH, '');
  const first = FIRST_PERSON_ZH.test(speechZh) || FIRST_PERSON_EN.test(sentence);
  const second = SECOND_PERSON.test(sentence);
  const spoken =
    Number(first) +
    Number(second) +
    Number(COLLOQUIAL_ZH.test(sentence) || COLLOQUIAL_EN.test(sentence)) +
    Number(han && LOWER_LATIN_WORD.test(sentence));
  const strong =
    Number(mentions(sentence, ctx.names)) +
    Number(REPORTING_ZH.test(sentence) || REPORTING_EN.test(sentence)) +
    Number(SIMILE_ZH.test(sentence));
  const weak =
    Number(OPENER_ZH.test(sentence) || OPENER_EN.test(sentence)) +
    Number(LITERARY_ZH.test(sentence) || SIMILE_EN.test(sentence)) +
    Number(mentions(sentence, ctx.entities)) +
    Number(echoes(sentence, ctx.heading));
  return { spoken, personal: first || second, strong, weak };
}
