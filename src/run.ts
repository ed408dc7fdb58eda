import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDeck, type CheckReport } from './check/index.js';
import type { ConfigFlags } from './config/resolve.js';
import { defaults } from './config/schema.js';
import { LecternError } from './errors.js';
import { browserSession, type BrowserSession } from './browser/launch.js';
import type { Diagnostic } from './model/diagnostics.js';
import { buildFile, planWithDiagrams, writeDeck, type BuildEvent, type BuildFileHooks } from './build.js';
import { collectInputs, loadInput, type BuildFailure, type BuildResult } from './inputs.js';

// A run over many inputs: one shared browser, decks in parallel, cancellation.

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
  /**
   * A running browser to use instead of launching one, for a caller that runs many commands in
   * one process (the tests). The run does not close it, and its page count stays whatever it was
   * launched with, not `flags.parallel`; an abort still kills it.
   */
  session?: BrowserSession;
}

/**
 * Runs `work` on every input, `flags.parallel` at a time, with one shared, lazily launched
 * browser whose pages are pooled to the same number. A bad input does not stop the others:
 * its error goes to `failures`, except when the browser itself is gone (it failed to start or
 * crashed), which would only repeat for every input and so ends the run.
 */
async function eachInput<T>(inputs: string[], flags: ConfigFlags, work: (file: string, session: BrowserSession, hooks: BuildFileHooks) => Promise<T>, hooks: RunHooks<T> = {}): Promise<{ results: T[]; failures: BuildFailure[] }> {
  const { files, failures: missing } = collectInputs(inputs, flags);
  const { signal } = hooks;
  const parallel = Math.max(1, flags.parallel ?? defaults.parallel);
  // Launched only on first use (each input warms it once its content has been read and
  // checked), so runs that never need a browser, or whose inputs are all bad, start none.
  const own = hooks.session ? undefined : browserSession({ flag: flags.browserPath, env: process.env, timeoutMs: flags.timeoutMs ?? defaults.timeoutMs, pages: parallel, handleSignals: !signal, offline: true });
  const session = hooks.session ?? own!;
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
    await Promise.race([Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker)), cancelled]);
  } finally {
    signal?.removeEventListener('abort', cancel);
    await own?.close();
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
    { ...h, onFailure: (f) => (emit({ type: 'failed', failure: f }), h.onFailure?.(f)) },
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
        const loaded = loadInput(file, flags);
        await session.warm();
        const p = await planWithDiagrams(loaded, () => session);
        writeDeck(tmp, p.rendered);
        return { file, report: await checkDeck(session, join(tmp, 'index.html'), p.plan, { diagnostics: p.diagnostics }), diagnostics: p.diagnostics };
      } finally {
        rmSync(tmp, { recursive: true, force: true });
        run.tmpDirs?.delete(tmp);
      }
    },
    hooks,
  );
}
