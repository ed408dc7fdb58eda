import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml, tokenizeHtml } from '../../src/html/sanitize.js';

/**
 * Markup that runs into the end of the input (a tag never closed, a quoted value never
 * ended) is text from its `<` on, and the sanitizer reads it in one pass: it used to retry
 * at every later `<`, so `'<a x '` repeated 10,000 times took seconds and 100 KB half a minute.
 * No timing is asserted here (that is `npm run bench`'s job): a quadratic pass over these
 * 200 KB inputs takes minutes, which the test timeout catches. (parse5 7.x, which scans the
 * attributes before each new one, took 15 s on the 30,000-attribute tag.)
 */

// Balanced snippets and what the sanitizer makes of them.
const HEADS: [string, string][] = [
  ['', ''],
  ['text ', 'text '],
  ['<p>para</p>', '<p>para</p>'],
  ['<b onclick="x()">b</b> ', '<b>b</b> '],
  ['<script>x()</script>', ''],
  ['1 &lt; 2 ', '1 &lt; 2 '],
  ['<!-- c -->', ''],
];
// Pieces with no `>` and no quote, so nothing after an opened tag can close it.
const PIECES = ['<a x ', '<a', '<', '</', '</a', 'x=', '=y', ' ', '\n', '/', 'é', '中', '&amp;', '&#60;', 'on', 'script'];
// What opens the markup that runs to the end.
const OPENERS = ['<a x ', '<div ', '<img src=a.png ', '<b title="', "<b title='", '<x-y z=', '<a\n'];

const escapeText = (s: string) => s.replace(/</g, '&lt;');
const tail = (size: fc.Arbitrary<number>) =>
  fc.tuple(fc.constantFrom(...OPENERS), fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), size).map(([open, pieces, n]) => {
    const unit = pieces.join('') || ' ';
    return open + unit.repeat(Math.max(1, Math.ceil(n / unit.length)));
  });

describe('sanitizeHtml on markup that runs into the end', () => {
  it('keeps everything from the unterminated `<` as escaped text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HEADS), tail(fc.integer({ min: 0, max: 2_000 })), ([head, cleanHead], rest) => {
        expect(sanitizeHtml(`<div>${head}${rest}`).html).toBe(`<div>${cleanHead}${escapeText(rest)}</div>`);
        // Tokenizing loses nothing.
        expect(tokenizeHtml(head + rest).map((t) => t.raw).join('')).toBe(head + rest);
      }),
      { numRuns: 300 },
    );
  });

  it('reads 200 KB of it in one pass', () => {
    // Before the fix 50 KB took ~8 s and 200 KB over a minute: every case here did that.
    let biggest = 0;
    fc.assert(
      fc.property(fc.constantFrom(...HEADS), tail(fc.constant(200_000)), ([head, cleanHead], rest) => {
        biggest = Math.max(biggest, rest.length);
        expect(sanitizeHtml(`<div>${head}${rest}`).html).toBe(`<div>${cleanHead}${escapeText(rest)}</div>`);
      }),
      { numRuns: 10 },
    );
    expect(biggest).toBeGreaterThanOrEqual(200_000);
  });

  it('reads 200 KB of the reported input correctly', () => {
    const rest = '<a x '.repeat(40_000);
    expect(sanitizeHtml(`<div>\n${rest}`).html).toBe(`<div>\n${escapeText(rest)}</div>`);
  });

  it('is linear in other long inputs: many attributes, many stray end tags', () => {
    const attrs = Array.from({ length: 30_000 }, (_, i) => `a${i}`).join(' ');
    expect(sanitizeHtml(`<b ${attrs}>x</b>`).html).toBe('<b>x</b>');
    expect(sanitizeHtml('<b>'.repeat(30_000) + '</i>'.repeat(30_000) + 'x').html).toBe('<b>'.repeat(30_000) + 'x' + '</b>'.repeat(30_000));
  });
});
