import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { configFileName, type ConfigFlags } from '../config/resolve.js';
import type { ResolvedConfig } from '../config/schema.js';
import { LecternError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { BrowserSession } from '../browser/launch.js';
import { loadInput, planWithDiagrams, writeDeck } from '../pipeline.js';
import type { RenderedDeck } from '../render/index.js';
import { builtInTemplatesDir } from '../render/templates.js';
import type { WatchTarget } from './watch.js';
import { isBelow } from '../paths.js';

/** A build failure as the page's overlay shows it. */
export interface PreviewError {
  message: string;
  /** `file:line` (or just the file) when the error names one. */
  where?: string;
}

/** What the browser is told after every build: the build's id, or why the last one failed. */
export interface PreviewState {
  /** A hash of the deck's contents; '' before the first good build. */
  build: string;
  error?: PreviewError;
}

/** The outcome of one rebuild, for the terminal. */
export type RebuildResult =
  | { ok: true; changed: boolean; slides: number; ms: number; diagnostics: Diagnostic[] }
  | { ok: false; error: PreviewError; cause?: LecternError; bug?: Error };

/** Builds one input again and again into a private folder, keeping the last good deck. */
export interface PreviewDeck {
  /** The folder of the last good build, if any. */
  readonly root: string | undefined;
  readonly state: PreviewState;
  /** Builds once; the server runs one rebuild at a time. */
  rebuild(signal?: AbortSignal): Promise<RebuildResult>;
  /** The folders whose changes call for a rebuild, from what the last build used. */
  watchTargets(): WatchTarget[];
  /** Removes the private folder. */
  dispose(): void;
}

/**
 * Each good build goes to a fresh `b<n>/` under `tmp` and replaces the served folder in
 * one assignment, so a request never sees half a deck. The build before it is kept until
 * the next one, for requests still reading it. A build identical to the served one is
 * not written again, so saving without a change does not reload the page.
 *
 * A build is the one `lectern build` makes (build.ts `planWithDiagrams`): remote images come
 * through the download cache (`--offline` uses cached copies only), and mermaid diagrams are
 * drawn in the browser `browser()` gives, asked for only when the deck has one. Drawn diagrams
 * are cached by source (browser/mermaid.ts), so a save that leaves them alone draws nothing.
 */
export function previewDeck(input: string, flags: ConfigFlags, tmp: string, browser: () => BrowserSession): PreviewDeck {
  let root: string | undefined;
  let previous: string | undefined;
  let state: PreviewState = { build: '' };
  let config: ResolvedConfig | undefined;
  let sourceFiles: string[] = [];
  let count = 0;
  return {
    get root() {
      return root;
    },
    get state() {
      return state;
    },
    async rebuild(signal) {
      const started = performance.now();
      try {
        const p = await planWithDiagrams(loadInput(input, flags), browser, signal);
        config = p.config;
        sourceFiles = p.rendered.files.flatMap((f) => (f.from && isBelow(dirname(resolve(input)), f.from) ? [f.from] : []));
        const id = buildId(p.rendered);
        const changed = id !== state.build || !root;
        if (changed) {
          const dir = join(tmp, `b${++count}`);
          try {
            mkdirSync(dir);
            writeDeck(dir, p.rendered);
          } catch (e) {
            rmSync(dir, { recursive: true, force: true });
            throw new LecternError('OUTPUT', `${tmp}: cannot write the preview (${(e as NodeJS.ErrnoException).code ?? 'error'}); free some space in the temporary folder`, { cause: e });
          }
          if (previous) rmSync(previous, { recursive: true, force: true });
          previous = root;
          root = dir;
        }
        state = { build: id };
        return { ok: true, changed, slides: p.plan.slides.length, ms: Math.round(performance.now() - started), diagnostics: p.diagnostics };
      } catch (e) {
        const error = describeError(e);
        state = { build: state.build, error };
        return e instanceof LecternError ? { ok: false, error, cause: e } : { ok: false, error, bug: e as Error };
      }
    },
    watchTargets() {
      return watchTargets(input, flags, config, sourceFiles);
    },
    dispose() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * The inputs of a build: the content file, `lectern.config.json` and `templates/` beside it,
 * any other templates folder (flag or config), the --css file, the built-in templates and
 * themes, and the local images the deck copied.
 */
function watchTargets(input: string, flags: ConfigFlags, config: ResolvedConfig | undefined, sourceFiles: string[]): WatchTarget[] {
  const sourceDir = dirname(resolve(input));
  const targets: WatchTarget[] = [{ dir: sourceDir, names: [basename(input), configFileName, 'templates'] }];
  const templateDirs = new Set([join(sourceDir, 'templates'), ...[flags.templatesDir, config?.templatesDir].filter((d): d is string => !!d).map((d) => resolve(d))]);
  for (const dir of [...templateDirs, builtInTemplatesDir]) {
    targets.push({ dir }, { dir: join(dir, 'slides') }, { dir: join(dir, 'partials') });
  }
  targets.push({ dir: join(builtInTemplatesDir, 'themes') });
  if (flags.userCss) targets.push({ dir: dirname(resolve(flags.userCss)), names: [basename(flags.userCss)] });
  for (const f of sourceFiles) targets.push({ dir: dirname(f), names: [basename(f)] });
  return targets;
}

/** A hash of everything the deck is made of; copied files count by path, size and time. */
function buildId(deck: RenderedDeck): string {
  const h = createHash('sha256').update(deck.html);
  for (const f of deck.files) {
    h.update(`\0${f.path}\0`);
    if (f.from) {
      const st = statSync(f.from, { throwIfNoEntry: false });
      h.update(`${f.from}:${st?.size}:${st?.mtimeMs}`);
    } else h.update(f.content ?? '');
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The overlay's message and place. Lectern's messages start with `file:line:` or `file:`
 * when they know where the problem is; that part is split off so the page can show it apart.
 */
export function describeError(e: unknown): PreviewError {
  if (!(e instanceof LecternError)) return { message: `internal error (a bug; please report it): ${(e as Error)?.message ?? String(e)}` };
  const m = /^(.+?:\d+):\s+(.*)$/s.exec(e.message);
  if (m) return { where: m[1], message: m[2] };
  if (e.file && e.message.startsWith(`${e.file}: `)) return { where: e.file, message: e.message.slice(e.file.length + 2) };
  return { message: e.message, where: e.file };
}

