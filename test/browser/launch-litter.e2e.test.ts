import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findBrowser, isHeadlessShell, systemBrowsers } from '../../src/browser/find.js';
import { browserSession } from '../../src/browser/launch.js';
import { testDir } from '../helpers/temp.js';

/**
 * Chromium's lock socket lives in `$TMPDIR/org.chromium.Chromium.XXXXXX/`. Lectern gives the
 * browser a temporary folder of its own, removed with the profile, but where TMPDIR's path is
 * too long for a socket under one more folder (107 bytes), the lock folder sits in TMPDIR itself,
 * and Chromium removes it only on a shutdown it is allowed to finish. Lectern kills it.
 */

/** A TMPDIR of 55 characters: too long for Lectern's own browser folder, short enough for the socket. */
function longTmp(): string | undefined {
  const base = testDir('lectern-long-');
  const pad = 55 - base.length - 1;
  if (pad < 1) return undefined;
  const dir = join(base, 'x'.repeat(pad));
  mkdirSync(dir);
  return dir;
}

/** A full Chromium: the headless shell, which Lectern prefers, makes no lock socket. */
function fullBrowser(): string | undefined {
  try {
    return findBrowser({ env: {}, candidates: systemBrowsers.filter((p) => !isHeadlessShell(p)) }).path;
  } catch {
    return undefined;
  }
}

describe('a browser session in a TMPDIR too long for its own folder', () => {
  for (const how of ['close', 'kill'] as const) {
    it(`leaves nothing in TMPDIR after ${how}()`, async (ctx) => {
      const tmp = longTmp();
      if (!tmp) return ctx.skip('the OS temp folder path is too long to make a 55-character TMPDIR under it');
      const flag = fullBrowser();
      if (!flag) return ctx.skip('no full Chrome or Chromium installed (only a headless shell, which makes no lock socket)');
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      onTestFinished(() => {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      });
      const session = browserSession({ env: process.env, flag, timeoutMs: 60_000 });
      onTestFinished(() => session.close());
      expect(await session.withPage((page) => page.evaluate('6 * 7'))).toBe(42);
      // The lock folder is in TMPDIR itself, beside the profile.
      expect(readdirSync(tmp).some((n) => /org\.chromium\.Chromium\./.test(n))).toBe(true);
      if (how === 'close') await session.close();
      else session.kill();
      expect(readdirSync(tmp)).toEqual([]);
    });
  }
});
