import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame, Page } from 'puppeteer';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSession } from '../../src/browser/launch.js';
import { prepare, writeDeck } from '../../src/pipeline.js';
import { startServer } from '../../src/server/index.js';
import { captureIo, saveByRename, talk, talkDir } from './helpers.js';

// Every wait below uses the session's page timeout (60 s): room for a slow machine.
const session = browserSession({ env: process.env, timeoutMs: 60_000 });
const { dir, file } = talkDir();
afterAll(async () => {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the speaker view shows. */
interface SpeakerView {
  notes: string;
  timer: string;
  clock: string;
  pacingShown: boolean;
  pacing: string;
  frames: string[];
}

/** Presses S on a deck and returns the speaker view's window once it is connected. */
async function openSpeakerView(page: Page): Promise<Page> {
  const popup = new Promise<Page | null>((resolve) => page.once('popup', resolve));
  await page.keyboard.press('s');
  const view = await popup;
  if (!view) throw new Error('no speaker view window opened');
  // A window the page opened, not one of the session's: give it the session's patience.
  view.setDefaultTimeout(60_000);
  // Connected: reveal.js hides the status line once the deck has answered, then shows
  // pacing (only when the deck has timings) and, a moment later, the notes.
  await view.waitForFunction(
    () => getComputedStyle(document.querySelector('#connection-status')!).display === 'none' && getComputedStyle(document.querySelector('.pacing')!).display !== 'none' && !!document.querySelector('.speaker-controls-notes .value')!.textContent,
  );
  return view;
}

/** Waits until the upcoming preview is one step past slide `at`: its next fragment or the next slide. */
function showsNextStep(preview: Frame, at: number): Promise<unknown> {
  return preview.waitForFunction(
    (h: number) => {
      const R = (window as any).Reveal;
      const i = R?.isReady() && R.getIndices();
      return !!i && (i.h > h || (i.h === h && i.f >= 0));
    },
    {},
    at,
  );
}

function readView(view: Page): Promise<SpeakerView> {
  return view.evaluate(() => {
    const text = (sel: string) => (document.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const pacing = document.querySelector('.pacing') as HTMLElement;
    return {
      notes: text('.speaker-controls-notes .value'),
      timer: text('.timer'),
      clock: text('.clock-value'),
      pacingShown: getComputedStyle(pacing).display !== 'none',
      pacing: text('.pacing'),
      frames: [...document.querySelectorAll('iframe')].map((f) => f.src),
    };
  });
}

/** `hh:mm:ss` as seconds, sign kept. */
function seconds(t: string): number {
  const m = /^(-?)(\d+):(\d+):(\d+)$/.exec(t.replace(/\s/g, ''));
  if (!m) throw new Error(`not a time: ${t}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]));
}

describe('the presenter view (S)', () => {
  const p = prepare(file, {});
  // The first part's points slide (it builds up one point at a time).
  const at = p.plan.slides.findIndex((s) => s.template === 'points');
  const slide = p.plan.slides[at];
  // Pacing counts down to the end of the current slide: every slide's estimate up to it.
  const allocated = p.plan.slides.slice(0, at + 1).reduce((n, s) => n + s.seconds, 0);

  it('works from the built folder opened as file://, with notes, next slide, clock, timer and the plan’s pacing', async () => {
    const deck = join(dir, 'built');
    mkdirSync(deck);
    writeDeck(deck, p.rendered);
    await session.withPage(async (page) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${pathToFileURL(join(deck, 'index.html')).href}#/${at}`, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as any).Reveal?.isReady());
      const view = await openSpeakerView(page);
      const v = await readView(view);
      expect(v.notes).toContain(slide.notes.split('\n')[0]);
      expect(v.notes).toMatch(/⏱ about 0:20/);
      expect(v.timer).toMatch(/^\d\d:\d\d:\d\d$/);
      expect(v.clock).toMatch(/^\d{1,2}:\d\d\s?[AP]M$/);
      expect(v.pacingShown).toBe(true);
      // The plan's estimates, not reveal.js's default: pacing is what the plan allots up to this
      // slide less the view's own timer, read in the same snapshot (each rounds down, and pacing
      // may lag the timer by one tick).
      expect(Math.abs(seconds(v.pacing) + seconds(v.timer) - allocated)).toBeLessThanOrEqual(1);
      // The current and the upcoming slide are live previews of the same file.
      expect(v.frames).toHaveLength(2);
      // The upcoming preview is one step ahead: the next fragment (this points slide builds
      // up one point at a time) or the next slide.
      await showsNextStep(view.frames().find((f) => f.url().includes('controls=false'))!, at);

      // Moving on in the deck moves the notes along.
      await page.evaluate((h: number) => (window as any).Reveal.slide(h), at + 1);
      await view.waitForFunction((t: string) => document.querySelector('.speaker-controls-notes .value')!.textContent!.includes(t), {}, p.plan.slides[at + 1].notes.split('\n')[0]);
      for (const url of requests) expect(url.startsWith(pathToFileURL(deck).href)).toBe(true);
      await view.close();
    });
  });

  it('shows the next step in the upcoming preview even when that preview is ready after the deck sent its state', async () => {
    // The upcoming preview's page comes 2 s late, as on a busy machine: the deck's state reaches
    // the speaker view before the preview can take it, and the preview must ask for it again.
    const deck = join(dir, 'late');
    mkdirSync(deck);
    writeDeck(deck, p.rendered);
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };
    const server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const send = () => {
        try {
          const path = join(deck, normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
          res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
        } catch {
          res.writeHead(404).end();
        }
      };
      if (url.searchParams.has('controls') && url.searchParams.has('receiver')) setTimeout(send, 2000);
      else send();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await session.withPage(async (page) => {
        await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/#/${at}`, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as any).Reveal?.isReady());
        const view = await openSpeakerView(page);
        await showsNextStep(await view.waitForFrame((f) => f.url().includes('controls=false')), at);
        await view.close();
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('works from the served deck and follows a live edit', async () => {
    const cap = captureIo();
    const server = await startServer(file, {}, { port: 0, io: cap.io, quiet: true });
    try {
      await session.withPage(async (page) => {
        await page.goto(`${server.url}#/${at}`, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as any).Reveal?.isReady());
        const view = await openSpeakerView(page);
        const v = await readView(view);
        expect(v.notes).toContain(slide.notes.split('\n')[0]);
        expect(v.frames.every((f) => f.startsWith(server.url))).toBe(true);

        // The deck reloads itself; the speaker view reconnects (reveal.js's heartbeat) and
        // shows the new notes, and its previews reload too.
        saveByRename(file, talk({ first: 'The first part now mentions a zebra crossing. It has two sentences.' }));
        await view.waitForFunction(() => document.querySelector('.speaker-controls-notes .value')!.textContent!.includes('zebra crossing'));
        const current = view.frames().find((f) => f.url().includes('postMessageEvents=true'))!;
        await current.waitForFunction(() => (window as any).Reveal?.isReady() && (window as any).Reveal.getCurrentSlide().textContent.includes('zebra crossing'));
        expect(await page.evaluate(() => (window as any).Reveal.getIndices().h)).toBe(at);
        await view.close();
      });
    } finally {
      await server.close();
    }
  });
});
