import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { loadDocument } from '../../src/pipeline.js';
import { contentSlides } from '../../src/plan/content.js';
import { plan } from '../../src/plan/index.js';
import { cells, tableRowHeights } from '../../src/plan/table.js';
import { SAFETY, SHRINK, geometry, headingHeight } from '../../src/text/layout.js';
import { words } from '../../src/text/words.js';
import { root } from '../helpers/cli.js';

/**
 * Issue #16: a table split over slides. The browser lays out each part as a table of its own
 * rows (its columns sized by them alone) and sets `code` spans in the monospace font at 0.9em
 * with 6px padding; a part is sized the same way here, and a row too tall for a slide even
 * alone is set smaller (`shrink-n`) or, below 60%, cut at a sentence.
 */
const room = (title: string) => geometry.frame.height * SAFETY - headingHeight(title + words.en.cont, 'en');
const scaleOf = (variant?: string) => (variant?.startsWith('shrink-') ? SHRINK[Number(variant.slice(7)) as 0] : 1);
const tableOf = (body: string) => body.split('\n').filter((l) => l.trim().startsWith('|'));
const heightOf = (rows: string[], scale: number) => tableRowHeights([cells(rows[0]), ...rows.slice(2).map(cells)], 'en', geometry.frame.width / scale).reduce((a, b) => a + b, 0) * scale;

describe('a wide table with code spans (test/fixtures/plan/wide-table.md)', () => {
  const doc = loadDocument(join(root, 'test/fixtures/plan/wide-table.md'), {});
  const p = plan(doc, defaults);
  const parts = p.slides.filter((s) => s.template === 'content');

  it('lays each part out by its own rows, at its own type scale, within the room', () => {
    expect(parts.length).toBeGreaterThan(2);
    for (const s of parts) expect(heightOf(tableOf(s.body!), scaleOf(s.variant))).toBeLessThanOrEqual(room(doc.meta.title));
    // Rows too tall for a slide at full size are set smaller rather than left to overflow.
    expect(parts.some((s) => s.variant?.startsWith('shrink-'))).toBe(true);
  });

  it('keeps every row once, in order, with the header on every part', () => {
    const table = doc.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table')!;
    const source = (table as { markdown: string }).markdown.split('\n');
    for (const s of parts) expect(tableOf(s.body!).slice(0, 2)).toEqual(source.slice(0, 2));
    expect(parts.flatMap((s) => tableOf(s.body!).slice(2))).toEqual(source.slice(2));
  });
});

describe('table measurement', () => {
  it('measures code spans in the monospace font, padded', () => {
    const names = Array.from({ length: 12 }, (_, i) => `lib${i}.rs`);
    const [, plain] = tableRowHeights([['files', 'note'], [names.join(' '), 'x']], 'en', 300);
    const [, coded] = tableRowHeights([['files', 'note'], [names.map((n) => `\`${n}\``).join(' '), 'x']], 'en', 300);
    expect(coded).toBeGreaterThan(plain);
  });

  it('splits cells where the renderer does: a pipe after an odd number of backslashes is escaped', () => {
    expect(cells('| a | b \\| c |')).toEqual(['a', 'b | c']);
    expect(cells('| a | `x\\\\|y` | z |')).toEqual(['a', '`x\\\\', 'y`', 'z']);
  });

  it("sizes a part by its own rows, and never puts two parts on one slide", () => {
    const head = '| tool | file | note |\n|---|---|---|';
    const long = `| a | \`${'a'.repeat(10)}.md\` | ${'A long note that says a great deal. '.repeat(30).trim()} |`;
    const short = Array.from({ length: 14 }, (_, i) => `| t${i} | \`src/plan/file-${i}-with-a-long-name.ts\` | short |`);
    const md = [head, long, ...short].join('\n');
    const slides = contentSlides([{ kind: 'table', markdown: md, text: md, line: 1 }], 'T', 'en');
    for (const s of slides) {
      expect(s.body!.match(/^\|---/gm)).toHaveLength(1);
      expect(heightOf(tableOf(s.body!), scaleOf(s.variant))).toBeLessThanOrEqual(room('T'));
    }
    expect(slides.flatMap((s) => tableOf(s.body!).slice(2))).toEqual([long, ...short]);
    // The short rows, laid out without the long one, share few slides: not one slide each.
    expect(slides.length).toBeLessThanOrEqual(3);
  });

  it('shrinks a row too tall for a slide alone, and below 60% cuts its longest cell at a sentence, the whole row in the notes', () => {
    const head = '| step | note |\n|---|---|';
    const sentence = (k: number) => `Sentence number ${k} explains one more detail of this step in plain words.`;
    const row = (n: number) => `| one | ${Array.from({ length: n }, (_, k) => sentence(k)).join(' ')} |`;
    const tall = `${head}\n${row(16)}`;
    const [shrunk] = contentSlides([{ kind: 'table', markdown: tall, text: tall, line: 1 }], 'T', 'en');
    expect(shrunk.variant).toMatch(/^shrink-[1-4]$/);
    expect(heightOf(tableOf(shrunk.body!), scaleOf(shrunk.variant))).toBeLessThanOrEqual(room('T'));
    const huge = `${head}\n${row(60)}`;
    const [cut] = contentSlides([{ kind: 'table', markdown: huge, text: huge, line: 1 }], 'T', 'en');
    expect(cut.variant).toBe(`shrink-${SHRINK.length - 1}`);
    expect(heightOf(tableOf(cut.body!), SHRINK.at(-1)!)).toBeLessThanOrEqual(room('T'));
    const shown = tableOf(cut.body!)[2];
    expect(shown).toMatch(/in plain words\. …\s*\|$/);
    expect(shown.length).toBeLessThan(row(60).length);
    expect(cut.notes).toContain(sentence(59));
  });
});
