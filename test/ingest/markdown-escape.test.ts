import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapePlainText, withoutPlainEmphasis } from '../../src/ingest/markdown-escape.js';
import { ingest } from '../../src/ingest/index.js';

const html = (md: string) => (new Marked().parse(md) as string).trim();

describe("plain text's own emphasis", () => {
  it('shows _word_ and *a phrase* as emphasis, not as the marks', () => {
    expect(html(escapePlainText('the map _defines_ the coast, and *only* the coast'))).toBe('<p>the map <em>defines</em> the coast, and <em>only</em> the coast</p>');
    expect(html(escapePlainText('an _F-algebra_ is an arrow.'))).toBe('<p>an <em>F-algebra</em> is an arrow.</p>');
    expect(html(escapePlainText('(see _minimality_)'))).toBe('<p>(see <em>minimality</em>)</p>');
    expect(html(escapePlainText('is called a _fixed_point_ of F.'))).toBe('<p>is called a <em>fixed_point</em> of F.</p>');
  });

  it('leaves snake_case, __dunder__, products and lone marks as they are written', () => {
    for (const text of ['call tide_table_for(day) first', 'define __init__ here', 'compute 2*3*4 now', 'a _ b and c * d', 'an _unclosed mark', 'one_ two_']) {
      expect(html(escapePlainText(text)), text).toBe(html(escapeMarkdown(text)));
      expect(withoutPlainEmphasis(text)).toBe(text);
    }
  });

  it('in a .txt lecture: the slide shows <em>, the notes the words without marks', () => {
    const doc = ingest(['HARBOUR MATHS', '', 'The tide table _defines_ when boats may leave, and nothing else does.', ''].join('\n'), 'notes.txt');
    const para = doc.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'paragraph');
    expect(para && 'markdown' in para ? html(para.markdown) : '').toContain('<em>defines</em>');
    expect(para && 'text' in para ? para.text : '').toBe('The tide table defines when boats may leave, and nothing else does.');
  });
});
