import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { plan } from '../../src/plan/index.js';
import type { SourceDocument } from '../../src/model/document.js';

const talk = `---
title: Rivers and Roads
author: Mina Koh
date: 2026-02-01
---
# Rivers and Roads

Why towns grew where they did.

## Water First

Early settlements needed water for drinking, farming and transport. A river gave all three at once, which is why so many old towns sit on a bend of one. Later, the same rivers became borders and trade routes.

> A town is a river that decided to stay.

— Mina Koh

## Roads Follow

- Tracks followed the easiest ground
- Markets formed where tracks met
- Bridges fixed the crossing points
- Tolls paid for the bridges
- Inns grew beside the tolls
- Villages grew around the inns
- Some villages became towns
- Towns paved the old tracks
- Paved roads drew more trade
- Trade drew more people

## Today

Modern roads ignore rivers, but the old centres still sit where the water was. Planners now try to bring people back to the riverbanks, with parks and paths rather than docks.
`;

const doc = ingestMarkdown(talk, 'rivers.md');
const options = { ...defaults };

describe('plan', () => {
  const p = plan(doc, options);

  it('opens with a title slide and an agenda, and ends with a closing slide', () => {
    expect(p.slides[0]).toMatchObject({ template: 'title', title: 'Rivers and Roads', section: null, kicker: 'Mina Koh · 1 February 2026' });
    expect(p.slides[1]).toMatchObject({ template: 'agenda', items: ['Water First', 'Roads Follow', 'Today'] });
    expect(p.slides.at(-1)!.template).toBe('closing');
  });

  it('gives a divider only to a section with more than one slide; the outline has every section, in order', () => {
    const dividers = p.slides.filter((s) => s.template === 'section');
    expect(dividers.map((s) => s.title)).toEqual(['Water First', 'Roads Follow']);
    expect(p.outline.map((o) => o.title)).toEqual(['Water First', 'Roads Follow', 'Today']);
    for (const o of p.outline) expect(p.slides[o.slide].title).toBe(o.title);
    // "Today" fits one slide: its title is that slide's heading, and the divider's notes moved there.
    const today = p.slides[p.outline[2]!.slide]!;
    expect(today).toMatchObject({ template: 'points', title: 'Today' });
    expect(today.notes).toContain('Now we turn to “Today”.');
  });

  it('turns an attributed blockquote into a pull quote', () => {
    const q = p.slides.find((s) => s.template === 'quote')!;
    expect(q.quote).toEqual({ text: 'A town is a river that decided to stay.', by: 'Mina Koh', line: 14 });
    expect(q.section).toBe('Water First');
  });

  it('splits a long list across continuation slides', () => {
    const content = p.slides.filter((s) => s.template === 'content' && s.section === 'Roads Follow');
    expect(content.length).toBeGreaterThan(1);
    expect(content[1].continued).toBe(true);
    expect(content[1].title).toBe('Roads Follow (cont.)');
    const items = content.flatMap((s) => s.body!.split('\n'));
    expect(items).toHaveLength(10);
  });

  it('gives every slide notes that end with a time estimate, and the total on the title slide', () => {
    for (const s of p.slides) {
      expect(s.notes.length).toBeGreaterThan(0);
      expect(s.notes).toMatch(/⏱ about \d+:\d\d$/);
      expect(s.seconds).toBeGreaterThan(0);
    }
    expect(p.slides[0].notes).toContain('Why towns grew where they did.');
    expect(p.slides[0].notes).toMatch(/Whole talk: about [\d.]+ minutes/);
    const total = p.slides.reduce((n, s) => n + s.seconds, 0);
    expect(p.durationMinutes).toBeCloseTo(total / 60, 1);
  });

  it('follows the section mapping from front matter', () => {
    const only: SourceDocument = { ...doc, meta: { ...doc.meta, sectionSlides: ['section'] } };
    const q = plan(only, options);
    expect(new Set(q.slides.map((s) => s.template))).toEqual(new Set(['title', 'agenda', 'section', 'closing']));
  });

  it('fits a time slot by dropping slides but keeping every section', () => {
    const long = plan(doc, options);
    // The floor: title, agenda, three dividers and closing at their minimum times (~1.2 min).
    const target = 2;
    expect(long.durationMinutes).toBeGreaterThan(target);
    const short = plan(doc, { ...options, duration: target });
    expect(short.durationMinutes).toBeLessThanOrEqual(target);
    expect(short.slides.length).toBeLessThan(long.slides.length);
    expect(short.outline.map((o) => o.title)).toEqual(['Water First', 'Roads Follow', 'Today']);
  });

  it('warns when a time slot cannot be met without dropping sections', () => {
    const tiny = plan(doc, { ...options, duration: 0.5 });
    expect(tiny.diagnostics.some((d) => /cannot fit the talk into 0.5 minutes/.test(d.message))).toBe(true);
    expect(tiny.outline.map((o) => o.title)).toEqual(['Water First', 'Roads Follow', 'Today']);
  });
});
