import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserSession, type BrowserSession } from '../browser/launch.js';
import type { ConfigFlags } from '../config/resolve.js';
import { defaults } from '../config/schema.js';
import { LecternError } from '../errors.js';
import { formatDiagnostics } from '../model/diagnostics.js';
import { clientPath, clientScript, eventsPath, injectClient, waitingPage } from './reload-client.js';
import { previewDeck, type PreviewDeck, type RebuildResult } from './deck.js';
import { eventHub, type EventHub } from './events.js';
import { isLoopbackAddress, isLoopbackHost, listen, urlFor } from './listen.js';
import { resolveRequestPath, sendFile, sendText } from './static.js';
import { watchFolders } from './watch.js';

/** Options of `lectern serve`. */
export interface ServeOptions {
  /** First port to try. @defaultValue 4321 */
  port?: number;
  /** Interface to bind; only loopback unless given. @defaultValue '127.0.0.1' */
  host?: string;
  io: { out: (s: string) => void; err: (s: string) => void };
  /** Print only errors (and the URL). */
  quiet: boolean;
  /** Quiet time after a change before rebuilding, in ms. @defaultValue 100 */
  debounceMs?: number;
  /**
   * Aborting kills the preview's browser at once, synchronously (for a signal handler, even
   * during the first build); `close()` still has to be called to stop the server.
   */
  signal?: AbortSignal;
}

/** A running preview server. */
export interface ServeResult {
  url: string;
  port: number;
  /** The private folder the deck is built in; removed by `close()`. */
  dir: string;
  /**
   * Stops watching, lets a rebuild under way finish, closes the browser (if a diagram started
   * one), ends every connection, closes the server and removes the build folder.
   */
  close(): Promise<void>;
}

/** The port tried first. */
export const defaultPort = 4321;

/**
 * Builds `input` into a private temporary folder, serves it over HTTP and rebuilds on every
 * change to the content, its config and templates, the --css file or the built-in themes.
 * Open pages reload on the same slide; a failed build shows as an overlay over the last good
 * deck and the server keeps running. A missing input file or bad content in the first build is
 * an error at once, as in `lectern build`; a content error in a later save is shown on the
 * page instead, so it can be fixed while the server runs.
 *
 * Mermaid diagrams need Chromium: one browser serves the server's whole life, launched at the
 * first build that has a diagram (a deck without one never starts it) and closed by `close()`.
 * Rebuilds run one at a time; changes during one are gathered into a single rebuild after it.
 */
export async function startServer(input: string, flags: ConfigFlags, o: ServeOptions): Promise<ServeResult> {
  if (!statSync(input, { throwIfNoEntry: false })?.isFile()) throw new LecternError('INPUT', `${input}: no such file; serve takes one .md or .txt file`, { file: input });
  const host = o.host ?? '127.0.0.1';
  const tmp = mkdtempSync(join(tmpdir(), 'lectern-serve-'));
  // Launched lazily by the first diagram, then kept: a save never starts another Chromium. One
  // that crashed is replaced at the next build that draws (one that never started is not: it
  // would fail again, at every save).
  let session: BrowserSession | undefined;
  const crashed: BrowserSession[] = [];
  const stopping = new AbortController();
  const browser = () => {
    if (session?.broken && session.started && !stopping.signal.aborted && !o.signal?.aborted) {
      crashed.push(session);
      session = undefined;
    }
    return (session ??= browserSession({ flag: flags.browserPath, env: process.env, timeoutMs: flags.timeoutMs ?? defaults.timeoutMs, handleSignals: false, offline: true }));
  };
  const kill = () => session?.kill();
  o.signal?.addEventListener('abort', kill, { once: true });
  const deck = previewDeck(input, flags, tmp, browser);
  const hub = eventHub();
  const report = reporter(o);
  // Bound to this machine only: answer only requests that name it, so a web page cannot reach the
  // preview through a DNS name it rebinds to 127.0.0.1 (whether the loopback bind is the default
  // or given with --host).
  const loopbackOnly = isLoopbackAddress(host);
  const server = createServer((req, res) => {
    try {
      handle(req, res, deck, hub, loopbackOnly);
    } catch {
      // The deck folder can vanish under a request while the server closes.
      if (!res.headersSent) sendText(res, 500, 'the preview is not available\n');
      else res.destroy();
    }
  });
  // Builds run one at a time, in order (the first one included); a change while one runs
  // queues one more, and further changes before that one starts join it.
  let last: Promise<unknown> = Promise.resolve();
  const queue = <T>(job: () => Promise<T>): Promise<T> => {
    const p = last.then(job);
    last = p.catch(() => undefined);
    return p;
  };
  let queued = false;
  const rebuild = () => {
    if (queued || stopping.signal.aborted) return;
    queued = true;
    void queue(async () => {
      queued = false;
      if (stopping.signal.aborted) return;
      const r = await deck.rebuild(stopping.signal);
      if (stopping.signal.aborted) return;
      report(r, false);
      watcher.update(deck.watchTargets());
      hub.send(deck.state);
    });
  };
  const watcher = watchFolders(rebuild, o.debounceMs ?? 100);
  const shutDown = async () => {
    stopping.abort();
    watcher.close();
    o.signal?.removeEventListener('abort', kill);
    // The rebuild under way finishes first (its downloads stopped), so that no diagram asks
    // for a browser after it was closed.
    await last;
    await Promise.all([session, ...crashed].map((b) => b?.close()));
  };
  let port: number;
  try {
    // Watching starts before the first build, so a save during it is not missed.
    watcher.update(deck.watchTargets());
    const first = await queue(() => deck.rebuild(stopping.signal));
    // Bad content at the start is the same one-line error and exit code as `lectern build`;
    // once the preview runs, a bad save shows as an overlay and the server keeps going.
    if (!first.ok && first.cause) throw first.cause;
    report(first, true);
    port = await listen(server, host, o.port ?? defaultPort, (busy) => o.io.err(`lectern: port ${busy} is busy; using ${busy + 1}\n`));
  } catch (e) {
    await shutDown();
    deck.dispose();
    throw e;
  }
  watcher.update(deck.watchTargets());
  const url = urlFor(host, port);
  o.io.out(`serving ${input} at ${url}${o.quiet ? '' : ' (Ctrl-C to stop)'}\n`);
  if (o.host !== undefined && !isLoopbackHost(host) && !o.quiet) o.io.err(`lectern: listening on ${host}: other machines on the network can open the deck\n`);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    dir: tmp,
    close() {
      closing ??= shutDown()
        .then(
          () =>
            new Promise<void>((resolve) => {
              hub.close();
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        )
        .finally(() => deck.dispose());
      return closing;
    },
  };
}

const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `lectern serve`: serves until SIGINT (Ctrl-C), SIGTERM or SIGHUP (the terminal closed),
 * then cleans up and resolves with 0: stopping is how a preview ends, not a failure. The
 * handlers are in place before the server starts, so a signal during the first build
 * still cleans up; a second signal gets Node's default: exit at once. The browser drawing
 * the diagrams (if any) is killed at the first signal, synchronously, so even that leaves
 * no Chromium behind.
 */
export async function runServe(input: string, flags: ConfigFlags, o: ServeOptions): Promise<number> {
  let stopped = false;
  let wake: (() => void) | undefined;
  const stopper = new AbortController();
  const stop = () => {
    stopped = true;
    for (const s of stopSignals) process.off(s, stop);
    stopper.abort();
    wake?.();
  };
  for (const s of stopSignals) process.on(s, stop);
  let running: ServeResult;
  try {
    running = await startServer(input, flags, { ...o, signal: stopper.signal });
  } catch (e) {
    for (const s of stopSignals) process.off(s, stop);
    throw e;
  }
  if (!stopped) await new Promise<void>((resolve) => (wake = resolve));
  await running.close();
  if (!o.quiet) o.io.out('stopped\n');
  return 0;
}

function handle(req: IncomingMessage, res: ServerResponse, deck: PreviewDeck, hub: EventHub, loopbackOnly: boolean): void {
  // A web page elsewhere could point a name of its own at 127.0.0.1 (DNS rebinding) and
  // read the preview; on loopback, answer only requests addressed to this machine.
  if (loopbackOnly && !isLoopbackHost(req.headers.host)) return sendText(res, 403, 'Lectern preview: use http://127.0.0.1 or http://localhost\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'GET only\n');
  }
  const head = req.method === 'HEAD';
  const url = req.url ?? '/';
  const path = url.split(/[?#]/, 1)[0];
  if (path === eventsPath && !head) return hub.add(res, deck.state);
  if (path === clientPath) return sendText(res, 200, clientScript, 'text/javascript; charset=utf-8', head);
  const r = resolveRequestPath(url);
  if (!r.ok) return sendText(res, r.status, r.status === 400 ? 'bad request\n' : 'forbidden\n', undefined, head);
  const root = deck.root;
  if (r.segments.length === 1 && r.segments[0] === 'index.html') {
    const html = root ? injectClient(readFileSync(join(root, 'index.html'), 'utf8'), deck.state.build) : waitingPage();
    return sendText(res, 200, html, 'text/html; charset=utf-8', head);
  }
  if (!root || !sendFile(req, res, root, r.segments)) sendText(res, 404, 'not found\n', undefined, head);
}

/** Prints what a build did: errors always, the rest unless quiet. */
function reporter(o: ServeOptions): (r: RebuildResult, first: boolean) => void {
  return (r, first) => {
    if (!r.ok) {
      o.io.err(`lectern: ${r.error.where ? `${r.error.where}: ` : ''}${r.error.message}\n`);
      if (r.bug?.stack) o.io.err(`${r.bug.stack}\n`);
      return;
    }
    if (o.quiet) return;
    if (!r.changed) return o.io.out('no change\n');
    for (const line of formatDiagnostics(r.diagnostics)) o.io.err(line + '\n');
    o.io.out(`${first ? 'built' : 'rebuilt'} ${r.slides} slides in ${r.ms} ms\n`);
  };
}
