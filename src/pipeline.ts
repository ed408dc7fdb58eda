import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve, relative, isAbsolute } from 'node:path';
import { configFileName, loadConfigFile, resolveConfig, type ConfigFlags } from './config/resolve.js';
import { defaults, type ResolvedConfig } from './config/schema.js';
import { LecternError } from './errors.js';
import { browserSession, type BrowserSession } from './export/browser/launch.js';
import { exportSlidesPdf } from './export/pdf.js';
import { exportHandoutPdf } from './export/handout.js';
import { decodeBytes } from './ingest/decode.js';
import { ingest, supportedExtensions } from './ingest/index.js';
import type { SourceDocument } from './model/document.js';
import type { Diagnostic } from './model/diagnostics.js';
import type { DeckPlan } from './model/plan.js';
import { plan } from './plan/index.js';
import { render, type RenderedDeck } from './render/index.js';
import { assertTemplates, loadTemplates } from './render/templates.js';
import { version } from './version.js';
import { checkDeck, type CheckReport } from './check/index.js';

/** Everything known about one input after ingest and plan. */
export interface PlannedInput {
  file: string;
  doc: SourceDocument;
  config: ResolvedConfig;
  plan: DeckPlan;
  rendered: RenderedDeck;
  diagnostics: Diagnostic[];
}

/** What a build wrote for one input. */
export interface BuildResult {
  file: string;
  deckDir: string;
  slides: number;
  pdf?: string;
  handout?: string;
  diagnostics: Diagnostic[];
}

/** A failed input of a multi-input build. */
export interface BuildFailure {
  file: string;
  error: LecternError;
}

/**
 * Expands inputs: files as given, folders to their supported files (sorted by name, so the
 * result never depends on the order the file system lists them; not recursive). A file named
 * twice is built once; a second file that would build into the same deck folder as an
 * earlier one fails instead of overwriting it. `flags` gives the output root (`-o`).
 */
export function collectInputs(inputs: string[], flags: ConfigFlags = {}): { files: string[]; failures: BuildFailure[] } {
  const files: string[] = [];
  const failures: BuildFailure[] = [];
  const fail = (file: string, message: string) => failures.push({ file, error: new LecternError('INPUT', `${file}: ${message}`, { file }) });
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      fail(input, code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder; check the path' : `cannot read it (${code ?? 'error'}); check the path and permissions`);
      continue;
    }
    if (!isDir) {
      files.push(input);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(input);
    } catch (e) {
      fail(input, `cannot list the folder (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`);
      continue;
    }
    const found = names
      .filter((f) => (supportedExtensions as readonly string[]).includes(extname(f).toLowerCase()) && !/^readme\.md$/i.test(f))
      .sort()
      .map((f) => join(input, f))
      .filter((f) => existsSync(f) && statSync(f).isFile());
    if (found.length === 0) fail(input, 'no .md or .txt files in this folder; add one or name a file');
    files.push(...found);
  }
  return { files: distinctDecks(files, failures, flags), failures };
}

/** Drops repeated files, and fails files that would land in a deck folder an earlier file builds. */
function distinctDecks(files: string[], failures: BuildFailure[], flags: ConfigFlags): string[] {
  const seen = new Set<string>();
  const decks = new Map<string, string>();
  const out: string[] = [];
  for (const file of files) {
    const abs = resolve(file);
    if (seen.has(abs)) continue;
    seen.add(abs);
    let outDir = flags.outDir;
    try {
      outDir ??= loadConfigFile(dirname(abs)).outDir;
    } catch {
      // A broken config file is reported when the input is prepared.
    }
    const deckDir = join(resolve(outDir ?? defaults.outDir), deckName(file));
    const first = decks.get(deckDir);
    if (first !== undefined) {
      failures.push({ file, error: new LecternError('INPUT', `${file}: would build into the same deck folder as ${first} (${deckName(file)}/); rename one of them or build them separately`, { file }) });
      continue;
    }
    decks.set(deckDir, file);
    out.push(file);
  }
  return out;
}

/** Reads, decodes and ingests one input file. */
export function loadDocument(file: string, flags: ConfigFlags): SourceDocument {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new LecternError('INPUT', `${file}: is a folder; name a .md or .txt file`, { file });
    // A device (a terminal, /dev/zero) would block or never end; pipes and regular files are read.
    if (stat.isCharacterDevice() || stat.isBlockDevice()) throw new LecternError('INPUT', `${file}: is a device, not a file; name a .md or .txt file`, { file });
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof LecternError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : `cannot read the file (${code ?? 'error'})`;
    throw new LecternError('INPUT', `${file}: ${what}; check the path and permissions`, { file, cause: e });
  }
  const { text } = decodeBytes(bytes, file);
  if (!text.trim()) throw new LecternError('INPUT', `${file}: the file is empty; write some content first`, { file });
  return ingest(text, file, { title: flags.title, lang: flags.lang });
}

/** Writes a file through a temporary file and a rename, so readers never see half of it. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.lectern-${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new LecternError('OUTPUT', `${path}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose another path`, { cause: e });
  }
}

/** Reads, decodes, ingests, plans and renders one input; nothing is written. */
export function prepare(file: string, flags: ConfigFlags): PlannedInput {
  const doc = loadDocument(file, flags);
  const sourceDir = dirname(resolve(file));
  const config = resolveFor(file, () => resolveConfig(flags, loadConfigFile(sourceDir), doc.meta, sourceDir));
  if (config.templatesDir !== undefined && !isFolder(config.templatesDir)) {
    throw new LecternError('INPUT', `${config.templatesDir}: templates folder not found; check --templates or "templates" in ${configFileName}`, { file: config.templatesDir });
  }
  const templates = loadTemplates(config.templatesDir);
  assertTemplates(config.sectionSlides, templates, file);
  for (const s of doc.sections.flatMap((s) => [s, ...s.subsections])) if (s.slides) assertTemplates(s.slides, templates, `${file}:${s.line}`);
  const deckPlan = plan({ ...doc, meta: { ...doc.meta, theme: config.theme } }, config);
  assertTemplates(deckPlan.slides.map((s) => s.template), templates, file);
  const renderOptions = {
    templates,
    sourceDir,
    width: config.width,
    height: config.height,
    version,
    userCss: readUserCss(config.userCss),
    allowHtml: config.allowHtml,
    allowOutside: config.allowOutside,
  };
  const rendered = render(deckPlan, renderOptions);
  const diagnostics = [...deckPlan.diagnostics, ...rendered.diagnostics.map((d) => ({ ...d, pos: d.pos ?? { file, line: 1 } }))];
  return { file, doc, config, plan: deckPlan, rendered, diagnostics };
}

/** Runs `fn`; an error that names no file (an unknown theme) gets the input's name in front. */
function resolveFor<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LecternError && e.file === undefined) throw new LecternError(e.code, `${file}: ${e.message}`, { file, cause: e });
    throw e;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readUserCss(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new LecternError('INPUT', `${path}: cannot read the CSS file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the --css path`, { file: path, cause: e });
  }
}

/**
 * The deck's folder name: the input's base name, lower-cased, with spaces as dashes. Leading
 * and trailing dots go too, so no input name can make it `..` or a hidden folder.
 */
export function deckName(file: string): string {
  const base = basename(file, extname(file)).trim().toLowerCase();
  return base.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+|[.-]+$/g, '') || 'deck';
}

/** A file a build writes into the deck folder. */
export type BuildOutput = 'index.html' | 'slides.pdf' | 'handout.pdf';

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
  const p = prepare(file, flags);
  const { config } = p;
  emit({ type: 'planned', file, outputs: ['index.html', ...(config.pdf ? ['slides.pdf' as const] : []), ...(config.handout ? ['handout.pdf' as const] : [])] });
  const outRoot = resolve(config.outDir);
  const deckDir = join(outRoot, deckName(file));
  const src = resolve(file);
  const rel = relative(deckDir, src);
  if (!rel.startsWith('..') && !isAbsolute(rel)) {
    throw new LecternError('OUTPUT', `${file}: the output folder ${deckDir} would overwrite the input; choose another with -o`, { file });
  }
  hooks.signal?.throwIfAborted();
  const tmp = join(outRoot, `.lectern-tmp-${deckName(file)}-${process.pid}-${Date.now().toString(36)}`);
  try {
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    throw new LecternError('OUTPUT', `${outRoot}: cannot write the output folder (${(e as NodeJS.ErrnoException).code}); choose another with -o`, { file, cause: e });
  }
  hooks.tmpDirs?.add(tmp);
  try {
    writeDeck(tmp, p.rendered);
    emit({ type: 'output', file, output: 'index.html', bytes: Buffer.byteLength(p.rendered.html) });
    if (config.pdf || config.handout) {
      const own = session ?? browserSession({ flag: config.browserPath, env: process.env, timeoutMs: config.timeoutMs, pages: config.parallel });
      await printPdfs(p, tmp, own, emit).finally(() => (session ? undefined : own.close()));
    }
    hooks.signal?.throwIfAborted();
    swapIn(tmp, deckDir);
    return {
      file,
      deckDir,
      slides: p.plan.slides.length,
      pdf: config.pdf ? join(deckDir, 'slides.pdf') : undefined,
      handout: config.handout ? join(deckDir, 'handout.pdf') : undefined,
      diagnostics: p.diagnostics,
    };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    hooks.tmpDirs?.delete(tmp);
  }
}

/**
 * Prints the PDFs a deck asks for into its temporary folder `dir`, at the same time. Each goes
 * through a hidden partial file and a rename. Both settle before an error is thrown, so nothing
 * still writes into a folder that is being removed.
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
  const jobs: Promise<void>[] = [];
  if (config.pdf) {
    const options = { width: config.width, height: config.height, plan, fragments: config.fragments, timeoutMs: config.timeoutMs };
    jobs.push(print('slides.pdf', () => exportSlidesPdf(session, join(dir, 'index.html'), options)));
  }
  if (config.handout) {
    const options = { layout: config.handout, paper: config.paper, date: plan.date, timeoutMs: config.timeoutMs };
    jobs.push(print('handout.pdf', () => exportHandoutPdf(session, dir, plan, options)));
  }
  const failed = (await Promise.allSettled(jobs)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
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

/** Hooks of a multi-input run. */
export interface RunHooks<T> {
  /** Called for each finished input, in input order (whatever order they finish in). */
  onResult?: (r: T) => void;
  /** Called for each failed input, as it fails. */
  onFailure?: (f: BuildFailure) => void;
  /**
   * Aborting kills the browser and removes the run's temporary folders at once, synchronously
   * (safe to follow with `process.exit`); the run then rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

/**
 * Runs `work` on every input, `flags.parallel` at a time, with one shared, lazily launched
 * browser whose pages are pooled to the same number. A bad input does not stop the others:
 * its error goes to `failures`, except when the browser itself is gone (it failed to start or
 * crashed), which would only repeat for every input and so ends the run.
 */
async function eachInput<T>(inputs: string[], flags: ConfigFlags, work: (file: string, session: BrowserSession, hooks: BuildFileHooks) => Promise<T>, hooks: RunHooks<T> & { warmBrowser?: boolean } = {}): Promise<{ results: T[]; failures: BuildFailure[] }> {
  const { files, failures: missing } = collectInputs(inputs);
  const { signal } = hooks;
  const parallel = Math.max(1, flags.parallel ?? defaults.parallel);
  // Launched only on first use, so runs that never need a browser never start one.
  const session = browserSession({ flag: flags.browserPath, env: process.env, timeoutMs: flags.timeoutMs ?? defaults.timeoutMs, pages: parallel, handleSignals: !signal });
  const tmpDirs = new Set<string>();
  const { cancelled, cancel } = cancellation(session, tmpDirs, signal);
  const outcomes: ({ result: T } | { failure: BuildFailure })[] = [];
  let next = 0;
  let reported = 0;
  let stop = false;
  const worker = async () => {
    while (!stop && !signal?.aborted && next < files.length) {
      const i = next++;
      try {
        outcomes[i] = { result: await work(files[i], session, { signal, tmpDirs }) };
      } catch (e) {
        if (!(e instanceof LecternError) || signal?.aborted) throw e;
        outcomes[i] = { failure: { file: files[i], error: e } };
        hooks.onFailure?.({ file: files[i], error: e });
        if (e.code === 'BROWSER' && session.broken) stop = true;
      }
      for (let o = outcomes[reported]; o; o = outcomes[++reported]) if ('result' in o) hooks.onResult?.(o.result);
    }
  };
  try {
    // Chromium boots (about half a second) while the first decks are read, planned and rendered.
    if (hooks.warmBrowser && files.length) await Promise.race([session.warm(), cancelled]);
    await Promise.race([Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker)), cancelled]);
  } finally {
    signal?.removeEventListener('abort', cancel);
    await session.close();
  }
  const done = outcomes.filter((o) => o !== undefined);
  return {
    results: done.flatMap((o) => ('result' in o ? [o.result] : [])),
    failures: [...missing, ...done.flatMap((o) => ('failure' in o ? [o.failure] : []))],
  };
}

/**
 * Listens for the run's abort signal: then, synchronously, the temporary folders go, the
 * browser is killed, and `cancelled` rejects with the signal's reason.
 */
function cancellation(session: BrowserSession, tmpDirs: Set<string>, signal: AbortSignal | undefined): { cancelled: Promise<never>; cancel: () => void } {
  let cancel = () => undefined as void;
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => {
      for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
      session.kill();
      reject(signal?.reason);
    };
  });
  cancelled.catch(() => undefined);
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  return { cancelled, cancel };
}

/** Hooks of {@link build}: results in input order, progress events, cancellation. */
export interface BuildHooks extends RunHooks<BuildResult> {
  onEvent?: (e: BuildEvent) => void;
}

/**
 * Builds several inputs with one shared browser, `flags.parallel` decks at a time; a bad input
 * does not stop the others. The files written do not depend on the order decks finish in.
 */
export function build(inputs: string[], flags: ConfigFlags, hooks: BuildHooks | ((r: BuildResult) => void) = {}): Promise<{ results: BuildResult[]; failures: BuildFailure[] }> {
  const h = typeof hooks === 'function' ? { onResult: hooks } : hooks;
  const emit = h.onEvent ?? (() => undefined);
  emit({ type: 'start', files: collectInputs(inputs).files });
  return eachInput(
    inputs,
    flags,
    async (file, session, run) => {
      const result = await buildFile(file, flags, session, { ...run, onEvent: emit });
      emit({ type: 'done', result });
      return result;
    },
    { ...h, warmBrowser: !!(flags.pdf || flags.handout), onFailure: (f) => (emit({ type: 'failed', failure: f }), h.onFailure?.(f)) },
  );
}

/** One input's check: its plan and what the browser found. */
export interface CheckResult {
  file: string;
  report: CheckReport;
  diagnostics: Diagnostic[];
}

/**
 * Builds each input into a temporary folder, measures it in Chromium with one shared
 * browser, and removes the folder. Nothing is written to the output root.
 */
export function check(inputs: string[], flags: ConfigFlags, hooks: RunHooks<CheckResult> = {}): Promise<{ results: CheckResult[]; failures: BuildFailure[] }> {
  return eachInput(
    inputs,
    flags,
    async (file, session, run) => {
      const tmp = mkdtempSync(join(tmpdir(), 'lectern-check-'));
      run.tmpDirs?.add(tmp);
      try {
        const p = prepare(file, flags);
        writeDeck(tmp, p.rendered);
        return { file, report: await checkDeck(session, join(tmp, 'index.html'), p.plan), diagnostics: p.diagnostics };
      } finally {
        rmSync(tmp, { recursive: true, force: true });
        run.tmpDirs?.delete(tmp);
      }
    },
    { ...hooks, warmBrowser: true },
  );
}
