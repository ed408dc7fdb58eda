import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { splitHeadingTime } from '../../src/ingest/transcript/noise.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { plan } from '../../src/plan/index.js';
import { markedPullQuote } from '../../src/plan/prose.js';
import { chooseQuote, isStatement, scoreQuote } from '../../src/plan/quotes.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureDir = resolve(here, '../fixtures/transcripts');

function build(name: string): { source: string; deck: DeckPlan; doc: ReturnType<typeof ingest> } {
  const file = join(fixtureDir, name);
  const source = readFileSync(file, 'utf8');
  const doc = ingest(source, file);
  return { source, doc, deck: plan(doc, defaults) };
}

const quotes = (deck: DeckPlan) => deck.slides.filter((s) => s.template === 'quote').map((s) => s.quote!);
const squash = (t: string) => t.replace(/\s+/gu, ' ');
const shown = (s: SlidePlan) => [s.title, s.question?.text, s.quote?.text, s.body, ...(s.points ?? []), ...(s.items ?? [])].filter(Boolean).join('\n');

describe('a talk by one speaker', () => {
  it('quotes the speaker named in the front matter, verbatim, and heads a slide with each audience question', () => {
    const { source, deck, doc } = build('talk-single-speaker-zh.md');
    expect(doc.meta.speakers).toEqual(['苏明远']);
    const titles = deck.slides.map((s) => s.title);
    for (const asked of ['淘汰策略可以在运行时切换吗？', '分布式缓存也适用同样的规则吗？']) expect(titles).toContain(asked);
    const q = quotes(deck);
    expect(q.length).toBeGreaterThanOrEqual(1);
    for (const x of q) {
      expect(x.by).toBe('苏明远');
      expect(squash(source)).toContain(squash(x.text));
    }
    // A section of the talk's own prose (not only its Q&A) has a quote.
    expect(deck.slides.some((s) => s.template === 'quote' && s.section === '为什么要淘汰')).toBe(true);
  });

  it('pulls no quote from demo captions, commands or a heading time range', () => {
    const { deck } = build('talk-single-speaker-zh.md');
    for (const x of quotes(deck)) expect(x.text).not.toMatch(/branch:|--capacity|\.\/cache-demo/u);
    for (const s of deck.slides) expect(shown(s), `${s.template}: ${s.title}`).not.toMatch(/\d{2}:\d{2}/u);
    expect(deck.slides.map((s) => s.title)).toContain('为什么要淘汰');
    // The time range stays with the speaker: in the notes.
    expect(deck.slides.some((s) => s.notes.includes('01:41~06:10'))).toBe(true);
  });

  it('reads one labelled speaker as a talk: no labels on the slides, quotes attributed to them', () => {
    const { source, deck, doc } = build('monologue-labels.md');
    expect(doc.meta.speakers).toEqual(['Priya Raman']);
    expect(doc.meta.author).toBe('Priya Raman');
    const q = quotes(deck);
    expect(q.length).toBeGreaterThan(0);
    for (const x of q) {
      expect(x.by).toBe('Priya Raman');
      expect(squash(source)).toContain(squash(x.text));
    }
    for (const s of deck.slides) expect(shown(s)).not.toContain('Priya Raman:');
  });

  it('takes no speaker from a field label among paragraphs of prose', () => {
    const prose = 'A group is a set with an operation that is associative, has an identity and has inverses, and the rest of the course builds on it.';
    const text = ['# Notes on groups', prose, 'Theorem: The identity element is unique.', prose, 'Theorem: Every element has one inverse.', prose, 'Theorem: Inverses of products reverse their order.', prose, prose].join('\n\n');
    const doc = ingest(text, 'groups.md');
    expect(doc.meta.speakers).toBeUndefined();
    expect(doc.meta.author).toBeUndefined();
  });
});

describe('what is no pull quote', () => {
  it('refuses code, commands, arrows and key-value captions', () => {
    for (const t of ['leader replies to every node -> the entry is committed (branch: step-2)', 'Run ./server --port=8080 --verbose to start it.', 'The election_timeout decides when a follower gives up waiting.', 'Call reset() before you read the counter again.']) {
      expect(isStatement(t), t).toBe(false);
    }
    expect(isStatement('Speed is not about talent; it is about never waiting.')).toBe(true);
  });

  it('ranks a signpost, a repeated word or a pointer at the screen below a claim', () => {
    const claim = scoreQuote('A meeting is a queue with chairs, and queues are where time goes to die.', 'en').score;
    expect(scoreQuote('Next, let us look at what a meeting really is for a team like ours.', 'en').score).toBeLessThan(claim);
    expect(scoreQuote('第二个场景，第二个场景是节点拿到了多数的选票。', 'zh').score).toBeLessThan(scoreQuote('节点拿到多数选票以后，才能成为新的领导者。', 'zh').score);
    expect(scoreQuote('我们运行到这里，大家可以看到日志已经停住了，不会再往下走。', 'zh').reasons.some((r) => r.startsWith('deictic'))).toBe(true);
    expect(chooseQuote('首先我们看一下这个图。真正难的不是写算法，而是知道数据长什么样。', 'zh')?.text).toBe('真正难的不是写算法，而是知道数据长什么样。');
  });

  it('takes a run of short block quotes in one section for callouts, not pull quotes', () => {
    const para = (text: string) => ({ kind: 'paragraph' as const, markdown: text, text, line: 1 });
    const bq = (text: string) => ({ kind: 'blockquote' as const, markdown: `> ${text}`, text, line: 1 });
    const one = [para('Before.'), bq('Small teams ship sooner because nobody waits for anybody else.'), para('After.')];
    expect(markedPullQuote(one, 1, 'en', 'Ann')?.text).toBe('Small teams ship sooner because nobody waits for anybody else.');
    const many = [para('a'), bq('The first step writes three keys into an empty cache of two.'), para('b'), bq('The second step reads the oldest key and writes a new one.'), para('c'), bq('The third step reads one key over and over again for a minute.'), para('d')];
    expect(markedPullQuote(many, 1, 'en', 'Ann')).toBeUndefined();
  });
});

describe('heading time stamps', () => {
  it.each([
    ['概览（00:00~01:11）', '概览'],
    ['Election walk-through (03:09-05:56)', 'Election walk-through'],
    ['调试日志(28:30~)', '调试日志'],
    ['[00:12:31] Opening remarks', 'Opening remarks'],
  ])('%s → %s', (heading, title) => {
    expect(splitHeadingTime(heading).title).toBe(title);
  });

  it('leaves a heading that is only a time, or a time inside the words', () => {
    expect(splitHeadingTime('12:30').title).toBe('12:30');
    expect(splitHeadingTime('Lunch at 12:30 sharp').title).toBe('Lunch at 12:30 sharp');
    expect(splitHeadingTime('Q3 (2024)').title).toBe('Q3 (2024)');
  });
});
