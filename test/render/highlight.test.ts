import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { MAX_STEPS, highlightCode, parseFenceInfo, splitLines } from '../../src/render/highlight.js';
import { builtInTemplatesDir } from '../../src/render/templates.js';

describe('parseFenceInfo', () => {
  it('reads the language, highlights, steps, numbers and the first line number', () => {
    expect(parseFenceInfo('python')).toEqual({ lang: 'python', steps: [], lineNumbers: false, start: 1 });
    expect(parseFenceInfo('python {2,4-6}').steps.map((s) => [...s])).toEqual([[2, 4, 5, 6]]);
    const stepped = parseFenceInfo('fsharp [1-3|1,4-5]');
    expect(stepped.steps.map((s) => [...s])).toEqual([[1, 2, 3], [1, 4, 5]]);
    expect(stepped.lineNumbers).toBe(true);
    expect(parseFenceInfo('js linenos').lineNumbers).toBe(true);
    expect(parseFenceInfo('{.python .input}').lang).toBe('python');
    expect(parseFenceInfo('c start=37')).toMatchObject({ lang: 'c', start: 37, lineNumbers: true });
    expect(parseFenceInfo(undefined)).toEqual({ steps: [], lineNumbers: false, start: 1 });
    expect(parseFenceInfo('{not ranges}').steps).toEqual([]);
  });

  it("reads the planner's options on a fence with no language: they are not its language", () => {
    // The planner writes `fit=n`, `start=N` and `compact` after whatever the author wrote, which may be nothing.
    expect(parseFenceInfo('fit=2 start=8')).toEqual({ steps: [], lineNumbers: true, start: 8, fit: 2 });
    expect(parseFenceInfo('fit=1')).toEqual({ steps: [], lineNumbers: false, start: 1, fit: 1 });
    expect(parseFenceInfo('start=3')).toEqual({ steps: [], lineNumbers: true, start: 3 });
    expect(parseFenceInfo('compact')).toEqual({ steps: [], lineNumbers: false, start: 1, compact: true });
    expect(parseFenceInfo('linenos')).toEqual({ steps: [], lineNumbers: true, start: 1 });
    const $ = load(highlightCode('a\nb', 'fit=2 start=8'));
    expect($('pre.lt-code').hasClass('lt-fit-2')).toBe(true);
    expect($('.lt-line').first().attr('data-line')).toBe('8');
  });
});

describe('parseFenceInfo: stepped highlights (Slidev `{a|b|all}`, reveal.js `[a|b|]`)', () => {
  const sets = (info: string, lines = 0) => parseFenceInfo(info, lines).steps.map((s) => [...s]);

  it('reads Slidev steps in braces, `all`/`*` as every line of the listing', () => {
    expect(sets('ts {1-3|4-6|all}', 8)).toEqual([[1, 2, 3], [4, 5, 6], [1, 2, 3, 4, 5, 6, 7, 8]]);
    expect(sets('ts {2|*}', 3)).toEqual([[2], [1, 2, 3]]);
    expect(parseFenceInfo('ts {1-3|4-6}').lineNumbers).toBe(false); // braces highlight; only reveal.js's brackets number
    // `all` counts from the listing's first number (a continuation's start=N).
    expect(sets('ts {all|41} start=40', 3)).toEqual([[40, 41, 42], [41]]);
  });

  it('keeps a step that lights nothing (`[|4]`, `none`, `0`), as reveal.js and Slidev show it: plain code', () => {
    expect(sets('js [|6-8|]')).toEqual([[], [6, 7, 8], []]);
    expect(sets('js [1,11|2-9|10|]')).toEqual([[1, 11], [2, 3, 4, 5, 6, 7, 8, 9], [10], []]);
    expect(sets('ts {none|2|0}')).toEqual([[], [2], []]);
  });

  it('makes no steps of a spec that lights nothing, or of one lone `all`', () => {
    expect(parseFenceInfo('go []')).toMatchObject({ steps: [], lineNumbers: true });
    for (const info of ['ts {0}', 'ts {none}', 'ts {all}', 'ts {*}', 'js [|]']) expect(sets(info, 5), info).toEqual([]);
    expect(sets('ts {hello|world}')).toEqual([]); // not a spec: braces of words
  });

  it("reads Quarto's code-line-numbers attribute: a spec steps and numbers, `true` only numbers", () => {
    const q = parseFenceInfo('{.python code-line-numbers="|1-2|3"}', 3);
    expect(q).toMatchObject({ lang: 'python', lineNumbers: true });
    expect(q.steps.map((s) => [...s])).toEqual([[], [1, 2], [3]]);
    expect(parseFenceInfo('{.python code-line-numbers="true"}')).toMatchObject({ steps: [], lineNumbers: true });
    expect(parseFenceInfo('{.python code-line-numbers="false"}')).toMatchObject({ steps: [], lineNumbers: false });
    expect(sets('{.r code-line-numbers="11|all"} start=10', 3)).toEqual([[11], [10, 11, 12]]);
  });

  it(`keeps at most ${MAX_STEPS} steps, one per rule in base.css`, () => {
    expect(sets('js [1|2|3|4|5|6|7|8|9|10]')).toHaveLength(MAX_STEPS);
    const css = readFileSync(join(builtInTemplatesDir, 'themes', 'base.css'), 'utf8');
    expect(css).toContain(`.lt-s${MAX_STEPS} {`);
    expect(css).not.toContain(`.lt-s${MAX_STEPS + 1}`);
  });
});

describe('highlightCode', () => {
  it('carries highlight.js token spans, one line element per source line', () => {
    const html = highlightCode('def f(x):\n    return x + 1  # one more\n', 'python');
    const $ = load(html);
    expect($('pre.lt-code code.hljs.language-python')).toHaveLength(1);
    expect($('.hljs-keyword').first().text()).toBe('def');
    expect($('.hljs-comment').text()).toBe('# one more');
    expect($('.lt-line').map((_, el) => $(el).attr('data-line')).get()).toEqual(['1', '2']);
  });

  it('closes and reopens a token span that crosses a line end', () => {
    const html = highlightCode('s = """one\ntwo"""\nt = 1', 'py');
    const $ = load(html);
    const lines = $('.lt-line');
    expect(lines).toHaveLength(3);
    expect(lines.eq(0).find('.hljs-string').text()).toBe('"""one');
    expect(lines.eq(1).find('.hljs-string').text()).toBe('two"""');
    expect(splitLines('<span class="a">x\ny</span>z')).toEqual(['<span class="a">x</span>', '<span class="a">y</span>z']);
  });

  it('escapes code in an unknown language or none, and never lets markup through', () => {
    for (const lang of [undefined, 'no-such-language']) {
      const $ = load(highlightCode('<script>alert(1)</script>', lang));
      expect($('script')).toHaveLength(0);
      expect($('code').text()).toBe('<script>alert(1)</script>');
    }
  });

  it('marks highlighted lines, and steps as fragments', () => {
    const one = load(highlightCode('a\nb\nc', 'text {2}'));
    expect(one('.lt-hl').attr('data-line')).toBe('2');
    const steps = load(highlightCode('a\nb\nc\nd', 'js [1-2|4]'));
    expect(steps('.lt-s1').map((_, el) => steps(el).attr('data-line')).get()).toEqual(['1', '2']);
    expect(steps('.lt-s2').attr('data-line')).toBe('4');
    expect(steps('.fragment.lt-step-2')).toHaveLength(1);
    expect(steps('pre').hasClass('lt-numbered')).toBe(true);
  });

  it('renders Slidev steps: the first lit on entering, a fragment per further step, tokens and numbers kept', () => {
    const $ = load(highlightCode('const a = 1;\nconst b = 2;\nconst c = 3;\nexport { a };', 'ts {1-2|3|all} linenos'));
    const lit = (k: number) => $(`.lt-s${k}`).map((_, el) => $(el).attr('data-line')).get();
    expect(lit(1)).toEqual(['1', '2']);
    expect(lit(2)).toEqual(['3']);
    expect(lit(3)).toEqual(['1', '2', '3', '4']);
    expect($('.fragment.lt-step').map((_, el) => $(el).attr('class')).get()).toEqual(['fragment lt-step lt-step-2', 'fragment lt-step lt-step-3']);
    expect($('.lt-hl')).toHaveLength(0);
    expect($('.hljs-keyword').first().text()).toBe('const');
    expect($('pre').hasClass('lt-numbered')).toBe(true);
    expect($('pre').hasClass('lt-focus')).toBe(true);
  });

  it("renders reveal.js's empty steps as steps that light no line", () => {
    const $ = load(highlightCode('a\nb\nc', 'js [|2|]'));
    expect($('[class*="lt-s1"], .lt-s3')).toHaveLength(0);
    expect($('.lt-s2').attr('data-line')).toBe('2');
    expect($('.fragment.lt-step')).toHaveLength(2);
  });

  it('a continuation part lights its own lines under their original numbers', () => {
    const $ = load(highlightCode('x\ny\nz', 'py {41|all} start=40'));
    expect($('.lt-s1').attr('data-line')).toBe('41');
    expect($('.lt-s2').map((_, el) => $(el).attr('data-line')).get()).toEqual(['40', '41', '42']);
  });

  it('writes nothing of a hostile fence info into an attribute', () => {
    for (const info of ['js" onmouseover="alert(1) [1|2]', "ts {1|2}' autofocus onfocus='alert(1)", 'js [1|2]"><script>alert(1)</script>', 'ts {1|2|<img src=x onerror=alert(1)>}']) {
      const $ = load(highlightCode('a\nb', info));
      expect($('script, img'), info).toHaveLength(0);
      $('*').each((_, el) => {
        for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name, info).toMatch(/^(class|style|data-line|data-lang|aria-hidden)$/);
      });
      expect($('code').text()).toBe('ab');
    }
  });

  it('numbers a continuation from its original line', () => {
    const $ = load(highlightCode('x = 1\ny = 2', 'python start=41'));
    expect($('.lt-line').map((_, el) => $(el).attr('data-line')).get()).toEqual(['41', '42']);
    expect($('pre').attr('style')).toContain('--lt-gutter:3ch');
  });

  it('returns the same markup for the same block (cached by content)', () => {
    const a = highlightCode('let x = 1;', 'rust');
    expect(highlightCode('let x = 1;', 'rust')).toBe(a);
    expect(highlightCode('let x = 2;', 'rust')).not.toBe(a);
  });
});
