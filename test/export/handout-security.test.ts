import { load } from 'cheerio';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../../src/browser/launch.js';
import { cssString, deckSlide, handoutCsp, handoutHtml } from '../../src/export/handout/html.js';
import { buildFile, prepare } from '../../src/pipeline.js';
import { builtInTemplatesDir } from '../../src/render/templates.js';
import { poppler } from '../helpers/cli.js';
import { listen, type Listener } from '../browser/listener.js';
import { fileDir } from '../helpers/temp.js';

/**
 * The deck's title and date go into the handout page's `<style>` (the page header and footer);
 * section names, notes and slides into its body. Text that closes the style sheet and opens a
 * script must stay text: no script may run while the handout prints, and no markup of the
 * deck's text may show as markup.
 */
const work = fileDir('lectern-handout-sec-');
const session = browserSession({ env: process.env, timeoutMs: 60_000 });
let listener: Listener;
beforeAll(async () => {
  listener = await listen();
});
afterAll(async () => {
  await session.close();
  await listener?.close(); // undefined when beforeAll did not run
});

/** A script that calls the listener and, should it run, prints SCRIPTRAN (never spelled out in the deck). */
const payload = (at: string) => `</style><script>new WebSocket('ws://${at}/ws'); fetch('http://${at}/f'); document.documentElement.append('SCRIPT' + 'RAN')</script><h1>PWNED</h1>`;

/** Decks whose title arrives each way a title can: front matter, a `# heading`, a .txt `Title:` line. */
function decks(at: string): Record<string, string> {
  const body = '\n\nThe first part has some prose, enough for a slide of its own about light and shadow.\n\n';
  return {
    'front.md': `---\ntitle: "Light ${payload(at).replace(/"/g, '\\"')}"\ndate: "2025-09-01 ${payload(at).replace(/"/g, '\\"').replace('PWNED', 'DATEPWNED')}"\nlang: en\n---\n\n# Light${body}## Part \`</style><h1>SECTIONPWNED</h1>\`${body}`,
    'heading.md': `# Light \`${payload(at)}\`${body}## Part \`</style><h1>SECTIONPWNED</h1>\`${body}`,
    'title.txt': `Title: Light ${payload(at)}\nDate: 2025-09-01\n${body}A second paragraph of prose about the edges of shadows and why they blur.\n`,
  };
}

function write(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

/** Lines of the PDF's text that are only `word`: an injected heading shows so; the escaped title text never does. */
function bareLines(text: string, word: string): string[] {
  return text.split('\n').filter((l) => l.trim() === word);
}

describe('cssString', () => {
  it('writes every character but ASCII letters, digits and the space as a hex escape', () => {
    expect(cssString('Light and Shadow 2')).toBe('"Light and Shadow 2"');
    expect(cssString('</style>')).toBe('"\\3c \\2f style\\3e "');
    expect(cssString('a"b\\c;}')).toBe('"a\\22 b\\5c c\\3b \\7d "');
    expect(cssString('影子')).toBe('"\\5f71 \\5b50 "');
  });

  it('escapes astral characters by code point, not by UTF-16 half', () => {
    expect(cssString('😀x')).toBe('"\\1f600 x"');
  });

  it('turns line breaks into spaces', () => {
    expect(cssString('a\r\nb\nc')).toBe('"a b c"');
  });

  it('never lets the literal end a style element, a string, a declaration or a rule', () => {
    const all = Array.from({ length: 0x250 }, (_, i) => String.fromCodePoint(i)).join('') + '\u2028\u{1F600}';
    const s = cssString(all);
    expect(s.slice(1, -1)).toMatch(/^[A-Za-z0-9 \\]*$/);
  });
});

describe('handoutHtml with markup in the deck text', () => {
  const at = '127.0.0.1:9';
  for (const [name, text] of Object.entries(decks(at))) {
    it(`${name}: title, date and section names stay text; one style sheet, no script`, () => {
      const p = prepare(write(`unit-${name}`, text), { quiet: true });
      expect(p.plan.title).toContain('</style><script>');
      const date = p.plan.date ?? '2025-09-01 </style><script>x()</script><h1>DATEPWNED</h1>';
      for (const layout of ['notes', '3up'] as const) {
        const html = handoutHtml({
          plan: p.plan,
          slides: p.rendered.slides.map(deckSlide),
          stylesheets: p.rendered.stylesheets,
          css: '',
          fontCss: '',
          base: '../',
          layout,
          paper: 'a4',
          date,
        });
        const $ = load(html);
        expect($('script').length).toBe(0);
        expect($('style').length).toBe(1);
        // The whole @page rule is inside the style sheet: header, footer date, page numbers.
        const css = $('style').text();
        expect(css).toContain('@top-left');
        expect(css).toContain('@bottom-right');
        expect(css).not.toMatch(/<\/style/i);
        expect($('title').text()).toBe(p.plan.title);
        // Section labels show the section's name as text.
        for (const label of $('.hb-section').toArray()) expect($(label).children().length).toBe(0);
        // The title slide's heading holds the title as text; no element is the injected heading.
        expect($('*').filter((_, e) => /^(DATE|SECTION)?PWNED$/.test($(e).text().trim())).length).toBe(0);
        expect($('meta[http-equiv="Content-Security-Policy"]').attr('content')).toBe(handoutCsp);
      }
    });
  }

  it('the policy forbids scripts, and comes before anything that could load or run', () => {
    expect(handoutCsp).toContain("script-src 'none'");
    expect(handoutCsp).toContain("object-src 'none'");
    const p = prepare(write('order.md', '# Order\n\nSome text for a slide.\n'), { quiet: true });
    const html = handoutHtml({ plan: p.plan, slides: p.rendered.slides.map(deckSlide), stylesheets: p.rendered.stylesheets, css: '', fontCss: '', base: '../', layout: 'notes', paper: 'a4' });
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf('Content-Security-Policy')).toBeGreaterThan(0);
    expect(head.indexOf('Content-Security-Policy')).toBeLessThan(Math.min(head.indexOf('<base'), head.indexOf('<title'), head.indexOf('<link'), head.indexOf('<style')));
  });
});

describe('a handout of a deck whose title and date hold a script (real Chromium)', () => {
  for (const name of ['front.md', 'heading.md', 'title.txt']) {
    it(`${name}: no script runs while it prints, and no injected markup shows`, async () => {
      const at = `127.0.0.1:${listener.port}`;
      const src = write(name, decks(at)[name]);
      const built = await buildFile(src, { outDir: join(work, 'out'), handout: '3up', quiet: true }, session);
      const text = poppler('pdftotext', [join(built.deckDir, 'handout.pdf'), '-']);
      expect(listener.hits).toEqual([]);
      expect(text).not.toContain('SCRIPTRAN');
      expect(bareLines(text, 'PWNED')).toEqual([]);
      expect(bareLines(text, 'DATEPWNED')).toEqual([]);
      expect(bareLines(text, 'SECTIONPWNED')).toEqual([]);
      // The title is still the header, as text.
      expect(text).toContain('Light </style><script>');
    }, 60_000);
  }

  it('runs no script a custom slide template puts on a slide (Content-Security-Policy)', async () => {
    // Custom templates may run scripts in the deck itself; the handout is a printout and runs none.
    const templates = join(work, 'templates');
    mkdirSync(templates, { recursive: true });
    const title = readFileSync(join(builtInTemplatesDir, 'slides', 'title.hbs'), 'utf8');
    writeFileSync(join(templates, 'title.hbs'), `${title}\n<script>document.body.insertAdjacentHTML('afterbegin', '<p>SCRIPT' + 'RAN</p>')</script>\n`);
    cpSync(join(builtInTemplatesDir, 'layout.hbs'), join(templates, 'layout.hbs'));
    const src = write('scripted.md', '# Scripted\n\nA paragraph of prose for the first slide, long enough to stand alone.\n\n## Next\n\nAnother paragraph.\n');
    const built = await buildFile(src, { outDir: join(work, 'out'), handout: 'notes', templatesDir: templates, quiet: true }, session);
    expect(readFileSync(join(built.deckDir, 'index.html'), 'utf8')).toContain("'<p>SCRIPT' + 'RAN</p>'");
    const text = poppler('pdftotext', [join(built.deckDir, 'handout.pdf'), '-']);
    expect(text).toContain('Scripted');
    expect(text).not.toContain('SCRIPTRAN');
  }, 60_000);
});
