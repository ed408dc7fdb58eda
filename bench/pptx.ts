/**
 * The PPTX case of the benchmark (#18): a 100-slide talk built with `--pptx` against without,
 * as paired ratios (each run against the run beside it), once with the slides PDF (the build a
 * teacher runs: the PPTX is made while the PDF prints) and once HTML-only (the PPTX's whole
 * cost on view), and the size of slides.pptx against slides.pdf.
 *
 *   npx tsx bench/pptx.ts [--runs 3] [--langs en,zh] [--size 100]   (after npm run build)
 *
 * From bench/index.ts: `pptxCase(dir, lang, size, runs, log)` per language, then
 * `pptxSection(cases)` gives the target rows and the Markdown section.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calibratedTalk } from './calibrate.js';
import type { Lang } from './generate.js';
import { cpuTimed, sizeOf } from './lectern.js';
import { median, type ReportSection, type Target } from './report.js';

/** The target for the PPTX's extra build time, as a ratio against the same build without it. */
export const PPTX_TARGET = 1.1;

/** One repetition: the four builds' wall and CPU times (ms) and the two files' sizes in bytes. */
export interface PptxRun {
  pdfMs: number;
  pdfPptxMs: number;
  htmlMs: number;
  htmlPptxMs: number;
  /** CPU time (user + system) of each build's whole process tree, Chromium included. */
  pdfCpu: number;
  pdfPptxCpu: number;
  htmlCpu: number;
  htmlPptxCpu: number;
  pdfBytes: number;
  pptxBytes: number;
}

/** A generated talk and its repetitions. */
export interface PptxCase {
  lang: Lang;
  slides: number;
  runs: PptxRun[];
}

/** Builds a talk of about `target` slides `runs` times each way. */
export async function pptxCase(dir: string, lang: Lang, target: number, runs: number, log: (s: string) => void): Promise<PptxCase> {
  mkdirSync(dir, { recursive: true });
  const talk = calibratedTalk(lang, target, `pptx-${lang}-${target}`, join(dir, `talk-${lang}-${target}.md`));
  log(`  pptx ${lang} ${target}: ${talk.slides} slides`);
  const deck = (out: string) => join(out, `talk-${lang}-${target}`);
  const timed = async (name: string, args: string[]) => {
    const out = join(dir, name);
    const r = cpuTimed(['build', talk.file, '-o', out, '-q', ...args], join(dir, 'stderr.txt'), `lectern build ${args.join(' ')} (${lang} ${target})`);
    return { ...r, out };
  };
  const result: PptxRun[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternating which goes first keeps a warm-up or a neighbour's load from favouring one side.
    const order = i % 2 === 0;
    const a = order ? await timed(`pdf-${i}`, ['--pdf']) : undefined;
    const b = await timed(`pdf-pptx-${i}`, ['--pdf', '--pptx']);
    const a2 = a ?? (await timed(`pdf-${i}`, ['--pdf']));
    const c = order ? await timed(`html-${i}`, []) : undefined;
    const d = await timed(`html-pptx-${i}`, ['--pptx']);
    const c2 = c ?? (await timed(`html-${i}`, []));
    const run: PptxRun = {
      pdfMs: a2.ms,
      pdfPptxMs: b.ms,
      htmlMs: c2.ms,
      htmlPptxMs: d.ms,
      pdfCpu: a2.cpu,
      pdfPptxCpu: b.cpu,
      htmlCpu: c2.cpu,
      htmlPptxCpu: d.cpu,
      pdfBytes: sizeOf(join(deck(b.out), 'slides.pdf')) ?? 0,
      pptxBytes: sizeOf(join(deck(b.out), 'slides.pptx')) ?? 0,
    };
    for (const o of [a2.out, b.out, c2.out, d.out]) rmSync(o, { recursive: true, force: true });
    log(`    run ${i + 1}: --pdf ${run.pdfMs.toFixed(0)} ms (cpu ${run.pdfCpu.toFixed(0)}), --pdf --pptx ${run.pdfPptxMs.toFixed(0)} ms (cpu ${run.pdfPptxCpu.toFixed(0)}); HTML ${run.htmlMs.toFixed(0)} ms (cpu ${run.htmlCpu.toFixed(0)}), --pptx ${run.htmlPptxMs.toFixed(0)} ms (cpu ${run.htmlPptxCpu.toFixed(0)}); pptx ${kb(run.pptxBytes)} vs pdf ${kb(run.pdfBytes)}`);
    result.push(run);
  }
  return { lang, slides: talk.slides, runs: result };
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const x = (r: number) => `${r.toFixed(2)}×`;

/** Medians of a case: paired ratios and sizes. */
export function summarisePptx(c: PptxCase) {
  const m = (f: (r: PptxRun) => number) => median(c.runs.map(f));
  return {
    pdfMs: m((r) => r.pdfMs),
    pdfPptxMs: m((r) => r.pdfPptxMs),
    htmlMs: m((r) => r.htmlMs),
    htmlPptxMs: m((r) => r.htmlPptxMs),
    withPdf: m((r) => r.pdfPptxMs / r.pdfMs),
    htmlOnly: m((r) => r.htmlPptxMs / r.htmlMs),
    withPdfCpu: m((r) => r.pdfPptxCpu / r.pdfCpu),
    htmlOnlyCpu: m((r) => r.htmlPptxCpu / r.htmlCpu),
    pptxBytes: m((r) => r.pptxBytes),
    pdfBytes: m((r) => r.pdfBytes),
    size: m((r) => r.pptxBytes / r.pdfBytes),
  };
}

/** The Markdown section: one row per language. */
export function renderPptx(cases: PptxCase[]): string {
  const rows = cases.map((c) => {
    const s = summarisePptx(c);
    return `| ${c.lang} | ${c.slides} | ${(s.pdfMs / 1000).toFixed(2)} s → ${(s.pdfPptxMs / 1000).toFixed(2)} s | ${x(s.withPdf)} | ${x(s.withPdfCpu)} | ${(s.htmlMs / 1000).toFixed(2)} s → ${(s.htmlPptxMs / 1000).toFixed(2)} s | ${x(s.htmlOnly)} | ${x(s.htmlOnlyCpu)} | ${kb(s.pptxBytes)} | ${kb(s.pdfBytes)} | ${x(s.size)} |`;
  });
  return [
    '## Editable PPTX (`--pptx`, #18)',
    '',
    'Medians of paired runs, wall time and CPU time (user + system of the whole process tree). The PPTX is made from the plan while the PDF prints; HTML-only shows its whole cost.',
    '',
    '| lang | slides | `--pdf` → `--pdf --pptx` | wall | CPU | HTML → `--pptx` | wall | CPU | slides.pptx | slides.pdf | pptx/pdf |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Target rows for the summary table: `--pdf --pptx` against `--pdf`, ≤ 1.1× (wall time; CPU shown beside it). */
export function pptxTargets(cases: PptxCase[]): Target[] {
  return cases.map((c) => {
    const s = summarisePptx(c);
    return {
      name: `${c.slides}-slide ${c.lang}: --pdf --pptx ≤ ${x(PPTX_TARGET)} --pdf`,
      measured: `${x(s.withPdf)} (${(s.pdfPptxMs / 1000).toFixed(2)} s vs ${(s.pdfMs / 1000).toFixed(2)} s; CPU ${x(s.withPdfCpu)}; slides.pptx ${kb(s.pptxBytes)}, ${x(s.size)} slides.pdf)`,
      pass: s.withPdf <= PPTX_TARGET,
    };
  });
}

/** The case's part of bench/results.md. */
export function pptxSection(cases: PptxCase[]): ReportSection {
  return { targets: pptxTargets(cases), markdown: cases.length ? [renderPptx(cases)] : [] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values: o } = parseArgs({ options: { runs: { type: 'string', default: '3' }, langs: { type: 'string', default: 'en,zh' }, size: { type: 'string', default: '100' } } });
  const tmp = mkdtempSync(join(tmpdir(), 'lectern-bench-pptx-'));
  const log = (s: string) => process.stderr.write(s + '\n');
  try {
    const cases: PptxCase[] = [];
    for (const lang of o.langs!.split(',') as Lang[]) cases.push(await pptxCase(join(tmp, lang), lang, Number(o.size), Number(o.runs), log));
    process.stdout.write(renderPptx(cases) + '\n\n');
    for (const t of pptxTargets(cases)) process.stdout.write(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
