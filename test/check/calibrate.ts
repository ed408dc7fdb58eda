/**
 * Re-derives the glyph widths behind the planner's layout model (src/plan/budgets.ts).
 *
 *   npx tsx test/check/calibrate.ts
 *
 * Method: Chromium (the one `lectern check` uses, started with `--font-render-hinting=none`
 * as for the PDF) loads the bundled Noto Sans SC subsets (weights 400 and 700) from the font
 * package; for each printable ASCII character a `white-space: pre` span of 40 copies at
 * 100px is measured with `getBoundingClientRect()` and the width divided by 4000 gives the
 * advance in em (averaging away sub-pixel rounding). The run is set with `font-kerning: none`:
 * Noto Sans SC kerns some pairs of the same character (tt, cc, AA, CC, JJ, SS, ZZ by 0.02–0.05em),
 * and a run of them measured a 't' narrower than any 't' in a word, so English lines were
 * predicted a few px short and a line the model filled to its last pixel wrapped on the slide
 * (one line more than planned). Kerning between other pairs only narrows text, which errs on
 * the safe side. Han characters, CJK punctuation and full-width forms are
 * checked to be exactly 1em. The monospace code font (DejaVu Sans Mono) is measured the same
 * way. The script prints the `LATIN_400`, `LATIN_700` strings (thousandths of an em, comma-
 * separated, one number per character from U+0020 to U+007E) and `MONO_EM` to paste into
 * budgets.ts. test/check/calibration.test.ts then checks the whole model (wrapping, line
 * heights, template geometry) against the real rendered slides.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserSession } from '../../src/browser/launch.js';
import { fontFaces } from '../../src/render/fonts.js';

const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const cjk = ['中', '国', '创', '新', '，', '。', '？', '！', '、', '：', '；', '“', '”', '‘', '’', '（', '）', '《', '》', '「', '」', '—', '…', '·', 'Ａ', '１', 'あ', '한'];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-calibrate-'));
  const faces = fontFaces()
    .map((f) => `@font-face{font-family:'Noto Sans SC';font-weight:${f.weight};src:url(${pathToFileURL(f.file).href}) format('woff2');unicode-range:${f.ranges.map(([a, b]) => `U+${a.toString(16)}-${b.toString(16)}`).join(',')};}`)
    .join('\n');
  // One span per character and weight; `font-synthesis: none` so a missing weight shows up as a mismatch; unkerned (see above).
  const spans = (family: string, weight: number, chars: string[]) =>
    chars.map((c) => `<span data-k="${family}|${weight}|${c.codePointAt(0)}" style="font-family:${family};font-weight:${weight};font-kerning:none">${escape(c.repeat(40))}</span>`).join('<br>');
  // CJK punctuation in running text: alternating with a Han character, since two punctuation
  // marks in a row are set half-width (Chromium's text-spacing-trim), and at a line's end.
  const inText = (weight: number, chars: string[]) =>
    chars.map((c) => `<span data-k="ctx|${weight}|${c.codePointAt(0)}" style="font-family:'Noto Sans SC';font-weight:${weight}">${escape(('中' + c).repeat(40))}</span>`).join('<br>');
  // Punctuation shared with Chinese, in English text: Noto Sans SC draws curly quotes and the
  // apostrophe full-width, so English decks turn on the font's half-width forms ('halt', see
  // base.css); measured with that setting.
  const inEnglish = (chars: string[]) =>
    chars.map((c) => `<span lang="en" data-k="en|400|${c.codePointAt(0)}" style="font-family:'Noto Sans SC';font-feature-settings:'halt'">${escape(('n' + c).repeat(40))}</span>`).join('<br>');
  const html = `<!doctype html><meta charset="utf-8"><style>${faces}
body{margin:0;font-size:100px;font-synthesis:none;white-space:pre;font-kerning:normal}</style><body>
${spans("'Noto Sans SC'", 400, [...ascii, ...cjk])}<br>${spans("'Noto Sans SC'", 700, [...ascii, ...cjk])}<br>${spans("'DejaVu Sans Mono', monospace", 400, ['M', 'i', '中'])}<br>${inText(400, cjk)}<br>${inText(700, cjk)}<br>${inEnglish(['’', '‘', '“', '”', '—', '…', '·'])}`;
  const file = join(dir, 'calibrate.html');
  writeFileSync(file, html);
  const session = browserSession({ env: process.env, timeoutMs: 60_000 });
  try {
    const widths = await session.withPage(async (page) => {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      return (await page.evaluate(`Object.fromEntries([...document.querySelectorAll('span[data-k]')].map((s) => [s.dataset.k, s.getBoundingClientRect().width / 4000]))`)) as Record<string, number>;
    });
    const table = (weight: number) => ascii.map((c) => Math.round(widths[`'Noto Sans SC'|${weight}|${c.codePointAt(0)}`] * 1000)).join(',');
    console.log(`const LATIN_400 = '${table(400)}';`);
    console.log(`const LATIN_700 = '${table(700)}';`);
    const mono = widths[`'DejaVu Sans Mono', monospace|400|${'M'.codePointAt(0)}`];
    console.log(`const MONO_EM = ${mono.toFixed(3)};`);
    for (const w of [400, 700]) {
      // Width in running text: one (中 + c) pair, less the Han character.
      const em = (c: string) => widths[`ctx|${w}|${c.codePointAt(0)}`] - widths[`'Noto Sans SC'|${w}|${'中'.codePointAt(0)}`];
      const off = cjk.filter((c) => Math.abs(em(c) - 1) > 0.001);
      console.log(`// weight ${w}: CJK characters not 1em wide in running text: ${off.length ? off.map((c) => `${c}=${em(c).toFixed(3)}`).join(' ') : 'none'}`);
    }
    const n = widths[`'Noto Sans SC'|400|${'n'.codePointAt(0)}`];
    console.log(`// in English text with 'halt': ${['’', '‘', '“', '”', '—', '…', '·'].map((c) => `${c}=${(widths[`en|400|${c.codePointAt(0)}`] - n).toFixed(3)}`).join(' ')}`);
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

await main();
