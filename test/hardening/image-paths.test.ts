import { load } from 'cheerio';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localImages } from '../../src/render/images.js';
import { lectern } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';

/**
 * Image paths with backslashes. Chromium reads `\` as `/` in file: URLs, so
 * `<img src="..\..\x.png">` in a deck opened from disk loads a file outside the deck, while
 * Node (on POSIX) saw one odd file name inside the folder, found nothing and kept the tag.
 * Now `\` is `/` before the path is judged, and an image refused or not found is a
 * placeholder, never the `src` as written.
 */
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e0ee2c0000000049454e44ae426082', 'hex');

function setup() {
  const work = testDir('lectern-bsl-');
  const content = join(work, 'talks', 'content');
  mkdirSync(join(content, 'sub'), { recursive: true });
  mkdirSync(join(work, 'x'));
  const outside = join(work, 'x', 'outside.png');
  writeFileSync(outside, png);
  writeFileSync(join(content, 'pic.png'), png);
  writeFileSync(join(content, 'sub', 'pic.png'), png);
  // A file inside the folder whose name has a backslash in it (legal on POSIX).
  writeFileSync(join(content, 'we\\ird.png'), png);
  // From the content folder to the outside file, with backslashes: ..\..\x\outside.png
  const up = relative(content, outside).split('/').join('\\');
  return { work, content, outside, up };
}

/** `<img>` tags whose src, read as a browser reads it, must not leave the deck. */
function hostileImages(up: string): string[] {
  const amp = (s: string) => s.replace(/\\/g, '&#92;');
  return [
    `<img src="${up}" alt="raw">`,
    `<img src="a/..\\${up}" alt="a-dot-dot">`,
    `<img src="${amp(up)}" alt="decimal">`,
    `<img src="${up.replace(/\\/g, '&#x5c;')}" alt="hex">`,
    `<img src="${up.replace(/\\/g, '&bsol;')}" alt="bsol">`,
    `<img src="${up.replace(/\\/g, '%5C')}" alt="percent">`,
    `<img src="${up.replace(/\\/g, '\\&#9;')}" alt="tab">`,
    `<img src=" ${up} " alt="spaces">`,
    `<img src="\\${up}" alt="leading">`,
    `<img src="sub\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\etc\\passwd.png" alt="deep">`,
    `<img src="..\\..\\..\\..\\tmp\\x\\outside.png" alt="brief">`,
  ];
}

/** Every `src` in the page: none may have a backslash or lead out of `deckDir`. */
function expectSrcsInside(html: string, deckDir: string) {
  const $ = load(html);
  const srcs = $('img[src]').map((_, el) => $(el).attr('src')!).get();
  for (const src of srcs) {
    expect(src, src).not.toMatch(/\\|%5c/i);
    if (/^data:/.test(src)) continue;
    const path = decodeURI(src.split(/[?#]/)[0]);
    const rel = relative(deckDir, resolve(deckDir, path));
    expect(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel), src).toBe(false);
  }
  return { $, srcs };
}

describe('localImages with backslash paths', () => {
  it('refuses every form of a backslash path that leaves the content folder, with a placeholder', () => {
    const { content, up } = setup();
    const imgs = hostileImages(up);
    const r = localImages(imgs.join('\n'), content);
    const { $, srcs } = expectSrcsInside(r.html, join(content, 'deck'));
    expect(srcs).toEqual([]);
    expect($('span.lt-image-placeholder').map((_, el) => $(el).text()).get()).toEqual(['raw', 'a-dot-dot', 'decimal', 'hex', 'bsol', 'percent', 'tab', 'spaces', 'leading', 'deep', 'brief']);
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toHaveLength(imgs.length);
    for (const d of r.diagnostics) expect(d.message).toMatch(/^image .* is outside the content folder; it was left out/);
  });

  it('with allowOutside copies the outside file under a safe name', () => {
    const { content, up } = setup();
    const r = localImages(`<img src="${up}" alt="raw"><img src="${up.replace(/\\/g, '&bsol;')}" alt="bsol">`, content, { allowOutside: true });
    const $ = load(r.html);
    expect(r.files.map((f) => f.path)).toEqual([expect.stringMatching(/^outside\/[0-9a-f]{12}-outside\.png$/)]);
    expect($('img').map((_, el) => $(el).attr('src')).get()).toEqual([r.files[0].path, r.files[0].path]);
  });

  it('reads `\\` as `/` inside the folder too, and copies what that names', () => {
    const { content } = setup();
    const r = localImages('<img src="sub\\pic.png" alt="s"><img src="sub&#92;..\\pic.png" alt="p">', content);
    const $ = load(r.html);
    expect($('img').map((_, el) => $(el).attr('src')).get()).toEqual(['sub/pic.png', 'pic.png']);
    expect(r.files.map((f) => f.path).sort()).toEqual(['pic.png', 'sub/pic.png']);
  });

  it('never copies a file whose name has a backslash under that name', () => {
    const { content } = setup();
    const r = localImages(['we\\ird.png', 'we%5Cird.png', 'we&#92;ird.png', 'we&bsol;ird.png'].map((s) => `<img src="${s}" alt="weird">`).join(''), content);
    expect(r.files).toEqual([]);
    expect(r.html).not.toMatch(/\\|%5c/i);
    // Read as a browser reads it, each names we/ird.png in the deck, which does not exist: a
    // broken image that `lectern check` reports, never the file with the backslash.
    const $ = load(r.html);
    expect($('img').map((_, el) => $(el).attr('src')).get()).toEqual(['we/ird.png', 'we/ird.png', 'we/ird.png', 'we/ird.png']);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['image we\\ird.png not found', 'image we%5Cird.png not found', 'image we\\ird.png not found', 'image we\\ird.png not found']);
  });

  it('rewrites a missing image inside the folder to its plain path, and one outside to a placeholder', () => {
    const { content } = setup();
    const r = localImages('<img src="./sub/../missing.png" alt="gone"><img src="../missing.png" alt="away"><img src="pic.png" alt="here">', content);
    expect(r.html).toBe('<img src="missing.png" alt="gone"><span class="lt-image-placeholder">away</span><img src="pic.png" alt="here">');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['image ./sub/../missing.png not found', 'image ../missing.png is outside the content folder; it was left out (use --allow-outside to include it)']);
  });
});

describe('lectern build with backslash image paths', () => {
  it('writes no src with a backslash or out of the deck, and copies nothing from outside', () => {
    const { work, content, up } = setup();
    const body = hostileImages(up).join('\n\n');
    const md = `# Paths\n\n## Raw HTML\n\n${body}\n\n## Markdown\n\n![md](${up})\n\n![md2](sub\\pic.png)\n\n![weird](we\\ird.png)\n\n![here](pic.png)\n`;
    writeFileSync(join(content, 'talk.md'), md);
    const out = join(work, 'out');
    const r = lectern(['build', join(content, 'talk.md'), '-o', out], work);
    expect(r.code, r.stderr).toBe(0);
    const deck = join(out, 'talk');
    const html = readFileSync(join(deck, 'index.html'), 'utf8');
    const { $, srcs } = expectSrcsInside(html, deck);
    // Pictures the folder does not hold (we/ird.png, ..../x/outside.png) are left out before the plan, their alt text in the notes.
    expect(srcs.filter((s) => !/^(lib|theme|fonts)\//.test(s)).sort()).toEqual(['pic.png', 'sub/pic.png']);
    expect(r.stderr).toMatch(/image we\\ird\.png not found; left out of the slides; its alt text is in the notes/);
    // A build leaves refused images out, their alt text in the notes (no placeholder slides, #16).
    expect($('span.lt-image-placeholder')).toHaveLength(0);
    const notes = $('aside.notes').text();
    for (const alt of ['weird', 'md', 'raw', 'a-dot-dot', 'decimal', 'hex', 'bsol', 'percent', 'tab', 'spaces', 'leading', 'deep', 'brief']) expect(notes).toContain(alt);
    // In Markdown, \. is an escaped dot: ![md](..\..\x) names a folder called "...." inside the
    // content folder, so it is a missing image of the deck (left out above), not a way out.
    const files = readdirSync(deck, { recursive: true }).map(String);
    expect(files.filter((f) => /outside|passwd|\\/.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['pic.png', join('sub', 'pic.png')]));
    expect(r.stderr).toMatch(/is outside the content folder; it was left out/);
  });
});
