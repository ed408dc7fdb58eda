import { describe, expect, it } from 'vitest';
import type { ListBlock } from '../../src/model/document.js';
import { budgets } from '../../src/plan/budgets.js';
import { contentSlides } from '../../src/plan/content.js';
import { outlinePoint, trimBullet } from '../../src/plan/points.js';
import { splitSentences } from '../../src/text/sentences.js';

// An outline line on a slide follows the rule of key points (bullet-cuts.test.ts): the line, a
// whole sentence of it, or a sentence cut after an independent clause at ; : — ；：——. Never a
// sentence cut at a comma, which a speaker rejects as a bullet cut mid-clause.
const EN = {
  // 28 words, one sentence: over the room kept for a line, within twice the budget and three lines.
  relaxed: 'The night ferry carries the island mail and the medicine for the clinic, which means that a cancelled crossing is felt in every house by the following evening.',
  // 36 words: too long to show whole; its only clean cut is at ";", a comma cut would fit the budget.
  strong: 'Every boat is logged before dark; a missed boat is traced the next morning, which means the clerk walks the whole harbour with the book, whatever the weather, until every line of it is right again.',
  // 45 words of commas and no strong boundary: shown whole, the notes keep the rest.
  commas: 'The ferry brings the island its mail, its medicine and its only newspaper, which means that a cancelled crossing is felt in every house by the following evening, and the shop runs short of bread within two days of a storm. It has happened twice.',
  // 27 words with a clean cut at ";": whole while it wraps to three lines at its size, cut when it would wrap to more.
  measured: 'Every boat is logged before dark; a missed boat is traced at the quay the next morning by the clerk and the harbour master together, whatever the weather.',
};
const ZH = {
  relaxed: '港口的灯塔每晚亮到天明，守塔人每隔两小时就要上去检查一次油量和灯芯，这座灯塔四十年来从来没有熄灭过一次。',
  strong: '港务长只定了一条规矩——进港的船天黑前都要登记，漏登的船第二天一早就要派人去码头逐条查问，直到全部对上为止，这个规矩从建港那年起从来没有变过，过年也一样。',
  // A semicolon inside brackets ends no sentence: the first sentence keeps its aside whole.
  bracket: '灯塔最后熄灭了（准确地说，是守塔人亲手关掉的；他那天晚上没有回来，也没有留下任何字条），从那以后港口改用电灯，再也没有人住在塔上。',
};

const en = (text: string, lines?: (t: string) => number) => outlinePoint(text, 'en', budgets.point.en, budgets.point.en * 1.5, lines);
const zh = (text: string) => outlinePoint(text, 'zh', budgets.point.zh, budgets.point.zh * 1.5);

/** The shown line is the whole line, a whole sentence of it, or a prefix of its first sentence ending at ; : — ；：——, marked "…". */
function cleanLine(shown: string, full: string, lang: 'en' | 'zh'): boolean {
  if (shown === full.trim()) return true;
  if (!shown.endsWith('…')) return splitSentences(full, lang).some((s) => s.text === shown);
  const body = shown.slice(0, -1);
  return full.startsWith(body) && /^\s*(?:[;；:：—–]|--?\s)/u.test(full.slice(body.length));
}

describe('outline lines: never a sentence cut at a comma', () => {
  it('keeps a long first sentence whole when it fits twice the budget and three lines', () => {
    expect(en(EN.relaxed)).toBe(EN.relaxed);
    expect(zh(ZH.relaxed)).toBe(ZH.relaxed);
  });

  it('cuts a sentence too long for that only at a strong boundary, marked "…"', () => {
    expect(en(EN.strong)).toBe('Every boat is logged before dark…');
    expect(zh(ZH.strong)).toBe('港务长只定了一条规矩…');
  });

  it('shows a sentence with no strong boundary whole rather than cut at a comma', () => {
    expect(en(EN.commas)).toBe(splitSentences(EN.commas, 'en')[0]!.text);
  });

  it('measures the three lines at the line\'s own size', () => {
    expect(en(EN.measured, () => 3)).toBe(EN.measured);
    expect(en(EN.measured, () => 4)).toBe('Every boat is logged before dark…');
  });

  it('keeps an aside in brackets whole: a semicolon inside it ends no sentence', () => {
    const shown = zh(ZH.bracket);
    expect(shown).toBe(ZH.bracket);
    expect((shown.match(/（/gu) ?? []).length).toBe((shown.match(/）/gu) ?? []).length);
  });

  it('on content slides, shows every line whole, as a sentence or cut at a strong boundary, and keeps it whole in the notes', () => {
    for (const [lang, lines] of [['en', Object.values(EN)], ['zh', Object.values(ZH)]] as const) {
      const block: ListBlock = { kind: 'list', ordered: false, items: ['Harbour', ...lines], levels: [0, ...lines.map(() => 1)], shorten: true, line: 1 };
      const slides = contentSlides([block], 'Harbour', lang);
      const shown = slides.flatMap((s) => s.body!.split('\n').filter((l) => /^\s+- /u.test(l)).map((l) => l.replace(/^\s+- /u, '')));
      expect(shown).toHaveLength(lines.length);
      shown.forEach((line, k) => {
        expect(cleanLine(line, lines[k]!, lang), line).toBe(true);
        expect(line).not.toMatch(/[,，]…$/u);
      });
      const notes = slides.map((s) => s.notes ?? '').join('\n');
      for (const line of lines) expect(notes).toContain(trimBullet(line, lang).slice(0, 20));
    }
  });
});
