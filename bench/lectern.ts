/** How the benchmark runs Lectern: the built CLI under bare `node`, as a user would. */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMeasured, type RunOptions, type RunResult } from './proc.js';

/** The repository root (bench/..). */
export const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'lectern.js');
const floorScript = join(root, 'bench', 'floor.mjs');

/** Runs `lectern <args>` as a measured child. */
export function lectern(args: string[], o: RunOptions = {}): Promise<RunResult> {
  return runMeasured(process.execPath, [cli, ...args], { cwd: root, ...o });
}

/** Runs the bare-Puppeteer floor on a built deck. */
export function floor(indexHtml: string, outPdf: string, o: RunOptions = {}): Promise<RunResult> {
  return runMeasured(process.execPath, [floorScript, indexHtml, outPdf], { cwd: root, ...o });
}

/** Throws with the child's output when a run failed, so a broken build is not timed as a fast one. */
export function mustSucceed(r: RunResult, what: string): RunResult {
  if (r.code === 0) return r;
  const why = r.timedOut ? 'timed out' : `exit ${r.code ?? r.signal}`;
  throw new Error(`${what}: ${why}\n${(r.stderr || r.stdout).trim().split('\n').slice(0, 8).join('\n')}`);
}

/** Slide count of `lectern plan --json`. */
export function planSlides(file: string): number {
  const out = execFileSync(process.execPath, [cli, 'plan', file, '--json', '-q'], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  return (JSON.parse(out) as { slides: unknown[] }).slides.length;
}

/** Slide count a build printed (`built …/index.html (N slides)`), summed over decks. */
export function builtSlides(stdout: string): number {
  return [...stdout.matchAll(/\((\d+) slides\)/g)].reduce((n, m) => n + Number(m[1]), 0);
}

/** Size of a file in bytes, or undefined when it is missing. */
export function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** Page count of a PDF (poppler's pdfinfo), or undefined without it. */
export function pdfPages(path: string): number | undefined {
  try {
    const m = /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
