import { describe, expect, it } from 'vitest';
import { textHeight, textWidth, wrapLines, type TextStyle } from '../../src/text/layout.js';
import { mathBox } from '../../src/text/math-size.js';

/**
 * Inline TeX is measured as KaTeX sets it (text/math-size.ts), not as the length of its
 * source. Line heights below were measured in Chromium with the bundled fonts (30px body,
 * 1.5 / 1.65 leading): `$\dfrac{∂²f}{∂x²}$` makes its line 71.8px, `\displaystyle\sum` 96.7px,
 * a 2×2 matrix 79.2px, a plain `$W$` 46.6px in English (45px lines) and nothing more in Chinese.
 */
describe('the layout model measures inline math as typeset', () => {
  const en: TextStyle = { size: 30, lineHeight: 1.5, lang: 'en' };
  const zh: TextStyle = { size: 30, lineHeight: 1.65, lang: 'zh' };
  const line = (tex: string) => `Ag $${tex}$ gA`;

  it('a tall construct makes its line taller, by what Chromium draws', () => {
    expect(textHeight(line('\\dfrac{\\partial^2 f}{\\partial x^2}'), 1104, en)).toBeCloseTo(71.8, 0);
    expect(textHeight(line('\\displaystyle\\sum_{i=1}^{n} x_i'), 1104, en)).toBeCloseTo(96.7, 0);
    expect(textHeight(line('\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}'), 1104, en)).toBeCloseTo(79.2, 0);
    expect(textHeight(line('W'), 1104, en)).toBeCloseTo(46.6, 0);
    expect(textHeight(line('W'), 1104, zh)).toBe(49.5);
    expect(textHeight(line('\\dfrac{\\partial^2 f}{\\partial x^2}'), 1104, zh)).toBeCloseTo(71.8, 0);
  });

  it('only the lines that hold one grow', () => {
    const words = 'word '.repeat(60);
    const plain = textHeight(words + words, 1104, en);
    const withFraction = textHeight(`${words} $\\dfrac{1}{n+1}$ ${words}`, 1104, en);
    expect(withFraction - plain).toBeGreaterThan(15);
    expect(withFraction - plain).toBeLessThan(45);
  });

  it('a formula is as wide as it is set, not as its source', () => {
    // \alpha + \beta is 14 characters of TeX and about 3em set; the 14 characters would fill more than twice that.
    const tex = '\\alpha + \\beta';
    const set = mathBox(tex)!.width * 1.1 * 30;
    expect(set).toBeLessThan(textWidth(tex, en) / 2);
    // Forty of them fill about as many lines as their set width says.
    const many = Array.from({ length: 40 }, () => `$${tex}$`).join(' ');
    expect(wrapLines(many, 1104, en)).toBeLessThan(wrapLines(many.replace(/\$/g, '¤'), 1104, en));
  });

  it('prices are text, and TeX KaTeX cannot read is measured as its source', () => {
    expect(textHeight('a coffee costs $5 and a sandwich $10', 1104, en)).toBe(45);
    expect(mathBox('\\frac{1}{')).toBeUndefined();
    expect(wrapLines('x $\\frac{1}{$ y', 1104, en)).toBe(1);
  });

  it('leaves code alone: a dollar in code is a dollar', () => {
    const code: TextStyle = { size: 22, lineHeight: 1.45, mono: true, pre: true };
    expect(textHeight('echo "$\\dfrac{1}{2}$"', 1000, code)).toBeCloseTo(22 * 1.45, 5);
  });
});
