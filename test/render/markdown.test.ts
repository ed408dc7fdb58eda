import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/render/markdown.js';

describe('createMarkdown: headings', () => {
  it('writes nothing for a bare `###` spacer, and keeps every heading with words', () => {
    const md = createMarkdown();
    const html = md('Steps one to six.\n\n###\n\nLater steps.\n\n### Seven\n\n## \n');
    expect(html).not.toMatch(/<h[1-6][^>]*>\s*<\/h[1-6]>/);
    expect(html).toContain('<h3>Seven</h3>');
    expect(html).toContain('<p>Later steps.</p>');
  });
});
