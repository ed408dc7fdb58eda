import { describe, expect, it } from 'vitest';
import { ingestPlainText } from '../../src/ingest/plain-text.js';
import type { ParagraphBlock } from '../../src/model/document.js';
import { allSections, allText, fixture } from './helpers.js';

const paragraphs = (blocks: readonly { kind: string }[]) => blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');

describe('ingestPlainText: page furniture and metadata', () => {
  const text = [
    '发布时间:',
    '2024-05-06 08:00:01 点击次数:',
    '2024-05-06 08:00:01 次',
    '摘要:一座小城的夜市',
    '夜市在每天傍晚六点开张,一直营业到深夜。',
    '夜市的来历',
    '最早的摊位只有三个,卖的是馄饨、烤红薯和修鞋。',
  ].join('\n');
  const doc = ingestPlainText(text, 'night.txt');

  it('takes the publish date and drops the stamp, counter and lone character lines', () => {
    expect(doc.meta.date).toBe('2024-05-06');
    const all = allText(doc);
    for (const noise of ['发布时间', '点击次数', '08:00:01']) expect(all).not.toContain(noise);
    expect(all.split('\n')).not.toContain('次');
  });

  it('makes the summary line the subtitle and, being short, the title', () => {
    expect(doc.meta.subtitle).toBe('一座小城的夜市');
    expect(doc.meta.title).toBe('一座小城的夜市');
    expect(doc.meta.lang).toBe('zh');
  });

  it('puts the paragraph before the first heading in the intro', () => {
    expect(doc.intro).toEqual(['夜市在每天傍晚六点开张,一直营业到深夜。']);
    expect(doc.sections.map((s) => [s.title, s.line])).toEqual([['夜市的来历', 6]]);
    expect(doc.sections[0]!.blocks[0]).toMatchObject({ kind: 'paragraph', line: 7 });
  });

  it('prefers --title, then a Title: line, over inferred titles', () => {
    expect(ingestPlainText(text, 'x.txt', { title: 'Given' }).meta.title).toBe('Given');
    expect(ingestPlainText(`Title: Labelled\n\n${text}`, 'x.txt').meta.title).toBe('Labelled');
  });

  it('reads English publish lines and month names', () => {
    const en = ingestPlainText('Published: March 3, 2024\nViews: 1,204\n\nSome text here.', 'x.txt');
    expect(en.meta.date).toBe('2024-03-03');
    expect(allText(en)).not.toContain('Views');
  });
});

describe('ingestPlainText: headings by shape', () => {
  it('nests numbered (一) headings under the plain heading before them, both widths', () => {
    const text = ['总的情况', '正文一。', '(一)第一点', '内容一。', '（二）第二点', '内容二。', '下一个话题?', '内容三。'].join('\n');
    const doc = ingestPlainText(text, 'x.txt');
    expect(doc.sections.map((s) => [s.title, s.level, s.subsections.map((x) => [x.title, x.level])])).toEqual([
      ['总的情况', 2, [['(一)第一点', 3], ['（二）第二点', 3]]],
      ['下一个话题?', 2, []],
    ]);
  });

  it('treats 一、 headings as sections and (一) under them as subsections', () => {
    const doc = ingestPlainText(['一、背景', '正文。', '(一)起因', '正文。', '二、结果', '正文。'].join('\n'), 'x.txt');
    expect(allSections(doc).map((s) => [s.title, s.level])).toEqual([
      ['一、背景', 2],
      ['(一)起因', 3],
      ['二、结果', 2],
    ]);
  });

  it('recognises 1. and Part 2 headings but not a numbered list', () => {
    const doc = ingestPlainText(['Part 1 The start', 'Text of part one.', '', '1. Eggs', '2. Flour', '3. Milk', '', 'Part 2 The end', 'Text of part two.'].join('\n'), 'x.txt');
    expect(doc.sections.map((s) => s.title)).toEqual(['Part 1 The start', 'Part 2 The end']);
    expect(paragraphs(doc.sections[0]!.blocks).map((p) => p.text)).toContain('1. Eggs');
  });

  it('does not take a sentence, a labelled line or the last line for a heading', () => {
    const doc = ingestPlainText(['Opening words.', 'Note: this is a remark', 'A closing line'].join('\n'), 'x.txt');
    expect(doc.sections).toHaveLength(1);
    expect(paragraphs(doc.sections[0]!.blocks)).toHaveLength(3);
  });

  it('escapes Markdown characters in paragraph source so they render verbatim, but for plain text\'s own *emphasis*', () => {
    const doc = ingestPlainText('First line here.\n*some emphasis* and 2 < 3, 2*3*4 and a_b_c [x]', 'x.txt');
    const p = paragraphs(doc.sections[0]!.blocks)[1]!;
    expect(p.text).toBe('some emphasis and 2 < 3, 2*3*4 and a_b_c [x]');
    expect(p.markdown).toBe('*some emphasis* and 2 \\< 3, 2\\*3\\*4 and a\\_b\\_c &#91;x&#93;');
  });
});

describe('ingestPlainText: hard-wrapped English with ALL-CAPS headings', () => {
  const doc = ingestPlainText(fixture('wrapped-essay.txt'), 'wrapped-essay.txt');

  it('finds the three ALL-CAPS headings with their lines', () => {
    expect(doc.sections.map((s) => [s.title, s.line])).toEqual([
      ['HOW A CANAL TOWN WORKS', 1],
      ['THE LOCK KEEPERS', 10],
      ['WHAT CHANGED', 21],
    ]);
    expect(doc.meta.lang).toBe('en');
  });

  it('re-joins wrapped lines into paragraphs, ending one at a short line', () => {
    const [first, second, third] = doc.sections.map((s) => paragraphs(s.blocks));
    expect(first).toHaveLength(1);
    expect(first![0]!.text).toMatch(/^The town grew along the canal because the canal was the only road that never flooded/);
    expect(first![0]!.text).toContain('Grand Junction Carriers and the Upper Valley Navigation Trust, and their rivalry');
    expect(second!.map((p) => p.line)).toEqual([12, 16, 18]);
    expect(third!.map((p) => p.text.slice(0, 20))).toEqual(['When the railway cam', 'Today the canal is b']);
    for (const p of [...first!, ...second!, ...third!]) expect(p.text).not.toContain('\n');
  });

  it('never takes a wrapped Title Case line for a heading', () => {
    expect(allSections(doc).map((s) => s.title)).not.toContain('Grand Junction Carriers and the Upper Valley Navigation');
  });
});

describe('ingestPlainText: no headings at all', () => {
  it('gives one section holding every paragraph, titled from the first sentence', () => {
    const doc = ingestPlainText(fixture('no-headings.txt'), 'no-headings.txt');
    expect(doc.sections).toHaveLength(1);
    expect(doc.intro).toEqual([]);
    expect(paragraphs(doc.sections[0]!.blocks).map((p) => p.line)).toEqual([1, 3, 5]);
    expect(doc.meta.title).toBe('The bakery on Alder Street opens at…');
    expect(doc.sections[0]!.title).toBe(doc.meta.title);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ severity: 'info', pos: { file: 'no-headings.txt', line: 1 } })]);
  });

  it('handles a single line, blank input and furniture-only input', () => {
    expect(ingestPlainText('Just one line', 'x.txt').sections).toHaveLength(1);
    expect(ingestPlainText('', 'notes/empty.txt').meta.title).toBe('empty');
    expect(ingestPlainText('发布时间:\n2025-01-01 10:00:00 点击次数:\n次\n', 'x.txt').sections).toEqual([]);
  });
});

describe('ingestPlainText: line endings and BOM', () => {
  it('accepts CRLF, CR and a BOM even when given undecoded-looking text', () => {
    const lf = ingestPlainText('标题一\n正文。\n标题二\n正文。', 'x.txt');
    for (const variant of ['\uFEFF标题一\r\n正文。\r\n标题二\r\n正文。', '标题一\r正文。\r标题二\r正文。']) {
      expect(ingestPlainText(variant, 'x.txt').sections).toEqual(lf.sections);
    }
  });
});

describe('ingestPlainText: a title line above the metadata, numbered parts under it', () => {
  it('the line is the title and its parts (一、二、三、) are the sections', () => {
    const text = ['渡口的早班船', '', '2024年11月2日  阅读 3021', '', '背景：本文整理自对码头站长周启明的访谈。', '', '一、为什么五点就开船？', '', '问：为什么五点就开船？', '', '答：因为第一班工人五点半要到对岸。', '', '二、冬天怎么办？', '', '问：冬天雾大怎么办？', '', '答：雾大就等，安全第一。', '', '三、以后', '', '答：我希望以后夜里也有船。', ''].join('\n');
    const doc = ingestPlainText(text, 'ferry.txt');
    expect(doc.meta.title).toBe('渡口的早班船');
    expect(doc.meta.subtitle).toBe('本文整理自对码头站长周启明的访谈。');
    expect(doc.sections.map((s) => [s.title, s.level])).toEqual([
      ['一、为什么五点就开船？', 2],
      ['二、冬天怎么办？', 2],
      ['三、以后', 2],
    ]);
  });
});
