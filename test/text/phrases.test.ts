import { describe, expect, it } from 'vitest';
import { phraseBreaks, phraseChunks } from '../../src/text/phrases.js';
import { wrapLines } from '../../src/text/layout.js';

describe('phraseChunks', () => {
  it('splits Chinese between words and gives the text back unchanged', () => {
    const text = '把图书馆开进旧粮站：对话乡村图书馆馆长';
    const chunks = phraseChunks(text);
    expect(chunks.join('')).toBe(text);
    expect(chunks).toContain('对话');
    expect(chunks.some((c) => c.endsWith('对'))).toBe(false);
  });

  it('never starts a chunk with closing punctuation or ends one with an opening mark', () => {
    for (const c of phraseChunks('「技术没有秘密」，但重新组织需要时间。我们（至少现在）还在学。').slice(1)) {
      expect(c).not.toMatch(/^[，。」）、]/u);
    }
    for (const c of phraseChunks('他说「慢慢来」（真的）。')) expect(c).not.toMatch(/[「（]$/u);
  });

  it('leaves text without Han characters alone', () => {
    expect(phraseChunks('A plain English title')).toEqual(['A plain English title']);
    expect(phraseBreaks('A plain English title').size).toBe(0);
  });
});

describe('the layout model with phrases', () => {
  it('breaks a line only between words, so it may need as many lines or more, never fewer', () => {
    const text = '我们创新缺的肯定不是资本而是缺乏信心以及不知道怎么组织高密度的人才';
    for (const width of [300, 420, 555, 700]) {
      const chars = wrapLines(text, width, { size: 48, lineHeight: 1.5, lang: 'zh' });
      const words = wrapLines(text, width, { size: 48, lineHeight: 1.5, lang: 'zh', phrases: true });
      expect(words).toBeGreaterThanOrEqual(chars);
    }
  });
});
