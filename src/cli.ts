import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import type { BrowserSession } from './browser/launch.js';
import type { ConfigFlags } from './config/resolve.js';
import { themeNames } from './config/schema.js';
import { exitCodes, LecternError } from './errors.js';
import { parseDuration } from './config/duration.js';
import { normaliseLang } from './ingest/meta.js';
import { formatDiagnostics, printable, type Diagnostic } from './model/diagnostics.js';
import { build, check, loadDocument, writeFileAtomic } from './pipeline.js';
import { formatReport } from './check/index.js';
import { toOutlineMarkdown } from './ingest/outline.js';
import { createProgress } from './progress.js';
import { prepareWithImages } from './remote-images.js';
import { version } from './version.js';

export const helpText = `lectern ${version} — turn written content into a talk

Usage:
  lectern build <inputs...> [options]   build decks (folders: every .md/.qmd/.txt inside)
  lectern serve <input> [--port N]      build, serve on 127.0.0.1 and rebuild + reload on change
  lectern plan <input> [--json]         print the deck plan
  lectern outline <input> [-o FILE]     write the inferred structure as editable Markdown
  lectern check <inputs...> [--json]    build in a temporary folder and measure every slide in
                                        Chromium: overflow, missing glyphs, broken images, axe-core
  lectern --help | --version

Options:
  -o, --out DIR          output root; each deck goes to DIR/<name>/ (default: output);
                         for outline: the Markdown file to write (default: stdout)
      --pdf              also write slides.pdf (needs Chrome or Chromium)
      --handout [LAYOUT] also write handout.pdf: notes (default; slide + speaker notes per
                         page), 3up (slides with ruled lines for writing), 6up, 2up
      --paper a4|letter  handout paper (default: front matter "paper", else letter for
                         US/Canadian/Mexican... locales (LC_ALL, LC_PAPER, LANG), else a4)
      --fragments        slides.pdf gets one page per fragment step (default: one per slide)
      --pptx             also write slides.pptx: editable PowerPoint, speaker notes included
      --parallel N       decks exported at once on the shared browser (default: 2)
      --timeout SECONDS  give up on a deck when one step of printing it (loading it, its
                         fonts, a part of its pages) takes longer (default: 60)
      --theme NAME       ${themeNames.join(' | ')} (default: light; or front matter "theme")
      --title TEXT       deck title (overrides front matter and inference)
      --lang zh|en       language (default: detected from the text)
      --duration TIME    fit the talk into a time slot, e.g. 20m, 1h, 45
      --templates DIR    folder of .hbs templates that override built-ins by name (the only
                         way to run custom markup)
      --css FILE         a CSS file that extends the theme
      --no-autofit       do not split or shrink content that would overflow (to see it in check)
      --replan           plan an authored deck's text as prose (default: a Marp, Slidev,
                         reveal-md, Quarto or Pandoc deck keeps its slides as written)
      --as-deck          keep the input's slides as written even when no deck is detected
      --allow-html       keep raw HTML from trusted content (default: sanitised, with a warning)
      --allow-outside    allow image paths outside the content's folder
      --offline          never download remote images: use copies already in the cache
                         ($LECTERN_CACHE_DIR, else $XDG_CACHE_HOME/lectern or ~/.cache/lectern)
      --port N           (serve) port, default 4321; the next free one when taken
      --host H           (serve) interface to bind (default: 127.0.0.1 only)
      --browser-path P   Chrome/Chromium to use (else CHROME_PATH, PUPPETEER_EXECUTABLE_PATH,
                         Puppeteer's browser, then the system's: Debian's
                         chromium-headless-shell first, then Chrome/Chromium)
      --json             (plan, check) print JSON
  -q, --quiet            print only errors
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 ok, 2 usage, 3 bad input file, 4 content error, 5 output folder, 6 browser,
7 check found errors, 1 bug.
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: progress is a bar redrawn in place, not a line per file. */
  errIsTty?: boolean;
  /** The terminal's width. */
  columns?: () => number | undefined;
  /** A running browser for `build` and `check` to use instead of their own (tests that run many commands in one process). */
  session?: BrowserSession;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  errIsTty: process.stderr.isTTY === true,
  columns: () => process.stderr.columns,
};

/** Exit codes for the signals that interrupt a build: 128 + the signal's number. */
const signalExits = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

const options = {
  out: { type: 'string', short: 'o' },
  pdf: { type: 'boolean' },
  handout: { type: 'string' },
  paper: { type: 'string' },
  theme: { type: 'string' },
  title: { type: 'string' },
  lang: { type: 'string' },
  duration: { type: 'string' },
  templates: { type: 'string' },
  'browser-path': { type: 'string' },
  'allow-html': { type: 'boolean' },
  'allow-outside': { type: 'boolean' },
  offline: { type: 'boolean' },
  fragments: { type: 'boolean' },
  pptx: { type: 'boolean' },
  'no-autofit': { type: 'boolean' },
  replan: { type: 'boolean' },
  'as-deck': { type: 'boolean' },
  css: { type: 'string' },
  parallel: { type: 'string' },
  timeout: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Runs the CLI and returns the exit code; all output goes through `io`. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof LecternError) {
      io.err(`lectern: ${e.message}\n`);
      return exitCodes[e.code];
    }
    io.err(`lectern: internal error (a bug; please report it): ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: withHandoutDefault(argv), options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new LecternError('USAGE', `${(e as Error).message}; see lectern --help`);
  }
  const { values, positionals } = parsed;
  if (values.version) return io.out(`${version}\n`), 0;
  const [command, ...inputs] = positionals;
  if (values.help || !command) return io.out(helpText), values.help ? 0 : 2;
  const flags = toFlags(values);
  const warn = (ds: Diagnostic[]) => {
    if (!values.quiet) for (const line of formatDiagnostics(ds)) io.err(line + '\n');
  };
  if (command === 'plan') {
    if (inputs.length !== 1) throw new LecternError('USAGE', 'plan takes exactly one input file; see lectern --help');
    const p = await prepareWithImages(inputs[0], flags);
    warn(p.diagnostics);
    io.out(values.json ? JSON.stringify(p.plan, null, 2) + '\n' : describePlan(p.plan));
    return 0;
  }
  if (command === 'outline') {
    if (inputs.length !== 1) throw new LecternError('USAGE', 'outline takes exactly one input file; see lectern --help');
    const doc = loadDocument(inputs[0], flags);
    warn(doc.diagnostics);
    const md = toOutlineMarkdown(doc);
    if (typeof values.out === 'string') writeFileAtomic(values.out, md);
    else io.out(md);
    return 0;
  }
  if (command === 'check') {
    if (inputs.length === 0) throw new LecternError('USAGE', 'check needs at least one input file or folder; see lectern --help');
    const { results, failures } = await interruptible(io, 'temporary decks were removed', () => undefined, (signal) => check(inputs, flags, { signal, session: io.session }));
    if (values.json) io.out(JSON.stringify(results.map((r) => ({ file: r.file, ...r.report })), null, 2) + '\n');
    else for (const r of results) {
      warn(r.diagnostics);
      io.out(formatReport(r.report, r.file) + '\n');
    }
    for (const f of failures) io.err(`lectern: ${f.error.message}\n`);
    if (failures.length) return exitCodes[failures[0].error.code];
    return results.some((r) => r.report.errors > 0) ? 7 : 0;
  }
  if (command === 'serve') {
    if (inputs.length !== 1) throw new LecternError('USAGE', 'serve takes exactly one input file; see lectern --help');
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new LecternError('USAGE', `--port ${values.port}: give a port number from 0 to 65535`);
    const { runServe } = await import('./server/index.js');
    return runServe(inputs[0], flags, { port, host: values.host, io, quiet: !!values.quiet });
  }
  if (command === 'build') {
    if (inputs.length === 0) throw new LecternError('USAGE', 'build needs at least one input file or folder; see lectern --help');
    return runBuild(inputs, flags, io, !!values.quiet);
  }
  throw new LecternError('USAGE', `unknown command "${command}"; use build, serve, plan, outline or check (see lectern --help)`);
}

/**
 * `lectern build`: progress on stderr (a bar in a terminal, a line per file otherwise), a
 * `built …` line per deck on stdout in input order, errors at the end. SIGINT, SIGTERM and
 * SIGHUP kill the browser, remove the temporary folders and exit with 128 + the signal number;
 * finished decks stay, unfinished ones leave nothing.
 */
async function runBuild(inputs: string[], flags: ConfigFlags, io: Io, quiet: boolean): Promise<number> {
  const progress = createProgress({ write: io.err, tty: !!io.errIsTty, quiet, columns: io.columns, outputsPerDeck: 1 + (flags.pdf ? 1 : 0) + (flags.handout ? 1 : 0) + (flags.pptx ? 1 : 0) });
  try {
    const { results, failures } = await interruptible(io, 'unfinished decks were removed', () => progress.end(), (signal) =>
      build(inputs, flags, {
        signal,
        session: io.session,
        onEvent: (e) => progress.event(e),
        onResult: (r) => {
          if (quiet) return;
          for (const line of formatDiagnostics(r.diagnostics)) progress.print(io.err, line + '\n');
          progress.print(io.out, `built ${printable(relative(process.cwd(), r.deckDir) || r.deckDir)}/index.html (${r.slides} slides)${r.pdf ? `, slides.pdf` : ''}${r.handout ? `, handout.pdf` : ''}${r.pptx ? `, slides.pptx` : ''}\n`);
        },
      }),
    );
    progress.end();
    for (const f of failures) io.err(`lectern: ${f.error.message}\n`);
    if (failures.length) {
      if (results.length) io.err(`lectern: ${failures.length} of ${failures.length + results.length} inputs failed: ${failures.map((f) => printable(f.file)).join(', ')}\n`);
      return exitCodes[failures[0].error.code];
    }
    return 0;
  } finally {
    progress.end();
  }
}

/**
 * Runs `work` with SIGINT, SIGTERM and SIGHUP turned into an abort: the run's browser is killed
 * and its temporary folders removed (synchronously, by the abort listener), then the process
 * exits with 128 + the signal number.
 */
async function interruptible<T>(io: Io, cleaned: string, before: () => void, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: keyof typeof signalExits) => {
    controller.abort(new LecternError('USAGE', `interrupted by ${signal}`));
    before();
    io.err(`lectern: interrupted by ${signal}; ${cleaned}\n`);
    process.exit(signalExits[signal]);
  };
  const names = Object.keys(signalExits) as (keyof typeof signalExits)[];
  for (const s of names) process.on(s, onSignal);
  try {
    return await work(controller.signal);
  } finally {
    for (const s of names) process.off(s, onSignal);
  }
}

const layouts = ['notes', '3up', '6up', '2up'] as const;

/**
 * `--handout` takes an optional layout: it gets `notes` when what follows is another option,
 * nothing, or looks like a path (has a dot or a slash); a bare word is taken as the layout.
 */
function withHandoutDefault(argv: string[]): string[] {
  return argv.flatMap((a, i) => {
    const next = argv[i + 1];
    return a === '--handout' && (next === undefined || next.startsWith('-') || /[./\\]/.test(next)) ? [a, 'notes'] : [a];
  });
}

function toFlags(v: Record<string, string | boolean | undefined>): ConfigFlags {
  const flags: ConfigFlags = {};
  if (typeof v.out === 'string') flags.outDir = v.out;
  if (v.pdf) flags.pdf = true;
  if (typeof v.theme === 'string') flags.theme = v.theme;
  if (typeof v.title === 'string') flags.title = v.title;
  if (typeof v.templates === 'string') flags.templatesDir = v.templates;
  if (typeof v['browser-path'] === 'string') flags.browserPath = v['browser-path'];
  if (v.quiet) flags.quiet = true;
  if (v['allow-html']) flags.allowHtml = true;
  if (v['allow-outside']) flags.allowOutside = true;
  if (v.offline) flags.offline = true;
  if (v.fragments) flags.fragments = true;
  if (v.pptx) flags.pptx = true;
  if (v['no-autofit']) flags.autofit = false;
  if (v.replan && v['as-deck']) throw new LecternError('USAGE', '--replan and --as-deck contradict each other; use one');
  if (v.replan) flags.deck = 'replan';
  if (v['as-deck']) flags.deck = 'keep';
  if (typeof v.css === 'string') flags.userCss = resolve(v.css);
  if (typeof v.parallel === 'string') {
    const n = Number(v.parallel);
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new LecternError('USAGE', `--parallel ${v.parallel}: give a whole number from 1 to 16`);
    flags.parallel = n;
  }
  if (typeof v.timeout === 'string') {
    const s = Number(v.timeout);
    if (!Number.isFinite(s) || s <= 0 || s > 86_400) throw new LecternError('USAGE', `--timeout ${v.timeout}: give a number of seconds, e.g. 120`);
    flags.timeoutMs = Math.round(s * 1000);
  }
  if (typeof v.handout === 'string') {
    if (!(layouts as readonly string[]).includes(v.handout)) throw new LecternError('USAGE', `--handout ${v.handout}: use one of ${layouts.join(', ')}`);
    flags.handout = v.handout as (typeof layouts)[number];
  }
  if (typeof v.paper === 'string') {
    if (v.paper !== 'a4' && v.paper !== 'letter') throw new LecternError('USAGE', `--paper ${v.paper}: use a4 or letter`);
    flags.paper = v.paper;
  }
  if (typeof v.lang === 'string') {
    const lang = normaliseLang(v.lang);
    if (!lang) throw new LecternError('USAGE', `--lang ${v.lang}: use zh or en`);
    flags.lang = lang;
  }
  if (typeof v.duration === 'string') {
    const d = parseDuration(v.duration);
    if (!d) throw new LecternError('USAGE', `--duration ${v.duration}: give a time like 20m, 1h or 45`);
    flags.duration = d;
  }
  return flags;
}

function describePlan(p: import('./model/plan.js').DeckPlan): string {
  const lines = [`${p.title} — ${p.slides.length} slides, about ${p.durationMinutes} minutes`];
  p.slides.forEach((s, i) => {
    const text = s.quote?.text ?? s.question?.text ?? s.title ?? '';
    lines.push(`${String(i + 1).padStart(3)}  ${s.template.padEnd(9)} ${text.replace(/\s+/g, ' ').slice(0, 70)}`);
  });
  return lines.join('\n') + '\n';
}
