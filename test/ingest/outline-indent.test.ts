import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { escapeMarkdown } from '../../src/ingest/markdown-escape.js';
import { findMath } from '../../src/ingest/math-syntax.js';
import { isIndentOutline } from '../../src/ingest/outline-indent.js';
import { toOutlineMarkdown } from '../../src/ingest/outline.js';
import { classifyLine, listMarker, readIndentLines } from '../../src/ingest/outline-lines.js';
import type { Block, ListBlock, RichBlock, SourceDocument } from '../../src/model/document.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { plan } from '../../src/plan/index.js';
import { root } from '../helpers/cli.js';
import { allSections, fixture, fixturePath } from './helpers.js';

const read = (name: string): { doc: SourceDocument; source: string } => {
  const source = fixture(name);
  return { doc: ingest(source, fixturePath(name)), source };
};
const blocks = (doc: SourceDocument): Block[] => allSections(doc).flatMap((s) => s.blocks);
const lists = (doc: SourceDocument) => blocks(doc).filter((b): b is ListBlock => b.kind === 'list');
const codes = (doc: SourceDocument) => blocks(doc).filter((b): b is RichBlock => b.kind === 'code');

/** Words only, lower case: how a line is looked for on slides and in notes. */
const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const slideText = (s: SlidePlan) => norm([s.title, s.subtitle, s.kicker, ...(s.points ?? []), ...(s.items ?? []), s.body, s.notes].filter(Boolean).join('\n'));

/** Source lines (with words; a list marker is no word) that are on no slide and in no slide's notes. */
function lostLines(source: string, p: DeckPlan): string[] {
  const texts = p.slides.map(slideText);
  return source.split('\n').filter((line) => {
    const words = norm(listMarker(line.trim())?.rest ?? line);
    return words && !texts.some((t) => t.includes(words));
  });
}

/** The source lines from the one starting with `first` through the one starting with `last`, common indentation removed. */
function sourceBlock(source: string, first: string, last: string): string {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => l.trim().startsWith(first));
  const to = lines.findIndex((l, i) => i >= from && l.trim().startsWith(last));
  const run = lines.slice(from, to + 1).map((l) => l.replace(/\u3000/gu, '  '));
  const indent = Math.min(...run.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return run.map((l) => l.slice(indent)).join('\n');
}

describe('notes outlined by indentation (English lecture)', () => {
  it('is read as an outline: sections only at the ALL-CAPS topics, the lines heading indented blocks under them', () => {
    const { doc } = read('outline-queues.txt');
    expect(doc.meta.title).toBe('Waiting Lines: A First Lecture on Queues');
    expect(doc.meta.subtitle).toBe('Operations Engineering, week 5');
    expect(doc.sections.map((s) => s.title)).toEqual([
      'WHY QUEUES MATTER',
      'THE PARTS OF A QUEUE',
      'KENDALL NOTATION',
      "LITTLE'S LAW",
      'UTILISATION AND DELAY',
      'A SIMULATION YOU CAN RUN',
      'QUEUES IN SOFTWARE',
      'WHEN THE MODEL FAILS',
      'DESIGN LESSONS',
    ]);
    expect(doc.sections[0]!.subsections.map((s) => s.title)).toEqual(['Queues are everywhere', 'A little history', 'The cost of waiting']);
    // A line ending in a colon leads into what follows: it is no topic.
    expect(allSections(doc).map((s) => s.title)).not.toContain('The picture we will keep coming back to:');
  });

  it('keeps the nesting: deeper lines are sub-bullets of the line above them', () => {
    const { doc } = read('outline-queues.txt');
    const everywhere = allSections(doc).find((s) => s.title === 'Queues are everywhere')!;
    const list = everywhere.blocks[0] as ListBlock;
    expect(list.kind).toBe('list');
    expect(list.items[1]).toBe('A packet waiting in a router buffer is a customer too');
    expect(list.items[2]).toBe('the same mathematics describes all of them');
    expect(list.levels!.slice(0, 4)).toEqual([0, 0, 1, 1]);
    // Lines of an unwrapped outline are never joined, even when neither ends a sentence.
    for (const l of lists(doc)) for (const item of l.items) expect(item).not.toMatch(/ (?:the same|only the names) .* (?:the same|only the names)/u);
  });

  it('keeps the ASCII diagram and the pseudo-code preformatted, verbatim', () => {
    const { doc, source } = read('outline-queues.txt');
    const texts = codes(doc).map((c) => c.text);
    expect(texts).toContain(sourceBlock(source, 'arrivals', 'queue'));
    expect(texts).toContain(sourceBlock(source, 'clock = 0;', 'average_wait'));
    expect(texts).toContain('L = lambda * W');
    for (const c of codes(doc)) expect(c.markdown).toMatch(/^`{3,}text\n/u);
  });

  it('plans 15–40 slides with at most 2 agenda slides, no divider for a topic and every line on a slide or in notes', () => {
    const { doc, source } = read('outline-queues.txt');
    const p = plan(doc, defaults);
    expect(source.split(/\s+/u).filter(Boolean).length).toBeGreaterThan(1400);
    expect(p.slides.length).toBeGreaterThanOrEqual(15);
    expect(p.slides.length).toBeLessThanOrEqual(40);
    expect(p.slides.filter((s) => s.template === 'agenda').length).toBeLessThanOrEqual(2);
    const dividers = p.slides.filter((s) => s.template === 'section').map((s) => s.title);
    expect(dividers).toEqual(doc.sections.map((s) => s.title));
    expect(lostLines(source, p)).toEqual([]);
    // Sub-bullets survive to the slide as a nested Markdown list.
    const everywhere = p.slides.find((s) => s.title === 'Queues are everywhere')!;
    expect(everywhere.body).toContain('- A packet waiting in a router buffer is a customer too\n  - the same mathematics describes all of them');
  });
});

describe('the outline written back as Markdown (lectern outline)', () => {
  it('keeps the sub-bullets nested and the diagram fenced, and reads back with the same sections', () => {
    const { doc } = read('outline-queues.txt');
    const md = toOutlineMarkdown(doc);
    expect(md).toContain('- A packet waiting in a router buffer is a customer too\n  - the same mathematics describes all of them\n');
    expect(md).toMatch(/```text\nclock = 0; free_at = 0; total_wait = 0\n/u);
    const back = ingest(md, 'outline.md');
    expect(allSections(back).map((s) => s.title)).toEqual(allSections(doc).map((s) => s.title));
  });
});

describe('notes outlined by indentation (Chinese, full-width spaces)', () => {
  it('reads 一、 headings as sections, the topic lines under them, nested bullets and the diagram verbatim', () => {
    const { doc, source } = read('outline-queues-zh.txt');
    expect(doc.meta.lang).toBe('zh');
    expect(doc.meta.title).toBe('排队论入门：第五讲');
    expect(doc.sections.map((s) => s.title)).toEqual(['一、为什么要研究排队', '二、排队系统的组成', '三、利特尔法则']);
    expect(doc.sections[0]!.subsections.map((s) => s.title)).toEqual(['排队无处不在', '等待的代价']);
    const first = doc.sections[0]!.subsections[0]!.blocks[0] as ListBlock;
    expect(first.levels).toEqual([0, 0, 1, 1, 0, 1, 1]);
    expect(codes(doc).map((c) => c.text)).toContain(sourceBlock(source, '到达 ---->', '到达 ---->'));
    const p = plan(doc, defaults);
    expect(lostLines(source, p)).toEqual([]);
    expect(p.slides.filter((s) => s.template === 'agenda').length).toBeLessThanOrEqual(1);
  });
});

describe('hard-wrapped notes with indented formulas', () => {
  const notes = [
    'Sums and their laws',
    '-------------------',
    '',
    'We write the sum of two sets as a tagged union, so that every element',
    'remembers which side it came from, and we give the two injections the',
    'names left and right.',
    '',
    '    left  : A -> A + B',
    '    right : B -> A + B',
    '    left  a = (0, a)',
    '    right b = (1, b)',
    '',
    'A map out of a sum is fixed by what it does on each side, and the two',
    'maps are joined with a bar:',
    '',
    '      [f | g] . left',
    '    =   { definition of the bar }',
    '      f',
    '      [f | g] . right',
    '    =   { definition of the bar }',
    '      g',
    '',
    'The laws we need next week follow from these two equations alone, and',
    'we will prove them by the usual chase through the definitions of each',
    'side of the',
    'equation.',
    '',
    'Products and their laws',
    '-----------------------',
    '',
    'The pair of two maps is written with angle brackets, and it satisfies',
    'the two equations below for every f and every g that share a source.',
    '',
    '    fst . <f, g> = f',
    '    snd . <f, g> = g',
    '    <fst, snd>   = id',
    '    <f, g> . h   = <f . h, g . h>',
    '',
    'and the two families of laws mirror each other line for line.',
    '',
    '    sums              products',
    '    ----              --------',
    '    [f | g] . left    fst . <f, g>',
    '    [left | right]    <fst, snd>',
  ].join('\n');

  it('joins wrapped lines into one item, keeps the formulas verbatim and makes the underlined lines sections', () => {
    const doc = ingest(notes, 'sums.txt');
    expect(doc.sections.map((s) => s.title)).toEqual(['Sums and their laws', 'Products and their laws']);
    const items = lists(doc).flatMap((l) => l.items);
    expect(items[0]).toBe('We write the sum of two sets as a tagged union, so that every element remembers which side it came from, and we give the two injections the names left and right.');
    expect(items).toContain('The laws we need next week follow from these two equations alone, and we will prove them by the usual chase through the definitions of each side of the equation.');
    expect(codes(doc).map((c) => c.text.split('\n')[0])).toEqual(['left  : A -> A + B', '  [f | g] . left', 'fst . <f, g> = f', 'sums              products']);
    expect(codes(doc)[3]!.text).toBe(notes.split('\n').slice(-4).map((l) => l.slice(4)).join('\n'));
  });
});

describe('indented prose is no outline', () => {
  it('an English essay with first-line indents stays paragraphs, its wrapped lines joined', () => {
    const { doc } = read('indented-essay.txt');
    expect(isIndentOutline(readIndentLines(fixture('indented-essay.txt')))).toBe(false);
    const paras = blocks(doc).filter((b) => b.kind === 'paragraph');
    expect(paras.length).toBe(4);
    expect(paras.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n')).toContain('a gardener can own, and the most neglected.');
    expect(lists(doc)).toEqual([]);
    expect(codes(doc)).toEqual([]);
  });

  it('a Chinese essay indented with full-width spaces stays one paragraph per line', () => {
    const { doc } = read('indented-essay-zh.txt');
    expect(isIndentOutline(readIndentLines(fixture('indented-essay-zh.txt')))).toBe(false);
    expect(blocks(doc).filter((b) => b.kind === 'paragraph').length).toBeGreaterThanOrEqual(4);
    expect(lists(doc)).toEqual([]);
    expect(codes(doc)).toEqual([]);
  });
});

describe('how a line reads', () => {
  it('tells words from formulas, diagrams and code', () => {
    expect(classifyLine('For all (f : X -> Z, g : Y -> Z) there exists a unique')).toBe('text');
    expect(classifyLine('customers arrive at random moments')).toBe('text');
    expect(classifyLine('f x g = (f . fst) ^ (g . snd)')).toBe('code');
    expect(classifyLine('curry g . h = curry f')).toBe('code');
    expect(classifyLine('(A, B)             A x B')).toBe('code');
    expect(classifyLine('+-----------+')).toBe('code');
    expect(classifyLine('|  |')).toBe('code');
    expect(classifyLine('┌──┐ → └──┘')).toBe('code');
    expect(classifyLine('total_wait = total_wait + (start - clock)')).toBe('code');
    expect(classifyLine('for i in 1..N {')).toBe('code');
    expect(classifyLine('and define the sum = h^k.')).toBe('text');
    expect(classifyLine('id')).not.toBe('code');
  });

  it('escapes brackets so that plain text never reads as display math', () => {
    const md = escapeMarkdown('the usual notation is "([ f ])", i.e. banana brackets');
    expect(findMath(md)).toEqual([]);
    expect(md).toContain('&#91;');
  });
});

const ctfp = join(root, '..', 'shared', 'corpus', 'en_lecture_ctfp_lec04.txt');
const hasCtfp = existsSync(ctfp);

describe.skipIf(!hasCtfp)(hasCtfp ? 'a real lecture outlined by indentation (corpus)' : `a real lecture outlined by indentation (skipped: ${ctfp} is absent)`, () => {
  it('gets sections only at its underlined headings, formulas preformatted, nothing lost, 15–40 slides, at most 2 agenda slides', () => {
    const source = readFileSync(ctfp, 'utf8');
    const doc = ingest(source, ctfp);
    const headings = source.split('\n').filter((l, i, all) => /^-{3,}$/u.test(all[i + 1] ?? '') && l.trim());
    const underlined = headings.length;
    // The first underlined line is the deck's title; a heading over a single line labels that line.
    const titles = doc.sections.map((s) => s.title).filter(Boolean);
    const items = lists(doc).flatMap((b) => b.items);
    const labels = headings.slice(1).filter((h) => !titles.includes(h));
    expect(titles.every((t) => headings.includes(t))).toBe(true);
    expect(labels.every((h) => items.some((t) => t.startsWith(`${h}: `)))).toBe(true);
    expect(labels.length).toBeLessThanOrEqual(2);
    expect(allSections(doc).every((s) => s.level === 2)).toBe(true);
    expect(codes(doc).length).toBeGreaterThan(20);
    const p = plan(doc, defaults);
    expect(p.slides.filter((s) => s.template === 'agenda').length).toBeLessThanOrEqual(2);
    expect(p.slides.filter((s) => s.template === 'section').length).toBeLessThanOrEqual(underlined);
    expect(lostLines(source, p)).toEqual([]);
    expect(p.slides.length).toBeGreaterThanOrEqual(15);
    expect(p.slides.length).toBeLessThanOrEqual(40);
  });
});
