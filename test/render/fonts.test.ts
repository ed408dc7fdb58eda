import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { facesFor, fontsCss, isEmoji } from '../../src/render/fonts.js';

const points = (text: string) => new Set([...text].map((c) => c.codePointAt(0)!));
const files = (text: string, role: Parameters<typeof facesFor>[1]) => facesFor(points(text), role).map((f) => basename(f.file)).sort();

describe('emoji face', () => {
  it('takes pictographs the text font lacks, not text symbols, ASCII or CJK', () => {
    for (const ch of ['🚧', '👎', '🎉', '⏱', '✅', '❌', '🇨', '\u20e3']) expect(isEmoji(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of ['©', '™', '⚠', '☀', '→', '★', '1', '#', '*', '中', '。', '\ufe0f', '\u200d']) expect(isEmoji(ch.codePointAt(0)!), ch).toBe(false);
  });

  it('ships only the Noto Emoji subsets the emoji need, and none for text', () => {
    const faces = facesFor(points('路障 🚧 太棒了 🎉'), 'emoji');
    expect(faces.every((f) => f.family === 'Noto Emoji' && f.weight === 400)).toBe(true);
    for (const cp of [0x1f6a7, 0x1f389]) expect(faces.some((f) => f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi))).toBe(true);
    expect(faces.length).toBeLessThanOrEqual(2);
    expect(files('Hello 中文 © 2026 ™ ⚠ #1', 'emoji')).toEqual([]);
  });

  it('leaves emoji out of the text and code faces (their ranges claim some without the glyphs)', () => {
    expect(files('中文 🌂 🚧', 'text')).toEqual(files('中文 ', 'text'));
    expect(files('let x = 1; // 🚧', 'mono')).toEqual(files('let x = 1; // ', 'mono'));
  });

  it('writes the face into fonts.css under its family', () => {
    expect(fontsCss(facesFor(points('👎'), 'emoji'))).toMatch(/font-family:'Noto Emoji';.*src:url\(\.\/noto-emoji-\d+-400-normal\.woff2\)/);
  });
});
