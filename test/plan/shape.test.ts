import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { plan } from '../../src/plan/index.js';
import { MAX_AGENDA_SLIDES, groupSections } from '../../src/plan/shape.js';

const planOf = (md: string) => plan(ingest(md, 'talk.md'), defaults);

/** A Markdown talk with `n` sections, each of two paragraphs and a list (two slides or more each). */
function talk(n: number, title = 'Harbour Notes'): string {
  const sections = Array.from({ length: n }, (_, i) => [
    `## Berth ${i + 1} and its moorings`,
    '',
    `Berth ${i + 1} takes boats up to twelve metres long. The harbour master assigns it every morning, and the crews tie up before noon.`,
    '',
    '- Check the lines',
    '- Check the fenders',
    '',
    '```',
    `berth ${i + 1}`,
    '```',
  ].join('\n'));
  return `---\ntitle: ${title}\n---\n\n${sections.join('\n\n')}\n`;
}

describe('deck shape', () => {
  it('lists up to two agenda slides of sections, then groups sections into parts', () => {
    for (const n of [3, 9, 14, 30]) {
      const p = planOf(talk(n));
      const agendas = p.slides.filter((s) => s.template === 'agenda');
      expect(agendas.length, `${n} sections`).toBeLessThanOrEqual(MAX_AGENDA_SLIDES);
      expect(agendas.length).toBeGreaterThan(0);
      // Every section is named on the agenda or in its notes.
      const agendaText = agendas.map((a) => [...(a.items ?? []), a.notes].join('\n')).join('\n');
      for (let i = 1; i <= n; i++) expect(agendaText).toContain(`Berth ${i} and`);
    }
    const grouped = groupSections(Array.from({ length: 30 }, (_, i) => `Berth ${i + 1}`), 'en', true);
    expect(grouped.items.length).toBeLessThanOrEqual(7);
    expect(grouped.items[0]).toBe('Berth 1 – Berth 5');
    expect(grouped.members.flat()).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('marks each part on the divider of its first section', () => {
    const p = planOf(talk(30));
    const kicked = p.slides.filter((s) => s.template === 'section' && s.kicker);
    expect(kicked.map((s) => s.kicker)).toEqual(['Part 1', 'Part 2', 'Part 3', 'Part 4', 'Part 5', 'Part 6']);
  });

  it('gives no divider to a section that fits one slide, nor a "Part 1" to an untitled one', () => {
    const p = planOf('---\ntitle: Tides\n---\n\nThe tide turns twice a day, and the pilots plan every crossing around it.\n\n## Spring tides\n\nSpring tides come with the new and the full moon. They run higher and lower than any other tide.\n');
    expect(p.slides.filter((s) => s.template === 'section')).toEqual([]);
    expect(p.slides.map((s) => s.title)).not.toContain('Part 1');
    expect(p.slides.find((s) => s.template === 'points' && s.title === 'Spring tides')).toBeDefined();
  });

  it('keeps every divider when the author chose the section mapping', () => {
    const doc = ingest('---\ntitle: Tides\n---\n\n## Spring tides\n\nSpring tides come with the new and the full moon. They run higher and lower than any other tide.\n', 'talk.md');
    const p = plan(doc, { ...defaults, sectionSlides: ['section', 'points'] });
    expect(p.slides.map((s) => s.template)).toEqual(['title', 'section', 'points', 'closing']);
  });

  it('makes a question heading and its interview answer one question slide, not a divider and a question', () => {
    const md = [
      '---', 'title: Rowing', '---', '',
      '## Why do you row at dawn?', '',
      'Host: Why do you row at dawn?', '',
      'Mira Holt: Because the water is flat and the harbour is quiet. I never row in the afternoon, when the wind comes up.', '',
      'Host: And in winter?', '',
      'Mira Holt: In winter I row at noon, not at dawn. The light matters more than the hour.', '',
    ].join('\n');
    const p = planOf(md);
    expect(p.slides.filter((s) => s.template === 'section')).toEqual([]);
    expect(p.slides.find((s) => s.template === 'question')?.question?.text).toBe('Why do you row at dawn?');
    expect(p.outline.map((o) => o.title)).toEqual(['Why do you row at dawn?']);
  });

  it('recaps the sections on one closing screen', () => {
    const p = planOf(talk(30));
    const closing = p.slides.at(-1)!;
    expect(closing.template).toBe('closing');
    expect(closing.items!.length).toBeGreaterThan(0);
    expect(closing.items!.length).toBeLessThanOrEqual(7);
  });
});
