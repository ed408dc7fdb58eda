import { describe, expect, it } from 'vitest';
import { contentSlides, plain } from '../../src/plan/content.js';

/*
 * The planner measures text as the slide sets it. Two ways it measured less than the slide drew,
 * found when lectern check began to report content running into the bottom margin:
 */
describe('what the planner measures', () => {
  it('keeps underscores inside a word: a file name is not emphasis (GFM)', () => {
    expect(plain('Open [src/sim/hello_sim_object.hh](../x/hello_sim_object.hh) and edit it.')).toBe('Open src/sim/hello_sim_object.hh and edit it.');
    expect(plain('snake_case_name, `a_b` and max_value_2')).toBe('snake_case_name, a_b and max_value_2');
    expect(plain('an _emphasised_ word, __strong__ words, *stars* and **more**.')).toBe('an emphasised word, strong words, stars and more.');
    expect(plain('(_aside_) and _a_b_')).toBe('(aside) and a_b');
  });

  it('reads doubled row breaks as the author\'s single ones, and counts an empty row that is meant as a row', () => {
    // Rows ended by a doubled `\\\\` everywhere (escaped for a Markdown that ate one backslash of
    // each pair): the author's `\\`, 4 rows (render/math.ts typesets it so), not 7.
    const rows = ['a_0 &= b_0 + c_0', 'a_1 &= b_1 + c_1', 'a_2 &= b_2 + c_2', 'a &= a_0 + a_1 + a_2'];
    const formula = `$$\n\\begin{aligned}\n${rows.join(' \\\\\\\\\n')}\n\\end{aligned}\n$$`;
    const after = 'Each of these sums is a line of the table below, and the last one adds them up; we come back to it when the table is complete.';
    const plan = (f: string) => contentSlides([{ kind: 'html', markdown: f, text: f, line: 1 }, { kind: 'html', markdown: after, text: after, line: 9 }], 'Sums by row', 'en');
    expect(plan(formula)).toHaveLength(1);
    // A single `\\` between the rows, and an empty row left on purpose under each: 7 rows, taking
    // about 450px of the 479 under the heading, so the paragraph goes on the next slide.
    const spaced = `$$\n\\begin{aligned}\n${rows.join(' \\\\ \\\\\n')}\n\\end{aligned}\n$$`;
    expect(plan(spaced).map((s) => s.body)).toEqual([spaced, after]);
  });

  it('measures a one-row display formula by its KaTeX box: a four-step derivation shares one slide, and one too wide for the frame is set smaller', () => {
    // Each step has a fraction or \left…\right: the old estimate (136px a formula) put the last one
    // alone on a continuation slide; typeset they take about 90–120px each.
    const steps = [
      '$$0 = g(t_{n} - d_{n}) = g(t_{n}) - d_{n} g\'(t_{n}) + \\frac{1}{2} d_{n}^2 g\'\'(s_{n}),$$',
      '$$d_{n} - \\frac{g(t_{n})}{g\'(t_{n})} = \\frac{1}{2} d_{n}^2 \\frac{g\'\'(s_{n})}{g\'(t_{n})}.$$',
      '$$\\left|d_{n+1}\\right| = \\frac{1}{2} d_{n}^2 \\frac{\\left|g\'\'(s_{n})\\right|}{g\'(t_{n})}.$$',
      '$$\\left|d_{n+1}\\right| \\leq k\\, d_{n}^2.$$',
    ];
    const slides = contentSlides(steps.map((f, i) => ({ kind: 'html' as const, markdown: f, text: f, line: 1 + i * 2 })), 'Why it converges', 'en');
    expect(slides).toHaveLength(1);
    expect(slides[0]!.body).not.toContain('lt-math-s');
    // 60 terms side by side: wider than the 1104px frame at full size, not taller.
    const wide = `$$${Array.from({ length: 60 }, (_, i) => `x_{${i}}`).join(' + ')}$$`;
    const [one] = contentSlides([{ kind: 'html', markdown: wide, text: wide, line: 1 }], 'A long sum', 'en');
    expect(one!.body).toMatch(/^<div class="lt-math-s[12]">/);
    // Rows in an environment are measured for width too: a long second row is set smaller.
    const aligned = `$$\n\\begin{aligned}\nG &= \\sum_i x_i \\\\\n  &= ${Array.from({ length: 28 }, (_, i) => `x_{${i}}`).join(' + ')}\n\\end{aligned}\n$$`;
    const [rows] = contentSlides([{ kind: 'html', markdown: aligned, text: aligned, line: 1 }], 'A long row', 'en');
    expect(rows!.body).toMatch(/^<div class="lt-math-s[12]">/);
  });
});
