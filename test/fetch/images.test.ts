import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { cacheFolder } from '../../src/fetch/cache.js';
import { CACHE_FRESH_MS, fetchImages } from '../../src/fetch/index.js';
import { sniffFormat, svgProblem } from '../../src/fetch/sniff.js';
import { png, startImageServer, type ImageServer } from '../helpers/image-server.js';
import { testDir } from '../helpers/temp.js';

let server: ImageServer;
beforeAll(async () => {
  server = await startImageServer();
});
afterAll(() => server.close());

// Only the slow case gets a short timeout: the others, on a loaded machine, may take a while.
const limits = { ...defaults.images, maxMegabytes: 1 };
const get = async (paths: string[], o: { offline?: boolean; cache?: string; now?: () => number; timeoutSeconds?: number } = {}) => {
  const cache = o.cache ?? testDir('lectern-fetch-');
  const urls = paths.map((p) => `${server.origin}${p}`);
  const found = await fetchImages(urls, { offline: !!o.offline, cache, limits: { ...limits, timeoutSeconds: o.timeoutSeconds ?? limits.timeoutSeconds }, now: o.now });
  return { cache, result: (p: string) => found.get(`${server.origin}${p}`)! };
};

describe('fetchImages', () => {
  it('downloads a PNG into the cache, by its sniffed type', async () => {
    const { result } = await get(['/chart.png']);
    const r = result('/chart.png');
    expect(r).toMatchObject({ ext: 'png' });
    expect(readFileSync((r as { file: string }).file).equals(png)).toBe(true);
  });

  it('refuses what is too large, too slow, not an image, or not what its type says', async () => {
    const { result } = await get(['/huge.png', '/declared-huge.png', '/page.png', '/liar.png', '/gone.png']);
    const slow = await get(['/slow.png'], { timeoutSeconds: 0.3 });
    expect(result('/huge.png')).toEqual({ error: expect.stringMatching(/^larger than 1 MB/) });
    expect(result('/declared-huge.png')).toEqual({ error: expect.stringMatching(/^larger than 1 MB/) });
    expect(slow.result('/slow.png')).toEqual({ error: 'no complete answer within 0.3 s' });
    expect(result('/page.png')).toEqual({ error: expect.stringMatching(/^not an image \(content type text\/html/) });
    expect(result('/liar.png')).toEqual({ error: 'its bytes are a GIF image, though the server calls it image/png' });
    expect(result('/gone.png')).toEqual({ error: 'the server answered 404 Not Found' });
  });

  it('follows up to 5 redirects, each hop checked as http(s)', async () => {
    const { result } = await get(['/hop/5', '/hop/6', '/to-ftp.png']);
    expect(result('/hop/5')).toMatchObject({ ext: 'png' });
    expect(result('/hop/6')).toEqual({ error: 'more than 5 redirects' });
    expect(result('/to-ftp.png')).toEqual({ error: 'redirected to an http(s) URL (ftp:)' });
  });

  it('refuses an SVG with a script and takes a clean one', async () => {
    const { result } = await get(['/script.svg', '/clean.svg']);
    expect(result('/script.svg')).toEqual({ error: expect.stringMatching(/^an SVG with a <script> element/) });
    expect(result('/clean.svg')).toMatchObject({ ext: 'svg' });
  });

  it('uses the cache: a fresh copy without asking, an old one revalidated by its ETag', async () => {
    const { cache } = await get(['/etag.png']);
    expect(server.hits.get('/etag.png')).toBe(1);
    await get(['/etag.png'], { cache });
    expect(server.hits.get('/etag.png')).toBe(1);
    const later = Date.now() + CACHE_FRESH_MS + 60_000;
    const { result } = await get(['/etag.png'], { cache, now: () => later });
    expect(server.hits.get('/etag.png')).toBe(2);
    expect(server.conditional.get('/etag.png')).toBe('"v1"');
    expect(result('/etag.png')).toMatchObject({ ext: 'png' });
  });

  it('offline, never touches the network: cached copies or a reason', async () => {
    const cache = testDir('lectern-fetch-');
    await get(['/other.png'], { cache });
    const before = server.total();
    const { result } = await get(['/other.png', '/chart.png'], { cache, offline: true });
    expect(server.total()).toBe(before);
    expect(result('/other.png')).toMatchObject({ ext: 'png' });
    expect(result('/chart.png')).toEqual({ error: 'offline (--offline), and no copy in the cache' });
  });
});

describe('the cache folder', () => {
  it('is the API option, else LECTERN_CACHE_DIR, else XDG_CACHE_HOME/lectern, else ~/.cache/lectern', () => {
    expect(cacheFolder('/a', { LECTERN_CACHE_DIR: '/b' })).toBe('/a');
    expect(cacheFolder(undefined, { LECTERN_CACHE_DIR: '/b', XDG_CACHE_HOME: '/c' })).toBe('/b');
    expect(cacheFolder(undefined, { XDG_CACHE_HOME: '/c' })).toBe('/c/lectern');
    expect(cacheFolder(undefined, {})).toMatch(/[\\/]\.cache[\\/]lectern$/);
  });
});

describe('sniffing', () => {
  it('knows the five formats by their bytes', () => {
    expect(sniffFormat(png)).toBe('png');
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('GIF87a....'))).toBe('gif');
    expect(sniffFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffFormat(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffFormat(Buffer.from('<html><svg></svg></html>'))).toBeUndefined();
  });

  it.each([
    ['<svg><script>x()</script></svg>', /<script>/],
    ['<svg><title><script>x()</script></title></svg>', /<script>/],
    ['<svg><foreignObject><div/></foreignObject></svg>', /foreignObject/],
    ['<svg><rect onload="x()"/></svg>', /event handler/],
    ['<svg><a href="jav&#x61;script:x()"><text>t</text></a></svg>', /script URL/],
    ['<svg><image href="https://tracker.example/p.png"/></svg>', /reference to another file/],
    ['<svg><use xlink:href="other.svg#a"/></svg>', /reference to another file/],
    ['<svg><style>rect { fill: url(https://x.example/a) }</style></svg>', /loads a resource/],
    ['<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>', /DTD entity/],
  ])('refuses an active SVG: %s', (svg, why) => {
    expect(svgProblem(svg)).toMatch(why);
  });

  it('passes an inert SVG with fragment references and inline rasters', () => {
    expect(svgProblem('<svg><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/><image href="data:image/png;base64,AAAA"/></svg>')).toBeUndefined();
  });
});
