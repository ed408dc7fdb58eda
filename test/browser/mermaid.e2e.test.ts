import { load } from 'cheerio';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { lecternHere, poppler, root, sharedBrowser } from '../helpers/cli.js';
import { readPptx } from '../export/pptx-read.js';
import { fakeBrowser } from '../helpers/fake-browser.js';
import { fileDir, testDir } from '../helpers/temp.js';

/**
 * Issue #16, diagrams end to end: a fixture with a flowchart, a sequence diagram, a broken
 * diagram, Chinese labels and a `$` in a label, built with --pdf and read back as HTML, PDF
 * text and fonts, then opened offline.
 */
const fixture = join(root, 'test', 'fixtures', 'diagrams', 'diagrams.md');
const out = fileDir('lectern-mermaid-');
const deckDir = join(out, 'diagrams');
/**
 * One browser for the file: the builds run in this process (the CLI's main()) and draw and
 * print in it, and the built deck is opened in it. It is offline, as the CLI's own; the page
 * still sees each request it makes, which is what the test lists.
 */
const session = sharedBrowser();
const lectern = (args: string[]) => lecternHere(args, root, undefined, session);
let build: Awaited<ReturnType<typeof lectern>>;
const html = () => load(readFileSync(join(deckDir, 'index.html'), 'utf8'));

beforeAll(async () => {
  build = await lectern(['build', fixture, '--pdf', '--pptx', '-o', out]);
});

describe('mermaid diagrams, built with --pdf and --pptx', () => {
  it('builds; the broken diagram is a warning at its line, never a failure', () => {
    expect(build.code, build.stderr).toBe(0);
    // Line 41 of the fixture is the diagram's third line, where its fault is.
    expect(build.stdout + build.stderr).toMatch(/diagrams\.md:41: warning: could not draw the mermaid diagram \(parse error on line 3/);
    expect((build.stdout + build.stderr).match(/could not draw/g)).toHaveLength(1);
  });

  it('inlines each diagram as SVG whose labels are SVG text, with no HTML island or script', () => {
    const $ = html();
    const svgs = $('figure.lt-diagram > svg');
    expect(svgs).toHaveLength(4);
    expect($('svg foreignObject, svg script')).toHaveLength(0);
    const labels = svgs.find('text').text();
    for (const label of ['Cache hit?', 'Shopper', 'Reserve stock', '仓库发货', '$5 coffee']) expect(labels).toContain(label);
    // Not typeset as math: "$5 coffee" and "$10 lunch" are not a formula.
    expect($('.katex')).toHaveLength(0);
  });

  it('shows the broken diagram as its source, in a code block', () => {
    const $ = html();
    const source = $('pre.lt-code[data-lang="mermaid"]');
    expect(source).toHaveLength(1);
    expect(source.text()).toContain('Review -->> Publish[[');
  });

  it('puts the labels in the PDF as text, in the deck\'s own fonts', () => {
    const text = poppler('pdftotext', [join(deckDir, 'slides.pdf'), '-']);
    for (const label of ['Reserve stock', '仓库发货', 'Cache hit?']) expect(text).toContain(label);
    const fonts = poppler('pdffonts', [join(deckDir, 'slides.pdf')]);
    expect(fonts).toMatch(/NotoSansSC/);
    expect(fonts).not.toMatch(/DejaVu|Trebuchet|Verdana|Arial|Type 3/i);
  });

  it('embeds each drawn diagram in slides.pptx as an SVG picture that needs no style sheet', async () => {
    const pptx = await readPptx(readFileSync(join(deckDir, 'slides.pptx')));
    const pictures = await Promise.all(pptx.names.filter((n) => /^ppt\/media\/.*\.svg$/.test(n)).map((n) => pptx.xml(n)));
    expect(pictures).toHaveLength(4);
    for (const svg of pictures) expect(svg).not.toMatch(/<style|var\(--|class="/);
    expect(pictures.join('')).toContain('Reserve stock');
    // The broken diagram's slide carries its source as code text.
    const slides = await Promise.all(pptx.slides.map((n) => pptx.xml(n)));
    expect(slides.some((x) => x.includes('Review --&gt;&gt; Publish[['))).toBe(true);
  });

  it('opens with no request outside the deck, every font loaded, and every diagram inside its slide', async () => {
    const result = await session.withPage(async (page) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(deckDir, 'index.html')).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as any).Reveal?.isReady());
      await page.evaluate(() => document.fonts.ready);
      const failed = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family));
      // Each diagram's slide shown in turn: its SVG's box within the slide's frame.
      const boxes = await page.evaluate(() => {
        const R = (window as any).Reveal;
        const slides = R.getSlides() as Element[];
        return slides
          .map((s, i) => ({ s, i }))
          .filter(({ s }) => s.querySelector('.lt-diagram > svg'))
          .map(({ s, i }) => {
            R.slide(i);
            const frame = s.querySelector('.lt-frame')!.getBoundingClientRect();
            const svg = s.querySelector('.lt-diagram > svg')!.getBoundingClientRect();
            return { inside: svg.top >= frame.top - 1 && svg.bottom <= frame.bottom + 1 && svg.left >= frame.left - 1 && svg.right <= frame.right + 1, height: svg.height };
          });
      });
      return { requests, failed, boxes };
    });
    for (const url of result.requests) expect(url.startsWith(pathToFileURL(deckDir).href), url).toBe(true);
    expect(result.failed).toEqual([]);
    expect(result.boxes).toHaveLength(4);
    for (const b of result.boxes) {
      expect(b.inside).toBe(true);
      expect(b.height).toBeGreaterThan(40);
    }
  });
});

describe('mermaid diagrams without a PDF', () => {
  const talk = '# Flows\n\n## One flow\n\n```mermaid\nflowchart LR\n  A[Start] --> B[Stop]\n```\n';

  it('draws them in an HTML-only build too', async () => {
    const dir = testDir('lectern-mermaid-html-');
    writeFileSync(join(dir, 'talk.md'), talk);
    const r = await lectern(['build', join(dir, 'talk.md'), '-o', join(dir, 'out'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    const $ = load(readFileSync(join(dir, 'out', 'talk', 'index.html'), 'utf8'));
    expect($('figure.lt-diagram > svg text').text()).toContain('Stop');
  });

  it('without a browser that starts: a warning per diagram, each shown as its source, and the deck is built', () => {
    const dir = testDir('lectern-mermaid-nobrowser-');
    writeFileSync(join(dir, 'talk.md'), talk);
    const { path: fake, mark } = fakeBrowser(dir);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'lectern.js'), 'build', join(dir, 'talk.md'), '-o', join(dir, 'out')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CHROME_PATH: fake } });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(mark)).toBe(true);
    expect(r.stdout + r.stderr).toMatch(/talk\.md:5: warning: could not draw the mermaid diagram \(the browser could not draw it/);
    const $ = load(readFileSync(join(dir, 'out', 'talk', 'index.html'), 'utf8'));
    expect($('svg')).toHaveLength(0);
    expect($('pre.lt-code[data-lang="mermaid"]').text()).toContain('A[Start] --> B[Stop]');
  });
});
