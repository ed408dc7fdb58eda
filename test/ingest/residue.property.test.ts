import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMath } from '../../src/ingest/math-syntax.js';
import { stripResidue } from '../../src/ingest/residue.js';
import { typesetMath } from '../../src/render/math.js';
import { splitCode } from '../../src/plan/code.js';

/** Pieces of lecture-note syntax, mixed at random. */
const PIECES = ['{:toc}', '{: .x}', '{::options a="1" /}', '{% comment %}', '{% endcomment %}', '{% raw %}', '{{< x >}}', '{{% y %}}', '{{ z }}', '<div markdown="1">', '</div>',
  '<aside class="pquote">', '</aside>', '!!! note "T"', '=== "C++"', '    body', '```', '~~~', '--8<-- "f"', '[a]: http://e.org', '[a][b]', '$', '$$', '\\(', '\\)', '\\[', '\\]', '\\frac{', '}', 'x_1', ' ', '\n', '\n\n', 'word', '汉字', '- item', '1. item', '`code`'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((xs) => xs.join(''));

describe('lecture syntax never throws, and keeps its invariants', () => {
  it('stripResidue keeps the number of lines', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(stripResidue(s).split('\n').length).toBe(s.split('\n').length);
      }),
      { numRuns: 400 },
    );
  });

  it('findMath gives ordered, non-overlapping spans inside the text', () => {
    fc.assert(
      fc.property(text, (s) => {
        let end = 0;
        for (const m of findMath(s)) {
          expect(m.start).toBeGreaterThanOrEqual(end);
          expect(m.end).toBeLessThanOrEqual(s.length);
          end = m.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('typesetMath never throws and never loses a tag', () => {
    fc.assert(
      fc.property(text, (s) => {
        const html = `<p>${s.replace(/[<>&]/g, ' ')}</p>`;
        const r = typesetMath(html);
        expect(r.html.startsWith('<p>')).toBe(true);
        expect(r.html.endsWith('</p>')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('splitCode keeps every line, in order, once', () => {
    const line = fc.constantFrom('', 'x = 1', '    y = 2', '}', 'def f():', '  return 1', 'else:', 'WHERE a', 'a'.repeat(120));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 120 }), (lines) => {
        const parts = splitCode(['```python', ...lines, '```'].join('\n'), 400, 'en');
        const back = parts.flatMap((p) => p.markdown.split('\n').slice(1, -1));
        // Blank lines at a cut may go; every other line stays, in order.
        expect(back.filter((l) => l.trim())).toEqual(lines.filter((l) => l.trim()));
      }),
      { numRuns: 200 },
    );
  });
});
