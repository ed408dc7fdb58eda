import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { configFileName, loadConfigFile, resolveConfig, type ConfigFlags } from './config/resolve.js';
import { defaults, type ResolvedConfig } from './config/schema.js';
import { LecternError } from './errors.js';
import { decodeBytes } from './ingest/decode.js';
import { ingest, supportedExtensions } from './ingest/index.js';
import { localImageSources, withoutMissingImages } from './ingest/missing-images.js';
import type { SourceDocument } from './model/document.js';
import type { Diagnostic } from './model/diagnostics.js';
import type { DeckPlan } from './model/plan.js';
import { plan } from './plan/index.js';
import { withoutEmptySlides } from './plan/empty-slides.js';
import { blankSlides } from './render/slide-content.js';
import { render, type RenderedDeck, type RenderOptions } from './render/index.js';
import type { Diagrams } from './render/mermaid.js';
import { assertTemplates, loadTemplates } from './render/templates.js';
import { version } from './version.js';

// The read side of the pipeline: inputs → decoded, ingested, planned and rendered decks.
// Nothing here writes a deck (writeFileAtomic serves `lectern outline`).

/** Everything known about one input after ingest and plan. */
export interface PlannedInput {
  file: string;
  doc: SourceDocument;
  config: ResolvedConfig;
  plan: DeckPlan;
  rendered: RenderedDeck;
  /** The deck's mermaid diagrams as the browser drew them, for exports beside the HTML (slides.pptx). */
  diagrams?: Diagrams;
  /** Remote images the build downloaded, or why not (remote-images.ts), for slides.pptx. */
  remote?: RenderOptions['remote'];
  diagnostics: Diagnostic[];
}

/** What a build wrote for one input. */
export interface BuildResult {
  file: string;
  deckDir: string;
  slides: number;
  pdf?: string;
  handout?: string;
  /** The editable PowerPoint file (`--pptx`). */
  pptx?: string;
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
  return ingest(text, file, { title: flags.title, lang: flags.lang, deck: flags.deck });
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

/**
 * One input read and checked: its document, resolved config and templates. Everything the
 * user can get wrong in a file (encoding, front matter, theme, config, templates) fails here,
 * before any browser is started for it.
 */
export interface LoadedInput {
  file: string;
  doc: SourceDocument;
  config: ResolvedConfig;
  templates: ReturnType<typeof loadTemplates>;
  sourceDir: string;
  /** The text of the `--css` file, if one was given. */
  userCss?: string;
}

/** Reads, decodes and ingests one input, and resolves its config and templates; cheap. */
export function loadInput(file: string, flags: ConfigFlags): LoadedInput {
  const sourceDir = dirname(resolve(file));
  const doc = withMissingImagesOut(loadDocument(file, flags), sourceDir);
  const config = resolveFor(file, () => resolveConfig(flags, loadConfigFile(sourceDir), doc.meta, sourceDir));
  if (config.templatesDir !== undefined && !isFolder(config.templatesDir)) {
    throw new LecternError('INPUT', `${config.templatesDir}: templates folder not found; check --templates or "templates" in ${configFileName}`, { file: config.templatesDir });
  }
  const templates = loadTemplates(config.templatesDir);
  assertTemplates(config.sectionSlides, templates, file);
  for (const s of doc.sections.flatMap((s) => [s, ...s.subsections])) if (s.slides) assertTemplates(s.slides, templates, `${file}:${s.line}`);
  return { file, doc, config, templates, sourceDir, userCss: readUserCss(config.userCss) };
}

/**
 * The document without the local pictures its folder does not hold (ingest/missing-images.ts):
 * the plan then sets the words around them as words, and no slide shows a broken picture.
 */
function withMissingImagesOut(doc: SourceDocument, sourceDir: string): SourceDocument {
  const missing = localImageSources(doc).filter((path) => {
    // A path out of the folder is refused by the render stage, which says so (--allow-outside).
    const rel = relative(sourceDir, resolve(sourceDir, path));
    if (isAbsolute(path) || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
    try {
      return !statSync(resolve(sourceDir, path)).isFile();
    } catch {
      return true;
    }
  });
  return withoutMissingImages(doc, new Set(missing));
}

/**
 * Plans and renders a loaded input; nothing is written. Mermaid fences are shown as their
 * source: the build draws them first (build.ts `planWithDiagrams`). Remote images are not
 * downloaded (their placeholders show), but a slide that shows nothing is dropped as the build
 * drops it (src/remote-images.ts). `lectern serve` uses the build's own step (build.ts).
 */
export function planInput(input: LoadedInput): PlannedInput {
  const planned = planLoaded(input);
  const blank = blankSlides(planned, { sourceDir: input.sourceDir, allowOutside: input.config.allowOutside, allowHtml: input.config.allowHtml });
  return renderInput(input, withoutEmptySlides(planned, { images: [], blank }));
}

/** Plans a loaded input (the plan stage only). */
export function planLoaded(input: LoadedInput): DeckPlan {
  const { file, doc, config, templates } = input;
  const deckPlan = plan({ ...doc, meta: { ...doc.meta, theme: config.theme } }, config);
  assertTemplates(deckPlan.slides.map((s) => s.template), templates, file);
  return deckPlan;
}

/** Renders a planned input; `diagrams` holds its mermaid fences as the browser drew them. */
export function renderInput(input: LoadedInput, deckPlan: DeckPlan, diagrams?: Diagrams, images: Pick<RenderOptions, 'remote' | 'dropUnavailable'> = {}): PlannedInput {
  const { file, doc, config, templates, sourceDir, userCss } = input;
  const renderOptions = {
    templates,
    sourceDir,
    width: config.width,
    height: config.height,
    version,
    userCss,
    allowHtml: config.allowHtml,
    allowOutside: config.allowOutside,
    diagrams,
    ...images,
  };
  const rendered = render(deckPlan, renderOptions);
  const diagnostics = [...deckPlan.diagnostics, ...rendered.diagnostics.map((d) => ({ ...d, pos: d.pos ?? { file, line: 1 } }))];
  return { file, doc, config, plan: deckPlan, rendered, diagnostics, diagrams, remote: images.remote };
}

/** Reads, decodes, ingests, plans and renders one input; nothing is written. */
export function prepare(file: string, flags: ConfigFlags): PlannedInput {
  return planInput(loadInput(file, flags));
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
