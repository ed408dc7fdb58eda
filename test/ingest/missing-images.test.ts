import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { localImagePath, localImageSources, withoutMissingImages } from '../../src/ingest/missing-images.js';

const article = [
  '# Bees',
  '',
  '## The hive',
  '',
  '![A white hive on a stand](pics/hive.png "The hive")',
  '',
  'Bees build comb from wax.',
  '',
  '[![The maker of the hive](pics/maker.png)](https://example.com/maker)',
  '',
  '<figure><img src="pics/frame.jpg"><figcaption>A frame full of capped honey.</figcaption></figure>',
  '',
  '<figure><img src="pics/smoke.jpg" alt="A smoker"></figure>',
  '',
  '- Wear a veil',
  '- ![](pics/veil.png){.small} Gloves help',
  '',
  '## Kept',
  '',
  '![Still here](pics/kept.png)',
  '',
  '![On the web](https://example.com/bee.png)',
].join('\n');

describe('local pictures the folder does not hold (#16)', () => {
  const doc = ingest(article, 'bees.md', {});

  it('lists every local picture path, read as the render stage reads it, and no web picture', () => {
    expect(localImageSources(doc).sort()).toEqual(['pics/frame.jpg', 'pics/hive.png', 'pics/kept.png', 'pics/maker.png', 'pics/smoke.jpg', 'pics/veil.png']);
    expect(localImagePath(' pics\\a%20b.png?v=2#top ')).toBe('pics/a b.png');
    expect(localImagePath('https://example.com/x.png')).toBeUndefined();
    expect(localImagePath('data:image/png;base64,AAAA')).toBeUndefined();
    // Only paths named as pictures: the render stage says what is wrong with the others.
    expect(localImagePath('notes.txt')).toBeUndefined();
    expect(localImagePath('pics.d/readme')).toBeUndefined();
    // An attribute is read as a browser reads it, character references decoded.
    const esc = ingest('# E\n\n## A\n\n<img src="&#27;[31mred.png" alt="r">\n', 'e.md', {});
    // (a leading control is trimmed, as a browser trims a URL)
    expect(localImageSources(esc)).toEqual(['[31mred.png']);
  });

  it('takes them out: the words around them stay, what they said goes to the notes, one warning a block', () => {
    const missing = new Set(['pics/hive.png', 'pics/maker.png', 'pics/frame.jpg', 'pics/smoke.jpg', 'pics/veil.png']);
    const out = withoutMissingImages(doc, missing);
    const hive = out.sections[0]!;
    const shown = JSON.stringify(hive.blocks);
    for (const name of missing) expect(shown).not.toContain(name);
    // The linked picture leaves no empty link, and the attribute list goes with its picture.
    expect(shown).not.toContain('](https://example.com/maker)');
    expect(shown).not.toContain('{.small}');
    expect(shown).toContain('A frame full of capped honey.');
    expect(shown).toContain('Gloves help');
    expect(shown).toContain('Bees build comb from wax.');
    // The figure left with nothing in it is gone; the list keeps both items.
    expect(hive.blocks.filter((b) => b.kind === 'html')).toHaveLength(1);
    expect(hive.blocks.find((b) => b.kind === 'list')).toMatchObject({ items: ['Wear a veil', ' Gloves help'] });
    expect(hive.notes).toEqual(expect.arrayContaining(['A white hive on a stand', 'The maker of the hive', 'A smoker']));
    const warnings = out.diagnostics.filter((d) => /not found/.test(d.message));
    expect(warnings.map((d) => d.pos!.line)).toEqual([5, 9, 11, 13, 15]);
    expect(warnings[0]!.message).toBe('image pics/hive.png not found; left out of the slides; its alt text is in the notes (put the file beside the document to show it)');
    // The picture that is there, and the web one, are untouched.
    expect(out.sections[1]).toBe(doc.sections[1]);
  });

  it('takes a picture on a line of its own with its line, so an indented caption after it stays HTML, not code', () => {
    const fig = ingest(['# F', '', '## Path', '', '<figure>', '\t<img src="path.png" />', '\t<figcaption>', '\tThe path through the heap.', '\t</figcaption>', '</figure>', '', 'After.'].join('\n'), 'f.md', {});
    const out = withoutMissingImages(fig, new Set(['path.png']));
    const html = out.sections[0]!.blocks.find((b) => b.kind === 'html');
    expect(html && 'markdown' in html ? html.markdown : '').toBe('<figure>\n\t<figcaption>\n\tThe path through the heap.\n\t</figcaption>\n</figure>');
  });

  it('gives one warning for a gallery, and changes nothing when every picture is there', () => {
    const gallery = ingest(['# G', '', '## Days', '', '<div>', ...[1, 2, 3, 4].map((d) => `<figure><img src="d/${d}.png"><figcaption>Day ${d}</figcaption></figure>`), '</div>'].join('\n'), 'g.md', {});
    const out = withoutMissingImages(gallery, new Set(['d/1.png', 'd/2.png', 'd/3.png', 'd/4.png']));
    expect(out.diagnostics.filter((d) => /not found/.test(d.message)).map((d) => d.message)).toEqual(['4 images not found (d/1.png, d/2.png and 2 more); left out of the slides (put the files beside the document to show them)']);
    expect(JSON.stringify(out.sections)).toContain('Day 4');
    expect(withoutMissingImages(gallery, new Set())).toBe(gallery);
    expect(withoutMissingImages(gallery, new Set(['elsewhere.png']))).toBe(gallery);
  });

  it("an authored slide: a picture beside the words that is not there leaves a content slide; a cover of a logo alone is left empty for the plan to drop", () => {
    const deck = ingest(['---', 'marp: true', '---', '', '![w:200](logo.png)', '', '---', '', '# Starter', '', '![bg right](starter.png)', '', '- Fed daily', '- Floats when ready'].join('\n'), 'd.md', {});
    expect(deck.deck?.slides[1]?.layout).toBe('image-beside');
    const out = withoutMissingImages(deck, new Set(['logo.png', 'starter.png']));
    expect(out.deck!.slides[0]!.body.trim()).toBe('');
    expect(out.deck!.slides[1]).toMatchObject({ layout: 'content', title: 'Starter' });
    expect(out.deck!.slides[1]!.body).toContain('- Fed daily');
    expect(out.deck!.slides[1]!.columns).toBeUndefined();
  });
});
