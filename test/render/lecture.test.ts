import { load } from 'cheerio';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { plan } from '../../src/plan/index.js';
import { render } from '../../src/render/index.js';
import { loadTemplates } from '../../src/render/templates.js';

const templates = loadTemplates();
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'lectures', name);

function build(md: string, file = 'notes.md') {
  const p = plan(ingestMarkdown(md, file), defaults);
  return { p, r: render(p, { templates, sourceDir: tmpdir(), width: 1280, height: 720, version: 'test' }) };
}

describe('lecture notes: code and math at build time', () => {
  it('highlights code, typesets math, and ships KaTeX and the code font', () => {
    const { r } = build(readFileSync(fixture('code-and-math.md'), 'utf8'), 'code-and-math.md');
    const $ = load(r.html);
    expect($('.lt-body pre.lt-code .hljs-keyword').length).toBeGreaterThan(3);
    expect($('.katex').length).toBeGreaterThanOrEqual(2);
    expect($('.katex-display').length).toBeGreaterThanOrEqual(1);
    // No raw TeX on a slide (the notes keep the source); prices stay text.
    $('.katex-mathml, .lt-math-error').remove();
    const slidesText = $('.lt-frame').text();
    expect(slidesText).not.toMatch(/\$\\frac|\\sum_/);
    expect(slidesText).toContain('$5 and a sandwich $10');
    expect($('link[href="lib/katex/katex.css"]')).toHaveLength(1);
    const paths = r.files.map((f) => f.path);
    expect(paths).toContain('lib/katex/katex.css');
    expect(paths.some((p) => /^fonts\/jetbrains-mono-latin-400-normal\.woff2$/.test(p))).toBe(true);
    expect($('.lt-frame').length).toBeGreaterThan(5);
    expect(r.diagnostics.filter((d) => /could not typeset/.test(d.message))).toHaveLength(1);
    expect(r.diagnostics.find((d) => /could not typeset/.test(d.message))!.pos).toEqual({ file: 'code-and-math.md', line: 44 });
  });

  it('keeps TeX away from Markdown: no emphasis inside $x_1 * y_2$', () => {
    const { r } = build('# T\n\n## S\n\n- the product $a_1 * b_2 * c_3$ is small\n- and so is $x_i$\n');
    const $ = load(r.html);
    expect($('.lt-frame em')).toHaveLength(0);
    expect($('.katex').length).toBeGreaterThanOrEqual(2);
  });

  it('a deck without code or math ships neither KaTeX nor the code font', () => {
    const { r } = build('# T\n\n## S\n\nPlain words only, about $5 and $10.\n');
    expect(r.html).not.toContain('katex');
    expect(r.files.some((f) => f.path.startsWith('lib/katex') || f.path.includes('jetbrains'))).toBe(false);
  });

  it('reads an indented code block as code, not as a paragraph', () => {
    const { p, r } = build('# T\n\n## Install\n\nRun this:\n\n    brew install lectern\n    lectern --version\n');
    expect(p.slides.some((s) => /```\nbrew install lectern\nlectern --version\n```/.test(s.body ?? ''))).toBe(true);
    expect(load(r.html)('pre.lt-code .lt-line')).toHaveLength(2);
  });

  it('keeps the author’s list numbers: a list from 4), a list resumed after code, a list continued on the next slide', () => {
    const long = Array.from({ length: 14 }, (_, i) => `${i + 1}. Step number ${i + 1} of the long procedure, written out in full so that it takes a line.`).join('\n');
    const md = `# T\n\n## Steps\n\n4) four\n5) five\n\nThen run:\n\n\`\`\`sh\nmake\n\`\`\`\n\n6. six\n7. seven\n\n## Long\n\n${long}\n`;
    const $ = load(build(md).r.html);
    const starts = $('.lt-body ol').map((_, el) => Number($(el).attr('start') ?? 1)).get();
    expect(starts.slice(0, 2)).toEqual([4, 6]);
    // The long list goes on counting on its continuation slide.
    const longLists = $('section[data-section="Long"] .lt-body ol');
    expect(longLists.length).toBeGreaterThan(1);
    const first = longLists.first().find('li').length;
    expect(Number(longLists.eq(1).attr('start'))).toBe(first + 1);
  });

  it('sets a display formula too tall for the slide smaller, and typesets it all the same', () => {
    const rows = Array.from({ length: 6 }, (_, i) => `f_${i}(x) &= \\sum_{n=0}^{N} \\frac{x^n}{n!} + ${i}`).join(' \\\\\n');
    const { p, r } = build(`# T\n\n## Series\n\n$$\n\\begin{aligned}\n${rows}\n\\end{aligned}\n$$\n`);
    expect(p.slides.some((s) => /<div class="lt-math-s[12]">/.test(s.body ?? ''))).toBe(true);
    const $ = load(r.html);
    expect($('.lt-math-s1 .katex-display, .lt-math-s2 .katex-display')).toHaveLength(1);
  });
});
