import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lectern, lecternHere, pdfPages, poppler, root, sharedBrowser } from './helpers/cli.js';
import { fileDir, testDir } from './helpers/temp.js';

const dir = fileDir('lectern-cli-');
const talk = join(dir, 'talk.md');
/**
 * Help, version and a usage error run the real process (bin/lectern.js, dist/): that the
 * process prints and exits so. Everything else is about what a command writes and says, and
 * runs in this process (the CLI's main(), the exit code it returns is the process's), the
 * commands that print (check, --handout) on one browser.
 */
const session = sharedBrowser();
const here = (args: string[]) => lecternHere(args, root, undefined, session);
writeFileSync(talk, '---\ntitle: Tiny Talk\n---\n# Tiny Talk\n\n## One\n\nA first section with a few sentences of prose. It says something useful. Then it stops.\n\n## Two\n\n> Small steps add up.\n\n— Lu Wen\n');

describe('lectern CLI', () => {
  it('prints help and version', () => {
    const help = lectern(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/lectern build <inputs\.\.\.>/);
    expect(lectern(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with one line on bad usage', async () => {
    const r = lectern(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await here(['build', '--no-such-flag', talk])).code).toBe(2);
  });

  it('exits 3 naming the file when an input is missing', async () => {
    const r = await here(['build', join(dir, 'missing.md'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('missing.md');
  });

  it('prints the plan as JSON in the documented shape', async () => {
    const r = await here(['plan', talk, '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ title: 'Tiny Talk', lang: 'en' });
    expect(typeof plan.durationMinutes).toBe('number');
    expect(plan.slides.map((s: { template: string }) => s.template)).toEqual(['title', 'agenda', 'points', 'quote', 'closing']);
    const quote = plan.slides.find((s: { template: string }) => s.template === 'quote');
    expect(quote).toMatchObject({ section: 'Two', quote: { text: 'Small steps add up.', by: 'Lu Wen', line: 12 } });
    for (const s of plan.slides) expect(typeof s.notes).toBe('string');
  });

  it('rejects an unknown theme, listing the available ones, and writes nothing', async () => {
    const out = join(dir, 'out-theme');
    const r = await here(['build', talk, '--theme', 'neon', '-o', out]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/unknown theme "neon"; available themes: light, dark, contrast/);
    expect(existsSync(out)).toBe(false);
    expect((await here(['build', talk, '-o', out])).code).toBe(0);
  });
});

describe('lectern outline', () => {
  it('writes editable Markdown that builds to the same plan as the source', async () => {
    const src = join(dir, 'chat.txt');
    writeFileSync(src, 'A CHAT ABOUT BRIDGES\n\nQ: Why do old bridges last so long?\nA: Because they were built heavy. Nobody knew the loads, so they guessed high and kept guessing high for a century.\n\nQ: Is that waste?\nA: Not when the bridge is still standing. I would rather pay once for stone than every year for repairs.\n');
    const outFile = join(dir, 'chat.md');
    const r = await here(['outline', src, '-o', outFile, '-q']);
    expect(r.code).toBe(0);
    const a = JSON.parse((await here(['plan', src, '--json', '-q'])).stdout);
    const b = JSON.parse((await here(['plan', outFile, '--json', '-q'])).stdout);
    const strip = (p: { slides: { template: string; quote?: unknown; question?: unknown; section: string | null }[] }) => p.slides.map((s) => [s.template, s.section, s.quote && (s.quote as { text: string }).text, s.question && (s.question as { text: string }).text]);
    expect(strip(b)).toEqual(strip(a));
    expect(a.slides.some((s: { template: string }) => s.template === 'quote')).toBe(true);
  });
});

describe('lectern check', () => {
  // The samples pass check in every theme: test/check/cli.test.ts.
  it('a wide table fits with autofit; with --no-autofit check flags it, with exit code 7', async () => {
    const wide = join(dir, 'wide.md');
    // Sixteen long rows: about 300px below the slide's bottom edge unless split over (cont.) slides.
    writeFileSync(wide, `# Wide\n\n## Table\n\n| a | b |\n|---|---|\n${Array.from({ length: 16 }, (_, i) => `| row ${i} ${'x'.repeat(60)} | y |`).join('\n')}\n`);
    expect((await here(['check', wide, '-q'])).code).toBe(0);
    const bad = await here(['check', wide, '--no-autofit', '--json', '-q']);
    expect(bad.code).toBe(7);
    const [report] = JSON.parse(bad.stdout);
    const problems = report.slides.flatMap((s: { problems: { kind: string; dy?: number }[] }) => s.problems);
    expect(problems.some((p: { kind: string; dy?: number }) => p.kind === 'overflow' && (p.dy ?? 0) > 0)).toBe(true);
  });
});

describe('lectern build --handout', () => {
  it('writes handout.pdf in the chosen layout next to the deck', async () => {
    const out = join(dir, 'out-handout');
    const r = await here(['build', talk, '--handout', '3up', '--paper', 'letter', '-o', out, '-q']);
    expect(r.code).toBe(0);
    const slides = JSON.parse((await here(['plan', talk, '--json', '-q'])).stdout).slides.length;
    expect(pdfPages(join(out, 'talk', 'handout.pdf'))).toBe(Math.ceil(slides / 3));
    expect(poppler('pdfinfo', [join(out, 'talk', 'handout.pdf')])).toMatch(/Page size:\s+612 x 792/);
    expect((await here(['build', talk, '--handout', 'poster', '-o', out])).code).toBe(2);
  });
});

describe('mapping and templates you can change', () => {
  it('reads lectern.config.json and a templates/ folder next to the content', async () => {
    const proj = testDir('lectern-proj-');
    writeFileSync(join(proj, 'talk.md'), '# Custom\n\n## One\n\n> Keep it small.\n\n— Ida Moss\n\nSome prose that says a little more about keeping things small and simple.\n');
    writeFileSync(join(proj, 'lectern.config.json'), JSON.stringify({ sectionSlides: ['section', 'quote'] }));
    mkdirSync(join(proj, 'templates'));
    writeFileSync(join(proj, 'templates', 'quote.hbs'), '<blockquote class="pull-quote custom-quote"><p>{{quote.text}}</p><cite>{{quote.by}}</cite></blockquote>');
    const plan = JSON.parse((await here(['plan', join(proj, 'talk.md'), '--json', '-q'])).stdout);
    expect(plan.slides.map((s: { template: string }) => s.template)).toEqual(['title', 'section', 'quote', 'closing']);
    const out = join(proj, 'out');
    expect((await here(['build', join(proj, 'talk.md'), '-o', out, '-q'])).code).toBe(0);
    expect(readFileSync(join(out, 'talk', 'index.html'), 'utf8')).toContain('class="pull-quote custom-quote"');
    writeFileSync(join(proj, 'lectern.config.json'), JSON.stringify({ sectionSlides: ['section', 'timeline'] }));
    const bad = await here(['plan', join(proj, 'talk.md'), '--json']);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/unknown template "timeline"; available templates: agenda, closing/);
  });
});
