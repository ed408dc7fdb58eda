import type { ReadingSpeed } from '../config/schema.js';
import type { Lang } from '../model/document.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SlidePlan } from '../model/plan.js';
import { splitSentences } from '../text/sentences.js';
import { cutToFit } from './budgets.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight, textWidth, wrapLines, type TextStyle } from '../text/layout.js';
import { slideSeconds } from './notes.js';
import { words } from '../text/words.js';

function total(slides: SlidePlan[], speed: ReadingSpeed, lang: Lang): number {
  return slides.reduce((n, s) => n + slideSeconds(s, speed, lang), 0);
}

/** The first quote slide of each section: the one quote a section keeps. */
function firstQuotes(slides: SlidePlan[]): Set<SlidePlan> {
  const seen = new Map<string | null, SlidePlan>();
  for (const s of slides) if (s.template === 'quote' && !seen.has(s.section)) seen.set(s.section, s);
  return new Set(seen.values());
}

/**
 * Fits the plan to a time slot (minutes). Steps, each only while the talk is still too long:
 * drop key-point slides (their notes move to the previous slide), then every quote after
 * the first of a section, then question slides; finally mark the remaining slides brief
 * (the estimate counts only what the slide shows). Every section keeps its divider, or, without
 * one, its first slide.
 */
export function fitDuration(slides: SlidePlan[], minutes: number, lang: Lang, speed: ReadingSpeed, diagnostics: Diagnostic[], file: string): SlidePlan[] {
  const target = minutes * 60;
  let out = slides.map((s) => ({ ...s }));
  const seconds = new Map(out.map((s) => [s, slideSeconds(s, speed, lang)]));
  // Moved notes are not counted in an estimate, so dropping a slide takes exactly its own
  // seconds off the total: keep a running sum instead of re-estimating the deck each time.
  let sum = [...seconds.values()].reduce((a, b) => a + b, 0);
  const steps: ((all: SlidePlan[]) => (s: SlidePlan) => boolean)[] = [
    () => (s) => s.template === 'points',
    (all) => {
      const keep = firstQuotes(all);
      return (s) => s.template === 'quote' && !keep.has(s);
    },
    () => (s) => s.template === 'question',
    () => (s) => s.template === 'content' && !!s.continued,
  ];
  // A section without a divider (shape.ts) opens with its first slide: that slide stays.
  const opens = new Set(out.filter((s, i) => s.template !== 'section' && s.section && s.section !== out[i - 1]?.section));
  for (const step of steps) {
    const droppable = step(out);
    for (let i = out.length - 1; i >= 0 && sum > target; i--) {
      if (!droppable(out[i]) || opens.has(out[i])) continue;
      const [gone] = out.splice(i, 1);
      sum -= seconds.get(gone)!;
      const host = out[i - 1];
      host.moreNotes = [host.moreNotes ?? words[lang].dropped, gone.notes, gone.moreNotes].filter(Boolean).join('\n\n');
    }
  }
  if (sum > target) out = out.map((s) => ({ ...s, brief: true }));
  if (total(out, speed, lang) > target) {
    diagnostics.push({ severity: 'warning', message: `cannot fit the talk into ${minutes} minutes without leaving out sections; the estimate is ${Math.ceil(total(out, speed, lang) / 60)} minutes`, pos: { file, line: 1 } });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Fitting slides to the room (autofit). Rules, per template, in the order `fitSlides` runs:
// title, section divider, question and pull quote take the largest type size at which they
// fit (slide variant `fit-n`); what does not fit even at the smallest size is cut at a
// sentence or clause (a question keeps its end, where the question is; a pull quote
// continues on further quote slides; a title ends in "…" with the whole text in the notes);
// key points that do not fit under their heading continue on a "(cont.)" slide. Content
// slides are split where they are made (content.ts), agenda pages in index.ts.
// ---------------------------------------------------------------------------------------

/** Lays out planned slides so that each fits its 1280×720 frame; see the rules above. */
export function fitSlides(slides: SlidePlan[], lang: Lang): SlidePlan[] {
  return slides.flatMap((s): SlidePlan[] => {
    switch (s.template) {
      case 'title':
        return [fitTitle(s, lang)];
      case 'section':
        return [fitSection(s, lang)];
      case 'question':
        return [fitQuestion(s, lang)];
      case 'quote':
        return fitQuote(s, lang);
      case 'points':
        return fitPoints(s, lang);
      case 'closing':
        return [fitClosing(s, lang)];
      default:
        return [s];
    }
  });
}

/** The first step whose size fits, or -1. */
function firstStep(sizes: readonly number[], fits: (size: number, step: number) => boolean): number {
  return sizes.findIndex((size, step) => fits(size, step));
}

/**
 * A display title that wraps at the default size but fits on one line less one step down
 * reads better smaller: "A title that just / misses" becomes one line.
 */
function oneLineLess(step: number, lines: (step: number) => number): number {
  return step === 0 && lines(0) === 2 && lines(1) === 1 ? 1 : step;
}

const withStep = (s: SlidePlan, step: number): SlidePlan => (step > 0 ? { ...s, variant: `fit-${step}` } : s);

function fitTitle(s: SlidePlan, lang: Lang): SlidePlan {
  const g = geometry.title;
  const height = (title: string, subtitle: string | undefined, step: number) =>
    textHeight(title, g.width, { size: g.sizes[step], lineHeight: lineHeight(lang, 'title'), bold: true, lang, phrases: true }) +
    (subtitle ? g.subtitleGap + textHeight(subtitle, g.width, { size: g.subtitle[step], lineHeight: lang === 'zh' ? 1.5 : 1.4, lang, phrases: true }) : 0);
  const room = g.height * SAFETY;
  const title = s.title ?? '';
  const lines = (k: number) => wrapLines(title, g.width, { size: g.sizes[k], lineHeight: 1, bold: true, lang, phrases: true });
  let step = firstStep(g.sizes, (_, k) => height(title, s.subtitle, k) <= room);
  if (step >= 0) return withStep(s, oneLineLess(step, lines));
  // Too long even at the smallest size: the subtitle goes to the notes, then the title is cut.
  const last = g.sizes.length - 1;
  const notes = [title, s.subtitle, s.notes].filter(Boolean).join('\n\n');
  const { subtitle: _dropped, ...rest } = s;
  step = firstStep(g.sizes, (_, k) => height(title, undefined, k) <= room);
  if (step >= 0) return withStep({ ...rest, notes }, step);
  return withStep({ ...rest, title: truncate(title, (t) => height(t, undefined, last) <= room), notes }, last);
}

function fitSection(s: SlidePlan, lang: Lang): SlidePlan {
  const g = geometry.section;
  const width = s.level === 3 ? g.subWidth : g.width;
  const height = (t: string, size: number) => textHeight(t, width, { size, lineHeight: lineHeight(lang, 'title'), bold: true, lang, phrases: true });
  const room = (g.height - (s.kicker ? g.kicker : 0)) * SAFETY;
  const title = s.title ?? '';
  const step = firstStep(g.sizes, (size) => height(title, size) <= room);
  if (step >= 0) return withStep(s, oneLineLess(step, (k) => wrapLines(title, width, { size: g.sizes[k], lineHeight: 1, bold: true, lang, phrases: true })));
  const last = g.sizes.length - 1;
  return withStep({ ...s, title: truncate(title, (t) => height(t, g.sizes[last]) <= room) }, last);
}

function fitQuestion(s: SlidePlan, lang: Lang): SlidePlan {
  const g = geometry.question;
  const q = s.question;
  if (!q) return s;
  const room = (g.height + (q.by ? 0 : g.cite)) * SAFETY;
  const fits = (t: string, size: number) => textHeight(t, g.width, { size, lineHeight: lineHeight(lang, 'display'), lang, phrases: true }) <= room;
  const step = firstStep(g.sizes, (size) => fits(q.text, size));
  if (step >= 0) return withStep(s, step);
  // The whole question is in the notes already; the slide keeps its end, where the question is.
  const small = (t: string) => fits(t, g.sizes[g.sizes.length - 1]);
  const text = cutToFit(q.text, small, lang, true).kept || truncate(q.text, small, '…', true);
  return withStep({ ...s, question: { ...q, text } }, firstStep(g.sizes, (size) => fits(text, size)));
}

function fitQuote(s: SlidePlan, lang: Lang): SlidePlan[] {
  const g = geometry.quote;
  const q = s.quote;
  if (!q) return [s];
  const fits = (t: string, size: number) => textHeight(t, g.width, { size, lineHeight: lineHeight(lang, 'display'), bold: true, lang, phrases: true }) <= g.height * SAFETY;
  const step = firstStep(g.sizes, (size) => fits(q.text, size));
  if (step >= 0) return [withStep(s, step)];
  // A long quote continues on further quote slides: as few as the smallest size allows, at
  // the largest size that still needs no more, the text shared evenly between them.
  const at = (step: number) => (t: string) => fits(t, g.sizes[step]);
  const n = splitToFit(q.text, at(g.sizes.length - 1), lang).length;
  const size = Math.max(0, firstStep(g.sizes, (_, k) => splitToFit(q.text, at(k), lang).length <= n));
  const parts = evenSplit(q.text, at(size), n, lang);
  return parts.map((text, i) => {
    const part: SlidePlan = { ...s, quote: { ...q, text }, ...(i > 0 ? { continued: true, notes: text } : {}) };
    return withStep(part, Math.max(0, firstStep(g.sizes, (sz) => fits(text, sz))));
  });
}

/** {@link splitToFit} into at most `n` parts of about equal length (the shortest longest part). */
function evenSplit(text: string, fits: (t: string) => boolean, n: number, lang: Lang): string[] {
  let lo = 1;
  let hi = [...text].length;
  let best = splitToFit(text, fits, lang);
  while (lo < hi) {
    const cap = Math.floor((lo + hi) / 2);
    const parts = splitToFit(text, (t) => [...t].length <= cap && fits(t), lang);
    if (parts.length <= n) {
      best = parts;
      hi = cap;
    } else lo = cap + 1;
  }
  return best;
}

function fitPoints(s: SlidePlan, lang: Lang): SlidePlan[] {
  const g = geometry.points;
  const points = s.points ?? [];
  const cont = (s.title ?? '') + words[lang].cont;
  const room = geometry.frame.height * SAFETY - headingHeight(cont, lang);
  const style: TextStyle = { size: g.size, lineHeight: lineHeight(lang, 'body'), lang };
  const height = (p: string) => textHeight(p, g.width, style);
  let pages = pack(points, height, g.gap, room);
  if (pages.length <= 1) return [s];
  // Even out the pages (5 points: 3 + 2, not 4 + 1) when they still fit.
  const per = Math.ceil(points.length / pages.length);
  const even = Array.from({ length: pages.length }, (_, i) => points.slice(i * per, (i + 1) * per)).filter((p) => p.length);
  if (even.length === pages.length && even.every((p) => p.reduce((h, x) => h + height(x), 0) + g.gap * (p.length - 1) <= room)) pages = even;
  return pages.map((items, i) => (i === 0 ? { ...s, points: items } : { ...s, title: cont, points: items, continued: true, notes: items.join('\n') }));
}

function fitClosing(s: SlidePlan, lang: Lang): SlidePlan {
  // "Thank you" at 80px, the deck title below at 34px (cut to three lines), then recap pills.
  const subStyle: TextStyle = { size: 34, lineHeight: lang === 'zh' ? 1.5 : 1.4, lang };
  const subtitle = s.subtitle && truncate(s.subtitle, (t) => wrapLines(t, geometry.frame.width, subStyle) <= 3);
  if (subtitle !== s.subtitle) s = { ...s, subtitle };
  const items = s.items ?? [];
  if (!items.length) return s;
  const head = 80 * 1.2 + (subtitle ? 24 + textHeight(subtitle, geometry.frame.width, subStyle) : 0);
  const room = geometry.frame.height * SAFETY - head - 36;
  // Recap pills: 20px text, 14px padding and a 1px border each side, 14px apart; rows 40px, 10px apart.
  const rows = (list: string[]) => {
    let n = 1;
    let x = 0;
    for (const it of list) {
      const w = Math.min(geometry.frame.width, textWidth(it, { size: 20, lineHeight: 1.3, lang }) + 30);
      if (x > 0 && x + 14 + w > geometry.frame.width) {
        n++;
        x = 0;
      }
      x += (x > 0 ? 14 : 0) + w;
    }
    return n;
  };
  let keep = items.length;
  while (keep > 0 && rows(items.slice(0, keep)) * 50 - 10 > room) keep--;
  return keep === items.length ? s : { ...s, items: items.slice(0, keep) };
}

/**
 * Groups items (in order) into pages whose summed heights, with `gap` between items, stay
 * within `room`; an item taller than a page gets a page of its own.
 */
export function pack<T>(items: T[], height: (t: T) => number, gap: number, room: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let used = 0;
  for (const it of items) {
    const h = height(it);
    if (cur.length && used + gap + h > room) {
      out.push(cur);
      cur = [];
      used = 0;
    }
    used += (cur.length ? gap : 0) + h;
    cur.push(it);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Splits text into parts that each fit: runs of whole sentences; a sentence that does not
 * fit alone is split at clause marks (，；：, ; :), and a clause that still does not fit is
 * cut where it must.
 */
export function splitToFit(text: string, fits: (t: string) => boolean, lang: Lang): string[] {
  const sentences = splitSentences(text, lang).map((x) => x.text.trim()).filter(Boolean);
  const pieces = sentences.flatMap((sen) => (fits(sen) ? [sen] : clauses(sen).flatMap((c) => (fits(c) ? [c] : hardSplit(c, fits)))));
  const join = (a: string, b: string) => (a && /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]$/u.test(a) ? a + b : a ? `${a} ${b}` : b);
  const out: string[] = [];
  let cur = '';
  for (const p of pieces) {
    const next = join(cur, p);
    if (cur && !fits(next)) {
      out.push(cur);
      cur = p;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
}

function clauses(sentence: string): string[] {
  return sentence.split(/(?<=[，；：、,;:])\s*/u).filter(Boolean);
}

function hardSplit(text: string, fits: (t: string) => boolean): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest) {
    const n = Math.max(1, [...truncate(rest, fits, '')].length);
    out.push([...rest].slice(0, n).join(''));
    rest = [...rest].slice(n).join('').trimStart();
  }
  return out;
}

/**
 * The longest prefix of `text` (cut at a space when there is one near) that fits with `mark`
 * appended; with `fromEnd`, the longest suffix, with `mark` in front.
 */
export function truncate(text: string, fits: (t: string) => boolean, mark = '…', fromEnd = false): string {
  const chars = [...text];
  const take = (n: number) => (fromEnd ? mark + chars.slice(chars.length - n).join('').trimStart() : chars.slice(0, n).join('').trimEnd() + mark);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(take(mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo >= chars.length) return text;
  let part = fromEnd ? chars.slice(chars.length - lo).join('') : chars.slice(0, lo).join('');
  const space = fromEnd ? part.indexOf(' ') : part.lastIndexOf(' ');
  if (space >= 0 && (fromEnd ? space < part.length * 0.4 : space > part.length * 0.6)) part = fromEnd ? part.slice(space + 1) : part.slice(0, space);
  return fromEnd ? mark + part.trimStart() : part.trimEnd() + mark;
}
