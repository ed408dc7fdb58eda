import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { parseFenceInfo } from '../../src/render/highlight.js';
import { plan } from '../../src/plan/index.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';

// Authored decks whose code does not fit even at the smallest type scale (issue #16): the slide
// goes on over "(cont.)" slides, its code split as a prose document's is (plan/code.ts).

const dir = join(import.meta.dirname, '..', 'fixtures', 'decks', 'long-code');
const planFile = (name: string): DeckPlan => plan(ingest(readFileSync(join(dir, name), 'utf8'), name), defaults);
const planText = (text: string, name: string): DeckPlan => plan(ingest(text, name), defaults);

const CLOSER = /^\s*[\]})]+[;,)]*\s*$/;
/** The fenced listing on a slide: its info string and lines. */
function listing(s: SlidePlan): { info: string; lines: string[] } {
  const m = /^(`{3,})(.*)\n([\s\S]*?)\n\1\s*$/m.exec(s.body ?? '');
  if (!m) throw new Error(`no code on "${s.title}"`);
  return { info: m[2], lines: m[3].split('\n') };
}
/** The slides of one authored slide: its own and its continuations. */
const partsOf = (p: DeckPlan, title: string) => p.slides.filter((s) => s.title === title || s.title?.startsWith(`${title} (cont.)`));
/** The lines of a fixture's listing, as the author wrote them. */
function sourceListing(name: string, info: string): string[] {
  const text = readFileSync(join(dir, name), 'utf8');
  const at = text.indexOf('```' + info);
  return text.slice(text.indexOf('\n', at) + 1, text.indexOf('\n```', at)).split('\n');
}

describe('authored decks: code too long for a slide goes on over "(cont.)" slides', () => {
  it('Marp: a 47-line listing is split where a reader pauses, numbered as written, no scraps', () => {
    const p = planFile('marp-listing.md');
    const parts = partsOf(p, 'The logger');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((s) => s.title)).toEqual(['The logger', ...parts.slice(1).map(() => 'The logger (cont.)')]);
    expect(parts.map((s) => !!s.continued)).toEqual([false, ...parts.slice(1).map(() => true)]);
    const source = sourceListing('marp-listing.md', 'python');
    let next = 1;
    for (const [k, s] of parts.entries()) {
      const { info, lines } = listing(s);
      const start = parseFenceInfo(info).start;
      // Numbered from where the part starts in the whole listing; only blank lines are skipped between parts.
      expect(start).toBeGreaterThanOrEqual(next);
      expect(source.slice(next - 1, start - 1).every((l) => !l.trim()), `lines ${next}–${start - 1} dropped`).toBe(true);
      expect(lines).toEqual(source.slice(start - 1, start - 1 + lines.length));
      next = start + lines.length;
      if (k > 0) {
        expect(lines.filter((l) => l.trim() && !CLOSER.test(l)).length, `part ${k + 1}`).toBeGreaterThanOrEqual(3);
        // A cut after a blank line or before a line at the margin.
        expect(!source[start - 2]!.trim() || /^\S/.test(lines[0]!), `cut before line ${start}`).toBe(true);
      }
      expect(s.notes).toContain(`Lines ${start}–${start + lines.length - 1} of ${source.length}.`);
    }
    expect(next - 1).toBe(source.length);
  });

  it('Marp: the lead-in stays above the first part, the author\'s notes stay on it, and every part fits', () => {
    const p = planFile('marp-listing.md');
    const [first, ...rest] = partsOf(p, 'The logger');
    expect(first!.body).toMatch(/^Everything the Pi runs, start to end:\n\n```python/);
    expect(first!.notes).toContain('the median is what keeps wind gusts out');
    for (const s of rest) {
      expect(s.body).toMatch(/^```python/);
      expect(s.notes).not.toContain('wind gusts');
    }
    expect(p.diagnostics.filter((d) => /may not fit/.test(d.message))).toEqual([]);
    // The other slides are as the author wrote them: one each, in order.
    expect(p.slides.map((s) => s.title)).toEqual(['Weighing a Beehive', 'Why weigh a hive', ...partsOf(p, 'The logger').map((s) => s.title), 'What the summer looked like']);
  });

  it('reveal-md: line-step highlights follow their lines; a part keeps only the steps on it', () => {
    const p = planFile('reveal-md-listing.md');
    const parts = partsOf(p, 'The whole clock');
    expect(parts.length).toBeGreaterThan(1);
    const lit: number[] = [];
    for (const s of parts) {
      const { info, lines } = listing(s);
      const f = parseFenceInfo(info);
      const end = f.start + lines.length - 1;
      expect(f.lineNumbers).toBe(true);
      for (const step of f.steps) {
        expect(step.size).toBeGreaterThan(0);
        for (const n of step) expect(n >= f.start && n <= end, `line ${n} lit on a part of ${f.start}–${end}`).toBe(true);
        lit.push(...step);
      }
    }
    // Every line the author lit is lit on the part that shows it (the listing has 42 lines).
    const authored = [...[1, 2, 3, 4], ...[18, 19, 20, 21, 22, 23, 24, 25, 26], ...[38, 39, 40, 41, 42]];
    const shown = new Set(parts.flatMap((s) => { const { info, lines } = listing(s); const a = parseFenceInfo(info).start; return lines.map((_, i) => a + i); }));
    expect([...new Set(lit)].sort((a, b) => a - b)).toEqual(authored.filter((n) => shown.has(n)));
    expect(parts[0]!.notes).toContain('Step through the three highlighted parts');
  });

  it('reveal-md: the continuation follows in the same stack as its slide, the vertical slide after it stays vertical', () => {
    const p = planFile('reveal-md-listing.md');
    const parts = partsOf(p, 'The whole clock');
    expect(parts.every((s) => !s.vertical)).toBe(true);
    expect(p.slides.find((s) => s.title === 'Setting it')?.vertical).toBe(true);
  });

  it('a slide whose code fits at some scale is one slide, shrunk, as before', () => {
    const lines = Array.from({ length: 14 }, (_, i) => `x${i} = ${i}`);
    const p = planText(['---', 'marp: true', '---', '', '## Short', '', '```python', ...lines, '```', ''].join('\n'), 'short.md');
    expect(p.slides).toHaveLength(1);
    expect(p.slides[0]!.continued).toBeUndefined();
  });

  it('two columns of code too tall side by side are stacked, then split; nothing is lost', () => {
    const col = (name: string) => Array.from({ length: 30 }, (_, i) => (i % 6 === 5 ? '' : `${name}_${i} = compute_${name}(${i})`));
    const md = ['---', 'theme: default', '---', '', '# Cover', '', '---', 'layout: two-cols', '---', '', '# Before and after', '', '```python', ...col('old'), '```', '', '::right::', '', '```python', ...col('new'), '```', ''].join('\n');
    const p = planText(md, 'columns.md');
    const parts = partsOf(p, 'Before and after');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((s) => s.template === 'content' && !s.columns)).toBe(true);
    const shown = parts.flatMap((s) => (s.body ?? '').split('\n').filter((l) => /_\d+ = /.test(l)));
    expect(shown).toEqual([...col('old'), ...col('new')].filter((l) => l.trim()));
  });

  it('a Chinese deck goes on under "（续）", its notes in Chinese', () => {
    const body = Array.from({ length: 60 }, (_, i) => (i % 5 === 4 ? '' : `    total += step(${i});`));
    const md = ['---', 'marp: true', 'lang: zh', '---', '', '## 累加', '', '下面是完整的循环：', '', '```go', 'func sum() {', ...body, '}', '```', '', '<!-- 逐行讲解这个循环。 -->', ''].join('\n');
    const p = planText(md, 'zh.md');
    const parts = partsOf(p, '累加').concat(p.slides.filter((s) => s.title === '累加（续）'));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(1).every((s) => s.title === '累加（续）')).toBe(true);
    expect(parts[1]!.notes).toMatch(/^代码第 \d+–\d+ 行（共 62 行）。/);
    expect(parts[0]!.notes).toContain('逐行讲解这个循环');
  });

  it('with autofit off nothing is split', () => {
    const doc = ingest(readFileSync(join(dir, 'marp-listing.md'), 'utf8'), 'marp-listing.md');
    expect(plan(doc, { ...defaults, autofit: false }).slides).toHaveLength(4);
  });
});
