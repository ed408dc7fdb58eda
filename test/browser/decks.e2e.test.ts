import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lecternHere, pdfPages, poppler, root, sharedBrowser } from '../helpers/cli.js';
import { corpusDecks, deckCases, decksDir, sourceSyntax } from '../ingest/decks-cases.js';

// One run builds the whole fixture folder, decks and a prose article together, with both PDFs.
// Every build runs in this process (the CLI's main()) and prints in the one browser the checks
// use: this file is about what the decks become, not about the process.
const out = mkdtempSync(join(tmpdir(), 'lectern-decks-e2e-'));
const session = sharedBrowser();
const lectern = (args: string[]) => lecternHere(args, root, undefined, session);
let build: Awaited<ReturnType<typeof lectern>>;
beforeAll(async () => {
  build = await lectern(['build', relative(root, decksDir), '--pdf', '--handout', 'notes', '-o', out, '-q']);
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

/** The syntax check for PDF text, where code keeps its own lines (a YAML `---` in a fence is the author's code). */
const visibleSyntax = new RegExp(sourceSyntax.source.replace('|^---$', ''), sourceSyntax.flags);
const pdfText = (file: string) => poppler('pdftotext', ['-layout', file, '-']);
const deckName = (file: string) => file.replace(/\.(md|qmd)$/, '');

interface SlideSeen {
  notes: string;
  fragments: number;
  vertical: boolean;
  /** The frame's text, code left out (code shows what the author wrote). */
  text: string;
}

describe('authored decks: built HTML, slides PDF and handout, checked in Chromium', () => {
  it('builds a folder that mixes decks and prose in one run', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const prose = readFileSync(join(out, 'prose-article', 'index.html'), 'utf8');
    expect(prose).toContain('data-template="agenda"');
    expect(prose).toContain('data-template="closing"');
    for (const c of deckCases) {
      const html = readFileSync(join(out, deckName(c.file), 'index.html'), 'utf8');
      expect(html, c.file).not.toMatch(/data-template="(agenda|closing)"/);
    }
  });

  for (const c of deckCases) {
    describe(c.file, () => {
      const deck = join(out, deckName(c.file));

      it(`reveal.js shows the author's ${c.slides} slides with their notes, fragments and vertical stacks`, async () => {
        const seen = await session.withPage(async (page) => {
          await page.goto(pathToFileURL(join(deck, 'index.html')).href, { waitUntil: 'load' });
          await page.waitForFunction(() => (window as any).Reveal?.isReady());
          return page.evaluate(() => {
            const R = (window as any).Reveal;
            return {
              total: R.getTotalSlides() as number,
              slides: (R.getSlides() as HTMLElement[]).map((s) => {
                const frame = s.querySelector('.lt-frame')!.cloneNode(true) as HTMLElement;
                frame.querySelectorAll('pre, code, .katex').forEach((e) => e.remove());
                return { notes: (R.getSlideNotes(s) as string | null) ?? '', fragments: s.querySelectorAll('.fragment').length, vertical: R.getIndices(s).v > 0, text: frame.innerText };
              }),
            };
          }) as Promise<{ total: number; slides: SlideSeen[] }>;
        });
        expect(seen.total).toBe(c.slides);
        seen.slides.forEach((s, i) => {
          if (c.notes[i]) expect(s.notes, `notes of slide ${i + 1}`).toContain(c.notes[i]);
          expect(s.fragments, `fragments on slide ${i + 1}`).toBe((c.fragments[i] ?? 0) + (c.codeSteps?.[i] ?? 0));
          expect(s.vertical, `slide ${i + 1} vertical`).toBe(c.vertical.includes(i));
          expect(s.text, `slide ${i + 1}`).not.toMatch(sourceSyntax);
        });
      });

      it('slides.pdf has a page per authored slide and none of the source syntax', () => {
        const pdf = join(deck, 'slides.pdf');
        expect(pdfPages(pdf)).toBe(c.slides);
        expect(pdfText(pdf)).not.toMatch(visibleSyntax);
      });

      it("handout.pdf gives a page per slide with the author's notes", () => {
        const pdf = join(deck, 'handout.pdf');
        expect(pdfPages(pdf)).toBe(c.slides);
        const text = pdfText(pdf).replace(/\s+/g, ' ');
        for (const phrase of Object.values(c.notes)) expect(text).toContain(phrase);
      });
    });
  }

  it("Quarto chunks that hide their code show none of it in the HTML or the PDF; their captions are in the notes (#16)", () => {
    const deck = join(out, 'quarto-chunks');
    const html = readFileSync(join(deck, 'index.html'), 'utf8');
    expect(html.match(/<section data-template=/g)?.length).toBe(5);
    const pdf = pdfText(join(deck, 'slides.pdf'));
    for (const hidden of ['library(ggplot2)', 'geom_line', 'plot(tides$range)', 'plot(tides$neap)', '#| fig-cap', '#| eval']) {
      expect(html).not.toContain(hidden);
      expect(pdf).not.toContain(hidden);
    }
    expect(pdf).toContain('pd.read_csv');
    const handout = pdfText(join(deck, 'handout.pdf')).replace(/\s+/g, ' ');
    for (const caption of ['Water level at the harbour over one week', 'Daily range, spring to neap', 'Neap tides, a quieter week']) expect(handout).toContain(caption);
  });

  it('--fragments prints a page per fragment step of an authored deck', async () => {
    const r = await lectern(['build', join(relative(root, decksDir), 'marp.md'), '--pdf', '--fragments', '-o', join(out, 'steps'), '-q']);
    expect(r.code).toBe(0);
    // Five slides, and three more steps for the three fragment items of the second.
    expect(pdfPages(join(out, 'steps', 'marp', 'slides.pdf'))).toBe(8);
  });
});

describe('authored decks: the real decks in ../shared/corpus build with their slides, notes and a handout', () => {
  for (const c of corpusDecks) {
    it(c.file, async (ctx) => {
      const path = join(root, '..', 'shared', 'corpus', c.file);
      if (!existsSync(path)) return ctx.skip(`../shared/corpus/${c.file} is not here; skipped`);
      // --offline with an empty cache of its own: the same slides whether or not this machine has a network.
      process.env.LECTERN_CACHE_DIR = join(out, 'cache');
      const r = await lectern(['build', path, '--pdf', '--handout', '3up', '--offline', '-o', join(out, 'corpus'), '-q']);
      expect(r.code, r.stderr).toBe(0);
      const deck = join(out, 'corpus', deckName(c.file));
      const slides = 'built' in c ? c.built : c.planned;
      expect(pdfPages(join(deck, 'slides.pdf'))).toBe(slides);
      expect(pdfPages(join(deck, 'handout.pdf'))).toBe(Math.ceil(slides / 3));
      const html = readFileSync(join(deck, 'index.html'), 'utf8');
      expect(html.match(/<section data-template=/g)?.length).toBe(slides);
      // A slide's notes hold the author's words, then the time estimate: count the slides with more than the estimate.
      const notes = [...html.matchAll(/<aside class="notes">([\s\S]*?)<\/aside>/g)].map((m) => m[1]);
      expect(notes.length).toBe(slides);
    });
  }
});
