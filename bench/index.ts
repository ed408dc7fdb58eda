/**
 * `npm run bench`: every performance claim of Lectern, each as a ratio against a baseline
 * measured in the same run (so a busy machine slows both sides alike), printed as a Markdown
 * table of targets and written to bench/results.md. Sections, in the order they run:
 *
 *   decks           20/100/300-slide talks (en, zh): build --pdf and --pdf --handout against a bare-Puppeteer floor
 *   batch           20 decks in one build against 20 separate builds
 *   large           1 MB and 5 MB transcripts (HTML only) in three shapes: numbered parts, a headingless
 *                   Markdown podcast with **Name:** turns, a Q:/A: FAQ (#14)
 *   pptx            100-slide talk, --pdf --pptx against --pdf (#18)
 *   lecture         100-slide talk with code and math, against the same text untypeset (#16)
 *   imported-decks  1,000-slide Marp deck against a 100-slide one and against Marp CLI (#15)
 *   marp            Lectern against Marp CLI on 100-, 1,150- and 2,300-slide bullet decks (#13)
 *   big-pdf         ~5,800-slide transcript to PDF against a ~100-slide one (#13)
 *   ingest          ingest time against input size, in process (#13)
 *
 *   npm run bench                           full run: 3 repetitions (2 for 300 slides and the Marp decks)
 *   npm run bench -- --quick                1 repetition of everything, batch once
 *   npm run bench -- --only pptx,lecture    only these sections
 *   npm run bench -- --bigdecks --quick     only marp, big-pdf and ingest (or LECTERN_BENCH=bigdecks npm run bench)
 *   npx tsx bench/index.ts --sizes 20 --langs en --skip-batch --skip-large   (after npm run build)
 *
 * Options: --quick, --runs N, --only LIST, --skip-<section> for each section above,
 * --bigdecks, --sizes 20,100,300, --langs en,zh, --large-mb 1,5, --large-shapes parts,podcast,faq,
 * --batch N, --marp-sizes 100,1150,2300, --big-mb 1 (the transcript printed to PDF), --profile (an
 * extra, untimed CPU profile of Node for each large build and each 100-slide `--pdf --handout`
 * build), --keep (leave the temporary folder), --out FILE (default bench/results.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bigPdfCase, ingestCase, marpCase, marpVersion, type BigPdfCase, type IngestRow, type MarpCase } from './bigdecks.js';
import { batchCase, deckCase, LARGE_SHAPES, largeCase, type BatchCase, type DeckCase, type LargeCase, type LargeShape } from './cases.js';
import { authoredDeckCase, authoredDeckSection } from './decks.js';
import type { Lang } from './generate.js';
import { lectureCase, lectureSection, withHighlighters } from './lecture.js';
import { root } from './lectern.js';
import { pptxCase, pptxSection, type PptxCase } from './pptx.js';
import { killActive } from './proc.js';
import { renderReport, type ReportSection } from './report.js';

/** The benchmark's sections, in the order they run. */
const SECTIONS = ['decks', 'batch', 'large', 'pptx', 'lecture', 'imported-decks', 'marp', 'big-pdf', 'ingest'] as const;
type Section = (typeof SECTIONS)[number];
const BIG_SECTIONS: readonly Section[] = ['marp', 'big-pdf', 'ingest'];

const { values: o } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    runs: { type: 'string' },
    sizes: { type: 'string', default: '20,100,300' },
    langs: { type: 'string', default: 'en,zh' },
    'large-mb': { type: 'string', default: '1,5' },
    'large-shapes': { type: 'string', default: LARGE_SHAPES.join(',') },
    batch: { type: 'string', default: '20' },
    only: { type: 'string' },
    ...(Object.fromEntries(SECTIONS.map((name) => [`skip-${name}`, { type: 'boolean' }])) as Record<`skip-${Section}`, { type: 'boolean' }>),
    bigdecks: { type: 'boolean' },
    'marp-sizes': { type: 'string', default: '100,1150,2300' },
    'big-mb': { type: 'string', default: '1' },
    profile: { type: 'boolean' },
    keep: { type: 'boolean' },
    out: { type: 'string', default: join(root, 'bench', 'results.md') },
  },
});

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const listOf = <T extends string>(what: string, value: string, allowed: readonly T[]): T[] => {
  const items = list(value);
  const bad = items.filter((i) => !allowed.includes(i as T));
  if (bad.length) {
    process.stderr.write(`bench: unknown ${what} ${bad.join(', ')}; expected some of ${allowed.join(', ')}\n`);
    process.exit(2);
  }
  return items as T[];
};
// Only the big-deck cases: --bigdecks, or LECTERN_BENCH=bigdecks in the environment.
const bigOnly = !!o.bigdecks || process.env.LECTERN_BENCH === 'bigdecks';
const chosen: readonly Section[] = o.only ? listOf('section', o.only, SECTIONS) : bigOnly ? BIG_SECTIONS : SECTIONS;
const sections = new Set(chosen.filter((name) => !o[`skip-${name}`]));
const skipped = SECTIONS.filter((name) => !sections.has(name));
const runs = o.runs ? Number(o.runs) : o.quick ? 1 : 3;
const sizes = list(o.sizes!).map(Number);
const langs = listOf<Lang>('language', o.langs!, ['en', 'zh']);
const shapes = listOf<LargeShape>('shape', o['large-shapes']!, LARGE_SHAPES);
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
  const loadAtStart = loadavg()[0]!;
  const started = new Date();
  const decks: DeckCase[] = [];
  const large: LargeCase[] = [];
  const early: string[] = [];
  const extra: ReportSection[] = [];
  const marp: MarpCase[] = [];
  const bigPdf: BigPdfCase[] = [];
  let ingest: IngestRow[] | undefined;
  let batch: BatchCase | undefined;
  const marpAt = marpVersion();
  // A section that fails is a MISS row with its error, and the run goes on to the next one.
  const done: Section[] = [];
  const section = async (name: Section, title: string, run: () => Promise<void>) => {
    if (!sections.has(name)) return;
    log(`${title}:`);
    try {
      await run();
    } catch (e) {
      const message = (e as Error).message;
      log(`  ${name} failed: ${message}`);
      extra.push({ targets: [{ name: `${name}: the section ran to the end`, measured: message.split('\n')[0]!, pass: false }], markdown: [] });
    }
    done.push(name);
    // The report so far, marked partial, so a run cut short still leaves what it measured.
    if (done.length < sections.size) writeFileSync(o.out!, report());
  };
  await section('decks', 'decks', async () => {
    for (const size of sizes) {
      for (const lang of langs) {
        // 300 slides take long enough that two repetitions steady the median as well as three.
        const n = size >= 300 && !o.runs ? Math.max(1, runs - 1) : runs;
        decks.push(await deckCase(join(tmp, `deck-${lang}-${size}`), lang, size, n, !!o.profile, root, log));
      }
    }
  });
  await section('batch', 'batch', async () => {
    batch = await batchCase(join(tmp, 'batch'), Number(o.batch), o.quick ? 1 : Math.min(runs, 3), log);
  });
  await section('large', 'large transcripts', async () => {
    for (const shape of shapes) {
      for (const lang of langs) {
        for (const size of list(o['large-mb']!).map(Number)) {
          large.push(await largeCase(join(tmp, 'large'), lang, shape, size, (size >= 5 ? 300 : 120) * 1000, !!o.profile, root, log));
        }
      }
    }
  });
  await section('pptx', 'PPTX (--pdf --pptx against --pdf)', async () => {
    const cases: PptxCase[] = [];
    for (const lang of langs) cases.push(await pptxCase(join(tmp, `pptx-${lang}`), lang, 100, runs, log));
    extra.push(pptxSection(cases));
  });
  await section('lecture', 'highlighting and math (typeset against untypeset)', async () => {
    const dir = join(tmp, 'lecture');
    mkdirSync(dir, { recursive: true });
    extra.push(lectureSection(await withHighlighters(await lectureCase(dir, { runs, slides: 100, pdf: false, log }))));
  });
  await section('imported-decks', 'imported Marp deck, 1,000 slides against 100 and against Marp CLI', async () => {
    extra.push(authoredDeckSection(await authoredDeckCase(join(tmp, 'imported-decks'), runs, log)));
  });
  if (!marpAt && sections.has('marp')) early.push('Marp CLI is not installed (npm install): the comparison with it was skipped.');
  await section('marp', `Lectern and Marp CLI ${marpAt ?? '(not installed)'}, bullet decks`, async () => {
    if (!marpAt) return;
    // The big decks take minutes; two repetitions (one with --quick) give a paired ratio each.
    for (const size of list(o['marp-sizes']!).map(Number)) marp.push(await marpCase(join(tmp, `marp-${size}`), size, o.runs ? runs : o.quick ? 1 : 2, log));
  });
  await section('big-pdf', 'transcripts to PDF', async () => {
    for (const size of list(o['big-mb']!).map(Number)) bigPdf.push(await bigPdfCase(join(tmp, `big-${size}`), 'en', size, runs, log));
  });
  await section('ingest', 'ingest', async () => {
    ingest = await ingestCase(o.quick ? 5 : 9);
    for (const i of ingest) log(`  ${i.name}: ${i.oneMs.toFixed(1)} → ${i.eightMs.toFixed(1)} ms`);
  });
  const final = report();
  process.stdout.write('\n' + final);
  writeFileSync(o.out!, final);
  log(`\nwritten to ${o.out}`);

  /** The report of what has run so far (partial until every chosen section has run). */
  function report(): string {
    const pending = [...sections].filter((name) => !done.includes(name));
    const notes = [...early];
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
      `${started.toISOString()} — ${runs} run(s) per case${o.quick ? ' (--quick: one run each, so every ratio is a single pair)' : ''}`,
      ...(pending.length ? [`**Partial report**, written after ${done.join(', ')}: ${pending.join(', ')} had not run yet`] : []),
      skipped.length ? `sections not run: ${skipped.join(', ')} (their targets are left out of the table)` : `every section ran: ${SECTIONS.join(', ')}`,
      `load before: \`${loadBefore}\``,
      `load ${pending.length ? 'at this write' : 'after'}: \`${sh('uptime', [])}\``,
      ...(Math.max(loadAtStart, loadavg()[0]!) > cpus().length
        ? [`**The machine was loaded** (1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} CPUs): wall times are inflated and noisy. Each ratio pairs runs made side by side, so it suffers less, but ${o.quick ? 'with one run each a single unlucky pair can miss a target' : 'it is noisier than on an idle machine'}.`]
        : []),
      `${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${sh('/usr/bin/chromium', ['--version'])}`,
      `commit ${sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD'])}${sh('git', ['-C', root, 'status', '--porcelain', 'src', 'templates']) ? ' with uncommitted changes in src/ or templates/' : ''}`,
    ];
    return renderReport({ header, decks, batch, large, marp, bigPdf, ingest, notes, ran: done, sections: extra });
  }
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
