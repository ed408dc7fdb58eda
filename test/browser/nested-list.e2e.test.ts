import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lecternHere, root, sharedBrowser } from '../helpers/cli.js';

/**
 * Issue #16 in Chromium: lecture notes whose list items have sub-items (to three levels,
 * numbered and not) or several paragraphs, in English and Chinese, overflowed their slides
 * (139px and 59px) while the planner measured each item as one run of text. `lectern check`
 * measures the built slides.
 */
describe('lectern check: nested and multi-paragraph list items', () => {
  const files = ['nested-list.md', 'nested-list-zh.md'];
  // One check of both fixtures (one command, as a user would run it), the CLI in this process
  // and its browser shared; each fixture's report is then read on its own.
  const session = sharedBrowser();
  let run: Awaited<ReturnType<typeof lecternHere>>;
  let reports: { file: string; slides: { title?: string; problems: { kind: string; message: string }[] }[] }[];
  beforeAll(async () => {
    run = await lecternHere(['check', '--json', ...files.map((f) => join('test', 'fixtures', 'plan', f))], root, undefined, session);
    reports = JSON.parse(run.stdout) as typeof reports;
  });

  it('checks both fixtures; exit 0', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(reports.map((r) => r.file.replace(/^.*[\\/]/, '')).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s: no slide overflows', (file) => {
    const deck = reports.find((r) => r.file.replace(/^.*[\\/]/, '') === file)!;
    expect(deck, file).toBeDefined();
    const overflow = deck.slides.flatMap((s) => s.problems.filter((p) => p.kind === 'overflow').map((p) => `${s.title}: ${p.message}`));
    expect(overflow).toEqual([]);
    // The lists went on (cont.) slides rather than being cut or shrunk away.
    expect(deck.slides.filter((s) => /\(cont\.\)|（续）/.test(s.title ?? '')).length).toBeGreaterThanOrEqual(2);
  });
});
