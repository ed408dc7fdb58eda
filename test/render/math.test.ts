import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { findMath } from '../../src/ingest/math-syntax.js';
import { katexFiles, typesetMath } from '../../src/render/math.js';
import { authoredRowBreaks } from '../../src/text/math-spans.js';

describe('findMath', () => {
  it('finds $…$, $$…$$, \\(…\\), \\[…\\] and the MathJax-escaped \\\\(…\\\\)', () => {
    const spans = findMath('a $x_1$ b $$\\sum_i i$$ c \\(y\\) d \\[z\\] e \\\\(w\\\\)');
    expect(spans.map((s) => [s.tex, s.display])).toEqual([['x_1', false], ['\\sum_i i', true], ['y', false], ['z', true], ['w', false]]);
  });

  it('leaves prices alone', () => {
    expect(findMath('a coffee costs $5 and a sandwich $10')).toEqual([]);
    expect(findMath('between $ 3 and $ 4')).toEqual([]);
    expect(findMath('escaped \\$x$ dollar')).toEqual([]);
    expect(findMath('no closing $x\n\ny$ across a paragraph')).toEqual([]);
  });
});

describe('typesetMath', () => {
  it('turns TeX into KaTeX markup and leaves no raw TeX in the text', () => {
    const r = typesetMath('<p>It costs $\\frac{n(n-1)}{2}$ steps, a coffee $5 and a cake $10.</p>');
    expect(r.math).toBe(true);
    const $ = load(r.html);
    expect($('.katex')).toHaveLength(1);
    expect($('.katex-html').text()).not.toContain('\\frac');
    expect($('p').text()).toContain('a coffee $5 and a cake $10.');
  });

  it('reads TeX through the entities Handlebars writes (`=` as &#x3D;)', () => {
    const r = typesetMath('<li>so $\\eta &#x3D; 0.5$ and $a &lt; b$</li>');
    expect(r.diagnostics).toEqual([]);
    expect(load(r.html)('.katex')).toHaveLength(2);
  });

  it('drops half a formula that a length budget cut off, keeping the ellipsis', () => {
    const r = typesetMath('<li>a point about $x$ and then $\\mathbf{x} = [x_1…</li>');
    expect(load(r.html)('li').text()).toMatch(/and then …$/);
    expect(typesetMath('<li>it costs $5…</li>').html).toBe('<li>it costs $5…</li>');
  });

  it('typesets display math in display mode', () => {
    const $ = load(typesetMath('<p class="lt-math-block">$$\\sum_{i=1}^n i$$</p>').html);
    expect($('.katex-display')).toHaveLength(1);
  });

  it('never typesets code, pre or speaker notes', () => {
    const html = '<code>$x$</code><pre>$y$</pre><aside class="notes"><p>$z$</p></aside>';
    expect(typesetMath(html)).toEqual({ html, math: false, diagnostics: [] });
  });

  it('shows bad TeX as source in monospace, with a warning at the slide line, and goes on', () => {
    const r = typesetMath('<p>wrong $\\frac{1}{$ here, right $x^2$ there</p>', { file: 'notes.md', line: 12 });
    const $ = load(r.html);
    expect($('code.lt-math-error').text()).toBe('$\\frac{1}{$');
    expect($('.katex')).toHaveLength(1);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', pos: { file: 'notes.md', line: 12 } });
  });

  it('leaves \\[escaped brackets\\] that are not TeX as brackets, without a warning', () => {
    const r = typesetMath('<p>在 \\[自由代码\\] 下工作</p>');
    expect(r.diagnostics).toEqual([]);
    expect(load(r.html)('p').text()).toBe('在 [自由代码] 下工作');
  });
});

describe('katexFiles', () => {
  it('ships KaTeX CSS with only the woff2 faces the formulas use', () => {
    const html = typesetMath('<p>$$\\sum_i x_i$$ and $\\mathcal{L}$</p>').html;
    const files = katexFiles(html);
    const fonts = files.filter((f) => f.from).map((f) => f.path.split('/').pop());
    expect(fonts).toContain('KaTeX_Main-Regular.woff2');
    expect(fonts).toContain('KaTeX_Size2-Regular.woff2'); // the display-size ∑
    expect(fonts).toContain('KaTeX_Caligraphic-Regular.woff2');
    expect(fonts).not.toContain('KaTeX_Fraktur-Regular.woff2');
    expect(fonts.length).toBeLessThan(8);
    const css = files.find((f) => f.path === 'lib/katex/katex.css')!.content!;
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]);
    expect(urls.length).toBe(fonts.length);
    for (const u of urls) expect(fonts).toContain(u.replace(/^fonts\//, ''));
  });
});

describe('row breaks written for a Markdown that eats backslashes', () => {
  const rows = (html: string) => load(html)('math mtr').length;
  it('a formula whose every break is doubled (\\\\\\\\) is set with the author\'s rows, not an empty row under each', () => {
    const doubled = '$$\n\\begin{aligned}\na &= 1 \\\\\\\\\nb &= 2 \\\\\\\\\nc &= 3\n\\end{aligned}\n$$';
    expect(rows(typesetMath(`<p>${doubled}</p>`).html)).toBe(3);
    expect(authoredRowBreaks('a \\\\\\\\ b \\\\\\\\\\max c')).toBe('a \\\\ b \\\\\\max c');
  });
  it('a formula with any single break, or an empty row on purpose, is set as written', () => {
    const mixed = '$$\n\\begin{aligned}\na &= 1 \\\\\nb &= 2 \\\\\\\\\nc &= 3\n\\end{aligned}\n$$';
    expect(rows(typesetMath(`<p>${mixed}</p>`).html)).toBe(4);
    expect(authoredRowBreaks('a \\\\ \\\\ b')).toBe('a \\\\ \\\\ b');
  });
});
