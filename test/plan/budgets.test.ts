import { describe, expect, it } from 'vitest';
import { budgets, cutToBudget, units, visualWidth } from '../../src/plan/budgets.js';
import { speakingSeconds, timeLine } from '../../src/plan/timing.js';
import { defaults } from '../../src/config/schema.js';

describe('text budgets', () => {
  it('counts Chinese characters and English words', () => {
    expect(units('我们选人的标准', 'zh')).toBe(7);
    expect(units('Measure twice, teach once.', 'en')).toBe(4);
    expect(visualWidth('ab中文')).toBe(3);
  });

  it('keeps text within budget as is', () => {
    expect(cutToBudget('A short question?', budgets.question.en, 'en')).toEqual({ kept: 'A short question?', rest: '' });
  });

  it('cuts at a sentence boundary and returns the rest for the notes', () => {
    const text = 'First sentence has five words. Second sentence also has six words. Third one here?';
    const { kept, rest } = cutToBudget(text, 12, 'en');
    expect(kept).toBe('First sentence has five words. Second sentence also has six words.');
    expect(rest).toBe('Third one here?');
  });

  it('keeps the last sentences of a long question, where the question usually is', () => {
    const q = '大模型是一个重投入游戏，不是所有公司都有资本。那么你们的护城河在哪里？';
    const { kept, rest } = cutToBudget(q, 16, 'zh', true);
    expect(kept).toBe('那么你们的护城河在哪里？');
    expect(rest).toBe('大模型是一个重投入游戏，不是所有公司都有资本。');
  });

  it('estimates speaking time at the configured speeds', () => {
    expect(speakingSeconds('字'.repeat(250), 'zh', defaults.speed)).toBeCloseTo(60);
    expect(speakingSeconds('word '.repeat(150), 'en', defaults.speed)).toBeCloseTo(60);
    expect(speakingSeconds('字'.repeat(250), 'zh', { ...defaults.speed, zhCharsPerMinute: 500 })).toBeCloseTo(30);
    expect(timeLine(95, 'en')).toBe('⏱ about 1:35');
    expect(timeLine(95, 'zh')).toBe('⏱ 约 1 分 35 秒');
  });
});
