import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ConfigFlags } from './config/resolve.js';
import { LecternError } from './errors.js';
import { browserSession, type BrowserSession } from './browser/launch.js';
import type { Diagnostic } from './model/diagnostics.js';
import { deckName, loadInput, planLoaded, renderInput, type BuildFailure, type BuildResult, type LoadedInput, type PlannedInput } from './inputs.js';
import { drawDiagrams } from './browser/mermaid.js';
import { mermaidSources } from './render/mermaid.js';
import type { RenderedDeck } from './render/index.js';
import { isBelow } from './paths.js';
import { bringImages } from './remote-images.js';

// The write side: one deck assembled in a temporary folder (HTML, assets, PDFs) and swapped in.

/** A file a build writes into the deck folder. */
export type BuildOutput = 'index.html' | 'slides.pdf' | 'handout.pdf' | 'slides.pptx';

/**
 * What a build is doing, for progress displays: the run's inputs, an input begun, planned
 * (with the files it will write), one of its files written (into the temporary folder; the
 * deck is swapped in at `done`), done or failed.
 */
export type BuildEvent =
  | { type: 'start'; files: string[] }
  | { type: 'begin'; file: string }
  | { type: 'planned'; file: string; outputs: BuildOutput[] }
  | { type: 'output'; file: string; output: BuildOutput; bytes: number }
  | { type: 'done'; result: BuildResult }
  | { type: 'failed'; failure: BuildFailure };

/** Hooks of one input's build. */
export interface BuildFileHooks {
  onEvent?: (e: BuildEvent) => void;
  /** Once aborted, the build stops before swapping anything in. */
  signal?: AbortSignal;
  /** Temporary folders are added here while they exist, so a cancelled run can remove them. */
  tmpDirs?: Set<string>;
}

/**
 * Builds one input into `<outDir>/<deck>/`. Everything is written to a temporary folder
 * beside it first, the PDFs included, and swapped in at the end, so a failed or interrupted
 * build leaves the previous deck (or nothing) rather than half a deck. The slides PDF and the
 * handout print at the same time, on two pages of the one browser.
 */
export async function buildFile(file: string, flags: ConfigFlags, session?: BrowserSession, hooks: BuildFileHooks = {}): Promise<BuildResult> {
  const emit = hooks.onEvent ?? (() => undefined);
  emit({ type: 'begin', file });
  // Bad content fails here, before a browser is started for it or anything is written.
  const loaded = loadInput(file, flags);
  const { config } = loaded;
  const needsBrowser = !!(config.pdf || config.handout);
  emit({ type: 'planned', file, outputs: ['index.html', ...(config.pdf ? ['slides.pdf' as const] : []), ...(config.handout ? ['handout.pdf' as const] : []), ...(config.pptx ? ['slides.pptx' as const] : [])] });
  const outRoot = resolve(config.outDir);
  const deckDir = join(outRoot, deckName(file));
  const src = resolve(file);
  if (src === deckDir || isBelow(deckDir, src)) {
    throw new LecternError('OUTPUT', `${file}: the output folder ${deckDir} would overwrite the input; choose another with -o`, { file });
  }
  hooks.signal?.throwIfAborted();
  const created = makeOutputRoot(outRoot, file);
  removeStaleTemps(outRoot);
  const tmp = join(outRoot, `${TMP_PREFIX}${deckName(file)}-${process.pid}-${Date.now().toString(36)}`);
  try {
    mkdirSync(tmp);
  } catch (e) {
    throw new LecternError('OUTPUT', `${outRoot}: cannot write the output folder (${(e as NodeJS.ErrnoException).code}); choose another with -o`, { file, cause: e });
  }
  hooks.tmpDirs?.add(tmp);
  const launch = () => browserSession({ flag: config.browserPath, env: process.env, timeoutMs: config.timeoutMs, pages: config.parallel, offline: true });
  let own = needsBrowser && !session ? launch() : undefined;
  // The run's shared session is passed in for every deck; only a deck that prints uses it.
  const browser = needsBrowser ? (session ?? own) : undefined;
  try {
    // Chromium boots (about half a second) while the deck is planned and rendered; warm()
    // returns once it has started, before the synchronous planning would hold up its launch.
    if (browser) await browser.warm();
    const p = await planWithDiagrams(loaded, () => session ?? (own ??= launch()), hooks.signal);
    writeDeck(tmp, p.rendered);
    emit({ type: 'output', file, output: 'index.html', bytes: Buffer.byteLength(p.rendered.html) });
    // The PPTX is made while the PDFs print (Node's work beside Chromium's); both settle first.
    const jobs = await Promise.allSettled([browser ? printPdfs(p, tmp, browser, emit) : undefined, config.pptx ? writePptx(p, tmp, join(deckDir, 'slides.pptx'), emit) : []]);
    const failed = jobs.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const pptxDiagnostics = jobs[1].status === 'fulfilled' ? jobs[1].value : [];
    hooks.signal?.throwIfAborted();
    swapIn(tmp, deckDir);
    return {
      file,
      deckDir,
      slides: p.plan.slides.length,
      pdf: config.pdf ? join(deckDir, 'slides.pdf') : undefined,
      handout: config.handout ? join(deckDir, 'handout.pdf') : undefined,
      pptx: config.pptx ? join(deckDir, 'slides.pptx') : undefined,
      diagnostics: [...p.diagnostics, ...pptxDiagnostics],
    };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // An output root this build made and left empty goes too: a failed build writes nothing.
    if (created) rmdirIfEmpty(outRoot);
    throw e;
  } finally {
    await own?.close();
    hooks.tmpDirs?.delete(tmp);
  }
}

/**
 * Plans and renders a loaded input, its mermaid diagrams drawn first: all of them in one page
 * of the browser `browser()` gives, which is asked for only when the deck has a diagram.
 */
export async function planWithDiagrams(loaded: LoadedInput, browser: () => BrowserSession, signal?: AbortSignal): Promise<PlannedInput> {
  const planned = planLoaded(loaded);
  const sources = mermaidSources(planned);
  // Remote images are downloaded while the diagrams are drawn (remote-images.ts).
  const [{ plan: deckPlan, images }, diagrams] = await Promise.all([bringImages(loaded, planned, signal), sources.length ? drawDiagrams(browser(), sources, { theme: loaded.config.theme, timeoutMs: loaded.config.timeoutMs }) : undefined]);
  return renderInput(loaded, deckPlan, diagrams, images);
}

/**
 * Above this many slides a deck prints its slides PDF and its handout one after the other: two
 * long print jobs at once hold two full layouts of the deck in Chromium. Measured on a 300-slide
 * Chinese deck (npm run bench): at once, 3.05 s and a 1.56 GB peak (browser + Node RSS); one
 * after the other, 4.06 s and 1.29 GB. Smaller decks print both at once, where it saves more.
 */
export const CONCURRENT_PRINT_MAX_SLIDES = 150;

/**
 * Prints the PDFs a deck asks for into its temporary folder `dir`. Each goes through a hidden
 * partial file and a rename. Both settle before an error is thrown, so nothing still writes into
 * a folder that is being removed.
 */
async function printPdfs(p: PlannedInput, dir: string, session: BrowserSession, emit: (e: BuildEvent) => void): Promise<void> {
  const { config, plan, file } = p;
  const print = async (output: BuildOutput, make: () => Promise<Uint8Array>) => {
    const bytes = await make();
    const part = join(dir, `.${output}.part`);
    writeFileSync(part, bytes);
    renameSync(part, join(dir, output));
    emit({ type: 'output', file, output, bytes: bytes.length });
  };
  const jobs: (() => Promise<void>)[] = [];
  // The exporters (and pdf-lib with them) load only for a deck that prints: an HTML build skips them.
  const [{ exportSlidesPdf }, { exportHandoutPdf }] = await Promise.all([import('./export/pdf.js'), import('./export/handout.js')]);
  if (config.pdf) {
    const options = { width: config.width, height: config.height, plan, fragments: config.fragments, timeoutMs: config.timeoutMs, printHtml: p.rendered.printHtml };
    jobs.push(() => print('slides.pdf', () => exportSlidesPdf(session, join(dir, 'index.html'), options)));
  }
  if (config.handout) {
    const options = { layout: config.handout, paper: config.paper, date: plan.date, timeoutMs: config.timeoutMs };
    jobs.push(() => print('handout.pdf', () => exportHandoutPdf(session, dir, plan, p.rendered, options)));
  }
  let settled: PromiseSettledResult<void>[];
  if (plan.slides.length <= CONCURRENT_PRINT_MAX_SLIDES) settled = await Promise.allSettled(jobs.map((job) => job()));
  else {
    settled = [];
    for (const job of jobs) {
      settled.push(...(await Promise.allSettled([job()])));
      if (settled.at(-1)!.status === 'rejected') break;
    }
  }
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Writes `slides.pptx` into the temporary folder `dir` through a hidden partial file and a
 * rename; `shown` is its final path, for the error message. Returns the export's warnings.
 */
async function writePptx(p: PlannedInput, dir: string, shown: string, emit: (e: BuildEvent) => void): Promise<Diagnostic[]> {
  const { exportPptx } = await import('./export/pptx/index.js');
  const { bytes, diagnostics } = await exportPptx(p.plan, { sourceDir: dirname(resolve(p.file)), allowOutside: p.config.allowOutside, diagrams: p.diagrams, remote: p.remote });
  const part = join(dir, '.slides.pptx.part');
  try {
    writeFileSync(part, bytes);
    renameSync(part, join(dir, 'slides.pptx'));
  } catch (e) {
    rmSync(part, { force: true });
    throw new LecternError('OUTPUT', `${shown}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'}); free some space or choose another output folder with -o`, { file: p.file, cause: e });
  }
  emit({ type: 'output', file: p.file, output: 'slides.pptx', bytes: bytes.length });
  return diagnostics;
}

/** Temporary deck folders are named `<prefix><deck>-<pid>-<time>`. */
const TMP_PREFIX = '.lectern-tmp-';

/**
 * Creates the output root, parent by parent: `mkdirSync(…, { recursive: true })` on Node 20
 * spins forever under a pseudo-filesystem such as /proc, while a plain mkdir fails at once.
 * Returns true when it created the root.
 */
function makeOutputRoot(outRoot: string, file: string): boolean {
  if (isDirectory(outRoot)) return false;
  const missing: string[] = [];
  for (let dir = outRoot; !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  try {
    for (const dir of missing) {
      try {
        mkdirSync(dir);
      } catch (e) {
        // A concurrent build made it first.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !isDirectory(dir)) throw e;
      }
    }
  } catch (e) {
    throw new LecternError('OUTPUT', `${outRoot}: cannot write the output folder (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose another with -o`, { file, cause: e });
  }
  if (missing.length === 0) throw new LecternError('OUTPUT', `${outRoot}: is not a folder; choose another output folder with -o`, { file });
  return true;
}

/** Removes temporary deck folders left by builds whose process is gone (killed with -9, a crash). */
function removeStaleTemps(outRoot: string): void {
  for (const name of readdirSync(outRoot)) {
    const pid = Number(/^\.lectern-tmp-.*-(\d+)-[0-9a-z]+(?:-old\d+)?$/.exec(name)?.[1]);
    if (!name.startsWith(TMP_PREFIX) || !pid || pid === process.pid || alive(pid)) continue;
    rmSync(join(outRoot, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing, or under a regular file (ENOTDIR)
  }
}

function rmdirIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  } catch {
    // Best effort: the folder is someone else's now, or already gone.
  }
}

/** Writes a rendered deck's HTML and files into a folder. */
export function writeDeck(dir: string, deck: RenderedDeck): void {
  writeFileSync(join(dir, 'index.html'), deck.html);
  for (const f of deck.files) {
    const target = join(dir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    if (f.from) copyFileSync(f.from, target);
    else writeFileSync(target, f.content ?? '');
  }
}

/**
 * Moves the finished temporary folder to `deckDir`. What is there already (the previous build,
 * or a concurrent build of the same deck that got there first) is renamed aside under a
 * unique name and removed afterwards; a concurrent build may still win the rename in between,
 * so this loops, and the last rename leaves one complete deck. A folder that is not a deck is
 * never replaced. Exported for the concurrency tests.
 */
export function swapIn(tmp: string, deckDir: string): void {
  const aside: string[] = [];
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        renameSync(tmp, deckDir);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOTDIR') || attempt >= 200) throw e;
      }
      assertReplaceable(deckDir);
      const old = `${tmp}-old${attempt}`;
      try {
        renameSync(deckDir, old);
        aside.push(old);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  } catch (e) {
    if (e instanceof LecternError) throw e;
    throw new LecternError('OUTPUT', `${deckDir}: cannot replace the deck folder (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions or choose another with -o`, { cause: e });
  } finally {
    for (const old of aside) rmSync(old, { recursive: true, force: true });
  }
}

/**
 * Throws unless `dir` is gone, an empty folder, or a deck (index.html beside lib/reveal.js).
 * A concurrent build can move the folder away between two looks at it, so a "no" is asked
 * again before it counts.
 */
function assertReplaceable(dir: string): void {
  for (let look = 0; look < 3; look++) if (replaceable(dir)) return;
  throw new LecternError('OUTPUT', `${dir}: already exists and is not a Lectern deck, so it was left alone; move it away or choose another output folder with -o`);
}

function replaceable(dir: string): boolean {
  try {
    if (!lstatSync(dir).isDirectory()) return false;
    const entries = readdirSync(dir);
    return entries.length === 0 || (entries.includes('index.html') && existsSync(join(dir, 'lib', 'reveal.js')));
  } catch (e) {
    // Gone already: a concurrent build of the same deck moved it aside.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}
