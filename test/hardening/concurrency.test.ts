import { load } from 'cheerio';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';

/** Runs the built CLI without waiting, so several builds overlap. */
function start(args: string[]): Promise<{ code: number; stderr: string }> {
  return run([join(root, 'bin', 'lectern.js'), ...args]);
}

/** Children still running: a test that fails or times out stops them before its folder goes. */
const running = new Set<ChildProcess>();
afterEach(async () => {
  await Promise.all([...running].map((c) => new Promise((resolve) => (c.once('close', resolve), c.kill('SIGKILL')))));
});

/** Runs node with `args` without waiting. */
function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    child.on('close', () => running.delete(child));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** Checks a deck folder is whole: index.html parses and every file it (and fonts.css) names exists. */
function assertIntact(deck: string): string {
  const html = readFileSync(join(deck, 'index.html'), 'utf8');
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
  const $ = load(html);
  expect($('section[data-slide]').length).toBeGreaterThan(3);
  const refs = [...$('link[href]').map((_, el) => $(el).attr('href')), ...$('script[src]').map((_, el) => $(el).attr('src')), ...$('img[src]').map((_, el) => $(el).attr('src'))].map(String);
  for (const ref of refs) expect(existsSync(join(deck, ref)), `${deck}: ${ref}`).toBe(true);
  const fontsCss = readFileSync(join(deck, 'fonts', 'fonts.css'), 'utf8');
  for (const m of fontsCss.matchAll(/url\(["']?([^"')]+)["']?\)/g)) expect(existsSync(join(deck, 'fonts', m[1])), m[1]).toBe(true);
  return $('link[href^="theme/"]').map((_, el) => $(el).attr('href')).get().join(' ');
}

const leftovers = (out: string) => readdirSync(out).filter((f) => f.startsWith('.lectern-'));

describe('concurrent builds into one output root', () => {
  it('two builds of different decks both succeed, intact', async () => {
    const out = testDir('lectern-conc-');
    const [a, b] = await Promise.all([start(['build', 'content/en-talk.md', '-o', out, '-q']), start(['build', 'content/zh-interview.md', '-o', out, '-q'])]);
    expect(a, a.stderr).toMatchObject({ code: 0 });
    expect(b, b.stderr).toMatchObject({ code: 0 });
    expect(readdirSync(out).sort()).toEqual(['en-talk', 'zh-interview']);
    assertIntact(join(out, 'en-talk'));
    assertIntact(join(out, 'zh-interview'));
  });

  it('builds of the same deck leave one complete version and nothing else', async () => {
    const out = testDir('lectern-conc-');
    const themes = ['light', 'dark', 'contrast'];
    for (let round = 0; round < 5; round++) {
      const runs = await Promise.all(themes.map((t) => start(['build', 'content/zh-interview.md', '-o', out, '--theme', t, '-q'])));
      for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
      expect(readdirSync(out)).toEqual(['zh-interview']);
      const css = assertIntact(join(out, 'zh-interview'));
      // One build's files, not a mix: the theme the page links is the one theme/ holds.
      const linked = /theme\/(light|dark|contrast)\.css/.exec(css)![1];
      expect(readdirSync(join(out, 'zh-interview', 'theme')).sort()).toEqual(['base.css', `${linked}.css`]);
      expect(leftovers(out)).toEqual([]);
    }
    expect(dirname(join(out, 'zh-interview'))).toBe(out);
  });

  it('swapIn under a tight race: many swaps of one deck from several processes', async () => {
    const out = testDir('lectern-swap-');
    const script = `
      import { mkdirSync, writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { swapIn } from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'pipeline.js')).href)};
      const [out, id] = process.argv.slice(1);
      for (let i = 0; i < 150; i++) {
        const tmp = join(out, '.lectern-tmp-deck-' + id + '-' + i);
        mkdirSync(join(tmp, 'lib'), { recursive: true });
        writeFileSync(join(tmp, 'index.html'), id + ' ' + i);
        writeFileSync(join(tmp, 'lib', 'reveal.js'), id + ' ' + i);
        swapIn(tmp, join(out, 'deck'));
      }`;
    const runs = await Promise.all(['a', 'b', 'c'].map((id) => run(['--input-type=module', '-e', script, out, id])));
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(readdirSync(out)).toEqual(['deck']);
    const version = readFileSync(join(out, 'deck', 'index.html'), 'utf8');
    expect(readFileSync(join(out, 'deck', 'lib', 'reveal.js'), 'utf8')).toBe(version);
    expect(version).toMatch(/^[abc] 149$/);
  });
});
