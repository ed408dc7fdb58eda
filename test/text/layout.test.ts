import { describe, expect, it } from 'vitest';
import { MAX_HANG, indentColumns, wrapLines, type TextStyle } from '../../src/text/layout.js';

describe('the layout model breaks Chinese body text between words', () => {
  const text = '第一批志愿者在三月初到达现场他们需要先清理去年留下的枯枝和落叶然后检查灌溉管道之间的接口是否漏水';
  const body: TextStyle = { size: 30, lineHeight: 1.65, lang: 'zh' };

  it('by default, as the themes set all slide text (keep-all with a <wbr> per word)', () => {
    for (const width of [240, 333, 500, 777, 1064]) {
      expect(wrapLines(text, width, body)).toBe(wrapLines(text, width, { ...body, phrases: true }));
      expect(wrapLines(text, width, body)).toBeGreaterThanOrEqual(wrapLines(text, width, { ...body, phrases: false }));
    }
  });

  it('but not in code, which breaks anywhere', () => {
    const code: TextStyle = { size: 22, lineHeight: 1.45, mono: true, pre: true };
    for (const width of [200, 300, 450]) expect(wrapLines(text, width, code)).toBe(wrapLines(text, width, { ...code, phrases: false }));
  });
});

describe('code lines wrap under their own indent', () => {
  const code: TextStyle = { size: 20, lineHeight: 1.45, mono: true, pre: true };
  const col = 20 * 0.602;
  const call = 'send_message(f"bed {bed} is dry: {moisture:.0%}, water it tonight and log the time and the amount, thanks")';

  it('counts columns of leading white space, a tab to the next stop of 4', () => {
    expect(indentColumns('    x')).toBe(4);
    expect(indentColumns('\tx')).toBe(4);
    expect(indentColumns('  \tx')).toBe(4);
    expect(indentColumns('\t  x')).toBe(6);
    expect(indentColumns('x   ')).toBe(0);
  });

  it('gives an indented line less room on every line it takes, the hang capped at MAX_HANG columns', () => {
    const width = 60 * col;
    const flat = wrapLines(call, width, code);
    expect(flat).toBe(2);
    // 12 columns in: the first line holds 48 columns, each continuation 48 (hanging under the indent).
    const indented = wrapLines(' '.repeat(12) + call, width, code);
    expect(indented).toBe(Math.ceil(call.length / 48) > 2 ? 3 : 2);
    expect(indented).toBeGreaterThanOrEqual(flat);
    // Deeply indented: continuations hang at most MAX_HANG columns in.
    const deep = wrapLines(' '.repeat(40) + call, width, code);
    const room = 60 - MAX_HANG;
    expect(deep).toBeLessThanOrEqual(1 + Math.ceil((call.length - 20) / (room - 12)));
  });
});
