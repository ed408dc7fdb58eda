import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from '../../src/export/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundGlyphMoves } from '../../src/export/pdf-compact.js';
import { readOutline } from '../../src/export/pdf-meta.js';
import type { DeckPlan } from '../../src/model/plan.js';
import { lecternHere, pdfPages, poppler, root, sharedBrowser } from '../helpers/cli.js';
import { lecture } from './decks.js';

const work = mkdtempSync(join(tmpdir(), 'lectern-slides-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// The CLI runs in this process and prints in one browser: this file is about the PDFs.
const session = sharedBrowser();
const lectern = (args: string[]) => lecternHere(args, root, undefined, session);

const load = (file: string) => PDFDocument.load(readFileSync(file), { updateMetadata: false });
const squash = (s: string) => s.replace(/\s+/g, '');
const pageText = (file: string, page: number) => squash(poppler('pdftotext', ['-f', String(page), '-l', String(page), file, '-']));

/** Writes `text` as `<name>.md`, builds it with `args` into `out`, and returns the deck folder and plan. */
async function build(name: string, text: string, out: string, args: string[]): Promise<{ dir: string; plan: DeckPlan }> {
  const src = join(work, `${name}.md`);
  writeFileSync(src, text);
  const r = await lectern(['build', src, '-o', out, '-q', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { dir: join(out, name), plan: JSON.parse((await lectern(['plan', src, '--json', '-q'])).stdout) as DeckPlan };
}

describe('slides.pdf', () => {
  let en: { dir: string; plan: DeckPlan };
  let again: string;
  let fragments: string;
  beforeAll(async () => {
    const text = lecture('en', 6);
    en = await build('lab', text, join(work, 'a'), ['--pdf', '--handout', '3up']);
    again = (await build('lab', text, join(work, 'b'), ['--pdf', '--handout', '3up'])).dir;
    fragments = join((await build('lab', text, join(work, 'f'), ['--pdf', '--fragments'])).dir, 'slides.pdf');
  });

  it('is byte for byte the same when built twice, and so is the handout', () => {
    for (const f of ['slides.pdf', 'handout.pdf']) {
      expect(Buffer.compare(readFileSync(join(en.dir, f)), readFileSync(join(again, f))), f).toBe(0);
    }
    const raw = readFileSync(join(en.dir, 'slides.pdf')).toString('latin1');
    expect(raw).not.toMatch(/\/ID\s*\[/);
  });

  it('carries the deck’s title, author, subject, keywords, language and date', async () => {
    const file = join(en.dir, 'slides.pdf');
    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(/Title:\s+The Five-Minute Lab\n/);
    expect(info).toMatch(/Author:\s+Ada Test\n/);
    expect(info).toMatch(/Subject:\s+Small experiments, often\n/);
    expect(info).toMatch(/Producer:\s+Lectern\n/);
    expect(info).not.toMatch(/HeadlessChrome|Skia/);
    const doc = await load(file);
    expect(doc.getKeywords()).toBe('teaching physics');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en)');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-09-01T12:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2025-09-01T12:00:00.000Z');
  });

  it('has a page per slide and a bookmark per section on the section’s slide', async () => {
    const file = join(en.dir, 'slides.pdf');
    expect(pdfPages(file)).toBe(en.plan.slides.length);
    const outline = readOutline(await load(file));
    expect(en.plan.outline.length).toBe(6);
    expect(outline).toEqual(en.plan.outline.map((o) => ({ title: o.title, level: o.level, page: o.slide })));
    for (const o of outline) expect(pageText(file, o.page + 1)).toContain(squash(o.title));
  });

  it('--fragments: a page per fragment step, bookmarks on each section’s first step', async () => {
    const html = readFileSync(join(en.dir, 'index.html'), 'utf8');
    const steps = (html.match(/class="fragment"/g) ?? []).length;
    expect(steps).toBeGreaterThanOrEqual(6);
    expect(pdfPages(fragments)).toBe(en.plan.slides.length + steps);
    // The first key-points slide: its title alone, then one more point on each step.
    const points = en.plan.slides.findIndex((s) => s.template === 'points');
    const firstPage = points + 1;
    const items = en.plan.slides[points].points!;
    for (let step = 0; step <= items.length; step++) {
      const text = pageText(fragments, firstPage + step);
      items.forEach((item, i) => (i < step ? expect(text).toContain(squash(item)) : expect(text).not.toContain(squash(item))));
    }
    const outline = readOutline(await load(fragments));
    expect(outline.map((o) => o.title)).toEqual(en.plan.outline.map((o) => o.title));
    for (const o of outline) expect(pageText(fragments, o.page + 1)).toContain(squash(o.title));
    expect(outline[outline.length - 1].page).toBeGreaterThan(en.plan.outline[en.plan.outline.length - 1].slide);
  });
});

describe('a 100-slide deck', () => {
  it.each(['en', 'zh'] as const)('%s: slides.pdf stays small (under 200 KB English, 400 KB Chinese), fonts embedded', async (lang) => {
    const { dir, plan } = await build(`long-${lang}`, lecture(lang, 31), join(work, 'long'), ['--pdf']);
    // About 100 slides: the planner may drop a thin section's divider.
    expect(plan.slides.length).toBeGreaterThanOrEqual(95);
    expect(plan.slides.length).toBeLessThanOrEqual(105);
    const file = join(dir, 'slides.pdf');
    expect(pdfPages(file)).toBe(plan.slides.length);
    expect(statSync(file).size).toBeLessThan(lang === 'en' ? 200_000 : 400_000);
    const fonts = poppler('pdffonts', [file]);
    expect(fonts).toMatch(/NotoSansSC\S*\s+CID TrueType/);
    expect(fonts).not.toMatch(/Type 3/);
    // Nothing rasterised: no shadows or filters turned into images.
    expect(spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' }).stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('compacting glyph moves', () => {
  it('rounds each glyph’s position, not each move, so lines never drift', () => {
    const moves = Array.from({ length: 200 }, (_, i) => `<00${(i % 90) + 10}> Tj\n${(18.6200714 + (i % 7) * 0.0004).toFixed(6)} 0 Td`).join('\n');
    const out = roundGlyphMoves(`BT\n/F4 28 Tf\n1 0 0 -1 113.5 4808 Tm\n${moves}\n<0001> Tj\nET`);
    const sum = (s: string) => [...s.matchAll(/(-?[\d.]+) (-?[\d.]+) Td/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(Math.abs(sum(out) - sum(moves))).toBeLessThan(0.0006);
    expect(out).toContain('18.62 0 Td');
    expect(out).toContain('1 0 0 -1 113.5 4808 Tm');
    expect(out.length).toBeLessThan(moves.length);
  });

  it('leaves the printed page pixel for pixel the same', async () => {
    {
      const raw = await session.withPage(async (page) => {
        await page.setContent(`<body style="font: 23.7px sans-serif; margin: 40px">${'<p>Every glyph sits where Chromium put it — 第三页，共八页. '.repeat(6)}</p></body>`);
        return page.pdf({ format: 'A4', printBackground: true });
      });
      const plain = join(work, 'plain.pdf');
      const compact = join(work, 'compact.pdf');
      writeFileSync(plain, await (await PDFDocument.load(raw)).save());
      const { savePdf } = await import('../../src/export/pdf-meta.js');
      writeFileSync(compact, await savePdf(await PDFDocument.load(raw)));
      expect(statSync(compact).size).toBeLessThan(statSync(plain).size);
      const render = (f: string) => {
        spawnSync('pdftoppm', ['-gray', '-r', '96', '-singlefile', f, f]);
        return readFileSync(`${f}.pgm`);
      };
      expect(Buffer.compare(render(plain), render(compact))).toBe(0);
    }
  });
});

describe('paper size', () => {
  const talk = join(work, 'paper.md');
  writeFileSync(talk, lecture('en', 1));
  // The CLI in this process, with the locale's variables set for the run and restored after.
  const size = async (lang: string, args: string[] = []) => {
    const out = join(work, `paper-${lang}-${args.length}`);
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_PAPER: process.env.LC_PAPER };
    process.env.LANG = lang;
    delete process.env.LC_ALL;
    delete process.env.LC_PAPER;
    let r: Awaited<ReturnType<typeof lectern>>;
    try {
      r = await lectern(['build', talk, '--handout', '2up', '-o', out, '-q', ...args]);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    expect(r.code, r.stderr).toBe(0);
    return /Page size:\s+([\d.]+ x [\d.]+) pts/.exec(poppler('pdfinfo', [join(out, 'paper', 'handout.pdf')]))![1];
  };

  // Which paper a locale, front matter or --paper picks: test/config/resolve.test.ts.
  it('is Letter from an American locale and A4 from a German one', async () => {
    expect(await size('en_US.UTF-8')).toBe('612 x 792');
    // Chromium rounds A4 (595.28 × 841.89 pt) to whole CSS pixels.
    expect(await size('de_DE.UTF-8')).toMatch(/^59\d(\.\d+)? x 84\d(\.\d+)?$/);
    expect(readdirSync(work).some((f) => f.startsWith('.lectern-tmp'))).toBe(false);
  });
});
