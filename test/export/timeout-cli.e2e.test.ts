/**
 * `--timeout SECONDS`: the limit for each step of a PDF export. A bad value is a usage error;
 * a limit the export misses fails the deck with one line whose advice is the option itself.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lecternHere, sharedBrowser } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'lectern-timeout-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/**
 * The CLI in this process (its main()), printing on the file's browser, already running:
 * --timeout bounds each step of the export (what is tested here), not Chromium's start, which
 * on a loaded machine would eat into a short limit.
 */
const session = sharedBrowser();
const lectern = (args: string[]) => lecternHere(args, work, undefined, session);

describe('--timeout', () => {
  it('is listed in --help', async () => {
    expect((await lectern(['--help'])).stdout).toMatch(/--timeout SECONDS/);
  });

  it('takes a positive number of seconds; anything else is a one-line usage error', async () => {
    const src = join(work, 'talk.md');
    writeFileSync(src, '# A talk\n\n## One\n\nA few words.\n');
    for (const bad of ['0', 'abc']) {
      const r = await lectern(['build', src, '--pdf', `--timeout=${bad}`, '-o', join(work, 'bad')]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr.trim().split('\n'), bad).toEqual([`lectern: --timeout ${bad}: give a number of seconds, e.g. 120`]);
      expect(existsSync(join(work, 'bad')), bad).toBe(false);
    }
  });

  it('reaches the export: a deck that misses it fails with one line naming the option, and writes nothing', async () => {
    // A layout that never loads reveal.js, so its print view never signals pdf-ready.
    const dir = join(work, 'stuck');
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'templates', 'layout.hbs'), '<!doctype html><html><head><meta charset="utf-8"></head><body><div class="reveal"><div class="slides">{{{slides}}}</div></div></body></html>\n');
    const src = join(dir, 'slow.md');
    writeFileSync(src, '# Slow\n\n## One\n\nA few words.\n');
    // A short limit: only the stuck deck is printed, and every step before its print is 'load'.
    const r = await lectern(['build', src, '--pdf', '--timeout', '4', '-q', '-o', join(work, 'out')]);
    expect(r.code).toBe(6);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lectern: .*slow\.md: the deck was not ready to print within 4 s .*give it longer with --timeout SECONDS \(now 4\)$/);
    expect(existsSync(join(work, 'out', 'slow'))).toBe(false);
  });
});
