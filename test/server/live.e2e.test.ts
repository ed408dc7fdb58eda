import { rmSync, writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSession } from '../../src/browser/launch.js';
import { prepare } from '../../src/inputs.js';
import { startServer } from '../../src/server/index.js';
import { captureIo, saveByRename, talk, talkDir } from './helpers.js';

const session = browserSession({ env: process.env, timeoutMs: 60_000 });
const { dir, file } = talkDir();
const cap = captureIo();
const server = await startServer(file, {}, { port: 0, io: cap.io, quiet: true });
afterAll(async () => {
  await server.close();
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

const zebra = talk({ first: 'The first part now mentions a zebra crossing. It has two sentences.' });

/** The slide reveal.js shows, and its text. */
function shown(page: Page): Promise<{ h: number; text: string }> {
  return page.evaluate(() => {
    const R = (window as any).Reveal;
    return { h: R.getIndices().h as number, text: (R.getCurrentSlide() as HTMLElement).textContent ?? '' };
  });
}

/** The error overlay's place and message, or null when there is none. */
function overlay(page: Page): Promise<{ where: string; message: string } | null> {
  return page.evaluate(() => {
    const box = document.getElementById('lectern-error');
    return box ? { where: box.querySelector('.lectern-error-where')!.textContent ?? '', message: box.querySelector('.lectern-error-message')!.textContent ?? '' } : null;
  });
}

describe('lectern serve in Chromium', () => {
  // The first part's points slide, wherever the deck shape puts it.
  const at = prepare(file, {}).plan.slides.findIndex((s) => s.template === 'points');
  it('shows an edit on the same slide without a manual reload, and reports build errors in the page', async () => {
    await session.withPage(async (page) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      let loads = 0;
      page.on('load', () => loads++);
      // The event stream is open (its headers came) before anything changes.
      const streaming = page.waitForResponse((r) => r.url().endsWith('/__lectern/events'));
      await page.goto(`${server.url}#/${at}`, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as any).Reveal?.isReady());
      await streaming;
      expect(await shown(page)).toMatchObject({ h: at, text: expect.stringContaining('The first part says something plain') });
      expect(loads).toBe(1);

      // An editor-style save: the page reloads by itself and stays on the same slide.
      // Reveal can be ready on the new page before its load event fires (fonts still loading).
      const reloaded = page.waitForNavigation({ waitUntil: 'load' });
      saveByRename(file, zebra);
      await page.waitForFunction(() => (window as any).Reveal?.isReady() && (window as any).Reveal.getCurrentSlide().textContent.includes('zebra crossing'));
      expect((await shown(page)).h).toBe(at);
      await reloaded;
      expect(loads).toBe(2);

      // A broken edit: an overlay over the last good deck, which stays on screen.
      writeFileSync(file, talk({ theme: 'neon', first: 'The first part now mentions a zebra crossing. It has two sentences.' }));
      await page.waitForSelector('#lectern-error');
      expect((await overlay(page))!.message).toContain('unknown theme "neon"');
      expect((await shown(page)).text).toContain('zebra crossing');
      expect(cap.err.join('')).toContain('unknown theme "neon"');

      // Another broken edit, this one with a place: the overlay says file:line.
      writeFileSync(file, talk({ frontMatter: 'title: "Small Talk"\nlang: [en' }));
      await page.waitForFunction(() => /talk\.md:\d+$/.test(document.querySelector('#lectern-error .lectern-error-where')?.textContent ?? ''));
      expect((await overlay(page))!.message).toMatch(/malformed front matter/);

      // Fixed back to the deck on screen: the overlay goes, with no reload needed.
      writeFileSync(file, zebra);
      await page.waitForFunction(() => !document.getElementById('lectern-error'));
      expect(loads).toBe(2);
      expect(await shown(page)).toMatchObject({ h: at, text: expect.stringContaining('zebra crossing') });

      // Broken, then fixed with new text: the overlay goes and the new text shows.
      writeFileSync(file, talk({ theme: 'neon' }));
      await page.waitForSelector('#lectern-error');
      writeFileSync(file, talk({ first: 'The first part now mentions a pelican. It has two sentences.' }));
      await page.waitForFunction(() => (window as any).Reveal?.isReady() && (window as any).Reveal.getCurrentSlide().textContent.includes('pelican'));
      expect(await overlay(page)).toBeNull();
      expect((await shown(page)).h).toBe(at);

      // Offline: nothing but the preview server was asked for anything.
      for (const url of requests) expect(url.startsWith(server.url)).toBe(true);
    });
  });
});
