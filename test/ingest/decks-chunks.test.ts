import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import type { AuthoredSlide } from '../../src/model/deck.js';
import { defaults } from '../../src/config/schema.js';
import { withoutEmptySlides } from '../../src/plan/empty-slides.js';
import { plan } from '../../src/plan/index.js';
import { decksDir } from './decks-cases.js';

/**
 * Issue #16, Quarto's code chunks as a Quarto user sees them: a chunk that hides its code
 * (`echo: false`, `include: false`, per chunk, in the chunk header or for the document, and
 * reveal.js's own default) is not a listing on the slide; its caption goes to the notes with
 * one warning a slide, since Lectern runs no code; `#|` option lines never show.
 */
const file = join(decksDir, 'quarto-chunks.qmd');
const text = readFileSync(file, 'utf8');
const shown = (s: AuthoredSlide) => [s.title, s.subtitle, s.body, ...(s.columns ?? [])].filter(Boolean).join('\n');
const deck = (body: string, front = 'format: revealjs') => ingest(`---\n${front}\n---\n\n${body}`, 'talk.qmd');
const bodies = (body: string, front?: string) => deck(body, front).deck!.slides.map((s) => s.body);

describe('Quarto code chunks: what the author hid stays hidden', () => {
  const doc = ingest(text, 'quarto-chunks.qmd');
  const slides = doc.deck!.slides;

  it('reads the fixture as Quarto, the setup chunk making no slide of its own', () => {
    expect(doc.deck?.dialect).toBe('quarto');
    expect(slides.map((s) => s.title)).toEqual(['Reading a Tide Gauge', 'Two tides a day', 'Reading the level', 'Loading the data yourself', undefined, 'How to write a chunk']);
  });

  it('shows no hidden code and no #| option line of a chunk', () => {
    const all = slides.map(shown).join('\n');
    for (const hidden of ['library(ggplot2)', 'geom_line', 'plot(tides$range)', 'plot(tides$neap)', '#| label', '#| fig-cap', '#| echo: true', '#| eval', 'fig.cap']) expect(all).not.toContain(hidden);
  });

  it('keeps the chunks that show their code as listings in their language, eval: false ones too', () => {
    expect(slides[2].body).toContain('```r\nhigh <- max(tides$level)\nhigh\n```');
    expect(slides[3].body).toBe('```python\nimport pandas as pd\ntides = pd.read_csv("tides.csv")\n```');
  });

  it('keeps the text beside a hidden chunk, and inline `r` code as code', () => {
    expect(slides[1].body).toBe('The sea rises and falls about every twelve hours.');
    expect(slides[2].body).toContain('`r round(high, 1)`');
  });

  it("puts a hidden chunk's caption in its slide's notes, with one file:line warning a slide", () => {
    expect(slides[1].notes).toEqual(['Point at the spring tide on Thursday.', 'Water level at the harbour over one week']);
    expect(slides[3].notes).toEqual(['Daily range, spring to neap']);
    expect(slides[4].notes).toEqual(["Mention the moon's quarter phases.", 'Neap tides, a quieter week']);
    const lost = doc.diagnostics.filter((d) => /chunk output is not shown; Lectern does not run code/.test(d.message));
    expect(lost.map((d) => d.pos?.line)).toEqual([22, 51, 57]);
    expect(lost.every((d) => d.pos?.file === 'quarto-chunks.qmd' && /caption is in the notes/.test(d.message))).toBe(true);
  });

  it('leaves fences that are not chunks as written: {{r}} shows a chunk with its options; mermaid is drawn', () => {
    expect(slides[5].body).toContain('```{{r}}\n#| echo: false\nplot(tides$level)\n```');
    expect(slides[5].body).toContain('```mermaid\nflowchart LR');
  });

  it('plans the slide left empty away, its notes and captions on the slide before', () => {
    const planned = withoutEmptySlides(plan(doc, defaults), { images: [] });
    expect(planned.slides.map((s) => s.title)).toEqual(['Reading a Tide Gauge', 'Two tides a day', 'Reading the level', 'Loading the data yourself', 'How to write a chunk']);
    expect(planned.slides[3].notes).toMatch(/Daily range, spring to neap\n\nMention the moon's quarter phases\.\n\nNeap tides, a quieter week/);
  });
});

describe('Quarto code chunks: where the options come from', () => {
  const code = '## Code\n\nWords.\n\n```{r}\nx <- 1\n```\n';

  it("reveal.js hides code unless told otherwise, as Quarto's presentation formats do", () => {
    expect(bodies(code)).toEqual(['Words.']);
    expect(bodies(code, 'format:\n  my-theme-revealjs:\n    logo: x.png')).toEqual(['Words.']);
  });

  it('the warning says why the code is hidden: the chunk or the document asked, or reveal.js hides it by default', () => {
    const why = (front: string, chunk = '') => deck(`## A\n\n\`\`\`{r}\n${chunk}plot(1)\n\`\`\`\n`, front).diagnostics.find((d) => /chunk output/.test(d.message))?.message;
    expect(why('format: revealjs')).toBe('chunk output is not shown; Lectern does not run code (reveal.js hides chunk code unless echo: true)');
    expect(why('format: revealjs', '#| echo: false\n')).toBe('chunk output is not shown; Lectern does not run code (the chunk hides its code: echo: false)');
    expect(why('format: revealjs\nexecute:\n  echo: false')).toMatch(/\(the chunk hides its code: echo: false\)$/);
  });

  it('code-fold and echo: fenced still show the code', () => {
    expect(bodies(code, 'format:\n  revealjs:\n    code-fold: true\n    echo: true')).toEqual(['Words.\n\n```r\nx <- 1\n```']);
    expect(bodies('## A\n\n```{r}\n#| echo: fenced\n#| code-fold: true\nx <- 1\n```\n')).toEqual(['```r\nx <- 1\n```']);
  });

  it('the document shows code with execute: echo: true, under the format, or with knitr opts_chunk', () => {
    const listing = ['Words.\n\n```r\nx <- 1\n```'];
    expect(bodies(code, 'format: revealjs\nexecute:\n  echo: true')).toEqual(listing);
    expect(bodies(code, 'format:\n  revealjs:\n    echo: true')).toEqual(listing);
    expect(bodies(code, 'format:\n  revealjs:\n    execute:\n      echo: true')).toEqual(listing);
    expect(bodies(code, 'format: revealjs\nknitr:\n  opts_chunk:\n    echo: true')).toEqual(listing);
    // The format's options win over the document's, the chunk's over both.
    expect(bodies(code, 'execute:\n  echo: true\nformat:\n  revealjs:\n    echo: false')).toEqual(['Words.']);
    expect(bodies('## Code\n\n```{r}\n#| echo: false\nx <- 1\n```\n\nWords.\n', 'format: revealjs\nexecute:\n  echo: true')).toEqual(['Words.']);
  });

  it('a .qmd deck that names no presentation format shows code (Quarto renders it as HTML)', () => {
    const doc = ingest(`## Code\n\n\`\`\`{python}\nprint(1)\n\`\`\`\n\n::: notes\nSay it.\n:::\n`, 'plain.qmd');
    expect(doc.deck?.dialect).toBe('quarto');
    expect(doc.deck!.slides[0].body).toBe('```python\nprint(1)\n```');
  });

  it("reads knitr's chunk header options: echo=FALSE, include=F, echo=TRUE, fig.cap with a comma", () => {
    const front = 'format: revealjs\nexecute:\n  echo: true';
    expect(bodies('## A\n\n```{r, echo=FALSE}\nplot(1)\n```\n\nText.\n', front)).toEqual(['Text.']);
    expect(bodies('## A\n\n```{r setup, include=F}\nlibrary(x)\n```\n\nText.\n', front)).toEqual(['Text.']);
    expect(bodies('## A\n\n```{r echo=TRUE}\n1 + 1\n```\n', 'format: revealjs')).toEqual(['```r\n1 + 1\n```']);
    const d = deck('## A\n\n```{r, fig.cap="Left, then right", echo = FALSE}\nplot(1)\n```\n\nText.\n');
    expect(d.deck!.slides[0].notes).toEqual(['Left, then right']);
  });

  it('a hidden chunk with no output to lose (include: false, eval: false, output: false) gives no warning', () => {
    for (const option of ['include: false', 'eval: false', 'output: false']) {
      const d = deck(`## A\n\n\`\`\`{r}\n#| ${option}\n#| fig-cap: "Never drawn"\nplot(1)\n\`\`\`\n\nText.\n`);
      expect(d.deck!.slides[0].body, option).toBe('Text.');
      expect(d.deck!.slides[0].notes, option).toEqual([]);
      expect(d.diagnostics.filter((x) => /chunk output/.test(x.message)), option).toEqual([]);
    }
  });

  it('several figures of one chunk (fig-cap as a list), and a table caption, all go to the notes', () => {
    const d = deck('## A\n\n```{r}\n#| fig-cap:\n#|   - "First"\n#|   - "Second"\nplot(1); plot(2)\n```\n\n```{r}\n#| tbl-cap: "Counts"\nknitr::kable(x)\n```\n');
    expect(d.deck!.slides[0].notes).toEqual(['First\n\nSecond\n\nCounts']);
    expect(d.diagnostics.filter((x) => /chunk output/.test(x.message)).map((x) => x.pos?.line)).toEqual([7]);
  });

  it('a title whose slide held only hidden chunks stays, as a statement', () => {
    const s = deck('## Results\n\n```{r}\n#| fig-cap: "All of them"\nplot(1)\n```\n\n## Next\n\nMore.\n').deck!.slides[0];
    expect(s.title).toBe('Results');
    expect(s.body).toBe('');
    expect(s.notes).toEqual(['All of them']);
  });

  it('a `#|` line in the middle of a chunk, or in a fence that is no chunk, is code', () => {
    expect(bodies('## A\n\n```{r}\n#| echo: true\nx <- 1\n#| not an option here\n```\n')).toEqual(['```r\nx <- 1\n#| not an option here\n```']);
    expect(bodies('## A\n\n```r\n#| echo: false\nx <- 1\n```\n')).toEqual(['```r\n#| echo: false\nx <- 1\n```']);
  });
});
