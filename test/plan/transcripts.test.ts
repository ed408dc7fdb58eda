import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import type { SourceDocument } from '../../src/model/document.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { plan } from '../../src/plan/index.js';
import { hasSeed, seedPath } from '../helpers/cli.js';
import { allSections, allText } from '../ingest/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureDir = resolve(here, '../fixtures/transcripts');
const corpusDir = resolve(here, '../../../shared/corpus');
const hasCorpus = existsSync(join(corpusDir, 'SOURCES.md'));

function build(file: string): { doc: SourceDocument; deck: DeckPlan } {
  const doc = ingest(readFileSync(file, 'utf8'), file);
  return { doc, deck: plan(doc, defaults) };
}

/** What the audience sees on a slide: everything but the notes. */
function shown(s: SlidePlan): string[] {
  return [s.title, s.subtitle, s.question?.text, s.quote?.text, s.quote?.by, s.question?.by, s.body, ...(s.points ?? []), ...(s.items ?? [])].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );
}

const TIMESTAMP = /\b\d{1,2}:\d{2}:\d{2}\b|[[(（【]\d{1,2}:\d{2}/u;
const STAGE = /\[(?:laughter|laughs|inaudible|crosstalk)\]|（笑）|\(笑\)|【笑声】|\\\[/u;

/** No turn label, time stamp or stage direction on any slide. */
function expectClean(deck: DeckPlan, speakers: readonly string[]): void {
  for (const s of deck.slides) {
    for (const text of shown(s)) {
      expect(text, `slide ${s.template}: ${text}`).not.toMatch(TIMESTAMP);
      expect(text, `slide ${s.template}: ${text}`).not.toMatch(STAGE);
      for (const name of speakers) expect(text.startsWith(`${name}:`) || text.startsWith(`${name}：`), `label on a slide: ${text}`).toBe(false);
    }
  }
}

const quotes = (deck: DeckPlan) => deck.slides.filter((s) => s.template === 'quote').map((s) => s.quote!);
const questions = (deck: DeckPlan) => deck.slides.filter((s) => s.template === 'question').map((s) => s.question!);

describe('transcript fixtures in every label shape', () => {
  it.each([
    ['podcast-bold-labels.md', ['Dana', 'Marcus'], ['Ines Okafor']],
    ['podcast-timestamps-zh.md', ['林晓'], ['周慕远']],
    ['bold-questions-zh.md', ['顾远'], ['陶岚']],
    ['italic-leadins.md', ['Ruth'], ['Tomas Berg']],
    ['credits-zh.md', ['记者'], ['乔安']],
    ['initials-panel.md', ['Hana Petrov'], ['Oskar Lind', 'Meret Vogel']],
    ['bracket-timestamps.txt', ['Interviewer'], ['Greta Sund']],
  ])('%s: guests quoted by full name, hosts ask, nothing but words on the slides', (name, hosts, guests) => {
    const { doc, deck } = build(join(fixtureDir, name));
    const q = quotes(deck);
    expect(q.length).toBeGreaterThan(0);
    for (const x of q) expect(guests).toContain(x.by);
    for (const x of questions(deck)) expect(hosts).toContain(x.by);
    const source = readFileSync(join(fixtureDir, name), 'utf8').replace(/\\([[\]])/gu, '$1');
    for (const x of q) expect(source.replace(/\s+/gu, ' ')).toContain(x.text.replace(/\s+/gu, ' '));
    expectClean(deck, [...hosts, ...guests]);
    expect(doc.meta.interviewee).toBe(guests[0]);
  });

  it('keeps Music, Organization, Topic and credits lines from being speakers', () => {
    for (const name of ['italic-leadins.md', 'credits-zh.md']) {
      const { deck } = build(join(fixtureDir, name));
      const people = new Set([...quotes(deck).map((x) => x.by), ...questions(deck).map((x) => x.by)]);
      for (const word of ['Music', 'Organization', 'Location', '选题', '译者', '校对']) expect(people.has(word)).toBe(false);
      const all = JSON.stringify(deck.slides.map(shown));
      for (const word of ['选题', '译者', '[#]', 'accordion']) expect(all).not.toContain(word);
    }
  });

  it('heads a slide with each FAQ question, shows the short answers as written, and never attributes them to "A"', () => {
    const { deck } = build(join(fixtureDir, 'faq-plain.txt'));
    const titles = deck.slides.map((s) => s.title);
    for (const asked of ['Who can borrow tools?', 'How long can I keep a tool?', 'What happens if a tool breaks?', 'Do you teach people how to use the tools?']) expect(titles).toContain(asked);
    expect(deck.slides.find((s) => s.title === 'Who can borrow tools?')?.body).toContain('Anyone with a library card');
    for (const x of quotes(deck)) {
      expect(x.by).toBe('');
      expect(x.text).not.toMatch(/https?:|[:：]$/u);
    }
    for (const s of deck.slides) for (const text of shown(s)) expect(text).not.toMatch(/^(?:Q|A):|^A$/u);
  });

  it('splits a headingless podcast at topic turns and leaves the welcome, sponsor and sign-off off the slides', () => {
    const { deck } = build(join(fixtureDir, 'podcast-bold-labels.md'));
    const { doc } = build(join(fixtureDir, 'podcast-bold-labels.md'));
    expect(doc.sections.length).toBeGreaterThanOrEqual(2);
    const all = deck.slides.flatMap(shown).join('\n');
    for (const noise of ['sponsored', 'Thanks for listening', 'welcome back', 'Thanks for having me']) expect(all).not.toContain(noise);
  });

  it('continues a speaker across a time stamp alone on its line', () => {
    const { doc } = build(join(fixtureDir, 'podcast-timestamps-zh.md'));
    const text = JSON.stringify(doc.sections);
    expect(text).toContain('我十六岁进了国营钟表厂');
    expect(text).toMatch(/手比眼睛先学会[^"]*后来厂子关了/u);
  });
});

describe('bad transcripts build', () => {
  it.each([
    ['a single speaker', 'Ana: One thing.\n\nAna: Another thing.\n\nAna: A third thing.\n'],
    ['labels with no text', 'Ana:\n\nBo:\n\nAna:\n\nBo:\n'],
    ['thirty speakers', Array.from({ length: 90 }, (_, i) => `Speaker ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}${i % 30 >= 26 ? 'x' : ''}: Line ${i} of the talk goes here?`).join('\n\n')],
  ])('%s', (_what, text) => {
    const doc = ingest(text, 'bad.txt');
    const deck = plan(doc, defaults);
    expect(deck.slides.length).toBeGreaterThanOrEqual(2);
  });
});

describe.skipIf(!hasSeed)(hasSeed ? 'the reference seed written as Markdown' : `the reference seed as Markdown (skipped: ${seedPath} is absent)`, () => {
  let dir: string;
  let deck: DeckPlan;
  beforeAll(() => {
    const text = readFileSync(seedPath, 'utf8');
    const plain = ingest(text, 'seed.txt');
    const h2 = new Set(plain.sections.map((s) => s.title));
    const h3 = new Set(plain.sections.flatMap((s) => s.subsections.map((x) => x.title)));
    const lines = text.split('\n');
    const first = lines.findIndex((l) => h2.has(l.trim()));
    // The page noise stays above the first heading, as a scraper leaves it.
    const md = [...lines.slice(0, first), '', ...lines.slice(first).flatMap((l) => [h2.has(l.trim()) ? `## ${l}` : h3.has(l.trim()) ? `### ${l}` : l, ''])];
    dir = mkdtempSync(join(tmpdir(), 'lectern-seed-md-'));
    writeFileSync(join(dir, 'seed.md'), md.join('\n'));
    deck = build(join(dir, 'seed.md')).deck;
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps 16 verbatim quotes by the interviewee and 13 questions', () => {
    const source = readFileSync(seedPath, 'utf8');
    expect(quotes(deck)).toHaveLength(16);
    for (const q of quotes(deck)) {
      expect(source).toContain(q.text);
      expect(q.by).toBe('梁文峰');
    }
    expect(questions(deck)).toHaveLength(13);
  });

  it('takes its title and date from the page lines and drops the page noise', () => {
    expect(deck.title).toBe('Deepseek 引发的 AI 讨论热潮');
    expect(deck.date).toBe('2025-03-13');
    const all = JSON.stringify(deck.slides);
    for (const noise of ['点击次数', '发布时间', '17:30:48']) expect(all).not.toContain(noise);
  });
});

const CORPUS = [
  'en_transcript_noded_cve.md',
  'en_transcript_core_roundtable.md',
  'en_transcript_drivechain_qa.md',
  'zh_transcript_covenants.md',
  'zh_transcript_watchtowers.md',
];

describe.skipIf(!hasCorpus)(hasCorpus ? 'corpus transcripts' : `corpus transcripts (skipped: ${corpusDir} is absent)`, () => {
  it.each(CORPUS)('%s: topic sections, guests quoted by full name, clean slides', (name) => {
    const file = join(corpusDir, name);
    const { doc, deck } = build(file);
    // The document's sections (a thin one may lose its divider slide to the deck's shape).
    const sections = allSections(doc);
    expect(sections.length).toBeGreaterThanOrEqual(3);
    for (const s of sections) expect(s.title && s.title !== doc.meta.title).toBeTruthy();
    const q = quotes(deck);
    // A talk has many short parts: a quote in at least every fourth, and never fewer than three.
    expect(q.length).toBeGreaterThanOrEqual(Math.max(3, sections.length / 4));
    // Quotes are verbatim from the words as read (Markdown marks and link targets gone).
    const source = allText(doc).replace(/\s+/gu, ' ');
    for (const x of q) {
      // Full names: two words, or a Han name; never a host.
      expect(x.by, x.text).toMatch(/^\S+ \S+|^\p{Script=Han}{2,}/u);
      expect(x.by).not.toBe(doc.meta.interviewer);
      expect(source).toContain(x.text.replace(/\s+/gu, ' '));
    }
    // About three slides a part, and no hundred-slide deck for an hour of talk.
    expect(deck.slides.length).toBeLessThanOrEqual(Math.max(50, sections.length * 3));
    expectClean(deck, []);
  });
});
