/**
 * `npm run bench`: times Lectern against a bare-Puppeteer floor on generated talks, compares a
 * batch build with separate builds, builds large transcripts, and prints a Markdown table of
 * targets (also written to bench/results.md).
 *
 *   npm run bench                           full run: 3 repetitions (2 for 300 slides)
 *   npm run bench -- --quick                1 repetition, batch once
 *   npx tsx bench/index.ts --sizes 20 --langs en --skip-batch --skip-large   (after npm run build)
 *   npm run bench -- --bigdecks --quick     only the big-deck cases (Marp CLI, ~5,800-slide PDF, ingest), once
 *                                           (or LECTERN_BENCH=bigdecks npm run bench)
 *
 * Options: --quick, --runs N, --sizes 20,100,300, --langs en,zh, --large-mb 1,5, --batch N,
 * --skip-decks, --skip-batch, --skip-large, --bigdecks (only the big-deck cases), --marp-sizes 100,1150,2300,
 * --big-mb 1 (the transcript printed to PDF), --skip-marp, --skip-big-pdf, --skip-ingest, --profile (an extra, untimed CPU profile of Node for
 * each large build and each 100-slide `--pdf --handout` build),
 * --keep (leave the temporary folder), --out FILE (default bench/results.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bigPdfCase, ingestCase, marpCase, marpVersion, type BigPdfCase, type IngestRow, type MarpCase } from './bigdecks.js';
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
    bigdecks: { type: 'boolean' },
    'marp-sizes': { type: 'string', default: '100,1150,2300' },
    'big-mb': { type: 'string', default: '1' },
    'skip-marp': { type: 'boolean' },
    'skip-big-pdf': { type: 'boolean' },
    'skip-ingest': { type: 'boolean' },
    profile: { type: 'boolean' },
    keep: { type: 'boolean' },
    out: { type: 'string', default: join(root, 'bench', 'results.md') },
  },
});

// Only the big-deck cases: --bigdecks, or LECTERN_BENCH=bigdecks in the environment.
const bigOnly = o.bigdecks || process.env.LECTERN_BENCH === 'bigdecks';
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
  if (!o['skip-decks'] && !bigOnly) {
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
  if (!o['skip-batch'] && !bigOnly) {
    log('batch:');
    batch = await batchCase(join(tmp, 'batch'), Number(o.batch), o.quick ? 1 : Math.min(runs, 3), log);
  }
  if (!o['skip-large'] && !bigOnly) {
    log('large transcripts:');
    for (const lang of langs) {
      for (const size of list(o['large-mb']!).map(Number)) {
        large.push(await largeCase(join(tmp, 'large'), lang, size, (size >= 5 ? 300 : 120) * 1000, !!o.profile, root, log));
      }
    }
  }
  const marp: MarpCase[] = [];
  const bigPdf: BigPdfCase[] = [];
  let ingest: IngestRow[] | undefined;
  const marpAt = marpVersion();
  if (!o['skip-marp'] && marpAt) {
    log(`Lectern and Marp CLI ${marpAt}, bullet decks:`);
    // The big decks take minutes; two repetitions (one with --quick) give a paired ratio each.
    for (const size of list(o['marp-sizes']!).map(Number)) marp.push(await marpCase(join(tmp, `marp-${size}`), size, o.runs ? runs : o.quick ? 1 : 2, log));
  } else if (!o['skip-marp']) notes.push('Marp CLI is not installed (npm install): the comparison with it was skipped.');
  if (!o['skip-big-pdf']) {
    log('transcripts to PDF:');
    for (const size of list(o['big-mb']!).map(Number)) bigPdf.push(await bigPdfCase(join(tmp, `big-${size}`), 'en', size, runs, log));
  }
  if (!o['skip-ingest']) {
    log('ingest:');
    ingest = await ingestCase(o.quick ? 5 : 9);
    for (const i of ingest) log(`  ${i.name}: ${i.oneMs.toFixed(1)} → ${i.eightMs.toFixed(1)} ms`);
  }
  if (marp.length) {
    notes.push(
      `Marp CLI ${marpAt} printed the same slides as Lectern: its Markdown is written slide for slide from Lectern's plan of the bullet deck (title, agenda, one content slide per section, closing), and the table gives both PDFs' page counts, which must match (the target fails otherwise). Marp runs with \`--pdf --browser chrome --browser-timeout 0\` (its 30 s default fails a 2,300-slide deck) on CHROME_PATH=/usr/bin/chromium.`,
      `Marp launches Chromium with its own flags; it has no option for Lectern's offline flags. Its command line here: \`${(marp.find((m) => m.marpBrowserArgs)?.marpBrowserArgs ?? []).slice(1).filter((a) => !a.startsWith('--user-data-dir=')).join(' ')}\`.`,
      'Lectern and Marp alternate which goes first from run to run; each ratio is one run of each, and the table gives the median.',
    );
  }
  if (bigPdf.length) notes.push('The ~100-slide transcript is the start of the big one (the generator writes a longer transcript by adding parts to a shorter one), so both have the same kinds of slides; time a slide is the whole build (start-up, HTML, PDF) over its slides.');
  if (ingest) notes.push('Ingest times are measured in the benchmark process (plain text read and turns inferred, no I/O): linear code takes about 8× as long for 8× the input, quadratic about 64×.');
  const drift = [...new Set(decks.flatMap((d) => d.flagDrift))];
  if (drift.length) notes.push(`The floor's browser flags differ from Lectern's (update bench/floor.mjs): ${drift.join('; ')}.`);
  else if (decks.length) notes.push("The floor launched Chromium with exactly Lectern's command line (checked from /proc on every run).");
  notes.push(
    'Times are wall times of the whole process (`node bin/lectern.js …` or `node bench/floor.mjs …`), start to exit: Node start-up, browser launch and close included on both sides.',
  );
  if (decks.length) notes.push(
    'The floor opens the deck Lectern built in the same run, waits for `pdf-ready` and `document.fonts.ready`, and calls `page.pdf()` once with the options of src/export/pdf.ts.',
    "Lectern itself prints the print view it wrote at render time (templates/print.hbs), not reveal.js's print view: the same PDF bytes (test/export/print-view.test.ts), without loading reveal.js. That, and the work it does beyond the floor (reading, planning, rendering, PDF metadata and compaction), is in its times.",
    `Memory is sampled every 50 ms from /proc (a sample took ${Math.max(0, ...decks.map((d) => d.sampleMs)).toFixed(1)} ms on average, PSS reads included). Browser = summed RSS of every process the run started (Chromium's browser, zygotes, renderers, GPU and utility processes); RSS counts shared pages once per process, so the PSS figure in brackets (shared pages split) is closer to what the machine really spends. Node = the process's VmHWM.`,
    'The "browser + node" memory target adds the browser peak to the node peak (an upper bound: the two peaks need not coincide), for the worse of the PDF and the PDF + handout runs.',
    'Generated text: a seeded phrase grammar (bench/voice-en.ts, bench/voice-zh.ts), the same bytes on every run.',
  );
  const header = [
    `${started.toISOString()} — ${runs} run(s) per deck case${o.quick ? ' (--quick)' : ''}${bigOnly ? ', big-deck cases only' : ''}`,
    `load before: \`${loadBefore}\``,
    `load after: \`${sh('uptime', [])}\``,
    `${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${sh('/usr/bin/chromium', ['--version'])}`,
    `commit ${sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD'])}${sh('git', ['-C', root, 'status', '--porcelain', 'src', 'templates']) ? ' with uncommitted changes in src/ or templates/' : ''}`,
  ];
  const report = renderReport({ header, decks, batch, large, marp, bigPdf, ingest, notes, bigOnly });
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
