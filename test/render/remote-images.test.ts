import { load } from 'cheerio';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFile } from '../../src/build.js';
import { formatDiagnostics } from '../../src/model/diagnostics.js';
import { png, startImageServer, type ImageServer } from '../helpers/image-server.js';
import { testDir } from '../helpers/temp.js';

let server: ImageServer;
beforeAll(async () => {
  server = await startImageServer();
});
afterAll(() => server.close());

/**
 * A short talk of our own with a remote image of every kind. The one that never answers is in
 * a talk of its own (`slow`), whose config shortens the wait for it: on a loaded machine a short
 * timeout could cut off the others too.
 */
function project(origin: string, slow = false): string {
  const dir = testDir('lectern-remote-');
  const lines = [
    '# Pictures from elsewhere',
    '',
    '## The chart',
    '',
    'Visits grew every month of the spring, and the chart below shows by how much they grew.',
    '',
    `![Visits per month, March to June](${origin}/chart.png)`,
    '',
    '## Redirected',
    '',
    'This one moves three times before it arrives, which the build follows.',
    '',
    `![The same chart, moved](${origin}/hop/3)`,
    '',
    '## Lost pictures',
    '',
    'None of the pictures in this part can be had, for a different reason each.',
    '',
    `<img src="${origin}/script.svg" alt="A drawing with a script in it">`,
    '',
    `![A photo far too large](${origin}/huge.png)`,
    '',
    `![A page that is not a picture](${origin}/page.png)`,
    '',
    '![A picture on some other disk](file:///srv/pictures/harbour.png)',
    '',
    '## Closing words',
    '',
    'That is all there is to say about pictures that live on other servers.',
    '',
  ];
  const slowTalk = ['# Waiting', '', '## A picture that never comes', '', 'The server takes the request and never answers it.', '', `![A diagram that never arrives](${origin}/slow.png)`, ''];
  writeFileSync(join(dir, 'talk.md'), (slow ? slowTalk : lines).join('\n'));
  writeFileSync(join(dir, 'lectern.config.json'), JSON.stringify({ images: { maxMegabytes: 1, ...(slow ? { timeoutSeconds: 0.3 } : {}) } }));
  return dir;
}

const lineOf = (dir: string, needle: string) => readFileSync(join(dir, 'talk.md'), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('remote images in a build', () => {
  it('are downloaded into the deck, and what cannot be had leaves its alt text in the notes with a warning', async () => {
    const dir = project(server.origin);
    const cacheDir = join(dir, 'cache');
    const before = server.total();
    const r = await buildFile(join(dir, 'talk.md'), { outDir: join(dir, 'out'), cacheDir });
    const deck = join(dir, 'out', 'talk');
    const $ = load(readFileSync(join(deck, 'index.html'), 'utf8'));

    // The chart and the redirected copy are in the deck, and the page points at them.
    const srcs = $('.slides img').map((_, el) => $(el).attr('src')).get();
    expect(srcs).toHaveLength(2);
    for (const src of srcs) {
      expect(src).toMatch(/^remote\/[0-9a-f]{16}\.png$/);
      expect(readFileSync(join(deck, src)).equals(png)).toBe(true);
    }
    expect(readdirSync(join(deck, 'remote'))).toHaveLength(2);
    expect(readFileSync(join(deck, 'index.html'), 'utf8')).not.toContain(server.origin);

    // Each failure is a warning at its line, naming the URL and the reason.
    const warnings = formatDiagnostics(r.diagnostics).join('\n');
    const at = (needle: string) => `talk.md:${lineOf(dir, needle)}: warning: could not fetch ${server.origin}`;
    expect(warnings).toContain(`${at('/script.svg')}/script.svg: an SVG with a <script> element`);
    expect(warnings).toContain(`${at('/huge.png')}/huge.png: larger than 1 MB`);
    expect(warnings).toContain(`${at('/page.png')}/page.png: not an image (content type text/html`);
    // Not fetched at all (only http(s) is), and no slide of its own either.
    expect(warnings).toContain(`talk.md:${lineOf(dir, 'file:///')}: warning: image file:///srv/pictures/harbour.png is not a local file (file:); it was left out; its alt text is in the notes`);

    // No slide is a placeholder alone: the lost pictures' slides are gone, their alt text in the notes.
    expect($('.lt-image-placeholder')).toHaveLength(0);
    $('section.lt-v-image').each((_, el) => expect($(el).find('.lt-frame img')).toHaveLength(1));
    const notes = $('aside.notes').text();
    for (const alt of ['A drawing with a script in it', 'A photo far too large', 'A page that is not a picture', 'A picture on some other disk']) {
      expect(notes).toContain(alt);
      expect($('.lt-frame').text()).not.toContain(alt);
    }
    expect($('.slides section[data-slide]')).toHaveLength(r.slides);

    // A second build takes every image it has from the cache; the server hears nothing.
    const asked = server.total();
    expect(asked).toBeGreaterThan(before);
    const again = await buildFile(join(dir, 'talk.md'), { outDir: join(dir, 'out'), cacheDir });
    expect(server.hits.get('/chart.png')).toBeGreaterThan(0);
    const sameFailures = formatDiagnostics(again.diagnostics).filter((w) => /could not fetch/.test(w)).length;
    expect(sameFailures).toBe(3);
    // The three remote failures are asked again (nothing of them is cached); the images that came are not.
    expect(server.total() - asked).toBe(3);
    expect(load(readFileSync(join(deck, 'index.html'), 'utf8'))('.slides img').map((_, el) => $(el).attr('src')).get()).toEqual(srcs);
  });

  it('a download that never answers ends at the configured timeout; its slide goes, its alt text to the notes', async () => {
    const dir = project(server.origin, true);
    const r = await buildFile(join(dir, 'talk.md'), { outDir: join(dir, 'out'), cacheDir: join(dir, 'cache') });
    expect(formatDiagnostics(r.diagnostics).join('\n')).toContain(`talk.md:${lineOf(dir, '/slow.png')}: warning: could not fetch ${server.origin}/slow.png: no complete answer within 0.3 s; its alt text is in the notes`);
    const $ = load(readFileSync(join(dir, 'out', 'talk', 'index.html'), 'utf8'));
    expect($('.slides img, .lt-image-placeholder')).toHaveLength(0);
    expect($('section.lt-v-image')).toHaveLength(0);
    expect($('aside.notes').text()).toContain('A diagram that never arrives');
  });

  it('slides.pptx embeds the downloaded copy', async () => {
    const dir = testDir('lectern-remote-');
    writeFileSync(join(dir, 'talk.md'), ['# Editable', '', '## The chart', '', 'The chart, once more, for the slides file.', '', `![Visits per month](${server.origin}/chart.png)`, ''].join('\n'));
    const r = await buildFile(join(dir, 'talk.md'), { outDir: join(dir, 'out'), cacheDir: join(dir, 'cache'), pptx: true });
    expect(formatDiagnostics(r.diagnostics).filter((w) => /slides\.pptx/.test(w))).toEqual([]);
    // The picture is a media part of the package (its name is in the zip's directory).
    expect(readFileSync(r.pptx!).includes('ppt/media/')).toBe(true);
  });

  it('--offline makes no request: cached copies are used, the rest go to the notes', async () => {
    const dir = project(server.origin);
    const cacheDir = join(dir, 'cache');
    const before = server.total();
    const cold = await buildFile(join(dir, 'talk.md'), { outDir: join(dir, 'out'), cacheDir, offline: true });
    expect(server.total()).toBe(before);
    expect(formatDiagnostics(cold.diagnostics).filter((w) => /could not fetch .*: offline \(--offline\), and no copy in the cache/.test(w))).toHaveLength(5);
    const $cold = load(readFileSync(join(dir, 'out', 'talk', 'index.html'), 'utf8'));
    expect($cold('.slides img')).toHaveLength(0);
    expect($cold('aside.notes').text()).toContain('Visits per month, March to June');

    // Warm the cache online, then offline again: the images come from it, still without a request.
    await buildFile(join(dir, 'talk.md'), { outDir: join(dir, 'out'), cacheDir });
    const warm = server.total();
    await buildFile(join(dir, 'talk.md'), { outDir: join(dir, 'out'), cacheDir, offline: true });
    expect(server.total()).toBe(warm);
    expect(load(readFileSync(join(dir, 'out', 'talk', 'index.html'), 'utf8'))('.slides img')).toHaveLength(2);
  });
});
