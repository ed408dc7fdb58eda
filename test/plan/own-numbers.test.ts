import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { exportPptx } from '../../src/export/pptx/index.js';
import { ingest } from '../../src/ingest/index.js';
import { plan } from '../../src/plan/index.js';
import { startsWithOrdinal } from '../../src/text/words.js';
import { readPptx, runs } from '../export/pptx-read.js';

/** Headings that number themselves ("一、…", "2. …") are not numbered a second time. */
describe('headings that number themselves', () => {
  it('are told from headings that start with a number', () => {
    for (const t of ['一、为什么开船', '（二）冬天', '第三章 起源', '3. Method', '2.1 Setup', 'Part 4: Costs', 'IV. Results']) expect(startsWithOrdinal(t), t).toBe(true);
    for (const t of ['1 分钟讲解', '3 reasons to row', '2024 in review', 'Rust: ownership', 'Why count gulls']) expect(startsWithOrdinal(t), t).toBe(false);
  });

  const doc = (headings: string[]) =>
    plan(ingest(['# Ferries', '', ...headings.flatMap((h, i) => [`## ${h}`, '', `The ${i + 1}th part of the talk says what it must about the boats, the weather and the people who wait on the pier at dawn.`, '', `It goes on a little, because a section with one sentence is thin, and the timetable has more to say about winter.`, ''])].join('\n'), 'ferries.md'), defaults);

  it('their agenda carries no numbers of its own (own-numbers), in the deck and in slides.pptx, and their dividers no "Part n"', async () => {
    const own = doc(['1. Why five o\'clock', '2. Winter fog', '3. The night boat']);
    const agenda = own.slides.find((s) => s.template === 'agenda')!;
    expect(agenda.variant).toBe('own-numbers');
    expect(own.slides.filter((s) => s.template === 'section').every((s) => s.kicker === undefined)).toBe(true);
    const read = await readPptx((await exportPptx({ ...own, slides: [agenda] }, { sourceDir: '.' })).bytes);
    expect(runs(await read.xml(read.slides[0])).map((r) => r.text)).not.toContain('01');
    const plain = doc(['Why five o\'clock', 'Winter fog', 'The night boat']);
    expect(plain.slides.find((s) => s.template === 'agenda')!.variant).toBeUndefined();
    const read2 = await readPptx((await exportPptx({ ...plain, slides: plain.slides.filter((s) => s.template === 'agenda') }, { sourceDir: '.' })).bytes);
    expect(runs(await read2.xml(read2.slides[0])).map((r) => r.text)).toContain('01');
  });
});
