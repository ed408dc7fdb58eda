import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from '../../src/export/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../../src/browser/launch.js';
import type { RenderedDeck } from '../../src/render/index.js';
import { exportHandoutPdf, handoutLayouts, slidesPerPage, type HandoutLayout } from '../../src/export/handout.js';
import { fitNotes, type SheetFit } from '../../src/export/handout/fit.js';
import { deckSlide, handoutHtml, sectionMarks, stripPictographs } from '../../src/export/handout/html.js';
import { geometry, papers } from '../../src/export/handout/layout.js';
import { readOutline } from '../../src/export/pdf-meta.js';
import type { DeckPlan } from '../../src/model/plan.js';
import { buildFile, prepare, writeDeck } from '../../src/pipeline.js';
import { pdfPages, poppler } from '../helpers/cli.js';
import { pageBrightness } from './decks.js';

const work = mkdtempSync(join(tmpdir(), 'lectern-handout-'));
const session = browserSession({ env: process.env, timeoutMs: 60_000 });
afterAll(async () => {
  await session.close();
  rmSync(work, { recursive: true, force: true });
});

const measuring = 'When we measured the light falling on the bench, the numbers moved every time someone walked past the window, and the students began to argue about whether the meter or the room was wrong. ';
const en = `---
title: "Light and Shadow"
subtitle: "A short lesson on optics"
author: "Ada Test"
date: 2025-09-01
lang: en
keywords: [optics, light, teaching]
---

# Light and Shadow

This lesson starts with a torch, a pencil and a sheet of paper. Every student can make a shadow, and every shadow has an edge that is sharper or softer depending on the light. We will find out why.

## Why Shadows Have Edges

A shadow is the region where an object blocks the light. The edge of the shadow tells us how big the light source is compared with its distance.

### Point Sources

A tiny source, like a distant street lamp, gives a shadow with a crisp edge. "A point source throws a sharp shadow, and that is all it can do," as one student put it.

### Extended Sources

A large source, like a window on a cloudy day, gives a soft edge: the umbra in the middle and the penumbra around it, where only part of the source is hidden.

## Measuring Light

We measured the light on the bench fourteen times in one afternoon.

Note: ${Array.from({ length: 14 }, (_, i) => `Measurement note ${i + 1}. ${measuring.repeat(3)}That was reading number ${i + 1} of the afternoon.`).join('\n\n')}
`;

const zh = `---
title: "影子为什么有边"
author: "林老师"
date: 2025-10-08
lang: zh
keywords: [光学, 教学]
---

# 影子为什么有边

这节课从一支手电筒、一支铅笔和一张白纸开始。每个学生都能做出影子，而每个影子都有一条或清晰或模糊的边。我们要弄清楚这是为什么。

## 点光源与面光源

影子是物体挡住光的区域。影子的边缘告诉我们，光源的大小和它离我们的距离相比有多大。

### 点光源

很小的光源，比如远处的路灯，会投下边缘清晰的影子。一个学生说：“点光源只会投下锐利的影子，它别无选择。”

### 面光源

很大的光源，比如阴天的窗户，会投下边缘柔和的影子：中间是本影，周围是半影，那里只有部分光源被挡住。

## 动手测量

我们用手机上的照度计测量桌面上的光。每次有人从窗前走过，读数都会变化，学生们开始争论到底是仪器错了还是房间变了。

最后大家决定每次测量三次，取平均值，并且把窗帘拉上。这个决定本身，就是这节课最重要的收获。
`;

interface Deck {
  name: string;
  dir: string;
  plan: DeckPlan;
  rendered: RenderedDeck;
  pdfs: Partial<Record<HandoutLayout, string>>;
}

const decks: Record<'en' | 'zh', Deck> = {} as Record<'en' | 'zh', Deck>;

/** Plans and renders a deck once and writes its folder (what an HTML build writes). */
function makeDeck(name: string, text: string): Deck {
  const src = join(work, `${name}.md`);
  writeFileSync(src, text);
  const p = prepare(src, { quiet: true });
  const dir = join(work, 'out', name);
  mkdirSync(dir, { recursive: true });
  writeDeck(dir, p.rendered);
  return { name, dir, plan: p.plan, rendered: p.rendered, pdfs: {} };
}

const squash = (s: string) => s.replace(/\s+/g, '');
const pageText = (file: string, page: number) => poppler('pdftotext', ['-f', String(page), '-l', String(page), file, '-']);

beforeAll(async () => {
  decks.en = makeDeck('light-and-shadow', en);
  decks.zh = makeDeck('zh-lesson', zh);
  for (const deck of Object.values(decks)) {
    for (const layout of handoutLayouts) {
      const file = join(work, `${deck.name}-${layout}.pdf`);
      writeFileSync(file, await exportHandoutPdf(session, deck.dir, deck.plan, deck.rendered, { layout, paper: 'a4' }));
      deck.pdfs[layout] = file;
    }
  }
});

describe('handout HTML helpers', () => {
  it('marks each section and subsection start from the outline', () => {
    const marks = sectionMarks(decks.en.plan);
    expect([...marks.keys()]).toEqual(decks.en.plan.outline.map((o) => o.slide));
    expect(marks.get(decks.en.plan.outline[1].slide)).toEqual({ title: 'Point Sources', level: 3 });
  });

  it('drops emoji the fonts cannot draw but keeps text symbols', () => {
    expect(stripPictographs('<p>⏱ about 0:59</p>')).toBe('<p>about 0:59</p>');
    expect(stripPictographs('a → b ™ ★ 😀 c')).toBe('a → b ™ ★ c');
  });
});

describe('handout geometry', () => {
  const MM = 96 / 25.4;
  describe.each(['a4', 'letter'] as const)('%s', (paper) => {
    it.each(handoutLayouts)('%s: the slides and lines fill the content box on one grid', (layout) => {
      const g = geometry(layout, paper);
      // The content box matches the page less its margins (1px short, so rounding never spills).
      expect(g.width).toBeCloseTo((papers[paper].width - 2 * g.side) * MM, 1);
      expect(g.side).toBeGreaterThanOrEqual(12);
      expect(g.side).toBeLessThanOrEqual(26);
      expect(g.slideHeight).toBe(Math.ceil(720 * g.scale + 2));
      if (layout === 'notes' || layout === '2up') expect(g.slideWidth).toBe(Math.floor(g.width));
      if (layout === '6up') expect(2 * g.slideWidth + g.colGap).toBeLessThanOrEqual(g.width);
      if (layout === '6up') expect(2 * g.slideWidth + g.colGap).toBeGreaterThan(g.width - 2);
      if (layout === 'notes') return;
      // Rows of fixed height, spread evenly from the top of the content box to its foot.
      expect(g.rows * g.rowHeight + (g.rows - 1) * g.rowGap).toBeCloseTo(g.height, 1);
      expect(g.rowGap).toBeGreaterThanOrEqual(layout === '6up' ? 8 * MM : 6 * MM);
      expect(g.rule).toBeGreaterThanOrEqual(6 * MM);
      expect(g.rule).toBeLessThanOrEqual(7.5 * MM);
      if (layout === '3up') {
        // Lines from the slide's top edge to the foot of the row; the slide's bottom edge on a line.
        expect(g.rowHeight).toBeCloseTo(g.label + g.lines * g.rule, 1);
        const onLine = g.slideHeight / g.rule;
        expect(Math.abs(onLine - Math.round(onLine))).toBeLessThan(0.01);
        expect(g.lines).toBeGreaterThan(Math.round(onLine));
        expect(g.slideWidth + g.colGap + 50 * MM).toBeLessThanOrEqual(g.width);
      } else {
        expect(g.rowHeight).toBeCloseTo(g.label + g.slideHeight + g.lines * g.rule, 1);
        expect(g.lines).toBeGreaterThanOrEqual(3);
      }
    });
  });
});

describe.each(['en', 'zh'] as const)('%s handout', (key) => {
  const deck = () => decks[key];

  it('takes the rendered slides apart into exactly the planned slides', () => {
    const slides = deck().rendered.slides.map(deckSlide);
    expect(slides).toHaveLength(deck().plan.slides.length);
    for (const s of slides) expect(s.frame).not.toContain('<aside');
  });

  it.each(['3up', '6up', '2up'] as const)('%s has ceil(n / per page) pages', (layout) => {
    const n = deck().plan.slides.length;
    expect(pdfPages(deck().pdfs[layout]!)).toBe(Math.ceil(n / slidesPerPage[layout]));
  });

  it('notes has a page per slide at least, and every slide’s notes', () => {
    const file = deck().pdfs.notes!;
    expect(pdfPages(file)).toBeGreaterThanOrEqual(deck().plan.slides.length);
    const text = squash(poppler('pdftotext', [file, '-']));
    for (const slide of deck().plan.slides) {
      for (const para of slide.notes.split(/\n{2,}/)) {
        const clean = squash(stripPictographs(para)).slice(0, 50);
        if (clean) expect(text).toContain(clean);
      }
    }
  });

  it('has a header with the title and a footer with the date and page X of Y', () => {
    const file = deck().pdfs['3up']!;
    const pages = pdfPages(file);
    const first = squash(pageText(file, 1));
    const last = squash(pageText(file, pages));
    expect(first).toContain(squash(deck().plan.title));
    expect(first).toContain(deck().plan.date);
    expect(last).toContain(squash(deck().plan.title));
    if (key === 'en') expect(last).toContain(`Page${pages}of${pages}`);
    else expect(last).toContain(`第${pages}页，共${pages}页`);
  });

  it('embeds CID TrueType fonts, the deck’s Noto Sans SC among them, and no Type 3', () => {
    for (const file of Object.values(deck().pdfs)) {
      const rows = poppler('pdffonts', [file!]).split('\n').slice(2).filter(Boolean);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.includes('NotoSansSC'))).toBe(true);
      for (const r of rows) {
        expect(r).not.toMatch(/Type 3/);
        expect(r).toMatch(/CID TrueType/);
      }
    }
  });

  it('sets the metadata from the plan', async () => {
    const doc = await PDFDocument.load(await readBytes(deck().pdfs['6up']!), { updateMetadata: false });
    const plan = deck().plan;
    expect(doc.getTitle()).toBe(plan.title);
    expect(doc.getAuthor()).toBe(plan.author);
    expect(doc.getKeywords()).toBe(plan.keywords!.join(' '));
    expect(doc.getCreator()).toBe('Lectern');
    expect(doc.getProducer()).toBe('Lectern');
    expect(doc.getCreationDate()?.toISOString()).toBe(`${plan.date}T12:00:00.000Z`);
    expect(doc.getModificationDate()?.toISOString()).toBe(`${plan.date}T12:00:00.000Z`);
  });

  it.each(handoutLayouts)('%s: bookmarks are the sections, each on the page showing its slide', async (layout) => {
    const file = deck().pdfs[layout]!;
    const outline = readOutline(await PDFDocument.load(await readBytes(file), { updateMetadata: false }));
    const plan = deck().plan;
    expect(outline.map((o) => [o.title, o.level])).toEqual(plan.outline.map((o) => [o.title, o.level]));
    outline.forEach((o, i) => {
      if (layout !== 'notes') expect(o.page).toBe(Math.floor(plan.outline[i].slide / slidesPerPage[layout]));
      expect(squash(pageText(file, o.page + 1))).toContain(squash(o.title));
    });
  });

  it('marks each section’s first slide with its title on the label line above the box', () => {
    const file = deck().pdfs['3up']!;
    for (const o of deck().plan.outline) {
      const page = Math.floor(o.slide / slidesPerPage['3up']) + 1;
      const text = poppler('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-']);
      expect(text).toMatch(new RegExp(`${o.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${o.slide + 1}\\n`));
    }
  });

  it('prints the header and footer at 9pt or more, and the notes at reading size', () => {
    // pdftotext's word boxes are the font's ascent to descent: 1.448 em for Noto Sans SC.
    const words = (file: string, page: number) =>
      [...poppler('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-']).matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ y: Number(m[1]), size: (Number(m[2]) - Number(m[1])) / 1.448, text: m[3] }));
    for (const layout of handoutLayouts) {
      const all = words(deck().pdfs[layout]!, 1);
      const header = all.filter((w) => w.y < 17 * 72 / 25.4);
      const footer = all.filter((w) => w.y > (297 - 15) * 72 / 25.4);
      expect(header.length).toBeGreaterThan(0);
      expect(footer.length).toBeGreaterThan(0);
      for (const w of [...header, ...footer]) expect(w.size).toBeGreaterThanOrEqual(8.9);
    }
    const notes = squash(deck().plan.slides[0].notes.split(/\n{2,}/)[0]).slice(0, 4);
    const g = geometry('notes', 'a4');
    const below = 17 * 72 / 25.4 + ((g.label + g.slideHeight) * 72) / 96;
    const body = words(deck().pdfs.notes!, 1).filter((w) => w.y > below && w.text && (notes.startsWith(squash(w.text)) || squash(w.text).startsWith(notes)));
    expect(body.length).toBeGreaterThan(0);
    expect(body[0].size).toBeGreaterThanOrEqual(10.9);
    expect(body[0].size).toBeLessThanOrEqual(12.1);
  });

  it('leaves nothing behind in the deck folder', () => {
    expect(readdirSync(deck().dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('handout specifics', () => {
  it('flows long notes onto continuation pages instead of cutting them', () => {
    const { plan } = decks.en;
    const file = decks.en.pdfs.notes!;
    const long = plan.slides.findIndex((s) => s.notes.length > 6000);
    expect(long).toBeGreaterThanOrEqual(0);
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThan(plan.slides.length);
    // The last words of the long notes are printed, and the slides after it moved down a page or more.
    const all = squash(poppler('pdftotext', [file, '-']));
    expect(all).toContain(squash('That was reading number 14 of the afternoon.'));
    expect(squash(pageText(file, pages))).toContain(squash(plan.slides[plan.slides.length - 1].notes.split(/\n{2,}/)[0]).slice(0, 30));
    expect(squash(pageText(file, long + 1))).toContain(squash('Measurement note 1.'));
    expect(squash(pageText(file, long + 2))).not.toContain(squash('Measurement note 1.'));
  });

  it('notes: shrinks the slide when that keeps its notes on its page, flows longer notes, and rules the rest of the page', async () => {
    const { dir, plan, rendered } = decks.en;
    const first = deckSlide(rendered.slides[0]);
    const counts = Array.from({ length: 12 }, (_, i) => i + 1);
    const slides = counts.map((k) => ({ ...first, notes: Array.from({ length: k }, (_, i) => `<p>Reading ${i + 1}. ${measuring.repeat(2)}</p>`).join('') }));
    const html = handoutHtml({ plan: { ...plan, slides: [], outline: [] }, slides, stylesheets: rendered.stylesheets, css: readFileSync(join('templates', 'handout', 'handout.css'), 'utf8'), fontCss: '', base: './', layout: 'notes', paper: 'a4' });
    const file = join(dir, 'fit-test.html');
    writeFileSync(file, html);
    const g = geometry('notes', 'a4');
    let fits: SheetFit[];
    try {
      fits = await session.withPage(
        async (page) => {
          await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          return page.evaluate(fitNotes, { height: g.height, rule: g.rule, minSlideWidth: g.minSlideWidth, slideW: 1280, slideH: 720 });
        },
        { confineTo: dir },
      );
    } finally {
      rmSync(file, { force: true });
    }
    expect(fits).toHaveLength(counts.length);
    for (const f of fits) {
      if (f.pages === 1) expect(f.height).toBeLessThanOrEqual(g.height);
      // A sheet either fits its page or keeps the full-width slide and flows on.
      else expect([f.width, f.lines]).toEqual([g.slideWidth, 0]);
      expect(f.width).toBeGreaterThanOrEqual(g.minSlideWidth);
      if (f.width < g.slideWidth) expect(f.pages).toBe(1);
    }
    // Short notes: full slide, lines to the foot of the page.
    expect(fits[0]).toMatchObject({ width: g.slideWidth, pages: 1 });
    expect(fits[0].lines).toBeGreaterThanOrEqual(10);
    expect(g.height - fits[0].height).toBeLessThan(g.rule);
    // Somewhat longer: a smaller slide; much longer: a continuation page.
    expect(fits.some((f) => f.width < g.slideWidth)).toBe(true);
    expect(fits[fits.length - 1].pages).toBeGreaterThan(1);
    const kinds = fits.map((f) => (f.pages > 1 ? 2 : f.width < g.slideWidth ? 1 : 0));
    expect([...kinds].sort()).toEqual(kinds);
  });

  it('gives identical bytes for the same deck, layout and paper', async () => {
    // Printed again, each against its print in beforeAll.
    for (const layout of ['notes', '3up'] as const) {
      const again = await exportHandoutPdf(session, decks.zh.dir, decks.zh.plan, decks.zh.rendered, { layout, paper: 'a4' });
      expect(Buffer.compare(readFileSync(decks.zh.pdfs[layout]!), Buffer.from(again))).toBe(0);
    }
  });

  it('prints on Letter paper, and takes the footer date from the options', async () => {
    const file = join(work, 'letter.pdf');
    writeFileSync(file, await exportHandoutPdf(session, decks.en.dir, decks.en.plan, decks.en.rendered, { layout: '2up', paper: 'letter', date: '2026-01-31' }));
    expect(poppler('pdfinfo', [file])).toMatch(/Page size:\s+612 x 792 pts/);
    expect(pageText(file, 1)).toContain('2026-01-31');
    const doc = await PDFDocument.load(await readBytes(file), { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-01-31T12:00:00.000Z');
  });

  it('prints a dark deck in the light palette: paper, not dark blocks', async () => {
    const src = join(work, 'dark.md');
    writeFileSync(src, zh);
    const built = await buildFile(src, { outDir: join(work, 'dark'), theme: 'dark', pdf: true, handout: '6up', quiet: true }, session);
    const slides = pageBrightness(built.pdf!, 1, join(work, 'dark-slides'));
    const handout = pageBrightness(built.handout!, 1, join(work, 'dark-handout'));
    expect(slides).toBeLessThan(80);
    expect(handout).toBeGreaterThan(235);
    // A light deck keeps its own colours: the same page is as light.
    expect(pageBrightness(decks.zh.pdfs['6up']!, 1, join(work, 'light-handout'))).toBeGreaterThan(235);
  });

  it('refuses a plan that does not match the built deck', async () => {
    const plan = { ...decks.en.plan, slides: decks.en.plan.slides.slice(1) };
    await expect(exportHandoutPdf(session, decks.en.dir, plan, decks.en.rendered, { layout: '3up', paper: 'a4' })).rejects.toThrow(/slides but its plan has/);
  });
});

async function readBytes(file: string): Promise<Uint8Array> {
  return readFile(file);
}
