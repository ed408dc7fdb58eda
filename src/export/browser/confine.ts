import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer';
import { isBelow } from '../../paths.js';

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
 */
export async function confine(page: Page, dir: string): Promise<void> {
  const current = confinedTo.get(page);
  if (current) {
    current.dir = dir;
    return;
  }
  const state = { dir };
  confinedTo.set(page, state);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    if (allowedUrl(request.url(), state.dir)) void request.continue().catch(() => undefined);
    else void request.abort('blockedbyclient').catch(() => undefined);
  });
}
