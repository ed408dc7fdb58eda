import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectInputs, deckName } from '../../src/pipeline.js';
import { hasSeed, lectern, lecternHere, root, seedPath } from '../helpers/cli.js';
import { fileDir, testDir } from '../helpers/temp.js';

/**
 * The same input built twice, into two output roots, once from the project folder with a
 * relative path and once from elsewhere with an absolute one, gives byte-identical files:
 * index.html, every asset, both PDFs (of content/'s samples), and the plan JSON.
 */
const samples = readdirSync(join(root, 'content'))
  .filter((f) => /\.(md|txt)$/.test(f) && !/^readme/i.test(f))
  .map((f) => join(root, 'content', f));
const inputs = [...(hasSeed ? [seedPath] : []), ...samples];

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** Files that differ between two deck folders (or exist in only one). */
function differing(a: string, b: string, which: (f: string) => boolean): string[] {
  const fa = files(a).filter(which);
  const fb = files(b).filter(which);
  const names = [...new Set([...fa, ...fb])].sort();
  return names.filter((f) => !fa.includes(f) || !fb.includes(f) || !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

const isPdf = (f: string) => f.endsWith('.pdf');

if (!hasSeed) {
  describe.skip(`determinism: the seed article is absent (${seedPath}), so only content/ is checked`, () => {
    it('seed article', () => undefined);
  });
}

// Both runs build every input at once, on one browser each (as a user's run would): once in
// this process from the project folder with relative paths, once in a process of its own from
// elsewhere with absolute ones, so nothing one process holds (a cache, a seed) can make the
// second run repeat the first. Each run builds every input's HTML, and prints, slides and
// handout, content/'s samples (Latin and CJK with their fonts and pictures); the seed article
// (a CJK transcript, present only when ../shared is) shows nothing in print that the CJK
// sample does not.
const work = fileDir('lectern-det-');
const elsewhere = fileDir('lectern-cwd-');
const excerpts = samples;
let runs: { code: number; stderr: string }[] = [];
beforeAll(async () => {
  const build = (files: string[], out: string, pdf: boolean) => ['build', ...files, '-o', out, ...(pdf ? ['--pdf', '--handout'] : []), '-q'];
  const b = relative(elsewhere, join(work, 'b'));
  runs = [
    await lecternHere(build(inputs.map((f) => relative(root, f)), join(work, 'a'), false), root),
    await lecternHere(build(excerpts.map((f) => relative(root, f)), join(work, 'a-print'), true), root),
    lectern(build(inputs, b, false), elsewhere),
    lectern(build(excerpts, `${b}-print`, true), elsewhere),
  ];
});

describe.each(inputs.map((f) => [relative(root, f), f]))('determinism: %s', (_rel, abs) => {
  const a = join(work, 'a', deckName(abs));
  const b = join(work, 'b', deckName(abs));

  it('builds both times', () => {
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(files(a)).toContain('index.html');
  });

  it('writes byte-identical index.html and assets', () => {
    expect(files(a)).toEqual(files(b));
    expect(differing(a, b, () => true)).toEqual([]);
  });

  // In this process (main() in each working folder): the plan needs no browser, and a process
  // each cost more than the plan itself.
  it('prints the same plan JSON from any folder', async () => {
    const p1 = await lecternHere(['plan', abs, '--json', '-q'], root);
    const p2 = await lecternHere(['plan', abs, '--json', '-q'], elsewhere);
    expect(p1.code).toBe(0);
    expect(p2.stdout).toBe(p1.stdout);
  });
});

describe.each(excerpts.map((f) => [basename(f), f]))('determinism in print: content/%s', (_name, abs) => {
  const a = join(work, 'a-print', deckName(abs));
  const b = join(work, 'b-print', deckName(abs));

  it('writes byte-identical slides.pdf and handout.pdf, index.html and assets', () => {
    expect(files(a).filter(isPdf)).toEqual(['handout.pdf', 'slides.pdf']);
    expect(files(a)).toEqual(files(b));
    expect(differing(a, b, () => true)).toEqual([]);
  });
});

describe('determinism: input order', () => {
  it('lists a folder in name order, whatever order its files were made in', () => {
    const dir = testDir('lectern-order-');
    for (const name of ['zeta.md', 'Alpha.md', 'mid.txt', 'beta.md', '10.md', '9.md']) writeFileSync(join(dir, name), '# T\n\n## S\n\nSome prose.\n');
    const { files: found } = collectInputs([dir]);
    expect(found.map((f) => basename(f))).toEqual(['10.md', '9.md', 'Alpha.md', 'beta.md', 'mid.txt', 'zeta.md']);
  });

  // HTML-only builds, in this process: the order is the run's, not the process's.
  it('builds the same decks from a folder, from files in reverse order, and one by one', async () => {
    const work = testDir('lectern-order-');
    const src = join(work, 'content');
    mkdirSync(src);
    cpSync(join(root, 'content'), src, { recursive: true });
    const names = samples.map((f) => basename(f));
    expect((await lecternHere(['build', src, '-o', join(work, 'folder'), '-q', '--parallel', '2'], work)).code).toBe(0);
    expect((await lecternHere(['build', ...names.map((n) => join(src, n)).reverse(), '-o', join(work, 'reverse'), '-q', '--parallel', '2'], work)).code).toBe(0);
    for (const n of names) expect((await lecternHere(['build', join(src, n), '-o', join(work, 'single'), '-q'], work)).code).toBe(0);
    for (const n of names) {
      const deck = deckName(n);
      expect(differing(join(work, 'folder', deck), join(work, 'reverse', deck), () => true)).toEqual([]);
      expect(differing(join(work, 'folder', deck), join(work, 'single', deck), () => true)).toEqual([]);
    }
  });
});
