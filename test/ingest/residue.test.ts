import { load } from 'cheerio';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { stripResidue } from '../../src/ingest/residue.js';
import { plan } from '../../src/plan/index.js';
import { render } from '../../src/render/index.js';
import { loadTemplates } from '../../src/render/templates.js';
import { RESIDUE } from '../helpers/residue.js';

const fixture = () => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'lectures', 'site-residue.md'), 'utf8');


describe('stripResidue', () => {
  it('keeps the number of lines, so positions stay right', () => {
    const src = fixture();
    expect(stripResidue(src).split('\n').length).toBe(src.split('\n').length);
  });

  it('leaves fenced code and inline code alone', () => {
    const out = stripResidue(fixture());
    expect(out).toContain('{% for row in table %}{{ row.time }} {{ row.height }}{% endfor %}');
    expect(out).toContain('`{{ page.title }}`');
  });

  it('resolves reference links and removes their definitions', () => {
    const out = stripResidue('See the [chart][c], the [Map], and [this][].\n\n[c]: https://e.org/c "C"\n[map]: https://e.org/m\n[this]: <https://e.org/t>\n');
    expect(out).toContain('[chart](https://e.org/c)');
    expect(out).toContain('[Map](https://e.org/m)');
    expect(out).toContain('[this](https://e.org/t)');
    expect(out).not.toMatch(/^\[c\]:/m);
  });

  it('drops MkDocs snippet includes, and a content tab that held only them', () => {
    const src = '=== "C++"\n    ```cpp\n    --8<-- "code/a.cpp:core"\n    ```\n\n=== "Python"\n    ```python\n    print(1)\n    ```\n';
    const out = stripResidue(src);
    expect(out).not.toContain('8<');
    expect(out).not.toContain('C++');
    expect(out).toContain('**Python**\n```python\nprint(1)\n```');
    expect(out.split('\n').length).toBe(src.split('\n').length);
  });

  it('says which listings were snippet includes left out, by source line, in one warning', () => {
    const doc = [
      '---', 'title: Bit tricks', '---', '', '## Absolute value', '', 'Faster than a branch on some machines.', '',
      '```cpp', '--8<-- "code/bit.cpp:abs"', '```', '', '## Swap', '', '```cpp', 'std::swap(a, b);', '```', '', '```python', '--8<-- "code/bit.py:swap"', '```', '',
    ].join('\n');
    const d = ingestMarkdown(doc, 'bits.md').diagnostics.filter((x) => /snippet include/.test(x.message));
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('warning');
    expect(d[0]!.pos?.line).toBe(9);
    expect(d[0]!.message).toMatch(/^2 listings are snippet includes \(--8<--, lines 9, 19\) whose code is in other files; left out of the deck: paste the code in to show it$/);
    // A document without includes says nothing of them.
    expect(ingestMarkdown(doc.replace(/--8<-- "[^"]+"/g, 'x = 1'), 'bits.md').diagnostics.filter((x) => /snippet/.test(x.message))).toEqual([]);
  });

  it('keeps one of d2lbook\'s per-framework copies of a listing, without its #@tab line', () => {
    const src = ['```{.python .input}', 'import mxnet', '```', '', '```{.python .input}', '#@tab pytorch', 'import torch', '```', '', '```{.python .input}', '#@tab tensorflow', 'import tensorflow', '```', '', 'After.'].join('\n');
    const out = stripResidue(src);
    expect(out).toContain('```{.python .input}\nimport torch\n```');
    expect(out).not.toMatch(/mxnet|tensorflow|#@tab/);
    expect(out.split('\n').length).toBe(src.split('\n').length);
    expect(stripResidue('```python\n#@tab all\nx = 1\n```')).toBe('```python\nx = 1\n```\n');
  });

  it('turns an MkDocs admonition into a bold title and its body', () => {
    expect(stripResidue('!!! warning "Careful"\n    Hot water.\n\nAfter.')).toBe('**Careful**\nHot water.\n\nAfter.');
  });
});

describe('site-generator residue on slides', () => {
  const templates = loadTemplates();
  const build = () => {
    const doc = ingestMarkdown(fixture(), 'site-residue.md');
    const p = plan(doc, defaults);
    return { doc, p, html: render(p, { templates, sourceDir: tmpdir(), width: 1280, height: 720, version: 'test' }).html };
  };

  it('shows none of the residue patterns on any slide', () => {
    const $ = load(build().html);
    $('aside.notes, pre, code').remove();
    $('.lt-frame').each((_, el) => {
      const text = $(el).text();
      for (const pattern of RESIDUE) expect(text, `slide text: ${text.slice(0, 200)}`).not.toMatch(pattern);
    });
    const all = $('.lt-frame').text();
    expect(all).not.toContain('TODO: add the diagram');
    expect(all).toContain('Times are local');
  });

  it('drops the document’s own table of contents, and renders Markdown inside markdown="1"', () => {
    const { p, html } = build();
    const $ = load(html);
    expect(p.slides.filter((s) => s.template === 'content' && /\(#/.test(s.body ?? ''))).toEqual([]);
    expect($('.lt-frame').text()).not.toContain('Table of Contents');
    expect(JSON.stringify(p)).not.toContain('<div class="callout"');
  });

  it('makes the pull-quote aside a quote slide with its credit as text', () => {
    const { p } = build();
    const quote = p.slides.find((s) => s.template === 'quote');
    expect(quote?.quote?.text).toContain('one afternoon on a pier');
    expect(quote?.quote?.by).toContain('@harbourmaster');
    expect(quote?.quote?.by).toContain('Notes from the pier');
    expect(quote?.quote?.by).not.toMatch(/\]\(|https?:/);
  });

  it('maps description to the subtitle and shows the date as the language writes it', () => {
    const { doc, p } = build();
    expect(doc.meta.subtitle).toBe('How the moon moves the sea, in four short parts');
    expect(doc.meta.date).toBe('2019-04-07');
    expect(p.slides[0].kicker).toBe('Jun Halvorsen · 7 April 2019');
  });
});

describe('fenced divs nested in fenced divs (#16)', () => {
  it("a heading in a div inside a div with a heading goes one level below it, so an exercise's solution is no topic of its own", () => {
    const src = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'lectures', 'exercises.md'), 'utf8');
    const out = stripResidue(src).split('\n');
    expect(out.length).toBe(src.split('\n').length);
    expect(out.filter((l) => l.startsWith('#'))).toEqual(['## Why count', '## Which day is busiest', '### Solution', '## Making it fair', '## Rain days', '### Solution']);
    expect(out.some((l) => /^\s*:{3,}/.test(l))).toBe(false);
    // A single div (a Quarto callout) keeps its heading's level.
    expect(stripResidue('::: {.callout-note}\n## Note\nText\n:::').split('\n')[1]).toBe('## Note');
  });

  it('plans each exercise with its prompt shown and its solution as a part of it; the agenda names only the topics and exercises', () => {
    const src = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'lectures', 'exercises.md'), 'utf8');
    const deck = plan(ingest(src, 'exercises.md', {}), defaults);
    const agenda = deck.slides.find((s) => s.template === 'agenda');
    expect(agenda?.items).toEqual(['Why count', 'Which day is busiest', 'Making it fair', 'Rain days']);
    const shown = JSON.stringify(deck.slides.filter((s) => s.template !== 'section').map((s) => [s.points, s.body, s.question?.text]));
    // The prompts are on slides, not only in a divider's notes.
    expect(shown).toContain('find the weekday with the most sightings');
    expect(shown).toContain('What should we do with a walk that was cut short by rain');
    expect(deck.outline.filter((o) => o.title === 'Solution').map((o) => o.level)).toEqual([3, 3]);
  });
});
