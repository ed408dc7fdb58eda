/**
 * `npm run docs:images`: builds the samples in content/ into a temporary folder (slides PDF,
 * every handout layout, one dark-theme build) and renders chosen pages to PNG in docs/images/
 * with poppler's pdftoppm, for the README.
 *
 * Slides are picked by template from `lectern plan --json` (the first slide of each kind), so
 * the images follow the samples when they change. File names are fixed; PNGs this script does
 * not write any more are removed from docs/images/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs', 'images');
const cli = join(root, 'bin', 'lectern.js');

/** Image widths in pixels; the resolution is worked out from each PDF's page width. */
const SLIDE_WIDTH = 960;
/** Handout pages (A4/Letter) about 700 px wide: body text stays legible, files stay small. */
const PAGE_WIDTH = 700;
const MAX_BYTES = 150 * 1024;

interface PlannedSlide {
  template: string;
  body?: string;
}

/** One build of a sample: its deck folder under the temporary root. */
interface Build {
  name: string;
  input: string;
  args: string[];
}

/** One image: which build, which PDF, and which page (a number, or a slide chosen from the plan). */
interface Shot {
  file: string;
  build: string;
  pdf: 'slides.pdf' | 'handout.pdf';
  page: number | ((slides: PlannedSlide[]) => number);
  what: string;
}

const en = join(root, 'content', 'en-talk.md');
const zh = join(root, 'content', 'zh-interview.md');

// --paper a4 so the images do not depend on the machine's locale.
const builds: Build[] = [
  { name: 'en', input: en, args: ['--pdf', '--handout', 'notes', '--paper', 'a4'] },
  { name: 'en-3up', input: en, args: ['--handout', '3up', '--paper', 'a4'] },
  { name: 'en-6up', input: en, args: ['--handout', '6up', '--paper', 'a4'] },
  { name: 'en-2up', input: en, args: ['--handout', '2up', '--paper', 'a4'] },
  { name: 'en-dark', input: en, args: ['--pdf', '--theme', 'dark'] },
  { name: 'zh', input: zh, args: ['--pdf', '--handout', 'notes', '--paper', 'a4'] },
];

/** The 1-based page of the first slide made with `template` (and matching `test`). */
const first = (template: string, test: (s: PlannedSlide) => boolean = () => true) => (slides: PlannedSlide[]) => slides.findIndex((s) => s.template === template && test(s)) + 1;
const hasTable = (s: PlannedSlide) => /^\s*\|.*\|\s*$/m.test(s.body ?? '');

const shots: Shot[] = [
  { file: 'en-title.png', build: 'en', pdf: 'slides.pdf', page: first('title'), what: 'English title slide' },
  { file: 'en-quote.png', build: 'en', pdf: 'slides.pdf', page: first('quote'), what: 'English pull quote' },
  { file: 'en-points.png', build: 'en', pdf: 'slides.pdf', page: first('points'), what: 'English key points' },
  { file: 'en-table.png', build: 'en', pdf: 'slides.pdf', page: first('content', hasTable), what: 'English content slide with a table' },
  { file: 'en-quote-dark.png', build: 'en-dark', pdf: 'slides.pdf', page: first('quote'), what: 'pull quote, dark theme' },
  { file: 'zh-title.png', build: 'zh', pdf: 'slides.pdf', page: first('title'), what: 'Chinese title slide' },
  { file: 'zh-question.png', build: 'zh', pdf: 'slides.pdf', page: first('question'), what: "Chinese interviewer's question" },
  { file: 'zh-quote.png', build: 'zh', pdf: 'slides.pdf', page: first('quote'), what: 'Chinese pull quote' },
  { file: 'zh-points.png', build: 'zh', pdf: 'slides.pdf', page: first('points'), what: 'Chinese key points' },
  { file: 'handout-notes.png', build: 'en', pdf: 'handout.pdf', page: 1, what: 'handout, notes layout, page 1' },
  { file: 'handout-3up.png', build: 'en-3up', pdf: 'handout.pdf', page: 1, what: 'handout, 3up layout, page 1' },
  { file: 'handout-6up.png', build: 'en-6up', pdf: 'handout.pdf', page: 1, what: 'handout, 6up layout, page 1' },
  { file: 'handout-2up.png', build: 'en-2up', pdf: 'handout.pdf', page: 1, what: 'handout, 2up layout, page 1' },
  { file: 'handout-notes-zh.png', build: 'zh', pdf: 'handout.pdf', page: 1, what: 'Chinese handout, notes layout, page 1' },
];

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });

function pdfInfo(pdf: string): { pages: number; widthPt: number } {
  const info = run('pdfinfo', [pdf]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0), widthPt: Number(/^Page size:\s+([\d.]+) x/m.exec(info)?.[1] ?? 0) };
}

function main(): void {
  const tmp = mkdtempSync(join(tmpdir(), 'lectern-docs-images-'));
  try {
    const plans = new Map<string, PlannedSlide[]>();
    for (const b of builds) {
      run(process.execPath, [cli, 'build', b.input, '-q', '-o', join(tmp, b.name), ...b.args]);
      if (!plans.has(b.input)) plans.set(b.input, (JSON.parse(run(process.execPath, [cli, 'plan', b.input, '--json', '-q'])) as { slides: PlannedSlide[] }).slides);
    }
    mkdirSync(outDir, { recursive: true });
    const written = new Set<string>();
    for (const s of shots) {
      const b = builds.find((x) => x.name === s.build)!;
      const deck = readdirSync(join(tmp, b.name))[0]!;
      const pdf = join(tmp, b.name, deck, s.pdf);
      const slides = plans.get(b.input)!;
      const page = typeof s.page === 'number' ? s.page : s.page(slides);
      if (page < 1) {
        process.stderr.write(`skipped ${s.file}: the sample has no such slide (${s.what})\n`);
        continue;
      }
      const info = pdfInfo(pdf);
      if (s.pdf === 'slides.pdf' && info.pages !== slides.length) {
        throw new Error(`${b.name}/slides.pdf has ${info.pages} pages but the plan has ${slides.length} slides; the page numbers would be wrong`);
      }
      // Slide pages are the slide plus reveal.js's print margin, so the width is read, not assumed.
      const dpi = (((s.pdf === 'slides.pdf' ? SLIDE_WIDTH : PAGE_WIDTH) / info.widthPt) * 72).toFixed(3);
      run('pdftoppm', ['-png', '-r', dpi, '-f', String(page), '-l', String(page), '-singlefile', pdf, join(outDir, s.file.replace(/\.png$/, ''))]);
      written.add(s.file);
      const size = statSync(join(outDir, s.file)).size;
      process.stdout.write(`${`docs/images/${s.file}`.padEnd(36)} ${String(Math.round(size / 1024)).padStart(4)} KB  ${s.what} (page ${page})${size > MAX_BYTES ? '  — over 150 KB' : ''}\n`);
    }
    for (const f of readdirSync(outDir)) if (f.endsWith('.png') && !written.has(f)) rmSync(join(outDir, f));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
