import { accessSync, constants, existsSync } from 'node:fs';
import { LecternError } from '../errors.js';

/** Where a browser was found, for messages and debugging. */
export interface FoundBrowser {
  path: string;
  source: 'flag' | 'env' | 'puppeteer' | 'system';
}

/**
 * System locations tried last, in order. Debian's chromium-headless-shell comes first: the same
 * engine as its chromium, made for automation, it prints the same PDF bytes for about a quarter
 * less CPU and time. Its real binary, not `/usr/bin/chromium-headless-shell`: that wrapper
 * script runs the browser as a child instead of exec'ing it, so the pid Puppeteer knows would
 * be the shell's.
 */
export const systemBrowsers = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
] as const;

/**
 * True for Chrome's headless shell (Debian's chromium-headless-shell, Puppeteer's
 * chrome-headless-shell), which Puppeteer launches in its `'shell'` headless mode.
 */
export function isHeadlessShell(path: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(path);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Inputs to browser discovery; the CLI passes the flag and the environment. */
export interface FindBrowserOptions {
  flag?: string;
  env?: Record<string, string | undefined>;
  /** Puppeteer's own downloaded browser, if any (resolved lazily by the caller). */
  puppeteerPath?: () => string | undefined;
  candidates?: readonly string[];
}

/**
 * Finds a Chrome or Chromium in a fixed order: `--browser-path` → `CHROME_PATH` /
 * `PUPPETEER_EXECUTABLE_PATH` → Puppeteer's own downloaded browser → system locations.
 * None found is a BROWSER error that says how to install one.
 */
export function findBrowser(o: FindBrowserOptions = {}): FoundBrowser {
  if (o.flag) {
    if (!executable(o.flag)) throw new LecternError('BROWSER', `--browser-path ${o.flag}: no executable browser there; give the path to Chrome or Chromium`);
    return { path: o.flag, source: 'flag' };
  }
  const env = o.env ?? {};
  for (const name of ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const p = env[name];
    if (!p) continue;
    if (!executable(p)) throw new LecternError('BROWSER', `${name}=${p}: no executable browser there; fix the variable or unset it`);
    return { path: p, source: 'env' };
  }
  const own = o.puppeteerPath?.();
  if (own && existsSync(own) && executable(own)) return { path: own, source: 'puppeteer' };
  for (const p of o.candidates ?? systemBrowsers) if (existsSync(p) && executable(p)) return { path: p, source: 'system' };
  throw new LecternError(
    'BROWSER',
    'no Chrome or Chromium found for PDF export; install one (Debian/Ubuntu: apt-get install chromium fonts-noto-cjk) or pass --browser-path',
  );
}
