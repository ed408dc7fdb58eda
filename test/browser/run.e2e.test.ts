import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { allowedUrl } from '../../src/browser/confine.js';
import { CONCURRENT_PRINT_MAX_SLIDES } from '../../src/build.js';
import { build } from '../../src/pipeline.js';
import { lecture } from '../export/decks.js';
import { lecternHere, pdfPages, root, sharedBrowser } from '../helpers/cli.js';
import { fileDir, testDir } from '../helpers/temp.js';

const work = fileDir('lectern-run-');
/**
 * The CLI runs in this process (its main()); `shared` prints in the file's one browser, `own`
 * launches a browser of its own as a process of the CLI does. Only the signal tests need a process.
 */
const session = sharedBrowser();
const shared = (args: string[]) => lecternHere(args, root, undefined, session);
const own = (args: string[]) => lecternHere(args, root);

const talk = (title: string) => `---\ntitle: ${title}\ndate: 2025-09-01\n---\n# ${title}\n\n## One\n\nA first section with a few sentences of prose. It says something useful. Then it stops.\n\n## Two\n\n> Small steps add up.\n\n— Lu Wen\n`;

/** Every file under `dir`, relative, hidden ones included. */
function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [prefix + e.name + '/', ...walk(join(dir, e.name), prefix + e.name + '/')] : [prefix + e.name]));
}

describe('several decks on one browser', () => {
  it('a deck that never gets ready times out naming itself, while the others finish', async () => {
    const dir = join(work, 'parallel');
    // The hanging deck's folder has a layout that never loads reveal.js, so pdf-ready never fires.
    mkdirSync(join(dir, 'stuck', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'stuck', 'templates', 'layout.hbs'), '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="lib/reveal.css"></head><body><div class="reveal"><div class="slides">{{{slides}}}</div></div></body></html>\n');
    writeFileSync(join(dir, 'stuck', 'hangs.md'), talk('Hangs'));
    for (const name of ['first', 'third']) writeFileSync(join(dir, `${name}.md`), talk(name));
    const out = join(dir, 'out');
    const seen: string[] = [];
    // On the file's browser, already running: the deadline bounds each step of every deck's
    // print (the good decks' too, hence room for a slow machine), not Chromium's start.
    const { results, failures } = await build([join(dir, 'first.md'), join(dir, 'stuck', 'hangs.md'), join(dir, 'third.md')], { outDir: out, pdf: true, quiet: true, timeoutMs: 10_000, parallel: 2 }, { session, onResult: (r) => seen.push(r.file) });
    expect(failures).toHaveLength(1);
    expect(failures[0].file).toContain('hangs.md');
    expect(failures[0].error.code).toBe('BROWSER');
    expect(failures[0].error.message).toMatch(/hangs\.md: .*within 10 s.*pdf-ready/);
    expect(results.map((r) => r.file)).toEqual([join(dir, 'first.md'), join(dir, 'third.md')]);
    expect(seen).toEqual(results.map((r) => r.file));
    for (const name of ['first', 'third']) expect(pdfPages(join(out, name, 'slides.pdf'))).toBe(results[0].slides);
    expect(walk(out).filter((f) => !/^(first|third)\//.test(f))).toEqual([]);
  });

  it('prints each deck of a run byte for byte as a run of its own does, on windows reused from deck to deck, and says nothing with -q', async () => {
    const dir = join(work, 'reuse');
    mkdirSync(dir);
    // Small decks: the point is the windows they print on, not their size. English and Chinese,
    // so that a deck prints on windows that drew the other script's fonts.
    const inputs = (['en', 'zh', 'en'] as const).map((lang, i) => {
      const file = join(dir, `deck-${i}.md`);
      writeFileSync(file, lecture(lang, 1 + (i >> 1)));
      return file;
    });
    // One slot, on the file's browser: every deck after the first prints on windows an earlier
    // deck printed on (the first deck's, or earlier tests' kept for reuse).
    const together = await shared(['build', ...inputs, '--pdf', '--handout', '3up', '--parallel', '1', '-q', '-o', join(dir, 'together')]);
    expect(together.code).toBe(0);
    // -q: no line for any file of any deck, PDFs and handouts included.
    expect(together.stdout + together.stderr).toBe('');
    // Each alone prints on fresh windows: a run with a browser of its own.
    for (const input of inputs.slice(1)) expect((await own(['build', input, '--pdf', '--handout', '3up', '-q', '-o', join(dir, 'alone')])).code).toBe(0);
    for (let i = 1; i < inputs.length; i++) {
      for (const f of ['slides.pdf', 'handout.pdf']) {
        const a = readFileSync(join(dir, 'together', `deck-${i}`, f));
        expect(a.length).toBeGreaterThan(5000);
        expect(Buffer.compare(a, readFileSync(join(dir, 'alone', `deck-${i}`, f))), `deck-${i}/${f}`).toBe(0);
      }
    }
  });

  it('logs a line per file without a terminal, `built` lines in input order', async () => {
    const dir = join(work, 'log');
    mkdirSync(dir);
    for (const name of ['b-second', 'a-first']) writeFileSync(join(dir, `${name}.md`), talk(name));
    const inputs = [join(dir, 'b-second.md'), join(dir, 'a-first.md')];
    const r = await shared(['build', ...inputs, '--pdf', '--handout', '2up', '--parallel', '2', '-o', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect([...r.stdout.matchAll(/^built .*\/([^/]+)\/index\.html/gm)].map((m) => m[1])).toEqual(['b-second', 'a-first']);
    expect(r.stdout).toMatch(/built .*b-second\/index\.html \(\d+ slides\), slides\.pdf, handout\.pdf\n/);
    for (const input of inputs) for (const f of ['index.html', 'slides.pdf', 'handout.pdf']) expect(r.stderr).toMatch(new RegExp(`${input.replace(/[.]/g, '\\.')}: ${f.replace('.', '\\.')} \\(\\d+ (B|KB)\\)\\n`));
    expect(r.stderr).not.toMatch(/\r|\x1b/);
    // Nothing with -q: the run above that prints three decks byte for byte is quiet.
  });
});

describe('exports read only the deck’s own folder', () => {
  let server: Server;
  const hits: string[] = [];
  afterAll(() => server?.close());

  it('allows files inside the folder and inline data, nothing else', () => {
    const deck = join(work, 'deck');
    expect(allowedUrl(pathToFileURL(join(deck, 'lib', 'reveal.css')).href, deck)).toBe(true);
    expect(allowedUrl(pathToFileURL(join(deck, 'index.html')).href + '?print-pdf#/3', deck)).toBe(true);
    expect(allowedUrl('data:font/woff2;base64,AAAA', deck)).toBe(true);
    expect(allowedUrl(pathToFileURL(join(work, 'deck-other', 'x.css')).href, deck)).toBe(false);
    expect(allowedUrl(pathToFileURL(join(deck, '..', 'secret.txt')).href, deck)).toBe(false);
    expect(allowedUrl(pathToFileURL(deck).href + '/%2e%2e/secret.txt', deck)).toBe(false);
    expect(allowedUrl('file:///etc/passwd', deck)).toBe(false);
    expect(allowedUrl('http://127.0.0.1:8080/x.png', deck)).toBe(false);
    expect(allowedUrl('https://fonts.googleapis.com/css2', deck)).toBe(false);
  });

  it('blocks the network and other files in the slides PDF and the handout, even from user CSS', async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const dir = join(work, 'confined');
    mkdirSync(dir);
    writeFileSync(join(dir, 'talk.md'), talk('Confined'));
    writeFileSync(join(dir, 'user.css'), `@import url(http://127.0.0.1:${port}/import.css);\n.reveal { background-image: url(http://127.0.0.1:${port}/bg.png); }\n.lt-frame { background-image: url(${pathToFileURL(join(root, 'package.json')).href}); }\n`);
    const r = await shared(['build', join(dir, 'talk.md'), '--css', join(dir, 'user.css'), '--pdf', '--handout', '-o', join(dir, 'out'), '-q']);
    expect(r.code).toBe(0);
    expect(hits).toEqual([]);
    expect(hits).toEqual([]);
  });
});

describe('interrupting a build', () => {
  const big = join(work, 'big');
  mkdirSync(big, { recursive: true });
  // Long enough that its PDFs are still printing when the signal comes (index.html is written first).
  writeFileSync(join(big, 'long.md'), lecture('en', 12));

  /** Processes whose command line mentions `marker` (the run's own TMPDIR, so its Chromium profile). */
  const processesWith = (marker: string) =>
    readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
        } catch {
          return false;
        }
      });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s mid-export kills Chromium, leaves no partial deck, and exits %i', async (signal, code) => {
    // A short name: Chromium's lock socket path under it may not exceed 107 bytes.
    const tmp = testDir('lt-');
    const out = join(work, `out-${signal}`);
    const child = spawn(process.execPath, [join(root, 'bin', 'lectern.js'), 'build', join(big, 'long.md'), '--pdf', '--handout', '-o', out], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Wait for the progress line saying index.html is written to the temporary folder: by then
    // Chromium has been started for the deck (it is warmed before the deck is planned).
    const written = new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (/index\.html \(/.test(stderr)) resolve();
      });
      void exited.then(() => resolve());
    });
    await written;
    expect(child.exitCode, stderr).toBe(null);
    expect(processesWith(tmp).length, stderr).toBeGreaterThan(0);
    expect(walk(out).some((f) => /^\.lectern-tmp-[^/]+\/index\.html$/.test(f))).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toContain(`interrupted by ${signal}`);
    expect(walk(out).filter((f) => f.endsWith('.pdf') || f.includes('.lectern-tmp') || f.includes('.part'))).toEqual([]);
    // Chromium and its helpers die with the run; its profile goes too.
    // (Killed processes can take a moment to go on a loaded machine; give them up to 30 s.)
    for (let i = 0; i < 600 && (processesWith(tmp).length || readdirSync(tmp).length); i++) await new Promise((r) => setTimeout(r, 50));
    // On failure, say what was left: the processes' command lines and the files.
    const left = processesWith(tmp).flatMap((p) => {
      try {
        return [readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 200)];
      } catch {
        return []; // gone meanwhile
      }
    });
    expect(left).toEqual([]);
    expect(walk(tmp)).toEqual([]);
  });
});

describe('a long deck', () => {
  it('prints its slides and its handout one after the other, and both are complete', async () => {
    const dir = testDir('lectern-long-');
    const input = join(dir, 'long.md');
    // A title slide and 151 authored slides of a line each: over the threshold at the least cost.
    writeFileSync(input, '# Many Slides\n' + Array.from({ length: 151 }, (_, i) => `\n---\n\n## Slide ${i + 1}\n\nLine ${i + 1}.\n`).join(''));
    const slides = JSON.parse((await shared(['plan', input, '--json', '-q'])).stdout).slides.length;
    expect(slides).toBeGreaterThan(CONCURRENT_PRINT_MAX_SLIDES);
    const r = await shared(['build', input, '--pdf', '--handout', '6up', '-o', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    // Without a terminal, one line per file as it is written: the slides PDF comes first.
    expect(r.stderr.indexOf('slides.pdf')).toBeLessThan(r.stderr.indexOf('handout.pdf'));
    expect(pdfPages(join(dir, 'out', 'long', 'slides.pdf'))).toBe(slides);
    expect(pdfPages(join(dir, 'out', 'long', 'handout.pdf'))).toBe(Math.ceil(slides / 6));
  });
});
