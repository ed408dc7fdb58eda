import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lectern } from '../helpers/cli.js';

/**
 * Issue #16 in Chromium: an eight-column table whose cells hold `code` spans (file names the
 * browser breaks every few characters) and long notes. Planned with the whole table's
 * columns and code measured as proportional text, a continuation slide holding one tall row
 * overflowed by 26px; `lectern check` measures the built slides.
 */
describe('lectern check: a wide table with code spans in its cells', () => {
  it('no slide overflows; exit 0; the table went on over (cont.) slides', () => {
    const r = lectern(['check', '--json', '--offline', join('test', 'fixtures', 'plan', 'wide-table.md')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [deck] = JSON.parse(r.stdout) as { slides: { title?: string; problems: { kind: string; message: string }[] }[] }[];
    const overflow = deck.slides.flatMap((s) => s.problems.filter((p) => p.kind === 'overflow').map((p) => `${s.title}: ${p.message}`));
    expect(overflow).toEqual([]);
    expect(deck.slides.filter((s) => /\(cont\.\)/.test(s.title ?? '')).length).toBeGreaterThanOrEqual(2);
  });
});
