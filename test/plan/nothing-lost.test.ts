import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { plan } from '../../src/plan/index.js';
import { hasContent } from '../../src/plan/shape.js';
import { root } from '../helpers/cli.js';

/** Words only: lower case, Markdown syntax and punctuation gone, one space between words. */
const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/\*\*|__|`/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A source line's own words: without front matter, fences, table rules, list and quote marks or a speaker label. */
function lineWords(line: string): string {
  const body = line
    .replace(/^\s*(?:#{1,6}|>|[-*+]|\d+[.)])\s+/u, '')
    .replace(/^[A-Z][\w ]{0,30}:\s+/u, '');
  if (/^\s*(?:```|~~~|---|\|[\s|:-]*\|)\s*$/u.test(line)) return '';
  return norm(body);
}

function slideText(s: SlidePlan): string {
  return norm([s.title, s.subtitle, s.kicker, s.question?.text, s.quote?.text, ...(s.points ?? []), ...(s.items ?? []), s.body, ...(s.columns ?? []), s.notes].filter(Boolean).join('\n'));
}

/** For each source line with words of its own, the slides that show it or hold it in their notes. */
export function mapLines(source: string, p: DeckPlan): Map<number, number[]> {
  const lines = source.split('\n');
  const fm = lines[0] === '---' ? lines.indexOf('---', 1) + 1 : 0;
  const texts = p.slides.map(slideText);
  const map = new Map<number, number[]>();
  lines.forEach((line, i) => {
    if (i < fm) return;
    const words = lineWords(line);
    if (!words) return;
    map.set(i + 1, texts.flatMap((t, k) => (t.includes(words) ? [k] : [])));
  });
  return map;
}

describe('nothing lost, nothing empty', () => {
  const file = join(root, 'test/fixtures/plan/harbour-guide.md');

  it('puts every source line on a slide or in the notes of one', () => {
    const source = readFileSync(file, 'utf8');
    const p = plan(ingest(source, file), defaults);
    const lost = [...mapLines(source, p)].filter(([, at]) => at.length === 0).map(([n]) => `${n}: ${source.split('\n')[n - 1]}`);
    expect(lost).toEqual([]);
  });

  it('shows something on every slide', () => {
    const p = plan(ingest(readFileSync(file, 'utf8'), file), defaults);
    for (const s of p.slides) expect(hasContent(s), JSON.stringify(s)).toBe(true);
  });

  it('keeps a lead-in with what it introduces', () => {
    const p = plan(ingest(readFileSync(file, 'utf8'), file), defaults);
    const code = p.slides.find((s) => s.body?.includes('06:12'))!;
    expect(code.body).toContain('should look like this:');
    const table = p.slides.find((s) => s.body?.includes('| Column'))!;
    expect(table.body).toContain('Three columns matter most:');
  });

  it('keeps the words after a pull quote on a slide of their section', () => {
    const p = plan(ingest(readFileSync(file, 'utf8'), file), defaults);
    const after = p.slides.filter((s) => s.section === 'The pilots' && s.template !== 'section').map(slideText).join(' ');
    expect(after).toContain(norm('A new pilot spends two winters'));
  });
});
