import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lecternHere } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';
import { cases, listAll, talk } from './bad-input-cases.js';

describe('bad input: one line naming the file and what to do, a non-zero exit, nothing half-written', () => {
  // In this process through the CLI's entry point, as are the tests below the table (none is
  // about the process); bad-input-modes runs the crashing inputs as real processes.
  it.each(cases)('$name', async (c) => {
    const dir = testDir('lectern-bad-');
    const args = c.setup(dir);
    const hasOut = args.includes('-o');
    const r = await lecternHere([c.command ?? 'build', ...args, ...(hasOut || c.command === 'plan' ? [] : ['-o', 'out']), '-q'], dir);
    expect(r.code).toBe(c.code);
    const lines = r.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^lectern: \S/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr.trimEnd()).toMatch(c.stderr);
    if (!hasOut) {
      const out = join(dir, 'out');
      if (c.out === undefined) expect(existsSync(out)).toBe(false);
      else expect(readdirSync(out).sort()).toEqual(c.out);
    }
    expect(listAll(dir).filter((f) => /\.lectern-tmp-|\.lectern-\d+\.tmp/.test(f))).toEqual([]);
    c.after?.(dir);
  });

  it('reads front matter that is never closed and runs into prose leniently: one warning, the deck builds', async () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, 'talk.md'), `---\ntitle: A Talk\n\n${talk}`);
    const r = await lecternHere(['build', 'talk.md', '-o', 'out'], dir);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toEqual(['talk.md:1: warning: front matter has no closing --- line and runs into the text; its "key: value" lines were read as metadata and the rest as the body']);
    expect(readdirSync(join(dir, 'out'))).toEqual(['talk']);
  });

  it('reads a rule followed by a transcript label as content, not as open front matter', async () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, 'chat.md'), '---\nQ: Why do old bridges last?\nA: Because they were built heavy, and nobody knew the loads.\n');
    expect((await lecternHere(['plan', 'chat.md', '-q'], dir)).code).toBe(0);
  });

  // #14's bad transcripts: they build (a deck, no stack trace) rather than fail.
  it.each([
    ['a single speaker', 'single.txt', 'Ana: One thing.\n\nAna: Another thing.\n\nAna: A third thing.\n'],
    ['labels with no text', 'empty.txt', 'Ana:\n\nBo:\n\nAna:\n\nBo:\n'],
    ['thirty speakers', 'panel.txt', Array.from({ length: 90 }, (_, i) => `Speaker ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}${i % 30 >= 26 ? 'x' : ''}: Line ${i} of the talk goes here?`).join('\n\n')],
    ['an FAQ whose answers are empty', 'faq.md', '**Q:** Why?\n\n**A:**\n\n**Q:** How?\n\n**A:**\n'],
    ['exercises whose answer labels have no text', 'drill.md', '## 1. 为什么？\n\n解答：\n\n## 2. 怎么办？\n\n解答：\n\n## 3. 是什么？\n\n答案：\n\n## 4. 在哪里？\n\n解答：\n'],
  ])('builds a transcript with %s', async (_what, name, text) => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, name), text);
    const r = await lecternHere(['build', name, '-o', 'out', '-q'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/^\s+at |Error|internal error/m);
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^\S+:\d+: (?:info|warning): /);
    expect(readdirSync(join(dir, 'out'))).toEqual([name.replace(/\.\w+$/u, '')]);
  });

  it('names a file with line breaks in one line', async () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, 'two\nlines.md'), '');
    const r = await lecternHere(['build', 'two\nlines.md', '-o', 'out', '-q'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('builds an input whose name is only dots into deck/, never into the parent folder', async () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, '...md'), talk);
    const r = await lecternHere(['build', '...md', '-o', 'out', '-q'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['deck']);
    expect(readdirSync(dir).sort()).toEqual(['...md', 'out']);
  });
});
