import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { render } from '../../src/render/index.js';
import { loadTemplates } from '../../src/render/templates.js';

/** A slide for a fixture deck: the plan fields that matter, the rest filled in. */
export type FixtureSlide = Partial<SlidePlan> & { template: string };

/** A built fixture deck: its folder, `index.html`, and the plan it was rendered from. */
export interface FixtureDeck {
  dir: string;
  indexHtml: string;
  plan: DeckPlan;
}

/**
 * Renders a deck with the real templates, theme and fonts from a hand-written plan and writes
 * it to a temporary folder. `files` are written next to the source first (images the slides
 * use); `patch` edits the HTML before it is written (markup Markdown cannot produce).
 */
export function fixtureDeck(
  slides: FixtureSlide[],
  o: { theme?: string; lang?: 'en' | 'zh'; files?: Record<string, string>; patch?: (html: string) => string } = {},
): FixtureDeck {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-check-'));
  const src = join(dir, 'src');
  mkdirSync(src);
  for (const [name, content] of Object.entries(o.files ?? {})) writeFileSync(join(src, name), content);
  const plan: DeckPlan = {
    title: 'Fixture deck',
    lang: o.lang ?? 'en',
    theme: o.theme ?? 'light',
    file: 'fixture.md',
    slides: slides.map((s, i) => ({ section: null, notes: '', seconds: 30, line: i * 10 + 1, ...s })),
    durationMinutes: 1,
    outline: [],
    diagnostics: [],
  };
  const rendered = render(plan, { templates: loadTemplates(), sourceDir: src, width: 1280, height: 720, version: 'test' });
  const out = join(dir, 'deck');
  mkdirSync(out);
  writeFileSync(join(out, 'index.html'), o.patch ? o.patch(rendered.html) : rendered.html);
  for (const f of rendered.files) {
    const target = join(out, f.path);
    mkdirSync(dirname(target), { recursive: true });
    if (f.from) copyFileSync(f.from, target);
    else writeFileSync(target, f.content ?? '');
  }
  return { dir, indexHtml: join(out, 'index.html'), plan };
}

/** A small valid SVG image. */
export const svgImage = '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#3366aa"/></svg>';
