import { describe, expect, it } from 'vitest';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { LecternError } from '../../src/errors.js';

const src = `---
title: Small Experiments
author: Ada Field
date: 2026-01-02
theme: dark
duration: 20m
---
# Ignored Because Front Matter Has A Title

An opening paragraph for the notes.

## First Section

Some prose here.

> Curiosity is a muscle.

— Ada Field

Note: Say this slowly.

Still in the notes.

## Second Section {slides: section, content}
<!-- slides: section, quote -->

- one
- two

### A Subsection

> A quote in a subsection.

-- Bo Chen

<!-- A comment for the speaker. -->
<!-- commentary -->
`;

describe('ingestMarkdown', () => {
  const doc = ingestMarkdown(src, 'talk.md');

  it('reads front matter into metadata', () => {
    expect(doc.meta).toMatchObject({ title: 'Small Experiments', author: 'Ada Field', date: '2026-01-02', theme: 'dark', duration: 20, lang: 'en' });
  });

  it('puts paragraphs before the first section into the intro', () => {
    expect(doc.intro).toEqual(['An opening paragraph for the notes.']);
  });

  it('makes ## sections and ### subsections with source lines', () => {
    expect(doc.sections.map((s) => [s.title, s.line])).toEqual([
      ['First Section', 12],
      ['Second Section', 24],
    ]);
    expect(doc.sections[1].subsections.map((s) => [s.title, s.level, s.line])).toEqual([['A Subsection', 3, 30]]);
  });

  it('turns a blockquote with an attribution line into a pull quote (— and --)', () => {
    expect(doc.sections[0].blocks).toContainEqual({ kind: 'quote', text: 'Curiosity is a muscle.', by: 'Ada Field', line: 16 });
    expect(doc.sections[1].subsections[0].blocks[0]).toMatchObject({ kind: 'quote', text: 'A quote in a subsection.', by: 'Bo Chen' });
  });

  it('reads Note: paragraphs up to the next heading, and HTML comments, as notes', () => {
    expect(doc.sections[0].notes).toEqual(['Say this slowly.', 'Still in the notes.']);
    expect(doc.sections[1].subsections[0].notes).toEqual(['A comment for the speaker.']);
    expect(doc.sections[0].blocks.some((b) => b.kind === 'paragraph' && b.text.includes('slowly'))).toBe(false);
  });

  it('reads slide directives from a comment under the heading (overriding the heading suffix)', () => {
    expect(doc.sections[1].slides).toEqual(['section', 'quote']);
    expect(doc.sections[1].title).toBe('Second Section');
  });

  it('emits a commentary marker block for <!-- commentary -->', () => {
    expect(doc.sections[1].subsections[0].blocks.at(-1)).toMatchObject({ kind: 'marker', name: 'commentary' });
  });

  it('keeps lists with their items', () => {
    expect(doc.sections[1].blocks[0]).toMatchObject({ kind: 'list', ordered: false, items: ['one', 'two'] });
  });

  it('takes the title from the first # heading when front matter has none, and detects Chinese', () => {
    const zh = ingestMarkdown('# 小实验\n\n## 第一部分\n\n这是一个关于教学的段落。', 'zh.md');
    expect(zh.meta.title).toBe('小实验');
    expect(zh.meta.lang).toBe('zh');
  });

  it('reports malformed front matter with its line number', () => {
    const bad = '---\ntitle: ok\nauthor: [unclosed\n---\n# T\n';
    expect(() => ingestMarkdown(bad, 'bad.md')).toThrow(LecternError);
    expect(() => ingestMarkdown(bad, 'bad.md')).toThrow(/bad\.md:\d+: malformed front matter/);
  });
});

describe('ingestMarkdown: labelled background line', () => {
  it('becomes the subtitle when front matter has none', () => {
    const doc = ingestMarkdown('# 标题\n\n访谈背景：一次关于乡村阅读的谈话\n\n导入段落。\n\n## 一\n\n正文。', 'x.md');
    expect(doc.meta.subtitle).toBe('一次关于乡村阅读的谈话');
    expect(doc.intro).toEqual(['导入段落。']);
  });
});

describe('a table row with more cells than its header', () => {
  it('warns once, at that row, with how to keep a | as text; rows that escape it are fine', () => {
    const doc = ingestMarkdown(['# Tides', '', '## Gauges', '', '| gauge | reading |', '|---|---|', '| north | 2.1 m |', '| `a|b` | split |', '| `c|d` | split again |', '| east \\| west | 1.4 m |'].join('\n'), 'tides.md');
    const warnings = doc.diagnostics.filter((d) => /cells/.test(d.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.pos?.line).toBe(8);
    expect(warnings[0]!.message).toMatch(/3 cells but its header has 2.*\\\|/);
    const fine = ingestMarkdown(['# Tides', '', '## Gauges', '', '| gauge | reading |', '|---|---|', '| east \\| west | 1.4 m |', '| north | 2.1 m |'].join('\n'), 'tides.md');
    expect(fine.diagnostics.filter((d) => /cells/.test(d.message))).toHaveLength(0);
  });
});

describe('a scraped article under its title', () => {
  const page = (standfirst: string) =>
    ingestMarkdown(
      ['# Counting Gulls', '', standfirst, '', 'Posted 3 March 2025 · 1,204 views', '', '## Why count', '', '**Ana Vos:** Why count gulls at all?', '', '**Lia Berg:** Because the harbour changes and they notice first.'].join('\n'),
      'gulls.md',
    );

  it('a short paragraph wholly in italics is the subtitle; a "Posted … · N views" stamp is furniture and gives the date', () => {
    const doc = page('*A conversation with the ornithologist Lia Berg about the winter count.*');
    expect(doc.meta.subtitle).toBe('A conversation with the ornithologist Lia Berg about the winter count.');
    expect(doc.meta.date).toBe('2025-03-03');
    expect(doc.intro.join('\n')).not.toMatch(/views|A conversation/);
  });

  it('a paragraph in bold, or only partly in italics, is no subtitle', () => {
    expect(page('**A conversation with Lia Berg.**').meta.subtitle).toBeUndefined();
    expect(page('*A conversation* with Lia Berg.').meta.subtitle).toBeUndefined();
  });
});
