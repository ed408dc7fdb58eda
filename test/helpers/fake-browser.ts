import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in "browser" in `dir` that only leaves a mark and fails: set it as CHROME_PATH to see
 * whether a run tried to start Chromium (`mark` exists) and how it copes when it cannot.
 */
export function fakeBrowser(dir: string): { path: string; mark: string } {
  const path = join(dir, 'fake-chromium');
  const mark = join(dir, 'started');
  writeFileSync(path, `#!/bin/sh\ntouch '${mark}'\nexit 1\n`);
  chmodSync(path, 0o755);
  return { path, mark };
}
