import { describe, expect, it } from 'vitest';
import { budgets, cutToBudget, units } from '../../src/plan/budgets.js';
import { charEm, geometry, textWidth, visualWidth, wrapLines, type TextStyle } from '../../src/text/layout.js';
import { cells, tableRowHeights } from '../../src/plan/content.js';
import { fitSlides } from '../../src/plan/fit.js';
import { plan } from '../../src/plan/index.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import type { SlidePlan } from '../../src/model/plan.js';
import { speakingSeconds, timeLine } from '../../src/plan/timing.js';
import { defaults } from '../../src/config/schema.js';

describe('text budgets', () => {
  it('counts Chinese characters and English words', () => {
    expect(units('我们选人的标准', 'zh')).toBe(7);
    expect(units('Measure twice, teach once.', 'en')).toBe(4);
    expect(visualWidth('ab中文')).toBe(3);
  });

  it('keeps text within budget as is', () => {
    expect(cutToBudget('A short question?', budgets.question.en, 'en')).toEqual({ kept: 'A short question?', rest: '' });
  });

  it('cuts at a sentence boundary and returns the rest for the notes', () => {
    const text = 'First sentence has five words. Second sentence also has six words. Third one here?';
    const { kept, rest } = cutToBudget(text, 12, 'en');
    expect(kept).toBe('First sentence has five words. Second sentence also has six words.');
    expect(rest).toBe('Third one here?');
  });

  it('keeps the last sentences of a long question, where the question usually is', () => {
    const q = '大模型是一个重投入游戏，不是所有公司都有资本。那么你们的护城河在哪里？';
    const { kept, rest } = cutToBudget(q, 16, 'zh', true);
    expect(kept).toBe('那么你们的护城河在哪里？');
    expect(rest).toBe('大模型是一个重投入游戏，不是所有公司都有资本。');
  });

  it('estimates speaking time at the configured speeds', () => {
    expect(speakingSeconds('字'.repeat(250), 'zh', defaults.speed)).toBeCloseTo(60);
    expect(speakingSeconds('word '.repeat(150), 'en', defaults.speed)).toBeCloseTo(60);
    expect(speakingSeconds('字'.repeat(250), 'zh', { ...defaults.speed, zhCharsPerMinute: 500 })).toBeCloseTo(30);
    expect(timeLine(95, 'en')).toBe('⏱ about 1:35');
    expect(timeLine(95, 'zh')).toBe('⏱ 约 1 分 35 秒');
  });
});

describe('layout model (calibrated against Chromium in test/check/calibration.test.ts)', () => {
  const zh: TextStyle = { size: 32, lineHeight: 1.65, lang: 'zh' };
  const en: TextStyle = { size: 32, lineHeight: 1.5, lang: 'en' };

  it('sets Han characters 1em wide and Latin letters from the measured table', () => {
    expect(textWidth('中文标点，。', zh)).toBe(6 * 32);
    expect(charEm('i', en)).toBeLessThan(charEm('m', en));
    expect(charEm('a', { ...en, bold: true })).toBeGreaterThan(charEm('a', en));
    expect(charEm('M', { ...en, mono: true })).toBeCloseTo(0.602);
    // English decks set curly quotes half-width (base.css 'halt'); Chinese ones full-width.
    expect(charEm('’', en)).toBe(0.5);
    expect(charEm('’', zh)).toBe(1);
  });

  it('wraps Chinese anywhere but never starts a line with closing punctuation', () => {
    // 10 characters a line: 320px at 32px.
    expect(wrapLines('一二三四五六七八九十', 320, zh)).toBe(1);
    expect(wrapLines('一二三四五六七八九十一', 320, zh)).toBe(2);
    // The comma may not start line 2, so the character before it moves down with it.
    expect(wrapLines('一二三四五六七八九十，', 320, zh)).toBe(2);
    expect(wrapLines('', 320, zh)).toBe(0);
  });

  it('wraps English at spaces and breaks a token wider than the line anywhere, on a line of its own', () => {
    const word = textWidth('word', en);
    const space = textWidth(' ', en);
    expect(wrapLines('word word', 2 * word + space, en)).toBe(1);
    expect(wrapLines('word word', 2 * word + space - 1, en)).toBe(2);
    const long = 'x'.repeat(100);
    const perLine = Math.floor(600 / textWidth('x', en));
    expect(wrapLines(long, 600, en)).toBe(Math.ceil(100 / perLine));
    expect(wrapLines(`see ${long}`, 600, en)).toBe(1 + Math.ceil(100 / perLine));
  });

  it('keeps the line breaks of code and wraps long code lines', () => {
    const code: TextStyle = { size: 22, lineHeight: 1.45, mono: true, pre: true };
    expect(wrapLines('a\nb\n\nc', 1000, code)).toBe(4);
    expect(wrapLines('x'.repeat(150), 1056, code)).toBe(2); // 79 characters a line
  });

  it('gives table columns width in proportion to their content, header words kept whole', () => {
    const [head, row] = tableRowHeights([['Step', 'Notes'], ['1', 'x'.repeat(300)]], 'en');
    const line = geometry.table.size * 1.4;
    expect(head).toBeCloseTo(line + geometry.table.padY + geometry.table.headRule);
    expect(row / line).toBeGreaterThan(3);
    expect(cells('| a | b \\| c |')).toEqual(['a', 'b | c']);
  });
});

describe('fitting slides to the frame', () => {
  const quote = (text: string): SlidePlan => ({ template: 'quote', section: 'S', quote: { text, by: 'A' }, notes: text, seconds: 0 });

  it('keeps a short quote at the default size and shrinks a longer one a step at a time', () => {
    expect(fitSlides([quote('Short quotes fit.')], 'en')[0].variant).toBeUndefined();
    const sentence = 'The quiet part of a lab is where students decide whether a surprising number is a mistake or a discovery.';
    const [s] = fitSlides([quote(`${sentence} ${sentence}`)], 'en');
    expect(s.variant).toMatch(/^fit-[1-4]$/);
  });

  it('continues a quote too long for any size on further quote slides, shared evenly', () => {
    const sentence = 'The quiet part of a lab is where students decide whether a surprising number is a mistake or a discovery, and that decision deserves time.';
    const out = fitSlides([quote(Array(6).fill(sentence).join(' '))], 'en');
    expect(out.length).toBeGreaterThan(1);
    expect(out.slice(1).every((s) => s.continued)).toBe(true);
    const lengths = out.map((s) => s.quote!.text.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(sentence.length + 1);
    expect(out.map((s) => s.quote!.text).join(' ')).toBe(Array(6).fill(sentence).join(' '));
  });

  it('cuts a title too long for the smallest size, with the whole title in the notes', () => {
    const title = '很长的标题'.repeat(40);
    const [s] = fitSlides([{ template: 'title', section: null, title, notes: '', seconds: 0 }], 'zh');
    expect(s.variant).toBe('fit-3');
    expect(s.title!.endsWith('…')).toBe(true);
    expect(s.notes).toContain(title);
  });

  it('splits key points that do not fit under their heading onto a continuation slide', () => {
    const points = Array.from({ length: 5 }, (_, i) => `Point ${i + 1} is a long sentence that wraps onto a second and maybe a third line of the slide when it is set at thirty-two pixels.`);
    const out = fitSlides([{ template: 'points', section: 'S', title: 'S', points, notes: 'n', seconds: 0 }], 'en');
    expect(out.length).toBe(2);
    expect(out[1]).toMatchObject({ title: 'S (cont.)', continued: true });
    expect(out.flatMap((s) => s.points)).toEqual(points);
  });
});

describe('plan with autofit off', () => {
  const md = `# Deck\n\n## Long list\n\n${Array.from({ length: 30 }, (_, i) => `- Item ${i + 1} of a list far too long for one slide`).join('\n')}\n\n## Quote\n\n> ${'A very long quote that goes on and on. '.repeat(20)}\n\n— Someone\n`;
  const doc = ingestMarkdown(md, 'long.md');

  it('splits and shrinks by default', () => {
    const p = plan(doc, defaults);
    expect(p.slides.some((s) => s.continued)).toBe(true);
    expect(p.slides.some((s) => /^fit-/.test(s.variant ?? ''))).toBe(true);
  });

  it('splits, cuts and shrinks nothing with autofit: false', () => {
    const p = plan(doc, { ...defaults, autofit: false });
    expect(p.slides.some((s) => s.continued)).toBe(false);
    expect(p.slides.some((s) => /^fit-/.test(s.variant ?? ''))).toBe(false);
    expect(p.slides.filter((s) => s.template === 'content')).toHaveLength(1);
    expect(p.slides.find((s) => s.template === 'quote')!.quote!.text).toBe('A very long quote that goes on and on. '.repeat(20).trim());
  });
});
