import { load } from 'cheerio';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { plan } from '../../src/plan/index.js';
import { render } from '../../src/render/index.js';
import { assertTemplates, loadTemplates } from '../../src/render/templates.js';
import { LecternError } from '../../src/errors.js';
import { testDir } from '../helpers/temp.js';

const templates = loadTemplates();
const opts = { templates, sourceDir: tmpdir(), width: 1280, height: 720, version: 'test' };

function build(md: string) {
  const p = plan(ingestMarkdown(md, 'deck.md'), defaults);
  return { p, r: render(p, opts) };
}

const en = `# Light and Glass\n\n## Lenses\n\n> Every lens is a question about where light should go.\n\n— Ora Lind\n\n<b>bold?</b> <script>alert(1)</script> Some **prose** about lenses and glass and how they bend light toward a point.\n\n## Mirrors\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`;

describe('render', () => {
  it('writes one <section data-template> per planned slide, with notes', () => {
    const { p, r } = build(en);
    const $ = load(r.html);
    const sections = $('.slides > section');
    expect(sections).toHaveLength(p.slides.length);
    sections.each((i, el) => {
      expect($(el).attr('data-template')).toBe(p.slides[i].template);
      expect($(el).find('aside.notes').text().length).toBeGreaterThan(0);
    });
  });

  it('marks pull quotes up as blockquote.pull-quote with the speaker in <cite>', () => {
    const $ = load(build(en).r.html);
    const q = $('blockquote.pull-quote');
    expect(q).toHaveLength(1);
    expect(q.find('p').text()).toBe('Every lens is a question about where light should go.');
    expect(q.find('cite').text()).toContain('Ora Lind');
  });

  it('sets <html lang> from the content', () => {
    expect(load(build(en).r.html)('html').attr('lang')).toBe('en');
    expect(load(build('# 光\n\n## 透镜\n\n透镜把光线汇聚到一点，这是光学的基础。').r.html)('html').attr('lang')).toBe('zh-CN');
  });

  it('escapes text and never emits script from the content', () => {
    const { r } = build(en);
    const $ = load(r.html);
    expect($('script').length).toBe(3); // reveal.js, notes plugin, initialise
    expect($('script').filter((_, el) => $(el).text().includes('alert')).length).toBe(0);
  });

  it('references only files inside the deck (no CDN, no web fonts)', () => {
    const { r } = build(en);
    expect(r.html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const css = r.files.find((f) => f.path === 'fonts/fonts.css')!.content!;
    expect(css).not.toMatch(/https?:/);
    const $ = load(r.html);
    const refs = [...$('link[href]').map((_, el) => $(el).attr('href')), ...$('script[src]').map((_, el) => $(el).attr('src'))];
    const paths = new Set(r.files.map((f) => f.path));
    for (const ref of refs) expect(paths.has(ref!)).toBe(true);
  });

  it('ships only the font subsets the text needs', () => {
    const enFonts = build(en).r.files.filter((f) => f.path.endsWith('.woff2'));
    const zhFonts = build('# 光与玻璃\n\n## 透镜\n\n透镜把光线汇聚到一点，这是光学的基础。镜子则把光反射回来。').r.files.filter((f) => f.path.endsWith('.woff2'));
    expect(enFonts.length).toBeGreaterThan(0);
    expect(enFonts.length).toBeLessThanOrEqual(6);
    expect(zhFonts.length).toBeGreaterThan(enFonts.length);
    expect(zhFonts.length).toBeLessThan(60);
  });

  it('renders tables through marked', () => {
    const $ = load(build(en).r.html);
    expect($('section[data-template="content"] table td').first().text()).toBe('1');
  });

  it('copies local images inside the content folder and refuses ones outside it', () => {
    const dir = testDir('lectern-img-');
    writeFileSync(join(dir, 'pic.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const p = plan(ingestMarkdown('# T\n\n## S\n\n![a pic](pic.svg)\n\n## U\n\n![bad](../secret.svg)\n', 'x.md'), defaults);
    const r = render(p, { ...opts, sourceDir: dir });
    expect(r.files.some((f) => f.path === 'pic.svg')).toBe(true);
    expect(r.diagnostics.some((d) => /outside the content folder/.test(d.message))).toBe(true);
    expect(r.html).not.toContain('../secret.svg');
  });

  it('lists the available templates when one is unknown', () => {
    expect(() => assertTemplates(['quote', 'nope'], templates, 'deck.md')).toThrow(LecternError);
    expect(() => assertTemplates(['nope'], templates, 'deck.md')).toThrow(/^deck\.md: unknown template "nope"; available templates: agenda, closing, content, image-beside, points, question, quote, section, title, two-column$/);
  });
});

describe('Chinese display text', () => {
  it('puts <wbr> between words of a title and keeps its text', () => {
    const doc = ingestMarkdown('# 把图书馆开进旧粮站：对话乡村馆长\n\n## 为什么回到村里？\n\n正文一段。\n', 'talk.md');
    const deck = plan(doc, defaults);
    const html = render(deck, { templates: loadTemplates(), sourceDir: '.', width: 1280, height: 720, version: '0' }).html;
    const h1 = /<h1 class="lt-title lt-phrased">(.*?)<\/h1>/s.exec(html)?.[1] ?? '';
    expect(h1).toContain('<wbr>');
    expect(h1.replaceAll('<wbr>', '')).toBe('把图书馆开进旧粮站：对话乡村馆长');
  });
});
