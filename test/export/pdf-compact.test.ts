import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundGlyphMoves } from '../../src/export/pdf-compact.js';

/** The rule as first written, one pattern over the stream: the oracle for the scanner. */
function byPattern(content: string): string {
  const step = 1000;
  const thousandths = (n: number) => {
    if (n === 0) return '0';
    const abs = Math.abs(n);
    const frac = abs % step;
    return (n < 0 ? '-' : '') + (Math.floor(abs / step) ? String(Math.floor(abs / step)) : '') + (frac ? '.' + String(frac).padStart(3, '0').replace(/0+$/, '') : '');
  };
  return content
    .split('\nBT\n')
    .map((text) => {
      let [x, y, rx, ry] = [0, 0, 0, 0];
      return text.replace(/(-?[\d.]+) (-?[\d.]+) Td/g, (_m, a: string, b: string) => {
        x += Number(a);
        y += Number(b);
        const [nx, ny] = [Math.round(x * step), Math.round(y * step)];
        const out = `${thousandths(nx - rx)} ${thousandths(ny - ry)} Td`;
        [rx, ry] = [nx, ny];
        return out;
      });
    })
    .join('\nBT\n');
}

const number = fc.oneof(
  fc.double({ min: -5000, max: 5000, noNaN: true }).map((n) => n.toFixed(6)),
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.constantFrom('0', '-0', '.5', '-.25', '.', '-', '12.', '1.2.3'),
);
const token = fc.oneof(
  fc.tuple(number, number).map(([a, b]) => `${a} ${b} Td`),
  number,
  fc.constantFrom('Td', ' Td', 'BT', 'ET', '<0012> Tj', '/F4 28 Tf', '1 0 0 -1 113.5 4808 Tm', 'q', 'Q', 'x Td', '3-2 5 Td'),
);
const stream = fc.array(fc.tuple(token, fc.constantFrom('\n', ' ', '\nBT\n', '')), { maxLength: 60 }).map((parts) => parts.map(([t, sep]) => t + sep).join(''));

describe('roundGlyphMoves', () => {
  it('rewrites exactly the moves the pattern /(-?[\\d.]+) (-?[\\d.]+) Td/ finds, as it does', () => {
    fc.assert(
      fc.property(stream, (content) => {
        expect(roundGlyphMoves(content)).toBe(byPattern(content));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every glyph within half a thousandth of where it was', () => {
    const moves = Array.from({ length: 50 }, (_, i) => `${(7.123456 + i * 0.000321).toFixed(6)} ${(-(i % 3) * 0.3333333).toFixed(6)} Td`).join('\n<0001> Tj\n');
    const sum = (s: string, k: 1 | 2) => [...s.matchAll(/(-?[\d.]+) (-?[\d.]+) Td/g)].reduce((n, m) => n + Number(m[k]), 0);
    const out = roundGlyphMoves(moves);
    expect(Math.abs(sum(out, 1) - sum(moves, 1))).toBeLessThan(0.0005);
    expect(Math.abs(sum(out, 2) - sum(moves, 2))).toBeLessThan(0.0005);
    expect(out.length).toBeLessThan(moves.length);
  });
});
