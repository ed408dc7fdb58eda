import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/index.js';
import { detectDeck } from '../../src/ingest/decks/index.js';
import { FRAGMENT_ITEM, type AuthoredSlide } from '../../src/model/deck.js';
import { plan } from '../../src/plan/index.js';
import { defaults } from '../../src/config/schema.js';
import { lecternHere, root } from '../helpers/cli.js';
import { corpusDecks, deckCases, decksDir, sourceSyntax } from './decks-cases.js';

const read = (name: string) => readFileSync(join(decksDir, name), 'utf8');
const load = (name: string, deck?: 'keep' | 'replan') => ingest(read(name), name, { deck });

/** Fragments a slide's Markdown holds: marked list items, fragment divs and spans. */
function fragments(s: AuthoredSlide): number {
  const md = [s.body, ...(s.columns ?? [])].join('\n');
  return md.split(FRAGMENT_ITEM).length - 1 + (md.match(/class="fragment"/g)?.length ?? 0);
}

describe('authored decks: each dialect keeps its slides as written', () => {
  for (const c of deckCases) {
    describe(c.file, () => {
      const doc = load(c.file);
      const slides = doc.deck?.slides ?? [];

      it(`is read as ${c.dialect}, one slide per authored slide`, () => {
        expect(detectDeck(read(c.file), c.file)).toBe(c.dialect);
        expect(doc.deck?.dialect).toBe(c.dialect);
        expect(doc.sections).toEqual([]);
        expect(slides.length).toBe(c.slides);
      });

      it('keeps the speaker notes of each slide', () => {
        for (const [i, phrase] of Object.entries(c.notes)) expect(slides[Number(i)].notes.join('\n')).toContain(phrase);
      });

      it('keeps fragments and vertical stacks', () => {
        slides.forEach((s, i) => expect(fragments(s), `slide ${i + 1}`).toBe(c.fragments[i] ?? 0));
        expect(slides.flatMap((s, i) => (s.vertical ? [i] : []))).toEqual(c.vertical);
      });

      it('leaves none of the source syntax in what the slides show', () => {
        for (const s of slides) {
          const shown = [s.title, s.subtitle, s.quote?.text, s.quote?.by, s.body, ...(s.columns ?? [])].filter(Boolean).join('\n');
          // Code keeps what the author wrote, rules and all: only the text outside fences is checked.
          expect(shown.replace(/```[\s\S]*?```/g, '')).not.toMatch(sourceSyntax);
        }
      });

      it('plans to the same slides, each on its template, with no agenda or closing', () => {
        const p = plan(doc, defaults);
        expect(p.slides.map((s) => s.template)).toEqual(c.templates);
        p.slides.forEach((s, i) => {
          expect(s.line, `slide ${i + 1} keeps its source line`).toBeGreaterThan(0);
          if (c.notes[i]) expect(s.notes).toContain(c.notes[i]);
        });
        expect(['light', 'dark', 'contrast']).toContain(p.theme);
      });
    });
  }

  it("maps another tool's theme to the nearest built-in one with one warning, never an error", () => {
    const marp = load('marp.md');
    expect(marp.meta.theme).toBe('light');
    const reveal = load('reveal-md.md');
    expect(reveal.meta.theme).toBe('dark');
    const warnings = reveal.diagnostics.filter((d) => /theme "black"/.test(d.message));
    expect(warnings.length).toBe(1);
  });

  it('warns once per kind of dropped syntax, not once per slide', () => {
    const text = ['---', 'marp: true', '---', ...Array.from({ length: 12 }, (_, i) => `\n<!-- _paginate: false -->\n\n## Slide ${i + 1}\n\n<Widget a="1">text ${i}</Widget>\n\n---`)].join('\n');
    const doc = ingest(text, 'many.md');
    expect(doc.deck?.slides.length).toBe(12);
    expect(doc.diagnostics.filter((d) => /paginate/.test(d.message)).length).toBe(1);
    expect(doc.diagnostics.filter((d) => /<Widget>/.test(d.message)).length).toBe(1);
    for (const s of doc.deck!.slides) expect(s.body).not.toMatch(/Widget|<!--/);
  });

  it('--replan plans the deck text as prose; --as-deck keeps a plain file as slides', () => {
    const replanned = load('marp.md', 'replan');
    expect(replanned.deck).toBeUndefined();
    expect(replanned.meta.theme).toBe('light');
    expect(plan(replanned, defaults).slides.some((s) => s.template === 'agenda' || s.template === 'closing')).toBe(true);
    const forced = ingest('# Title\n\n## One\n\nText.\n\n## Two\n\nMore text.\n', 'prose.md', { deck: 'keep' });
    expect(forced.deck?.slides.map((s) => s.title)).toEqual(['Title', 'One', 'Two']);
  });

  it("Marp's headingDivider starts a slide at each heading of that level or above", () => {
    const doc = ingest('---\nmarp: true\nheadingDivider: 2\n---\n\n# Deck\n\nIntro line.\n\n## First\n\nOne.\n\n### Detail\n\nStill first.\n\n## Second\n\nTwo.\n', 'divided.md');
    expect(doc.deck?.slides.map((s) => s.title)).toEqual(['Deck', 'First', 'Second']);
    expect(doc.deck!.slides[1].body).toContain('Still first.');
  });

  it("Quarto's incremental lists make every item a fragment; ::: nonincremental turns it off", () => {
    const text = '---\nformat:\n  revealjs:\n    incremental: true\n---\n\n## Steps\n\n- one\n- two\n\n## Quiet\n\n::: nonincremental\n- three\n:::\n';
    const slides = ingest(text, 'inc.qmd').deck!.slides;
    expect(slides[0].body.split(FRAGMENT_ITEM).length - 1).toBe(2);
    expect(slides[1].body).not.toContain(FRAGMENT_ITEM);
    expect(slides[1].body).toContain('- three');
  });

  it("Marp's ![bg left] puts the image beside the text on the left", () => {
    const s = ingest('---\nmarp: true\n---\n\n![bg left:40% A map](map.png)\n\n## Routes\n\nTwo ways in.\n', 'left.md').deck!.slides[0];
    expect(s.layout).toBe('image-beside');
    expect(s.imageSide).toBe('left');
    expect(s.columns).toEqual(['![A map](map.png)', 'Two ways in.']);
  });

  it("Slidev's root paths point into the deck's public/ folder", () => {
    const doc = ingest('---\ntheme: default\n---\n\n# One\n\n![logo](/logo.png)\n\n---\nlayout: image-left\nimage: /photo.jpg\n---\n\n# Two\n\nText.\n', 'public.md');
    expect(doc.deck?.dialect).toBe('slidev');
    expect(doc.deck!.slides[0].body).toContain('](public/logo.png)');
    expect(doc.deck!.slides[1].columns?.[0]).toContain('](public/photo.jpg)');
  });

  it('a text that shows deck syntax in code is no deck', () => {
    const text = '# Notes on Marp\n\nMarp reads `<!-- _class: lead -->` and `marp: true`; reveal.js reads `<!-- .element: class="fragment" -->`.\n\n```md\n---\nmarp: true\n---\n<!-- _class: lead -->\n```\n\nThat is all.\n';
    expect(detectDeck(text, 'about-marp.md')).toBeUndefined();
  });

  it("prose with a `Note:` line and a setext heading's `---` underline is no reveal.js deck", () => {
    // Found by the pipeline property test: everything after `Note:` went to the notes of one empty slide.
    const text = 'Note: the ferry runs hourly.\n\nThe harbour\n---\n\nNote: the timetable changes in May.\n\nBoats leave from the north pier.\n';
    expect(detectDeck(text, 'ferry.md')).toBeUndefined();
    expect(detectDeck('Note: read this first.\n\n---\n\nThe pier.\n', 'pier.md')).toBeUndefined();
    expect(detectDeck('# Harbour\n\nBoats.\n\nNote: say the times.\n\n---\n\n# Pier\n\nNorth.\n', 'deck.md')).toBe('reveal-md');
    // Found by the pipeline property test in CI: a `Note:` right after an opening rule made one slide of notes.
    expect(detectDeck('---\n\nNote: we work here.\n\nQ: we work here.\n', 'talk.md')).toBeUndefined();
  });

  it('reads prose as prose: the fixture article and the sample talks are not decks', () => {
    expect(detectDeck(read('prose-article.md'), 'prose-article.md')).toBeUndefined();
    for (const f of readdirSync(join(root, 'content')).filter((n) => /\.(md|txt)$/.test(n))) {
      expect(detectDeck(readFileSync(join(root, 'content', f), 'utf8'), f), f).toBeUndefined();
    }
  });
});

describe('authored decks: bad input', () => {
  it('a deck with zero slides is a one-line content error naming the file', () => {
    let error: unknown;
    try {
      load('bad/empty-deck.md');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LecternError);
    expect((error as LecternError).code).toBe('CONTENT');
    expect((error as LecternError).message).toMatch(/^bad\/empty-deck\.md:\d+: .*no slides/);
    expect((error as LecternError).message).not.toContain('\n');
  });

  it('an unterminated slide front matter block is read up to its last YAML line, with a warning', () => {
    const doc = load('bad/unterminated-front.md');
    expect(doc.deck?.slides.map((s) => s.title)).toEqual(['Planting bulbs', 'Autumn is the time', 'Spring shows the result']);
    expect(doc.diagnostics.some((d) => /no closing ---/.test(d.message) && d.pos?.line === 8)).toBe(true);
    expect(doc.deck!.slides[1].body).not.toMatch(/class: big|layout:/);
  });

  it('a --- inside a code fence is no slide break', () => {
    const slide = load('marp.md').deck!.slides[3];
    expect(slide.body).toMatch(/moisture: 31\n---\nbed: tomatoes/);
  });

  it('an unclosed code fence is closed at the next slide break, with a warning, and swallows nothing', () => {
    const doc = load('bad/unclosed-fence.md');
    expect(doc.deck?.slides.map((s) => s.title)).toEqual(['Shell habits', 'A loop that never ends', 'The next slide survives', 'And so does this one']);
    expect(doc.deck!.slides[1].body).toMatch(/done\s*```$/);
    expect(doc.diagnostics.filter((d) => /never closed/.test(d.message)).map((d) => d.pos?.line)).toEqual([11]);
  });

  it('a 1,000-slide deck is read whole', () => {
    const text = ['---', 'marp: true', '---', ...Array.from({ length: 1000 }, (_, i) => `\n## Slide ${i + 1}\n\n* point\n\n<!-- note ${i + 1} -->\n\n---`)].join('\n');
    const doc = ingest(text, 'big.md');
    expect(doc.deck?.slides.length).toBe(1000);
    expect(doc.deck!.slides[999].notes).toEqual(['note 1000']);
    expect(plan(doc, defaults).slides.length).toBe(1000);
  });
});

describe('authored decks: the real decks in ../shared/corpus', () => {
  for (const c of corpusDecks) {
    it(`${c.file}: ${c.slides} authored slides, ${c.withNotes} with notes, ${c.planned} planned`, (ctx) => {
      const path = join(root, '..', 'shared', 'corpus', c.file);
      if (!existsSync(path)) return ctx.skip(`../shared/corpus/${c.file} is not here; skipped`);
      const doc = ingest(readFileSync(path, 'utf8'), c.file);
      expect(doc.deck?.dialect).toBe(c.dialect);
      expect(doc.deck?.slides.length).toBe(c.slides);
      expect(doc.deck?.slides.filter((s) => s.notes.length).length).toBe(c.withNotes);
      expect(plan(doc, defaults).slides.length).toBe(c.planned);
    });
  }
});

describe('authored decks: the command line', () => {
  const fixture = (name: string) => join('test', 'fixtures', 'decks', name);
  /** The CLI's main() in this process: the output is the point, and a process each cost seconds. */
  const lectern = (args: string[]) => lecternHere(args, root);

  it('lectern plan keeps a deck as written, --replan plans it as prose, both flags at once are a usage error', async () => {
    const kept = await lectern(['plan', fixture('slidev.md'), '--json', '-q']);
    expect(kept.code).toBe(0);
    expect((JSON.parse(kept.stdout) as { slides: unknown[] }).slides.length).toBe(6);
    const replanned = await lectern(['plan', fixture('slidev.md'), '--replan', '--json', '-q']);
    expect(replanned.code).toBe(0);
    expect((JSON.parse(replanned.stdout) as { slides: { template: string }[] }).slides.map((s) => s.template)).toContain('agenda');
    const both = await lectern(['plan', fixture('slidev.md'), '--replan', '--as-deck']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^lectern: --replan and --as-deck contradict each other/);
  });

  it('a deck with zero slides fails with one line and exit code 4, and writes nothing', async () => {
    const r = await lectern(['build', fixture('bad/empty-deck.md'), '-o', join('test', 'fixtures', 'decks', 'bad', 'never-written')]);
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(decksDir, 'bad', 'never-written'))).toBe(false);
  });

  it('a .qmd file is read as a Quarto deck (folder builds collect .qmd too: decks.e2e)', async () => {
    const r = await lectern(['plan', fixture('quarto.qmd'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Counting Birds in the City — 6 slides/);
  });
});

describe('authored decks: any input', () => {
  const pieces = ['---', '--', '----', '```js {1,3}', '```', '~~~', '<!-- a note -->', '<!--', '-->', '<!-- _class: lead -->', '<!-- .element: class="fragment" -->', '<!-- .slide: data-x="1" -->',
    '<v-click>', '</v-click>', '<v-clicks>', '</v-clicks>', '::right::', '::: notes', ':::: columns', '::: {.column}', ':::', '. . .', 'Note: said aloud', '## A title {.center}',
    '# Big', '- item', '* starred', '1) first', '', 'plain words', '<Widget :a="1">', '</Widget>', 'layout: two-cols', 'image: x.png', '![bg left](x.png)', '[span]{.fragment}', '[@key]', ':smile:', '$x^2$'];
  const front = ['', '---\nmarp: true\n---\n', '---\ntheme: seriph\nlayout: cover\n---\n', '---\nseparator: ^---$\nverticalSeparator: ^--$\n---\n', '---\nformat: revealjs\n---\n'];

  it('a code fence right after a closing <v-click> stays code, not part of an HTML block (found by the property below)', () => {
    const doc = ingest('<v-click>\n</v-click>\n```js {1,3}\n<v-clicks>\n', 'any.md', { deck: 'keep' });
    for (const s of doc.deck?.slides ?? []) {
      const shown = new Lexer({ gfm: true }).lex(s.body).filter((t) => t.type !== 'code').map((t) => t.raw).join('');
      expect(shown).not.toMatch(/<\/?v-clicks?>/);
    }
  });

  it('a fence left open before a fence with a language is closed before it, as Markdown reads it (found by the property below)', () => {
    const doc = ingest('```\n```js {1,3}\n```\n<!-- .element: class="fragment" -->\n', 'any.md', { deck: 'keep' });
    const body = doc.deck!.slides[0].body;
    expect(body).not.toMatch(/<!--/);
    expect(new Lexer({ gfm: true }).lex(body).some((t) => t.type === 'html' && /fragment/.test(t.raw))).toBe(true);
    expect(doc.diagnostics.find((d) => /never closed/.test(d.message))?.message).toMatch(/before the next code fence/);
  });

  it('every dialect reads any mix of deck syntax without a bug, and no comment reaches a slide', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.constantFrom(...front), fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (head, lines) => {
        const text = head + lines.join('\n') + '\n';
        let doc;
        try {
          doc = ingest(text, 'any.md', { deck: 'keep' });
        } catch (e) {
          expect(e).toBeInstanceOf(LecternError);
          return;
        }
        for (const s of doc.deck?.slides ?? []) {
          // Outside code, as Markdown reads it: code shows what the author wrote.
          const shown = new Lexer({ gfm: true }).lex([s.body, ...(s.columns ?? [])].join('\n\n')).filter((t) => t.type !== 'code').map((t) => t.raw).join('');
          expect(shown).not.toMatch(/<!--|<\/?v-clicks?>|<Widget/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
