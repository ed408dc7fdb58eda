import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/render/markdown.js';
import { classifyUrl, decodeEntities, sanitizeHtml, tokenizeHtml } from '../../src/html/sanitize.js';

const clean = (html: string) => sanitizeHtml(html).html;

describe('sanitizeHtml', () => {
  it.each([
    ['<script>alert(1)</script>ok', 'ok'],
    ['<SCRIPT SRC="https://x.example/a.js"></SCRIPT>ok', 'ok'],
    ['<script>a</script  >b<script>c', 'b'],
    ['<style>@import url(https://x.example/a.css)</style>ok', 'ok'],
    ['<iframe src="https://x.example"></iframe><iframe srcdoc="<script>x</script>">text</iframe>ok', 'ok'],
    ['<object data="x.swf"><param name=a value=b><p>fallback</p></object>ok', 'ok'],
    ['<embed src="x.swf">ok', 'ok'],
    ['<link rel=stylesheet href="https://x.example/a.css"><meta http-equiv=refresh content="0;url=https://x.example"><base href="https://x.example/">ok', 'ok'],
    ['<form action="https://x.example"><input name=q><button>Go</button></form>ok', 'ok'],
    ['<svg onload=alert(1)><script>alert(2)</script></svg>ok', 'ok'],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>ok', 'ok'],
    ['<template><script>alert(1)</script></template>ok', 'ok'],
    ['<!-- <script>alert(1)</script> -->ok', 'ok'],
    ['<!--> <b>x</b>', ' <b>x</b>'],
    // A carousel's controls: a button's label is chrome, and what the author hid stays hidden.
    ['<button type="button">Next →</button>ok', 'ok'],
    ['<div hidden><p>later</p></div><span hidden>x</span><img hidden src="a.png">ok', 'ok'],
  ])('removes %s', (input, output) => {
    expect(clean(input)).toBe(output);
  });

  it.each([
    ['<b onclick="alert(1)" ONMOUSEOVER=alert(2) class="x">b</b>', '<b class="x">b</b>'],
    ['<img src="pic.png" onerror=alert(1) alt="a">', '<img src="pic.png" alt="a">'],
    ['<details open ontoggle=alert(1)><summary>s</summary>d</details>', '<details open=""><summary>s</summary>d</details>'],
    ['<div style="color: red">x</div>', '<div style="color: red">x</div>'],
    ['<div style="background: url(https://x.example/a.png)">x</div>', '<div>x</div>'],
    ['<div style="background: u\\72l(https://x.example/a.png)">x</div>', '<div>x</div>'],
    ['<div style="background: url&#40;https://x.example/a.png)">x</div>', '<div>x</div>'],
    ['<p style="@import \'x.css\'">x</p>', '<p>x</p>'],
    ['<img srcset="https://x.example/a.png 2x" src="a.png">', '<img src="a.png">'],
    ['<div id="Reveal" data-src="https://x.example/a" data-background-iframe="https://x.example">x</div>', '<div>x</div>'],
    ['<a href="https://x.example/" ping="https://x.example/p" target=_blank>x</a>', '<a href="https://x.example/">x</a>'],
  ])('strips attributes: %s', (input, output) => {
    expect(clean(input)).toBe(output);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    'java&#9;script:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#x6A avascript:alert(1)',
    'javascript&colon;alert(1)',
    'javascript&#58;alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD4=',
    'file:///etc/passwd',
  ])('removes the URL %s from links', (url) => {
    const r = sanitizeHtml(`<a href="${url.replace(/"/g, '&quot;')}">x</a>`);
    expect(r.html).toBe('<a>x</a>');
    expect(r.removed).toHaveLength(1);
  });

  it('keeps web, mail and relative links, and local or inline raster images', () => {
    for (const href of ['https://example.org/a?b=1&amp;c=2', 'mailto:a@example.org', '#/3', 'notes.html', 'tel:+100']) {
      expect(load(clean(`<a href="${href}">x</a>`))('a').attr('href')).toBe(href.replace('&amp;', '&'));
    }
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=" alt="">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=" alt="">');
    expect(clean('<img src="data:image/svg+xml,<svg onload=alert(1)>">')).toBe('');
    expect(clean('<img src="javascript:alert(1)">ok')).toBe('ok');
    // Remote images stay for the image pass, which replaces them with a placeholder.
    expect(clean('<img src="https://x.example/a.png">')).toBe('<img src="https://x.example/a.png">');
  });

  it('keeps the markup Markdown produces', () => {
    const md = '| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n1. one\n2. two\n\n```js\n<script>x</script>\n```\n\n> quote\n\n**b** _i_ ~~s~~ `c` [l](https://example.org "t") ![p](p.png "t")\n\n---\n';
    const raw = createMarkdown({ allowHtml: true })(md);
    const r = createMarkdown()(md);
    expect(r).toBe(raw);
  });

  it('escapes stray angle brackets and closes what it opens, so a slide cannot be broken out of', () => {
    expect(clean('a < b <3 <b>x')).toBe('a &lt; b &lt;3 <b>x</b>');
    // `</>` is no tag and no text to a browser: parse5 drops it without a token, and so does the sanitizer.
    expect(clean('a</>b<script>c</>d</script>')).toBe('ab');
    expect(tokenizeHtml('a</>b').map((t) => t.type)).toEqual(['text', 'comment', 'text']);
    expect(clean('<div><p>x</div></section></div>y')).toBe('<div><p>x</p></div>y');
    expect(clean('<b unterminated="x>no')).toBe('&lt;b unterminated="x>no');
    expect(clean('<section data-slide="9"><aside class="notes">n</aside></section>')).toBe('n');
  });

  it('drops a noscript payload the way a browser with scripting on would read it', () => {
    const out = clean('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>');
    expect(out).not.toMatch(/onerror/i);
    expect(load(out)('[onerror]')).toHaveLength(0);
  });

  it('reports each removal with the source text it came from', () => {
    const r = sanitizeHtml('<p onclick="x()">a</p><script>b</script><a href="javascript:c">d</a>');
    expect(r.removed.map((f) => f.snippet)).toEqual(['onclick="x()"', '<script>', 'href="javascript:c"']);
    expect(r.removed[0].message).toMatch(/event-handler attribute onclick/);
    expect(r.removed[1].message).toMatch(/removed <script>/);
    expect(r.removed[2].message).toMatch(/javascript: URL/);
  });

  it('never lets an event handler or a script through, whatever the input', () => {
    const pieces = ['<', '>', '/', '"', "'", '=', ' ', 'script', 'img', 'svg', 'onerror', 'src', 'x', '<!--', '-->', '&#', 'noscript', 'style', 'a href', 'javascript:', '\n', '`'];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 3000; i++) {
      const input = Array.from({ length: 30 }, () => pieces[rand(pieces.length)]).join('');
      const $ = load(clean(input));
      expect($('script, style, svg, iframe, noscript').length).toBe(0);
      $('*').each((_, el) => {
        for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name.startsWith('on')).toBe(false);
      });
      $('a[href], img[src]').each((_, el) => expect(classifyUrl($(el).attr('href') ?? $(el).attr('src')!).kind).not.toBe('other-scheme'));
    }
  });
});

describe('helpers', () => {
  it('decodes character references the way attribute values are read', () => {
    expect(decodeEntities('&#106;&#x61;&colon;&Tab;&amp;&unknown;')).toBe('ja:\t&&unknown;');
  });

  it('tokenizes tags, comments and raw text', () => {
    const t = tokenizeHtml('a<b c=1 d="2" e>x</b><!--c--><script>1<2</script>');
    expect(t.map((x) => x.type)).toEqual(['text', 'tag', 'text', 'tag', 'comment', 'tag', 'text', 'tag']);
    expect(t[1]).toMatchObject({ name: 'b', attrs: [{ name: 'c', value: '1' }, { name: 'd', value: '2' }, { name: 'e', value: '' }] });
    expect(t[6]).toMatchObject({ raw: '1<2' });
  });
});

describe('createMarkdown', () => {
  it('warns at the line the removed HTML came from, and keeps it with allowHtml', () => {
    const md = createMarkdown({ file: 'talk.md' });
    const html = md('Intro.\n\n<div>\n<b onclick="x()">b</b>\n</div>\n\n<script>y()</script>\n', 40);
    expect(html).not.toMatch(/onclick|script/);
    expect(md.diagnostics.map((d) => [d.pos?.line, d.message.slice(0, 30)])).toEqual([
      [43, 'removed event-handler attribut'],
      [46, 'removed <script> from raw HTML'],
    ]);
    const raw = createMarkdown({ allowHtml: true });
    expect(raw('<b onclick="x()">b</b>')).toContain('onclick');
    expect(raw.diagnostics).toEqual([]);
  });
});

describe('names that are also Object.prototype properties', () => {
  // `name in ALLOWED` used to match these, so `<constructor>` crashed the build.
  const names = Object.getOwnPropertyNames(Object.prototype);
  // Tag names start with a letter; the others are text, not tags.
  const tagLike = names.filter((n) => /^[a-z]/i.test(n));

  it.each(names)('drops <%s> as an unknown tag and keeps its text', (name) => {
    const r = sanitizeHtml(`<div>\n<${name} class="x">world</${name}>\n</div>`);
    if (tagLike.includes(name)) {
      expect(r.html).toBe('<div>\nworld\n</div>');
      expect(r.removed.map((f) => f.message)).toEqual([`removed <${name.toLowerCase()}> from raw HTML (not on the list of safe tags); use --allow-html only for content you trust`]);
    } else {
      // `</_` opens a bogus comment, which is dropped.
      expect(r.html).toBe(`<div>\n&lt;${name} class="x">world\n</div>`);
    }
  });

  it.each(names)('drops the attribute %s from allowed tags', (name) => {
    expect(clean(`<div ${name}="x" class="c">a</div>`)).toBe('<div class="c">a</div>');
    expect(clean(`<img ${name}="x" src="a.png" alt="b">`)).toBe('<img src="a.png" alt="b">');
    expect(clean(`<a ${name} href="#x">a</a>`)).toBe('<a href="#x">a</a>');
  });

  it.each(names)('keeps the unknown character reference &%s; as written', (name) => {
    expect(decodeEntities(`&${name};`)).toBe(`&${name};`);
    expect(decodeEntities(`&${name.toLowerCase()};`)).toBe(`&${name.toLowerCase()};`);
  });

  it('keeps reading a tag that is only on the list of its lower-case name', () => {
    expect(clean('<DIV CLASS="x">a</DIV>')).toBe('<div class="x">a</div>');
  });
});

describe('markup that runs into the end of the input', () => {
  it('makes the rest text, in one pass', () => {
    expect(clean('<div>a <a x <a x ')).toBe('<div>a &lt;a x &lt;a x </div>');
    expect(clean('<p>a</p><b title="open <i>x</i>')).toBe('<p>a</p>&lt;b title="open &lt;i>x&lt;/i>');
    expect(clean('x <img src=a.png')).toBe('x &lt;img src=a.png');
    expect(clean('x </')).toBe('x &lt;/');
    expect(clean('x <a')).toBe('x &lt;a');
    expect(tokenizeHtml('a<b c="<d>" <e f')).toEqual([{ type: 'text', raw: 'a<b c="<d>" <e f' }]);
    expect(tokenizeHtml('a<i>b<b c="<d>')).toEqual([{ type: 'text', raw: 'a' }, expect.objectContaining({ type: 'tag', name: 'i' }), { type: 'text', raw: 'b<b c="<d>' }]);
  });

  it('still reads a `<` that opens nothing as text and goes on', () => {
    expect(clean('1 < 2 <3 <b>x</b>')).toBe('1 &lt; 2 &lt;3 <b>x</b>');
  });

  it('drops a comment or declaration that runs to the end, as before', () => {
    expect(clean('a<!-- <b>x</b>')).toBe('a');
    expect(clean('a<!doctype <b x')).toBe('a');
  });
});

describe('classic vector families', () => {
  // [family, input, output, what the warning says was removed ('' when nothing is reported)]
  const cases: [string, string, string, string][] = [
    ['SVG handler', '<svg onload="alert(1)"><circle r="4"/></svg>ok', 'ok', 'removed <svg>'],
    ['SVG handler', '<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>ok', 'ok', 'removed <svg>'],
    ['SVG handler', '<svg><foreignObject><img src="x.png" onerror="alert(1)"></foreignObject></svg>ok', 'ok', 'removed <svg>'],
    ['SVG handler', '<SVG ONLOAD=alert(1)></SVG>ok', 'ok', 'removed <svg>'],
    ['SVG handler', '<svg><style><img src=x onerror=alert(1)></style></svg>ok', 'ok', 'removed <svg>'],
    ['MathML handler', '<math><mi onmouseover="alert(1)">x</mi></math>ok', 'ok', 'removed <math>'],
    ['MathML handler', '<math href="javascript:alert(1)"><mtext>m</mtext></math>ok', 'ok', 'removed <math>'],
    ['MathML handler', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>ok', 'ok', 'removed <math>'],
    ['javascript: zero-padded reference', '<a href="&#0000106avascript:alert(1)">x</a>', '<a>x</a>', 'removed a javascript: URL (a href)'],
    ['javascript: hex references without semicolons', '<a href="&#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a alert(1)">x</a>', '<a>x</a>', 'removed a javascript: URL (a href)'],
    ['javascript: named newline', '<a href="java&NewLine;script:alert(1)">x</a>', '<a>x</a>', 'removed a javascript: URL (a href)'],
    ['javascript: named tab and colon', '<a href="java&Tab;script&colon;alert(1)">x</a>', '<a>x</a>', 'removed a javascript: URL (a href)'],
    ['javascript: carriage return', '<a href="jav&#x0D;ascript:alert(1)">x</a>', '<a>x</a>', 'removed a javascript: URL (a href)'],
    ['javascript: leading newline', '<a href="\njavascript:alert(1)">x</a>', '<a>x</a>', 'removed a javascript: URL (a href)'],
    ['javascript: upper case', '<a href="JAVASCRIPT:alert(1)">x</a>', '<a>x</a>', 'removed a javascript: URL (a href)'],
    ['srcdoc', '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>ok', 'ok', 'removed <iframe>'],
    ['srcdoc', '<div srcdoc="<script>alert(1)</script>">ok</div>', '<div>ok</div>', ''],
    ['style url()', '<p style="background: URL( \'https://x.example/a.png\' )">ok</p>', '<p>ok</p>', 'removed a style attribute that loads resources'],
    ['style url()', '<p style="background-image: u\\72 l(https://x.example/a.png)">ok</p>', '<p>ok</p>', 'removed a style attribute that loads resources'],
    ['style url()', '<p style="background-image: image-set(\'https://x.example/a.png\' 1x)">ok</p>', '<p>ok</p>', 'removed a style attribute that loads resources'],
    ['style expression()', '<p style="width: expression(alert(1))">ok</p>', '<p>ok</p>', 'removed a style attribute that loads resources'],
    ['style expression()', '<p style="width: expr&#x65;ssion(alert(1))">ok</p>', '<p>ok</p>', 'removed a style attribute that loads resources'],
    ['style behavior', '<p style="behavior: url(x.htc)">ok</p>', '<p>ok</p>', 'removed a style attribute that loads resources'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">ok', 'ok', 'removed <meta>'],
    ['meta refresh', '<meta http-equiv=refresh content="0;url=https://x.example/">ok', 'ok', 'removed <meta>'],
    ['base href', '<base href="https://x.example/"><a href="rel">ok</a>', '<a href="rel">ok</a>', 'removed <base>'],
    ['formaction', '<form><button formaction="javascript:alert(1)">go</button></form>ok', 'ok', 'removed <form>'],
    ['formaction', '<button formaction="javascript:alert(1)">go</button>ok', 'ok', 'removed <button>'],
    ['formaction', '<input type="submit" formaction="javascript:alert(1)">ok', 'ok', 'removed <input>'],
    ['xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>ok', 'ok', 'removed <svg>'],
    ['xlink:href', '<a xlink:href="javascript:alert(1)" href="#x">ok</a>', '<a href="#x">ok</a>', ''],
    ['nested', '<<script>script>alert(1)<</script>/script>', '&lt;/script>', 'removed <script>'],
    ['nested', '<scr<script>ipt>alert(1)</scr</script>ipt>', 'ipt>alert(1)ipt>', 'removed <scr<script>'],
    ['nested', '<!--<img src="--><img src=x onerror=alert(1)//">', '<img src="x">', 'removed event-handler attribute onerror'],
    ['nested', '<title><img src=x onerror=alert(1)></title>ok', 'ok', 'removed <title>'],
    ['nested', '<textarea><img src=x onerror=alert(1)></textarea>ok', 'ok', 'removed <textarea>'],
    ['nested', '<xmp><img src=x onerror=alert(1)></xmp>ok', 'ok', 'removed <xmp>'],
    ['nested', '<b><i><u>x</b></i></u>y', '<b><i><u>x</u></i></b>y', ''],
    ['unclosed', '<a href="javascript:alert(1)"><b><i>open', '<a><b><i>open</i></b></a>', 'removed a javascript: URL (a href)'],
    ['unclosed', '<div><p><b>left open <img src=x onerror="alert(1)"', '<div><p><b>left open &lt;img src=x onerror="alert(1)"</b></p></div>', ''],
    ['unclosed', '<p><svg><p><style>*{}</style><img src=x onerror=alert(1)>', '<p></p>', 'removed <svg>'],
  ];

  it.each(cases)('%s: %s', (_family, input, output, reported) => {
    const r = sanitizeHtml(input);
    expect(r.html).toBe(output);
    expect(r.removed[0]?.message ?? '').toContain(reported);
    // Read back as a browser would: nothing that runs or loads is left.
    const $ = load(r.html);
    expect($('script, style, svg, math, iframe, meta, base, form, button, input, textarea, title, xmp, noscript').length).toBe(0);
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name).toMatch(/^(class|title|lang|dir|style|href|src|alt|width|height|open)$/);
    });
    $('a[href], img[src]').each((_, el) => expect(classifyUrl($(el).attr('href') ?? $(el).attr('src')!).kind).not.toBe('other-scheme'));
  });
});
