/**
 * The print view Lectern writes (src/render/print.ts) against reveal.js's own print view
 * (`index.html?print-pdf`): printed in real Chromium, both must give the same PDF, byte for
 * byte, whatever the theme paints the page with. A reveal.js upgrade that changes its print
 * view fails here.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDeck } from '../../src/build.js';
import { themeNames } from '../../src/config/schema.js';
import { browserSession, type BrowserSession } from '../../src/browser/launch.js';
import { exportSlidesPdf } from '../../src/export/pdf.js';
import { prepare } from '../../src/inputs.js';
import { poppler, root } from '../helpers/cli.js';
import { fileDir } from '../helpers/temp.js';

const work = fileDir('lectern-printview-');
let session: BrowserSession;
beforeAll(() => {
  session = browserSession({ env: process.env, timeoutMs: 60_000, pages: 2, offline: true });
});
afterAll(async () => {
  // Set in beforeAll, which does not run when the file fails first: the folder must still go.
  await session?.close();
});

/** Prepares `file` with `flags` into a deck folder and prints it both ways. */
async function bothWays(file: string, flags: Parameters<typeof prepare>[1], name: string): Promise<{ ours: Uint8Array; reveals: Uint8Array; dir: string }> {
  const p = prepare(file, flags);
  expect(p.rendered.printHtml).toBeDefined();
  const dir = join(work, name);
  mkdirSync(dir);
  writeDeck(dir, p.rendered);
  const options = { width: p.config.width, height: p.config.height, plan: p.plan };
  const [ours, reveals] = await Promise.all([
    exportSlidesPdf(session, join(dir, 'index.html'), { ...options, printHtml: p.rendered.printHtml }),
    exportSlidesPdf(session, join(dir, 'index.html'), options),
  ]);
  return { ours, reveals, dir };
}

/**
 * The sample × theme cells printed. A theme is one more stylesheet, the same in both views, and
 * the themes differ only in colour (base.css sets every size): a cell per theme would print the
 * same layout again. What a theme changes in the print view itself is the page background,
 * which the print page's script copies from the body as reveal.js does: the dark theme shows it
 * plainly (a light one is near-white, the contrast one pure white, as an unpainted page is). So
 * each sample once, the English one (its code's token colours too) in the dark theme, the
 * Chinese one (its fonts and line breaking) in the light one.
 */
const cells = [
  ['en-talk.md', 'dark'],
  ['zh-interview.md', 'light'],
] as const satisfies readonly (readonly [string, (typeof themeNames)[number]])[];

describe('the print view', () => {
  for (const [sample, theme] of cells) {
    it(`prints ${sample} in the ${theme} theme exactly as reveal.js’s print view does`, async () => {
      const { ours, reveals, dir } = await bothWays(join(root, 'content', sample), { theme }, `${sample}-${theme}`);
      expect(ours.length).toBeGreaterThan(10_000);
      expect(Buffer.compare(Buffer.from(ours), Buffer.from(reveals))).toBe(0);
      // The temporary print page is gone.
      expect(readdirSync(dir).filter((f) => f.startsWith('.print-'))).toEqual([]);
    });
  }

  it('shows fragments as reveal.js does, a fade-out one hidden, with trusted HTML and user CSS', async () => {
    const src = join(work, 'frag.md');
    writeFileSync(
      src,
      '---\ntitle: Steps\n---\n\n## Steps\n\n<p class="fragment">shown in print</p>\n<p class="fragment fade-out">hidden in print</p>\n<p class="fragment highlight-red">red in print</p>\n<p class=\'fragment\'>single-quoted class</p>\n<p data-x="a>b" class="fragment">a > before the class</p>\n\n- a point\n- another point\n',
    );
    writeFileSync(join(work, 'user.css'), '.reveal .slides section.present h2 { color: rgb(200, 0, 120); }\n');
    const { ours, reveals, dir } = await bothWays(src, { allowHtml: true, userCss: join(work, 'user.css') }, 'frag');
    expect(Buffer.compare(Buffer.from(ours), Buffer.from(reveals))).toBe(0);
    // And the fragments are there, as text on the page (pdftotext), every one but the fade-out one.
    writeFileSync(join(dir, 'ours.pdf'), ours);
    const text = poppler('pdftotext', [join(dir, 'ours.pdf'), '-']);
    for (const shown of ['shown in print', 'red in print', 'single-quoted class', 'a > before the class']) expect(text).toContain(shown);
  });
});
