import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { budgets } from '../../src/plan/budgets.js';
import { plan } from '../../src/plan/index.js';
import { RELAXED_POINT, keyPoints, trimBullet } from '../../src/plan/points.js';
import { textUnits } from '../../src/plan/quotes.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight } from '../../src/text/layout.js';
import { splitSentences } from '../../src/text/sentences.js';

/** A bullet is a whole sentence, or a prefix of one that ends at a strong boundary (; : — ；：——), marked "…". */
function cleanCut(bullet: string, sources: string[]): boolean {
  const body = bullet.replace(/…$/u, '');
  return sources.some((src) => {
    const at = src.indexOf(body);
    if (at < 0) return false;
    const after = src.slice(at + body.length);
    return bullet.endsWith('…') ? /^\s*(?:[;；:：—–]|--?\s)/u.test(after) : /^["'”’」』)）]*[\s.。．!！?？"'”’」』)）]*(?:$|\s|\p{Script=Han})/u.test(after);
  });
}

const sentencesOf = (sources: string[], lang: 'en' | 'zh') => sources.flatMap((s) => splitSentences(s, lang).map((x) => trimBullet(x.text, lang)));

// Long sentences of the kinds a comma cut used to break: a series, an appositive, a clause
// before "but"/"which" (，但/，所以), and a long one whose only clean cut is at ";"/"——".
const EN = {
  series: 'The night ferry carries mail, medicine, and the only newspaper of the island, and it has never once missed a crossing in forty years.',
  appositive: 'Our harbour master, a retired diver who trained half the pilots on this coast, still checks every mooring line by hand before dawn.',
  turn: 'The new radar sees further than any lookout, but it cannot tell a fishing float from a swimmer in rough water.',
  tooLong:
    'When the storms come in from the west in late autumn, the ferry waits in the lee of the northern cape, the crew checks the cargo twice, and the captain decides alone whether the evening crossing goes ahead or waits for the first light of the morning.',
  strong:
    'Every crossing is logged by hand; the logbooks go back to the very first ferry, and anyone in the village may read them at the harbour office on any weekday morning before the boats leave for the mainland.',
  short: 'The pilots meet every Monday to compare notes.',
};
const ZH = {
  appositive: '港务长是一位退休的潜水员，他带出了这片海岸一半的领航员，至今仍在天亮前亲手检查每一根缆绳。',
  turn: '新雷达看得比任何瞭望员都远，但它在风浪里分不清渔网浮标和落水的人，所以瞭望员一直留在岗位上，每天轮班三次，从来没有人抱怨过这份辛苦的工作，哪怕是在最冷的冬天夜里也一样。',
  strong: '每一次航行都有手写记录——这些日志可以追溯到第一艘渡轮，村里任何人都可以在工作日早上去港务办公室查阅，只要在船只出发之前去就行，不需要任何预约或者证明。',
  short: '领航员每周一开会交流经验。',
};

describe('key points: no bullet cut at a comma', () => {
  const en = Object.values(EN);
  const zh = Object.values(ZH);
  const enOut = keyPoints([en.join(' ')], 'en', { maxItems: 5, maxUnits: budgets.point.en });
  const zhOut = keyPoints([zh.join('')], 'zh', { maxItems: 5, maxUnits: budgets.point.zh });

  it('every bullet is a whole sentence or ends at a strong boundary (English and Chinese)', () => {
    expect(enOut.length).toBeGreaterThanOrEqual(2);
    expect(zhOut.length).toBeGreaterThanOrEqual(2);
    for (const b of enOut) expect(cleanCut(b, en), b).toBe(true);
    for (const b of zhOut) expect(cleanCut(b, zh), b).toBe(true);
    expect([...enOut, ...zhOut].join('\n')).not.toMatch(/[,，]…$|(?:thread|medicine|diver|lookout)…$/mu);
  });

  it('keeps a long sentence whole when it fits the relaxed bullet length', () => {
    for (const s of [EN.series, EN.appositive]) {
      expect(textUnits(s)).toBeGreaterThan(budgets.point.en);
      expect(enOut).toContain(trimBullet(s, 'en'));
    }
    expect(textUnits(ZH.appositive)).toBeGreaterThan(budgets.point.zh);
    expect(zhOut).toContain(trimBullet(ZH.appositive, 'zh'));
    for (const b of enOut) expect(textUnits(b)).toBeLessThanOrEqual(RELAXED_POINT.units * budgets.point.en);
    for (const b of zhOut) expect(textUnits(b)).toBeLessThanOrEqual(RELAXED_POINT.units * budgets.point.zh);
  });

  it('cuts at ";" or "——" after a complete clause, marked "…"', () => {
    expect(keyPoints([EN.strong, EN.short], 'en', { maxItems: 5, maxUnits: budgets.point.en })).toContain('Every crossing is logged by hand…');
    expect(keyPoints([ZH.strong, ZH.short], 'zh', { maxItems: 5, maxUnits: budgets.point.zh })).toContain('每一次航行都有手写记录…');
  });

  it('leaves a too-long sentence with no clean cut out, rather than show a fragment of it', () => {
    expect(enOut.some((b) => b.startsWith('When the storms'))).toBe(false);
    expect(zhOut.some((b) => b.includes('瞭望员'))).toBe(false);
    // Alone, such a sentence gives no bullet at all.
    expect(keyPoints([EN.tooLong], 'en', { maxItems: 5, maxUnits: budgets.point.en })).toEqual([]);
    expect(keyPoints([ZH.turn], 'zh', { maxItems: 5, maxUnits: budgets.point.zh })).toEqual([]);
  });

  it('takes long bullets only while they all fit one slide under its heading', () => {
    const longOnes = [EN.series, EN.appositive, EN.turn, 'Each pilot keeps a notebook of the sandbanks, and the notebooks are handed down when a pilot retires from the harbour.', 'The harbour office opens at six, and the first question of the day is always about the weather over the northern cape.'];
    const title = 'The harbour and its people';
    const out = keyPoints(longOnes, 'en', { maxItems: 5, maxUnits: budgets.point.en }, { title });
    const style = { size: geometry.points.size, lineHeight: lineHeight('en', 'body'), lang: 'en' as const };
    const used = out.reduce((h, b) => h + textHeight(b, geometry.points.width, style), 0) + geometry.points.gap * (out.length - 1);
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(used).toBeLessThanOrEqual(geometry.frame.height * SAFETY - headingHeight(`${title} (cont.)`, 'en'));
    for (const b of out) expect(sentencesOf(longOnes, 'en')).toContain(b);
  });
});

describe('a planned article: bullets whole, notes whole', () => {
  for (const [lang, paragraphs] of [
    ['en', [EN.series + ' ' + EN.short, EN.appositive + ' ' + EN.turn, EN.tooLong + ' ' + EN.strong]],
    ['zh', [ZH.appositive + ZH.short, ZH.turn, ZH.strong]],
  ] as const) {
    it(`${lang}: no comma-cut bullet, no empty points slide, every paragraph whole in the notes`, () => {
      const md = `---\ntitle: ${lang === 'zh' ? '港口' : 'The harbour'}\nlang: ${lang}\n---\n\n## ${lang === 'zh' ? '渡轮' : 'The ferry'}\n\n${paragraphs.join('\n\n')}\n`;
      const deck = plan(ingest(md, `harbour-${lang}.md`), { ...defaults, autofit: true });
      const points = deck.slides.filter((s) => s.template === 'points');
      expect(points.length).toBeGreaterThan(0);
      for (const s of points) {
        expect(s.points!.length, s.title).toBeGreaterThan(0);
        for (const b of s.points!) expect(cleanCut(b, [...paragraphs]), b).toBe(true);
      }
      const notes = deck.slides.map((s) => [s.notes, s.moreNotes].filter(Boolean).join('\n\n')).join('\n\n').replace(/\s+/gu, ' ');
      for (const p of paragraphs) expect(notes).toContain(p.replace(/\s+/gu, ' '));
    });
  }
});
