import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { builtInTemplatesDir } from '../../src/render/templates.js';
import { escapeScript, listenerFixture } from '../browser/listener.js';
import { sharedBrowser } from '../helpers/cli.js';

/**
 * `lectern check` opens the deck it measures as an export does: it may read the deck's own
 * folder and nothing else, and reaches no network, whatever `--css` or a template asks for.
 */
const fixture = listenerFixture('lectern-check-confine-');
const { work } = fixture;
/** One browser for both checks, launched as the CLI launches its own (offline). */
const session = sharedBrowser();

const talk = '---\ntitle: Checked\nlang: en\n---\n\n# Checked\n\n## One\n\nA first section with a few sentences of prose. It says something useful. Then it stops.\n\n![A chart](chart.svg)\n\n## Two\n\nA second section, with a little more prose about the same thing.\n';
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#369"/></svg>';

function deck(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'chart.svg'), svg);
  writeFileSync(join(dir, 'talk.md'), talk);
  return join(dir, 'talk.md');
}

describe('lectern check, confined to the deck it measures', () => {
  it('--css that @imports and url()s from a local server makes no request', async () => {
    const file = deck('css');
    const css = join(work, 'remote.css');
    const at = `http://127.0.0.1:${fixture.listener.port}`;
    writeFileSync(
      css,
      `@import url("${at}/import.css");\n@import "${at}/import2.css";\n@font-face { font-family: Remote; src: url(${at}/font.woff2) format("woff2"); }\n.reveal { background: url("${at}/bg.png"); }\n.reveal h2 { font-family: Remote, sans-serif; }\n.lt-body::after { content: url(${at}/after.svg); }\n`,
    );
    const { results, failures } = await check([file], { userCss: css, quiet: true }, { session });
    expect(failures).toEqual([]);
    expect(fixture.listener.hits).toEqual([]);
    // It still measured the deck, its own image loaded included.
    const report = results[0].report;
    expect(report.slides.length).toBeGreaterThan(2);
    expect(report.slides.flatMap((s) => s.problems).filter((p) => p.kind === 'image')).toEqual([]);
  });

  it('a template that tries every way out reaches nothing, and the check still finishes', async () => {
    const file = deck('templates');
    const templates = join(work, 'escaping-templates');
    mkdirSync(templates, { recursive: true });
    const layout = readFileSync(join(builtInTemplatesDir, 'layout.hbs'), 'utf8');
    writeFileSync(join(templates, 'layout.hbs'), layout.replace('<script src="lib/reveal.js"></script>', `<script>\n${escapeScript(fixture.listener)}\n</script>\n<script src="lib/reveal.js"></script>`));
    // A pop-up in front would stall the page until the check's deadline, which fails the check.
    const { results, failures } = await check([file], { templatesDir: templates, quiet: true }, { session });
    expect(failures).toEqual([]);
    // Lets late attempts (a worker starting, a beacon queued) arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fixture.listener.hits).toEqual([]);
    expect(results[0].report.slides.length).toBeGreaterThan(2);
  });
});
