/**
 * FAQs and question lists: a run of sibling sections whose headings are questions ("How do I
 * …?", "为什么…？", "1. 下面代码输出什么？"). Each such section is one entry: its heading is the
 * question and stays the title of its slides, so it gets no divider of its own (a divider would
 * only repeat the question); a short answer goes on the slide verbatim, links and all, rather
 * than cut into key points. Entries stay grouped under the document's own headings above them.
 */
import type { ExchangeBlock, Lang, Section, SourceDocument, Turn } from '../model/document.js';
import type { SlidePlan } from '../model/plan.js';
import { isGenericLabel } from '../ingest/speakers.js';
import { escapeMarkdown } from '../ingest/markdown-escape.js';
import { words } from '../text/words.js';
import { budgets, cutToBudget, units } from './budgets.js';
import { contentSlides } from './content.js';
import { keyPoints } from './points.js';
import { chooseQuote } from './quotes.js';
import { quoteReview } from './shape.js';
import { attribution } from './conversation.js';
import type { PlanContext } from './sections.js';

/** Fewest sibling sections that make a list of questions. */
const MIN_ENTRIES = 4;

/** Share of sibling headings that must read as questions. */
const QUESTION_SHARE = 0.6;

/** Up to this size (words, or Han characters), an entry's answer goes on its slide as written. */
export const SHORT_ANSWER_UNITS = { en: 70, zh: 140 } as const;

const NUMBERING = /^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．)）]\s*/u;
const EN_ASKS = /^(?:how|why|what|when|where|which|who|whom|whose|can|could|do|does|did|is|are|was|were|should|will|would|may|must|has|have)\b/iu;
// A Chinese heading asks when it opens or ends on an interrogative ("为什么…", "…是什么", "…吗");
// one in the middle is usually an indirect statement ("第3次实验是怎么做的": how it was done),
// but an A-not-A form (能否, 有没有) asks wherever it stands.
const ZH_ASKS = /^(?:为什么|为何|怎么|怎样|如何|什么|哪[个些里儿种]|是否|能否|可否|有没有|多少)|(?:吗|呢|为什么|为何|怎么办|怎么样|怎样|如何|是否|有没有)[。.!！]?$|(?:什么|哪[个些里儿种]|多少)\p{Script=Han}{0,4}$|能否|可否|是否|有没有|能不能|会不会|要不要|可不可以/u;

// An exercise's prompt asks by telling ("写出下面代码的输出", "说明原因", "Explain why …"): a
// clause that opens or ends on such an instruction is a question in an exam's words.
// 说明 and 解释 are nouns too (说明文档), so they only instruct after 请 or before what to explain.
const ZH_TASK = /^请?(?:写出|说出|指出|列出|简述)|^请(?:说明|解释|分析)|(?:说明|说出|解释)(?:原因|理由|为什么)$/u;
const EN_TASK = /^(?:explain|describe)\b/iu;

/**
 * True when a heading asks a question: a question mark anywhere ("…会触发异常吗？请详细说明"), or a
 * clause that opens or ends on an interrogative word or an exercise's instruction (numbering aside).
 */
export function isQuestionTitle(title: string): boolean {
  const t = title.replace(NUMBERING, '').trim();
  if (!t) return false;
  if (/[?？]/u.test(t)) return true;
  const clauses = t.split(/[，,；;]/u).map((c) => c.trim().replace(/[。.!！]+$/u, '')).filter(Boolean);
  return clauses.some((c) => EN_ASKS.test(c) || ZH_ASKS.test(c) || ZH_TASK.test(c) || EN_TASK.test(c));
}

const cache = new WeakMap<SourceDocument, Set<Section>>();

/** Every section of the document that is an entry of a question list (see the module's comment). */
export function faqEntries(doc: SourceDocument): Set<Section> {
  const known = cache.get(doc);
  if (known) return known;
  const out = new Set<Section>();
  // A section that holds an interview's turns is a themed part of a conversation, not an entry.
  const leaf = (s: Section) => s.subsections.length === 0 && !s.blocks.some((b) => b.kind === 'exchange');
  const leaves: Section[] = [];
  const collect = (list: readonly Section[]) => list.forEach((s) => (leaf(s) && s.title.trim() ? leaves.push(s) : collect(s.subsections)));
  collect(doc.sections);
  // A document that is an FAQ as a whole: a short group of questions under its heading is entries too.
  const whole = asks(leaves);
  const visit = (siblings: readonly Section[]) => {
    const titled = siblings.filter((s) => s.title.trim());
    const share = titled.filter((s) => isQuestionTitle(s.title)).length / Math.max(1, titled.length);
    if ((whole && titled.length >= 2 && share >= 0.5) || asks(titled)) {
      for (const s of titled) if (leaf(s)) out.add(s);
    }
    for (const s of siblings) visit(s.subsections);
  };
  visit(doc.sections);
  cache.set(doc, out);
  return out;
}

/** True when enough of these sections, and a large enough share of them, are headed by questions. */
function asks(sections: readonly Section[]): boolean {
  return sections.length >= MIN_ENTRIES && sections.filter((s) => isQuestionTitle(s.title)).length >= QUESTION_SHARE * sections.length;
}

/**
 * True when key points would lose an entry's answer: none come out of it, or one alone from an
 * answer that still fits a slide as written (twice the short size).
 */
export function thinPoints(planned: readonly SlidePlan[], prose: readonly { text: string }[], lang: Lang): boolean {
  const points = planned.flatMap((s) => s.points ?? []);
  return points.length === 0 || (points.length === 1 && units(prose.map((p) => p.text).join(' '), lang) <= 2 * SHORT_ANSWER_UNITS[lang]);
}

/** True when an entry's answer prose is short enough to show as written. */
export function shortAnswer(texts: readonly string[], lang: Lang): boolean {
  return units(texts.join(' '), lang) <= SHORT_ANSWER_UNITS[lang];
}

/** A title that says the document or part is questions and answers. */
const FAQ_TITLE = /\bFAQs?\b|frequently asked|\bQ ?(?:&|and) ?A\b|\bQA\b|\bquestions\b|\bask (?:me|us)\b|常见问题|问答|答疑|问与答|答问|提问|问题解答/iu;

/** Median answer size (words, or Han characters) up to which labelled questions read as an FAQ. */
const FAQ_ANSWER_UNITS = { en: 110, zh: 220 } as const;

/** The least score an FAQ answer's sentence needs to be pulled out as a quote. */
const MIN_FAQ_QUOTE_SCORE = 2;

/**
 * True when a section's units are an FAQ's rather than an interview's: the document or the
 * section calls itself one (FAQ, Q&A, questions, 常见问题, 问答), every question is put by a
 * role label (`Q:`, `问：`) or set apart in bold or as a list item and asks something, no named
 * guest answers (only `A:` or the author), and the answers are short. Each such question gets a slide of its own, headed by the question.
 */
export function isFaqUnits(units: readonly ExchangeBlock[], doc: SourceDocument, sectionTitle: string): boolean {
  const lang = doc.meta.lang;
  // Only a document or part that calls itself one: `Q:`/`A:` also transcribe interviews.
  if (!FAQ_TITLE.test(`${doc.meta.title}\n${sectionTitle}`)) return false;
  const asked = units.filter((u) => u.question);
  if (asked.length < 2 || asked.length < units.length / 2) return false;
  if (!asked.every((u) => isGenericLabel(u.question!.speaker) && /[?？]/u.test(u.question!.text))) return false;
  // A named guest answering (not the document's author) makes it an interview.
  if (units.some((u) => answerOf(u).some((t) => !isGenericLabel(t.speaker) && t.speaker !== doc.meta.author))) return false;
  const sizes = units.map((u) => answerOf(u).reduce((n, t) => n + unitsOf(t.text, lang), 0)).sort((a, b) => a - b);
  return (sizes[Math.floor(sizes.length / 2)] ?? 0) <= FAQ_ANSWER_UNITS[lang];
}

function unitsOf(text: string, lang: Lang): number {
  return units(text, lang);
}

function answerOf(u: ExchangeBlock): Turn[] {
  return [u.answer, ...(u.more ?? [])].filter((t): t is Turn => t !== undefined && t.role === 'interviewee');
}

/**
 * One FAQ question's slides, headed by the question: a short answer as written; a longer one
 * as key points, after a pull quote when a sentence of it earns one (attributed to the person
 * the answers are known to be by, else with no attribution line). The notes keep every word.
 */
export function faqUnitSlides(ex: ExchangeBlock, section: string, ctx: PlanContext): SlidePlan[] {
  const { lang } = ctx;
  const w = words[lang];
  const q = ex.question;
  const title = q ? (ctx.autofit && cutToBudget(q.text, budgets.question[lang], lang, true).kept) || q.text : section;
  const answers = answerOf(ex);
  const said = answers.map((t) => t.text).join('\n\n');
  const notes = [q ? `${w.question(q.speaker)}\n${q.text}` : '', ...answers.map((t) => `${w.answer(t.speaker)}\n${t.text}`), ...ex.commentary].filter(Boolean).join('\n\n');
  const line = q?.line ?? ex.line;
  const asWritten = (): SlidePlan[] => {
    const text = [said, ...ex.commentary].filter(Boolean).join('\n\n');
    if (!text) return [{ template: 'content', section, title, body: '', notes, seconds: 0, line, variant: 'notes-only' }];
    const slides = contentSlides([{ kind: 'html', markdown: text.split(/\n{2,}/u).map(escapeMarkdown).join('\n\n'), text, line: answers[0]?.line ?? line }], title, lang, ctx.autofit);
    return slides.map((s, i) => ({ ...s, section, ...(i === 0 ? { notes, line } : { notes: '' }) }));
  };
  if (!said || shortAnswer([said], lang)) return asWritten();
  const out: SlidePlan[] = [];
  const by = answers[0]!;
  const choice = chooseQuote(said, lang);
  const quoted = choice && choice.score >= MIN_FAQ_QUOTE_SCORE ? choice : undefined;
  const points = keyPoints([said, ...ex.commentary], lang, { maxItems: budgets.points[lang], maxUnits: budgets.point[lang] }, { exclude: quoted ? [quoted.text] : [], title });
  if (points.length === 0 || (points.length === 1 && units(said, lang) <= 2 * SHORT_ANSWER_UNITS[lang])) return asWritten();
  // The question and its points first: a quote before them would answer what nobody has asked yet.
  out.push({ template: 'points', section, title, points, notes: '', seconds: 0, line });
  if (quoted) {
    const at = by.line + (said.slice(0, quoted.start).match(/\n/g)?.length ?? 0);
    out.push({ template: 'quote', section, quote: { text: quoted.text, by: attribution(by.speaker), line: at, choice: quoteReview(quoted) }, notes: '', seconds: 0, line: at });
  }
  out[0]!.notes = notes;
  return out;
}
