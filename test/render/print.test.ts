import { load } from 'cheerio';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { plan } from '../../src/plan/index.js';
import { render } from '../../src/render/index.js';
import { printGeometry, printPages } from '../../src/render/print.js';
import { loadTemplates } from '../../src/render/templates.js';
import { testDir } from '../helpers/temp.js';

const talk = `---\ntitle: Glass\nauthor: Ora Lind\n---\n\n## Lenses\n\n- one point about lenses\n- two points about lenses\n- three points about lenses\n\n## Mirrors\n\nSome prose about mirrors and how they turn light around.\n`;

describe('printGeometry', () => {
  it('adds reveal.js’s margin to the page and centres the slide on it', () => {
    expect(printGeometry(1280, 720, 0.04)).toEqual({ width: 1280, height: 720, pageWidth: 1331, pageHeight: 748, left: 25.5, top: 14 });
    expect(printGeometry(1920, 1080, 0)).toEqual({ width: 1920, height: 1080, pageWidth: 1920, pageHeight: 1080, left: 0, top: 0 });
  });
});

describe('printPages', () => {
  const g = printGeometry(1280, 720, 0.04);

  it('puts each slide on a page with its background before it and its number after it', () => {
    const html = printPages(['<section data-slide="0" class="lt lt-t-title"><h1>A</h1></section>', '<section data-slide="1"><p>B</p></section>'], g);
    const $ = load(html);
    const pages = $('.pdf-page');
    expect(pages).toHaveLength(2);
    expect(pages.eq(0).attr('style')).toBe('height: 747px;');
    expect(pages.eq(0).children().map((_, e) => $(e).attr('class')).get()).toEqual(['slide-background lt lt-t-title present', 'lt lt-t-title present', 'slide-number slide-number-pdf']);
    expect(pages.eq(1).children().map((_, e) => $(e).attr('class')).get()).toEqual(['slide-background future', 'present', 'slide-number slide-number-pdf']);
    expect($('section').eq(0).attr('style')).toBe('display: block; left: 25.5px; top: 14px; width: 1280px;');
    expect($('.slide-number-pdf').map((_, e) => $(e).text()).get()).toEqual(['1', '2']);
  });

  it('refuses a slide that is not a section', () => {
    expect(() => printPages(['<div>no</div>'], g)).toThrow(/slide 0/);
  });
});

describe('render: the print view', () => {
  it('has the same slides as the deck, one per page, and loads no script', () => {
    const p = plan(ingestMarkdown(talk, 'deck.md'), defaults);
    const r = render(p, { templates: loadTemplates(), sourceDir: tmpdir(), width: 1280, height: 720, version: 'test' });
    const deck = load(r.html);
    const print = load(r.printHtml!);
    expect(print('html').attr('class')).toBe('reveal-full-page reveal-print print-pdf');
    expect(print('.slides > .pdf-page')).toHaveLength(p.slides.length);
    expect(print('.pdf-page > section').map((_, e) => print(e).attr('data-slide')).get()).toEqual(deck('.slides > section').map((_, e) => deck(e).attr('data-slide')).get());
    expect(print('script[src]')).toHaveLength(0);
    expect(print('link[rel=stylesheet]').map((_, e) => print(e).attr('href')).get()).toEqual(deck('link[rel=stylesheet]').map((_, e) => deck(e).attr('href')).get());
    expect(print('style').first().text()).toBe('@page{size:1331px 748px; margin: 0px;}');
  });

  it('is left out with a templates folder: custom markup is printed by reveal.js', () => {
    const dir = testDir('lectern-print-');
    mkdirSync(join(dir, 'slides'));
    writeFileSync(join(dir, 'slides', 'points.hbs'), '<ul class="mine">{{#each points}}<li>{{this}}</li>{{/each}}</ul>');
    const p = plan(ingestMarkdown(talk, 'deck.md'), defaults);
    const r = render(p, { templates: loadTemplates(dir), sourceDir: tmpdir(), width: 1280, height: 720, version: 'test' });
    expect(r.html).toContain('class="mine"');
    expect(r.printHtml).toBeUndefined();
  });
});
