import { load } from 'cheerio';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { root } from '../helpers/cli.js';
import { fileDir, testDir } from '../helpers/temp.js';

/**
 * Processes that build at once: each is a Node of its own running the built CLI's entry point
 * (`main` from dist/cli.js, which bin/lectern.js only calls) for every command it is sent, so
 * builds in different processes race on one output root while each process starts only once
 * per file (a Node start cost more than a small deck's build). A command answers with the
 * exit code and stderr once it is done.
 */
const script = `
  import { mkdirSync, writeFileSync } from 'node:fs';
  import { join } from 'node:path';
  import { main } from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'cli.js')).href)};
  import { swapIn } from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'pipeline.js')).href)};
  process.on('message', async (m) => {
    let stderr = '';
    let code = 0;
    try {
      if (m.swap) {
        const { out, id } = m.swap;
        for (let i = 0; i < 150; i++) {
          const tmp = join(out, '.lectern-tmp-deck-' + id + '-' + i);
          mkdirSync(join(tmp, 'lib'), { recursive: true });
          writeFileSync(join(tmp, 'index.html'), id + ' ' + i);
          writeFileSync(join(tmp, 'lib', 'reveal.js'), id + ' ' + i);
          swapIn(tmp, join(out, 'deck'));
        }
      } else {
        code = await main(m.args, { out: () => undefined, err: (x) => (stderr += x) });
      }
    } catch (e) {
      code = 1;
      stderr += String(e?.stack ?? e);
    }
    process.send({ code, stderr });
  });`;

interface Worker {
  child: ChildProcess;
  busy: boolean;
  stderr: string;
}
const workers: Worker[] = [];

/** The `n`th process, started on first use. */
function worker(n: number): Worker {
  if (!workers[n]) {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, NO_COLOR: '1' } });
    const w: Worker = { child, busy: false, stderr: '' };
    child.stderr!.on('data', (d: Buffer) => (w.stderr += d.toString()));
    workers[n] = w;
  }
  return workers[n];
}

/** Sends a command to the `n`th process and waits for its answer (or its death). */
function send(n: number, message: { args: string[] } | { swap: { out: string; id: string } }): Promise<{ code: number; stderr: string }> {
  const w = worker(n);
  w.busy = true;
  return new Promise((resolve) => {
    const done = (r: { code: number; stderr: string }) => {
      w.child.off('message', done);
      w.child.off('exit', died);
      w.busy = false;
      resolve(r);
    };
    const died = (code: number | null) => done({ code: code ?? -1, stderr: `process ${n} ended: ${w.stderr}` });
    w.child.on('message', done);
    w.child.on('exit', died);
    w.child.send(message);
  });
}

/** Runs `lectern <args>` in the `n`th process. */
const start = (n: number, args: string[]) => send(n, { args });

/** Stops every process. */
async function stopAll(): Promise<void> {
  const all = workers.splice(0).map((w) => w.child);
  await Promise.all(all.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGKILL')))));
}
// A test that fails or times out while a process still builds stops them all before its folder goes.
afterEach(async () => {
  if (workers.some((w) => w.busy)) await stopAll();
});
afterAll(stopAll);

/**
 * Two small decks, one Latin with a picture and one CJK (with its many font slices), each of
 * more than three slides: the races are over the files a deck writes, not over its length.
 */
const decks = fileDir('lectern-conc-src-');
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#369"/></svg>';
mkdirSync(join(decks, 'images'));
writeFileSync(join(decks, 'images', 'diagram.svg'), svg);
const en = ['# A Small Talk', '', '## Why it matters', '', 'Bridges last because they were built heavy, and nobody knew the loads.', '', '## How it works', '', 'A loop from question to experiment to reflection.', '', '![A loop](images/diagram.svg)', '', '## What we kept', '', 'The stone lasts for a century; the canal never flooded.', '', '## What next', '', 'We kept guessing high, and it matters.', ''];
const zh = ['---', 'lang: zh', '---', '', '# 把图书馆开进旧粮站', '', '## 为什么回到村里？', '', '记者：你为什么会回到石桥村开一间图书馆？', '', '沈青禾：我不是回来做慈善的，而是回来还债的。小时候村里只有一个木箱子。', '', '## 书该怎么选？', '', '书多并不等于书好，选书反而是她花时间最多的工作。', '', '## 没人来怎么办？', '', '热爱就像火，越烧越旺；没有捷径可走。', '', '## 以后呢？', '', '技术改变了一切，但图书馆还是一间屋子。', ''];
writeFileSync(join(decks, 'en-talk.md'), en.join('\n'));
writeFileSync(join(decks, 'zh-interview.md'), zh.join('\n'));
const enTalk = join(decks, 'en-talk.md');
const zhInterview = join(decks, 'zh-interview.md');

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
    const [a, b] = await Promise.all([start(0, ['build', enTalk, '-o', out, '-q']), start(1, ['build', zhInterview, '-o', out, '-q'])]);
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
      const runs = await Promise.all(themes.map((t, n) => start(n, ['build', zhInterview, '-o', out, '--theme', t, '-q'])));
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
    const runs = await Promise.all(['a', 'b', 'c'].map((id, n) => send(n, { swap: { out, id } })));
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(readdirSync(out)).toEqual(['deck']);
    const version = readFileSync(join(out, 'deck', 'index.html'), 'utf8');
    expect(readFileSync(join(out, 'deck', 'lib', 'reveal.js'), 'utf8')).toBe(version);
    expect(version).toMatch(/^[abc] 149$/);
  });
});
