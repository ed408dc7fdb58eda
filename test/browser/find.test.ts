import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, isHeadlessShell, systemBrowsers } from '../../src/browser/find.js';
import { LecternError } from '../../src/errors.js';
import { fileDir } from '../helpers/temp.js';

const dir = fileDir('lectern-find-');
function fakeBrowser(name: string): string {
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, 0o755);
  return p;
}
const flag = fakeBrowser('flag-chrome');
const envChrome = fakeBrowser('env-chrome');
const ownChrome = fakeBrowser('own-chrome');
const system = fakeBrowser('system-chrome');

describe('findBrowser', () => {
  it('takes the flag first', () => {
    expect(findBrowser({ flag, env: { CHROME_PATH: envChrome }, puppeteerPath: () => ownChrome, candidates: [system] })).toEqual({ path: flag, source: 'flag' });
  });
  it('then CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH', () => {
    expect(findBrowser({ env: { CHROME_PATH: envChrome }, puppeteerPath: () => ownChrome, candidates: [system] }).path).toBe(envChrome);
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: envChrome }, candidates: [system] }).path).toBe(envChrome);
  });
  it("then Puppeteer's own browser, then the system's", () => {
    expect(findBrowser({ env: {}, puppeteerPath: () => ownChrome, candidates: [system] }).source).toBe('puppeteer');
    expect(findBrowser({ env: {}, puppeteerPath: () => join(dir, 'missing'), candidates: [join(dir, 'nope'), system] })).toEqual({ path: system, source: 'system' });
  });
  it('says how to install one when none is found', () => {
    expect(() => findBrowser({ env: {}, candidates: [join(dir, 'nope')] })).toThrow(LecternError);
    expect(() => findBrowser({ env: {}, candidates: [] })).toThrow(/apt-get install chromium fonts-noto-cjk/);
  });
  it('refuses a flag or variable that points at nothing', () => {
    expect(() => findBrowser({ flag: join(dir, 'nope') })).toThrow(/--browser-path/);
    expect(() => findBrowser({ env: { CHROME_PATH: join(dir, 'nope') } })).toThrow(/CHROME_PATH/);
  });
  it("tries Debian's headless shell first, by its real binary, not the wrapper script that does not exec it", () => {
    expect(systemBrowsers[0]).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect(systemBrowsers).not.toContain('/usr/bin/chromium-headless-shell');
    expect(systemBrowsers.indexOf('/usr/bin/chromium')).toBeGreaterThan(0);
  });
  it('tells a headless shell, launched in Puppeteer’s shell mode, from a full browser', () => {
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('/home/u/.cache/puppeteer/chrome-headless-shell/linux-150/chrome-headless-shell-linux64/chrome-headless-shell')).toBe(true);
    expect(isHeadlessShell('C:\\chrome-headless-shell-win64\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
    expect(isHeadlessShell('/opt/headless-shell-tools/chrome')).toBe(false);
  });
});
