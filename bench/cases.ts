/**
 * The benchmark's cases. Each run gets its own output folder (so no build pays for removing
 * the previous deck), and folders are removed as soon as their sizes are read.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibratedTalk, type CalibratedTalk } from './calibrate.js';
import { conversation, transcript, type Lang } from './generate.js';
import { builtSlides, failureLine, floor, lectern, mustSucceed, pdfPages, sizeOf } from './lectern.js';
import { hotspots, type ProfileSummary } from './profile.js';
import { runMeasured, type RunResult } from './proc.js';

/** Memory of one run, in KB. */
export interface Memory {
  /** Summed RSS of the browser tree. */
  browser: number;
  /** Summed PSS of the browser tree. */
  browserPss: number;
  /** The Node process's VmHWM. */
  node: number;
}

const memory = (r: RunResult): Memory => ({ browser: r.treePeakKb, browserPss: r.treePssPeakKb, node: r.nodePeakKb });

/** One repetition of a deck case. */
export interface DeckRun {
  pdfMs: number;
  handoutMs: number;
  floorMs: number;
  pdfMem: Memory;
  handoutMem: Memory;
  floorMem: Memory;
  pdfBytes: number;
  handoutBytes: number;
  floorBytes: number;
  pdfPages?: number;
  handoutPages?: number;
}

/** A generated deck and its repetitions. */
export interface DeckCase {
  lang: Lang;
  target: number;
  talk: CalibratedTalk;
  runs: DeckRun[];
  /** Browser flags that differ between Lectern and the floor (empty when they match). */
  flagDrift: string[];
  sampleMs: number;
  /** CPU profile of Node during a `--pdf --handout` build (with `--profile`, 100-slide decks). */
  profile?: ProfileSummary;
}

/** Flags of a browser command line that matter for a comparison (not the per-run profile). */
function flags(args: string[] | undefined): Set<string> {
  return new Set((args ?? []).slice(1).filter((a) => !a.startsWith('--user-data-dir=')));
}

function drift(a: string[] | undefined, b: string[] | undefined): string[] {
  if (!a || !b) return [];
  const x = flags(a);
  const y = flags(b);
  return [...[...x].filter((f) => !y.has(f)).map((f) => `lectern only: ${f}`), ...[...y].filter((f) => !x.has(f)).map((f) => `floor only: ${f}`)];
}

/** Generates a talk of about `target` slides and times it `runs` times: PDF, floor, PDF + handout. */
export async function deckCase(dir: string, lang: Lang, target: number, runs: number, profile: boolean, root: string, log: (s: string) => void): Promise<DeckCase> {
  mkdirSync(dir, { recursive: true });
  const talk = calibratedTalk(lang, target, `talk-${lang}-${target}`, join(dir, `talk-${lang}-${target}.md`));
  log(`  ${lang} ${target}: ${talk.sections} sections → ${talk.slides} slides (${(talk.bytes / 1024).toFixed(0)} KB of Markdown)`);
  const out: DeckRun[] = [];
  let flagDrift: string[] = [];
  let sampleMs = 0;
  const timeoutMs = 20 * 60_000;
  for (let i = 0; i < runs; i++) {
    const a = join(dir, `pdf-${i}`);
    const h = join(dir, `handout-${i}`);
    const deck = (root: string) => join(root, `talk-${lang}-${target}`);
    const pdf = mustSucceed(await lectern(['build', talk.file, '--pdf', '-o', a], { timeoutMs }), `lectern build --pdf (${lang} ${target})`);
    const floorPdf = join(dir, `floor-${i}.pdf`);
    const fl = mustSucceed(await floor(join(deck(a), 'index.html'), floorPdf, { timeoutMs }), `floor (${lang} ${target})`);
    const ho = mustSucceed(await lectern(['build', talk.file, '--pdf', '--handout', '-o', h], { timeoutMs }), `lectern build --pdf --handout (${lang} ${target})`);
    flagDrift = drift(pdf.browserArgs, fl.browserArgs);
    sampleMs = Math.max(sampleMs, pdf.sampleMs, fl.sampleMs, ho.sampleMs);
    out.push({
      pdfMs: pdf.ms,
      handoutMs: ho.ms,
      floorMs: fl.ms,
      pdfMem: memory(pdf),
      handoutMem: memory(ho),
      floorMem: memory(fl),
      pdfBytes: sizeOf(join(deck(a), 'slides.pdf')) ?? 0,
      handoutBytes: sizeOf(join(deck(h), 'handout.pdf')) ?? 0,
      floorBytes: sizeOf(floorPdf) ?? 0,
      pdfPages: pdfPages(join(deck(a), 'slides.pdf')),
      handoutPages: pdfPages(join(deck(h), 'handout.pdf')),
    });
    log(`    run ${i + 1}/${runs}: pdf ${(pdf.ms / 1000).toFixed(2)} s, floor ${(fl.ms / 1000).toFixed(2)} s, pdf+handout ${(ho.ms / 1000).toFixed(2)} s`);
    for (const d of [a, h, floorPdf]) rmSync(d, { recursive: true, force: true });
  }
  const result: DeckCase = { lang, target, talk, runs: out, flagDrift, sampleMs };
  if (profile && target === 100) {
    const p = join(dir, 'profiled');
    result.profile = await profiled(['build', talk.file, '--pdf', '--handout', '-q', '-o', p], join(dir, 'prof'), root, timeoutMs);
    rmSync(p, { recursive: true, force: true });
  }
  return result;
}

/**
 * Runs `lectern <args>` once more under `node --cpu-prof` and summarises the profile (a run
 * killed at the timeout writes none). Not timed: the profiler slows the process down.
 */
async function profiled(args: string[], profDir: string, root: string, timeoutMs: number): Promise<ProfileSummary | undefined> {
  await runMeasured(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, join(root, 'bin', 'lectern.js'), ...args], { cwd: root, timeoutMs });
  let files: string[] = [];
  try {
    files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    /* no profile written */
  }
  const summary = files[0] ? hotspots(join(profDir, files[0]), root) : undefined;
  rmSync(profDir, { recursive: true, force: true });
  return summary;
}

/** One repetition of the batch comparison. */
export interface BatchRun {
  batchMs: number;
  separateMs: number;
  batchMem: Memory;
}

/** Twenty ~20-slide decks: one `lectern build … --pdf` against twenty separate builds. */
export interface BatchCase {
  decks: number;
  slides: number[];
  runs: BatchRun[];
}

/** Builds `count` decks in one run and in separate runs, `runs` times. */
export async function batchCase(dir: string, count: number, runs: number, log: (s: string) => void): Promise<BatchCase> {
  mkdirSync(dir, { recursive: true });
  const talks: CalibratedTalk[] = [];
  for (let i = 0; i < count; i++) {
    const lang: Lang = i % 2 ? 'zh' : 'en';
    talks.push(calibratedTalk(lang, 20, `batch-${i}`, join(dir, `deck-${String(i + 1).padStart(2, '0')}-${lang}.md`)));
  }
  log(`  ${count} decks, ${Math.min(...talks.map((t) => t.slides))}–${Math.max(...talks.map((t) => t.slides))} slides each (en and zh alternating)`);
  const files = talks.map((t) => t.file);
  const out: BatchRun[] = [];
  for (let i = 0; i < runs; i++) {
    const b = join(dir, `batch-${i}`);
    const batch = mustSucceed(await lectern(['build', ...files, '--pdf', '-o', b], { timeoutMs: 20 * 60_000 }), 'batch build');
    const built = builtSlides(batch.stdout);
    const pdfs = readdirSync(b).filter((d) => sizeOf(join(b, d, 'slides.pdf'))).length;
    if (pdfs !== count) throw new Error(`batch build wrote ${pdfs} of ${count} slides.pdf files (${built} slides)`);
    let separateMs = 0;
    for (const f of files) {
      const s = join(dir, `separate-${i}`);
      separateMs += mustSucceed(await lectern(['build', f, '--pdf', '-o', s], { timeoutMs: 5 * 60_000 }), `separate build of ${f}`).ms;
    }
    out.push({ batchMs: batch.ms, separateMs, batchMem: memory(batch) });
    log(`    run ${i + 1}/${runs}: one build ${(batch.ms / 1000).toFixed(1)} s, ${count} builds ${(separateMs / 1000).toFixed(1)} s`);
    for (const d of [b, join(dir, `separate-${i}`)]) rmSync(d, { recursive: true, force: true });
  }
  return { decks: count, slides: talks.map((t) => t.slides), runs: out };
}

/**
 * The shapes of the large transcripts: `parts`, plain text in numbered parts (`Part 12: …`) with
 * `Q:`/`Name:` turns (bench/generate.ts `transcript`); `podcast`, Markdown with no headings and
 * `**Name:**` turns (`**00:01:42 - 名字**：` in Chinese) among two hosts and a guest; `faq`, plain
 * text of `Q:`/`A:` (`问：`/`答：`) pairs (`conversation`). The last two are issue #14's shapes:
 * Lectern finds the speakers and the topics itself.
 */
export const LARGE_SHAPES = ['parts', 'podcast', 'faq'] as const;
export type LargeShape = (typeof LARGE_SHAPES)[number];

/** A large transcript built without PDF. */
export interface LargeCase {
  lang: Lang;
  shape: LargeShape;
  mb: number;
  bytes: number;
  ms: number;
  /** CPU time of the build (sampled from /proc), steadier than `ms` on a loaded machine. */
  cpuMs: number;
  nodeKb: number;
  slides: number;
  timedOut: boolean;
  error?: string;
  profile?: ProfileSummary;
}

/** Builds a generated transcript of `mb` megabytes (HTML only); with `profile`, also a CPU profile of a second build. */
export async function largeCase(dir: string, lang: Lang, shape: LargeShape, mb: number, timeoutMs: number, profile: boolean, root: string, log: (s: string) => void): Promise<LargeCase> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${shape}-${lang}-${mb}mb.${shape === 'podcast' ? 'md' : 'txt'}`);
  const bytes = mb * 1024 * 1024;
  const text = shape === 'parts' ? transcript(lang, bytes, `transcript-${lang}`) : conversation(lang, shape, bytes, `conversation-${lang}`);
  writeFileSync(file, text);
  const out = join(dir, `out-${shape}-${lang}-${mb}`);
  const r = await lectern(['build', file, '-o', out], { timeoutMs });
  rmSync(out, { recursive: true, force: true });
  const result: LargeCase = { lang, shape, mb, bytes: Buffer.byteLength(text), ms: r.ms, cpuMs: r.cpuMs, nodeKb: r.nodePeakKb, slides: builtSlides(r.stdout), timedOut: r.timedOut };
  if (r.code !== 0) result.error = failureLine(r, timeoutMs);
  log(`  ${shape} ${lang} ${mb} MB: ${(r.ms / 1000).toFixed(1)} s (cpu ${(r.cpuMs / 1000).toFixed(1)} s), node ${(r.nodePeakKb / 1024).toFixed(0)} MB, ${result.slides} slides${result.error ? ` (${result.error})` : ''}`);
  if (profile) result.profile = await profiled(['build', file, '-q', '-o', out], join(dir, `prof-${shape}-${lang}-${mb}`), root, timeoutMs * 3);
  rmSync(out, { recursive: true, force: true });
  rmSync(file, { force: true });
  return result;
}
