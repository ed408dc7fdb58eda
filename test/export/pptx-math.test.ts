import { describe, expect, it } from 'vitest';
import { exportPptx } from '../../src/export/pptx/index.js';
import { pptxTheme } from '../../src/export/pptx/theme.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { readPptx, runs } from './pptx-read.js';

// Display math in slides.pptx: typeset by MathJax to an SVG picture by default, with the TeX as
// its alt text; TeX that does not typeset stays as code, with a warning at its slide's line.

const SUM = String.raw`\sum_{i=1}^n i = \frac{n(n+1)}{2}`;
const BAD = String.raw`\frac{1}{`;

const slide = (s: Partial<SlidePlan> & Pick<SlidePlan, 'template'>): SlidePlan => ({ section: null, notes: '', seconds: 20, ...s });

function deck(body: string, theme = 'light'): DeckPlan {
  return {
    title: 'Sums',
    date: '2025-06-02',
    lang: 'en',
    theme,
    file: 'sums.md',
    slides: [slide({ template: 'content', title: 'Gauss', body, notes: 'The sum.', line: 4 })],
    durationMinutes: 1,
    outline: [],
    diagnostics: [],
  };
}

/** Decodes the XML entities pptxgenjs writes in attributes. */
const attr = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('exportPptx: display math', () => {
  it('embeds a formula as an SVG picture sized from its ex dimensions, centred, with the TeX as alt text', async () => {
    const { bytes, diagnostics } = await exportPptx(deck(`The first n numbers:\n\n$$${SUM}$$`), { sourceDir: '.' });
    expect(diagnostics).toEqual([]);
    const read = await readPptx(bytes);
    const xml = await read.xml(read.slides[0]);
    const pic = /<p:pic>[\s\S]*?<\/p:pic>/.exec(xml)?.[0] ?? '';
    expect(attr(/descr="([^"]*)"/.exec(pic)?.[1] ?? '')).toBe(SUM);
    // Both the blip and its SVG extension point at one SVG part, and no PNG holds SVG bytes.
    const ids = [...pic.matchAll(/r:embed="(rId\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const rels = await read.xml('ppt/slides/_rels/slide1.xml.rels');
    const targets = ids.map((id) => new RegExp(`Id="${id}"[^>]*Target="\\.\\./(media/[^"]+)"`).exec(rels)?.[1]);
    expect(targets[0]).toMatch(/\.svg$/);
    expect(targets[1]).toBe(targets[0]);
    expect(read.names.filter((n) => n.startsWith('ppt/media/'))).toEqual([`ppt/${targets[0]}`]);
    const svg = await read.xml(`ppt/${targets[0]}`);
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg width="[\d.]+px" height="[\d.]+px"/);
    expect(svg).toContain('<path'); // glyphs as paths: no font needed where it is opened
    expect(svg).not.toContain('currentColor');
    expect(svg).toContain(`#${pptxTheme('light').fg}`);
    expect(svg).not.toMatch(/MJX-\d/);
    // At 1.21 × the 30px body text the formula is about 270 × 100 slide px (16.8 × 6.4 ex):
    // not a thumbnail, not stretched to the column; centred on the 1280px slide.
    const [x, cx, cy] = ['x', 'cx', 'cy'].map((k) => Number(new RegExp(`\\s${k}="(\\d+)"`).exec(pic.slice(pic.indexOf('<a:xfrm>')))?.[1]) / 9525);
    expect(cx).toBeGreaterThan(240);
    expect(cx).toBeLessThan(300);
    expect(cy).toBeGreaterThan(85);
    expect(cy).toBeLessThan(120);
    expect(Math.abs(x + cx / 2 - 640)).toBeLessThan(2);
    expect(await read.xml('[Content_Types].xml')).toContain('Extension="svg" ContentType="image/svg+xml"');
  });

  it('draws the formula in the theme\'s text colour', async () => {
    const { bytes } = await exportPptx(deck(`$$${SUM}$$`, 'dark'), { sourceDir: '.' });
    const read = await readPptx(bytes);
    const svg = await read.xml(read.names.find((n) => n.endsWith('.svg'))!);
    expect(pptxTheme('dark').fg).not.toBe(pptxTheme('light').fg);
    expect(svg).toContain(`#${pptxTheme('dark').fg}`);
  });

  it('keeps bad TeX as code with a warning at its line, and still draws the good formula', async () => {
    const { bytes, diagnostics } = await exportPptx(deck(`$$${BAD}$$\n\n$$${SUM}$$`), { sourceDir: '.' });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', pos: { file: 'sums.md', line: 4 } });
    expect(diagnostics[0].message).toContain(BAD);
    const read = await readPptx(bytes);
    const xml = await read.xml(read.slides[0]);
    expect(runs(xml).find((r) => r.text === BAD)?.props).toMatch(/typeface="Courier New"/);
    expect(xml.match(/<p:pic>/g)).toHaveLength(1);
  });

  it('treats an unknown command as bad TeX, as KaTeX does, rather than typesetting it in red', async () => {
    const { diagnostics } = await exportPptx(deck(String.raw`$$\nosuchmacro x$$`), { sourceDir: '.' });
    expect(diagnostics.map((d) => d.message).join('\n')).toContain('nosuchmacro');
  });

  it('gives the same bytes for the same deck', async () => {
    const plan = deck(`$$${SUM}$$\n\n$$E = mc^2$$`);
    const a = (await exportPptx(plan, { sourceDir: '.' })).bytes;
    const b = (await exportPptx(plan, { sourceDir: '.' })).bytes;
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('leaves inline math as TeX in the code face', async () => {
    const { bytes } = await exportPptx(deck('Mass and $E = mc^2$ energy.'), { sourceDir: '.' });
    const read = await readPptx(bytes);
    const xml = await read.xml(read.slides[0]);
    expect(xml).not.toContain('<p:pic>');
    expect(runs(xml).find((r) => r.text === '$E = mc^2$')?.props).toMatch(/typeface="Courier New"/);
  });
});
