import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { highlightCode, parseFenceInfo, splitLines } from '../../src/render/highlight.js';

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
