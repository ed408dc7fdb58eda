import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import type { BuildEvent, BuildResult } from '../../src/pipeline.js';
import { createProgress, fitColumns } from '../../src/progress.js';

const result = (file: string): BuildResult => ({ file, deckDir: `out/${file.replace('.md', '')}`, slides: 7, diagnostics: [] });

/** A two-deck run: a.md writes three files and finishes, b.md fails after its HTML. */
const run: BuildEvent[] = [
  { type: 'start', files: ['a.md', 'b.md'] },
  { type: 'begin', file: 'a.md' },
  { type: 'planned', file: 'a.md', outputs: ['index.html', 'slides.pdf', 'handout.pdf'] },
  { type: 'begin', file: 'b.md' },
  { type: 'output', file: 'a.md', output: 'index.html', bytes: 20_000 },
  { type: 'planned', file: 'b.md', outputs: ['index.html', 'slides.pdf', 'handout.pdf'] },
  { type: 'output', file: 'b.md', output: 'index.html', bytes: 900 },
  { type: 'output', file: 'a.md', output: 'slides.pdf', bytes: 81_000 },
  { type: 'failed', failure: { file: 'b.md', error: new LecternError('BROWSER', 'b.md: too slow') } },
  { type: 'output', file: 'a.md', output: 'handout.pdf', bytes: 2_500_000 },
  { type: 'done', result: result('a.md') },
];

function record(tty: boolean, quiet = false) {
  let text = '';
  const p = createProgress({ write: (s) => (text += s), tty, quiet, columns: () => 120, outputsPerDeck: 3 });
  return { p, text: () => text };
}

describe('build progress', () => {
  it('in a terminal, redraws one line in place: bar, decks, files, what is printing', () => {
    const { p, text } = record(true);
    const frames: string[] = [];
    for (const e of run) {
      p.event(e);
      frames.push(text().slice(text().lastIndexOf('\r\x1b[2K') + 5));
    }
    expect(text()).not.toContain('\n');
    expect(frames[2]).toBe('[--------------------] 0/2 decks · 0/6 files · 0s · a.md (index.html, slides.pdf, handout.pdf)');
    expect(frames[7]).toMatch(/^\[#+-+\] 0\/2 decks · 3\/6 files · 0s · a\.md \(handout\.pdf\), b\.md \(slides\.pdf, handout\.pdf\)$/);
    // b.md failed after one file: the total shrinks to what it wrote, and the failure shows.
    expect(frames[8]).toMatch(/0\/2 decks · 3\/4 files · 1 failed · 0s · a\.md \(handout\.pdf\)$/);
    expect(frames[10]).toBe('[####################] 1/2 decks · 4/4 files · 1 failed · 0s');
    for (const f of frames) expect(f.length).toBeLessThan(120);
    // A result line goes above the bar, which comes back under it; end() clears it.
    let out = '';
    p.print((s) => (out += s), 'built out/a/index.html (7 slides)\n');
    expect(out).toBe('built out/a/index.html (7 slides)\n');
    expect(text().endsWith('\r\x1b[2K[####################] 1/2 decks · 4/4 files · 1 failed · 0s')).toBe(true);
    p.end();
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('cuts the line to the terminal width', () => {
    let text = '';
    const p = createProgress({ write: (s) => (text += s), tty: true, quiet: false, columns: () => 50 });
    p.event({ type: 'start', files: ['a-very-long-name-for-a-talk.md'] });
    p.event({ type: 'planned', file: 'a-very-long-name-for-a-talk.md', outputs: ['index.html', 'slides.pdf'] });
    const line = text.slice(text.lastIndexOf('\r\x1b[2K') + 5);
    expect(line.length).toBeLessThanOrEqual(49);
    expect(line.endsWith('…')).toBe(true);
    p.end();
  });

  it('measures a Chinese file name in columns, so the line fits an 80-column terminal', () => {
    const file = '城市与河流：二〇二四年春季学期第三讲访谈整理稿.md';
    let text = '';
    const p = createProgress({ write: (s) => (text += s), tty: true, quiet: false, columns: () => 80 });
    p.event({ type: 'start', files: [file] });
    p.event({ type: 'planned', file, outputs: ['index.html', 'slides.pdf', 'handout.pdf'] });
    const line = text.slice(text.lastIndexOf('\r\x1b[2K') + 5);
    p.end();
    // Cut by .length (the old way), this line was 79 characters and 102 columns: it wrapped.
    expect(line.length).toBeLessThan(79);
    expect(stringWidth(line)).toBeLessThanOrEqual(79);
    expect(stringWidth(line)).toBeGreaterThanOrEqual(78); // one wide character may not fit in the last column
    expect(line).toMatch(/ · 城市与河流.*…$/);
  });

  it('cuts between characters, never inside one', () => {
    expect(fitColumns('abc', 3)).toBe('abc');
    expect(fitColumns('讲座讲座', 8)).toBe('讲座讲座');
    expect(fitColumns('讲座讲座', 7)).toBe('讲座讲…');
    expect(fitColumns('讲座讲座', 6)).toBe('讲座…');
    // A family emoji (one character of 2 columns made of 5 code points) and an e with a combining accent.
    expect(fitColumns('ab👨‍👩‍👧cd', 4)).toBe('ab…');
    expect(fitColumns('ab👨‍👩‍👧cd', 5)).toBe('ab👨‍👩‍👧…');
    expect(fitColumns('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
    for (let max = 2; max < 12; max++) expect(stringWidth(fitColumns('一a二b三c四d五e六f七', max))).toBeLessThanOrEqual(max);
  });

  it('without a terminal, logs one plain line per file written', () => {
    const { p, text } = record(false);
    for (const e of run) p.event(e);
    p.end();
    expect(text()).toBe(['a.md: index.html (20 KB)', 'b.md: index.html (900 B)', 'a.md: slides.pdf (79 KB)', 'a.md: handout.pdf (2.4 MB)', ''].join('\n'));
  });

  it('prints nothing when quiet', () => {
    const { p, text } = record(true, true);
    for (const e of run) p.event(e);
    p.end();
    expect(text()).toBe('');
  });
});
