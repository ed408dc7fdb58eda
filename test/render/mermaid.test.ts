import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { codeLines } from '../../src/export/pptx/code.js';
import { diagramPicture } from '../../src/export/pptx/diagram.js';
import { pptxTheme } from '../../src/export/pptx/theme.js';
import { contentSlides } from '../../src/plan/content.js';
import { createMarkdown } from '../../src/render/markdown.js';
import { typesetMath } from '../../src/render/math.js';
import { diagramHtml, errorLine, mermaidConfig, mermaidSources, paletteVars, scrubSvg, shortError, type DiagramResult } from '../../src/render/mermaid.js';

/** Diagrams, the pure half (issue #16): which fences a plan has, the markup of a drawn diagram, the fallback. */

const FLOW = 'flowchart LR\n  A[Start] --> B[End]';
const SVG = '<svg id="d1" width="100%" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" style="max-width: 200px;"><style>#d1{fill:#1d2433;}</style><g><text>Start</text><text>$5 and $x^2$</text></g></svg>';

function planOf(bodies: (string | [string, string])[]): DeckPlan {
  const slides = bodies.map((b, i): SlidePlan => ({ template: 'content', section: 'S', title: `S${i}`, notes: '', seconds: 0, ...(typeof b === 'string' ? { body: b } : { columns: b }) }));
  return { slides } as unknown as DeckPlan;
}

describe('mermaidSources', () => {
  it('finds each mermaid fence once, in bodies and columns, and nothing else', () => {
    const plan = planOf([
      `Intro\n\n\`\`\`mermaid\n${FLOW}\n\`\`\``,
      ['left', `~~~mermaid\nsequenceDiagram\n  A->>B: hi\n~~~`],
      `\`\`\`mermaid\n${FLOW}\n\`\`\`\n\n\`\`\`js\nconst mermaid = 1;\n\`\`\``,
      '- a list\n\n  ```mermaid\n  pie\n    "a": 1\n  ```',
    ]);
    expect(mermaidSources(plan)).toEqual([FLOW, 'sequenceDiagram\n  A->>B: hi', 'pie\n  "a": 1']);
  });

  it('finds none in a deck without diagrams', () => {
    expect(mermaidSources(planOf(['Mermaids sing, in prose.', '```python\nprint(1)\n```']))).toEqual([]);
  });
});

describe('the Markdown renderer with diagrams', () => {
  const fence = `Before\n\n\`\`\`mermaid\n${FLOW}\n\`\`\``;

  it('puts a drawn diagram in as its SVG, sized to shrink and capped at 1.5×', () => {
    const md = createMarkdown({ file: 'talk.md', diagrams: new Map<string, DiagramResult>([[FLOW, { svg: SVG }]]) });
    const $ = load(md(fence, 10));
    const svg = $('figure.lt-diagram > svg');
    expect(svg).toHaveLength(1);
    expect(svg.attr('width')).toBeUndefined();
    expect(svg.attr('style')).toBe('max-width:300px;max-height:min(100%,150px)');
    expect(svg.find('text').first().text()).toBe('Start');
    expect($('pre')).toHaveLength(0);
    expect(md.diagnostics).toEqual([]);
  });

  it('shows a diagram mermaid could not read as its source, warning at the line it names', () => {
    const md = createMarkdown({ file: 'talk.md', diagrams: new Map<string, DiagramResult>([[FLOW, { error: "parse error on line 2, unexpected 'TAGEND'" }]]) });
    const $ = load(md(fence, 10));
    expect($('svg')).toHaveLength(0);
    expect($('pre.lt-code').text()).toContain('A[Start] --> B[End]');
    // The body starts at line 10, the fence at 12, the diagram's line 2 at 14.
    expect(md.diagnostics).toEqual([{ severity: 'warning', message: expect.stringMatching(/could not draw the mermaid diagram \(parse error on line 2.*shown as its source/), pos: { file: 'talk.md', line: 14 } }]);
  });

  it('shows the source, without a warning, where no diagrams were drawn (serve, outline)', () => {
    const md = createMarkdown({ file: 'talk.md' });
    const $ = load(md(fence, 1));
    expect($('pre.lt-code').text()).toContain('flowchart LR');
    expect(md.diagnostics).toEqual([]);
  });

  it('escapes a diagram source shown as code', () => {
    const src = 'flowchart LR\n  A["<img src=x onerror=alert(1)>"] --> B';
    const md = createMarkdown({ file: 'talk.md', diagrams: new Map<string, DiagramResult>([[src, { error: 'bad' }]]) });
    const $ = load(md(`\`\`\`mermaid\n${src}\n\`\`\``, 1));
    expect($('img')).toHaveLength(0);
    expect($('pre').text()).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('diagram markup', () => {
  it('takes out script, handlers, HTML islands and links out of the SVG', () => {
    const bad = '<svg viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><a href="https://x.test/"><text>t</text></a><foreignObject><div>x</div></foreignObject><use href="#m"/><style>@import url(https://x.test/a.css);.a{background:url(https://x.test/i.png)}.b{marker-end:url(#m)}</style></svg>';
    const out = scrubSvg(bad);
    expect(out).not.toMatch(/alert|x\.test|foreignObject/);
    expect(out).toContain('href="#m"');
    expect(out).toContain('url(#m)');
    expect(diagramHtml(bad)).not.toMatch(/onload|<script/);
  });

  it('ties palette colours to the theme variables, in style sheets only', () => {
    const out = paletteVars('<svg><style>.a{fill:#1D2433;stroke:#b4441f}.b{fill:#1d24330}</style><rect fill="#1d2433"/></svg>', 'light');
    expect(out).toContain('.a{fill:var(--lt-fg, #1d2433);stroke:var(--lt-accent, #b4441f)}');
    expect(out).toContain('.b{fill:#1d24330}');
    expect(out).toContain('<rect fill="#1d2433"/>');
    expect(paletteVars('<svg><style>.a{fill:#123456}</style></svg>', 'custom')).toBe('<svg><style>.a{fill:#123456}</style></svg>');
  });

  it('leaves the text of an SVG alone when typesetting math', () => {
    const html = `<figure class="lt-diagram">${SVG}</figure><p>$x^2$</p>`;
    const r = typesetMath(html);
    expect(r.html).toContain('<text>$5 and $x^2$</text>');
    expect(load(r.html)('p .katex')).toHaveLength(1);
  });

  it('asks mermaid for SVG text labels, strict security and the deck palette', () => {
    const dark = mermaidConfig('dark') as { htmlLabels: boolean; securityLevel: string; themeVariables: Record<string, string> };
    expect(dark.htmlLabels).toBe(false);
    expect(dark.securityLevel).toBe('strict');
    expect(dark.themeVariables.primaryTextColor).toBe('#eef1f6');
    expect((mermaidConfig('nonesuch') as typeof dark).themeVariables.primaryTextColor).toBe('#1d2433');
  });

  it('shortens mermaid errors to one clause and reads the line they name', () => {
    const raw = "Parse error on line 3:\n...Review -->> Publish[[\n---------------------^\nExpecting 'AMP', 'COLON', 'PIPE', got 'TAGEND'";
    expect(shortError(raw)).toBe("parse error on line 3, unexpected 'TAGEND'");
    expect(errorLine(shortError(raw))).toBe(3);
    expect(shortError('No diagram type detected matching given configuration for text: nonsense')).toMatch(/^no diagram type detected/);
    expect(errorLine('no diagram type detected')).toBeUndefined();
  });
});

describe('planning a diagram', () => {
  it('keeps a long diagram whole on one slide, never split or set smaller, with its labels as notes', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `  N${i}[Step ${i}] --> N${i + 1}`);
    const markdown = ['```mermaid', 'flowchart TD', ...lines, '```'].join('\n');
    const slides = contentSlides([{ kind: 'code', markdown, text: lines.join('\n'), line: 5 }], 'Pipeline', 'en');
    expect(slides).toHaveLength(1);
    expect(slides[0].body).toBe(markdown);
    expect(slides[0].notes).toMatch(/^Diagram: Step 0, Step 1, /);
    expect(slides[0].notes).not.toContain('-->');
  });

  it('lets a short paragraph share the slide with a diagram', () => {
    const markdown = '```mermaid\nflowchart LR\n  A --> B\n```';
    const slides = contentSlides([{ kind: 'html', markdown: '<p>Short intro.</p>', text: 'Short intro.', line: 1 }, { kind: 'code', markdown, text: 'A --> B', line: 3 }], 'Flow', 'en');
    expect(slides).toHaveLength(1);
  });
});

describe('a diagram in slides.pptx', () => {
  it('is the flattened SVG, sized in px from its viewBox, with no CSS variables', () => {
    const flat = '<svg id="d1" viewBox="0 0 200 100" style="max-width: 200px;"><rect fill="var(--lt-code-bg, #f1eee6)"/><text>Start</text></svg>';
    const pic = diagramPicture(new Map<string, DiagramResult>([[FLOW, { svg: SVG, flat }]]), FLOW)!;
    expect(pic.width).toBe(200);
    expect(pic.height).toBe(100);
    const svg = Buffer.from(pic.data.replace(/^image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('width="200px" height="100px"');
    expect(svg).toContain('fill="#f1eee6"');
    expect(svg).not.toContain('max-width');
  });

  it('is nothing for a diagram that was not drawn: the slide shows the source, indented lines and all', () => {
    expect(diagramPicture(new Map<string, DiagramResult>([[FLOW, { error: 'bad' }]]), FLOW)).toBeUndefined();
    expect(diagramPicture(undefined, FLOW)).toBeUndefined();
    // Indented lines carry a style attribute (the hanging indent) and were once dropped from the code box.
    expect(codeLines(FLOW, 'mermaid', pptxTheme('light'), 'en').text).toEqual(['flowchart LR', '  A[Start] --> B[End]']);
  });
});

describe('a diagram too big for the slide', () => {
  it('warns at the fence when its labels would come out too small to read', () => {
    const tall = '<svg viewBox="0 0 300 2000"><text>x</text></svg>';
    const md = createMarkdown({ file: 'talk.md', diagrams: new Map<string, DiagramResult>([[FLOW, { svg: tall }], ['pie\n  "a": 1', { svg: SVG }]]) });
    md(`\`\`\`mermaid\n${FLOW}\n\`\`\``, 7);
    md('```mermaid\npie\n  "a": 1\n```', 20);
    expect(md.diagnostics).toEqual([{ severity: 'warning', message: expect.stringMatching(/scaled down to fit the slide, its labels to about 4px/), pos: { file: 'talk.md', line: 7 } }]);
  });
});
