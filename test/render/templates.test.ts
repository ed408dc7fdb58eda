import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/render/templates.js';
import { root } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';

describe('loadTemplates', () => {
  it('gives the same compiled set again while no template file changes', () => {
    expect(loadTemplates()).toBe(loadTemplates());
  });

  it('compiles a user folder again once one of its files changes, and keeps folders apart', () => {
    const dir = testDir('lectern-templates-');
    mkdirSync(join(dir, 'slides'));
    const file = join(dir, 'slides', 'quote.hbs');
    writeFileSync(file, '<p class="one">{{quote.text}}</p>');
    const first = loadTemplates(dir);
    expect(loadTemplates(dir)).toBe(first);
    expect(first.slides.get('quote')!({ quote: { text: 'a' } })).toBe('<p class="one">a</p>');
    writeFileSync(file, '<p class="two">{{quote.text}}</p>');
    // The same size: the modification time tells the versions apart (a fixed date, no clock read: nothing here is timed).
    utimesSync(file, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    const second = loadTemplates(dir);
    expect(second).not.toBe(first);
    expect(second.slides.get('quote')!({ quote: { text: 'a' } })).toBe('<p class="two">a</p>');
    expect(loadTemplates()).not.toBe(second);
    expect(loadTemplates().slides.get('quote')!({ quote: { text: 'a', source: 'x' } })).not.toContain('class="two"');
    // A new file in the folder is a change too.
    writeFileSync(join(dir, 'slides', 'extra.hbs'), '<p>extra</p>');
    expect(loadTemplates(dir).slides.has('extra')).toBe(true);
  });
});

describe('built-in themes', () => {
  // The planner's layout model (src/text, src/plan/budgets.ts) mirrors base.css alone, and
  // test/check/cli.test.ts checks the seed's layout in one theme only: a theme that set a size
  // would break both. Themes set colours (custom properties, colour and border colour) only.
  const themes = join(root, 'templates', 'themes');
  for (const name of ['light', 'dark', 'contrast']) {
    it(`${name}.css sets colours only, never a size, spacing or font`, () => {
      const css = readFileSync(join(themes, `${name}.css`), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const props = [...css.matchAll(/([a-z-]+)\s*:(?!:)[^;{}]*;/g)].map((m) => m[1]);
      expect(props.length).toBeGreaterThan(3);
      for (const p of props) expect(p, `${name}.css sets ${p}`).toMatch(/^(--lt-[a-z-]+|color|background(-color)?|border(-[a-z]+)?-color)$/);
    });
  }
});
