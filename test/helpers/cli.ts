import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
