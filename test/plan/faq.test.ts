import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { isQuestionTitle } from '../../src/plan/faq.js';
import { plan } from '../../src/plan/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureDir = resolve(here, '../fixtures/faq');

function build(text: string, file: string): DeckPlan {
  return plan(ingest(text, file), defaults);
}
const fixture = (name: string) => readFileSync(join(fixtureDir, name), 'utf8');
const shown = (s: SlidePlan) => [s.title, s.question?.text, s.quote?.text, s.quote?.by, s.body, ...(s.points ?? []), ...(s.items ?? [])].filter(Boolean).join('\n');
const squash = (t: string) => t.replace(/\s+/gu, ' ');

describe('an FAQ written as headings', () => {
  const questions = [
    'How do I join?',
    'Can I share one membership with my family?',
    'What does a day pass include?',
    'How do I cancel?',
    'Where can I leave a bike?',
    'What if a bike is broken?',
    'Is there a speed limit for electric bikes?',
    'Why do electric bikes cost more per ride?',
    'When am I charged?',
    'Can I get a receipt?',
    'Do you accept cash?',
  ];

  it('heads the slides of each question with it, with no divider per question; the groups keep theirs', () => {
    const deck = build(fixture('bike-share-faq.md'), join(fixtureDir, 'bike-share-faq.md'));
    const dividers = deck.slides.filter((s) => s.template === 'section').map((s) => s.title);
    expect(dividers).toEqual(['Membership', 'Riding', 'Payments']);
    const titles = deck.slides.map((s) => s.title);
    for (const q of questions) expect(titles, q).toContain(q);
    // One slide a question, give or take a code block's: not three.
    expect(deck.slides.length).toBeLessThanOrEqual(questions.length + dividers.length + 4);
  });

  it('shows a short answer as written, links kept, and cuts a long one into key points', () => {
    const deck = build(fixture('bike-share-faq.md'), join(fixtureDir, 'bike-share-faq.md'));
    const slide = (title: string) => deck.slides.find((s) => s.title === title)!;
    expect(slide('How do I join?').body).toContain('Download the app, add a payment card and pick a plan.');
    expect(slide('How do I cancel?').body).toContain('](https://example.org/cancel)');
    expect(slide('Why do electric bikes cost more per ride?').template).toBe('points');
    for (const s of deck.slides) expect(s.template === 'content' && !s.body?.trim() && s.variant !== 'notes-only', `empty slide ${s.title}`).toBe(false);
  });

  it('keeps fifty questions with one-line answers to about one slide each', () => {
    const text = ['# 常见问题', ...Array.from({ length: 50 }, (_, i) => `## 第 ${i + 1} 号柜子的钥匙丢了怎么办？\n\n到前台登记，押金在三个工作日内退还到原来的账户。`)].join('\n\n');
    const deck = build(text, 'faq.md');
    expect(deck.slides.filter((s) => s.template === 'section')).toHaveLength(0);
    expect(deck.slides.length).toBeLessThanOrEqual(50 + 4);
    expect(deck.slides.filter((s) => s.body?.includes('到前台登记'))).toHaveLength(50);
  });

  it('takes the answer label off an exercise list’s answers', () => {
    const text = [
      '# 练习',
      ...['为什么切片会共享底层数组？', '下面的循环会打印什么？', '通道关闭以后还能读吗？', '什么时候应该用指针接收者？'].map(
        (q, i) => `## ${i + 1}. ${q}\n\n考点：**第 ${i + 1} 个知识点**\n\n解答：\n因为它们指向同一块内存，修改一个会影响另一个，所以要先复制再修改。`,
      ),
    ].join('\n\n');
    const deck = build(text, 'drills.md');
    const all = deck.slides.map(shown).join('\n');
    expect(all).not.toContain('解答');
    expect(all).toContain('因为它们指向同一块内存');
  });
});

describe('an exercise list whose prompts instruct rather than ask', () => {
  // Headings like "写出下面程序的打印结果。" or "…有什么问题，说明原因。": fewer than the FAQ share
  // end on a question mark, but every one is a question to answer.
  const deck = () => build(fixture('exercise-prompts.md'), join(fixtureDir, 'exercise-prompts.md'));

  it('gives no prompt a divider of its own: the prompt heads its slides', () => {
    const dividers = deck().slides.filter((s) => s.template === 'section').map((s) => s.title);
    expect(dividers).toEqual(['小测验']);
  });

  it('shows each short answer and its key point on a slide, not only in the notes', () => {
    const all = deck().slides.map(shown).join('\n');
    for (const answer of ['赋值只复制了引用', '默认的空列表在定义函数时就创建好了', '循环结束后变量依然存在', '不会抛出异常', '结果是 False']) expect(all).toContain(answer);
    for (const point of ['列表是引用', '默认参数只求值一次', '浮点数精度']) expect(all).toContain(point);
  });
});

describe('an FAQ written as Q: and A:', () => {
  it('heads a slide with each question and attributes quotes to the author the front matter names', () => {
    const source = fixture('qa-author.md');
    const deck = build(source, join(fixtureDir, 'qa-author.md'));
    const titles = deck.slides.map((s) => s.title);
    for (const q of ['Why does the reading room close at six?', 'Can I bring my own lamp?', 'Who chooses the new books?']) expect(titles).toContain(q);
    const quotes = deck.slides.filter((s) => s.template === 'quote').map((s) => s.quote!);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) {
      expect(q.by).toBe('Maren Holt');
      expect(squash(source)).toContain(squash(q.text));
    }
    for (const s of deck.slides) expect(shown(s)).not.toMatch(/^(?:Q|A):/mu);
  });
});

describe('Q: and A: that are an interview', () => {
  it('keeps question slides and pull quotes when nothing calls the document an FAQ', () => {
    const text = 'A CHAT ABOUT CANALS\n\nQ: Why were the old canals dug so narrow?\nA: Because every extra foot of width was dug by hand. The boats were built to fit the canal, never the other way round.\n\nQ: Was that a mistake?\nA: Not at the time. A narrow canal that opened in five years beat a wide one that never opened at all.\n';
    const deck = build(text, 'canals.txt');
    expect(deck.slides.some((s) => s.template === 'question')).toBe(true);
    expect(deck.slides.some((s) => s.template === 'quote')).toBe(true);
  });
});

describe('question headings', () => {
  it.each([
    ['How do I update my packages?', true],
    ['Why Homebrew is called that', true],
    ['3. 下面的代码会输出什么', true],
    ['多个组件放一排时没有垂直对齐怎么办？', true],
    ['组件能否在服务端渲染', true],
    ['Installation', false],
    ['第三章 缓存', false],
    // An interrogative inside a statement: how the experiment was done, not a question.
    ['第3部分：第3次实验是怎么做的', false],
    ['数组和切片有什么区别', true],
    ['Performance tuning.', false],
    // An exercise's prompt: a question mark mid-heading, an interrogative ending a clause, an instruction.
    ['5. 这段代码会死锁吗？请详细说明', true],
    ['2. 以下函数有什么问题，说明原因。', true],
    ['7. 写出下面程序的打印结果。', true],
    ['Explain why the loop never ends', true],
    ['第二节，我们的做法', false],
    ['分析工具的安装', false],
    ['说明文档的格式', false],
  ])('%s → %s', (title, expected) => {
    expect(isQuestionTitle(title)).toBe(expected);
  });
});
