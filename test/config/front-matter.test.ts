import { describe, expect, it } from 'vitest';
import { exitCodes, LecternError } from '../../src/errors.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { metaFromFrontMatter } from '../../src/ingest/meta.js';

const body = '# A talk\n\n## One\n\nSome prose for the first section.\n';
const doc = (frontMatter: string) => `---\n${frontMatter}\n---\n${body}`;

function errorFor(source: string): LecternError {
  try {
    ingestMarkdown(source, 'talk.md');
  } catch (e) {
    expect(e).toBeInstanceOf(LecternError);
    return e as LecternError;
  }
  throw new Error('no error');
}

describe('front matter', () => {
  it("leaves other tools' keys alone (Hugo, Jekyll, Marp, Slidev)", () => {
    const fm = [
      'title: Roads and rivers',
      'layout: post', // Jekyll, Slidev
      'permalink: /talks/roads/',
      'tags: [maps, history]',
      'categories: talks',
      'draft: false', // Hugo
      'weight: 3',
      'marp: true', // Marp
      'paginate: true',
      'headingDivider: 2',
      'class: invert',
      'transition: slide-left', // Slidev
      'highlighter: shiki',
      'drawings: { persist: false }',
      'info: |',
      '  About roads.',
    ].join('\n');
    const { meta } = ingestMarkdown(doc(fm), 'talk.md');
    expect(meta.title).toBe('Roads and rivers');
    expect(Object.keys(meta).sort()).toEqual(['lang', 'title']);
  });

  it('reads the shapes other tools write for the keys Lectern uses', () => {
    const meta = metaFromFrontMatter({
      title: 2024,
      author: [{ name: 'Ada Byron', affiliation: 'Analytical' }, 'Grace Hopper'],
      date: new Date(Date.UTC(2024, 4, 1)),
      lang: 'zh-CN',
      duration: '0:45:00',
      section_slides: 'section, quote',
      paper: 'Letter',
      keywords: ['maps', 7],
      subtitle: null,
    });
    expect(meta).toEqual({ title: '2024', author: 'Ada Byron, Grace Hopper', date: '2024-05-01', lang: 'zh', duration: 45, sectionSlides: ['section', 'quote'], paper: 'letter', keywords: ['maps', '7'] });
    expect(metaFromFrontMatter({ author: { name: 'Ada' }, lang: 'fr', title: '' })).toEqual({ author: 'Ada' });
  });

  it('a Lectern key with the wrong type is one line naming file:line, the key, what it expects', () => {
    const e = errorFor(doc('title: Fine\nduration: soon'));
    expect(e.code).toBe('CONTENT');
    expect(exitCodes[e.code]).toBe(4);
    expect(e.message).toBe('talk.md:3: front matter "duration": expected a duration like "20m", "1h30m" or a number of minutes, got "soon"');
    expect(errorFor(doc('title: [a, b]')).message).toBe('talk.md:2: front matter "title": expected text, like "title: My talk", got a list');
    expect(errorFor(doc('layout: x\nauthor: {email: a@b.c}')).message).toBe('talk.md:3: front matter "author": expected a name, a list of names, or a mapping with "name", got a mapping');
    expect(errorFor(doc('sectionSlides: {a: 1}')).message).toContain('talk.md:2: front matter "sectionSlides": expected a list of template names');
    expect(errorFor(doc('theme: [dark]')).message).toContain('front matter "theme": expected a theme name like dark, got a list');
    expect(errorFor(doc('lang: 5')).message).toContain('front matter "lang": expected a language tag like en or zh-CN, got 5');
  });

  it('paper is a4 or letter, and the closest is named', () => {
    expect(errorFor(doc('paper: leter')).message).toBe('talk.md:2: front matter "paper": expected a4 or letter, got "leter" (did you mean "letter"?)');
    expect(errorFor(doc('paper: tabloid')).message).toBe('talk.md:2: front matter "paper": expected a4 or letter, got "tabloid"');
  });

  it('names line 2 when the key cannot be found on a line of its own', () => {
    expect(() => metaFromFrontMatter({ duration: 'soon' }, { file: 'x.md' })).toThrow(/^x\.md:2: front matter "duration"/);
  });
});
