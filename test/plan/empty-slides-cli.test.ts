import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { lecternHere, root } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';

const fixtures = join(root, 'test', 'fixtures', 'empty-slides');

/**
 * Builds one input --offline with a cache of its own; the deck's HTML, parsed, and the warnings.
 * The CLI runs in this process (its main()): these tests are about what a build writes and warns.
 */
async function build(input: string) {
  const dir = testDir('lectern-empty-slides-');
  const saved = process.env.LECTERN_CACHE_DIR;
  process.env.LECTERN_CACHE_DIR = join(dir, 'cache');
  let r: Awaited<ReturnType<typeof lecternHere>>;
  try {
    r = await lecternHere(['build', input, '--offline', '-o', dir], root);
  } finally {
    if (saved === undefined) delete process.env.LECTERN_CACHE_DIR;
    else process.env.LECTERN_CACHE_DIR = saved;
  }
  expect(r.code, r.stderr).toBe(0);
  const name = input.split(/[\\/]/).pop()!.replace(/\.md$/, '');
  return { $: load(readFileSync(join(dir, name, 'index.html'), 'utf8')), stderr: r.stderr };
}

/** The slides that show nothing: a body with no text and no picture, or a frame with neither. */
function emptySlides($: ReturnType<typeof load>): number[] {
  const empty = (el: Parameters<typeof $>[0]) => !$(el).text().trim() && $(el).find('img, svg, video, canvas, iframe').length === 0;
  return $('section[data-slide]')
    .map((i, el) => {
      const frame = $(el).find('.lt-frame').first();
      const bodies = frame.find('.lt-body').toArray();
      return empty(frame) || bodies.some(empty) ? [i] : [];
    })
    .get();
}

describe('lectern build: no slide is a placeholder alone (#16)', () => {
  it('an article: the slide of a <style> block and the script carousel whose picture cannot be had go, with a warning at each line', async () => {
    const { $, stderr } = await build(join(fixtures, 'article.md'));
    expect(emptySlides($)).toEqual([]);
    expect($('section[data-slide]')).toHaveLength(7);
    expect(stderr).toMatch(/article\.md:8: warning: slide "Why a roof" shows nothing once rendered \(it holds only <style>\); dropped/);
    expect(stderr).toMatch(/article\.md:28: warning: slide "A year of the colony" shows nothing once rendered \(it holds only <noscript>, <button>, <script>\); dropped; its notes and time are on "Choosing the hive"/);
    // The picture, as tall as a slide, had a slide of its own (as a Markdown image has).
    expect(stderr).toMatch(/article\.md:41: warning: slide "A year of the colony \(cont\.\)" shows nothing once rendered \(it holds only images that cannot be shown\); dropped; its notes and time are on "Choosing the hive"/);
    // Neither section is named any more; the picture's alt text is in the speaker notes.
    expect($('.lt-agenda, [data-template="agenda"]').text()).not.toMatch(/Why a roof|A year of the colony/);
    expect($('aside.notes').text()).toContain('Spring: the first pollen comes in on the legs of the foragers');
    // A heading the author left with only a comment under it is a divider with its notes, not an empty body.
    expect($('[data-template="section"]').text()).toContain('The honey harvest');
  });

  it('a Slidev deck: slides of components alone go, their notes to the slide before; a component with text keeps its slide', async () => {
    const { $, stderr } = await build(join(fixtures, 'slidev.md'));
    expect(emptySlides($)).toEqual([]);
    expect($('section[data-slide]')).toHaveLength(5);
    // One warning per dropped slide, at the line of its front matter.
    expect(stderr.match(/slidev\.md:\d+: warning: a slide shows nothing/g)).toEqual(['slidev.md:26: warning: a slide shows nothing', 'slidev.md:46: warning: a slide shows nothing']);
    const notes = $('aside.notes').map((_, el) => $(el).text()).get();
    expect(notes[1]).toContain('While the timer runs, knead');
    expect(notes[3]).toContain('240 degrees at least');
    expect($('.lt-body').text()).toContain('A warm kitchen halves the rise');
  });

  it('pictures the folder does not hold: left out before the plan, their captions planned as words, one warning a block, no broken picture', async () => {
    const gallery = join(root, 'test', 'fixtures', 'gallery');
    const { $, stderr } = await build(join(gallery, 'missing-pictures.md'));
    expect(emptySlides($)).toEqual([]);
    // The picture that is there keeps its slide; the four that are not leave their captions as words on one slide.
    expect($('section[data-slide] img').map((_, el) => $(el).attr('src')).get()).toEqual(['images/day-1.png']);
    const words = $('section[data-slide]').filter((_, el) => $(el).text().includes('Day two')).first();
    expect(words.text()).toContain('Day five: a spoonful floats');
    expect(stderr).toMatch(/missing-pictures\.md:17: warning: 4 images not found \(photos\/day-2-bubbles\.png, photos\/day-3-smell\.png and 2 more\); left out of the slides/);
    expect(stderr).toMatch(/missing-pictures\.md:36: warning: image photos\/jar\.png not found; left out of the slides; its alt text is in the notes/);
    expect($('aside.notes').text()).toContain('A wide glass jar with a loose lid');
    expect($('.lt-body').text()).not.toMatch(/\[\]\(|flour-logo|\{/);
    expect($('.lt-body').text()).toContain('In the fridge, feed it once a week.');

    const deck = await build(join(gallery, 'missing-pictures-marp.md'));
    expect(deck.$('section[data-slide]').map((_, el) => deck.$(el).find('h1, h2').first().text().trim()).get()).toEqual(['Why sourdough', 'The starter', 'Thank you']);
    expect(deck.$('section[data-slide] img')).toHaveLength(0);
    expect(deck.stderr).toMatch(/missing-pictures-marp\.md:5: warning: a slide shows nothing/);
  });

  for (const [file, slides] of [
    // Brought without their picture folders: the pictures are left out before the plan, so the
    // captions of greentea's two 45- and 39-picture galleries are planned as words (73 with its sections' openings shown; 99 slides
    // before, of which ~45 held a broken picture), and Slidev's logo-only cover goes. 74 since a long sentence is a bullet whole
    // rather than cut at a comma: one more run of prose yields two points, a slide of its own. 75 since the layout
    // model measures t, c, A, C, J, S, Z unkerned (wider): a list that filled its slide to the edge goes on to a next one.
    ['en_article_greentea_gc.md', 75],
    ['slidev_antfu_set_theory.md', 17],
  ] as const) {
    it(`../shared/corpus/${file}: ${slides} slides, none with an empty body`, async (ctx) => {
      const path = join(root, '..', 'shared', 'corpus', file);
      if (!existsSync(path)) return ctx.skip(`../shared/corpus/${file} is not here; skipped`);
      const { $ } = await build(path);
      expect(emptySlides($)).toEqual([]);
      expect($('section[data-slide]')).toHaveLength(slides);
      expect($('section[data-slide] img').map((_, el) => $(el).attr('src')).get().filter((src) => !/^(https?:|data:|remote\/)/.test(src))).toEqual([]);
      // A figure's caption left behind is shown as words, never as a code block of its markup.
      expect($('section[data-slide] pre').text()).not.toMatch(/figcaption|<img/);
    });
  }
});
