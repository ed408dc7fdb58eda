import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { openForCheck } from '../../src/check/open.js';
import { TEXT_PICTOGRAPHS } from '../../src/render/fonts.js';
import { lecternHere, poppler, root, sharedBrowser } from '../helpers/cli.js';
import { fileDir } from '../helpers/temp.js';

/**
 * Issue #16, "Emoji render", "Code uses a bundled monospace font" and "Body text wraps like the
 * titles do", end to end: a Chinese fixture with emoji, body text, a table and a long indented
 * code line, built with --pdf and --handout, read back from the PDFs and measured in Chromium.
 */
const fixture = join(root, 'test', 'fixtures', 'fonts-wrap');
const out = fileDir('lectern-fonts-wrap-');
const deck = join(out, 'garden');
// The build and the check run in this process (the CLI's main()) on the browser the
// measurements use: one Chromium for the file.
const session = sharedBrowser();
const lectern = (args: string[]) => lecternHere(args, root, undefined, session);
let build: Awaited<ReturnType<typeof lectern>>;

beforeAll(async () => {
  build = await lectern(['build', fixture, '--pdf', '--handout', '3up', '-o', out]);
});

/** Font names in a PDF as pdffonts lists them, subset prefixes dropped, with their types. */
const pdfFonts = (file: string) =>
  poppler('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.replace(/^[A-Z]{6}\+/, ''));

describe('emoji and code fonts in the PDFs', () => {
  it('builds the fixture', () => {
    expect(build.code, build.stderr).toBe(0);
  });

  it.each(['slides.pdf', 'handout.pdf'])('%s embeds Noto Emoji and JetBrains Mono as outlines, and no system font', (name) => {
    const fonts = pdfFonts(join(deck, name));
    expect(fonts.some((f) => /^NotoEmoji-Regular\s+CID TrueType/.test(f)), fonts.join('\n')).toBe(true);
    expect(fonts.some((f) => /^JetBrainsMono-Regular\s/.test(f))).toBe(true);
    for (const f of fonts) {
      expect(f).not.toMatch(/DejaVu|Liberation|NotoSansCJK|NotoColorEmoji|Type 3/);
      expect(f).toMatch(/^(NotoSansSC|NotoEmoji|JetBrainsMono)/);
    }
  });

  it('has the emoji as text in the PDF, and inline code set in the code font', () => {
    const text = poppler('pdftotext', [join(deck, 'slides.pdf'), '-']);
    for (const e of ['🚧', '👎', '🎉', '⏱', '🌱']) expect(text).toContain(e);
    expect(text).toContain('pip install garden-reminder');
  });

  it('ships only the emoji subsets the slides use', () => {
    // Five emoji on the slides (🌱 🚧 👎 🎉 ⏱), no flags: at most a subset each, and not the flags' subset.
    const emoji = readdirSync(join(deck, 'fonts')).filter((f) => f.startsWith('noto-emoji-'));
    expect(emoji.length).toBeGreaterThan(0);
    expect(emoji.length).toBeLessThanOrEqual(5);
    expect(emoji).not.toContain('noto-emoji-0-400-normal.woff2');
    for (const f of emoji) expect(statSync(join(deck, 'fonts', f)).size).toBeLessThan(120_000);
  });

  it('lectern check finds no tofu and no overflow', async () => {
    const r = await lectern(['check', join(fixture, 'garden.md'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [report] = JSON.parse(r.stdout) as { slides: { problems: { kind: string; message: string }[] }[] }[];
    const problems = report.slides.flatMap((s) => s.problems).filter((p) => p.kind === 'tofu' || p.kind === 'overflow');
    expect(problems).toEqual([]);
  });

  it('lists exactly the pictographs Noto Sans SC has as drawn by the text face', () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json')), 'files');
    const files = readdirSync(dir).filter((n) => /-400-normal\.woff2$/.test(n));
    // One fc-query for all the subsets (a process each cost seconds): a line per file read.
    const r = spawnSync('fc-query', ['--format', '%{file}\t%{charset}\n', ...files.map((f) => join(dir, f))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) return void console.warn('fc-query is not installed: the list of text pictographs is not checked');
    const lines = r.stdout.split('\n').filter(Boolean);
    // Every subset read, none skipped (fc-query leaves out a file it cannot read).
    expect(new Set(lines.map((l) => l.slice(0, l.lastIndexOf('\t')))).size).toBe(files.length);
    const has = new Set<number>();
    for (const line of lines) {
      for (const part of line.slice(line.lastIndexOf('\t') + 1).trim().split(/\s+/).filter(Boolean)) {
        const [a, b] = part.split('-').map((x) => parseInt(x, 16));
        for (let cp = a; cp <= (b ?? a); cp++) has.add(cp);
      }
    }
    const pictograph = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}\u20e3]/u;
    const drawn = [...has].filter((cp) => cp >= 0x80 && pictograph.test(String.fromCodePoint(cp))).sort((a, b) => a - b);
    const listed = TEXT_PICTOGRAPHS.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, k) => lo + k));
    expect(listed).toEqual(drawn);
  });
});

describe('line breaks in the rendered slides', () => {
  interface Measured {
    /** Words cut by a line break: the element's text and the word. */
    cut: { where: string; word: string }[];
    /** Elements with Chinese text that took more than one line. */
    wrapped: number;
    /** The wrapped code line: x of its first visible character, and of each continuation's first. */
    code?: { first: number; next: number[]; ch: number };
  }

  it('breaks no Chinese word across lines, and hangs a wrapped code line under its indent', async () => {
    expect(build.code, build.stderr).toBe(0);
    const seen = await session.withPage(async (page) => {
      await openForCheck(page, join(deck, 'index.html'));
      return page.evaluate((): Measured => {
        const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
        const han = /\p{Script=Han}/u;
        // Each character of an element's text with the top of the line box it is set on.
        const chars = (el: Element) => {
          const out: { ch: string; top: number; left: number }[] = [];
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
            for (let i = 0; i < n.data.length; i++) {
              const r = document.createRange();
              r.setStart(n, i);
              r.setEnd(n, i + 1);
              const rect = [...r.getClientRects()].find((b) => b.width > 0);
              out.push({ ch: n.data[i], top: rect ? Math.round(rect.top) : NaN, left: rect ? rect.left : NaN });
            }
          }
          return out;
        };
        const result: Measured = { cut: [], wrapped: 0 };
        for (const el of document.querySelectorAll('.lt-frame :is(li, p, td, th, h1, h2)')) {
          if (el.closest('pre, code') || !han.test(el.textContent ?? '')) continue;
          const cs = chars(el);
          const text = cs.map((c) => c.ch).join('');
          if (new Set(cs.filter((c) => !Number.isNaN(c.top) && c.ch.trim()).map((c) => c.top)).size > 1) result.wrapped++;
          for (const s of segmenter.segment(text)) {
            if (!s.isWordLike || !han.test(s.segment)) continue;
            const tops = new Set(cs.slice(s.index, s.index + s.segment.length).map((c) => c.top));
            if (tops.size > 1) result.cut.push({ where: text.slice(0, 30), word: s.segment });
          }
        }
        const line = [...document.querySelectorAll('.lt-code .lt-line')].find((l) => (l.textContent ?? '').includes('send_message'));
        if (line) {
          const cs = chars(line);
          const start = cs.findIndex((c) => c.ch.trim());
          const tops = [...new Set(cs.map((c) => c.top))];
          const probe = document.createElement('span');
          probe.textContent = '0000000000';
          line.append(probe);
          const ch = probe.getBoundingClientRect().width / 10;
          probe.remove();
          result.code = { first: cs[start].left, next: tops.slice(1).map((t) => cs.find((c) => c.top === t)!.left), ch };
        }
        return result;
      });
    });
    expect(seen.wrapped).toBeGreaterThanOrEqual(4);
    expect(seen.cut).toEqual([]);
    expect(seen.code, 'the long code line').toBeDefined();
    const { first, next, ch } = seen.code!;
    expect(next.length).toBeGreaterThan(0);
    // Continuations start 2ch in from the line's own first character, not at column 0.
    for (const x of next) expect(x - first).toBeCloseTo(2 * ch, 0);
  });
});
