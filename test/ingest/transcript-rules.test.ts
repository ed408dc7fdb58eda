import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { decideSpeakers, expandName, findLabels } from '../../src/ingest/speakers.js';
import { LABEL_PATTERNS } from '../../src/ingest/transcript/labels.js';
import { isCreditLine, isPleasantry, stripStageDirections } from '../../src/ingest/transcript/noise.js';
import { aliasesInText, frontMatterPeople } from '../../src/ingest/transcript/people.js';
import { assignRoles } from '../../src/ingest/transcript/roles.js';
import { topicTitle } from '../../src/ingest/transcript/topics.js';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exchanges } from './helpers.js';

const fixtureDir = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/transcripts');
const fixture = (name: string) => readFileSync(resolve(fixtureDir, name), 'utf8');

const first = (text: string) => findLabels(text)[0];

describe('the label table', () => {
  it.each([
    ['**Ana Lima:** Good morning.', 'Ana Lima', 'name, colon'],
    ['**Ana Lima**: Good morning.', 'Ana Lima', 'name, colon'],
    ['Ana Lima: Good morning.', 'Ana Lima', 'name, colon'],
    ['王小川：早上好。', '王小川', 'name, colon'],
    ['Q: Why?', 'Q', 'name, colon'],
    ['问：为什么？', '问', 'name, colon'],
    ['主持人：欢迎。', '主持人', 'name, colon'],
    ['**00:01:42 - 史蒂夫·沃兹**：', '史蒂夫·沃兹', 'timestamp then name'],
    ['**00:01:42 - Ana Lima**', 'Ana Lima', 'timestamp then name, alone'],
    ['[00:12:31] Ana Lima: Right.', 'Ana Lima', 'timestamp then name'],
    ['Ana Lima (00:12): Right.', 'Ana Lima', 'name then timestamp'],
    ['Ana Lima [00:12:31]: Right.', 'Ana Lima', 'name then timestamp'],
    ['**Ana Lima:** 00:00:00', 'Ana Lima', 'name, colon, timestamp'],
    ['**Ana Lima** 00:37:24', 'Ana Lima', 'name, timestamp, alone'],
    ['Shaun Apps（SA）：开场。', 'Shaun Apps', 'name with initials'],
    ['bitstein: And then?', 'bitstein', 'handle, colon'],
    ['Audience 2: 00:35:30', 'Audience 2', 'name, colon, timestamp'],
  ])('reads %j as %j', (text, name, pattern) => {
    expect(first(text)).toMatchObject({ raw: name, kind: 'name', pattern });
  });

  it('has one row per shape, each named', () => {
    expect(new Set(LABEL_PATTERNS.map((p) => p.name)).size).toBe(LABEL_PATTERNS.length);
  });

  it('reads a time stamp alone as the same speaker going on', () => {
    expect(first('**00:02:10**')).toMatchObject({ kind: 'continue', raw: '' });
    expect(first('[00:02:10]')).toMatchObject({ kind: 'continue' });
  });

  it('defines initials and never takes a URL, a clock time or a mid-line handle for a label', () => {
    expect(first('Shaun Apps（SA）：开场。')!.alias).toBe('SA');
    expect(findLabels('See http://example.org for more.')).toEqual([]);
    expect(findLabels('We met at 10:30 and left.')).toEqual([]);
    expect(findLabels('He said. note: this is lower case')).toEqual([]);
  });

  it('finds labels at sentence starts inside a run-on paragraph', () => {
    expect(findLabels('记者:为什么?张三:因为喜欢。').map((h) => h.raw)).toEqual(['记者', '张三']);
  });
});

describe('noise', () => {
  it.each([
    ['That was funny [laughter] really.', 'That was funny really.'],
    ['That was funny \\[laughs\\] really.', 'That was funny really.'],
    ['好笑（笑）吧。', '好笑吧。'],
    ['当然【笑声】可以。', '当然可以。'],
    ['Right [00:20:19.18] so we began.', 'Right so we began.'],
    ['It was [inaudible 00:12] then.', 'It was then.'],
  ])('strips stage directions from %j', (text, clean) => {
    expect(stripStageDirections(text)).toBe(clean);
  });

  it('keeps ordinary brackets and parentheses', () => {
    expect(stripStageDirections('Use it (for example) with [Foo](x).')).toBe('Use it (for example) with [Foo](x).');
  });

  it('knows credits, translator notes, link definitions and metadata lines', () => {
    for (const line of ['选题：小安', '译者：木子', 'Transcribed by: A. Reader', '[#]: via: "x"', '[1]: https://example.org', '译者注：这里指的是…']) {
      expect(isCreditLine(line), line).toBe(true);
    }
    expect(isCreditLine('Ana Lima: I agree.')).toBe(false);
  });

  it('knows greetings, thanks, sponsor reads and sign-offs', () => {
    for (const s of ['Thanks for having me.', 'Welcome back to the show.', 'This episode is sponsored by Acme.', '大家好，欢迎收听。', '我们下期再见。']) {
      expect(isPleasantry(s), s).toBe(true);
    }
    expect(isPleasantry('Thanks to mites, we lost two hives.')).toBe(false);
  });
});

describe('who is a speaker', () => {
  const hits = (lines: string[]) => lines.flatMap((l) => findLabels(l));

  it('does not take a form field for a person (Topic:, Music:)', () => {
    const lines = ['Topic: Storage', 'Music: Piano', 'Ana: Why did you start?', 'Bo: Because I had to.', 'Topic: Networks', 'Music: Drums', 'Ana: And then?', 'Bo: Then it grew.'];
    const found = hits(lines);
    const fieldLike = new Set(found.filter((h) => ['Topic', 'Music'].includes(h.raw)));
    const speakers = decideSpeakers(found, { fieldLike })!;
    expect(speakers.resolve('Topic')).toBeUndefined();
    expect(speakers.resolve('Music')).toBeUndefined();
    expect(speakers.resolve('Ana')).toBe('Ana');
  });

  it('resolves initials defined by a label, in prose, or as a known name', () => {
    const s = decideSpeakers(hits(['Shaun Apps（SA）：开场。', 'SA：继续。', 'Jo Rue（JR）：好。', 'JR：对。']))!;
    expect(s.resolve('SA')).toBe('Shaun Apps');
    expect(aliasesInText('访谈人：顾远（以下简称 GY），受访者：陶岚（以下简称 TL）')).toEqual(new Map([['GY', '顾远'], ['TL', '陶岚']]));
    expect(expandName('LW', [], ['Larry Wall', 'Lisa Ward'])).toBe('Larry Wall');
    expect(expandName('John', ['John Newbery', 'Pierre Rochard'])).toBe('John Newbery');
    expect(expandName('Jo', ['Jo Ann', 'Jo Bee'])).toBeUndefined();
  });

  it('joins a name misspelt by one letter to the name used elsewhere', () => {
    const s = decideSpeakers(hits(['Max Hilebrand: A?', 'Max Hillebrand: B?', 'Max Hillebrand: C?', 'Sam Lee: D.', 'Sam Lee: E.']))!;
    expect(s.resolve('Max Hilebrand')).toBe('Max Hillebrand');
  });

  it('reads front matter speaker lists in their common shapes', () => {
    expect(frontMatterPeople({ speakers: ['Ana Lima', 'Bo Chen'] })).toEqual(['Ana Lima', 'Bo Chen']);
    expect(frontMatterPeople({ guests: 'Ana Lima, Bo Chen' })).toEqual(['Ana Lima', 'Bo Chen']);
    expect(frontMatterPeople({ speakers: [{ name: 'Ana Lima' }] })).toEqual(['Ana Lima']);
    expect(frontMatterPeople({})).toBeUndefined();
  });
});

describe('who asks', () => {
  const t = (speaker: string, text: string, line = 1) => ({ speaker, text, line });

  it('takes speakers the front matter does not list for hosts', () => {
    const r = assignRoles([t('Dana', 'Why?'), t('Ines Okafor', 'Because.'), t('Marcus', 'Really.'), t('Ines Okafor', 'Yes.')], ['Ines Okafor']);
    expect([...r.askers].sort()).toEqual(['Dana', 'Marcus']);
    expect(r.guesses).toHaveLength(2);
  });

  it('finds a panel host by questions even beside audience labels', () => {
    const turns = [
      t('Adam', 'Who starts? Tell us why.'), t('Gina', 'I will. It was a long road and a good one.'), t('Cory', 'Me too, for the same reasons.'),
      t('Adam', 'What went wrong?'), t('Gina', 'Plenty went wrong, but we fixed it.'), t('Audience 1', 'Can I ask one?'), t('Cory', 'Sure, go ahead.'),
      t('Adam', 'And next year?'), t('Cory', 'More of the same, and better tests.'),
    ];
    const r = assignRoles(turns, ['Adam', 'Gina', 'Cory']);
    expect(r.askers.has('Adam')).toBe(true);
    expect(r.askers.has('Audience 1')).toBe(true);
    expect(r.askers.has('Gina') || r.askers.has('Cory')).toBe(false);
  });
});

describe('topics', () => {
  it('titles a section from its opening question, cut at a phrase boundary', () => {
    expect(topicTitle('So how do they sort out false positives from the information, the emails they are constantly receiving from people?', 'en')).toBe('How do they sort out false positives…');
    expect(topicTitle('Okay. What do you make of that?', 'en')).toBe('What do you make of that?');
    expect(topicTitle('那么，你们能不能多谈谈，在设计限制条款的时候，哪些因素会导致问题？', 'zh')).toMatch(/^你们能不能多谈谈…$|^你们能不能多谈谈，在设计限制条款的时候…$/u);
  });

  it('splits a long headingless conversation into several titled sections', () => {
    const subjects = ['bread', 'rivers', 'trains', 'music'];
    const body = subjects
      .flatMap((s) => [
        `Host: What do you think about ${s}?`,
        `Guest Name: I think ${s} are wonderful, and ${s} shaped my childhood. My father loved ${s} too.`,
        `Host: Tell me more about ${s} then?`,
        `Guest Name: There is always more to say about ${s}; ${s} never bore me, and I have studied ${s} for years.`,
        `Host: Do others share your view of ${s}?`,
        `Guest Name: Many do. People who care about ${s} find each other quickly, because ${s} make good company.`,
      ])
      .join('\n\n');
    const doc = ingest(`---\ntitle: A long chat\n---\n${body}\n`, 'chat.md');
    expect(doc.sections.length).toBeGreaterThanOrEqual(3);
    expect(doc.sections.map((s) => s.title).every((x) => x && x !== 'A long chat')).toBe(true);
    expect(doc.diagnostics.some((d) => d.message.startsWith('guessed a topic break'))).toBe(true);
  });
});

describe('bad input', () => {
  it('reads a single speaker as prose, not a conversation', () => {
    const doc = ingest('Ana: One thing.\n\nAna: Another thing.\n\nAna: A third thing.', 'x.txt');
    expect(exchanges(doc)).toHaveLength(0);
  });

  it('reads thirty speakers without throwing, each a speaker', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const name = (k: number) => `Person ${letters[k % 26]}${k >= 26 ? letters[k - 26] : ''}`;
    const text = Array.from({ length: 60 }, (_, i) => `${name(i % 30)}: Turn ${i} has some words?`).join('\n\n');
    const doc = ingest(text, 'x.txt');
    const names = new Set(exchanges(doc).flatMap((u) => [u.x.question?.speaker, u.x.answer?.speaker, ...(u.x.more ?? []).map((m) => m.speaker)]).filter(Boolean));
    expect(names.size).toBe(30);
  });

  it('reads labels with no words after them', () => {
    const doc = ingest('Ana:\n\nBo:\n\nAna:\n\nBo:', 'x.txt');
    expect(() => JSON.stringify(doc)).not.toThrow();
  });
});

describe('wrapper formats and front matter that runs into prose', () => {
  it('reads a TITLE/URL/DATE/CONTENT wrapper leniently, with one warning', () => {
    const doc = ingest(fixture('wrapper.md'), 'wrapper.md');
    expect(doc.meta).toMatchObject({ title: 'Notes from a Ferry Crossing', date: '2023-04-05' });
    expect(exchanges(doc)).toHaveLength(2);
    expect(exchanges(doc)[0]!.x.question).toMatchObject({ speaker: 'Lena Ward', line: 6 });
    expect(doc.diagnostics.filter((d) => d.severity === 'warning' && /front matter/.test(d.message))).toHaveLength(1);
  });

  it('reads an unclosed front matter followed by prose as metadata and text', () => {
    const doc = ingest(fixture('open-front-matter.md'), 'open.md');
    expect(doc.meta.title).toBe('A walk');
    expect(exchanges(doc).map((u) => u.x.answer?.speaker)).toEqual(['Bo Lund', 'Bo Lund']);
    expect(doc.diagnostics.some((d) => /no closing ---/.test(d.message))).toBe(true);
  });

  it('still refuses a YAML typo between key lines', () => {
    expect(() => ingest('---\ntitle: A Talk\nkeywords: [one, two\n---\nBody text.\n', 'typo.md')).toThrow(/malformed front matter/);
  });
});

describe('questions set apart without labels', () => {
  it('reads one-item list questions followed by answers as exchanges answered by the author', () => {
    const md = [
      '---', 'title: 一次分享', 'author: 林舟', '---', '', '## 问答', '',
      '- 1.这个工具和旧版有什么区别？', '', '新版把配置都放在一个文件里，我觉得这是最大的变化。', '',
      '- 2.怎么做测试？', '', '我一般先写最简单的用例，再慢慢加边界情况。', '',
    ].join('\n');
    const units = exchanges(ingest(md, 'talk.md'));
    expect(units.map((u) => [u.x.question?.text, u.x.answer?.speaker])).toEqual([
      ['这个工具和旧版有什么区别？', '林舟'],
      ['怎么做测试？', '林舟'],
    ]);
  });

  it('leaves a single list question in lecture notes alone', () => {
    const doc = ingest('## Review\n\n- What is a monad?\n\nA monad is a way to chain computations.\n', 'notes.md');
    expect(exchanges(doc)).toHaveLength(0);
  });
});
