import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/cli.js';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
import { testDir } from '../helpers/temp.js';

let server: ImageServer;
beforeAll(async () => {
  server = await startImageServer();
});
afterAll(() => server.close());

/** Runs the built CLI without blocking this process, whose test server must answer it. */
function lectern(args: string[], cacheDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin', 'lectern.js'), ...args], { env: { ...process.env, NO_COLOR: '1', LECTERN_CACHE_DIR: cacheDir } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('lectern build --offline', () => {
  it('makes no request; online, the image comes; then plan --offline shows the slides the build made', async () => {
    const dir = testDir('lectern-remote-cli-');
    const cache = join(dir, 'cache');
    const talk = join(dir, 'talk.md');
    writeFileSync(talk, ['# Offline', '', '## A chart', '', 'The numbers rose all spring, as the chart shows.', '', `![Visits by month](${server.origin}/chart.png)`, '', '## After', '', 'A last word.', ''].join('\n'));
    const before = server.total();
    const offline = await lectern(['build', talk, '-o', join(dir, 'out'), '--offline'], cache);
    expect(offline.code, offline.stderr).toBe(0);
    expect(server.total()).toBe(before);
    expect(offline.stderr).toContain(`talk.md:7: warning: could not fetch ${server.origin}/chart.png: offline (--offline), and no copy in the cache; its alt text is in the notes`);

    const online = await lectern(['build', talk, '-o', join(dir, 'out')], cache);
    expect(online.code, online.stderr).toBe(0);
    expect(online.stderr).not.toMatch(/could not fetch/);
    expect(server.hits.get('/chart.png')).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'out', 'talk', 'remote'))).toHaveLength(1);

    const asked = server.total();
    const plan = await lectern(['plan', talk, '--offline', '--json', '-q'], cache);
    expect(plan.code, plan.stderr).toBe(0);
    expect(server.total()).toBe(asked);
    const $ = load(readFileSync(join(dir, 'out', 'talk', 'index.html'), 'utf8'));
    expect((JSON.parse(plan.stdout) as { slides: unknown[] }).slides).toHaveLength($('section[data-slide]').length);
  });

  it('is in --help', async () => {
    expect((await lectern(['--help'], testDir('lectern-remote-cli-'))).stdout).toMatch(/--offline +never download remote images/);
  });
});
