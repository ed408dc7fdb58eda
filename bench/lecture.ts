/**
 * What build-time highlighting and math cost (issue #16): the 100-slide generated talk with a
 * Python listing, an inline formula and a display formula in every section, built with them
 * typeset and again with the same text untypeset (fences without a language, TeX without
 * delimiters), as a ratio of build times (target ≤ 1.15×) and of deck sizes. Then the
 * listings highlighted in-process by highlight.js (what Lectern uses) and by Shiki, for the
 * choice between them: time and markup bytes.
 *
 *   npx tsx bench/lecture.ts [--runs 5] [--slides 100] [--pdf] [--keep]   (after npm run build)
 *
 * From bench/index.ts: `lectureCase`, then `lectureSection` for the target row and the Markdown
 * (and `compareHighlighters` for the highlighter table).
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { markdownTalk } from './generate.js';
import { cpuTimed, planSlides } from './lectern.js';
import { median, type ReportSection } from './report.js';
import { rng, seedOf, type Rng } from './prng.js';

const NAMES = ['scores', 'weights', 'grad', 'batch', 'loss', 'step', 'margin', 'labels'];

/** A Python listing of 10–16 lines, different per section. */
function listing(r: Rng, k: number): string[] {
  const a = NAMES[r.int(0, NAMES.length - 1)];
  const b = NAMES[r.int(0, NAMES.length - 1)];
  const lines = [
    `def update_${k}(${a}, ${b}, rate=0.${r.int(1, 9)}):`,
    `    """One step of section ${k}: move ${a} against ${b}."""`,
    `    total = 0.0`,
    `    for i in range(len(${a})):`,
    `        delta = ${b}[i] * rate  # scaled by the rate`,
    `        ${a}[i] -= delta`,
    `        total += abs(delta)`,
  ];
  for (let i = r.int(0, 6); i > 0; i--) lines.push(`    print(f"${a}[{${i}}] = {${a}[${i}]:.3f}")`);
  lines.push(`    return total / max(1, len(${a}))`, '');
  lines.push(`update_${k}([1.0, 2.0, 3.0], [0.5, 0.25, 0.125])`);
  return lines;
}

/**
 * The generated talk with `sections` sections, each followed by a listing and two formulas;
 * `typeset` false writes the same characters without a language on the fence and without
 * TeX delimiters, so both plan the same slides.
 */
export function lectureTalk(sections: number, seedKey: string, typeset: boolean): string {
  const r = rng(seedOf(`${seedKey}/lecture`));
  const parts = markdownTalk('en', sections, seedKey).split(/\n(?=## )/);
  return parts
    .map((part, k) => {
      if (k === 0) return part;
      const n = r.int(2, 9);
      const inline = `\\frac{n(n-${n})}{2}`;
      const display = `\\sum_{i=1}^{n} x_i^{${n}} = \\int_0^1 f_{${k}}(t)\\,dt`;
      // Untypeset, the display formula is an HTML block, so both talks plan the same slides.
      const math = typeset ? [`The cost of this step is $${inline}$ comparisons, and in total:`, '', '$$', display, '$$'] : [`The cost of this step is  ${inline}  comparisons, and in total:`, '', `<p>${display}</p>`];
      return [part.trimEnd(), '', '```' + (typeset ? 'python' : ''), ...listing(r, k), '```', '', ...math, ''].join('\n');
    })
    .join('\n');
}

/** The section count whose typeset talk plans closest to `target` slides. */
function calibrate(target: number, seedKey: string, dir: string): { sections: number; slides: number } {
  const file = join(dir, 'calibrate.md');
  const tried = new Map<number, number>();
  const count = (n: number) => {
    if (!tried.has(n)) {
      writeFileSync(file, lectureTalk(n, seedKey, true));
      tried.set(n, planSlides(file));
    }
    return tried.get(n)!;
  };
  let n = Math.max(1, Math.round(target / 7));
  for (let i = 0; i < 8; i++) {
    const s = count(n);
    if (s === target) break;
    const next = Math.max(1, n + Math.round((target - s) / Math.max(1, (s - 3) / n)) || n + Math.sign(target - s));
    if (tried.has(next)) break;
    n = next;
  }
  const [sections, slides] = [...tried].sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target))[0]!;
  return { sections, slides };
}

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((n, f) => {
    const p = join(dir, f);
    return n + (statSync(p).isDirectory() ? dirSize(p) : statSync(p).size);
  }, 0);
}


/** Result of {@link lectureCase}. */
export interface LectureCase {
  slides: number;
  /** Median build times in ms, typeset and untypeset, and the median of the paired ratios. */
  typesetMs: number;
  plainMs: number;
  ratio: number;
  /** The same for the CPU time of the build's process tree (steadier on a loaded machine). */
  typesetCpu: number;
  plainCpu: number;
  cpuRatio: number;
  runs: number;
  /** Deck folder sizes in bytes (HTML, fonts, KaTeX). */
  typesetBytes: number;
  plainBytes: number;
  pdf: boolean;
  highlighters?: HighlighterResult[];
}

/** Builds the typeset and the untypeset talk alternately, `runs` times each. */
export async function lectureCase(dir: string, o: { runs: number; slides: number; pdf: boolean; log: (s: string) => void }): Promise<LectureCase> {
  const seed = 'lecture-bench';
  const { sections, slides } = calibrate(o.slides, seed, dir);
  const files = { typeset: join(dir, 'typeset.md'), plain: join(dir, 'plain.md') };
  writeFileSync(files.typeset, lectureTalk(sections, seed, true));
  writeFileSync(files.plain, lectureTalk(sections, seed, false));
  const times = { typeset: [] as number[], plain: [] as number[] };
  const cpu = { typeset: [] as number[], plain: [] as number[] };
  const bytes = { typeset: 0, plain: 0 };
  for (let i = 0; i < o.runs; i++) {
    // Alternating which goes first keeps a warm-up or a neighbour's load from favouring one side.
    for (const kind of i % 2 ? (['plain', 'typeset'] as const) : (['typeset', 'plain'] as const)) {
      const out = join(dir, `${kind}-${i}`);
      const r = cpuTimed(['build', files[kind], '-o', out, '-q', ...(o.pdf ? ['--pdf'] : [])], join(dir, 'stderr.txt'), `lectern build ${kind}`);
      times[kind].push(r.ms);
      cpu[kind].push(r.cpu);
      bytes[kind] = dirSize(join(out, kind)) - (o.pdf ? statSync(join(out, kind, 'slides.pdf')).size : 0);
      rmSync(out, { recursive: true, force: true });
    }
    o.log(`  run ${i + 1}/${o.runs}: typeset ${(times.typeset[i] / 1000).toFixed(2)} s (cpu ${(cpu.typeset[i] / 1000).toFixed(2)}), plain ${(times.plain[i] / 1000).toFixed(2)} s (cpu ${(cpu.plain[i] / 1000).toFixed(2)})`);
  }
  const paired = (xs: { typeset: number[]; plain: number[] }) => median(xs.typeset.map((t, i) => t / xs.plain[i]!));
  return {
    slides,
    typesetMs: median(times.typeset),
    plainMs: median(times.plain),
    ratio: paired(times),
    typesetCpu: median(cpu.typeset),
    plainCpu: median(cpu.plain),
    cpuRatio: paired(cpu),
    runs: o.runs,
    typesetBytes: bytes.typeset,
    plainBytes: bytes.plain,
    pdf: o.pdf,
  };
}

/** One highlighter on the deck's listings. */
export interface HighlighterResult {
  name: string;
  /** Loading the library and the grammar (and themes), ms. */
  loadMs: number;
  /** Highlighting every listing once, ms. */
  highlightMs: number;
  /** Markup bytes of all listings. */
  bytes: number;
}

/** highlight.js (as Lectern calls it) against Shiki (JavaScript regex engine, two themes as CSS variables). */
export async function compareHighlighters(listings: string[]): Promise<HighlighterResult[]> {
  const out: HighlighterResult[] = [];
  let t = performance.now();
  const { highlightCode } = await import('../src/render/highlight.js');
  highlightCode('x = 1', 'python');
  let loaded = performance.now();
  let bytes = 0;
  for (const code of listings) bytes += highlightCode(code, 'python').length;
  out.push({ name: 'highlight.js', loadMs: loaded - t, highlightMs: performance.now() - loaded, bytes });
  t = performance.now();
  const { createHighlighterCoreSync } = await import('shiki/core');
  const { createJavaScriptRegexEngine } = await import('shiki/engine/javascript');
  const python = (await import('@shikijs/langs/python')).default;
  const light = (await import('@shikijs/themes/github-light')).default;
  const dark = (await import('@shikijs/themes/github-dark')).default;
  const shiki = createHighlighterCoreSync({ themes: [light, dark], langs: [python], engine: createJavaScriptRegexEngine() });
  loaded = performance.now();
  bytes = 0;
  for (const code of listings) bytes += shiki.codeToHtml(code, { lang: 'python', themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false }).length;
  out.push({ name: 'Shiki', loadMs: loaded - t, highlightMs: performance.now() - loaded, bytes });
  return out;
}

/** The target: highlighting and math cost at most 1.15× the build without them (#16). */
export const LECTURE_TARGET = 1.15;

/** Markdown for the case. */
export function lectureReport(c: LectureCase): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `## Highlighting and math (#16): ${c.slides} slides${c.pdf ? ', with --pdf' : ', HTML only'}`,
    '',
    `The generated talk with a Python listing, an inline and a display formula in every section, against the same text untypeset (fences without a language, TeX without delimiters), ${c.runs} paired run(s), alternating which goes first; medians, ratios per pair.`,
    '',
    '| build | wall | CPU | deck (without PDF) |',
    '|---|---|---|---|',
    `| untypeset | ${s(c.plainMs)} | ${s(c.plainCpu)} | ${kb(c.plainBytes)} |`,
    `| highlighted + KaTeX | ${s(c.typesetMs)} | ${s(c.typesetCpu)} | ${kb(c.typesetBytes)} |`,
    `| ratio | ${c.ratio.toFixed(2)}× (target ≤ ${LECTURE_TARGET}×) | ${c.cpuRatio.toFixed(2)}× | ${(c.typesetBytes / c.plainBytes).toFixed(2)}× |`,
  ];
  if (c.highlighters) {
    lines.push('', 'The same listings highlighted in the benchmark process:', '', '| highlighter | load | highlight all listings | markup |', '|---|---|---|---|');
    for (const h of c.highlighters) lines.push(`| ${h.name} | ${h.loadMs.toFixed(0)} ms | ${h.highlightMs.toFixed(0)} ms | ${kb(h.bytes)} |`);
  }
  return lines.join('\n');
}

/** The case's part of bench/results.md: one target row and the section. */
export function lectureSection(c: LectureCase): ReportSection {
  return {
    targets: [
      {
        name: `${c.slides}-slide talk with code and math: build ≤ ${LECTURE_TARGET}× the same talk untypeset`,
        measured: `${c.ratio.toFixed(2)}× (${(c.typesetMs / 1000).toFixed(2)} s vs ${(c.plainMs / 1000).toFixed(2)} s; CPU ${c.cpuRatio.toFixed(2)}×)`,
        pass: c.ratio <= LECTURE_TARGET,
      },
    ],
    markdown: [lectureReport(c)],
  };
}

/** Highlights the deck's listings with both highlighters (in this process) and adds the result to the case. */
export async function withHighlighters(c: LectureCase): Promise<LectureCase> {
  const r = rng(seedOf('lecture-bench/listings'));
  const listings = Array.from({ length: c.slides }, (_, k) => listing(r, k).join('\n'));
  return { ...c, highlighters: await compareHighlighters(listings) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, slides: { type: 'string', default: '100' }, pdf: { type: 'boolean' }, keep: { type: 'boolean' } } });
  const dir = mkdtempSync(join(tmpdir(), 'lectern-bench-lecture-'));
  try {
    const c = await withHighlighters(await lectureCase(dir, { runs: Number(values.runs), slides: Number(values.slides), pdf: !!values.pdf, log: (s) => console.error(s) }));
    console.log(lectureReport(c));
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
