import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { bestCuts, clipSteps, splitCode } from '../../src/plan/code.js';
import { plan } from '../../src/plan/index.js';
import { load } from 'cheerio';
import { highlightCode, parseFenceInfo } from '../../src/render/highlight.js';

const CLOSER = /^\s*[\]})]+[;,)]*\s*$/;
const fence = (body: string[], info = 'csharp') => ['```' + info, ...body, '```'].join('\n');
const codeLines = (md: string) => md.split('\n').slice(1, -1);

describe('code that does not fit', () => {
  const doc = () => ingestMarkdown(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'lectures', 'long-code.md'), 'utf8'), 'long-code.md');

  it('splits a long listing only where a reader pauses, never leaving a scrap', () => {
    const p = plan(doc(), defaults);
    const parts = p.slides.filter((s) => s.variant === 'code' && s.section === 'A stack in C#');
    expect(parts.length).toBeGreaterThan(1);
    let next = 1;
    for (const [k, s] of parts.entries()) {
      const body = codeLines(s.body!);
      const real = body.filter((l) => l.trim() && !CLOSER.test(l));
      if (k > 0) expect(real.length).toBeGreaterThanOrEqual(3);
      // Line numbers carry on from the part before, and the notes say which lines these are.
      const start = Number(/start=(\d+)/.exec(s.body!.split('\n')[0])![1]);
      expect(start).toBeGreaterThanOrEqual(next);
      expect(s.notes).toContain(`Lines ${start}–${start + body.length - 1} of`);
      next = start + body.length;
      // Every cut is at a blank line or before a line at the margin.
      if (k > 0) expect(body[0].startsWith('    public') || body[0] === '}').toBe(true);
    }
  });

  it('shrinks a listing that fits at a smaller size instead of splitting it', () => {
    const lines = Array.from({ length: 17 }, (_, i) => `x${i} = ${i}`);
    const parts = splitCode(fence(lines, 'python'), 560, 'en');
    expect(parts).toHaveLength(1);
    expect(parts[0].markdown.split('\n')[0]).toMatch(/^```python fit=[12]$/);
  });

  it('numbers a split listing from its first line of code, not from a blank line inside the fence', () => {
    const body = ['', ...Array.from({ length: 60 }, (_, i) => (i % 6 === 5 ? '' : `    total += step(${i});`)), ''];
    const parts = splitCode(fence(body, 'go'), 300, 'en');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]!.markdown.split('\n')[0]).toContain('start=1');
    expect(codeLines(parts[0]!.markdown)[0]).toBe('    total += step(0);');
    expect(parts[0]!.text).toMatch(/^Lines 1–/u);
  });

  it('leaves a listing that fits as it is', () => {
    const parts = splitCode(fence(['a = 1', 'b = 2']), 560, 'en');
    expect(parts).toEqual([expect.objectContaining({ markdown: fence(['a = 1', 'b = 2']), from: 1, to: 2 })]);
  });

  it('never ends on a part of closing brackets only', () => {
    const body = ['class A', '{', ...Array.from({ length: 60 }, (_, i) => `    int f${i} = ${i};`), '    }', '}'];
    const cuts = bestCuts(body, body.map(() => 30), 500);
    for (let k = 1; k + 1 < cuts.length; k++) {
      const part = body.slice(cuts[k], cuts[k + 1]);
      expect(part.filter((l) => l.trim() && !CLOSER.test(l)).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('does not cut a statement at a clause that carries it on (SQL WHERE, else:)', () => {
    const body = ['SELECT a,', '       b', 'FROM t', 'JOIN u ON t.id = u.id', 'WHERE a > 1', '  AND b < 2', 'ORDER BY a;', '', 'SELECT c', 'FROM v', 'WHERE c IS NOT NULL;'];
    const cuts = bestCuts(body, body.map(() => 30), 230);
    expect(cuts).toHaveLength(3);
    expect([7, 8]).toContain(cuts[1]);
  });

  it("does not cut a derivation before one of its steps ('=  { … }', '<=>'); between two derivations it may", () => {
    const step = (k: number) => [`  term ${k}`, `=  { law ${k} }`];
    // 9 lines, a blank, 11 lines: a cut before a step would give the more even parts (10 and 10).
    const first = [...step(1), ...step(2), ...step(3), ...step(4), '  term 5'];
    const second = ['  other 1', '<=>  { law 6 }', '  other 2', '=  { law 7 }', '  other 3', '=  { law 8 }', '  other 4', '=  { law 9 }', '  other 5', '=  { law 10 }', '  other 6'];
    const body = [...first, '', ...second];
    const cuts = bestCuts(body, body.map(() => 30), 450);
    expect(cuts).toHaveLength(3);
    // At the blank line between them, on either side of it.
    expect([first.length, first.length + 1]).toContain(cuts[1]);
  });
});

describe('code parts: highlight steps and the first part\'s room', () => {
  // [fence info, first line of the part, last line, the part's fence info]
  it('clipSteps keeps each step to the part\'s lines, drops a step with none, and keeps the author\'s empty and all-lines steps', () => {
    const cases: [string, number, number, string][] = [
      ['js [1-4|18-26|38-45]', 1, 21, 'js [1-4|18-21]'],
      ['js [1-4|18-26|38-45]', 23, 42, 'js [23-26|38-42]'],
      ['go [|12-24|26-27]', 1, 9, 'go'],
      ['go [|12-24|26-27]', 11, 28, 'go [|12-24|26-27]'],
      ['ts {1-3|4-6}', 4, 9, 'ts {4-6}'],
      ['python {2,4-6,9}', 5, 20, 'python {5-6,9}'],
      ['{.python .numberLines}', 5, 9, '{.python .numberLines}'],
      // The author's steps that light nothing or everything are kept; the group goes when no step lights a line of the part.
      // The last three: Quarto's attribute, clipped the same way; a part with no step left keeps its line numbers.
      ['ts {1-3|5-8|all}', 4, 9, 'ts {5-8|all}'],
      ['js [1-2|4-6|]', 4, 9, 'js [4-6|]'],
      ['ts {none|12|*}', 10, 20, 'ts {none|12|*}'],
      ['ts {1-3|all}', 10, 20, 'ts'],
      ['ts {0|2}', 10, 20, 'ts'],
      ['ts {hello|world}', 10, 20, 'ts {hello|world}'],
      ['{.python code-line-numbers="|1-3|12-14"}', 10, 20, '{.python code-line-numbers="|12-14"}'],
      ['{.python code-line-numbers="1-3|all"}', 10, 20, '{.python code-line-numbers="true"}'],
      ['{.python code-line-numbers="true"}', 10, 20, '{.python code-line-numbers="true"}'],
    ];
    for (const [info, from, to, want] of cases) expect(clipSteps(info, from, to), `${info} ${from}-${to}`).toBe(want);
  });

  it('a split listing with Slidev steps renders each part\'s steps on its own lines, `all` as the part\'s lines', () => {
    const body = Array.from({ length: 40 }, (_, i) => (i % 8 === 7 ? '' : `let v${i} = ${i};`));
    const parts = splitCode(['```ts {2-3|30-33|all}', ...body, '```'].join('\n'), 300, 'en');
    expect(parts.length).toBeGreaterThan(1);
    const lit: number[][] = [];
    for (const part of parts) {
      const [fence, ...rest] = part.markdown.split('\n');
      const code = rest.slice(0, -1).join('\n');
      const $ = load(highlightCode(code, fence!.slice(3)));
      const lines = $('.lt-line').map((_, el) => Number($(el).attr('data-line'))).get();
      expect(lines[0]).toBe(part.from);
      const steps = $('.fragment.lt-step').length + ($('.lt-line[class*="lt-s"]').length ? 1 : 0);
      for (let k = 1; k <= steps; k++) {
        const on = $(`.lt-s${k}`).map((_, el) => Number($(el).attr('data-line'))).get();
        for (const n of on) expect(n >= part.from && n <= part.to).toBe(true);
        lit.push(on);
      }
      // The last step, `all`, lights every line of the part that has steps.
      if (steps) expect(lit.at(-1)).toEqual(lines);
    }
    expect(lit.flat().filter((n) => [2, 3, 30, 31, 32, 33].includes(n)).sort((a, b) => a - b)).toEqual(expect.arrayContaining([2, 3, 30, 31, 32, 33]));
  });

  it('a split listing gets each part\'s own steps in its fence', () => {
    const body = Array.from({ length: 40 }, (_, i) => (i % 8 === 7 ? '' : `let v${i} = ${i};`));
    const parts = splitCode(['```js [2-3|30-33]', ...body, '```'].join('\n'), 300, 'en');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const f = parseFenceInfo(part.markdown.split('\n')[0]!.slice(3));
      for (const step of f.steps) for (const n of step) expect(n >= part.from && n <= part.to).toBe(true);
    }
  });

  it("a listing the author numbered from 10 is numbered on from 10 in every part, its highlights and notes as the gutter shows", () => {
    const body = Array.from({ length: 40 }, (_, i) => (i % 8 === 7 ? '' : `let v${i} = ${i};`));
    const parts = splitCode(['```js start=10 {12,40-42}', ...body, '```'].join('\n'), 300, 'en');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const f = parseFenceInfo(part.markdown.split('\n')[0]!.slice(3));
      expect(f.start).toBe(9 + part.from);
      expect(part.note).toBe(`Lines ${9 + part.from}–${9 + part.to} of 39.`); // the blank last line is no line of the listing
      for (const n of f.steps[0] ?? []) expect(n >= 9 + part.from && n <= 9 + part.to).toBe(true);
    }
    expect(parts.flatMap((p) => [...(parseFenceInfo(p.markdown.split('\n')[0]!.slice(3)).steps[0] ?? [])])).toEqual([12, 40, 41, 42]);
  });

  it('the first part takes only the room the text above leaves', () => {
    const lines = Array.from({ length: 30 }, (_, i) => (i % 5 === 4 ? '' : `x${i} = ${i}`));
    const cuts = bestCuts(lines, lines.map(() => 30), 600, 200);
    expect(cuts[1]! * 30).toBeLessThanOrEqual(200);
    for (let k = 1; k + 1 < cuts.length; k++) expect((cuts[k + 1]! - cuts[k]!) * 30).toBeLessThanOrEqual(600);
  });

  it('between two equal splits, the cut between top-level statements wins over one inside a function', () => {
    // A blank line inside main() (after line 6) would give the more even parts; the one before main() is the natural place.
    const go = ['package main', '', 'import "fmt"', '', 'func main() {', '\ta := 1', '', '\tb := 2', '\tfmt.Println(a)', '\tfmt.Println(b)', '\tfmt.Println(a + b)', '}'];
    const cuts = bestCuts(go, go.map(() => 30), 270);
    expect(cuts).toEqual([0, 4, 12]);
  });
});
