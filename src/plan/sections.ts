import type { Block, ExchangeBlock, Lang, ParagraphBlock, Section, SourceDocument } from '../model/document.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SlidePlan } from '../model/plan.js';
import type { PlanOptions } from './index.js';
import { budgets, cutToBudget, units } from './budgets.js';
import { contentSlides } from './content.js';
import { keyPoints } from './points.js';
import { authorMarkedQuotes, galleryLeadIns, isArticle, leadIns, markedPullQuote, proseRuns } from './prose.js';
import { quoteReview } from './shape.js';
import { attribution, conversationSlides, isConversation } from './conversation.js';
import { faqEntries, faqUnitSlides, isFaqUnits, shortAnswer, thinPoints } from './faq.js';
import { defaults } from '../config/schema.js';
import { chooseQuote, type QuoteChoice } from './quotes.js';
import { isPleasantry, stripStageDirections } from '../ingest/transcript/noise.js';
import { splitSentences } from '../text/sentences.js';
import { startsWithOrdinal, words } from '../text/words.js';

/** What planning a section needs to know about the whole run. */
export interface PlanContext {
  doc: SourceDocument;
  lang: Lang;
  options: PlanOptions;
  /** Templates each section maps to, in order (front matter or config). */
  sectionSlides: string[];
  /** Split and shrink to fit the slide (`--no-autofit` turns it off: text budgets are infinite). */
  autofit: boolean;
  diagnostics: Diagnostic[];
}

type RichBlock = Exclude<Block, ExchangeBlock | ParagraphBlock | { kind: 'marker' } | { kind: 'quote' }>;

/**
 * Plans one themed section (or subsection): a divider, then its blocks in source order —
 * each interview unit as question / quote / key points, explicit pull quotes, content
 * slides for lists, tables, code and images (each with its lead-in), and key-points slides for
 * its prose, one per about 200 spoken words —
 * then its subsections.
 */
export function planSection(section: Section, index: number, nextTitle: string | undefined, ctx: PlanContext): SlidePlan[] {
  const want = new Set(section.slides ?? ctx.sectionSlides);
  const w = words[ctx.lang];
  // Interview units, or subsections in an interview: the prose before them is the editor's
  // framing, said in the divider's notes. In lecture notes the words before a section's
  // subsections (an exercise's prompt before its solution) are shown.
  const hasUnits = section.blocks.some((b) => b.kind === 'exchange') || (section.subsections.length > 0 && interview(ctx.doc));
  // A lead-in ("The output should look like:") goes on the slide of what it introduces (prose.ts).
  const intros = leadIns(section.blocks);
  // A short lead-in to a gallery ("Navigate through the slideshow below") is the first picture's notes.
  const galleryIntros = galleryLeadIns(section.blocks, ctx.lang);
  const prose = section.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph' && !intros.has(b) && !galleryIntros.has(b));
  const introNotes = hasUnits || !want.has('points') ? prose.map((p) => p.text) : [];
  const slides: SlidePlan[] = [];
  const name = section.title || ctx.doc.meta.title;
  // An FAQ's entry (faq.ts): its question heads its slides, with no divider; a short answer shows as written.
  const entry = faqEntries(ctx.doc).has(section) && !section.slides && ctx.sectionSlides.join() === defaults.sectionSlides.join();
  // An answer no key point comes out of is shown as written too, rather than kept in the notes of an empty slide.
  // So are a few words before a section's parts that give one key point or none (an exercise's
  // prompt before its solution, often a question): shown as written, not left in the notes.
  const opening = !entry && !hasUnits && section.subsections.length > 0 && prose.length > 0 && shortAnswer(prose.map((p) => p.text), ctx.lang) && thinPoints(proseSlides(prose, name, ctx), prose, ctx.lang);
  const asWritten = opening || (entry && !hasUnits && prose.length > 0 && (shortAnswer(prose.map((p) => p.text), ctx.lang) || thinPoints(proseSlides(prose, name, ctx), prose, ctx.lang)));
  const divider = want.has('section') && !entry;
  if (divider) {
    slides.push({
      template: 'section',
      section: name,
      title: name,
      level: section.level,
      // A heading that numbers itself ("一、…", "Part 2: …") needs no "Part n" above it.
      kicker: section.level === 2 && !startsWithOrdinal(name) ? w.part(index) : undefined,
      notes: [w.now(name), ...introNotes, ...section.notes, nextTitle ? w.next(nextTitle) : ''].filter(Boolean).join('\n\n'),
      seconds: 0,
      line: section.line,
    });
  }
  const units = section.blocks.filter((b): b is ExchangeBlock => b.kind === 'exchange');
  const faq = isFaqUnits(units, ctx.doc, section.title);
  if (faq) ctx.diagnostics.push({ severity: 'info', message: `${units.length} questions read as an FAQ: one slide each, headed by the question; review it with lectern outline`, pos: { file: ctx.doc.file, line: units[0]!.line } });
  if (entry && !noted.has(ctx.doc)) {
    noted.add(ctx.doc);
    ctx.diagnostics.push({ severity: 'info', message: `${faqEntries(ctx.doc).size} sections headed by questions read as an FAQ: each question heads its slides, with no divider of its own`, pos: { file: ctx.doc.file, line: section.line } });
  }
  const conversation = !faq && isConversation(units, ctx.lang);
  let proseDone = false;
  let rich: RichBlock[] = [];
  let galleryNotes: string[] = [];
  const flushRich = () => {
    const made = rich.length && want.has('content') ? contentSlides(rich, name, ctx.lang, ctx.autofit) : [];
    if (made.length && galleryNotes.length) {
      // On the first picture: a block before it that shows nothing (a <noscript> note) makes a slide that goes.
      const k = Math.max(0, made.findIndex((x) => x.variant === 'image'));
      made[k] = { ...made[k]!, notes: [...galleryNotes, made[k]!.notes].filter(Boolean).join('\n\n') };
      galleryNotes = [];
    }
    slides.push(...made);
    rich = [];
  };
  for (const block of section.blocks) {
    if (block.kind === 'paragraph' && galleryIntros.has(block) && !asWritten) {
      flushRich();
      galleryNotes.push(block.text);
      continue;
    }
    if (block.kind === 'paragraph' && (intros.has(block) || asWritten)) {
      rich.push({ kind: 'html', markdown: block.markdown, text: block.text, line: block.line });
      continue;
    }
    if (block.kind === 'paragraph' || block.kind === 'marker') {
      if (block.kind === 'paragraph' && !hasUnits && !proseDone && want.has('points')) {
        flushRich();
        slides.push(...proseSlides(prose, name, ctx, slides.some((x) => x.template !== 'section')));
        proseDone = true;
      }
      continue;
    }
    if (block.kind === 'exchange') {
      flushRich();
      if (faq) slides.push(...faqUnitSlides(block, name, ctx));
      else if (!conversation) slides.push(...unitSlides(block, name, want, ctx));
      else if (block === units[0]) slides.push(...conversationSlides(units, name, want, ctx));
    } else if (block.kind === 'quote') {
      flushRich();
      if (want.has('quote')) slides.push(quoteBlockSlide(block.text, block.by ?? ctx.doc.meta.author ?? '', block.line, name));
    } else {
      const marked = want.has('quote') ? markedPullQuote(section.blocks, section.blocks.indexOf(block), ctx.lang, ctx.doc.meta.author) : undefined;
      if (marked) {
        flushRich();
        slides.push(quoteBlockSlide(marked.text, marked.by, block.line, name));
      } else rich.push(block);
    }
  }
  flushRich();
  // A lead-in whose gallery made no slide: said on the section's last slide.
  if (galleryNotes.length && slides.length) slides[slides.length - 1]!.notes = [slides[slides.length - 1]!.notes, ...galleryNotes].filter(Boolean).join('\n\n');
  for (const extra of [...want].filter((t) => !builtInRoles.has(t))) {
    slides.push({ template: extra, section: name, title: name, body: prose.map((p) => p.markdown).join('\n\n'), notes: prose.map((p) => p.text).join('\n\n'), seconds: 0, line: section.line });
  }
  if (!divider && (section.notes.length || introNotes.length) && slides.length) {
    slides[0].notes = [...introNotes, ...section.notes, slides[0].notes].filter(Boolean).join('\n\n');
  }
  section.subsections.forEach((sub, i) => slides.push(...planSection(sub, i + 1, section.subsections[i + 1]?.title ?? nextTitle, ctx)));
  return slides;
}

const interviews = new WeakMap<SourceDocument, boolean>();

/** Whether any section of the document holds interview units (questions and answers). */
function interview(doc: SourceDocument): boolean {
  let known = interviews.get(doc);
  if (known === undefined) {
    known = doc.sections.some(function has(s): boolean {
      return s.blocks.some((b) => b.kind === 'exchange') || s.subsections.some(has);
    });
    interviews.set(doc, known);
  }
  return known;
}

/** Documents whose FAQ reading has been reported (once per run of the planner). */
const noted = new WeakSet<SourceDocument>();

/** The templates the planner fills itself; any other name in the mapping gets the section's prose. */
export const builtInRoles = new Set(['section', 'question', 'quote', 'points', 'content']);

/** From this size (words, or Han characters), a talk's section gets a pull quote of its speaker's. */
const TALK_QUOTE_UNITS = { en: 200, zh: 350 } as const;

/** Below this size (words, or Han characters), a host's turn without a question mark is a remark. */
const REMARK_UNITS = { en: 12, zh: 20 } as const;

function onlyPleasantries(text: string, lang: Lang): boolean {
  const sentences = splitSentences(stripStageDirections(text), lang);
  return sentences.length > 0 && sentences.every((x) => isPleasantry(x.text) || !/[\p{L}\p{N}]/u.test(x.text));
}

function unitSlides(ex: ExchangeBlock, section: string, want: Set<string>, ctx: PlanContext): SlidePlan[] {
  const { lang } = ctx;
  const w = words[lang];
  const out: SlidePlan[] = [];
  const q = ex.question;
  // A host's remark with no answer and no question (a welcome, a sign-off) stays in the notes.
  // A short remark that asks nothing ("This panel has gone off the rails.") is no question either.
  const asks =
    q !== undefined &&
    (/[?？]/u.test(q.text) || (ex.answer !== undefined && units(q.text, lang) >= REMARK_UNITS[lang])) &&
    !onlyPleasantries(q.text, lang);
  const remark = q && !asks ? `${q.speaker}: ${q.text}` : '';
  if (q && asks && want.has('question')) {
    // The question's end is the question; its start goes to the notes (they have it all).
    const shown = (ctx.autofit && cutToBudget(q.text, budgets.question[lang], lang, true).kept) || q.text;
    out.push({ template: 'question', section, title: section, question: { text: shown, by: attribution(q.speaker), line: q.line }, notes: `${w.question(q.speaker)}\n${q.text}`, seconds: 0, line: q.line });
  }
  const a = ex.answer;
  const others = [...(ex.more ?? []).map((t) => `${t.speaker}: ${t.text}`), remark].filter(Boolean);
  let quoteSlide: SlidePlan | undefined;
  if (a && want.has('quote')) {
    const choice = chooseQuote(a.text, lang);
    if (choice) {
      const line = a.line + (a.text.slice(0, choice.start).match(/\n/g)?.length ?? 0);
      quoteSlide = { template: 'quote', section, quote: { text: choice.text, by: attribution(a.speaker), line, choice: quoteReview(choice) }, notes: [`${w.answer(a.speaker)}\n${a.text}`, ...others].join('\n\n'), seconds: 0, line };
      out.push(quoteSlide);
    } else {
      ctx.diagnostics.push({ severity: 'warning', message: `no sentence of ${a.speaker}'s answer fits a pull quote; the answer stays in the notes`, pos: { file: ctx.doc.file, line: a.line } });
    }
  }
  const sources = [a?.text ?? '', ...ex.commentary].filter(Boolean);
  const exclude = quoteSlide?.quote ? [quoteSlide.quote.text] : [];
  const points = want.has('points') ? keyPoints(sources, lang, { maxItems: budgets.points[lang], maxUnits: budgets.point[lang] }, { exclude, title: section }) : [];
  if (points.length >= 2) {
    const notes = [ex.commentary.length ? `${w.commentary}\n${ex.commentary.join('\n\n')}` : '', !quoteSlide && a ? `${w.answer(a.speaker)}\n${a.text}` : ''];
    out.push({ template: 'points', section, title: section, points, notes: notes.filter(Boolean).join('\n\n'), seconds: 0, line: ex.line });
  } else {
    const host = quoteSlide ?? out[out.length - 1];
    const extra = [remark && !quoteSlide ? remark : '', ex.commentary.join('\n\n'), !quoteSlide && a ? `${w.answer(a.speaker)}\n${a.text}` : ''].filter(Boolean).join('\n\n');
    if (host && extra) host.notes = [host.notes, extra].filter(Boolean).join('\n\n');
    else if (extra) out.push({ template: 'content', section, title: section, body: '', notes: extra, seconds: 0, line: ex.line, variant: 'notes-only' });
  }
  return out;
}

/**
 * The slides of a section's running prose. `shown`: the section already has a slide with
 * something on it, so a run that yields a single point stays in the notes rather than make a
 * slide of one bullet.
 */
function proseSlides(prose: ParagraphBlock[], section: string, ctx: PlanContext, shown = false): SlidePlan[] {
  const { lang } = ctx;
  const texts = prose.map((p) => p.text);
  const out: SlidePlan[] = [];
  // A talk's transcript (front matter names its one speaker): its prose is that speaker's words.
  // An article's or essay's prose is its author's (prose.ts), unless the author marked pull quotes.
  const marked = authorMarkedQuotes(ctx.doc.sections, lang);
  const speaker = marked ? undefined : ctx.doc.meta.speakers?.length === 1 ? ctx.doc.meta.speakers[0]! : isArticle(ctx.doc) ? ctx.doc.meta.author : undefined;
  // Only a part long enough to hold a quote and points beside it: short parts keep the deck short.
  const long = units(texts.join(' '), lang) >= TALK_QUOTE_UNITS[lang];
  const quote = speaker && long && want(ctx).has('quote') ? bestQuote(prose, lang) : undefined;
  if (quote) out.push({ template: 'quote', section, quote: { text: quote.text, by: speaker!, line: quote.line, choice: quoteReview(quote.choice) }, notes: `${speaker}: ${quote.paragraph}`, seconds: 0, line: quote.line });
  // One key-points slide per run of about 200 spoken words (prose.ts); a run that yields no point
  // stays in the notes of the slide before it, or, first, of the slide after it.
  let held: string[] = [];
  for (const run of proseRuns(prose, lang, ctx.options.speed)) {
    const runTexts = run.map((p) => p.text);
    const found = keyPoints(runTexts, lang, { maxItems: budgets.points[lang], maxUnits: budgets.point[lang] }, { exclude: quote ? [quote.text] : [], title: section });
    const points = found.length === 1 && (shown || out.length > 0) ? [] : found;
    const last = out.at(-1);
    if (points.length === 0 && last?.template === 'points') last.notes = [last.notes, ...runTexts].join('\n\n');
    else if (points.length === 0) held.push(...runTexts);
    else {
      const continued = out.some((x) => x.template === 'points');
      out.push({ template: 'points', section, title: continued ? section + words[lang].cont : section, ...(continued ? { continued: true } : {}), points, notes: [...held, ...runTexts].join('\n\n'), seconds: 0, line: run[0]!.line });
      held = [];
    }
  }
  // Nothing made a point: the prose is the notes of a slide with nothing of its own (shape.ts moves them).
  if (held.length) out.push({ template: 'content', section, title: section, body: '', notes: held.join('\n\n'), seconds: 0, line: prose[0]?.line, variant: 'notes-only' });
  return out;
}

function want(ctx: PlanContext): Set<string> {
  return new Set(ctx.sectionSlides);
}

/**
 * The least score a sentence of running prose needs to be pulled out: an answer is quoted at its
 * best, but a section of a talk or article with nothing striking to say gets no quote.
 */
const MIN_PROSE_QUOTE_SCORE = 2;

/** The best-scoring pull quote among a section's paragraphs, with its line. */
function bestQuote(prose: readonly ParagraphBlock[], lang: Lang): { text: string; line: number; paragraph: string; choice: QuoteChoice } | undefined {
  let best: { text: string; line: number; paragraph: string; choice: QuoteChoice } | undefined;
  for (const p of prose) {
    const c = chooseQuote(stripStageDirections(p.text), lang);
    if (c && c.score >= MIN_PROSE_QUOTE_SCORE && (!best || c.score > best.choice.score)) best = { text: c.text, line: p.line, paragraph: p.text, choice: best && !c.runnerUp ? { ...c, runnerUp: { text: best.text, score: best.choice.score, reasons: best.choice.reasons } } : c };
  }
  return best;
}

function quoteBlockSlide(text: string, by: string, line: number, section: string): SlidePlan {
  return { template: 'quote', section, quote: { text, by, line }, notes: by ? `${by}: ${text}` : text, seconds: 0, line };
}
