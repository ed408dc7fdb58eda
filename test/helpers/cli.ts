import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { browserSession, type BrowserSession } from '../../src/browser/launch.js';
import { defaults } from '../../src/config/schema.js';

/** The project root. */
export const root = join(import.meta.dirname, '..', '..');

/** The seed article, when the shared folder is there. */
export const seedPath = join(root, '..', 'shared', 'seeds', '000_b01026bda6e18142.txt');
export const hasSeed = existsSync(seedPath);

/** Runs the built CLI (`npm test` builds it first) and returns exit code and output. */
export function lectern(args: string[], cwd = root): { code: number; stdout: string; stderr: string } {
  if (process.env.LECTERN_TEST_UNIT) throw new Error('npm run test:unit runs no CLI (it needs npm run build): list this file in cliTests in vitest.config.ts');
  const r = spawnSync(process.execPath, [join(root, 'bin', 'lectern.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI in this process through its own entry point (`main`, which bin/lectern.js only
 * calls), with the working folder and, when given, the TMPDIR of a child. A spawned Node costs
 * half a second of CPU before it reads its input; tables of bad inputs run many cells. An error
 * the run leaves unhandled still fails the test (vitest reports it), as it would crash a
 * process. The exit code is what bin/lectern.js would exit with. Needs a forks pool (chdir).
 * With `session` (see {@link sharedBrowser}), `build` and `check` print in that browser instead
 * of launching one each: for tests about what a command writes and says, not about the process
 * or its browser (flags such as --browser-path, --parallel and --timeout then do not reach it).
 */
export async function lecternHere(args: string[], cwd: string, tmp?: string, session?: BrowserSession): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli.js');
  let stdout = '';
  let stderr = '';
  const saved = { cwd: process.cwd(), tmp: process.env.TMPDIR, chrome: process.env.CHROME_PATH, color: process.env.NO_COLOR };
  process.chdir(cwd);
  if (tmp !== undefined) process.env.TMPDIR = tmp;
  process.env.NO_COLOR = '1';
  const restore = (key: 'TMPDIR' | 'CHROME_PATH' | 'NO_COLOR', value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  try {
    const code = await main(args, { out: (x) => (stdout += x), err: (x) => (stderr += x), session });
    return { code, stdout, stderr };
  } finally {
    process.chdir(saved.cwd);
    restore('TMPDIR', saved.tmp);
    restore('CHROME_PATH', saved.chrome);
    restore('NO_COLOR', saved.color);
  }
}

/**
 * One browser for the in-process CLI runs of a test file (`lecternHere(…, session)`), launched
 * as the CLI launches its own (offline, `defaults.parallel` pages) on first use and closed after
 * the file's last test. Starting Chromium costs 1–2 s of CPU (4–7 s of wall time on a loaded
 * machine) per command otherwise. Call it at module or describe level.
 */
export function sharedBrowser(): BrowserSession {
  const session = browserSession({ env: process.env, timeoutMs: defaults.timeoutMs, pages: defaults.parallel, offline: true });
  afterAll(() => session.close());
  return session;
}

/** Runs a poppler tool and returns its stdout. */
export function poppler(tool: 'pdfinfo' | 'pdffonts' | 'pdftotext', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Page count of a PDF, from pdfinfo. */
export function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))![1]);
}
