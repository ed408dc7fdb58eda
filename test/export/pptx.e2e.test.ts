import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckPlan } from '../../src/model/plan.js';
import { lecternHere, pdfPages, poppler, root } from '../helpers/cli.js';
import { readPptx } from './pptx-read.js';

// slides.pptx opened by another program: LibreOffice converts it to PDF headless, and the PDF
// must have a page per slide, the quotes as text, no blank page and no word off the page.
// .ci/run installs libreoffice-impress-nogui; elsewhere the test skips with a message.

/** LibreOffice's soffice: SOFFICE_PATH, then PATH, then where Debian and macOS put it. */
function findSoffice(): string | undefined {
  const candidates = [
    process.env.SOFFICE_PATH,
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'soffice')),
    '/usr/lib/libreoffice/program/soffice',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

const soffice = findSoffice();
if (!soffice) console.warn('pptx.e2e: skipped — LibreOffice (soffice) not found; install libreoffice-impress-nogui or set SOFFICE_PATH');

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const en = `---
title: "Reading the Night Sky Without a Telescope"
subtitle: "An evening course for curious adults"
author: "Tomas Reyes"
date: 2025-10-12
lang: en
---

# Reading the Night Sky Without a Telescope

Most people who join this course have never looked up for longer than a minute. By the end of the first evening they can find the pole star, tell a planet from a star by its steady light, and estimate the time from the turn of the Plough. None of it needs equipment, only patience and a dark corner of a park.

## Finding North

The first skill is direction. We start with the Plough, follow the two pointer stars upward, and land on a faint star that never seems to move. Learners are always surprised by how dim it is, because they expected the brightest star in the sky.

> The pole star is not bright; it is faithful, and that is better.

— Amira Clode

- Find the Plough first, whatever the season
- Follow the pointers five times their own distance
- Check your answer against the horizon

| Season | Plough position | Height of pole star |
|---|---|---|
| Spring | High overhead | Same as your latitude |
| Autumn | Low in the north | Same as your latitude |

## Telling Planets From Stars

Planets shine with a steady light while stars twinkle, because a planet is a tiny disc rather than a point. On a windy night the difference is obvious even to beginners, and it becomes the favourite party trick of the whole group.

\`\`\`
steady = brightness.std() < 0.05
print("planet" if steady else "star")
\`\`\`

![A sketch of the evening sky](sky.png)

## Counting the Nights

A learner who spots one more star each night than the night before has, after n nights, counted this many in all:

$$\\sum_{i=1}^n i = \\frac{n(n+1)}{2}$$

> You stop seeing dots and start seeing a clock that has been running for four billion years.

— Tomas Reyes
`;

const zh = `---
title: "夜空里的时钟"
author: "周晓岚"
date: 2025-10-12
lang: zh
---

# 夜空里的时钟

这门课面向从未认真看过星空的成年人。第一个晚上结束时，大家已经能找到北极星，能分辨行星和恒星，还能根据北斗七星的位置估计时间。整个过程不需要任何器材，只需要耐心和一片黑暗的草地。

## 怎样找到北方？

记者：很多人第一次看星星都找不到北极星，问题出在哪里？周晓岚：大家总以为北极星是最亮的那一颗，其实它很暗。它不亮，但它从不离开，这比亮更重要。我们先找北斗七星，再沿着两颗指极星往上走五倍的距离，就能看到它。

> 北极星并不明亮，它只是始终如一。

— 周晓岚

## 行星为什么不闪？

行星的光是稳定的，恒星的光会闪烁，因为行星在望远镜里是一个小圆面，而恒星只是一个点。刮风的晚上，这个区别非常明显，学员们很快就把它当成了聚会上的小把戏。

> 你不再看见一个个光点，而是看见一座已经走了四十亿年的钟。

— 周晓岚
`;

// Made only when the tests run: vitest runs no hook of a file whose tests are all skipped, so a
// folder made regardless was left in the temp folder on every machine without LibreOffice.
let work = '';
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Converted {
  plan: DeckPlan;
  pptxSlides: number;
  pdf: string;
}
const decks: Record<'en' | 'zh', Converted> = {} as Record<'en' | 'zh', Converted>;
let enBuild: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  if (!soffice) return;
  work = mkdtempSync(join(tmpdir(), 'lectern-pptx-e2e-'));
  writeFileSync(join(work, 'sky.png'), Buffer.from(PNG_1X1, 'base64'));
  writeFileSync(join(work, 'en.md'), en);
  writeFileSync(join(work, 'zh.md'), zh);
  const out = join(work, 'out');
  // The English deck is built with every output at once; the Chinese one in the dark theme. The
  // CLI runs in this process (its main()): what is tested is what it writes, not the process.
  const lectern = (args: string[]) => lecternHere(args, root);
  enBuild = await lectern(['build', join(work, 'en.md'), '--pptx', '--pdf', '--handout', '-o', out]);
  expect(enBuild.code, enBuild.stderr).toBe(0);
  const zhBuild = await lectern(['build', join(work, 'zh.md'), '--pptx', '--theme', 'dark', '-o', out, '-q']);
  expect(zhBuild.code, zhBuild.stderr).toBe(0);
  const convert = join(work, 'convert');
  mkdirSync(convert);
  for (const lang of ['en', 'zh'] as const) copyFileSync(join(out, lang, 'slides.pptx'), join(convert, `${lang}.pptx`));
  // A profile of its own, so a LibreOffice the user has open does not take the job.
  const profile = pathToFileURL(join(work, 'lo-profile')).href;
  const r = spawnSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', convert, join(convert, 'en.pptx'), join(convert, 'zh.pptx')], { encoding: 'utf8', timeout: 300_000 });
  expect(r.status, r.stderr).toBe(0);
  for (const lang of ['en', 'zh'] as const) {
    const plan = JSON.parse((await lectern(['plan', join(work, `${lang}.md`), '--json'])).stdout) as DeckPlan;
    const pptx = await readPptx(readFileSync(join(convert, `${lang}.pptx`)));
    decks[lang] = { plan, pptxSlides: pptx.slides.length, pdf: join(convert, `${lang}.pdf`) };
  }
}, 600_000);

/** Share of a page's pixels (or of a crop of it, in px at `dpi`) that differ clearly from its most common (background) value. */
function ink(pdf: string, page: number, o: { dpi?: number; crop?: [number, number, number, number] } = {}): number {
  const stem = join(work, `ink-${page}`);
  const crop = o.crop ? ['-x', String(o.crop[0]), '-y', String(o.crop[1]), '-W', String(o.crop[2]), '-H', String(o.crop[3])] : [];
  const r = spawnSync('pdftoppm', ['-gray', '-r', String(o.dpi ?? 24), ...crop, '-f', String(page), '-l', String(page), '-singlefile', pdf, stem], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  const pgm = readFileSync(`${stem}.pgm`);
  rmSync(`${stem}.pgm`);
  const header = /^P5\s+\d+\s+\d+\s+\d+\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  const counts = new Array<number>(256).fill(0);
  for (const p of pixels) counts[p]++;
  const background = counts.indexOf(Math.max(...counts));
  let differ = 0;
  for (const p of pixels) if (Math.abs(p - background) > 48) differ++;
  return differ / pixels.length;
}

const flat = (s: string, lang: string) => (lang === 'zh' ? s.replace(/\s+/g, '') : s.replace(/\s+/g, ' ').trim());

describe.skipIf(!soffice)('slides.pptx in LibreOffice', () => {
  it('is written beside index.html in a run that also prints both PDFs', () => {
    const deck = join(work, 'out', 'en');
    expect(readdirSync(deck)).toEqual(expect.arrayContaining(['index.html', 'slides.pdf', 'handout.pdf', 'slides.pptx']));
    expect(readdirSync(deck).filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(enBuild.stdout).toMatch(/slides\.pdf, handout\.pdf, slides\.pptx/);
    // The image is embedded, so nothing warns.
    expect(enBuild.stderr).not.toMatch(/warning/);
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: converts to one page per planned slide, with the quotes as text and no blank page`, () => {
      const { plan, pptxSlides, pdf } = decks[lang];
      expect(pptxSlides).toBe(plan.slides.length);
      expect(pdfPages(pdf)).toBe(plan.slides.length);
      const all = flat(poppler('pdftotext', [pdf, '-']), lang);
      const quotes = plan.slides.filter((s) => s.quote).map((s) => s.quote!);
      expect(quotes.length).toBeGreaterThanOrEqual(2);
      for (const q of quotes) {
        expect(all).toContain(flat(q.text, lang));
        expect(all).toContain(flat(q.by, lang));
      }
      for (let page = 1; page <= plan.slides.length; page++) expect(ink(pdf, page), `page ${page}`).toBeGreaterThan(0.002);
    });

    if (lang === 'en')
      it('en: shows display math as a picture LibreOffice draws, not as its TeX', async () => {
        const { plan, pdf } = decks.en;
        const i = plan.slides.findIndex((s) => s.body?.includes('\\sum_'));
        expect(i).toBeGreaterThan(-1);
        const page = poppler('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-']);
        expect(page).toContain('Counting the Nights');
        expect(page).not.toMatch(/\\sum|\\frac/);
        // The formula's box on the slide (EMU), as a crop of the page at 96 dpi: ink inside it.
        const pptx = await readPptx(readFileSync(join(work, 'out', 'en', 'slides.pptx')));
        const pic = /<p:pic>[\s\S]*?<\/p:pic>/.exec(await pptx.xml(pptx.slides[i]))?.[0] ?? '';
        const [x, y, cx, cy] = ['x', 'y', 'cx', 'cy'].map((k) => Math.round((Number(new RegExp(`\\s${k}="(\\d+)"`).exec(pic.slice(pic.indexOf('<a:xfrm>')))?.[1]) / 914400) * 96));
        expect(cx).toBeGreaterThan(200); // 96 dpi px: about 270 of the 1280 slide
        expect(ink(pdf, i + 1, { dpi: 96, crop: [x, y, cx, cy] })).toBeGreaterThan(0.03);
      });

    it(`${lang}: keeps every word inside the slide's frame`, () => {
      const { pdf } = decks[lang];
      const html = poppler('pdftotext', ['-bbox', pdf, '-']);
      const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html)!;
      const [width, height] = [Number(page[1]), Number(page[2])];
      // 88px of 1280 at the sides, the footer's 36px of 720 below, less a little for glyph overhang.
      const side = (width * 80) / 1280;
      const bottom = height - (height * 30) / 720;
      const pages = html.split(/<page /).slice(1);
      expect(pages).toHaveLength(decks[lang].plan.slides.length);
      let count = 0;
      pages.forEach((pageHtml, i) => {
        for (const w of pageHtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)) {
          const [x0, , x1, y1] = w.slice(1, 5).map(Number);
          // The slide number sits in the corner, outside the frame, as reveal.js puts it.
          if (w[5] === String(i + 1) && x0 > width * 0.85 && y1 > bottom) continue;
          count++;
          expect({ page: i + 1, word: w[5], x0: x0 >= side, x1: x1 <= width - side, y1: y1 <= bottom }).toEqual({ page: i + 1, word: w[5], x0: true, x1: true, y1: true });
        }
      });
      expect(count).toBeGreaterThan(20);
    });
  }
});
