import fc from 'fast-check';
import { join } from 'node:path';
import { Lexer, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import type { Lang, ListBlock } from '../../src/model/document.js';
import { loadDocument } from '../../src/pipeline.js';
import { contentSlides, plain } from '../../src/plan/content.js';
import { listItemParts } from '../../src/plan/list-items.js';
import { plan } from '../../src/plan/index.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight } from '../../src/text/layout.js';
import { words } from '../../src/text/words.js';
import { root } from '../helpers/cli.js';

/**
 * Issue #16: a list item with sub-items or several paragraphs is as tall as the theme sets it
 * (base.css `.lt-body li`): its paragraphs one under the other, each sub-item at 26px, 36px
 * further in, 10px between the sub-items of a list, at any depth. Measured as one run of text,
 * such items shared lines and the slide overflowed.
 */
const room = (title: string, lang: Lang) => geometry.frame.height * SAFETY - headingHeight(title + words[lang].cont, lang);

/**
 * The slide body's height as the theme sets it, worked out here from the rendered structure
 * (marked's tokens), apart from the planner: every paragraph at its depth's size and width.
 */
function bodyHeight(md: string, lang: Lang): number {
  const g = geometry.body;
  const blocks = (tokens: Token[], level: number, width: number): number => {
    const own = tokens.filter((t) => t.type !== 'space');
    const heights = own.map((t) => {
      if (t.type !== 'list') return textHeight(plain(t.raw.trim()), width, { size: level > 0 ? g.nestedSize : g.size, lineHeight: lineHeight(lang, 'body'), lang });
      const items = (t as Tokens.List).items;
      return items.reduce((n, it) => n + blocks(it.tokens, level + 1, width - g.listIndent), 0) + g.itemGap * (items.length - 1);
    });
    // Blocks of the slide 18px apart; inside an item, none between them.
    return heights.reduce((a, b) => a + b, 0) + (level < 0 ? g.gap * Math.max(0, own.length - 1) : 0);
  };
  // The slide's own list is level 0: its items' text is set at the body size.
  return blocks(new Lexer().lex(md), -1, geometry.frame.width);
}

const list = (items: string[], ordered = false): ListBlock => ({ kind: 'list', ordered, items, line: 1 });
const subs = (n: number, word: string, ordered = false) => Array.from({ length: n }, (_, k) => `${ordered ? '1.' : '-'} ${word} ${k + 1}`).join('\n');

describe('a list whose items have sub-items', () => {
  const cases: { name: string; lang: Lang; ordered: boolean; items: string[] }[] = [
    { name: 'English, bullets', lang: 'en', ordered: false, items: Array.from({ length: 4 }, (_, k) => `Point ${k + 1}\n${subs(5, 'Detail')}`) },
    { name: 'Chinese, numbered', lang: 'zh', ordered: true, items: Array.from({ length: 4 }, (_, k) => `第${k + 1}点\n${subs(5, '细节', true)}`) },
  ];

  it.each(cases)('$name: goes on (cont.) slides, each within the room as the theme sets it', ({ lang, ordered, items }) => {
    const slides = contentSlides([list(items, ordered)], 'Nested', lang);
    // 4 × (a line + 5 sub-item lines): about 1,100px, two slides at least; one run of text per item would be 4 lines.
    expect(slides.length).toBeGreaterThanOrEqual(2);
    for (const s of slides) expect(bodyHeight(s.body!, lang)).toBeLessThanOrEqual(room('Nested', lang));
    // Every item whole on one slide with its five sub-items, in order, numbered as the author's list.
    const shown = slides.flatMap((s) => (new Lexer().lex(s.body!).find((t) => t.type === 'list') as Tokens.List).items);
    expect(shown).toHaveLength(4);
    for (const it of shown) expect((it.tokens.find((t) => t.type === 'list') as Tokens.List).items).toHaveLength(5);
    if (ordered) expect(slides.at(-1)!.body).toMatch(/^4\. /m);
  });

  it('measures three levels deep: sub-sub-items are set at 26px, 72px in', () => {
    const item = `Top\n- Middle\n  - Deep 1\n  - Deep 2\n  - Deep 3\n  - Deep 4`;
    const slides = contentSlides([list(Array.from({ length: 5 }, () => item))], 'Deep', 'en');
    expect(slides.length).toBeGreaterThanOrEqual(2);
    for (const s of slides) expect(bodyHeight(s.body!, 'en')).toBeLessThanOrEqual(room('Deep', 'en'));
    // Nesting is kept on the slide.
    const top = new Lexer().lex(slides[0].body!).find((t) => t.type === 'list') as Tokens.List;
    const middle = top.items[0].tokens.find((t) => t.type === 'list') as Tokens.List;
    expect(middle.items[0].tokens.some((t) => t.type === 'list')).toBe(true);
  });
});

describe('a list whose items have several paragraphs', () => {
  it.each(['en', 'zh'] as const)('%s: each paragraph starts a line of its own', (lang) => {
    const para = lang === 'zh' ? ['缓存命中。', '直接返回。', '无需访问内存。'] : ['A hit.', 'It returns at once.', 'Memory is not read.'];
    const items = Array.from({ length: 5 }, () => para.join('\n\n'));
    const slides = contentSlides([list(items)], 'Paragraphs', lang);
    // 5 items × 3 lines: more than one slide; measured as one run, each item would be one line.
    expect(slides.length).toBe(2);
    for (const s of slides) expect(bodyHeight(s.body!, lang)).toBeLessThanOrEqual(room('Paragraphs', lang));
  });
});

describe('an item taller than a slide', () => {
  const item = `An item with many steps:\n${subs(14, 'Step', true)}\n\nAnd a closing paragraph after its steps.`;
  const slides = contentSlides([list(['A first item.', item, 'A third item.'], true)], 'Steps', 'en');

  it('is split between its sub-items, each part within the room, nothing lost or repeated', () => {
    expect(slides.length).toBeGreaterThanOrEqual(2);
    for (const s of slides) expect(bodyHeight(s.body!, 'en')).toBeLessThanOrEqual(room('Steps', 'en'));
    const text = slides.map((s) => s.body).join('\n');
    for (let k = 1; k <= 14; k++) expect(text.match(new RegExp(`Step ${k}\\b`, 'g'))).toHaveLength(1);
    expect(text.match(/closing paragraph/g)).toHaveLength(1);
  });

  it('keeps its number on each part, and the steps theirs: a part that starts inside the sub-list opens it again', () => {
    const parts = slides.filter((s) => /Step/.test(s.body!));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const s of parts) {
      const top = new Lexer().lex(s.body!).find((t) => t.type === 'list') as Tokens.List;
      const own = top.items.find((it) => it.tokens.some((t) => t.type === 'list'))!;
      expect(top.start === 2 || top.items.indexOf(own) + Number(top.start) === 2).toBe(true);
      const steps = own.tokens.find((t) => t.type === 'list') as Tokens.List;
      expect(steps.items[0].text).toBe(`Step ${steps.start}`);
    }
    expect(parts.slice(1).every((s) => s.continued)).toBe(true);
  });
});

describe('an item taller than a slide, with sub-items of its own sub-items', () => {
  const sub = (k: number) => `- Sub ${k}\n  - Leaf ${k}a\n  - Leaf ${k}b\n  - Leaf ${k}c`;
  const item = `Top\n${Array.from({ length: 6 }, (_, k) => sub(k + 1)).join('\n')}`;
  const slides = contentSlides([list([item])], 'Leaves', 'en');

  it('breaks between its sub-items, not inside one, when that takes no more slides', () => {
    // Filled line by line, the first slide would end after "Sub 3", its leaves on the next.
    expect(slides.length).toBe(3);
    for (const s of slides) expect(bodyHeight(s.body!, 'en')).toBeLessThanOrEqual(room('Leaves', 'en'));
    for (const s of slides.slice(1)) expect(s.body!.split('\n').slice(0, 2)).toEqual(['-', expect.stringMatching(/^ {2}- Sub \d$/)]);
    for (const s of slides) for (const m of s.body!.matchAll(/- Sub (\d)/g)) expect(s.body).toContain(`Leaf ${m[1]}c`);
  });
});

describe('lecture notes with nested and multi-paragraph items (fixtures)', () => {
  it.each([
    ['nested-list.md', 'en', 'Why a hierarchy'],
    ['nested-list-zh.md', 'zh', '练习'],
  ] as const)('%s (%s): "%s" goes on (cont.) slides and every list slide fits the room as the theme sets it', (file, lang, split) => {
    const p = plan(loadDocument(join(root, 'test', 'fixtures', 'plan', file), {}), defaults);
    expect(p.slides.filter((s) => s.section === split && s.template === 'content').length).toBeGreaterThanOrEqual(2);
    const lists = p.slides.filter((s) => s.template === 'content' && /^(\d+\.|-) /m.test(s.body ?? ''));
    expect(lists.length).toBeGreaterThanOrEqual(4);
    for (const s of lists) expect(bodyHeight(s.body!, lang), s.title).toBeLessThanOrEqual(room(s.section ?? '', lang));
  });
});

describe('any nested list item, split to any room', () => {
  // Items of paragraphs and sub-items (numbered or not), three levels deep, split into parts of 60–500px.
  type Node = { paras: string[]; kids: Node[]; ordered: boolean };
  const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', '缓存', '命中');
  const node: fc.Memo<Node> = fc.memo((d) =>
    fc.record({
      paras: fc.array(fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(' ')), { minLength: 1, maxLength: 3 }),
      kids: d > 1 ? fc.array(node(d - 1), { maxLength: 4 }) : fc.constant([]),
      ordered: fc.boolean(),
    }),
  );
  const write = (n: Node): string => {
    const kids = n.kids.map((k, i) => {
      const m = n.ordered ? `${i + 1}. ` : '- ';
      return m + write(k).replace(/\n/g, `\n${' '.repeat(m.length)}`);
    });
    return [n.paras.join('\n\n'), ...kids].join(n.paras.length > 1 ? '\n\n' : '\n');
  };
  /** Each word with the depth of the list item it is in, as marked reads the Markdown. */
  const placed = (tokens: Token[], depth: number): string[] =>
    tokens.flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items.flatMap((it) => placed(it.tokens, depth + 1)) : (t.raw.match(/[a-z]+|[缓存命中]{2}/g) ?? []).map((w) => `${depth}:${w}`)));

  it('every part is one list item; every word is kept once, in order, at its depth', () => {
    fc.assert(
      fc.property(node(3), fc.integer({ min: 60, max: 500 }), fc.boolean(), (n, room, ordered) => {
        const md = write(n);
        const parts = listItemParts(md, ordered ? '3. ' : '- ', 'en', room);
        for (const p of parts) {
          const own = new Lexer().lex(p.markdown).filter((t) => t.type !== 'space');
          expect(own.map((t) => t.type)).toEqual(['list']);
          expect((own[0] as Tokens.List).items).toHaveLength(1);
        }
        expect(parts.flatMap((p) => placed(new Lexer().lex(p.markdown), 0))).toEqual(placed(new Lexer().lex(`- ${md.replace(/\n/g, '\n  ')}`), 0));
      }),
      { numRuns: 200 },
    );
  });
});
