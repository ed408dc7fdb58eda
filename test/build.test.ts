import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lectern, lecternHere, root } from './helpers/cli.js';
import { spawnSync } from 'node:child_process';
import { fakeBrowser } from './helpers/fake-browser.js';
import { testDir } from './helpers/temp.js';

const talk = '# Stale\n\n## One\n\nA paragraph of text for the only section.\n';

describe('buildFile: the browser', () => {
  it('starts no browser for an HTML-only build, and one for --pdf', () => {
    // A stand-in "browser" that only leaves a mark: an HTML build must never run it.
    const dir = testDir('lectern-nobrowser-');
    writeFileSync(join(dir, 'talk.md'), talk);
    const { path: fake, mark } = fakeBrowser(dir);
    const run = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'lectern.js'), 'build', join(dir, 'talk.md'), '-o', join(dir, 'out'), '-q', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CHROME_PATH: fake } });
    expect(run([]).status).toBe(0);
    expect(existsSync(join(dir, 'out', 'talk', 'index.html'))).toBe(true);
    expect(existsSync(mark)).toBe(false);
    // The same stand-in is started (and fails) once a PDF is asked for: the check above could fail.
    expect(run(['--pdf']).status).not.toBe(0);
    expect(existsSync(mark)).toBe(true);
  });
});

describe('buildFile: the output root', () => {
  it('removes temporary deck folders whose build process is gone, and keeps live ones', () => {
    // The input sits beside the output root, not in it: a folder of its own holds both.
    const out = join(testDir('lectern-stale-'), 'out');
    mkdirSync(out);
    const input = join(out, '..', 'talk.md');
    writeFileSync(input, talk);
    const dead = join(out, '.lectern-tmp-talk-999999-abc');
    const live = join(out, `.lectern-tmp-talk-${process.pid}-abc`);
    mkdirSync(dead);
    mkdirSync(live);
    expect(lectern(['build', input, '-o', out, '-q']).code).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  // The output-folder errors below run through main() in this process: their point is the
  // message, exit code and what is left on disk, and a process each costs seconds under load.
  it('fails at once, with one line, for an output folder under /proc', async () => {
    const dir = testDir('lectern-proc-');
    writeFileSync(join(dir, 'talk.md'), talk);
    const r = await lecternHere(['build', join(dir, 'talk.md'), '-o', '/proc/lectern-nope/out'], root);
    expect(r.code).toBe(5);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('leaves no output root behind when the build fails', async () => {
    const dir = testDir('lectern-root-');
    writeFileSync(join(dir, 'talk.md'), talk);
    const r = await lecternHere(['build', join(dir, 'talk.md'), '-o', join(dir, 'new', 'root'), '--css', join(dir, 'missing.css')], root);
    expect(r.code).toBe(3);
    expect(readdirSync(dir)).toEqual(['talk.md']);
  });

  it('refuses an input inside the deck folder even when its name starts with two dots', async () => {
    const out = testDir('lectern-dots-');
    mkdirSync(join(out, 'talk'));
    const input = join(out, 'talk', '..talk.md'); // its deck folder is <out>/talk, where it lives
    writeFileSync(input, talk);
    const r = await lecternHere(['build', input, '-o', out], root);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/would overwrite the input/);
    expect(readFileSync(input, 'utf8')).toBe(talk);
  });
});
