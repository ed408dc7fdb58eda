/**
 * The built-in templates as `npm run build` precompiles them (dist/, scripts/precompile-templates.mjs)
 * against the same templates compiled from their text (src/, where there is no precompiled file):
 * the same decks, character for character.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/inputs.js';
import { builtInTemplatesDir, precompiledSpec } from '../../src/render/templates.js';
import { root } from '../helpers/cli.js';

const dist = join(root, 'dist');
const built = existsSync(join(dist, 'render', 'templates.precompiled.cjs'));

describe.skipIf(!built)('precompiled built-in templates (run npm run build first)', () => {
  it('exist for every built-in template, and src/ compiles its own', async () => {
    const templates = (await import(pathToFileURL(join(dist, 'render', 'templates.js')).href)) as typeof import('../../src/render/templates.js');
    const files = ['layout.hbs', 'print.hbs', ...['partials', 'slides'].flatMap((d) => readdirSync(join(builtInTemplatesDir, d)).map((f) => `${d}/${f}`))];
    const { readFileSync } = await import('node:fs');
    for (const rel of files) {
      const file = join(builtInTemplatesDir, rel);
      expect(templates.precompiledSpec(file, readFileSync(file, 'utf8')), rel).toBeDefined();
      // An edited template is compiled from its text, not taken from the build.
      expect(templates.precompiledSpec(file, readFileSync(file, 'utf8') + ' '), rel).toBeUndefined();
      expect(precompiledSpec(file, readFileSync(file, 'utf8')), rel).toBeUndefined();
    }
  });

  for (const sample of ['en-talk.md', 'zh-interview.md']) {
    it(`render ${sample} exactly as the compiled templates do`, async () => {
      const inputs = (await import(pathToFileURL(join(dist, 'inputs.js')).href)) as typeof import('../../src/inputs.js');
      const file = join(root, 'content', sample);
      const a = inputs.prepare(file, { quiet: true }).rendered;
      const b = prepare(file, { quiet: true }).rendered;
      expect(a.html.length).toBeGreaterThan(5000);
      expect(a.html).toBe(b.html);
      expect(a.printHtml).toBe(b.printHtml);
    });
  }
});
