import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page, Protocol } from 'puppeteer';
import { isBelow } from '../paths.js';

/**
 * True when `url` may load for a page confined to `dir`: a `file:` URL of a path inside `dir`,
 * or an inline `data:`/`blob:`/`about:` URL. Everything else (the network, other files) is not.
 */
export function allowedUrl(url: string, dir: string): boolean {
  if (/^(data|blob|about):/i.test(url)) return true;
  if (!/^file:/i.test(url)) return false;
  let path: string;
  try {
    path = fileURLToPath(url.replace(/[?#].*$/, ''));
  } catch {
    return false;
  }
  return path === resolve(dir) || isBelow(resolve(dir), path);
}

/** The folder each confined page may read, changed when the page is reused for another deck. */
const confinedTo = new WeakMap<Page, { dir: string }>();

/**
 * Blocks every request of `page` outside `dir`, so an export reads the deck's own files and
 * nothing else: no network, no other files, whatever a template or user CSS asks for. A page
 * confined before is moved to `dir`: requests are judged by the folder of the moment.
 *
 * Requests are held with the DevTools protocol's Fetch domain on a session of the page's own,
 * and Puppeteer's request tracking (the Network domain, which its request interception needs)
 * is turned off for the page: an export never looks at requests, and the events cost Chromium's
 * browser process a quarter of its work per deck, Node as much again (20 decks: browser
 * 1.1 s to 0.8 s, Node 0.3 s to 0.1 s).
 */
export async function confine(page: Page, dir: string): Promise<void> {
  const current = confinedTo.get(page);
  if (current) {
    current.dir = dir;
    return;
  }
  const state = { dir };
  confinedTo.set(page, state);
  const session = await page.createCDPSession();
  session.on('Fetch.requestPaused', (event: Protocol.Fetch.RequestPausedEvent) => {
    const answer = allowedUrl(event.request.url, state.dir)
      ? session.send('Fetch.continueRequest', { requestId: event.requestId })
      : session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
    // A request whose page went away meanwhile cannot be answered, and need not be.
    answer.catch(() => undefined);
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  // Puppeteer's own session for the page; internal, so looked up with care.
  const own = (page as unknown as { _client?: () => CDPSession })._client?.();
  await own?.send('Network.disable').catch(() => undefined);
}
