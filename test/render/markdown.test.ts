import { describe, expect, it } from 'vitest';
import { LOCAL_LINK_WARNING, createMarkdown } from '../../src/render/markdown.js';

describe('createMarkdown: headings', () => {
  it('writes nothing for a bare `###` spacer, and keeps every heading with words', () => {
    const md = createMarkdown();
    const html = md('Steps one to six.\n\n###\n\nLater steps.\n\n### Seven\n\n## \n');
    expect(html).not.toMatch(/<h[1-6][^>]*>\s*<\/h[1-6]>/);
    expect(html).toContain('<h3>Seven</h3>');
    expect(html).toContain('<p>Later steps.</p>');
  });
});

describe('links the deck cannot follow', () => {
  it('shows a relative or site path as its text, with a warning at its line; keeps URLs and places in the deck', () => {
    const md = createMarkdown({ file: 'talk.md' });
    const html = md(
      'See [the guide](../docs/guide.md#setup) and [the theme page](/docs/theme).\n\n' +
        'Then [the spec](https://example.org/spec), [mail us](mailto:team@example.org) and [slide 3](#/3).',
      10,
    );
    expect(html).toContain('See the guide and the theme page.');
    expect(html).not.toMatch(/guide\.md|\/docs\/theme/);
    expect(html).toContain('<a href="https://example.org/spec">the spec</a>');
    expect(html).toContain('<a href="mailto:team@example.org">mail us</a>');
    expect(html).toContain('<a href="#/3">slide 3</a>');
    expect(md.diagnostics.map((d) => [d.message, d.pos?.line])).toEqual([
      [LOCAL_LINK_WARNING, 10],
      [LOCAL_LINK_WARNING, 10],
    ]);
  });

  it('keeps the words of a link with emphasis inside, and finds the line of each', () => {
    const md = createMarkdown({ file: 'talk.md' });
    const html = md('Intro.\n\nRead **[Bottles](Bottles.md)** first.\n\nAnd [Versions](Versions.md) later.', 1);
    expect(html).toContain('<strong>Bottles</strong>');
    expect(html).toContain('And Versions later.');
    expect(md.diagnostics.map((d) => d.pos?.line)).toEqual([3, 5]);
  });
});
