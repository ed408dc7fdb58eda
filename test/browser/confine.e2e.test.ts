import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { browserSession } from '../../src/browser/launch.js';
import { buildFile, prepare } from '../../src/pipeline.js';
import { builtInTemplatesDir } from '../../src/render/templates.js';
import { pdfPages, poppler } from '../helpers/cli.js';
import { escapeScript, listenerFixture } from './listener.js';

/**
 * Pages of an export are offline at the browser's network level, not only where request
 * interception looks: WebSockets, pop-ups, workers and WebRTC reach nothing, loopback included,
 * and a pop-up neither escapes nor stalls the print. A local listener counts every contact.
 */
const fixture = listenerFixture('lectern-confine-');

const talk = '---\ntitle: Getting Out\ndate: 2025-09-01\nlang: en\n---\n\n# Getting Out\n\n## One\n\nA first section with a few sentences of prose. It says something useful. Then it stops.\n\n## Two\n\nA second section, with a little more prose about the same thing.\n';

/** A folder `name` under the work folder with `index.html` (and `files`), and the page's URL. */
function pageIn(name: string, html: string, files: Record<string, string> = {}): { dir: string; href: string } {
  const dir = join(fixture.work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  writeFileSync(join(dir, 'index.html'), html);
  return { dir, href: pathToFileURL(join(dir, 'index.html')).href };
}

/** Lets late attempts (a worker starting, a beacon queued) arrive before counting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

/** A templates folder whose layout tries every way out before loading reveal.js. */
function escapingTemplates(name: string): string {
  const dir = join(fixture.work, name);
  mkdirSync(dir, { recursive: true });
  const layout = readFileSync(join(builtInTemplatesDir, 'layout.hbs'), 'utf8');
  const marked = layout.replace('<script src="lib/reveal.js"></script>', `<script>\n${escapeScript(fixture.listener)}\n</script>\n<script src="lib/reveal.js"></script>`);
  expect(marked).not.toBe(layout);
  writeFileSync(join(dir, 'layout.hbs'), marked);
  return dir;
}

describe('an export whose template tries to reach the network', () => {
  // A session as the library's users and the tests make it: not offline as a whole.
  const session = browserSession({ env: process.env, timeoutMs: 60_000 });
  afterAll(() => session.close());

  it('--pdf and --handout finish promptly, reach nothing, and print the deck with its fonts', async () => {
    const src = join(fixture.work, 'out.md');
    writeFileSync(src, talk);
    // A pop-up in front used to stall the print view until the print's deadline, which fails the build.
    const built = await buildFile(src, { outDir: join(fixture.work, 'built'), templatesDir: escapingTemplates('templates'), pdf: true, handout: '3up', quiet: true }, session);
    await settle();
    expect(fixture.listener.hits).toEqual([]);
    const slides = join(built.deckDir, 'slides.pdf');
    expect(pdfPages(slides)).toBe(prepare(src, { quiet: true }).plan.slides.length);
    expect(poppler('pdftotext', [slides, '-'])).toContain('A first section with a few sentences');
    // The deck's own files still load: its web font (fonts/, not installed on the system) is
    // embedded, not a fallback.
    const fonts = poppler('pdffonts', [slides]);
    expect(fonts).toMatch(/NotoSansSC/);
    expect(fonts).not.toMatch(/Type 3/);
  });

  it('a confined page gets no window, even one opened on a user gesture (the pop-up blocker allows that)', async () => {
    const dir = join(fixture.work, 'gesture');
    mkdirSync(dir, { recursive: true });
    const at = `127.0.0.1:${fixture.listener.port}`;
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><body><p>x</p><script>addEventListener('keydown', () => { window.open('http://${at}/key'); window.open('http://${at}/key-noopener', '_blank', 'noopener'); window.open('about:blank'); });</script></body>`,
    );
    const { pages, popups } = await session.withPage(
      async (page) => {
        const popups: string[] = [];
        // Pages kept from earlier exports for reuse are open already; a pop-up would be new.
        const before = new Set(await page.browser().pages());
        // One gesture lets one window through the blocker: wait for it to open and to be closed
        // (events, however slow the machine), then give late network attempts a moment.
        const popupClosed = new Promise<void>((resolve) =>
          page.once('popup', (p: Page | null) => {
            popups.push(p?.url() ?? 'popup');
            if (!p || p.isClosed()) resolve();
            else p.once('close', () => resolve());
          }),
        );
        await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
        await page.keyboard.press('a');
        await popupClosed;
        await settle();
        const pages = (await page.browser().pages()).filter((p) => p !== page && !before.has(p) && p.url() !== 'about:blank' && !p.isClosed());
        return { pages: pages.map((p) => p.url()), popups };
      },
      { confineTo: dir },
    );
    expect(fixture.listener.hits).toEqual([]);
    // The gesture got past the blocker (the windows were opened), and each was closed at once.
    expect(popups.length).toBeGreaterThan(0);
    expect(pages).toEqual([]);
  });

  it('a confined page loads the files inside its folder, nothing outside it, nothing from the network', async () => {
    writeFileSync(join(fixture.work, 'outside.css'), 'p { color: rgb(9, 9, 9); } body { margin: 17px; }');
    const net = `http://127.0.0.1:${fixture.listener.port}/net.css`;
    const { dir, href } = pageIn('inside', `<link rel="stylesheet" href="a.css"><link rel="stylesheet" href="../outside.css"><link rel="stylesheet" href="${net}"><p>x</p>`, { 'a.css': 'p { color: rgb(1, 2, 3); }' });
    const styles = await session.withPage(
      async (page) => {
        await page.goto(href, { waitUntil: 'load' });
        return page.evaluate(() => [getComputedStyle(document.querySelector('p')!).color, getComputedStyle(document.body).margin]);
      },
      { confineTo: dir },
    );
    expect(styles).toEqual(['rgb(1, 2, 3)', '8px']);
    expect(fixture.listener.hits).toEqual([]);
  });

  it('an unconfined page still loads http: pages on loopback (the preview server tests do)', async () => {
    const status = await session.withPage(async (page) => (await page.goto(`http://127.0.0.1:${fixture.listener.port}/page`))?.status());
    expect(status).toBe(200);
    expect(fixture.listener.hits).toContain('http /page');
  });
});

describe('an offline session (LaunchOptions.offline)', () => {
  // One browser for every test of an offline session: the first test takes its first page, the
  // last kills it.
  const session = browserSession({ env: process.env, timeoutMs: 30_000, offline: true });
  afterAll(() => session.close());

  it('its first page is the tab Chromium starts with, in front (it gets animation frames), and the next is a window of its own', async () => {
    const { dir, href } = pageIn('first-page', '<!doctype html><p>x</p>');
    const look = async (page: Page) => {
      await page.goto(href, { waitUntil: 'load' });
      const frame = await page.evaluate(() => new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(true))));
      return { page, frame, open: (await page.browser().pages()).length };
    };
    const [a, b] = await Promise.all([session.withPage(look, { confineTo: dir }), session.withPage(look, { confineTo: dir })]);
    expect([a.frame, b.frame]).toEqual([true, true]);
    // Both pages were open at once, and no third (the initial blank tab was taken, not left).
    expect(Math.max(a.open, b.open)).toBe(2);
    expect(a.page).not.toBe(b.page);
  });

  it('reaches nothing from any page, confined or not, loopback included', async () => {
    const { href } = pageIn('offline', `<!doctype html><body><p>x</p><script>${escapeScript(fixture.listener)}</script></body>`);
    const loaded = await session.withPage(async (page) => {
      await page.goto(href, { waitUntil: 'load' });
      await settle();
      const direct = await page.goto(`http://127.0.0.1:${fixture.listener.port}/direct`).then(
        () => 'loaded',
        (e: Error) => e.message,
      );
      return direct;
    });
    expect(loaded).toMatch(/ERR_PROXY_CONNECTION_FAILED|ERR_NAME_NOT_RESOLVED|ERR_/);
    await settle();
    expect(fixture.listener.hits).toEqual([]);
  });

  it('still loads a deck from file: URLs', async () => {
    const { href } = pageIn('offline-deck', '<!doctype html><link rel="stylesheet" href="a.css"><p>x</p>', { 'a.css': 'p { color: rgb(1, 2, 3); }' });
    const color = await session.withPage(async (page) => {
      await page.goto(href, { waitUntil: 'load' });
      return page.evaluate(() => getComputedStyle(document.querySelector('p')!).color);
    });
    expect(color).toBe('rgb(1, 2, 3)');
  });

  describe('a page reused for another deck (PageOptions.reuse)', () => {
    /** Two deck folders, each with a stylesheet of its own colour (made once the work folder is). */
    let decks: string[] = [];
    beforeAll(() => {
      decks = ['reuse-a', 'reuse-b'].map((name, i) => pageIn(name, '<!doctype html><link rel="stylesheet" href="a.css"><p>x</p>', { 'a.css': `p { color: rgb(${i + 1}, 2, 3); }` }).dir);
    });
    const colour = (page: Page, href: string) => page.goto(href, { waitUntil: 'load' }).then(() => page.evaluate(() => getComputedStyle(document.querySelector('p')!).color));

    it('is the same window, confined to the new folder only', async () => {
      const first = await session.withPage(async (page) => ({ page, colour: await colour(page, pathToFileURL(join(decks[0], 'index.html')).href) }), { confineTo: decks[0], reuse: true });
      const second = await session.withPage(
        async (page) => {
          const own = await colour(page, pathToFileURL(join(decks[1], 'index.html')).href);
          // The first deck's stylesheet, asked for from the second deck's page, is blocked now.
          const other = await page.evaluate(async (href: string) => {
            const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
            const loaded = new Promise<string>((resolve) => ((link.onload = () => resolve('loaded')), (link.onerror = () => resolve('blocked'))));
            document.head.append(link);
            return loaded;
          }, pathToFileURL(join(decks[0], 'a.css')).href);
          return { page, own, other };
        },
        { confineTo: decks[1], reuse: true },
      );
      expect(first.colour).toBe('rgb(1, 2, 3)');
      expect(second.own).toBe('rgb(2, 2, 3)');
      expect(second.other).toBe('blocked');
      expect(second.page).toBe(first.page);
      expect(first.page.isClosed()).toBe(false);
    });

    it('is closed, not kept, when the work fails, and a page without reuse is never kept', async () => {
      const failed = await session
        .withPage(
          async (page) => {
            await colour(page, pathToFileURL(join(decks[0], 'index.html')).href);
            throw Object.assign(new Error('deck failed'), { page });
          },
          { confineTo: decks[0], reuse: true },
        )
        .catch((e: Error & { page: Page }) => e.page);
      expect(failed.isClosed()).toBe(true);
      const plain = await session.withPage(async (page) => page, { confineTo: decks[0] });
      expect(plain.isClosed()).toBe(true);
      const next = await session.withPage(async (page) => page, { confineTo: decks[1], reuse: true });
      expect(next).not.toBe(failed);
      expect(next).not.toBe(plain);
    });
  });

  it('when its browser dies between two decks, reports a browser error (exit 6), not a bug, for the next deck on a kept window', async () => {
    const { dir, href } = pageIn('dies', '<!doctype html><p>x</p>');
    const pid = await session.withPage(
      async (page) => {
        await page.goto(href, { waitUntil: 'load' });
        return page.browser().process()!.pid!;
      },
      { confineTo: dir, reuse: true },
    );
    process.kill(pid, 'SIGKILL');
    const failure = await session
      .withPage(async (page) => page.goto(href, { waitUntil: 'load' }), { confineTo: dir, reuse: true })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(LecternError);
    expect((failure as LecternError).code).toBe('BROWSER');
    expect((failure as LecternError).message).toMatch(/the browser stopped responding/);
  });
});
