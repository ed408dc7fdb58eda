/**
 * Slides for a section that holds a long conversation (many question/answer units, as in a
 * podcast or a panel): not every unit gets its own slides, or an hour would give a hundred.
 * The section opens with its first real question, shows the guests' best lines as pull
 * quotes, each attributed to whoever said it, and sums up the rest as key points. The notes
 * keep every turn.
 */
import type { ExchangeBlock, Lang, Turn } from '../model/document.js';
import type { SlidePlan } from '../model/plan.js';
import { isGenericLabel } from '../ingest/speakers.js';
import { isPleasantry } from '../ingest/transcript/noise.js';
import { splitSentences } from '../text/sentences.js';
import { words } from '../text/words.js';
import { budgets, cutToBudget, units as sizeOf } from './budgets.js';
import { keyPoints } from './points.js';
import { chooseQuote, type QuoteChoice } from './quotes.js';
import { quoteReview } from './shape.js';
import type { PlanContext } from './sections.js';

/** From this many units on, a section is planned as one conversation… */
export const CONVERSATION_UNITS = 5;
/** …or from 4 units when they run this long (words, or Han characters / 2): a panel, not a FAQ. */
const LONG_UNITS = 4;
const LONG_WORDS = 400;

/** True when a section's units are too many or too long for a question and a quote each. */
export function isConversation(units: readonly ExchangeBlock[], lang: Lang): boolean {
  if (units.length >= CONVERSATION_UNITS) return true;
  if (units.length < LONG_UNITS) return false;
  const text = units.flatMap(turnsOf).map((t) => t.text).join(' ');
  const size = lang === 'zh' ? (text.match(/\p{Script=Han}/gu)?.length ?? 0) / 2 : text.split(/\s+/u).length;
  return size >= LONG_WORDS;
}
/** Units per pull quote in a conversation section, and the most quotes one section shows. */
const UNITS_PER_QUOTE = 5;
const MAX_QUOTES = 3;

/** The attribution line for a turn: nothing for a bare `A:` whose person is unknown. */
export function attribution(speaker: string): string {
  return isGenericLabel(speaker) ? '' : speaker;
}

/** The question sentences of a host's turn, or undefined when it asks nothing. */
function askedQuestion(turn: Turn, ctx: PlanContext): string | undefined {
  const sentences = splitSentences(turn.text, ctx.lang).map((s) => s.text.trim());
  const first = sentences.findIndex((s) => /[?？][\s"'”’」』)）]*$/u.test(s));
  if (first < 0) return undefined;
  const shown = sentences.slice(first, first + 2).filter((s, i) => i === 0 || /[?？][\s"'”’」』)）]*$/u.test(s)).join(' ');
  return (ctx.autofit && cutToBudget(shown, budgets.question[ctx.lang], ctx.lang, true).kept) || shown;
}

function turnsOf(x: ExchangeBlock): Turn[] {
  return [x.question, x.answer, ...(x.more ?? [])].filter((t): t is Turn => t !== undefined);
}

interface Pick {
  unit: number;
  turn: Turn;
  choice: QuoteChoice;
}

/** Plans the units of one conversation section, in source order. */
export function conversationSlides(units: readonly ExchangeBlock[], section: string, want: Set<string>, ctx: PlanContext): SlidePlan[] {
  const { lang } = ctx;
  const w = words[lang];
  const out: SlidePlan[] = [];
  // Which unit each slide stands at, so every unit's words go to the notes of the slide shown while it is told.
  const anchors: number[] = [];
  if (want.has('question')) {
    const asked = units.map((x) => x.question && { q: x.question, text: askedQuestion(x.question, ctx) });
    // The first question short enough to read at a glance, else the first question.
    const short = asked.findIndex((x) => x?.text && !x.text.startsWith('…') && sizeOf(x.text, ctx.lang) <= budgets.question[ctx.lang]);
    const at = short >= 0 ? short : asked.findIndex((x) => x?.text);
    const opening = asked[at];
    if (opening) {
      anchors.push(at);
      out.push({
        template: 'question',
        section,
        title: section,
        question: { text: opening.text!, by: attribution(opening.q.speaker), line: opening.q.line },
        notes: `${w.question(opening.q.speaker)}\n${opening.q.text}`,
        seconds: 0,
        line: opening.q.line,
      });
    }
  }
  const picks: Pick[] = [];
  if (want.has('quote')) {
    const all: Pick[] = [];
    units.forEach((x, unit) => {
      for (const turn of [x.answer, ...(x.more ?? [])]) {
        if (!turn || turn.role !== 'interviewee') continue;
        const choice = chooseQuote(turn.text, lang);
        // A guest asking back (`are you going to roll it out?`) is no line to put on a slide.
        if (choice && !isPleasantry(choice.text) && !/[?？][\s"'”’」』)）]*$/u.test(choice.text)) all.push({ unit, turn, choice });
      }
    });
    const count = Math.min(MAX_QUOTES, Math.max(1, Math.round(units.length / UNITS_PER_QUOTE)));
    // The best lines, at most one per unit, shown in the order they were said.
    const used = new Set<number>();
    for (const p of [...all].sort((a, b) => b.choice.score - a.choice.score || a.unit - b.unit)) {
      if (picks.length >= count) break;
      if (used.has(p.unit)) continue;
      used.add(p.unit);
      picks.push(p);
    }
    picks.sort((a, b) => a.unit - b.unit || a.choice.start - b.choice.start);
  }
  for (const p of picks) {
    anchors.push(p.unit);
    const line = p.turn.line + (p.turn.text.slice(0, p.choice.start).match(/\n/g)?.length ?? 0);
    out.push({
      template: 'quote',
      section,
      quote: { text: p.choice.text, by: attribution(p.turn.speaker), line, choice: quoteReview(p.choice) },
      notes: `${w.answer(p.turn.speaker)}\n${p.turn.text}`,
      seconds: 0,
      line,
    });
  }
  if (want.has('points')) {
    const guestWords = units.flatMap((x) => [x.answer, ...(x.more ?? [])]).filter((t): t is Turn => t?.role === 'interviewee').map((t) => t.text);
    const points = keyPoints(guestWords, lang, { maxItems: budgets.points[lang], maxUnits: budgets.point[lang] }, { exclude: picks.map((p) => p.choice.text), title: section });
    if (points.length >= 2) {
      // After the last quote: the units told after it are what the points sum up.
      const at = Math.min(units.length - 1, Math.max(-1, ...anchors) + 1);
      anchors.push(at);
      out.push({ template: 'points', section, title: section, points, notes: '', seconds: 0, line: units[at]!.line });
    }
  }
  if (out.length === 0) {
    const notes = units.flatMap(turnsOf).map((t) => `${t.speaker}: ${t.text}`).join('\n\n');
    return [{ template: 'content', section, title: section, body: '', notes, seconds: 0, line: units[0]!.line, variant: 'notes-only' }];
  }
  const extra: string[][] = out.map(() => []);
  units.forEach((x, u) => {
    let host = 0;
    anchors.forEach((a, i) => {
      if (a <= u) host = i;
    });
    const shown = out[host]!;
    for (const t of turnsOf(x)) {
      if (shown.notes.includes(t.text)) continue;
      extra[host]!.push(`${t.speaker}: ${t.text}`);
    }
    if (x.commentary.length) extra[host]!.push(...x.commentary);
  });
  out.forEach((s, i) => {
    s.notes = [s.notes, ...extra[i]!].filter(Boolean).join('\n\n');
  });
  return out;
}
