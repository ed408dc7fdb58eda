import { describe, expect, it } from 'vitest';
import type { CheckReport, SlideCheck } from '../../src/check/types.js';
import { lectern } from '../helpers/cli.js';

/**
 * Raw HTML taller than a slide (a gallery of figures, a long read in a `<div>`) is split over
 * continuation slides by the planner (src/plan/html-blocks.ts); `lectern check` measures every
 * slide in Chromium and finds nothing overflowing.
 */
describe('lectern check on a gallery and a tall HTML block', () => {
  const run = lectern(['check', '--offline', '--json', 'test/fixtures/gallery/gallery.md']);
  const [report] = JSON.parse(run.stdout) as (CheckReport & { slides: SlideCheck[] })[];

  it('checks the deck and finds no errors', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(report!.errors).toBe(0);
  });

  it('finds no slide that overflows, and every local picture loaded', () => {
    const problems = report!.slides.flatMap((s) => s.problems.map((p) => ({ ...p, slide: s.index, title: s.title })));
    expect(problems.filter((p) => p.kind === 'overflow')).toEqual([]);
    expect(problems.filter((p) => p.kind === 'image')).toEqual([]);
  });

  it('gives the eight figures eight slides, called by their captions, and the long read more than one', () => {
    const titles = report!.slides.map((s) => s.title);
    // The divider, then a slide per figure (its lead-in sentence is in the first one's notes).
    const from = titles.indexOf('The week in pictures');
    expect(from).toBeGreaterThan(0);
    const pictures = titles.slice(from + 1, from + 9);
    expect(pictures).toContain('Day one: a spoon of flour and water');
    expect(pictures.filter((t) => t.endsWith('(cont.)'))).toEqual([]);
    expect(titles[from + 9]).toBe('Notes from the kitchen');
    expect(titles.filter((t) => t === 'Notes from the kitchen (cont.)').length).toBeGreaterThanOrEqual(1);
  });
});
