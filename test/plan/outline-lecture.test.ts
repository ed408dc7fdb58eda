import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { listMarker } from '../../src/ingest/outline-lines.js';
import type { ListBlock, Section } from '../../src/model/document.js';
import type { SlidePlan } from '../../src/model/plan.js';
import { plan } from '../../src/plan/index.js';
import { root } from '../helpers/cli.js';

/** Issue #16: a ~2,000-word lecture outlined by indentation, about half of it formulas (our own writing). */
const file = join(root, 'test', 'fixtures', 'lectures', 'outline-recurrences.txt');
const source = readFileSync(file, 'utf8');
const doc = ingest(source, file);
const p = plan(doc, defaults);
const content = p.slides.filter((s) => s.template === 'content');

const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const slideText = (s: SlidePlan) => norm([s.title, s.subtitle, ...(s.items ?? []), s.body, s.notes].filter(Boolean).join('\n'));
const walk = (list: readonly Section[]): Section[] => list.flatMap((s) => [s, ...walk(s.subsections)]);
/** A slide's body without its preformatted blocks. */
const words = (body: string) => body.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gmu, '').trim();
/** The preformatted blocks of a slide's body: their fence info and lines. */
const fences = (body: string) => [...body.matchAll(/^(`{3,})([^\n]*)\n([\s\S]*?)\n\1$/gmu)].map((m) => ({ info: m[2]!, lines: m[3]!.split('\n') }));

describe('a formula-heavy lecture outlined by indentation', () => {
  it('is about 2,000 words and reads as an outline, its headings the topics', () => {
    expect(source.split(/\s+/u).filter(Boolean).length).toBeGreaterThan(1800);
    expect(doc.diagnostics.map((d) => d.message).join('\n')).toMatch(/read as notes outlined by indentation/);
    expect(doc.meta.title).toBe('Lecture 7');
    expect(doc.sections.map((s) => s.title)).toContain('The master theorem');
  });

  it('plans 15–40 slides with at most 2 agenda slides', () => {
    expect(p.slides.length).toBeGreaterThanOrEqual(15);
    expect(p.slides.length).toBeLessThanOrEqual(40);
    expect(p.slides.filter((s) => s.template === 'agenda').length).toBeLessThanOrEqual(2);
  });

  it('loses no line: each is on a slide or in its notes', () => {
    const texts = p.slides.map(slideText);
    const lost = source.split('\n').filter((line) => {
      const w = norm(listMarker(line.trim())?.rest ?? line);
      return w && !texts.some((t) => t.includes(w));
    });
    expect(lost).toEqual([]);
  });

  it('makes a heading over a single line that line\'s label, not a topic with a slide of its own', () => {
    expect(walk(doc.sections).map((s) => s.title)).not.toContain('Remark');
    const items = walk(doc.sections).flatMap((s) => s.blocks.filter((b): b is ListBlock => b.kind === 'list').flatMap((b) => b.items));
    expect(items.some((t) => t.startsWith('Remark: Floors and ceilings'))).toBe(true);
  });

  it('fills slides: groups of one list meet on a slide as one list, formulas set compact under their lead-in', () => {
    // Several top-level groups on one slide, written as one list (not two lists a block apart).
    expect(content.some((s) => /^- .*\n(?:  .*\n)*- /mu.test(s.body ?? ''))).toBe(true);
    const blocks = content.flatMap((s) => fences(s.body ?? ''));
    expect(blocks.length).toBeGreaterThan(20);
    for (const b of blocks) expect(b.info).toMatch(/^text compact\b/u);
  });

  it('has no slide that is a lone formula fragment, and no lead-in left at the foot of a slide', () => {
    for (const s of content) {
      const body = s.body ?? '';
      if (!words(body)) {
        // A slide of preformatted text alone holds a whole block of some length, never a scrap or a continued part.
        for (const f of fences(body)) {
          expect(f.lines.filter((l) => l.trim()).length, body).toBeGreaterThanOrEqual(3);
          expect(f.info, body).not.toMatch(/start=(?!1\b)\d+/u);
        }
      }
      // A line ending in a colon introduces what follows: it never ends a slide.
      expect(body.trimEnd(), s.title).not.toMatch(/:$/u);
    }
  });

  it('cuts a long line on a slide only after a whole clause, never inside brackets, the whole line in the notes', () => {
    const cut = content.flatMap((s) => (s.body ?? '').split('\n').filter((l) => /…$/u.test(l)).map((l) => ({ l, s })));
    for (const { l, s } of cut) {
      const shown = l.replace(/^\s*(?:[-*]|\d+\.)\s+/u, '').replace(/…$/u, '');
      expect((shown.match(/\(/gu) ?? []).length, shown).toBe((shown.match(/\)/gu) ?? []).length);
      expect(norm(s.notes ?? '')).toContain(norm(shown));
    }
  });

  it('joins a wrapped line even when it looks like a label ("… why Euclid\'s / algorithm is fast: …")', () => {
    const items = walk(doc.sections).flatMap((s) => s.blocks.filter((b): b is ListBlock => b.kind === 'list').flatMap((b) => b.items));
    expect(items.some((t) => t.includes("why Euclid's algorithm is fast"))).toBe(true);
    expect(items.some((t) => t.startsWith('algorithm is fast'))).toBe(false);
  });
});
