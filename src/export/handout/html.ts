import type { DeckPlan } from '../../model/plan.js';
import { markWordBreaks } from '../../render/word-breaks.js';
import { geometry, papers, margins, slidesPerPage, type HandoutLayout, type Paper } from './layout.js';

/** One slide of a rendered deck: its `<section>` open tag, the `.lt-frame` markup and the notes HTML. */
export interface DeckSlide {
  open: string;
  frame: string;
  notes: string;
}

/** Words on the handout that are not the deck's own. */
export const handoutWords = {
  en: { pageBefore: 'Page ', pageMiddle: ' of ', pageAfter: '', more: 'Background', noNotes: 'No notes for this slide.' },
  zh: { pageBefore: '第 ', pageMiddle: ' 页，共 ', pageAfter: ' 页', more: '背景资料', noNotes: '本页没有备注。' },
} as const;

/**
 * Takes a rendered slide apart into the pieces the handout lays out: the render stage writes
 * each as `<section …><div class="lt-frame">…</div><aside class="notes">…</aside></section>`
 * (templates/partials/slide.hbs).
 */
export function deckSlide(section: string): DeckSlide {
  const open = /^\s*<section\b[^>]*>/.exec(section)?.[0] ?? '<section>';
  const chunk = section.slice(section.indexOf(open) + open.length);
  const close = chunk.lastIndexOf('</section>');
  const aside = chunk.lastIndexOf('<aside class="notes">');
  const frameStart = chunk.indexOf('<div class="lt-frame">');
  const frameEnd = chunk.lastIndexOf('</div>', aside >= 0 ? aside : close);
  const frame = frameStart >= 0 && frameEnd > frameStart ? chunk.slice(frameStart + '<div class="lt-frame">'.length, frameEnd) : chunk.slice(0, close);
  const notes = aside >= 0 ? chunk.slice(aside + '<aside class="notes">'.length, chunk.indexOf('</aside>', aside)) : '';
  return { open: open.trim(), frame, notes };
}

/**
 * Text without emoji and pictographs (the notes' ⏱ timing mark), for outputs that cannot carry
 * the deck's emoji face: slides.pptx's notes, where they would be tofu or a colour emoji font.
 * Text symbols (→, ™, ★) stay. The handout keeps them: it draws them with the bundled
 * monochrome emoji face (src/render/fonts.ts), as outlines.
 */
export function stripPictographs(text: string): string {
  return text.replace(/(?:[\u{1F000}-\u{1FAFF}]|[\u231A-\u23FF]|\p{Extended_Pictographic}(?=\uFE0F))\uFE0F?\u0020?|[\uFE0F\u200D]/gu, '');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A CSS string literal of any text (line breaks become spaces). Every character but ASCII
 * letters, digits and the space is written as a hex escape (`<` as `\3c `, 😀 as `\1f600 `),
 * whatever its code point: the literal goes into a `<style>` element, where `</style>` would
 * end the style sheet and `"`, `\`, `;` or `}` the string, the declaration or the rule.
 */
export function cssString(s: string): string {
  let out = '';
  for (const ch of s.replace(/[\r\n\f]+/g, ' ')) out += /^[A-Za-z0-9 ]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return `"${out}"`;
}

/**
 * The handout page's Content-Security-Policy: it runs no script of its own (the exporter works
 * through DevTools, which a page's policy does not bind), so none runs at all, whatever the
 * slides or the deck's text hold; nor do plug-ins, frames, connections or form posts. Styles,
 * fonts and images load as before, confined to the deck folder by the exporter.
 */
export const handoutCsp = "script-src 'none'; object-src 'none'; frame-src 'none'; child-src 'none'; worker-src 'none'; connect-src 'none'; form-action 'none'";

/** Section marks: the slide where each themed section or subsection starts, with its title. */
export function sectionMarks(plan: DeckPlan): Map<number, { title: string; level: 2 | 3 }> {
  const marks = new Map<number, { title: string; level: 2 | 3 }>();
  for (const o of plan.outline) marks.set(o.slide, { title: o.title, level: o.level });
  plan.slides.forEach((s, i) => {
    if (s.template === 'section' && !s.continued && !marks.has(i)) marks.set(i, { title: s.section ?? s.title ?? '', level: s.level ?? 2 });
  });
  return marks;
}

export interface HandoutHtmlInput {
  plan: DeckPlan;
  slides: DeckSlide[];
  stylesheets: string[];
  /** The handout's own CSS (templates/handout/handout.css). */
  css: string;
  /** Extra `@font-face` rules for handout words the deck's font subsets do not cover. */
  fontCss: string;
  /** `<base href>`: the deck folder, relative to the handout file. */
  base: string;
  layout: HandoutLayout;
  paper: Paper;
  date?: string;
}

/**
 * Everything the handout prints besides the slides, for picking font subsets: with the
 * `notes` layout, the speaker notes too (the deck ships no emoji face for its notes, which
 * only the speaker view shows, in its own font).
 */
export function handoutText(plan: DeckPlan, date?: string, layout?: HandoutLayout): string {
  const w = handoutWords[plan.lang];
  const notes = layout === 'notes' ? plan.slides.flatMap((s) => [s.notes, s.moreNotes ?? '']) : [];
  return [plan.title, date ?? '', ...Object.values(w), '0123456789', ...plan.outline.map((o) => o.title), ...notes].join(' ');
}

/** Builds the handout page: every slide in a scaled box, laid out per `layout` on `paper`. */
export function handoutHtml(input: HandoutHtmlInput): string {
  const { plan, slides, layout, paper } = input;
  const lang = plan.lang === 'zh' ? 'zh' : 'en';
  const g = geometry(layout, paper);
  const w = handoutWords[plan.lang];
  const marks = sectionMarks(plan);
  const font = `'Noto Sans SC', 'Noto Emoji', 'Noto Sans CJK SC', sans-serif`;
  const box = (content: string) => `font-family: ${font}; font-size: 9pt; color: #5b626d; ${content}`;
  const page = `@page {
  size: ${papers[paper].css} portrait;
  margin: ${margins.top}mm ${g.side}mm ${margins.bottom}mm;
  @top-left { content: ${cssString(plan.title)}; ${box('vertical-align: bottom; padding-bottom: 3mm; margin-bottom: 1.5mm; border-bottom: 0.75pt solid #d5d9de; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;')} }
  ${input.date ? `@bottom-left { content: ${cssString(input.date)}; ${box('vertical-align: top; padding-top: 4.5mm;')} }` : ''}
  @bottom-right { content: ${cssString(w.pageBefore)} counter(page) ${cssString(w.pageMiddle)} counter(pages) ${cssString(w.pageAfter)}; ${box('vertical-align: top; padding-top: 4.5mm; text-align: right;')} }
}
:root { --hb-w: ${g.width}px; --hb-h: ${g.height}px; --hb-sw: ${g.slideWidth}px; --hb-sh: ${g.slideHeight}px; --hb-scale: ${g.scale.toFixed(6)}; --hb-label: ${g.label}px; --hb-rule: ${g.rule}px; --hb-rows: ${g.rows}; --hb-row-h: ${g.rowHeight}px; --hb-row-gap: ${g.rowGap}px; --hb-col-gap: ${g.colGap}px; }`;

  const slideBox = (i: number) => {
    const s = slides[i];
    const mark = marks.get(i);
    const label = mark ? `<span class="hb-section${mark.level === 3 ? ' hb-sub' : ''}">${escapeHtml(mark.title)}</span>` : '';
    return `<figure class="hb-slide${mark ? ' hb-start' : ''}" id="hs-${i}">
<figcaption class="hb-label">${label}<a class="hb-num" href="#hs-${i}">${i + 1}</a></figcaption>
<div class="hb-box"><div class="hb-scale"><div class="reveal"><div class="slides">${s.open}<div class="lt-frame">${s.frame}</div></section></div></div></div></div>
</figure>`;
  };
  const lines = (n: number) => `<div class="hb-lines">${'<div class="hb-line"></div>'.repeat(Math.max(0, n))}</div>`;

  let body = '';
  if (layout === 'notes') {
    body = slides
      .map((s, i) => {
        // The timing line the planner appends ("⏱ about 0:59", "⏱ 约 58 秒") reads as a quiet aside.
        // Chinese notes break between words (handout.css sets them keep-all); the deck keeps its notes as written.
        let notes = markWordBreaks(s.notes.replace(/<p>\s*\u23F1/gu, '<p class="hb-timing">\u23F1')).trim();
        if (!notes) notes = `<p class="hb-empty">${escapeHtml(w.noNotes)}</p>`;
        const more = plan.slides[i]?.moreNotes?.trim();
        const moreHtml = more
          ? `<div class="hb-more"><p class="hb-more-title">${escapeHtml(w.more)}</p>${more.split(/\n{2,}/).map((p) => `<p>${markWordBreaks(escapeHtml(p.trim()))}</p>`).join('')}</div>`
          : '';
        // .hb-write: ruled lines for the reader's own notes, filling the rest of the page (fit.ts).
        return `<article class="hb-sheet">${slideBox(i)}<div class="hb-speaker">${notes}${moreHtml}</div><div class="hb-write"></div></article>`;
      })
      .join('\n');
  } else {
    const per = slidesPerPage[layout];
    const pages: string[] = [];
    for (let start = 0; start < slides.length; start += per) {
      const cells: string[] = [];
      for (let i = start; i < Math.min(start + per, slides.length); i++) {
        cells.push(`<div class="hb-cell">${slideBox(i)}${lines(g.lines)}</div>`);
      }
      pages.push(`<div class="hb-page">\n${cells.join('\n')}\n</div>`);
    }
    body = pages.join('\n');
  }

  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}" class="reveal-print print-pdf">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(handoutCsp)}">
<base href="${escapeHtml(input.base)}">
<title>${escapeHtml(plan.title)}</title>
${input.stylesheets.map((h) => `<link rel="stylesheet" href="${escapeHtml(h)}">`).join('\n')}
<style>
${input.fontCss}
${input.css}
${page}
</style>
</head>
<body class="lang-${lang} hb hb-${layout}">
${body}
</body>
</html>
`;
}
