import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve, relative, isAbsolute } from 'node:path';
import { loadConfigFile, resolveConfig, type ConfigFlags } from './config/resolve.js';
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

/** Expands inputs: files as given, folders to their supported files (sorted, not recursive). */
export function collectInputs(inputs: string[]): { files: string[]; failures: BuildFailure[] } {
  const files: string[] = [];
  const failures: BuildFailure[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) {
      failures.push({ file: input, error: new LecternError('INPUT', `${input}: no such file or folder; check the path`, { file: input }) });
      continue;
    }
    if (statSync(input).isDirectory()) {
      const found = readdirSync(input)
        .filter((f) => (supportedExtensions as readonly string[]).includes(extname(f).toLowerCase()) && !/^readme\.md$/i.test(f))
        .sort()
        .map((f) => join(input, f))
        .filter((f) => statSync(f).isFile());
      if (found.length === 0) failures.push({ file: input, error: new LecternError('INPUT', `${input}: no .md or .txt files in this folder; add one or name a file`, { file: input }) });
      files.push(...found);
    } else files.push(input);
  }
  return { files, failures };
}

/** Reads, decodes and ingests one input file. */
export function loadDocument(file: string, flags: ConfigFlags): SourceDocument {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new LecternError('INPUT', `${file}: is a folder; name a .md or .txt file`, { file });
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof LecternError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`;
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
  const config = resolveConfig(flags, loadConfigFile(sourceDir), doc.meta, sourceDir);
  const templates = loadTemplates(config.templatesDir);
  assertTemplates(config.sectionSlides, templates, file);
  for (const s of doc.sections.flatMap((s) => [s, ...s.subsections])) if (s.slides) assertTemplates(s.slides, templates, `${file}:${s.line}`);
  const deckPlan = plan({ ...doc, meta: { ...doc.meta, theme: config.theme } }, config);
  assertTemplates(deckPlan.slides.map((s) => s.template), templates, file);
  const rendered = render(deckPlan, { templates, sourceDir, width: config.width, height: config.height, version, userCss: readUserCss(config.userCss) });
  const diagnostics = [...deckPlan.diagnostics, ...rendered.diagnostics.map((d) => ({ ...d, pos: d.pos ?? { file, line: 1 } }))];
  return { file, doc, config, plan: deckPlan, rendered, diagnostics };
}

function readUserCss(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new LecternError('INPUT', `${path}: cannot read the CSS file (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the --css path`, { file: path, cause: e });
  }
}

/** The deck's folder name: the input's base name, lower-cased, with spaces as dashes. */
export function deckName(file: string): string {
  const base = basename(file, extname(file)).trim().toLowerCase();
  return base.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'deck';
}

/**
 * Builds one input into `<outDir>/<deck>/`. Everything is written to a temporary folder
 * beside it first, the PDF included, and swapped in at the end, so a failed build leaves
 * the previous deck (or nothing) rather than half a deck.
 */
export async function buildFile(file: string, flags: ConfigFlags, session?: BrowserSession): Promise<BuildResult> {
  const p = prepare(file, flags);
  const outRoot = resolve(p.config.outDir);
  const deckDir = join(outRoot, deckName(file));
  const src = resolve(file);
  const rel = relative(deckDir, src);
  if (!rel.startsWith('..') && !isAbsolute(rel)) {
    throw new LecternError('OUTPUT', `${file}: the output folder ${deckDir} would overwrite the input; choose another with -o`, { file });
  }
  const tmp = join(outRoot, `.lectern-tmp-${deckName(file)}-${process.pid}-${Date.now().toString(36)}`);
  try {
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    throw new LecternError('OUTPUT', `${outRoot}: cannot write the output folder (${(e as NodeJS.ErrnoException).code}); choose another with -o`, { file, cause: e });
  }
  try {
    writeDeck(tmp, p.rendered);
    let pdf: string | undefined;
    let handout: string | undefined;
    if (p.config.pdf || p.config.handout) {
      const own = session ?? browserSession({ flag: p.config.browserPath, env: process.env, timeoutMs: p.config.timeoutMs });
      try {
        if (p.config.pdf) {
          const bytes = await exportSlidesPdf(own, join(tmp, 'index.html'), { width: p.config.width, height: p.config.height });
          writeFileSync(join(tmp, 'slides.pdf'), bytes);
          pdf = join(deckDir, 'slides.pdf');
        }
        if (p.config.handout) {
          const bytes = await exportHandoutPdf(own, tmp, p.plan, { layout: p.config.handout, paper: p.config.paper, date: p.plan.date });
          writeFileSync(join(tmp, 'handout.pdf'), bytes);
          handout = join(deckDir, 'handout.pdf');
        }
      } finally {
        if (!session) await own.close();
      }
    }
    swapIn(tmp, deckDir);
    return { file, deckDir, slides: p.plan.slides.length, pdf, handout, diagnostics: p.diagnostics };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
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

function swapIn(tmp: string, deckDir: string): void {
  const old = `${tmp}-old`;
  if (existsSync(deckDir)) renameSync(deckDir, old);
  renameSync(tmp, deckDir);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Runs `work` on every input with one shared, lazily launched browser. A bad input does not
 * stop the others: its error goes to `failures`, except a browser failure, which would only
 * repeat for every input and so ends the run.
 */
async function eachInput<T>(inputs: string[], flags: ConfigFlags, work: (file: string, session: BrowserSession) => Promise<T>, onResult?: (r: T) => void): Promise<{ results: T[]; failures: BuildFailure[] }> {
  const { files, failures } = collectInputs(inputs);
  const results: T[] = [];
  // Launched only on first use, so runs that never need a browser never start one.
  const session = browserSession({ flag: flags.browserPath, env: process.env, timeoutMs: flags.timeoutMs ?? defaults.timeoutMs });
  try {
    for (const file of files) {
      try {
        const r = await work(file, session);
        results.push(r);
        onResult?.(r);
      } catch (e) {
        if (!(e instanceof LecternError)) throw e;
        failures.push({ file, error: e });
        if (e.code === 'BROWSER') break;
      }
    }
  } finally {
    await session.close();
  }
  return { results, failures };
}

/** Builds several inputs with one shared browser; a bad input does not stop the others. */
export function build(inputs: string[], flags: ConfigFlags, onResult?: (r: BuildResult) => void): Promise<{ results: BuildResult[]; failures: BuildFailure[] }> {
  return eachInput(inputs, flags, (file, session) => buildFile(file, flags, session), onResult);
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
export function check(inputs: string[], flags: ConfigFlags): Promise<{ results: CheckResult[]; failures: BuildFailure[] }> {
  return eachInput(inputs, flags, async (file, session) => {
    const tmp = mkdtempSync(join(tmpdir(), 'lectern-check-'));
    try {
      const p = prepare(file, flags);
      writeDeck(tmp, p.rendered);
      return { file, report: await checkDeck(session, join(tmp, 'index.html'), p.plan), diagnostics: p.diagnostics };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}
