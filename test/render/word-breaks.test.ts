import { load } from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markWordBreaks } from '../../src/render/word-breaks.js';
import { phraseBreaks } from '../../src/text/phrases.js';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** The words of `text` as Intl.Segmenter finds them, with their start offsets. */
const words = (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => ({ start: s.index, end: s.index + s.segment.length }));
/** Offsets in the element's text where the HTML has a <wbr>. */
const wbrOffsets = (html: string) => {
  const out: number[] = [];
  let at = 0;
  for (const part of html.split(/(<[^>]*>)/)) {
    if (part === '<wbr>') out.push(at);
    else if (!part.startsWith('<')) at += load(`<p>${part}</p>`)('p').text().length;
  }
  return out;
};

describe('markWordBreaks', () => {
  it('puts a <wbr> at the word boundaries of Chinese text, never inside a word', () => {
    const text = '这使得社区花园在春天和秋天之间需要更多的志愿者';
    const html = markWordBreaks(`<p>${text}</p>`);
    const at = wbrOffsets(html);
    expect(at.length).toBeGreaterThan(5);
    expect(new Set(at)).toEqual(phraseBreaks(text));
    for (const w of words(text)) for (const b of at) expect(b <= w.start || b >= w.end, `${b} inside ${text.slice(w.start, w.end)}`).toBe(true);
    expect(html).toContain('使得');
    expect(html).toContain('之间');
  });

  it('changes no text: without its <wbr>s the HTML is the input, and the text content is equal', () => {
    const input =
      '<section><div class="lt-frame"><ul><li>我们<strong>讨论</strong>浇水之<em>间</em>的关系，用Rust编写&amp;测试</li></ul><table><tr><td>土壤湿度</td><td>每天早晨测量一次</td></tr></table></div><aside class="notes"><p>备注里的句子也一样断开</p></aside></section>';
    const out = markWordBreaks(input);
    expect(out).not.toBe(input);
    expect(out.replace(/<wbr>/g, '')).toBe(input);
    expect(load(out).text()).toBe(load(input).text());
    // A word split by markup is one word: no break between 之 and <em>间</em>.
    expect(out).toContain('之<em>间</em>');
    // Runs on across inline elements: the boundary before <strong> is found.
    expect(out).toMatch(/我们(<wbr>)?<strong>(<wbr>)?讨论/);
    expect(out).toMatch(/<td>土壤<wbr>湿度<\/td>/);
    // Speaker notes stay as written (the handout breaks them when it prints them).
    expect(out).toContain('<aside class="notes"><p>备注里的句子也一样断开</p></aside>');
    expect(markWordBreaks('<p>备注里的句子也一样断开</p>')).toMatch(/备注<wbr>/);
  });

  it('leaves code, preformatted text, math, SVG, attributes and phrased titles alone', () => {
    const input = [
      '<h2 class="lt-heading lt-phrased">对话<wbr>乡村</h2>',
      '<p title="之间的关系" data-section="社区花园">图片说明之间的关系</p>',
      '<p>运行 <code>让我们看看这个函数</code> 之后</p>',
      '<pre class="lt-code"><code class="hljs"><span class="lt-line" data-line="1">// 这是注释之间的内容</span></code></pre>',
      '<p>公式<span class="katex"><span class="katex-mathml"><math><mtext>之间的值</mtext></math></span><span class="katex-html">之间的值</span></span>的结果</p>',
      '<div class="lt-math-block"><span class="lt-math-error">$\\text{未闭合的公式</span></div>',
      '<svg viewBox="0 0 10 10"><text>节点之间</text><g><text>第二个节点</text></g></svg><p>图后面的文字</p>',
      '<p><kbd>按下回车键</kbd><samp>输出结果之间</samp></p>',
    ].join('\n');
    const out = markWordBreaks(input);
    const $ = load(out);
    for (const sel of ['code', 'pre', '.katex', '.lt-math-error', 'svg', 'kbd', 'samp']) $(sel).each((_, el) => expect($.html(el), sel).not.toContain('<wbr>'));
    expect($('.lt-phrased').html()).toBe('对话<wbr>乡村');
    expect($('p[title]').attr('title')).toBe('之间的关系');
    expect($('p[title]').attr('data-section')).toBe('社区花园');
    expect($('p[title]').html()).toContain('<wbr>');
    expect($('svg + p').html()).toContain('<wbr>');
  });

  it('keeps entities whole and reads them as the characters they stand for', () => {
    const out = markWordBreaks('<p>他说&quot;我们明天再来&quot;&#x3002;然后&amp;离开</p>');
    expect(out.replace(/<wbr>/g, '')).toBe('<p>他说&quot;我们明天再来&quot;&#x3002;然后&amp;离开</p>');
    expect(out).not.toMatch(/&[a-z#0-9]*<wbr>[a-z#0-9]*;/i);
    // No break before the full stop written as &#x3002; (punctuation never starts a line).
    expect(out).not.toContain('<wbr>&#x3002;');
  });

  it('returns HTML without Chinese as it is', () => {
    const html = '<p>Plain English, <code>code</code> and <em>emphasis</em>.</p>';
    expect(markWordBreaks(html)).toBe(html);
  });

  it('only ever adds <wbr>s, whatever the input', () => {
    const piece = fc.constantFrom('之间', '我们', '使得', '。', '，', ' ', 'a', '<p>', '</p>', '<em>', '</em>', '<code>', '</code>', '&amp;', '<', '>', '"', '<a href="x>之间">', '</a>', '<!--之间-->', '<script>之间</script>', '&#x4e2d;');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        expect(markWordBreaks(html).replace(/<wbr>/g, '')).toBe(html);
      }),
      { numRuns: 300 },
    );
  });
});
