import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/**
 * Scratch folders in the OS temp folder that the suite removes itself, pass or fail: a run
 * leaves nothing in the temp folder. Both names start with `lectern-` so that anything left
 * after a crash is easy to spot.
 */

const remove = (dir: string) => rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });

/** A new temporary folder, removed when the current test finishes. Call it inside a test. */
export function testDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => remove(dir));
  return dir;
}

/**
 * A new temporary folder, removed after the last test of the file (or of the describe block
 * it is called in). Call it at module or describe level, never inside a test.
 */
export function fileDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => remove(dir));
  return dir;
}
