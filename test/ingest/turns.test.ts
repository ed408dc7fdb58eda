import { describe, expect, it } from 'vitest';
import { ingestPlainText } from '../../src/ingest/plain-text.js';
import { inferTurns } from '../../src/ingest/turns.js';
import type { Block, Section, SourceDocument } from '../../src/model/document.js';
import { exchanges, fixture, fixturePath } from './helpers.js';

const fromText = (text: string, file = 'x.txt') => inferTurns(ingestPlainText(text, file));

/** A document as the Markdown ingester shapes it: paragraphs with Markdown and plain text. */
function mdDoc(sections: { title: string; blocks: Block[] }[]): SourceDocument {
  return {
    file: 'talk.md',
    meta: { title: 'T', lang: 'en' },
    intro: [],
    titleNotes: [],
    sections: sections.map((s, i): Section => ({ title: s.title, level: 2, line: i * 100 + 1, blocks: s.blocks, notes: [], subsections: [] })),
    diagnostics: [],
  };
}
const para = (markdown: string, line: number): Block => ({ kind: 'paragraph', markdown, text: markdown.replace(/\*\*/g, ''), line });

describe('inferTurns: Q:/A: labels', () => {
  const doc = fromText(fixture('qa-english.txt'), 'qa-english.txt');
  const units = exchanges(doc);

  it('makes one unit per question, Q asking and A answering', () => {
    expect(units).toHaveLength(4);
    for (const { x } of units) {
      expect(x.question).toMatchObject({ speaker: 'Q', role: 'interviewer' });
      expect(x.answer).toMatchObject({ speaker: 'A', role: 'interviewee' });
      expect(x.commentary).toEqual([]);
      expect(x.boundaryGuessed).toBeUndefined();
    }
    expect(units.map((u) => u.section)).toEqual(['Getting started', 'Getting started', 'Tools and parts', 'Tools and parts']);
  });

  it('keeps the words verbatim, labels removed, and the source lines', () => {
    expect(units[0]!.x.question).toMatchObject({ text: 'How did you get into restoring radios?', line: 7 });
    expect(units[0]!.x.answer!.text).toMatch(/^My grandfather left me a cabinet set that did not work\./);
    expect(units[0]!.x.answer!.line).toBe(8);
  });

  it('does not take Note: inside an answer for a speaker', () => {
    expect(units[2]!.x.answer!.text).toBe('Swap meets, mostly, and a few collectors I trust. Note: I never buy a chassis I cannot see in person.');
  });

  it('leaves generic labels out of the interviewee and author fields', () => {
    expect(doc.meta.interviewee).toBeUndefined();
    expect(doc.meta.author).toBeUndefined();
    expect(doc.meta.subtitle).toBe('A conversation about repairing old radios');
  });
});

describe('inferTurns: a hard-wrapped English transcript', () => {
  const text = [
    'Interviewer: When did you first come to the valley, and what was it',
    'like to arrive here in the middle of a hard winter?',
    'Ruth Adler: I came in nineteen eighty, with two suitcases and a dog,',
    'and I remember that the snow was higher than the fence posts.',
    'Interviewer: Did you think about leaving in that first year at all?',
    'Ruth Adler: Every single week, but my neighbours would not let me go.',
  ].join('\n');
  const doc = fromText(text);

  it('re-joins each turn and keeps the line its label is on', () => {
    const units = exchanges(doc).map((u) => u.x);
    expect(units.map((x) => [x.question?.line, x.answer?.line])).toEqual([
      [1, 3],
      [5, 6],
    ]);
    expect(units[0]!.question!.text).toBe('When did you first come to the valley, and what was it like to arrive here in the middle of a hard winter?');
    expect(units[0]!.answer!.text).toMatch(/a dog, and I remember/);
  });

  it('titles a headingless transcript from its first words, without the label', () => {
    expect(doc.meta.title).toBe('When did you first come to the valley,…');
    expect(doc.meta).toMatchObject({ interviewer: 'Interviewer', interviewee: 'Ruth Adler' });
  });
});

describe('inferTurns: 问/答 labels with either colon', () => {
  const doc = fromText(fixture('wenda.txt'), 'wenda.txt');

  it('reads full-width and ASCII colons alike', () => {
    const units = exchanges(doc);
    expect(units.map((u) => [u.section, u.x.question?.speaker, u.x.answer?.speaker])).toEqual([
      ['一、手艺从哪里来', '问', '答'],
      ['一、手艺从哪里来', '问', '答'],
      ['二、传承的难处', '问', '答'],
    ]);
    expect(units[0]!.x.answer!.text).toMatch(/^我十五岁跟着舅舅当学徒/);
    expect(units[1]!.x.question!.text).toBe('现在还有年轻人愿意学吗？');
    expect(units.every((u) => u.x.commentary.length === 0)).toBe(true);
  });

  it('takes the date from a 发布日期 line and drops the counter', () => {
    expect(doc.meta.date).toBe('2024-11-05');
    expect(JSON.stringify(doc)).not.toContain('浏览次数');
  });

  it('reads a paragraph that runs 问 and 答 together', () => {
    const units = exchanges(fromText('问：你好吗？答：很好，谢谢。\n问:今天忙吗?答:不忙。'));
    expect(units.map((u) => [u.x.question?.text, u.x.answer?.text])).toEqual([
      ['你好吗？', '很好，谢谢。'],
      ['今天忙吗?', '不忙。'],
    ]);
  });
});

describe('inferTurns: a **Name:** transcript with three speakers', () => {
  const blocks = [
    para('**Host:** Welcome. What does a typical night look like?', 5),
    para('**Priya Raman:** We open the dome at dusk and check the weather every hour.', 7),
    para('**Tom Ashby**: And we drink a lot of tea while we wait.', 9),
    para('**Host:** Do you ever lose a whole night?', 11),
    para('**00:04:12 - Priya Raman**: Often. Last winter we lost eleven nights in a row.', 13),
    para('**Priya:** I plan two targets for every clear hour.', 15),
  ];
  const doc = inferTurns(mdDoc([{ title: 'Nights', blocks }]));
  const units = exchanges(doc);

  it('groups host questions with the answer and a further speaker', () => {
    expect(units).toHaveLength(2);
    expect(units[0]!.x.question).toMatchObject({ speaker: 'Host', role: 'interviewer', line: 5 });
    expect(units[0]!.x.answer).toMatchObject({ speaker: 'Priya Raman', role: 'interviewee' });
    expect(units[0]!.x.more).toEqual([{ speaker: 'Tom Ashby', role: 'interviewee', text: 'And we drink a lot of tea while we wait.', line: 9 }]);
  });

  it('reads timestamped labels and unifies a first name with the full name', () => {
    expect(units[1]!.x.answer).toMatchObject({
      speaker: 'Priya Raman',
      text: 'Often. Last winter we lost eleven nights in a row.\n\nI plan two targets for every clear hour.',
    });
  });

  it('fills interviewer, interviewee (most frequent other speaker) and author', () => {
    expect(doc.meta).toMatchObject({ interviewer: 'Host', interviewee: 'Priya Raman', author: 'Priya Raman' });
  });

  it.each([
    ['Markdown', 'three-speakers.md'],
  ])('reads the %s fixture through the Markdown ingester, when it exists', async (_kind, name) => {
    const md = await import('../../src/ingest/markdown.js').catch(() => undefined);
    if (!md?.ingestMarkdown) return;
    const doc = inferTurns(md.ingestMarkdown(fixture(name), fixturePath(name)));
    const found = exchanges(doc);
    expect(found.map((u) => [u.section, u.x.question?.speaker, u.x.answer?.speaker, (u.x.more ?? []).map((t) => t.speaker)])).toEqual([
      ['Arriving after dark', 'Host', 'Priya Raman', ['Tom Ashby']],
      ['Arriving after dark', 'Host', 'Priya Raman', []],
      ['Working together', 'Host', 'Priya Raman', ['Tom Ashby']],
    ]);
    const last = found[2]!.x;
    expect(last.more![0]!.text).toContain('Example: last week');
    expect(last.commentary).toEqual(['The two have worked the same shift for six years, and their routine is close to silent.']);
    expect(last.boundaryGuessed).toBeUndefined();
  });
});

describe('inferTurns: answer and commentary', () => {
  it('makes an unlabelled paragraph after the answer commentary, not guessed', () => {
    const doc = fromText(fixture('blank-line-commentary.txt'), 'blank-line-commentary.txt');
    const units = exchanges(doc);
    expect(units).toHaveLength(2);
    expect(units[0]!.x.answer!.text).toBe('因为我每天骑车上班，我知道哪里危险。一条好的车道，能让一个孩子自己骑车去上学。');
    expect(units[0]!.x.commentary).toEqual(['骑车通勤的意义，远不只是交通方式的选择。一条连续、安全的车道，改变的是一座城市对待普通人的态度。']);
    expect(units[1]!.x.commentary).toEqual(['很多城市的车道看上去很长，却在路口和公交站前突然消失。']);
    expect(units.some((u) => u.x.boundaryGuessed)).toBe(false);
    expect(doc.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });

  it('cuts commentary that names the speaker in the third person, with a warning at its line', () => {
    const text = ['访谈背景:测试', '话题一', '主持人:你怎么看?', '林一舟:我们只做自己擅长的事。林一舟认为,专注才是关键。', '话题二', '主持人:还有呢?', '林一舟:我们会坚持下去。'].join('\n');
    const doc = fromText(text, 'talk.txt');
    const [first, second] = exchanges(doc).map((u) => u.x);
    expect(first!.answer!.text).toBe('我们只做自己擅长的事。');
    expect(first!.commentary).toEqual(['林一舟认为,专注才是关键。']);
    expect(first!.boundaryGuessed).toBe(true);
    expect(second!.commentary).toEqual([]);
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', pos: { file: 'talk.txt', line: 4 } }));
  });

  it('cuts English commentary at "he said" and at a simile after a generalising opener', () => {
    const text = [
      'Interviewer: Why do you still print on paper?',
      'Ruth Adler: Because I like holding it. My readers do too. Ruth Adler believes print will outlast the screen.',
      '',
      'Interviewer: And the cost?',
      'Ruth Adler: It is high, and we pay it. In the world of small presses, cost is like a tide that never goes out.',
    ].join('\n');
    const units = exchanges(fromText(text));
    expect(units[0]!.x.answer!.text).toBe('Because I like holding it. My readers do too.');
    expect(units[0]!.x.commentary[0]).toBe('Ruth Adler believes print will outlast the screen.');
    expect(units[1]!.x.answer!.text).toBe('It is high, and we pay it.');
    expect(units[1]!.x.boundaryGuessed).toBe(true);
  });

  it('honours a commentary marker: paragraphs after it are commentary and nothing is guessed', () => {
    const blocks: Block[] = [
      para('**Host:** What changed?', 1),
      para('**Ann Lee:** Everything changed. Ann Lee believes it was overdue.', 3),
      { kind: 'marker', name: 'commentary', line: 5 },
      para('Her team agreed.', 7),
    ];
    const doc = inferTurns(mdDoc([{ title: 'S', blocks }]));
    const x = exchanges(doc)[0]!.x;
    expect(x.answer!.text).toBe('Everything changed. Ann Lee believes it was overdue.');
    expect(x.commentary).toEqual(['Her team agreed.']);
    expect(x.boundaryGuessed).toBeUndefined();
    expect(doc.sections[0]!.blocks.map((b) => b.kind)).toEqual(['exchange']);
  });
});

describe('inferTurns: who is a speaker', () => {
  it('passes a document without speakers through unchanged', () => {
    const doc = ingestPlainText(fixture('no-headings.txt'), 'x.txt');
    expect(inferTurns(doc)).toBe(doc);
    const labelled = ingestPlainText('Note: first thing.\nExample: second thing.\nNote: third.\n背景:一些话。', 'x.txt');
    expect(inferTurns(labelled)).toBe(labelled);
  });

  it('does not take clock times or reporting clauses for speakers', () => {
    const doc = ingestPlainText('会议在 10:30 开始。他说:我们要准时。12:00 结束。他说:谢谢大家。', 'x.txt');
    expect(inferTurns(doc)).toBe(doc);
  });

  it('finds the interviewer by questions when no role label is used', () => {
    const text = ['Mara: What brought you here?', 'Jon: Work, at first.', 'Mara: And now?', 'Jon: Now it is home.', 'Mara: Would you leave?', 'Jon: Never.'].join('\n\n');
    const units = exchanges(fromText(text));
    expect(units).toHaveLength(3);
    expect(units.every((u) => u.x.question?.speaker === 'Mara' && u.x.answer?.speaker === 'Jon')).toBe(true);
  });

  it('keeps an untitled intro paragraph before the first unit a paragraph', () => {
    const doc = fromText(['背景段落', '这是一段没有标签的介绍。', '记者:问题?', '张三:回答。', '记者:再问?', '张三:再答。'].join('\n'));
    expect(doc.sections[0]!.blocks.map((b) => b.kind)).toEqual(['paragraph', 'exchange', 'exchange']);
  });
});

describe('inferTurns: 答:/A: answers, the guest named only in the introduction', () => {
  const zh = ['渡口的早班船', '', '背景：本文整理自对码头站长周启明的访谈。', '', '一、为什么五点就开船？', '', '问：为什么五点就开船？', '', '答：因为第一班工人五点半要到对岸。晚一刻钟，他们就要迟到。', ''].join('\n');
  const en = ['THE NIGHT FERRY', '', 'From a conversation with the harbour master Ines Albrecht about the winter timetable.', '', 'Q: Why does the first boat leave at five?', '', 'A: Because the first shift starts across the water at half past. A quarter of an hour later, and they are late.', ''].join('\n');

  it('the answers are that guest\'s, by name, in Chinese and English', () => {
    for (const [text, name] of [[zh, '周启明'], [en, 'Ines Albrecht']] as const) {
      const doc = inferTurns(ingestPlainText(text, 'ferry.txt'));
      expect(exchanges(doc).map((u) => u.x.answer?.speaker), name).toEqual([name]);
      expect(doc.meta.interviewee).toBe(name);
    }
  });

  it('two guests introduced, or none, name no one', () => {
    const two = zh.replace('码头站长周启明的访谈', '码头站长周启明的访谈和船长李海的访谈');
    expect(exchanges(inferTurns(ingestPlainText(two, 'ferry.txt'))).map((u) => u.x.answer?.speaker)).toEqual(['答']);
    const none = en.replace('From a conversation with the harbour master Ines Albrecht about the winter timetable.', 'Notes from the harbour office.');
    expect(exchanges(inferTurns(ingestPlainText(none, 'ferry.txt'))).map((u) => u.x.answer?.speaker)).toEqual(['A']);
  });
});
