import { describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import { LecternError } from '../../src/errors.js';
import { injectClient, waitingPage } from '../../src/server/reload-client.js';
import { describeError } from '../../src/server/deck.js';
import { isLoopbackHost, urlFor } from '../../src/server/listen.js';
import { contentType, fileInside, resolveRequestPath } from '../../src/server/static.js';

describe('resolveRequestPath', () => {
  it.each([
    ['/', ['index.html']],
    ['/index.html?x=1#y', ['index.html']],
    ['/lib/reveal.js', ['lib', 'reveal.js']],
    ['/fonts/Noto%20Sans.woff2', ['fonts', 'Noto Sans.woff2']],
    ['/images/%E5%9B%BE.png', ['images', '图.png']],
    ['/images/', ['images', 'index.html']],
  ])('%s is %j', (url, segments) => {
    expect(resolveRequestPath(url)).toEqual({ ok: true, segments });
  });

  it.each([
    ['/../package.json', 403],
    ['/%2e%2e/package.json', 403],
    ['/%2E%2E/%2e%2e/etc/passwd', 403],
    ['/lib/../../package.json', 403],
    ['/lib/%2e%2e%2f%2e%2e%2fpackage.json', 403],
    ['/..%5cpackage.json', 403],
    ['/lib\\..\\..\\package.json', 403],
    ['/index.html%00.css', 403],
    ['//etc/passwd', 403],
    ['/C:/Windows/win.ini', 403],
    ['/./index.html', 403],
    ['/%E0%A4%A', 400],
    ['package.json', 400],
    ['http://example.com/../package.json', 400],
  ])('%s is refused with %i', (url, status) => {
    expect(resolveRequestPath(url)).toEqual({ ok: false, status });
  });

  it('never yields a file outside the root', () => {
    expect(fileInside('/srv/deck', ['..', 'x'])).toBeUndefined();
    expect(fileInside('/srv/deck', [])).toBeUndefined();
    expect(fileInside('/srv/deck', ['lib', 'reveal.js'])).toBe('/srv/deck/lib/reveal.js');
  });
});

describe('contentType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.CSS', 'text/css; charset=utf-8'],
    ['reveal.js', 'text/javascript; charset=utf-8'],
    ['f.woff2', 'font/woff2'],
    ['i.svg', 'image/svg+xml'],
    ['i.png', 'image/png'],
    ['i.jpg', 'image/jpeg'],
    ['i.jpeg', 'image/jpeg'],
    ['i.gif', 'image/gif'],
    ['i.webp', 'image/webp'],
    ['x.unknown', 'application/octet-stream'],
  ])('%s → %s', (file, type) => expect(contentType(file)).toBe(type));
});

describe('hosts and URLs', () => {
  it('accepts only loopback Host headers', () => {
    for (const h of ['127.0.0.1:4321', 'localhost:4321', 'LOCALHOST', 'deck.localhost:1', '[::1]:4321', '127.1.2.3']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of [undefined, '', 'evil.example:4321', '127.0.0.1.evil.example', '192.168.1.5:4321', '[::2]:1', 'localhost.evil']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('prints a reachable URL for every bind address', () => {
    expect(urlFor('127.0.0.1', 4321)).toBe('http://127.0.0.1:4321/');
    expect(urlFor('0.0.0.0', 80)).toBe('http://localhost:80/');
    expect(urlFor('::1', 5)).toBe('http://[::1]:5/');
  });
});

describe('describeError', () => {
  it('splits file:line off the message', () => {
    const e = new LecternError('CONTENT', '/x/talk.md:3: malformed front matter (bad); fix the YAML between the --- lines', { file: '/x/talk.md' });
    expect(describeError(e)).toEqual({ where: '/x/talk.md:3', message: 'malformed front matter (bad); fix the YAML between the --- lines' });
  });

  it('splits a bare file off, and keeps a message that names none', () => {
    expect(describeError(new LecternError('INPUT', 'a.md: the file is empty; write some content first', { file: 'a.md' }))).toEqual({ where: 'a.md', message: 'the file is empty; write some content first' });
    expect(describeError(new LecternError('CONTENT', 'unknown theme "neon"; available themes: light'))).toEqual({ message: 'unknown theme "neon"; available themes: light', where: undefined });
  });

  it('labels a bug as one', () => {
    expect(describeError(new TypeError('x is undefined')).message).toMatch(/^internal error \(a bug/);
  });
});

describe('injectClient', () => {
  it('adds one client script at the end of the body', () => {
    const $ = load(injectClient('<html><body><p>hi</p><script>x()</script></body></html>', 'abc123'));
    const scripts = $('body script');
    expect(scripts.length).toBe(2);
    expect(scripts.last().attr('src')).toBe('/__lectern/client.js');
    expect(scripts.last().attr('data-build')).toBe('abc123');
  });

  it('keeps only hex in the build id and works without a body tag', () => {
    expect(injectClient('<p>x</p>', '"><b>')).toBe('<p>x</p><script src="/__lectern/client.js" data-build="b"></script>\n');
    expect(load(waitingPage())('script').attr('data-build')).toBe('');
  });
});
