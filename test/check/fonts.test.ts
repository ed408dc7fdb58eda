import { describe, expect, it } from 'vitest';
import { inRanges, merge, needsGlyph, parseCharset, type SystemFonts } from '../../src/check/coverage.js';
import { formatReport } from '../../src/check/format.js';
import { judge, type PlatformFont, type TextElement } from '../../src/check/tofu.js';

describe('font coverage', () => {
  it('parses fontconfig charsets and looks code points up', () => {
    const r = parseCharset('20-7e a0-ff 152-153 2bb 4e00-9fff');
    expect(r).toEqual([[0x20, 0x7e], [0xa0, 0xff], [0x152, 0x153], [0x2bb, 0x2bb], [0x4e00, 0x9fff]]);
    expect(inRanges(r, 0x41)).toBe(true);
    expect(inRanges(r, 0x80)).toBe(false);
    expect(inRanges(r, 0x2bb)).toBe(true);
    expect(inRanges(r, 0x4e2d)).toBe(true);
    expect(inRanges([], 0x41)).toBe(false);
    expect(merge([[5, 9], [1, 3], [4, 4], [20, 30], [25, 40]])).toEqual([[1, 9], [20, 40]]);
  });

  it('needs no glyph for spaces, controls, joiners and variation selectors', () => {
    for (const ch of [' ', '\u00a0', '\n', '\u200b', '\u200d', '\u00ad', '\ufe0f', '\u3000']) expect(needsGlyph(ch)).toBe(false);
    for (const ch of ['a', '中', '。', '\u{10C80}', '😀']) expect(needsGlyph(ch)).toBe(true);
  });
});

describe('judge: tofu and fallback decisions', () => {
  const el = (index: number, text: string, stack = ['noto sans sc', 'noto sans cjk sc', 'sans-serif']): TextElement => ({ index, text, stack, where: `p "${text}"` });
  const web: PlatformFont = { familyName: 'Noto Sans SC Thin', isCustomFont: true, glyphCount: 5 };
  const deck = parseCharset('20-7e 4e00-9fff');
  const system: SystemFonts = {
    all: parseCharset('20-7e 391-3c9 4e00-9fff 1f600-1f64f'),
    byFamily: new Map([
      ['noto sans cjk sc', parseCharset('20-7e 391-3c9 4e00-9fff')],
      ['dejavu sans', parseCharset('20-7e 1f600-1f64f')],
    ]),
  };

  it('finds nothing when the deck fonts or the theme stack cover the text', () => {
    expect(judge([el(0, 'Hello 中文'), el(1, 'αβγ')], [[web], [{ familyName: 'Noto Sans CJK SC', isCustomFont: false, glyphCount: 3 }]], deck, system)).toEqual([]);
  });

  it('calls a character tofu when no font has it, whatever font Chromium says it used', () => {
    // Chromium reports the run as drawn with the stack's system font even though it drew .notdef.
    const [f] = judge([el(3, 'x \u{10C80}\u{10C81}')], [[web, { familyName: 'Noto Sans CJK SC', isCustomFont: false, glyphCount: 2 }]], deck, system);
    expect(f).toMatchObject({ index: 3, tofu: ['\u{10C80}', '\u{10C81}'], tofuElements: 1, fallbackFonts: [] });
  });

  it('warns about a system font outside the stack that drew some characters', () => {
    const [f] = judge([el(2, 'ok 😀')], [[web, { familyName: 'DejaVu Sans', isCustomFont: false, glyphCount: 1 }]], deck, system);
    expect(f).toMatchObject({ index: 2, tofu: [], fallbackFonts: ['DejaVu Sans'], fallbackChars: ['😀'] });
  });

  it('ignores text that was not rendered (no platform fonts)', () => {
    expect(judge([el(0, '\u{10C80}')], [[]], deck, system)).toEqual([]);
  });

  it('without fontconfig, trusts a LastResort font in the DevTools report', () => {
    const [f] = judge([el(1, 'a \u{10C80}')], [[web, { familyName: 'LastResort', isCustomFont: false, glyphCount: 1 }]], deck, null);
    expect(f).toMatchObject({ index: 1, tofu: ['\u{10C80}'], fallbackFonts: [] });
    expect(judge([el(1, 'a \u{10C80}')], [[web]], deck, null)).toEqual([]);
  });
});

describe('formatReport', () => {
  it('prints one line per problem, errors first, then a summary', () => {
    const text = formatReport(
      {
        slides: [
          { index: 0, template: 'title', title: 'Talk', line: 1, problems: [] },
          {
            index: 11,
            template: 'points',
            title: 'Findings',
            line: 42,
            problems: [
              { kind: 'a11y', severity: 'warning', rule: 'heading-order', message: 'heading-order: Heading levels should only increase by one (h4 "x")' },
              { kind: 'overflow', severity: 'error', message: '84px below the bottom edge', dx: 0, dy: 84 },
            ],
          },
          { index: 12, template: 'content', title: 'No line', problems: [{ kind: 'image', severity: 'error', message: 'image a.png did not load' }] },
        ],
        errors: 2,
        warnings: 1,
      },
      'talk.md',
    );
    expect(text.split('\n')).toEqual([
      'slide 12 "Findings" (talk.md:42): overflow: 84px below the bottom edge',
      'slide 12 "Findings" (talk.md:42): warning: a11y: heading-order: Heading levels should only increase by one (h4 "x")',
      'slide 13 "No line" (talk.md): image: image a.png did not load',
      'talk.md: 3 slides checked, 2 errors, 1 warning',
    ]);
  });
});
