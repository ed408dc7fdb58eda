import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page, Target } from 'puppeteer';
import { LecternError } from '../errors.js';
import { confine } from './confine.js';
import { findBrowser, isHeadlessShell, type FindBrowserOptions } from './find.js';

/** How one page is used: what it may load, and how long it may take. */
export interface PageOptions {
  /**
   * Only `file:` URLs inside this folder (and `data:`/`blob:` URLs) load; every other request is
   * blocked. The page is also offline at the network level (WebSockets, workers and WebRTC go
   * nowhere) and may open no window: a pop-up is closed as soon as it appears.
   */
  confineTo?: string;
  /** Gives up after this many milliseconds: the page is closed and `timeoutError()` is thrown. */
  deadlineMs?: number;
  /** The error for a missed deadline; say which deck and what to check. */
  timeoutError?: () => Error;
  /**
   * The page may have shown another deck before, and is kept for the next such call when `fn`
   * succeeds: a new window costs Chromium 50-100 ms. Only for confined pages (the confinement
   * moves to the new folder), and only for work that leaves nothing behind on the page but
   * its document: a navigation, evaluations, a print. @defaultValue false
   */
  reuse?: boolean;
}

/** A browser shared by every deck and output of a run, launched on first use. */
export interface BrowserSession {
  /**
   * Runs `fn` on a fresh page with timeouts set, and closes the page afterwards. At most
   * `pages` pages are open at once; further calls wait for a free one.
   */
  withPage<T>(fn: (page: Page) => Promise<T>, options?: PageOptions): Promise<T>;
  /**
   * Starts the browser now, if it is not running yet, and resolves once Chromium has started
   * booting (or failed to: the error comes with the first page). Work done after this overlaps
   * with the browser's start-up.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
  /**
   * Kills the browser's whole process group at once and removes its profile, synchronously:
   * for signal handlers, which cannot wait for a graceful close.
   */
  kill(): void;
  /** True once the browser failed to start or died: every further page would fail too. */
  readonly broken: boolean;
  /** True once the browser has started; with `broken`, it died since (a crash, `kill()`). */
  readonly started: boolean;
}

/** Options for launching the browser. */
export interface LaunchOptions extends FindBrowserOptions {
  timeoutMs: number;
  /** Pages open at once (`--parallel`). @defaultValue 2 */
  pages?: number;
  /**
   * Let Puppeteer kill the browser on SIGINT/SIGTERM/SIGHUP. The CLI turns this off and
   * cleans up itself (browser, temporary folders) before exiting. @defaultValue true
   */
  handleSignals?: boolean;
  /**
   * Takes the whole browser offline, not only confined pages: every connection goes to a proxy
   * nobody listens on, loopback included, so it fails at once. For sessions that only export
   * and check; a session that must load `http:` pages (the preview server's tests) leaves it
   * off. Confined pages (`PageOptions.confineTo`) are offline either way. @defaultValue false
   */
  offline?: boolean;
}

/**
 * A proxy nobody listens on. `<-loopback>` takes localhost, 127.0.0.1 and [::1] off Chromium's
 * implicit bypass list, so that loopback, where a local service may listen, is proxied too.
 */
const deadProxy = { server: 'socks5://127.0.0.1:1', bypass: '<-loopback>' };

/**
 * Flags of every session: WebRTC sends nothing but what goes through the proxy (for a confined
 * page, none), since UDP bypasses proxies.
 */
const commonArgs = ['--webrtc-ip-handling-policy=disable_non_proxied_udp', '--force-webrtc-ip-handling-policy=disable_non_proxied_udp'];

/** Flags of an offline session (`LaunchOptions.offline`): no proxy bypass, and no DNS lookups. */
const offlineArgs = [`--proxy-server=${deadProxy.server}`, `--proxy-bypass-list=${deadProxy.bypass}`, '--host-resolver-rules=MAP * ~NOTFOUND'];

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Creates a lazily launched browser session. Flags: the sandbox is turned off only as root or
 * in CI/containers, where Chromium refuses to start with it; background networking, component
 * updates, sync and first-run are off because a closed network makes Chromium retry them.
 * Puppeteer's `--disable-popup-blocking` is dropped: a page may open no window without a user
 * gesture, and a confined page none at all (see `offlineContext`).
 */
export function browserSession(options: LaunchOptions): BrowserSession {
  let launching: Promise<Browser> | undefined;
  let browser: Browser | undefined;
  let profile: string | undefined;
  let chromeTmp: string | undefined;
  let broken = false;
  let started = false;
  let offline: Promise<OfflineContext> | undefined;
  const slots = semaphore(options.pages ?? 2);
  /** Confined pages whose last use went well, for the next call that may reuse one. */
  const idle: Page[] = [];
  /**
   * The blank tab Chromium starts with, until a page of the default context takes it: taking
   * it costs about half of opening a window. It is the first tab of its window, so in front.
   */
  let initialPage: Promise<Page | undefined> | undefined;
  const handleSignals = options.handleSignals ?? true;
  let booting: (() => void) | undefined;
  let warming: Promise<void> | undefined;
  const launch = async (): Promise<Browser> => {
    // Loaded here, not at the top: commands that print no PDF never pay for Puppeteer.
    const { default: puppeteer } = await import('puppeteer');
    const own = await puppeteerBrowserPath(puppeteer);
    const found = findBrowser({ ...options, puppeteerPath: options.puppeteerPath ?? (() => own) });
    profile = mkdtempSync(join(tmpdir(), 'lectern-chrome-'));
    const env = { ...process.env };
    // With --disable-dev-shm-usage, Chromium keeps shared memory in files in TMPDIR; a kill
    // at the wrong moment leaves one behind. Give it a folder of its own, removed with the
    // profile. Its lock socket goes there too (`<dir>/.org.chromium.Chromium.XXXXXX/SingletonSocket`),
    // and a socket path may not exceed 107 bytes.
    const shm = join(tmpdir(), 'lectern-XXXXXX');
    if (process.platform === 'linux' && shm.length + 46 <= 107) chromeTmp = env.TMPDIR = mkdtempSync(shm.slice(0, -6));
    // Chromium writes its profile first thing: that is the sign it is up and booting.
    const watcher = watchOnce(profile, () => booting?.());
    const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', '--font-render-hinting=none'];
    args.push(...commonArgs);
    if (options.offline) args.push(...offlineArgs);
    if (isRoot() || options.env?.CI) args.push('--no-sandbox');
    try {
      browser = await puppeteer.launch({
        executablePath: found.path,
        headless: isHeadlessShell(found.path) ? 'shell' : true,
        args,
        ignoreDefaultArgs: ['--disable-popup-blocking'],
        userDataDir: profile,
        env,
        timeout: options.timeoutMs,
        // Puppeteer caps every DevTools call at 180 s by default, whatever --timeout says: a long
        // handout's one print call needs the deck's own limit (our deadlines come first).
        protocolTimeout: Math.max(180_000, options.timeoutMs + 10_000),
        handleSIGINT: handleSignals,
        handleSIGTERM: handleSignals,
        handleSIGHUP: handleSignals,
      });
      started = true;
      browser.on('disconnected', () => (broken = true));
      const b = browser;
      // A run that ends at once (bad content in its first deck) closes the browser while
      // Puppeteer is still attaching to this tab; its url() then throws ("Requesting main
      // frame too early"), which must stay here rather than crash the process.
      initialPage = b
        .pages()
        .then((pages) => pages.find((p) => p.url() === 'about:blank'))
        .catch(() => undefined);
      return b;
    } catch (e) {
      broken = true;
      throw new LecternError('BROWSER', `cannot start the browser at ${found.path} (${(e as Error).message.split('\n')[0]}); check it runs, or pass --browser-path`, { cause: e });
    } finally {
      watcher?.close();
    }
  };
  const start = (): Promise<Browser> => (launching ??= launch());
  const removeProfile = () => {
    for (const dir of [singletonDir(profile), profile, chromeTmp]) {
      try {
        if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
      } catch {
        // A browser still dying may write one more file; what is left is in the system's temp folder.
      }
    }
  };
  return {
    get broken() {
      return broken;
    },
    get started() {
      return started;
    },
    warm() {
      // One answer for every caller: decks of a run warm the browser each.
      return (warming ??= (() => {
        const started = new Promise<void>((resolve) => (booting = resolve));
        const launched = start().then(
          () => undefined,
          () => undefined,
        );
        return Promise.race([started, launched]);
      })());
    },
    async withPage(fn, o = {}) {
      const release = await slots.acquire();
      try {
        const b = await start();
        const reusable = o.reuse === true && o.confineTo !== undefined;
        // A browser that died leaves its pages detached: none of them is reused.
        if (broken || !b.connected) idle.length = 0;
        let page = reusable ? idle.pop() : undefined;
        if (page?.isClosed()) page = undefined;
        if (!page) {
          // A window each, not tabs: a background tab gets no animation frames, and reveal.js's
          // print view waits for them, so a second deck's page would stall behind the first.
          // Confined pages live in a browser context of their own, offline and without pop-ups,
          // unless the whole browser is offline already (pop-ups are blocked there too).
          const context = o.confineTo && !options.offline ? (offline ??= offlineContext(b).catch((e: unknown) => ((offline = undefined), Promise.reject(e)))) : undefined;
          let opening: Promise<Page>;
          if (context) opening = context.then((c) => c.newPage());
          else {
            const first = initialPage ?? Promise.resolve(undefined);
            initialPage = undefined;
            opening = first.then((p) => (p && !p.isClosed() ? p : b.newPage({ type: 'window' })));
          }
          page = await opening.catch((e: unknown) => {
            throw new LecternError('BROWSER', `the browser stopped responding (${(e as Error).message.split('\n')[0]}); run again, or pass --browser-path`, { cause: e });
          });
          page.setDefaultTimeout(options.timeoutMs);
          page.setDefaultNavigationTimeout(options.timeoutMs);
        }
        const current = page;
        let keep = false;
        try {
          if (o.confineTo) await confine(current, o.confineTo);
          const result = await withDeadline(fn(current), o, () => current.close());
          keep = reusable && !current.isClosed();
          return result;
        } catch (e) {
          // The browser died under the page (Puppeteer says "detached frame" or "target closed"):
          // a browser error, like a page that cannot be opened, not a bug.
          if (!(e instanceof LecternError) && (broken || !b.connected)) {
            throw new LecternError('BROWSER', `the browser stopped responding (${(e as Error).message.split('\n')[0]}); run again, or pass --browser-path`, { cause: e });
          }
          throw e;
        } finally {
          if (keep) idle.push(current);
          else await current.close().catch(() => undefined);
        }
      } finally {
        release();
      }
    },
    async close() {
      const b = await launching?.catch(() => undefined);
      await initialPage;
      const proc = b?.process();
      // Nothing in the profile is worth a graceful shutdown, which costs a few hundred
      // milliseconds: kill the browser and wait for it to be gone.
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        killGroup(proc);
        await exited;
        killSurvivors(proc.pid, profile, GROUP_WAIT_MS);
      }
      await b?.close().catch(() => undefined);
      removeProfile();
    },
    kill() {
      broken = true;
      const proc = browser?.process();
      if (proc) {
        killGroup(proc);
        killSurvivors(proc.pid, profile, GROUP_WAIT_MS);
        removeProfile();
      } else if (launching) {
        // Still starting: Puppeteer kills the half-started browser when this process exits
        // (its exit hook came first), or close() does; its pid is not known yet, so what runs
        // with its profile is killed and waited for before the profile goes.
        process.once('exit', () => {
          killSurvivors(undefined, profile, GROUP_WAIT_MS);
          removeProfile();
        });
      }
    },
  };
}

/**
 * The folder of Chromium's lock socket, which the profile's `SingletonSocket` link points to
 * (`$TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket`). Chromium removes it when it shuts
 * down, but not when it is killed. It is in the browser's own temporary folder when there is
 * one, but where the TMPDIR path is too long for a socket that folder is not made, and the
 * lock folder sits in TMPDIR itself. Undefined when there is no such link.
 */
function singletonDir(profile: string | undefined): string | undefined {
  if (!profile) return undefined;
  try {
    const dir = dirname(readlinkSync(join(profile, 'SingletonSocket')));
    return /^\.?org\.chromium\.Chromium\.\w+$/.test(basename(dir)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A browser context for confined pages, whose `newPage` opens a window in it. */
interface OfflineContext {
  newPage(): Promise<Page>;
}

/**
 * A browser context (like an incognito window) whose every connection goes to the dead proxy:
 * request interception sees neither WebSockets nor what workers and WebRTC send, the proxy
 * stops them all. Windows its pages open (`window.open`, links and forms with a target) are
 * closed as soon as they appear: out of our hands, they would load what they like and, in
 * front, stall the page printing behind them. Its own pages are told apart from those by
 * waiting for the pages being opened at that moment.
 *
 * A blank page stays open in it: Puppeteer opens a page in a window of its own (`type:
 * 'window'`) only when its context has a page already, and two pages opened at once into an
 * empty context would share a window, one a background tab that gets no animation frames.
 */
async function offlineContext(browser: Browser): Promise<OfflineContext> {
  const context: BrowserContext = await browser.createBrowserContext({ proxyServer: deadProxy.server, proxyBypassList: [deadProxy.bypass] });
  const ours = new WeakSet<Target>();
  const opening = new Set<Promise<unknown>>();
  ours.add((await context.newPage()).target());
  context.on('targetcreated', (target: Target) => {
    if (target.type() !== 'page') return;
    void Promise.allSettled([...opening]).then(async () => {
      if (ours.has(target)) return;
      const popup = await target.page().catch(() => null);
      await popup?.close().catch(() => undefined);
    });
  });
  return {
    newPage() {
      const created = context.newPage({ type: 'window' }).then((page) => {
        ours.add(page.target());
        return page;
      });
      opening.add(created);
      void created.finally(() => opening.delete(created)).catch(() => undefined);
      return created;
    },
  };
}

/**
 * Kills Chromium at once. Puppeteer starts it as a process group leader (detached), so
 * killing the group takes the zygote, renderers and GPU process down with it.
 */
function killGroup(proc: ChildProcess): void {
  if (!proc.pid) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    proc.kill('SIGKILL');
  }
}

/** How long a closing session waits for the browser's processes to be gone before removing its profile. */
const GROUP_WAIT_MS = 5000;

/**
 * The live processes of a browser (Linux, from /proc; zombies, which write nothing, do not
 * count; none elsewhere): those in its process group `pgid`, and those started with its profile
 * (`--user-data-dir=<profile>`), which finds the browser before Puppeteer has told its pid (a
 * run stopped while Chromium starts) and a helper in a group of its own. SIGKILL takes effect
 * when a process next leaves the kernel, so one in the middle of a system call, such as
 * creating a file in its profile, finishes it first: removing the profile before they are all
 * gone could leave that file behind, and a browser that is not killed at all shuts down when
 * its pipe closes, writing its profile anew after it was removed.
 */
function survivors(pgid: number | undefined, profile: string | undefined): number[] {
  if (process.platform !== 'linux') return [];
  let pids: string[];
  try {
    pids = readdirSync('/proc');
  } catch {
    return [];
  }
  const flag = profile ? `--user-data-dir=${profile}` : undefined;
  // Helpers rewrite their command line as one string of words: the flag ends at a NUL, a space or the end.
  const hasProfile = (cmdline: string) => {
    const at = cmdline.indexOf(flag!);
    const after = cmdline[at + flag!.length];
    return at >= 0 && (after === undefined || after === '\0' || after === ' ');
  };
  const found: number[] = [];
  for (const pid of pids) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // After the command name (in parentheses): state, parent pid, process group.
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      if ((pgid !== undefined && group === String(pgid)) || (flag && hasProfile(readFileSync(`/proc/${pid}/cmdline`, 'latin1')))) found.push(Number(pid));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/**
 * Kills what is left of a browser ({@link survivors}) and waits, synchronously (signal
 * handlers cannot wait otherwise) and for at most `ms`, until none is left: after the group's
 * kill that is usually at the first look.
 */
function killSurvivors(pgid: number | undefined, profile: string | undefined, ms: number): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (const until = Date.now() + ms; Date.now() < until; Atomics.wait(nap, 0, 0, 10)) {
    const left = survivors(pgid, profile);
    if (!left.length) return;
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  }
}

/** Races `work` against the page's deadline; on expiry runs `abandon` (closing the page) and throws. */
function withDeadline<T>(work: Promise<T>, o: PageOptions, abandon: () => Promise<void>): Promise<T> {
  if (!o.deadlineMs) return work;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The work fails once its page is closed; that failure is the deadline's, not news.
      work.catch(() => undefined);
      void abandon().catch(() => undefined);
      reject(o.timeoutError?.() ?? new LecternError('BROWSER', `a page took longer than ${Math.round(o.deadlineMs! / 1000)} s`));
    }, o.deadlineMs);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** A counting semaphore: `acquire()` resolves with a release function once a slot is free. */
function semaphore(size: number): { acquire(): Promise<() => void> } {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    acquire() {
      if (free > 0) {
        free--;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      f();
    }
  };
}

/** Calls `done` once, on the first change inside `dir`; undefined when watching is not supported. */
function watchOnce(dir: string, done: () => void): FSWatcher | undefined {
  try {
    const w = watch(dir, () => {
      w.close();
      done();
    });
    w.on('error', () => w.close());
    return w;
  } catch {
    return undefined;
  }
}

/** Puppeteer's own downloaded browser, when one was installed (none is, on machines that block install scripts). */
async function puppeteerBrowserPath(puppeteer: { executablePath(): Promise<string> }): Promise<string | undefined> {
  try {
    return await puppeteer.executablePath();
  } catch {
    return undefined;
  }
}
