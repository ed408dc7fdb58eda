/** Renders the benchmark's results as Markdown: the measurements, then the targets. */
import type { BigPdfCase, IngestRow, MarpCase } from './bigdecks.js';
import type { BatchCase, DeckCase, DeckRun, LargeCase, Memory } from './cases.js';

/** The median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const sec = (ms: number) => (ms / 1000).toFixed(2);
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const mb = (kbs: number) => `${Math.round(kbs / 1024)} MB`;
const x = (r: number) => `${r.toFixed(2)}×`;
const peak = (runs: DeckRun[], pick: (r: DeckRun) => Memory) => ({
  browser: Math.max(...runs.map((r) => pick(r).browser)),
  browserPss: Math.max(...runs.map((r) => pick(r).browserPss)),
  node: Math.max(...runs.map((r) => pick(r).node)),
});

/** Per-case medians: times, paired ratios (each run against its own floor), sizes, peaks. */
export function summarise(c: DeckCase) {
  const m = (f: (r: DeckRun) => number) => median(c.runs.map(f));
  return {
    pdfMs: m((r) => r.pdfMs),
    handoutMs: m((r) => r.handoutMs),
    floorMs: m((r) => r.floorMs),
    pdfRatio: m((r) => r.pdfMs / r.floorMs),
    handoutRatio: m((r) => r.handoutMs / r.floorMs),
    pdfBytes: m((r) => r.pdfBytes),
    handoutBytes: m((r) => r.handoutBytes),
    floorBytes: m((r) => r.floorBytes),
    pdfMem: peak(c.runs, (r) => r.pdfMem),
    handoutMem: peak(c.runs, (r) => r.handoutMem),
    floorMem: peak(c.runs, (r) => r.floorMem),
    pages: c.runs[0]?.pdfPages,
  };
}

/** One row of the targets table: what is claimed, what this run measured, and whether it holds (undefined: not run). */
export interface Target {
  name: string;
  measured: string;
  pass: boolean | undefined;
}

/** A case's part of the report, made by the case's own file: its target rows and its Markdown section. */
export interface ReportSection {
  targets: Target[];
  markdown: string[];
}

const verdict = (p: boolean | undefined) => (p === undefined ? 'not run' : p ? 'PASS' : '**MISS**');

/** Everything known after a run, for the report. */
export interface BenchResults {
  header: string[];
  decks: DeckCase[];
  batch?: BatchCase;
  large: LargeCase[];
  /** Lectern against Marp CLI on the same bullet decks. */
  marp?: MarpCase[];
  /** About 5,800 slides to PDF against about 100. */
  bigPdf?: BigPdfCase[];
  /** Ingest time against input size. */
  ingest?: IngestRow[];
  /** The sections that ran (bench/index.ts's names): the targets of the others are left out rather than listed as not run. All when absent. */
  ran?: readonly string[];
  /** The cases whose rows and sections their own files make (PPTX, highlighting and math, imported decks), in order. */
  sections?: ReportSection[];
  notes: string[];
}

function targets(r: BenchResults): Target[] {
  const ran = (section: string) => !r.ran || r.ran.includes(section);
  return [...(ran('decks') ? deckTargets(r) : []), ...(ran('batch') ? [batchTarget(r)] : []), ...largeTargets(r), ...(r.sections ?? []).flatMap((x) => x.targets), ...bigTargets(r)];
}

function batchTarget(r: BenchResults): Target {
  if (!r.batch) return { name: 'batch: one build ≤ 0.25× separate builds', measured: '—', pass: undefined };
  const ratio = median(r.batch.runs.map((b) => b.batchMs / b.separateMs));
  return { name: `batch of ${r.batch.decks}: one build ≤ 0.25× separate builds`, measured: `${x(ratio)} (${sec(median(r.batch.runs.map((b) => b.batchMs)))} s vs ${sec(median(r.batch.runs.map((b) => b.separateMs)))} s)`, pass: ratio <= 0.25 };
}

function deckTargets(r: BenchResults): Target[] {
  const deck = (lang: string, n: number) => r.decks.find((d) => d.lang === lang && d.target === n);
  const t: Target[] = [];
  for (const lang of ['en', 'zh']) {
    const d = deck(lang, 100);
    const s = d && summarise(d);
    t.push({ name: `100-slide ${lang}: slides PDF ≤ 1.2× floor`, measured: s ? `${x(s.pdfRatio)} (${sec(s.pdfMs)} s vs ${sec(s.floorMs)} s)` : '—', pass: s && s.pdfRatio <= 1.2 });
  }
  for (const lang of ['en', 'zh']) {
    const d = deck(lang, 100);
    const s = d && summarise(d);
    t.push({ name: `100-slide ${lang}: slides + handout ≤ 1.6× floor`, measured: s ? `${x(s.handoutRatio)} (${sec(s.handoutMs)} s)` : '—', pass: s && s.handoutRatio <= 1.6 });
  }
  for (const [lang, limit] of [['en', 200], ['zh', 400]] as const) {
    const d = deck(lang, 100);
    const s = d && summarise(d);
    t.push({ name: `100-slide ${lang}: slides.pdf < ${limit} KB`, measured: s ? kb(s.pdfBytes) : '—', pass: s && s.pdfBytes < limit * 1024 });
  }
  const z = deck('zh', 300);
  const zs = z && summarise(z);
  const worst = zs && Math.max(zs.pdfMem.browser + zs.pdfMem.node, zs.handoutMem.browser + zs.handoutMem.node);
  const worstPss = zs && Math.max(zs.pdfMem.browserPss + zs.pdfMem.node, zs.handoutMem.browserPss + zs.handoutMem.node);
  t.push({ name: '300-slide zh: peak memory, browser RSS + node < 1.5 GB', measured: zs ? `${mb(worst!)} (with PSS: ${mb(worstPss!)})` : '—', pass: zs && worst! < 1.5 * 1024 * 1024 });
  t.push({ name: '300-slide zh: slides.pdf < 5 MB', measured: zs ? kb(zs.pdfBytes) : '—', pass: zs && zs.pdfBytes < 5 * 1024 * 1024 });
  return t;
}

function largeTargets(r: BenchResults): Target[] {
  const t: Target[] = [];
  for (const shape of new Set(r.large.map((l) => l.shape))) {
    for (const lang of ['en', 'zh']) {
      const one = r.large.find((l) => l.shape === shape && l.lang === lang && l.mb === 1);
      const five = r.large.find((l) => l.shape === shape && l.lang === lang && l.mb === 5);
      if (!one && !five) continue;
      const what = `${lang} ${shape} transcript`;
      const ok = (l?: LargeCase) => l && !l.error;
      const ratio = ok(one) && ok(five) ? five!.ms / one!.ms : undefined;
      const perMb = ratio !== undefined ? five!.ms / five!.bytes / (one!.ms / one!.bytes) : undefined;
      const cpu = ratio !== undefined && one!.cpuMs ? `; CPU ${x(five!.cpuMs / one!.cpuMs)}` : '';
      t.push({ name: `${what}: 5 MB time ≤ 6× 1 MB time (a MB ≤ 1.2×)`, measured: ratio !== undefined ? `${x(ratio)} (${sec(one!.ms)} s → ${sec(five!.ms)} s; a MB ${x(perMb!)}${cpu})` : five?.error ?? one?.error ?? '—', pass: ratio === undefined ? (five?.error ? false : undefined) : ratio <= 6 });
      t.push({ name: `${what}: 5 MB build < 60 s`, measured: five ? (five.error ? `${five.error}` : `${sec(five.ms)} s`) : '—', pass: five && !five.error && five.ms < 60_000 });
      t.push({ name: `${what}: 5 MB build, node peak < 1 GB`, measured: five ? mb(five.nodeKb) : '—', pass: five && !five.timedOut && five.nodeKb < 1024 * 1024 });
    }
  }
  return t;
}

/** Median Lectern/Marp time ratio of a case, each run against its own Marp run. */
export const marpRatio = (c: MarpCase) => median(c.runs.map((q) => q.lecternMs / q.marpMs));

/** Milliseconds a slide. */
const perSlide = (p: { ms: number; slides: number }) => p.ms / Math.max(1, p.slides);

/** Ingest growth limit for 8× the input: linear code gives about 8×, quadratic about 64×. */
export const INGEST_GROWTH_MAX = 16;

function bigTargets(r: BenchResults): Target[] {
  const t: Target[] = [];
  if (r.marp?.length) {
    const c = r.marp.find((m) => m.target === 2300);
    t.push({
      name: '2,300 bullet slides: slides PDF ≤ 1.0× Marp CLI',
      measured: c ? `${x(marpRatio(c))} (${sec(median(c.runs.map((q) => q.lecternMs)))} s vs ${sec(median(c.runs.map((q) => q.marpMs)))} s)` : '—',
      pass: c && c.lecternPages === c.marpPages && marpRatio(c) <= 1.0,
    });
    for (const m of r.marp.filter((m) => m.lecternPages !== m.marpPages)) {
      t.push({ name: `${m.slides} bullet slides: both PDFs have every slide`, measured: `Lectern ${m.lecternPages ?? '?'} pages, Marp ${m.marpPages ?? '?'}`, pass: false });
    }
  }
  for (const b of r.bigPdf ?? []) {
    const ratio = b.big.error || b.small.error ? undefined : perSlide(b.big) / perSlide(b.small);
    t.push({
      name: `${b.lang} transcript of ${b.big.slides || '?'} slides: PDF time a slide ≤ 1.5× a ${b.small.slides}-slide one's`,
      measured: ratio === undefined ? (b.big.error ?? b.small.error ?? '—') : `${x(ratio)} (${perSlide(b.big).toFixed(1)} vs ${perSlide(b.small).toFixed(1)} ms a slide; ${sec(b.big.ms)} s in all)`,
      pass: ratio === undefined ? false : ratio <= 1.5,
    });
  }
  for (const i of r.ingest ?? []) {
    const ratio = i.eightMs / Math.max(i.oneMs, 0.001);
    t.push({ name: `ingest, ${i.name}: 8× the input ≤ ${INGEST_GROWTH_MAX}× the time`, measured: `${x(ratio)} (${i.oneMs.toFixed(1)} → ${i.eightMs.toFixed(1)} ms)`, pass: ratio <= INGEST_GROWTH_MAX });
  }
  return t;
}

/** The big-deck sections of the report. */
function bigSections(r: BenchResults): string[] {
  const lines: string[] = [];
  if (r.marp?.length) {
    lines.push('', '## Lectern and Marp CLI on the same bullet decks (medians; ratios per run)', '');
    lines.push('| slides | runs | Lectern | Marp | ratio | PDF pages (Lectern, Marp) | PDF size (Lectern, Marp) | browser peak RSS (PSS): Lectern, Marp | node peak: Lectern, Marp |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const c of r.marp) {
      const m = (f: (q: MarpCase['runs'][number]) => number) => median(c.runs.map(f));
      const top = (f: (q: MarpCase['runs'][number]) => number) => Math.max(...c.runs.map(f));
      lines.push(
        `| ${c.slides} | ${c.runs.length} | ${sec(m((q) => q.lecternMs))} s | ${sec(m((q) => q.marpMs))} s | ${x(marpRatio(c))} | ${c.lecternPages ?? '?'}, ${c.marpPages ?? '?'} | ${kb(m((q) => q.lecternBytes))}, ${kb(m((q) => q.marpBytes))} | ` +
          `${mb(top((q) => q.lecternMem.browser))} (${mb(top((q) => q.lecternMem.browserPss))}), ${mb(top((q) => q.marpMem.browser))} (${mb(top((q) => q.marpMem.browserPss))}) | ${mb(top((q) => q.lecternMem.node))}, ${mb(top((q) => q.marpMem.node))} |`,
      );
    }
  }
  if (r.bigPdf?.length) {
    lines.push('', '## Transcripts to PDF: about 5,800 slides against about 100', '');
    lines.push('| transcript | size | slides | runs | build --pdf | a slide | slides.pdf | browser peak RSS (PSS) | node peak | note |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const b of r.bigPdf) {
      for (const p of [b.small, b.big]) {
        lines.push(`| ${b.lang} | ${kb(p.bytes)} | ${p.slides}${p.pages !== undefined && p.pages !== p.slides ? ` (PDF: ${p.pages} pages)` : ''} | ${p.runs.length} | ${sec(p.ms)} s | ${perSlide(p).toFixed(1)} ms | ${kb(p.pdfBytes)} | ${mb(p.mem.browser)} (${mb(p.mem.browserPss)}) | ${mb(p.mem.node)} | ${p.error ?? ''} |`);
      }
    }
  }
  if (r.ingest?.length) {
    lines.push('', '## Ingest time against input size (in process, median of the runs)', '', '| input | size | time | 8× the input | ratio |', '|---|---|---|---|---|');
    for (const i of r.ingest) lines.push(`| ${i.name} | ${kb(i.bytes)} | ${i.oneMs.toFixed(1)} ms | ${i.eightMs.toFixed(1)} ms | ${x(i.eightMs / Math.max(i.oneMs, 0.001))} |`);
  }
  return lines;
}

/** The report as Markdown. */
export function renderReport(r: BenchResults): string {
  const lines: string[] = ['# Lectern benchmark', '', ...r.header.map((h) => `- ${h}`), ''];
  lines.push('## Targets', '', '| target | measured | result |', '|---|---|---|');
  for (const t of targets(r)) lines.push(`| ${t.name} | ${t.measured} | ${verdict(t.pass)} |`);
  if (r.decks.length) {
    lines.push('', '## Decks (medians; ratios are per run against that run\'s floor)', '');
    lines.push('| deck | slides | runs | build+PDF | floor | ratio | +handout | ratio | slides.pdf | floor.pdf | handout.pdf | browser peak RSS (PSS) | node peak |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const c of r.decks) {
      const s = summarise(c);
      const pages = s.pages !== undefined && s.pages !== c.talk.slides ? ` (PDF: ${s.pages} pages)` : '';
      lines.push(
        `| ${c.lang} ${c.target} | ${c.talk.slides}${pages} | ${c.runs.length} | ${sec(s.pdfMs)} s | ${sec(s.floorMs)} s | ${x(s.pdfRatio)} | ${sec(s.handoutMs)} s | ${x(s.handoutRatio)} | ${kb(s.pdfBytes)} | ${kb(s.floorBytes)} | ${kb(s.handoutBytes)} | ` +
          `PDF ${mb(s.pdfMem.browser)} (${mb(s.pdfMem.browserPss)}), +handout ${mb(s.handoutMem.browser)} (${mb(s.handoutMem.browserPss)}), floor ${mb(s.floorMem.browser)} (${mb(s.floorMem.browserPss)}) | ` +
          `PDF ${mb(s.pdfMem.node)}, +handout ${mb(s.handoutMem.node)}, floor ${mb(s.floorMem.node)} |`,
      );
    }
  }
  if (r.batch) {
    const b = r.batch;
    lines.push('', '## Batch', '', `${b.decks} decks of ${Math.min(...b.slides)}–${Math.max(...b.slides)} slides, \`lectern build <${b.decks} files> --pdf\` against ${b.decks} separate \`lectern build <file> --pdf\` runs (${b.runs.length} runs, median).`, '');
    lines.push('| one build | separate builds | ratio | one build: browser peak RSS (PSS), node peak |', '|---|---|---|---|');
    const m = (f: (x: (typeof b.runs)[number]) => number) => median(b.runs.map(f));
    lines.push(`| ${sec(m((x) => x.batchMs))} s | ${sec(m((x) => x.separateMs))} s | ${x(m((x) => x.batchMs / x.separateMs))} | ${mb(Math.max(...b.runs.map((x) => x.batchMem.browser)))} (${mb(Math.max(...b.runs.map((x) => x.batchMem.browserPss)))}), ${mb(Math.max(...b.runs.map((x) => x.batchMem.node)))} |`);
  }
  if (r.large.length) {
    lines.push('', '## Large transcripts (HTML only, no PDF; one run each)', '', '| transcript | shape | size | slides | time | a MB | CPU | node peak | note |', '|---|---|---|---|---|---|---|---|---|');
    for (const l of r.large) lines.push(`| ${l.lang} ${l.mb} MB | ${l.shape} | ${kb(l.bytes)} | ${l.slides || '—'} | ${sec(l.ms)} s | ${sec(l.ms / (l.bytes / 1024 / 1024))} s | ${l.cpuMs ? `${sec(l.cpuMs)} s` : '—'} | ${mb(l.nodeKb)} | ${l.error ?? ''} |`);
  }
  for (const section of r.sections ?? []) if (section.markdown.length) lines.push('', ...section.markdown);
  lines.push(...bigSections(r));
  const profiles = [
    ...r.decks.filter((d) => d.profile).map((d) => ({ title: `${d.lang} ${d.target} slides, build --pdf --handout`, p: d.profile! })),
    ...r.large.filter((l) => l.profile).map((l) => ({ title: `${l.lang} ${l.shape} ${l.mb} MB transcript, build (HTML only)`, p: l.profile! })),
  ];
  for (const { title, p } of profiles) {
    lines.push('', `### Node CPU profile: ${title}`, '', `${sec(p.totalMs)} s sampled: ${sec(p.idleMs)} s idle (waiting for Chromium or the disk), ${sec(p.gcMs)} s garbage collection.`, '');
    lines.push('| function (by self time) | self | total |', '|---|---|---|');
    for (const h of p.bySelf) lines.push(`| ${h.where} | ${sec(h.selfMs)} s | ${sec(h.totalMs)} s |`);
    lines.push('', '| Lectern function (by total time, callees included) | total | self |', '|---|---|---|');
    for (const h of p.byTotal) lines.push(`| ${h.where} | ${sec(h.totalMs)} s | ${sec(h.selfMs)} s |`);
  }
  if (r.notes.length) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}
