import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { LecternError } from '../../errors.js';
import { findBrowser, type FindBrowserOptions } from './find.js';

/** A browser shared by every deck and output of a run, launched on first use. */
export interface BrowserSession {
  /** Runs `fn` on a fresh page with timeouts set, and closes the page afterwards. */
  withPage<T>(fn: (page: Page) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Options for launching the browser. */
export interface LaunchOptions extends FindBrowserOptions {
  timeoutMs: number;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Creates a lazily launched browser session. Flags: the sandbox is turned off only as root or
 * in CI/containers, where Chromium refuses to start with it; background networking, component
 * updates, sync and first-run are off because a closed network makes Chromium retry them.
 */
export function browserSession(options: LaunchOptions): BrowserSession {
  let launching: Promise<Browser> | undefined;
  let profile: string | undefined;
  const launch = async (): Promise<Browser> => {
    const own = await puppeteerBrowserPath();
    const found = findBrowser({ ...options, puppeteerPath: options.puppeteerPath ?? (() => own) });
    profile = mkdtempSync(join(tmpdir(), 'lectern-chrome-'));
    const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', '--font-render-hinting=none'];
    if (isRoot() || options.env?.CI) args.push('--no-sandbox');
    try {
      return await puppeteer.launch({ executablePath: found.path, headless: true, args, userDataDir: profile, timeout: options.timeoutMs });
    } catch (e) {
      throw new LecternError('BROWSER', `cannot start the browser at ${found.path} (${(e as Error).message.split('\n')[0]}); check it runs, or pass --browser-path`, { cause: e });
    }
  };
  return {
    async withPage(fn) {
      launching ??= launch();
      const browser = await launching;
      const page = await browser.newPage();
      page.setDefaultTimeout(options.timeoutMs);
      page.setDefaultNavigationTimeout(options.timeoutMs);
      try {
        return await fn(page);
      } finally {
        await page.close().catch(() => undefined);
      }
    },
    async close() {
      if (launching) {
        const b = await launching.catch(() => undefined);
        await b?.close().catch(() => undefined);
      }
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Puppeteer's own downloaded browser, when one was installed (none is, on machines that block install scripts). */
async function puppeteerBrowserPath(): Promise<string | undefined> {
  try {
    return await puppeteer.executablePath();
  } catch {
    return undefined;
  }
}
