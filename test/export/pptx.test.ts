import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPptx, notesOf, sectionTitles, type PptxResult } from '../../src/export/pptx/index.js';
import { pptxTheme } from '../../src/export/pptx/theme.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { lecternHere, root } from '../helpers/cli.js';
import { readPptx, runs, text, type ReadPptx } from './pptx-read.js';

// A plan written by hand, one slide of every built-in template and one of a template the PPTX
// does not know, so the export is tested on its own, whatever the planner makes of a text.

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const slide = (s: Partial<SlidePlan> & Pick<SlidePlan, 'template'>): SlidePlan => ({ section: null, notes: '', seconds: 20, ...s });

function deck(theme = 'light'): DeckPlan {
  const slides: SlidePlan[] = [
    slide({ template: 'title', title: 'Tide Pools After Dark', subtitle: 'What the rocks do at night', kicker: 'Iris Vance · 2025-06-02', notes: 'Welcome everyone.\n\n⏱ about 0:20', line: 1 }),
    slide({ template: 'agenda', title: 'Agenda', items: ['Low water', '潮间带'], start: 1, notes: 'We begin with “Low water”.\n\n⏱ about 0:10' }),
    slide({ template: 'section', section: 'Low water', title: 'Low water', level: 2, kicker: 'Part 1', notes: 'Now we turn to “Low water”.\n\n⏱ about 0:10', line: 5 }),
    slide({ template: 'question', section: 'Low water', question: { text: 'Why do the anemones close when the light goes?', by: 'Student' }, notes: 'Student asked about anemones.\n\n⏱ about 0:15', line: 7 }),
    slide({ template: 'quote', section: 'Low water', quote: { text: 'The pool at night is a different country.', by: 'Iris Vance' }, notes: 'Iris Vance: The pool at night is a different country.\n\n⏱ about 0:12', line: 9 }),
    slide({ template: 'points', section: 'Low water', title: 'Low water', points: ['Crabs come out to feed', 'Snails climb above the waterline'], notes: 'Two things to watch.\n\n⏱ about 0:30', line: 11 }),
    slide({
      template: 'content',
      section: 'Low water',
      title: 'Counts by hour',
      body: '| Hour | Crabs |\n|---|---|\n| 21:00 | 4 |\n| 23:00 | 11 |\n\n```\ncount = sum(crabs)\n  print(count)\n```',
      notes: 'The table of counts.\n\n⏱ about 0:20',
      line: 14,
      variant: 'table',
    }),
    slide({ template: 'section', section: '潮间带', title: '潮间带', level: 2, kicker: '第 2 部分', notes: '下面进入：潮间带。\n\n⏱ 约 10 秒', line: 20 }),
    slide({ template: 'quote', section: '潮间带', quote: { text: '夜里的潮池是另一个国度。', by: '沈青禾' }, notes: '沈青禾：夜里的潮池是另一个国度。\n\n⏱ 约 12 秒', line: 22 }),
    slide({ template: 'content', section: '潮间带', title: 'A photo', body: '![A crab under torchlight](crab.png)', notes: 'Photo.\n\n⏱ about 0:10', line: 24, variant: 'image' }),
    slide({ template: 'content', section: '潮间带', title: 'A lost photo', body: '![The missing shell](gone/shell.png)', notes: 'Missing photo.\n\n⏱ about 0:10', line: 26, variant: 'image' }),
    slide({ template: 'timeline', section: '潮间带', title: 'Night by night', points: ['Monday', 'Tuesday'], notes: 'A custom template.\n\n⏱ about 0:10', line: 28 }),
    slide({ template: 'closing', title: 'Thank you', subtitle: 'Tide Pools After Dark', items: ['Low water', '潮间带'], notes: 'Thanks.\n\n⏱ about 0:05', moreNotes: 'Dropped: a slide about limpets.' }),
  ];
  return {
    title: 'Tide Pools After Dark',
    subtitle: 'What the rocks do at night',
    author: 'Iris Vance',
    date: '2025-06-02',
    lang: 'en',
    theme,
    file: 'tide.md',
    slides,
    durationMinutes: 3.2,
    outline: [
      { title: 'Low water', level: 2, slide: 2 },
      { title: '潮间带', level: 2, slide: 7 },
    ],
    diagnostics: [],
  };
}

const work = mkdtempSync(join(tmpdir(), 'lectern-pptx-'));
let result: PptxResult;
let pptx: ReadPptx;
beforeAll(async () => {
  writeFileSync(join(work, 'crab.png'), Buffer.from(PNG_1X1, 'base64'));
  result = await exportPptx(deck(), { sourceDir: work });
  pptx = await readPptx(result.bytes);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const slideXml = (i: number) => pptx.xml(pptx.slides[i]);
const notesXml = (i: number) => pptx.xml(pptx.notes[i]);

describe('exportPptx', () => {
  it('writes one slide and one notes page per planned slide, 16:9', async () => {
    expect(pptx.slides).toHaveLength(deck().slides.length);
    expect(pptx.notes).toHaveLength(deck().slides.length);
    const pres = await pptx.xml('ppt/presentation.xml');
    // 13.333 × 7.5 inches in EMU.
    expect(pres).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
  });

  it('puts the quote and its attribution, the question and its asker, on their slides as text runs', async () => {
    const quote = runs(await slideXml(4)).map((r) => r.text);
    expect(quote).toContain('The pool at night is a different country.');
    expect(quote).toContain('Iris Vance');
    const question = runs(await slideXml(3)).map((r) => r.text);
    expect(question).toContain('Why do the anemones close when the light goes?');
    expect(question).toContain('Student');
    expect(runs(await slideXml(8)).map((r) => r.text)).toEqual(expect.arrayContaining(['夜里的潮池是另一个国度。', '沈青禾']));
  });

  it("carries every slide's notes, timing line included, as text runs of its notes page", async () => {
    const plan = deck();
    for (let i = 0; i < plan.slides.length; i++) {
      const notes = text(await notesXml(i));
      for (const para of notesOf(plan.slides[i]).split('\n\n')) expect(notes, `slide ${i + 1}`).toContain(para);
    }
    expect(text(await notesXml(0))).toMatch(/^about 0:20$/m);
    expect(text(await notesXml(7))).toMatch(/^约 10 秒$/m);
    // Notes moved off a dropped slide come along.
    expect(text(await notesXml(12))).toContain('Dropped: a slide about limpets.');
  });

  it('sets an East Asian typeface on every run with Chinese text, and tags it zh-CN', async () => {
    let cjk = 0;
    for (const name of pptx.slides) {
      for (const r of runs(await pptx.xml(name))) {
        if (!/\p{Script=Han}/u.test(r.text)) continue;
        cjk++;
        expect(r.props, r.text).toMatch(/<a:ea typeface="Noto Sans SC"/);
        expect(r.props, r.text).toMatch(/lang="zh-CN"/);
      }
    }
    expect(cjk).toBeGreaterThanOrEqual(4);
  });

  it('makes key points real bullets, tables native tables and code a monospace box', async () => {
    const points = await slideXml(5);
    expect(points.match(/<a:buChar /g)).toHaveLength(2);
    const content = await slideXml(6);
    expect(content).toContain('<a:tbl>');
    expect(content.match(/<a:tr /g)).toHaveLength(3);
    expect(runs(content).map((r) => r.text)).toEqual(expect.arrayContaining(['Hour', 'Crabs', '23:00', '11']));
    const code = runs(content).filter((r) => r.text.includes('print(count)'));
    expect(code).toHaveLength(1);
    expect(code[0].text).toBe('  print(count)');
    expect(code[0].props).toMatch(/<a:latin typeface="Courier New"/);
  });

  it('embeds images; a missing image warns at its line and its slide shows the alt text', async () => {
    const photo = await slideXml(9);
    expect(photo).toContain('<p:pic>');
    expect(photo).toMatch(/descr="A crab under torchlight"/);
    expect(pptx.names.some((n) => n.startsWith('ppt/media/'))).toBe(true);
    const lost = await slideXml(10);
    expect(lost).not.toContain('<p:pic>');
    expect(text(lost)).toContain('[The missing shell]');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', pos: { file: 'tide.md', line: 26 }, message: expect.stringContaining('gone/shell.png') }));
  });

  it('warns about a template with no PPTX counterpart and still shows its title and text', async () => {
    const custom = await slideXml(11);
    expect(text(custom)).toContain('Night by night');
    expect(text(custom)).toContain('Tuesday');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ pos: { file: 'tide.md', line: 28 }, message: expect.stringContaining('"timeline"') }));
  });

  it('makes a PowerPoint section of each themed section, the opening slides under the deck title', async () => {
    expect(sectionTitles(deck())).toEqual([...Array(2).fill('Tide Pools After Dark'), ...Array(5).fill('Low water'), ...Array(6).fill('潮间带')]);
    const pres = await pptx.xml('ppt/presentation.xml');
    expect([...pres.matchAll(/<p14:section name="([^"]*)"/g)].map((m) => m[1])).toEqual(['Tide Pools After Dark', 'Low water', '潮间带']);
  });

  it("uses the theme stylesheet's colours", async () => {
    expect(pptxTheme('dark')).toMatchObject({ bg: '161B26', fg: 'EEF1F6', accent: 'F0A94A' });
    expect(pptxTheme('contrast')).toMatchObject({ bg: 'FFFFFF', fg: '000000', headingRule: '000000', cite: '0038A8' });
    const dark = await readPptx((await exportPptx(deck('dark'), { sourceDir: work })).bytes);
    expect(await dark.xml(dark.slides[0])).toMatch(/<p:bg><p:bgPr><a:solidFill><a:srgbClr val="161B26"/);
  });

  it("colours code as the deck highlights it, the theme's token colours and highlighted lines", async () => {
    const light = pptxTheme('light');
    const plan: DeckPlan = { ...deck(), slides: [slide({ template: 'content', title: 'Loop', body: '```python {2}\nfor crab in pool:\n    count += 1\n```', notes: 'Code.', line: 3 })] };
    const read = await readPptx((await exportPptx(plan, { sourceDir: work })).bytes);
    const code = runs(await read.xml(read.slides[0]));
    expect(code.find((r) => r.text === 'for')?.props).toContain(`<a:srgbClr val="${light.codeColours.kw}"/>`);
    expect(code.find((r) => r.text.includes('count'))?.props).toMatch(new RegExp(`<a:highlight><a:srgbClr val="${light.codeHl}"/>`));
    expect(code.find((r) => r.text.includes('for'))?.props).not.toContain('<a:highlight>');
  });

  it('shows a stepped listing at its last step, as slides.pdf prints it', async () => {
    const light = pptxTheme('light');
    const hl = new RegExp(`<a:highlight><a:srgbClr val="${light.codeHl}"/>`);
    const plan: DeckPlan = { ...deck(), slides: [slide({ template: 'content', title: 'Loop', body: '```python {1|3}\nfor crab in pool:\n    seen.add(crab)\n    count += 1\n```', notes: 'Code.', line: 3 })] };
    const read = await readPptx((await exportPptx(plan, { sourceDir: work })).bytes);
    const code = runs(await read.xml(read.slides[0]));
    expect(code.find((r) => r.text.includes('count'))?.props).toMatch(hl);
    expect(code.filter((r) => /for|seen/.test(r.text)).every((r) => !hl.test(r.props))).toBe(true);
  });

  it('keeps TeX whole: as code with math: false, as a picture with the TeX as alt text with one', async () => {
    const math: DeckPlan = { ...deck(), slides: [slide({ template: 'content', title: 'Energy', body: 'Mass and $x_1 * y_2$ energy.\n\n$$E = mc^2$$', notes: 'Math.', line: 3 })] };
    const plain = await readPptx((await exportPptx(math, { sourceDir: work, math: false })).bytes);
    const texts = runs(await plain.xml(plain.slides[0]));
    expect(texts.find((r) => r.text === '$x_1 * y_2$')?.props).toMatch(/typeface="Courier New"/);
    expect(texts.find((r) => r.text === 'E = mc^2')?.props).toMatch(/typeface="Courier New"/);
    const asked: string[] = [];
    const drawn = await readPptx(
      (
        await exportPptx(math, {
          sourceDir: work,
          math: (tex, display) => {
            asked.push(`${display}:${tex}`);
            return { data: `image/png;base64,${PNG_1X1}`, width: 200, height: 40 };
          },
        })
      ).bytes,
    );
    expect(asked).toEqual(['true:E = mc^2']);
    const xml = await drawn.xml(drawn.slides[0]);
    expect(xml).toContain('<p:pic>');
    expect(xml).toMatch(/descr="E = mc\^2"/);
  });

  it("lays out an authored deck's two-column and image-beside slides side by side", async () => {
    const plan: DeckPlan = {
      ...deck(),
      slides: [
        slide({ template: 'two-column', title: 'Compare', body: 'Two pools, one night.', columns: ['- Left pool\n- Sandy', '- Right pool\n- Rocky'], notes: 'Columns.', line: 3 }),
        slide({ template: 'image-beside', title: 'Crab', columns: ['![A crab](crab.png)', 'The crab hides under the ledge.'], imageSide: 'left', notes: 'Image.', line: 9 }),
      ],
    };
    const result = await exportPptx(plan, { sourceDir: work });
    expect(result.diagnostics).toEqual([]);
    const read = await readPptx(result.bytes);
    const two = await read.xml(read.slides[0]);
    // Each text box's left edge, by its text.
    const left = (xml: string, needle: string) => {
      const shape = [...xml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]).find((sp) => text(sp).includes(needle))!;
      return Number(/<a:off x="(\d+)"/.exec(shape)![1]);
    };
    expect(left(two, 'Two pools')).toBe(left(two, 'Left pool'));
    expect(left(two, 'Right pool')).toBeGreaterThan(left(two, 'Left pool') + 4_000_000);
    const beside = await read.xml(read.slides[1]);
    expect(beside).toContain('<p:pic>');
    expect(text(beside)).toContain('The crab hides under the ledge.');
  });

  it('reads a line break inside a paragraph as a space (nothing between Chinese characters)', async () => {
    const plan: DeckPlan = { ...deck(), slides: [slide({ template: 'content', title: 'Soft', body: 'The tide\nturns at nine.\n\n潮水在九点\n转向。', notes: 'Soft.', line: 3 })] };
    const read = await readPptx((await exportPptx(plan, { sourceDir: work })).bytes);
    const all = text(await read.xml(read.slides[0]));
    expect(all).toContain('The tide turns at nine.');
    expect(all).toContain('潮水在九点转向。');
  });

  it('shows the text of raw HTML, never what a script or style holds', async () => {
    const plan: DeckPlan = { ...deck(), slides: [slide({ template: 'content', title: 'Raw', body: '<div>Tide <b>tables</b></div>\n<script>alert(1)</script>\n\nSee <span>the <i>chart</i></span><style>p{}</style> here.', notes: 'Raw.', line: 3 })] };
    const read = await readPptx((await exportPptx(plan, { sourceDir: work })).bytes);
    const all = text(await read.xml(read.slides[0]));
    expect(all).toMatch(/Tide\s+tables/);
    expect(all).toContain('See the chart here.');
    expect(all).not.toMatch(/alert|p\{\}/);
  });

  it('drops characters XML cannot hold, wherever the plan has them', async () => {
    const bad = 'Bell\u0007 tab\u000b and\u0000 \ud800lone';
    const plan: DeckPlan = {
      ...deck(),
      title: bad,
      author: bad,
      slides: [slide({ template: 'quote', section: bad, quote: { text: bad, by: bad }, notes: bad }), slide({ template: 'points', section: bad, title: bad, points: [bad], notes: bad })],
      outline: [{ title: bad, level: 2, slide: 0 }],
    };
    const read = await readPptx((await exportPptx(plan, { sourceDir: work })).bytes);
    for (const name of read.names.filter((n) => /\.(xml|rels)$/.test(n))) expect(await read.xml(name), name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(runs(await read.xml(read.slides[0])).map((r) => r.text)).toContain('Bell tab and lone');
  });

  it('gives the same bytes for the same plan, dated from the deck', async () => {
    const again = await exportPptx(deck(), { sourceDir: work });
    expect(Buffer.from(again.bytes).equals(Buffer.from(result.bytes))).toBe(true);
    const core = await pptx.xml('docProps/core.xml');
    expect(core).toMatch(/<dcterms:created[^>]*>2025-06-02T12:00:00Z</);
    expect(core).toMatch(/<dcterms:modified[^>]*>2025-06-02T12:00:00Z</);
  });
});

// The CLI in this process (its main()): these are about what a build writes and says.
describe('lectern build --pptx', () => {
  it('writes slides.pptx beside index.html and names it in the built line', async () => {
    writeFileSync(join(work, 'talk.md'), '# Ferns\n\n## Spores\n\nFerns spread by spores that ride the wind for miles before they settle in a damp corner.\n\n> A fern is patient in a way a flower never is.\n\n— Hal Brenner\n');
    const r = await lecternHere(['build', join(work, 'talk.md'), '--pptx', '-o', join(work, 'out')], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/index\.html \(\d+ slides\), slides\.pptx/);
    expect(readdirSync(join(work, 'out', 'talk')).filter((n) => /pptx|part/.test(n))).toEqual(['slides.pptx']);
  });

  it('fails an unwritable output with one line and writes nothing', async () => {
    writeFileSync(join(work, 'talk.md'), '# Ferns\n\n## Spores\n\nFerns spread by spores.\n');
    writeFileSync(join(work, 'a-file'), '');
    const r = await lecternHere(['build', join(work, 'talk.md'), '--pptx', '-o', join(work, 'a-file', 'out')], root);
    expect(r.code).toBe(5);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lectern: .*a-file.*-o/);
    expect(existsSync(join(work, 'a-file', 'out'))).toBe(false);
  });
});
