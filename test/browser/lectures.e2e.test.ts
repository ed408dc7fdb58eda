import { load } from 'cheerio';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureOverflow, openForCheck } from '../../src/check/index.js';
import { lecternHere, poppler, root, sharedBrowser } from '../helpers/cli.js';
import { RESIDUE } from '../helpers/residue.js';

/** Issue #16 end to end: lecture-note fixtures built (two of them with --pdf), read back as HTML and PDF text. */
const fixtures = join(root, 'test', 'fixtures', 'lectures');
const out = mkdtempSync(join(tmpdir(), 'lectern-lectures-'));
/** One browser for the file: the build (the CLI in this process) prints in it, and the tests read the decks in it. */
const session = sharedBrowser();
let build: Awaited<ReturnType<typeof lecternHere>>;
let built: Awaited<ReturnType<typeof lecternHere>>;
const html = (deck: string) => load(readFileSync(join(out, deck, 'index.html'), 'utf8'));
const pdfText = (deck: string) => poppler('pdftotext', [join(out, deck, 'slides.pdf'), '-']);
/** The decks whose PDFs the tests read; the other fixtures are read as HTML only, and printing each cost seconds. */
const printed = ['code-and-math.md', 'site-residue.md'];

beforeAll(async () => {
  build = await lecternHere(['build', ...printed.map((f) => join(fixtures, f)), '--pdf', '-o', out], root, undefined, session);
  const rest = readdirSync(fixtures).filter((f) => !printed.includes(f));
  built = await lecternHere(['build', ...rest.map((f) => join(fixtures, f)), '-o', out], root, undefined, session);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('lecture notes, built (with --pdf where a PDF is read)', () => {
  it('builds every fixture, bad TeX a warning with file:line and never a failure', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(built.code, built.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(readdirSync(fixtures).map((f) => f.replace(/\.\w+$/, '')).sort());
    expect(build.stdout + build.stderr).toMatch(/code-and-math\.md:44: warning: could not typeset/);
  });

  it('carries highlighted token spans and typeset math; no raw TeX on a slide', () => {
    const $ = html('code-and-math');
    expect($('pre.lt-code .hljs-keyword').length).toBeGreaterThan(3);
    expect($('.katex').length).toBeGreaterThan(1);
    $('aside.notes, .katex-mathml, .lt-math-error').remove();
    expect($('.lt-frame').text()).not.toMatch(/\$\\frac|\$\$|\\sum/);
  });

  it('puts real glyphs in the PDF: ∑ as text, KaTeX and JetBrains Mono embedded, no DejaVu', () => {
    expect(pdfText('code-and-math')).toContain('∑');
    const fonts = poppler('pdffonts', [join(out, 'code-and-math', 'slides.pdf')]);
    expect(fonts).toMatch(/KaTeX_Size2-Regular/);
    expect(fonts).toMatch(/JetBrainsMono-Regular/);
    expect(fonts).not.toMatch(/DejaVu/);
    expect(readdirSync(join(out, 'code-and-math', 'lib', 'katex', 'fonts')).length).toBeLessThan(8);
  });

  it('shows none of the site-generator residue on any slide or in the PDF', () => {
    const $ = html('site-residue');
    $('aside.notes, pre, code').remove();
    $('.lt-frame').each((_, el) => {
      for (const pattern of RESIDUE) expect($(el).text()).not.toMatch(pattern);
    });
    // (The Liquid in the deck's one code block is code, and stays.)
    expect(pdfText('site-residue')).not.toMatch(/\{:|\{\{<|\{%\s*(comment|include|raw)|TODO: add the diagram/);
    expect(pdfText('site-residue')).toContain('7 April 2019');
  });

  it('has no continuation code slide of fewer than 3 lines or only closing brackets', () => {
    const $ = html('long-code');
    const continued = $('section').filter((_, s) => /\(cont\.\)/.test($(s).find('.lt-heading').text()) && $(s).find('pre.lt-code').length > 0);
    expect(continued.length).toBeGreaterThan(0);
    continued.each((_, s) => {
      const lines = $(s).find('.lt-line').map((_, l) => $(l).text()).get();
      expect(lines.filter((l) => l.trim() && !/^\s*[\]})]+[;,)]*\s*$/.test(l)).length).toBeGreaterThanOrEqual(3);
    });
    // Each part of the C# listing goes on from the line numbers of the part before.
    const starts = $('section[data-section="A stack in C#"] pre.lt-code').map((_, pre) => Number($(pre).find('.lt-line').first().attr('data-line'))).get();
    expect(starts.length).toBeGreaterThan(1);
    expect(starts[0]).toBe(1);
    for (let k = 1; k < starts.length; k++) expect(starts[k]).toBeGreaterThan(starts[k - 1]);
  });

  it('steps through `[1-2|4]` as fragments: the highlight moves from lines 1–2 to line 4', async () => {
    const deckDir = join(out, 'code-and-math');
    const seen = await session.withPage(async (page) => {
      await page.goto(pathToFileURL(join(deckDir, 'index.html')).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as any).Reveal?.isReady());
      const lit = () =>
        page.evaluate(() => {
          const slide = (window as any).Reveal.getCurrentSlide() as Element;
          return [...slide.querySelectorAll('.lt-line')].filter((l) => getComputedStyle(l).backgroundImage !== 'none').map((l) => l.getAttribute('data-line'));
        });
      await page.evaluate(() => {
        const R = (window as any).Reveal;
        const index = (R.getSlides() as Element[]).findIndex((s) => s.querySelector('.lt-step'));
        R.slide(index, 0, -1);
      });
      const before = await lit();
      await page.evaluate(() => (window as any).Reveal.nextFragment());
      await page.waitForFunction(() => !!document.querySelector('.present .lt-step.visible'));
      return { before, after: await lit() };
    });
    expect(seen.before).toEqual(['1', '2']);
    expect(seen.after).toEqual(['4']);
  });

  it('outline-recurrences: 15–40 slides, formulas compact and verbatim, nothing past a slide\'s edge', async () => {
    const $ = html('outline-recurrences');
    const slides = $('section[data-slide]').length;
    expect(slides).toBeGreaterThanOrEqual(15);
    expect(slides).toBeLessThanOrEqual(40);
    expect($('pre.lt-code.lt-compact').length).toBeGreaterThan(20);
    expect($('pre.lt-code').text()).toContain('T(n) = 2 T(n/2) + c n');
    const measured = await session.withPage(async (page) => {
      await openForCheck(page, join(out, 'outline-recurrences', 'index.html'));
      // The planner's geometry.code (compactPadY, compactGap) is what the theme draws.
      const drawn = await page.evaluate(() => {
        const pre = [...document.querySelectorAll('.lt-body > pre.lt-compact')].find((p) => p.previousElementSibling?.matches('ul, ol'))!;
        return { pad: getComputedStyle(pre).paddingTop, gap: getComputedStyle(pre.previousElementSibling!).marginBottom };
      });
      expect(drawn).toEqual({ pad: '8px', gap: '8px' });
      return measureOverflow(page);
    });
    expect(measured.length).toBe(slides);
    for (const m of measured) expect({ index: m.index, dx: Math.max(0, m.dx), dy: Math.max(0, m.dy) }).toEqual({ index: m.index, dx: 0, dy: 0 });
  });

  it('inline-math: long lead-ins with inline formulas go on (cont.) slides, nothing past a slide\'s edge', async () => {
    const $ = html('inline-math');
    expect($('section').filter((_, s) => /\(cont\.\)/.test($(s).find('.lt-heading').text())).length).toBeGreaterThanOrEqual(2);
    expect($('.lt-body .katex').length).toBeGreaterThan(20);
    const measured = await session.withPage(async (page) => {
      await openForCheck(page, join(out, 'inline-math', 'index.html'));
      return measureOverflow(page);
    });
    expect(measured.length).toBe($('section[data-slide]').length);
    for (const m of measured) expect({ index: m.index, dx: Math.max(0, m.dx), dy: Math.max(0, m.dy) }).toEqual({ index: m.index, dx: 0, dy: 0 });
  });

  for (const deck of ['code-and-math', 'site-residue', 'long-code']) {
    it(`${deck}: opens with no request outside the deck, code in JetBrains Mono`, async () => {
      const deckDir = join(out, deck);
      const result = await session.withPage(async (page) => {
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(join(deckDir, 'index.html')).href, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as any).Reveal?.isReady());
        await page.evaluate(() => document.fonts.ready);
        const mono = await page.evaluate(() => {
          const code = document.querySelector('pre.lt-code code');
          return code ? getComputedStyle(code).fontFamily : '';
        });
        const failed = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family));
        return { requests, mono, failed };
      });
      for (const url of result.requests) expect(url.startsWith(pathToFileURL(deckDir).href), url).toBe(true);
      expect(result.failed).toEqual([]);
      if (deck !== 'site-residue') expect(result.mono).toMatch(/^"?JetBrains Mono/);
    });
  }
});
