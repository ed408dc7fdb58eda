import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/cli.js';

/**
 * Data flows ingest → plan → render → export; no stage imports from a later one. The shared
 * ground (model, text, config, html, errors, paths, version) imports no stage at all, and the browser
 * session belongs to no stage: export and check both use it.
 */
const stages = ['ingest', 'plan', 'render', 'export'] as const;
const ground = ['model', 'text', 'config', 'html'];
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The top-level folder of `src/` a file or an import lies in ('' for files directly in src/). */
function area(file: string): string {
  const rel = relative(src, file).split(/[\\/]/);
  return rel.length > 1 ? rel[0] : '';
}

/** Every relative import of a file, resolved to the `src/` area it reaches. */
function importsOf(file: string): { spec: string; area: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => {
    const spec = m[1] ?? m[2];
    return { spec, area: area(join(file, '..', spec)) };
  });
}

describe('layers', () => {
  const all = files(src);

  it.each(stages.map((s, i) => ({ stage: s, later: stages.slice(i + 1) })))('$stage imports no later stage', ({ stage, later }) => {
    const bad = all.filter((f) => area(f) === stage).flatMap((f) => importsOf(f).filter((i) => (later as readonly string[]).includes(i.area)).map((i) => `${relative(src, f)} → ${i.spec}`));
    expect(bad).toEqual([]);
  });

  it('render and export import nothing from plan, not even a type: what they share is in model', () => {
    const bad = all.filter((f) => area(f) === 'render' || area(f) === 'export').flatMap((f) => importsOf(f).filter((i) => i.area === 'plan').map((i) => `${relative(src, f)} → ${i.spec}`));
    expect(bad).toEqual([]);
  });

  it('model, text, config and html import no stage, browser, check or server', () => {
    const bad = all
      .filter((f) => ground.includes(area(f)))
      .flatMap((f) => importsOf(f).filter((i) => [...stages, 'browser', 'check', 'server'].includes(i.area)).map((i) => `${relative(src, f)} → ${i.spec}`));
    expect(bad).toEqual([]);
  });

  it('the browser session lives in src/browser, used by export and check alike', () => {
    expect(all.some((f) => relative(src, f).startsWith('export/browser'))).toBe(false);
    const users = new Set(all.filter((f) => importsOf(f).some((i) => i.area === 'browser')).map(area));
    expect(users.has('check')).toBe(true);
    expect(users.has('export')).toBe(true);
  });
});
