import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { loadDocument } from '../../src/pipeline.js';
import { plan } from '../../src/plan/index.js';
import { hasSeed, root, seedPath } from '../helpers/cli.js';

const corpus = join(root, '..', 'shared', 'corpus');
const hasCorpus = existsSync(corpus);

// The counts issue #17 holds every deck to: no key point ends on a function word or a colon, no
// quote is a URL or a question or ends in ":", and no agenda runs past two slides. Nothing is
// read while vitest collects the tests.
describe.skipIf(!hasCorpus)(hasCorpus ? 'plan review over the shared corpus and the seed' : `plan review over the corpus (skipped: ${corpus} is absent)`, () => {
  it('counts zero bad points and quotes, and at most two agenda slides, in every deck', { timeout: 600_000 }, () => {
    const files = [...readdirSync(corpus).filter((f) => /\.(?:md|qmd|txt)$/u.test(f) && f !== 'SOURCES.md').map((f) => join(corpus, f)), ...(hasSeed ? [seedPath] : [])];
    const bad: string[] = [];
    for (const file of files) {
      const p = plan(loadDocument(file, {}), defaults);
      const r = p.review!;
      if (r.pointsEndingOnFunctionWord || r.quotesThatAreNotStatements || r.agendaSlides > 2) bad.push(`${file}: ${JSON.stringify(r)}`);
      for (const s of p.slides.filter((x) => x.template === 'quote' && x.quote?.choice)) expect(s.quote!.choice!.reasons.length, file).toBeGreaterThan(0);
    }
    expect(bad).toEqual([]);
  });
});
