import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { isStatement } from '../../src/plan/deck.js';
import { plan } from '../../src/plan/index.js';

/**
 * An authored slide with no heading and a few short lines (a Slidev `center` slide styled by
 * classes that do not come along, a Marp aside) is set large and centred: variant `statement`.
 */
describe('authored decks: a slide of a few short lines is a statement', () => {
  it('a Slidev deck: the short HTML lines of a centre slide, and a quoted word, are statements; slides with a list, code or a heading are not', () => {
    const deck = [
      '---', 'theme: default', 'title: Harbour tools', '---', '', '# Harbour tools', '', 'A talk about tide tables', '',
      '---', 'layout: center', '---', '', '<div>', '  <div v-click>Tide tables for one port</div>', '  <div v-click>Tide tables for every port</div>', '</div>', '',
      '---', '', '"Rewrite"', '',
      '---', '', '# Why', '', 'Pilots asked for it.', '',
      '---', '', '- one', '- two', '',
      '---', '', '```js', 'tide(port)', '```', '',
    ].join('\n');
    const p = plan(ingest(deck, 'harbour.md'), defaults);
    const statements = p.slides.filter((s) => s.variant === 'statement').map((s) => s.body?.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
    expect(statements).toEqual(['Tide tables for one port Tide tables for every port', '"Rewrite"']);
    expect(p.slides.find((s) => s.title === 'Why')?.variant).toBeUndefined();
  });

  it('counts lines and words: four lines, or too many words, are body text', () => {
    expect(isStatement('Short line one\n\nShort line two', 'en')).toBe(true);
    expect(isStatement('One\n\nTwo\n\nThree\n\nFour', 'en')).toBe(false);
    expect(isStatement('This line goes on and on with many more words than a statement slide could ever hold at that size', 'en')).toBe(false);
    expect(isStatement('框架无关的前端工具链', 'zh')).toBe(true);
    expect(isStatement('这一段话很长很长很长，远远超过一张大字幻灯片能放下的字数，所以它应该留在正文里，按正常字号排版才对。', 'zh')).toBe(false);
    for (const body of ['![A chart](chart.png)', '<img src="a.png" alt="a">', '| a | b |\n|---|---|\n| 1 | 2 |', '$$x^2$$', '`code` and more']) expect(isStatement(body, 'en'), body).toBe(body === '`code` and more');
  });
});
