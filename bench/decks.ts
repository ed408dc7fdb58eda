/**
 * Authored decks (issue #15): a generated Marp deck of 1,000 slides built by Lectern with
 * `--pdf` (its slides kept as written) against the same file through Marp CLI, and against a
 * 100-slide deck from the same generator (time and memory per slide). Every figure is a ratio
 * against a baseline measured in the same run, so a busy machine slows both sides alike.
 *
 * Standalone: `npm run build && tsx bench/decks.ts [--quick]`; bench/index.ts can call
 * `authoredDeckCase` and print it with `formatAuthoredDecks`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { english } from './voice-en.js';
import { lectern, mustSucceed, pdfPages, root } from './lectern.js';
import { rng, seedOf, type Rng } from './prng.js';
import { runMeasured, type RunResult } from './proc.js';

/** One build of a deck: wall time, memory peaks in KB (Node, and the browser tree's RSS), pages. */
export interface DeckRun {
  ms: number;
  nodeKb: number;
  browserKb: number;
  pages?: number;
}

/** The authored-deck case: medians over the runs. */
export interface AuthoredDeckCase {
  small: { slides: number; lectern: DeckRun };
  big: { slides: number; lectern: DeckRun; marp?: DeckRun };
  runs: number;
}

/** A Marp deck of `slides` slides: a title slide, then headings, `*` fragment lists, a code fence or table every few slides, and notes. */
export function marpDeck(slides: number, seedKey: string): string {
  const r = rng(seedOf(seedKey));
  const out = ['---', 'marp: true', 'theme: gaia', 'paginate: true', 'title: Field Notes', '---', '', '<!-- _class: lead -->', '', '# Field Notes', '', 'A generated deck', ''];
  for (let i = 1; i < slides; i++) {
    out.push('---', '', `## ${english.sectionTitle(r)} ${i}`, '');
    if (i % 7 === 0) out.push('```python', `def step_${i}(x):`, '    # ---', `    return x * ${i}`, '```', '');
    else if (i % 11 === 0) out.push('| Item | Count |', '|------|------:|', `| ${english.sectionTitle(r)} | ${i} |`, `| ${english.sectionTitle(r)} | ${i * 2} |`, '');
    else for (let j = 0; j < 3; j++) out.push(`* ${point(r)}`);
    out.push('', `<!-- ${english.sectionTitle(r)}: say it in your own words. -->`, '');
  }
  return out.join('\n');
}

function point(r: Rng): string {
  return `${english.sectionTitle(r)}, ${english.sectionTitle(r).toLowerCase()}`;
}

const marpCli = join(root, 'node_modules', '@marp-team', 'marp-cli', 'marp-cli.js');

function run(r: RunResult, pages?: number): DeckRun {
  return { ms: r.ms, nodeKb: r.nodePeakKb, browserKb: r.treePeakKb, ...(pages !== undefined ? { pages } : {}) };
}

function median(runs: DeckRun[]): DeckRun {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: mid(runs.map((x) => x.ms)), nodeKb: mid(runs.map((x) => x.nodeKb)), browserKb: mid(runs.map((x) => x.browserKb)), pages: runs[0]?.pages };
}

/** Builds the 100- and 1,000-slide decks with Lectern (`--pdf`), and the big one with Marp CLI when installed, `runs` times. */
export async function authoredDeckCase(dir: string, runs: number, log: (s: string) => void): Promise<AuthoredDeckCase> {
  mkdirSync(dir, { recursive: true });
  const small = join(dir, 'authored-100.md');
  const big = join(dir, 'authored-1000.md');
  writeFileSync(small, marpDeck(100, 'authored'));
  writeFileSync(big, marpDeck(1000, 'authored'));
  const timeoutMs = 20 * 60_000;
  const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' };
  const smallRuns: DeckRun[] = [];
  const bigRuns: DeckRun[] = [];
  const marpRuns: DeckRun[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [file, into, name] of [[small, smallRuns, 'authored-100'], [big, bigRuns, 'authored-1000']] as const) {
      const out = join(dir, `out-${i}`);
      const r = mustSucceed(await lectern(['build', file, '--pdf', '-q', '--timeout', '600', '-o', out], { timeoutMs }), `lectern build --pdf ${name}`);
      into.push(run(r, pdfPages(join(out, name, 'slides.pdf'))));
      rmSync(out, { recursive: true, force: true });
    }
    const marpPdf = join(dir, `marp-${i}.pdf`);
    const m = await runMeasured(process.execPath, [marpCli, '--no-config-file', '--pdf', '--browser', 'chrome', '--browser-timeout', '0', '-o', marpPdf, big], { cwd: root, env, timeoutMs });
    if (m.code === 0) marpRuns.push(run(m, pdfPages(marpPdf)));
    rmSync(marpPdf, { force: true });
    log(`  run ${i + 1}/${runs}: 100 slides ${(smallRuns[i].ms / 1000).toFixed(2)} s, 1000 slides ${(bigRuns[i].ms / 1000).toFixed(2)} s${m.code === 0 ? `, Marp CLI ${(m.ms / 1000).toFixed(2)} s` : ', Marp CLI failed or missing'}`);
  }
  return { small: { slides: 100, lectern: median(smallRuns) }, big: { slides: 1000, lectern: median(bigRuns), ...(marpRuns.length ? { marp: median(marpRuns) } : {}) }, runs };
}

/** The case as report lines: times, per-slide ratio, memory, and Lectern against Marp CLI. */
export function formatAuthoredDecks(c: AuthoredDeckCase): string[] {
  const s = c.small.lectern;
  const b = c.big.lectern;
  const perSlide = b.ms / c.big.slides / (s.ms / c.small.slides);
  const lines = [
    `Authored Marp deck, build --pdf (median of ${c.runs}):`,
    `  100 slides: ${(s.ms / 1000).toFixed(2)} s, ${s.pages} pages, Node ${(s.nodeKb / 1024).toFixed(0)} MB, browser ${(s.browserKb / 1024).toFixed(0)} MB`,
    `  1000 slides: ${(b.ms / 1000).toFixed(2)} s, ${b.pages} pages, Node ${(b.nodeKb / 1024).toFixed(0)} MB, browser ${(b.browserKb / 1024).toFixed(0)} MB`,
    `  time per slide, 1000 vs 100: ${perSlide.toFixed(2)}×; memory (Node + browser), 1000 vs 100: ${((b.nodeKb + b.browserKb) / (s.nodeKb + s.browserKb)).toFixed(2)}×`,
  ];
  if (c.big.marp) {
    const m = c.big.marp;
    lines.push(`  1000 slides, Lectern vs Marp CLI on the same file: time ${(b.ms / m.ms).toFixed(2)}×, memory ${((b.nodeKb + b.browserKb) / (m.nodeKb + m.browserKb)).toFixed(2)}× (Marp ${(m.ms / 1000).toFixed(2)} s, ${m.pages} pages)`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-bench-decks-'));
  try {
    const c = await authoredDeckCase(dir, process.argv.includes('--quick') ? 1 : 3, (s) => process.stderr.write(s + '\n'));
    process.stdout.write(formatAuthoredDecks(c).join('\n') + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
