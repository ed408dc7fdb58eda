import type { ResolvedConfig } from '../config/schema.js';
import type { SourceDocument } from '../model/document.js';
import type { DeckPlan, SlidePlan } from '../model/plan.js';
import { fitDuration } from './fit.js';
import { planSection, type PlanContext } from './sections.js';
import { finishNotes } from './notes.js';
import { words } from './words.js';
import { budgets } from './budgets.js';

/** The options the plan stage needs from the resolved config. */
export type PlanOptions = Pick<ResolvedConfig, 'theme' | 'sectionSlides' | 'speed' | 'duration'>;

/**
 * The plan stage: document → ordered slides. Order of rules, in one place:
 * title → agenda → for each section (divider, its units and content, its subsections) →
 * closing; then per-slide notes and time estimates; then fitting to the time slot.
 */
export function plan(doc: SourceDocument, options: PlanOptions): DeckPlan {
  const { meta } = doc;
  const lang = meta.lang;
  const w = words[lang];
  const ctx: PlanContext = { doc, lang, options, sectionSlides: meta.sectionSlides ?? options.sectionSlides, diagnostics: [] };
  const slides: SlidePlan[] = [titleSlide(doc)];
  const topTitles = doc.sections.map((s) => s.title).filter(Boolean);
  slides.push(...agendaSlides(topTitles, lang));
  doc.sections.forEach((section, i) => slides.push(...planSection(section, i + 1, doc.sections[i + 1]?.title, ctx)));
  slides.push({ template: 'closing', section: null, title: w.closing, subtitle: meta.title, items: topTitles.slice(0, budgets.agendaItems[lang] + 1), notes: [w.recap, ...topTitles].join('\n'), seconds: 0 });
  const target = options.duration ?? meta.duration;
  const fitted = target ? fitDuration(slides, target, lang, options.speed, ctx.diagnostics, doc.file) : slides;
  const timed = finishNotes(fitted, lang, options.speed);
  const total = timed.reduce((n, s) => n + s.seconds, 0);
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
    outline: outlineOf(timed),
    keywords: meta.keywords,
    diagnostics: [...doc.diagnostics, ...ctx.diagnostics],
  };
}

function titleSlide(doc: SourceDocument): SlidePlan {
  const { meta } = doc;
  const kicker = [meta.author, meta.date].filter(Boolean).join(' · ');
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

function agendaSlides(titles: string[], lang: SourceDocument['meta']['lang']): SlidePlan[] {
  if (titles.length < 2) return [];
  const per = budgets.agendaItems[lang];
  const pages = Math.ceil(titles.length / per);
  const size = Math.ceil(titles.length / pages);
  const out: SlidePlan[] = [];
  for (let p = 0; p < pages; p++) {
    const items = titles.slice(p * size, (p + 1) * size);
    out.push({
      template: 'agenda',
      section: null,
      title: words[lang].agenda + (p > 0 ? words[lang].cont : ''),
      items,
      ...(p > 0 ? { continued: true } : {}),
      notes: p === 0 ? words[lang].first(titles[0]) : items.join('\n'),
      seconds: 0,
      start: p * size + 1,
    });
  }
  return out;
}

/** Section and subsection dividers in order, for the PDF outline and the agenda. */
function outlineOf(slides: SlidePlan[]): DeckPlan['outline'] {
  const out: DeckPlan['outline'] = [];
  slides.forEach((s, i) => {
    if (s.template === 'section' && !s.continued) out.push({ title: s.section ?? s.title ?? '', level: s.level ?? 2, slide: i });
  });
  return out;
}
