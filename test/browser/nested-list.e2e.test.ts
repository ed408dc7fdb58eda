import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lecternHere, root, sharedBrowser } from '../helpers/cli.js';

/**
 * Issue #16 in Chromium: lecture notes whose list items have sub-items (to three levels,
 * numbered and not) or several paragraphs, in English and Chinese, overflowed their slides
 * (139px and 59px) while the planner measured each item as one run of text. `lectern check`
 * measures the built slides.
 */
describe('lectern check: nested and multi-paragraph list items', () => {
  // The CLI in this process, both checks in one browser.
  const session = sharedBrowser();
  it.each(['nested-list.md', 'nested-list-zh.md'])('%s: no slide overflows; exit 0', async (file) => {
    const rel = join('test', 'fixtures', 'plan', file);
    const r = await lecternHere(['check', '--json', rel], root, undefined, session);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [deck] = JSON.parse(r.stdout) as { slides: { title?: string; problems: { kind: string; message: string }[] }[] }[];
    const overflow = deck.slides.flatMap((s) => s.problems.filter((p) => p.kind === 'overflow').map((p) => `${s.title}: ${p.message}`));
    expect(overflow).toEqual([]);
    // The lists went on (cont.) slides rather than being cut or shrunk away.
    expect(deck.slides.filter((s) => /\(cont\.\)|（续）/.test(s.title ?? '')).length).toBeGreaterThanOrEqual(2);
  });
});
