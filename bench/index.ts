/**
 * `npm run bench`: times Lectern against a bare-Puppeteer floor on generated talks, compares a
 * batch build with separate builds, builds large transcripts, and prints a Markdown table of
 * targets (also written to bench/results.md).
 *
 *   npm run bench                           full run: 3 repetitions (2 for 300 slides)
 *   npm run bench -- --quick                1 repetition, batch once
 *   npx tsx bench/index.ts --sizes 20 --langs en --skip-batch --skip-large   (after npm run build)
 *
 * Options: --quick, --runs N, --sizes 20,100,300, --langs en,zh, --large-mb 1,5, --batch N,
 * --skip-decks, --skip-batch, --skip-large, --profile (an extra, untimed CPU profile of Node for
 * each large build and each 100-slide `--pdf --handout` build),
 * --keep (leave the temporary folder), --out FILE (default bench/results.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { batchCase, deckCase, largeCase, type DeckCase, type LargeCase } from './cases.js';
import type { Lang } from './generate.js';
import { root } from './lectern.js';
import { killActive } from './proc.js';
import { renderReport, type BenchResults } from './report.js';

const { values: o } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    sizes: { type: 'string', default: '20,100,300' },
    langs: { type: 'string', default: 'en,zh' },
    'large-mb': { type: 'string', default: '1,5' },
    batch: { type: 'string', default: '20' },
    'skip-decks': { type: 'boolean' },
    'skip-batch': { type: 'boolean' },
    'skip-large': { type: 'boolean' },
    profile: { type: 'boolean' },
    keep: { type: 'boolean' },
    out: { type: 'string', default: join(root, 'bench', 'results.md') },
  },
});

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const runs = o.runs ? Number(o.runs) : o.quick ? 1 : 3;
const sizes = list(o.sizes!).map(Number);
const langs = list(o.langs!) as Lang[];
const log = (s: string) => process.stderr.write(s + '\n');
const sh = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '?';
  }
};

const tmp = mkdtempSync(join(tmpdir(), 'lectern-bench-'));
const cleanup = () => {
  killActive();
  if (!o.keep) rmSync(tmp, { recursive: true, force: true });
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

async function main(): Promise<void> {
  const loadBefore = sh('uptime', []);
  const started = new Date();
  const decks: DeckCase[] = [];
  const large: LargeCase[] = [];
  const notes: string[] = [];
  if (!o['skip-decks']) {
    log('decks:');
    for (const size of sizes) {
      for (const lang of langs) {
        // 300 slides take long enough that two repetitions steady the median as well as three.
        const n = size >= 300 && !o.runs ? Math.max(1, runs - 1) : runs;
        decks.push(await deckCase(join(tmp, `deck-${lang}-${size}`), lang, size, n, !!o.profile, root, log));
      }
    }
  }
  let batch;
  if (!o['skip-batch']) {
    log('batch:');
    batch = await batchCase(join(tmp, 'batch'), Number(o.batch), o.quick ? 1 : Math.min(runs, 3), log);
  }
  if (!o['skip-large']) {
    log('large transcripts:');
    for (const lang of langs) {
      for (const size of list(o['large-mb']!).map(Number)) {
        large.push(await largeCase(join(tmp, 'large'), lang, size, (size >= 5 ? 300 : 120) * 1000, !!o.profile, root, log));
      }
    }
  }
  const drift = [...new Set(decks.flatMap((d) => d.flagDrift))];
  if (drift.length) notes.push(`The floor's browser flags differ from Lectern's (update bench/floor.mjs): ${drift.join('; ')}.`);
  else if (decks.length) notes.push("The floor launched Chromium with exactly Lectern's command line (checked from /proc on every run).");
  notes.push(
    'Times are wall times of the whole process (`node bin/lectern.js …` or `node bench/floor.mjs …`), start to exit: Node start-up, browser launch and close included on both sides.',
    'The floor opens the deck Lectern built in the same run, waits for `pdf-ready` and `document.fonts.ready`, and calls `page.pdf()` once with the options of src/export/pdf.ts.',
    "Lectern itself prints the print view it wrote at render time (templates/print.hbs), not reveal.js's print view: the same PDF bytes (test/export/print-view.test.ts), without loading reveal.js. That, and the work it does beyond the floor (reading, planning, rendering, PDF metadata and compaction), is in its times.",
    `Memory is sampled every 50 ms from /proc (a sample took ${Math.max(0, ...decks.map((d) => d.sampleMs)).toFixed(1)} ms on average, PSS reads included). Browser = summed RSS of every process the run started (Chromium's browser, zygotes, renderers, GPU and utility processes); RSS counts shared pages once per process, so the PSS figure in brackets (shared pages split) is closer to what the machine really spends. Node = the process's VmHWM.`,
    'The "browser + node" memory target adds the browser peak to the node peak (an upper bound: the two peaks need not coincide), for the worse of the PDF and the PDF + handout runs.',
    'Generated text: a seeded phrase grammar (bench/voice-en.ts, bench/voice-zh.ts), the same bytes on every run.',
  );
  const header = [
    `${started.toISOString()} — ${runs} run(s) per deck case${o.quick ? ' (--quick)' : ''}`,
    `load before: \`${loadBefore}\``,
    `load after: \`${sh('uptime', [])}\``,
    `${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${sh('/usr/bin/chromium', ['--version'])}`,
    `commit ${sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD'])}${sh('git', ['-C', root, 'status', '--porcelain', 'src', 'templates']) ? ' with uncommitted changes in src/ or templates/' : ''}`,
  ];
  const report = renderReport({ header, decks, batch, large, notes });
  process.stdout.write('\n' + report);
  writeFileSync(o.out!, report);
  log(`\nwritten to ${o.out}`);
}

try {
  await main();
} catch (e) {
  log(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  cleanup();
  if (o.keep) log(`kept ${tmp}`);
}
