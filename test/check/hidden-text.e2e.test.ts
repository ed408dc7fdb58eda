import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lectern } from '../helpers/cli.js';

/*
 * KaTeX writes each formula twice: the drawn HTML, and a MathML copy for screen readers clipped
 * to one pixel. The copy's ≠ has no glyph in the deck's fonts, but it is never drawn, so `check`
 * must not report it as text drawn with a fallback font (it did, on every slide with \neq).
 */
describe('lectern check: text that is never drawn', () => {
  it('does not report tofu or fallback fonts for KaTeX’s hidden MathML copy', () => {
    const r = lectern(['check', join('test', 'fixtures', 'check', 'math-symbols.md'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [report] = JSON.parse(r.stdout) as { slides: { problems: { kind: string; message: string }[] }[] }[];
    const problems = report!.slides.flatMap((s) => s.problems);
    expect(problems.filter((p) => p.kind === 'tofu')).toEqual([]);
    expect(problems.filter((p) => p.kind === 'overflow')).toEqual([]);
  });
});
