import { defaults, type ResolvedConfig } from '../config/schema.js';
import type { SourceDocument } from '../model/document.js';
import type { DeckPlan, SlidePlan } from '../model/plan.js';
import { fitDuration, fitSlides, pack } from './fit.js';
import { planSection, type PlanContext } from './sections.js';
import { finishNotes } from './notes.js';
import { MAX_AGENDA_SLIDES, dropEmpty, dropThinDividers, groupSections, recapItems, reviewPlan } from './shape.js';
import { planAuthored } from './deck.js';
import { startsWithOrdinal, words } from '../text/words.js';
import { formatDate } from '../text/dates.js';
import { budgets } from './budgets.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight } from '../text/layout.js';

/**
 * The options the plan stage needs from the resolved config. `autofit` (default true) splits
 * and shrinks what would overflow a slide; off, nothing is split, cut or shrunk to fit.
 */
export type PlanOptions = Pick<ResolvedConfig, 'theme' | 'sectionSlides' | 'speed' | 'duration'> & Partial<Pick<ResolvedConfig, 'autofit'>>;

/**
 * The plan stage: document → ordered slides. Order of rules, in one place:
 * title → agenda → for each section (divider, its units and content, its subsections) →
 * closing; then fitting each slide to its frame (autofit: type sizes, cuts, continuation
 * slides); then fitting to the time slot; then per-slide notes and time estimates.
 */
export function plan(doc: SourceDocument, options: PlanOptions): DeckPlan {
  const { meta } = doc;
  const lang = meta.lang;
  const w = words[lang];
  const autofit = options.autofit ?? true;
  const ctx: PlanContext = { doc, lang, options, sectionSlides: meta.sectionSlides ?? options.sectionSlides, autofit, diagnostics: [] };
  let slides: SlidePlan[];
  const target = options.duration ?? meta.duration;
  let fitted: SlidePlan[];
  if (doc.deck) {
    // An authored deck keeps its slides: no agenda, dividers or closing, nothing dropped.
    // Titles and dividers take a smaller type size to fit; the rest shrink, and code that does
    // not fit even then goes on over "(cont.)" slides (planAuthored).
    slides = planAuthored(doc.deck, lang, autofit, doc.file, ctx.diagnostics);
    fitted = autofit ? slides.flatMap((s) => (s.template === 'title' || s.template === 'section' ? fitSlides([s], lang) : [s])) : slides;
  } else {
    slides = [titleSlide(doc)];
    const topTitles = doc.sections.map((s) => s.title).filter(Boolean);
    // More sections than two agenda slides hold are grouped into parts (shape.ts).
    const groups = groupSections(topTitles, lang, autofit);
    slides.push(...agendaSlides(groups.items, lang, autofit, groups.members.some((m) => m.length > 1) ? groups.members.map((m) => m.map((k) => topTitles[k]!)) : undefined));
    const defaultMapping = ctx.sectionSlides.join() === defaults.sectionSlides.join();
    const partOf = new Map(groups.members.flatMap((m, k) => m.map((i, j) => [topTitles[i]!, j === 0 ? k + 1 : 0] as const)));
    const body = doc.sections.flatMap((section, i) => {
      const own = planSection(section, i + 1, doc.sections[i + 1]?.title, ctx);
      const part = partOf.get(section.title);
      if (groups.items.length < topTitles.length && own[0]?.template === 'section') own[0] = { ...own[0], kicker: part ? w.part(part) : undefined };
      // A mapping the author chose (config, front matter, a heading's directive) keeps its dividers.
      return section.slides || !defaultMapping ? dropEmpty(own) : dropThinDividers(dropEmpty(own), meta.title);
    });
    slides.push(...body);
    slides.push({ template: 'closing', section: null, title: w.closing, subtitle: meta.title, items: recapItems(topTitles, body, lang, autofit), notes: [w.recap, ...topTitles].join('\n'), seconds: 0 });
    if (autofit) slides = fitSlides(slides, lang);
    fitted = target ? fitDuration(slides, target, lang, options.speed, ctx.diagnostics, doc.file) : slides;
  }
  const timed = finishNotes(fitted, lang, options.speed);
  const total = timed.reduce((n, s) => n + s.seconds, 0);
  const review = reviewPlan(timed, lang);
  if (review.pointsEndingOnFunctionWord || review.quotesThatAreNotStatements || review.agendaSlides > MAX_AGENDA_SLIDES) {
    ctx.diagnostics.push({ severity: 'warning', message: `plan review: ${review.pointsEndingOnFunctionWord} key points end on a function word or colon, ${review.quotesThatAreNotStatements} quotes are a URL or a question or end in ":", ${review.agendaSlides} agenda slides`, pos: { file: doc.file, line: 1 } });
  }
  return {
    title: meta.title,
    subtitle: meta.subtitle,
    author: meta.author,
    date: meta.date,
    lang,
    theme: meta.theme ?? options.theme,
    file: doc.file,
    slides: timed,
    durationMinutes: Math.round((total / 60) * 10) / 10,
    outline: outlineOf(timed, doc),
    keywords: meta.keywords,
    review,
    diagnostics: [...doc.diagnostics, ...ctx.diagnostics],
  };
}

function titleSlide(doc: SourceDocument): SlidePlan {
  const { meta } = doc;
  const kicker = [meta.author, meta.date && formatDate(meta.date, meta.lang)].filter(Boolean).join(' · ');
  return {
    template: 'title',
    section: null,
    title: meta.title,
    // A background line often doubles as the title; saying it twice helps nobody.
    ...(meta.subtitle && meta.subtitle !== meta.title ? { subtitle: meta.subtitle } : {}),
    ...(kicker ? { kicker } : {}),
    notes: [...doc.intro, ...doc.titleNotes].join('\n\n'),
    seconds: 0,
    line: 1,
  };
}

/**
 * The agenda: at most `budgets.agendaItems` sections a page, and (autofit) no more than fit
 * under the heading; pages are evened out (9 items: 5 + 4, not 7 + 2).
 */
function agendaSlides(titles: string[], lang: SourceDocument['meta']['lang'], autofit: boolean, parts?: string[][]): SlidePlan[] {
  if (titles.length < 2 && !parts) return [];
  const w = words[lang];
  const g = geometry.agenda;
  const height = (t: string) => textHeight(t, g.width, { size: g.size, lineHeight: lineHeight(lang, 'agenda'), lang }) + g.chrome;
  const room = geometry.frame.height * SAFETY - headingHeight(w.agenda + w.cont, lang);
  const fits = (items: string[]) => items.length <= budgets.agendaItems[lang] && items.reduce((n, t) => n + height(t), 0) <= room;
  let pages = autofit ? pack(titles, height, 0, room).flatMap((p) => chunks(p, budgets.agendaItems[lang])) : [titles];
  // Even out: the same number of pages with sizes as equal as fit.
  const size = Math.ceil(titles.length / pages.length);
  const even = chunks(titles, size);
  if (autofit && even.length === pages.length && even.every(fits)) pages = even;
  let start = 1;
  return pages.map((items, p) => {
    const slide: SlidePlan = {
      template: 'agenda',
      section: null,
      title: w.agenda + (p > 0 ? w.cont : ''),
      items,
      ...(p > 0 ? { continued: true } : {}),
      // Grouped into parts, the notes name every section of each part shown.
      notes: parts ? items.map((it, k) => `${it}: ${parts[start - 1 + k]!.join('; ')}`).join('\n') : p === 0 ? w.first(titles[0]) : items.join('\n'),
      seconds: 0,
      start,
      // Headings that number themselves ("一、…", "2. …"): the agenda adds no numbers of its own.
      ...(titles.every(startsWithOrdinal) ? { variant: 'own-numbers' } : {}),
    };
    start += items.length;
    return slide;
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Where each section and subsection starts, in order, for the PDF outline: its divider, or, for a
 * section without one (shape.ts), its first slide.
 */
function outlineOf(slides: SlidePlan[], doc: SourceDocument): DeckPlan['outline'] {
  const levels = new Map<string, 2 | 3>();
  const walk = (list: SourceDocument['sections']) => list.forEach((s) => (levels.set(s.title || doc.meta.title, s.level), walk(s.subsections)));
  walk(doc.sections);
  const out: DeckPlan['outline'] = [];
  let current: string | null = null;
  slides.forEach((s, i) => {
    if (s.template === 'section' && !s.continued) out.push({ title: s.section ?? s.title ?? '', level: s.level ?? 2, slide: i });
    else if (s.section && s.section !== current && s.template !== 'closing' && levels.has(s.section) && out.at(-1)?.title !== s.section) out.push({ title: s.section, level: levels.get(s.section)!, slide: i });
    current = s.section;
  });
  return out;
}
