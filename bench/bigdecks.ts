/**
 * Big decks (issue #13, part 5): Lectern against Marp CLI on the same generated bullet decks,
 * a transcript of about 5,800 slides printed to PDF against a 100-slide one of the same
 * generator (time per slide), and ingest time against input size. Each is a ratio against a
 * baseline measured in the same run, so a busy machine slows both sides alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { english } from './voice-en.js';
import { transcript, type Lang } from './generate.js';
import { builtSlides, failureLine, lectern, mustSucceed, pdfPages, root, sizeOf } from './lectern.js';
import { rng, seedOf, type Rng } from './prng.js';
import { runMeasured, type RunResult } from './proc.js';

/** Memory peaks of one run, in KB: the browser tree's summed RSS and PSS, and the Node process's. */
export interface Peaks {
  browser: number;
  browserPss: number;
  node: number;
}

const peaks = (r: RunResult): Peaks => ({ browser: r.treePeakKb, browserPss: r.treePssPeakKb, node: r.nodePeakKb });

/** One repetition of a Lectern-against-Marp case. */
export interface MarpRun {
  lecternMs: number;
  marpMs: number;
  lecternMem: Peaks;
  marpMem: Peaks;
  lecternBytes: number;
  marpBytes: number;
}

/** A bullet deck built by both tools. */
export interface MarpCase {
  target: number;
  slides: number;
  /** Pages of each tool's PDF (they must match the slide count). */
  lecternPages?: number;
  marpPages?: number;
  runs: MarpRun[];
  /** Marp's Chromium flags, as read from /proc. */
  marpBrowserArgs?: string[];
}

const marpCli = join(root, 'node_modules', '@marp-team', 'marp-cli', 'marp-cli.js');

/** Marp CLI's version, or undefined when it is not installed. */
export function marpVersion(): string | undefined {
  try {
    return execFileSync(process.execPath, [marpCli, '--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

/** A bullet point of eight to twelve words. */
function bullet(r: Rng): string {
  const a = english.sectionTitle(r);
  const b = english.sectionTitle(r).toLowerCase();
  return `${a}, ${b}`;
}

/**
 * A Lectern deck of `sections` bullet slides: each `##` section is one content slide
 * (`{slides: content}`) with four bullets. Lectern adds a title slide, an agenda (seven
 * sections a slide) and a closing slide.
 */
export function bulletTalk(sections: number, seedKey: string): string {
  const r = rng(seedOf(seedKey));
  const out = ['---', 'title: "Notes from the Field"', 'author: "Bench"', 'date: 2026-01-15', 'lang: en', '---', '', '# Notes from the Field', ''];
  for (let i = 0; i < sections; i++) {
    out.push(`## ${english.sectionTitle(r)} ${i + 1} {slides: content}`, '');
    for (let j = 0; j < 4; j++) out.push(`- ${bullet(r)}`);
    out.push('');
  }
  return out.join('\n');
}

interface PlannedSlide {
  template: string;
  title?: string;
  kicker?: string;
  subtitle?: string;
  items?: string[];
  start?: number;
  body?: string;
}

/** `lectern plan --json` of a file. */
function planOf(file: string): { title: string; slides: PlannedSlide[] } {
  const out = execFileSync(process.execPath, [join(root, 'bin', 'lectern.js'), 'plan', file, '--json', '-q'], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  return JSON.parse(out) as { title: string; slides: PlannedSlide[] };
}

/**
 * The same slides as Marp Markdown, slide for slide from Lectern's plan: the title slide, the
 * agenda slides with their numbered items, each content slide's heading and bullets, and the
 * closing slide's recap. Notes are left out (neither PDF prints them).
 */
export function marpMarkdown(plan: { title: string; slides: PlannedSlide[] }): string {
  const slides = plan.slides.map((s) => {
    const heading = s.template === 'title' ? `# ${s.title ?? ''}` : `## ${s.title ?? ''}`;
    const parts = [heading];
    if (s.kicker) parts.push(s.kicker);
    if (s.subtitle) parts.push(s.subtitle);
    if (s.template === 'agenda') parts.push((s.items ?? []).map((item, i) => `${(s.start ?? 1) + i}. ${item}`).join('\n'));
    else if (s.items?.length) parts.push(s.items.map((item) => `- ${item}`).join('\n'));
    if (s.body) parts.push(s.body);
    return parts.join('\n\n');
  });
  return ['---', 'marp: true', `title: "${plan.title}"`, '---', '', slides.join('\n\n---\n\n'), ''].join('\n');
}

/** Writes a Lectern bullet deck of about `target` slides and its Marp twin; returns their paths and the slide count. */
function bulletDecks(dir: string, target: number): { lectern: string; marp: string; slides: number } {
  // Slides = sections + ⌈sections / 7⌉ agenda slides + title + closing.
  let sections = Math.max(1, Math.round(((target - 2) * 7) / 8));
  const file = join(dir, `bullets-${target}.md`);
  let plan = { title: '', slides: [] as PlannedSlide[] };
  for (let i = 0; i < 4; i++) {
    writeFileSync(file, bulletTalk(sections, 'bullets'));
    plan = planOf(file);
    if (plan.slides.length === target) break;
    sections += Math.round(((target - plan.slides.length) * 7) / 8) || Math.sign(target - plan.slides.length);
  }
  const marp = join(dir, `bullets-${target}.marp.md`);
  writeFileSync(marp, marpMarkdown(plan));
  return { lectern: file, marp, slides: plan.slides.length };
}

/** Runs Marp CLI to a PDF, on the system Chromium (it adds --no-sandbox itself as root). */
function marp(input: string, outPdf: string, timeoutMs: number): Promise<RunResult> {
  const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' };
  // --browser-timeout 0: Marp's default of 30 s per browser operation fails a 2,300-slide deck.
  return runMeasured(process.execPath, [marpCli, '--no-config-file', '--pdf', '--browser', 'chrome', '--browser-timeout', '0', '-o', outPdf, input], { cwd: root, env, timeoutMs });
}

/** Builds a bullet deck of about `target` slides with Lectern (`--pdf`) and with Marp CLI (`--pdf`), `runs` times, alternating. */
export async function marpCase(dir: string, target: number, runs: number, log: (s: string) => void): Promise<MarpCase> {
  mkdirSync(dir, { recursive: true });
  const decks = bulletDecks(dir, target);
  log(`  ${target}: ${decks.slides} slides`);
  const timeoutMs = 20 * 60_000;
  const result: MarpCase = { target, slides: decks.slides, runs: [] };
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `lectern-${i}`);
    const pdf = join(out, `bullets-${target}`, 'slides.pdf');
    const marpPdf = join(dir, `marp-${i}.pdf`);
    // Alternate which tool goes first, so neither always runs on a warmer (or busier) machine.
    const runLectern = () => lectern(['build', decks.lectern, '--pdf', '-q', '--timeout', '600', '-o', out], { timeoutMs });
    const runMarp = () => marp(decks.marp, marpPdf, timeoutMs);
    let l: RunResult;
    let m: RunResult;
    if (i % 2 === 0) {
      l = mustSucceed(await runLectern(), `lectern build --pdf (${target} bullet slides)`);
      m = mustSucceed(await runMarp(), `marp --pdf (${target} bullet slides)`);
    } else {
      m = mustSucceed(await runMarp(), `marp --pdf (${target} bullet slides)`);
      l = mustSucceed(await runLectern(), `lectern build --pdf (${target} bullet slides)`);
    }
    result.runs.push({ lecternMs: l.ms, marpMs: m.ms, lecternMem: peaks(l), marpMem: peaks(m), lecternBytes: sizeOf(pdf) ?? 0, marpBytes: sizeOf(marpPdf) ?? 0 });
    result.lecternPages ??= pdfPages(pdf);
    result.marpPages ??= pdfPages(marpPdf);
    result.marpBrowserArgs ??= m.browserArgs;
    log(`    run ${i + 1}/${runs}: lectern ${(l.ms / 1000).toFixed(2)} s, marp ${(m.ms / 1000).toFixed(2)} s (${(l.ms / m.ms).toFixed(2)}×)`);
    rmSync(out, { recursive: true, force: true });
    rmSync(marpPdf, { force: true });
  }
  return result;
}

/** One transcript printed to PDF. */
export interface TranscriptPdf {
  bytes: number;
  slides: number;
  /** Median of the runs. */
  ms: number;
  runs: number[];
  pdfBytes: number;
  pages?: number;
  mem: Peaks;
  error?: string;
}

/** A transcript of about 5,800 slides against one of about 100, both `build --pdf`. */
export interface BigPdfCase {
  lang: Lang;
  small: TranscriptPdf;
  big: TranscriptPdf;
}

/** Builds `file` with `--pdf`, `runs` times. */
async function transcriptPdf(file: string, out: string, bytes: number, runs: number, timeoutMs: number, log: (s: string) => void): Promise<TranscriptPdf> {
  const times: number[] = [];
  let last: RunResult | undefined;
  let mem: Peaks = { browser: 0, browserPss: 0, node: 0 };
  let pdfBytes = 0;
  let pages: number | undefined;
  for (let i = 0; i < runs; i++) {
    last = await lectern(['build', file, '--pdf', '--timeout', '600', '-o', out], { timeoutMs });
    if (last.code !== 0) {
      const error = failureLine(last, timeoutMs);
      log(`    failed: ${error}`);
      return { bytes, slides: builtSlides(last.stdout), ms: last.ms, runs: [last.ms], pdfBytes: 0, mem: peaks(last), error };
    }
    times.push(last.ms);
    const p = peaks(last);
    mem = { browser: Math.max(mem.browser, p.browser), browserPss: Math.max(mem.browserPss, p.browserPss), node: Math.max(mem.node, p.node) };
    const pdf = join(out, file.replace(/^.*\//, '').replace(/\.txt$/, ''), 'slides.pdf');
    pdfBytes = sizeOf(pdf) ?? 0;
    pages ??= pdfPages(pdf);
    rmSync(out, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const ms = sorted.length % 2 ? sorted[sorted.length >> 1]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { bytes, slides: builtSlides(last!.stdout), ms, runs: times, pdfBytes, pages, mem };
}

/**
 * The 1 MB transcript (about 5,800 slides) printed to PDF, once, against a transcript of the
 * same generator cut to about 100 slides, printed `runs` times.
 */
export async function bigPdfCase(dir: string, lang: Lang, mb: number, runs: number, log: (s: string) => void): Promise<BigPdfCase> {
  mkdirSync(dir, { recursive: true });
  const bigBytes = mb * 1024 * 1024;
  const big = join(dir, `transcript-${lang}-big.txt`);
  const bigText = transcript(lang, bigBytes, `transcript-${lang}`);
  writeFileSync(big, bigText);
  // The generator writes a longer transcript by adding parts to a shorter one: the slide count
  // grows with the size, so a 1/58 slice plans to about 100 slides of the same kind.
  const small = join(dir, `transcript-${lang}-small.txt`);
  const smallText = transcript(lang, Math.round(bigBytes / 58), `transcript-${lang}`);
  writeFileSync(small, smallText);
  log(`  ${lang}: ${(Buffer.byteLength(smallText) / 1024).toFixed(0)} KB transcript, ${runs} run(s)`);
  const s = await transcriptPdf(small, join(dir, 'out-small'), Buffer.byteLength(smallText), runs, 10 * 60_000, log);
  log(`    ${s.slides} slides: ${(s.ms / 1000).toFixed(2)} s, ${(s.ms / Math.max(1, s.slides)).toFixed(1)} ms a slide`);
  log(`  ${lang}: ${(Buffer.byteLength(bigText) / 1024).toFixed(0)} KB transcript, once`);
  const b = await transcriptPdf(big, join(dir, 'out-big'), Buffer.byteLength(bigText), 1, 30 * 60_000, log);
  log(`    ${b.slides} slides: ${(b.ms / 1000).toFixed(2)} s, ${(b.ms / Math.max(1, b.slides)).toFixed(1)} ms a slide`);
  rmSync(dir, { recursive: true, force: true });
  return { lang, small: s, big: b };
}

/** Ingest time of an input and of the same input eight times over. */
export interface IngestRow {
  name: string;
  bytes: number;
  oneMs: number;
  eightMs: number;
}

/** Median wall time of `runs` calls, in milliseconds. */
function medianMs(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * Ingest (plain text read and turns inferred) of three inputs and of each eight times over,
 * in this process: linear code takes about 8× as long, quadratic about 64×. Moved here from
 * test/ingest/property.test.ts, where a loaded machine made the ratio fail.
 */
export async function ingestCase(runs: number): Promise<IngestRow[]> {
  const { ingestPlainText } = await import('../src/ingest/plain-text.js');
  const { inferTurns } = await import('../src/ingest/turns.js');
  const { readFileSync } = await import('node:fs');
  const run = (s: string) => inferTurns(ingestPlainText(s, 'any.txt'));
  const fixture = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'ingest', name), 'utf8');
  const unit = ['wenda.txt', 'blank-line-commentary.txt', 'qa-english.txt', 'wrapped-essay.txt'].map(fixture).join('\n\n');
  const inputs: { name: string; one: string; eight: string }[] = [
    { name: 'many paragraphs (test fixtures, about 20 KB)', one: unit.repeat(Math.ceil(20_000 / unit.length)), eight: unit.repeat(Math.ceil(20_000 / unit.length)).repeat(8) },
    { name: 'one long paragraph of labelled turns and commentary', one: '记者:为什么?张三:我们喜欢。张三认为,热爱就像火。'.repeat(300), eight: '记者:为什么?张三:我们喜欢。张三认为,热爱就像火。'.repeat(2400) },
    { name: 'one long answer without labels inside', one: `记者:请讲。张三:${'我们在这里工作,每天都很忙。'.repeat(1600)}`, eight: `记者:请讲。张三:${'我们在这里工作,每天都很忙。'.repeat(12800)}` },
  ];
  return inputs.map(({ name, one, eight }) => {
    run(one); // warm up
    return { name, bytes: Buffer.byteLength(one), oneMs: medianMs(() => run(one), runs), eightMs: medianMs(() => run(eight), runs) };
  });
}
