import { describe, expect, it } from 'vitest';
import type { CheckReport, SlideCheck } from '../../src/check/types.js';
import { lectern } from '../helpers/cli.js';

/**
 * An authored deck's code too long for a slide even at the smallest type goes on over
 * "(cont.)" slides (src/plan/deck-code.ts); `lectern check` measures every slide of the Marp and
 * reveal-md fixtures in Chromium and finds nothing overflowing (before the split: 406px and 272px).
 */
describe('lectern check on authored decks with a listing taller than a slide', () => {
  const run = lectern(['check', '--offline', '--json', 'test/fixtures/decks/long-code']);
  const reports = JSON.parse(run.stdout) as (CheckReport & { file: string; slides: SlideCheck[] })[];
  const report = (name: string) => reports.find((r) => r.file.endsWith(name))!;

  it('checks both decks and finds no errors', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.errors, r.file).toBe(0);
  });

  it('finds no slide that overflows', () => {
    const overflow = reports.flatMap((r) => r.slides.flatMap((s) => s.problems.filter((p) => p.kind === 'overflow').map((p) => `${r.file} slide ${s.index + 1}: ${p.message}`)));
    expect(overflow).toEqual([]);
  });

  it('shows each listing on its slide and continuation slides, the other slides as written', () => {
    expect(report('marp-listing.md').slides.map((s) => s.title)).toEqual(['Weighing a Beehive', 'Why weigh a hive', 'The logger', 'The logger (cont.)', 'The logger (cont.)', 'What the summer looked like']);
    expect(report('reveal-md-listing.md').slides.map((s) => s.title)).toEqual(['A Tide Clock in the Browser', 'The whole clock', 'The whole clock (cont.)', 'Setting it', 'Thank you']);
  });
});
