import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lectern } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';
import { cases, listAll, talk } from './bad-input-cases.js';

describe('bad input: one line naming the file and what to do, a non-zero exit, nothing half-written', () => {
  it.each(cases)('$name', (c) => {
    const dir = testDir('lectern-bad-');
    const args = c.setup(dir);
    const hasOut = args.includes('-o');
    const r = lectern([c.command ?? 'build', ...args, ...(hasOut || c.command === 'plan' ? [] : ['-o', 'out']), '-q'], dir);
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

  it('reads front matter that is never closed and runs into prose leniently: one warning, the deck builds', () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, 'talk.md'), `---\ntitle: A Talk\n\n${talk}`);
    const r = lectern(['build', 'talk.md', '-o', 'out'], dir);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toEqual(['talk.md:1: warning: front matter has no closing --- line and runs into the text; its "key: value" lines were read as metadata and the rest as the body']);
    expect(readdirSync(join(dir, 'out'))).toEqual(['talk']);
  });

  it('reads a rule followed by a transcript label as content, not as open front matter', () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, 'chat.md'), '---\nQ: Why do old bridges last?\nA: Because they were built heavy, and nobody knew the loads.\n');
    expect(lectern(['plan', 'chat.md', '-q'], dir).code).toBe(0);
  });

  it('names a file with line breaks in one line', () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, 'two\nlines.md'), '');
    const r = lectern(['build', 'two\nlines.md', '-o', 'out', '-q'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('builds an input whose name is only dots into deck/, never into the parent folder', () => {
    const dir = testDir('lectern-bad-');
    writeFileSync(join(dir, '...md'), talk);
    const r = lectern(['build', '...md', '-o', 'out', '-q'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['deck']);
    expect(readdirSync(dir).sort()).toEqual(['...md', 'out']);
  });
});
