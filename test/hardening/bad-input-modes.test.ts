import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { main } from '../../src/cli.js';
import { build } from '../../src/run.js';
import { lecternHere, root } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';
import { cases, listAll, talk } from './bad-input-cases.js';

/**
 * The bad-input table of bad-input.test.ts, in every mode that may start Chromium: a content
 * error is the same one line and exit code as the HTML-only build, whatever outputs were asked
 * for, and `serve` too; nothing is written, and no browser process is left behind.
 */

/** Processes whose command line or environment names `dir`: a browser this run left running. */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1');
      if (cmd.includes(dir) || env.includes(dir)) found.push(`${pid}: ${cmd.replaceAll('\0', ' ').slice(0, 120)}`);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** Runs the CLI in `cwd` with a private TMPDIR, so what it leaves there and what it left running can be seen. */
function run(args: string[], cwd: string, tmp: string): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'lectern.js'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    // serve never ends on good input; on bad input it must end by itself (the test's timeout otherwise).
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The inputs the issue saw crash every browser mode: these run as real processes in every mode. */
const spawned = new Set(['empty file', 'malformed front matter', 'unknown theme in front matter']);

const modes = [
  { name: 'build --pdf', args: (a: string[]) => ['build', ...a, '--pdf', '-o', 'out'] },
  { name: 'build --pdf --handout 3up', args: (a: string[]) => ['build', ...a, '--pdf', '--handout', '3up', '-o', 'out'] },
  { name: 'build --handout', args: (a: string[]) => ['build', ...a, '--handout', '-o', 'out'] },
  { name: 'check', args: (a: string[]) => ['check', ...a] },
  { name: 'serve', args: (a: string[]) => ['serve', ...a, '--port', '0'] },
] as const;

/** Cases about the input itself (not the output folder), which every mode reads the same way. */
const inputCases = cases.filter((c) => c.command === undefined && c.out === undefined && c.after === undefined);
/** serve takes one file, and no build-only options. */
const servable = (args: string[]) => args.filter((a) => !a.startsWith('-')).length === 1 && !args.includes('--handout');

describe('bad input in every mode: the HTML build\'s line and exit code, no browser left, nothing written', () => {
  it('runs the issue\'s crashing inputs as real processes', () => {
    // A renamed case would silently move its cells in-process.
    expect(inputCases.filter((c) => spawned.has(c.name))).toHaveLength(spawned.size);
  });

  it.each(inputCases)('$name', async (c) => {
    const dir = testDir('lectern-modes-');
    const tmp = join(dir, '.tmp');
    mkdirSync(tmp);
    const args = c.setup(dir);
    const before = listAll(dir);
    // The HTML-only build is the reference line; test/hardening/bad-input.test.ts checks it for
    // every case. It runs in this process: the cells below are what runs as processes.
    const html = await lecternHere(['build', ...args, '-o', 'out', '-q'], dir, tmp);
    expect(html.code).toBe(c.code);
    // A mode that sets --handout itself would override the case's own --handout.
    const chosen = modes.filter((m) => (m.name !== 'serve' || servable(args)) && !(args.includes('--handout') && m.name.includes('--handout')));
    const results: { name: string; r: Awaited<ReturnType<typeof run>> }[] = [];
    if (spawned.has(c.name)) {
      // Two at a time, as the suite's own workers do.
      for (let i = 0; i < chosen.length; i += 2) {
        results.push(...(await Promise.all(chosen.slice(i, i + 2).map(async (m) => ({ name: m.name, r: await run([...m.args(args), '-q'], dir, tmp) })))));
      }
    } else {
      for (const m of chosen) results.push({ name: m.name, r: await lecternHere([...m.args(args), '-q'], dir, tmp) });
    }
    for (const { name, r } of results) {
      const where = `${name}: ${r.stderr}`;
      expect(r.code, where).toBe(html.code);
      expect(r.stderr, where).not.toMatch(/^\s+at /m);
      expect(r.stderr, where).not.toMatch(/internal error|Error:/);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, where).toHaveLength(1);
      expect(lines[0], where).toMatch(/^lectern: \S/);
      // The same message as the HTML build (serve words a folder or a missing file its own way).
      if (name !== 'serve') expect(r.stderr, where).toBe(html.stderr);
      expect(r.stdout, where).toBe('');
    }
    expect(listAll(dir).filter((f) => !f.startsWith('.tmp'))).toEqual(before.filter((f) => !f.startsWith('.tmp')));
    expect(readdirSync(tmp)).toEqual([]);
    expect(processesUsing(tmp)).toEqual([]);
  });
});

describe('an error while Chromium is busy ends the run cleanly', () => {
  /** Runs `fn` with TMPDIR set to a fresh folder (Chromium's profile goes there), restored after. */
  async function withTmp<T>(fn: (dir: string, tmp: string) => Promise<T>): Promise<{ value: T; tmp: string }> {
    const dir = testDir('lectern-modes-');
    const tmp = join(dir, '.tmp');
    mkdirSync(tmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      return { value: await fn(dir, tmp), tmp };
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  }

  it('an input that fails while another deck\'s page is loading: that deck is built, the run reports the error, no browser is left', async () => {
    const { value, tmp } = await withTmp(async (dir) => {
      writeFileSync(join(dir, 'first.md'), talk);
      writeFileSync(join(dir, 'second.md'), talk.replace('# A Talk', '# Another Talk'));
      const events: string[] = [];
      const r = await build([join(dir, 'first.md'), join(dir, 'second.md')], { outDir: join(dir, 'out'), pdf: true, quiet: true, parallel: 2 }, {
        onEvent: (e) => {
          if (e.type === 'output') events.push(`${e.file.split('/').at(-1)} ${e.output}`);
          // The second deck's HTML is written just after the first deck's page began to load.
          if (e.type === 'output' && e.output === 'index.html' && e.file.endsWith('second.md')) {
            throw new LecternError('CONTENT', 'second.md: a content error raised while the other deck loads', { file: 'second.md' });
          }
        },
      });
      return { ...r, events, out: readdirSync(join(dir, 'out')) };
    });
    expect(value.events.slice(0, 2)).toEqual(['first.md index.html', 'second.md index.html']);
    expect(value.failures.map((f) => f.error.message)).toEqual(['second.md: a content error raised while the other deck loads']);
    expect(value.results.map((r) => r.slides > 0)).toEqual([true]);
    expect(value.out).toEqual(['first']);
    expect(readdirSync(tmp)).toEqual([]);
    expect(processesUsing(tmp)).toEqual([]);
  });

  it('an error while the handout still prints: the run fails with it, the deck is not swapped in, no browser is left', async () => {
    const { value, tmp } = await withTmp(async (dir) => {
      writeFileSync(join(dir, 'talk.md'), talk);
      const seen: string[] = [];
      const r = await build([join(dir, 'talk.md')], { outDir: join(dir, 'out'), pdf: true, handout: 'notes', quiet: true }, {
        onEvent: (e) => {
          if (e.type !== 'output') return;
          seen.push(e.output);
          // Both PDFs print at once; the first one done fails while the other is still printing.
          if (e.output !== 'index.html' && seen.filter((o) => o !== 'index.html').length === 1) {
            throw new LecternError('OUTPUT', `talk.md: ${e.output} could not be kept`, { file: 'talk.md' });
          }
        },
      });
      return { ...r, seen, out: existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : [] };
    });
    expect(value.failures).toHaveLength(1);
    expect(value.failures[0].error.message).toMatch(/^talk\.md: (slides|handout)\.pdf could not be kept$/);
    expect(value.results).toEqual([]);
    expect(value.out).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    expect(processesUsing(tmp)).toEqual([]);
  });
});
