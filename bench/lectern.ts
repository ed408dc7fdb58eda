/** How the benchmark runs Lectern: the built CLI under bare `node`, as a user would. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
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

/**
 * Runs `lectern <args>` under bash's `time`, for the wall time and the CPU time (ms) of the
 * whole process tree (a waited-for child's CPU counts towards its parent's, so Chromium's is in
 * it). On a shared machine the CPU time is the steadier of the two: waiting for a core inflates
 * the wall time of both sides of a pair, but not the work either does. Throws with the first
 * lines of stderr (kept in `errFile`) when the build fails.
 */
export function cpuTimed(args: string[], errFile: string, what: string): { ms: number; cpu: number } {
  const script = 'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null 2>"$LECTERN_BENCH_ERR"';
  const r = spawnSync('bash', ['-c', script, 'time', process.execPath, cli, ...args], { encoding: 'utf8', timeout: 10 * 60_000, cwd: root, env: { ...process.env, LECTERN_BENCH_ERR: errFile } });
  const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${what}: exit ${r.status ?? r.signal}\n${readFileSync(errFile, 'utf8').trim().split('\n').slice(0, 8).join('\n')}`);
  return { ms: Number(m[1]) * 1000, cpu: (Number(m[2]) + Number(m[3])) * 1000 };
}

/** Throws with the child's output when a run failed, so a broken build is not timed as a fast one. */
export function mustSucceed(r: RunResult, what: string): RunResult {
  if (r.code === 0) return r;
  const why = r.timedOut ? 'timed out' : `exit ${r.code ?? r.signal}`;
  throw new Error(`${what}: ${why}\n${(r.stderr || r.stdout).trim().split('\n').slice(0, 8).join('\n')}`);
}

/** The line that says why a run failed: Lectern's one-line error, else the first error line, else the exit status. */
export function failureLine(r: RunResult, timeoutMs?: number): string {
  if (r.timedOut) return `killed after ${(timeoutMs ?? 0) / 1000} s`;
  const lines = r.stderr.split('\n');
  return lines.find((l) => /^lectern:/.test(l)) ?? lines.find((l) => /^\w*Error\b/.test(l)) ?? `exit ${r.code ?? r.signal}`;
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
