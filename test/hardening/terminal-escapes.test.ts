import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, formatDiagnostics, printable, type Diagnostic } from '../../src/model/diagnostics.js';
import { lectern } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';

/**
 * Warnings quote the content (image paths, tag names), and the content can hold terminal
 * escapes: `<img src="&#27;]0;PWNED&#7;…">` retitled the window and cleared the screen of
 * whoever ran `lectern build`. Every control character in a diagnostic is printed escaped.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('escapes C0 and C1 controls, DEL, line separators and bidi overrides, and nothing else', () => {
    expect(printable('\u001b]0;PWNED\u0007\u001b[2J\u001b[31mred.png')).toBe('\\u001b]0;PWNED\\u0007\\u001b[2J\\u001b[31mred.png');
    expect(printable('a\nb\tc\rd\u0000e\u007ff\u009bg\u0085h\u2028i\u202ej\u2066k')).toBe('a\\nb\\tc\\rd\\u0000e\\u007ff\\u009bg\\u0085h\\u2028i\\u202ej\\u2066k');
    const plain = 'image 图片/ü café — “quoted” ../a b.png \\ %1b ^[';
    expect(printable(plain)).toBe(plain);
    for (let c = 0; c < 0x3000; c++) expect(CONTROL.test(printable(String.fromCharCode(c))), c.toString(16)).toBe(false);
  });
});

describe('formatDiagnostic(s)', () => {
  const d = (message: string, line?: number, file = 'talk\u001b[1m.md'): Diagnostic => ({ severity: 'warning', message, ...(line ? { pos: { file, line } } : {}) });

  it('prints one line with no control characters, single or folded', () => {
    const m = 'image \u001b]0;PWNED\u0007\u001b[2J.png not found\nsecond line';
    expect(formatDiagnostic(d(m, 3))).toBe('talk\\u001b[1m.md:3: warning: image \\u001b]0;PWNED\\u0007\\u001b[2J.png not found\\nsecond line');
    expect(formatDiagnostic(d(m))).toBe('warning: image \\u001b]0;PWNED\\u0007\\u001b[2J.png not found\\nsecond line');
    const folded = formatDiagnostics([d(m, 3), d(m, 9), d('plain', 4)]);
    expect(folded).toEqual([
      'talk\\u001b[1m.md:3: warning: image \\u001b]0;PWNED\\u0007\\u001b[2J.png not found\\nsecond line (2 times, lines 3, 9)',
      'talk\\u001b[1m.md:4: warning: plain',
    ]);
    for (const line of folded) expect(line).not.toMatch(CONTROL);
  });

  // How long it takes is for `npm run bench`, not for a test on a loaded machine.
  it('folds many identical warnings into one line', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => d('same', i + 1, 'talk.md'));
    const folded = formatDiagnostics(many);
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatch(/^talk\.md:1: warning: same \(50000 times, lines 1, 2, 3, /);
  });
});

describe('lectern build with terminal escapes in the content', () => {
  it('prints warnings without ESC or BEL', () => {
    // Raw control characters make the file "binary"; references decode to them in attributes.
    const dir = testDir('lectern-esc-');
    const md = [
      '# Escapes',
      '',
      '## Images',
      '',
      '<img src="&#27;]0;PWNED&#7;&#27;[2J&#27;[31mred.png">',
      '',
      '<img src="&#x1b;[31mred.png" alt="hex">',
      '',
      '<img src="&#155;2Jc1.png" alt="c1">',
      '',
      '![md](%1B[31mraw.png)',
      '',
      '<img src="../&#27;[2J&#7;/outside.png" alt="outside">',
      '',
      '<img src="https://x.example/&#27;]0;PWNED&#7;.png" alt="remote">',
      '',
      '<img src="&#27;[2Jnot-an-image.txt" alt="txt">',
      '',
      '## Again',
      '',
      '<img src="&#27;]0;PWNED&#7;&#27;[2J&#27;[31mred.png">',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'talk.md'), md);
    const r = lectern(['build', 'talk.md', '-o', 'out'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: image \\u001b\]0;PWNED\\u0007\\u001b\[2J\\u001b\[31mred\.png not found/);
    expect(r.stderr).toMatch(/\(2 times, lines/);
    expect(r.stderr).toMatch(/warning: image \.\.\/\\u001b\[2J\\u0007\/outside\.png is outside the content folder/);
    expect(r.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
  });
});

describe('file names with terminal escapes', () => {
  // A file name may hold any byte but '/' and NUL; printed raw, it is a terminal command.
  const name = 'ta\u001b]0;PWNED\u0007\u001b[2Jlk.md';
  const escaped = 'ta\\u001b]0;PWNED\\u0007\\u001b[2Jlk.md';

  it('are printed escaped in progress lines and in the `built` line', () => {
    const dir = testDir('lectern-esc-name-');
    writeFileSync(join(dir, name), '# Title\n\n## A part\n\nSome prose about the part, enough for a slide.\n');
    const r = lectern(['build', name, '-o', 'out'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${escaped}: index.html (`);
    expect(r.stdout).toMatch(/^built out\/\S+\/index\.html/m);
    expect(r.stderr + r.stdout).not.toMatch(CONTROL_BUT_NEWLINE);
  });

  it('are printed escaped in error lines, a missing file or a failed input among others', () => {
    const dir = testDir('lectern-esc-name-');
    const missing = lectern(['build', name], dir);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(`lectern: ${escaped}: no such file or folder; check the path\n`);
    writeFileSync(join(dir, 'good.md'), '# Good\n\n## A part\n\nSome prose about the part, enough for a slide.\n');
    const some = lectern(['build', 'good.md', name, '-o', 'out', '-q'], dir);
    expect(some.code).toBe(3);
    expect(some.stderr).toContain(`inputs failed: ${escaped}`);
    expect(some.stderr + some.stdout).not.toMatch(CONTROL_BUT_NEWLINE);
  });
});

