import { load } from 'cheerio';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { root } from '../helpers/cli.js';
import { fakeBrowser } from '../helpers/fake-browser.js';
import { startImageServer } from '../helpers/image-server.js';
import { testDir } from '../helpers/temp.js';
import { captureIo, rawGet, saveByRename, stateStream, talk } from './helpers.js';

/**
 * Issue #16 in the preview: `lectern serve` shows what `lectern build` makes, diagrams drawn and
 * remote images downloaded, with one Chromium for the server's life that goes when it stops.
 */

const images = await startImageServer();
afterAll(() => images.close());

/** A talk with a diagram (whose last node is `stop`) and a picture from the local image server. */
const withDiagram = (stop: string) =>
  talk({
    first: `The first part has a small flow in it, from start to finish.\n\n\`\`\`mermaid\nflowchart LR\n  A[Begin here] --> B[${stop}]\n\`\`\`\n\n## Third Part\n\n![A striped chart](${images.origin}/chart.png)\n\nThe chart above has four stripes, one for each quarter of the year.`,
  });

/** The live processes in process group `pgid` (zombies, already dead, do not count). */
function groupMembers(pgid: number): number[] {
  return readdirSync('/proc').flatMap((p) => {
    if (!/^\d+$/.test(p)) return [];
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'latin1');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(group) === pgid && state !== 'Z' && state !== 'X' ? [Number(p)] : [];
    } catch {
      return []; // gone between the listing and the read
    }
  });
}

/** Chromium's main processes whose profile is under `tmp` (helpers carry `--type=`). */
function browsersUnder(tmp: string): number[] {
  return readdirSync('/proc').flatMap((p) => {
    if (!/^\d+$/.test(p)) return [];
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      return cmd.some((a) => a.startsWith(`--user-data-dir=${tmp}`)) && !cmd.some((a) => a.startsWith('--type=')) ? [Number(p)] : [];
    } catch {
      return [];
    }
  });
}

function processGroup(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

describe('lectern serve with a diagram and a remote image', () => {
  it('serves them drawn and downloaded, keeps one Chromium across rebuilds (a new one after a crash), and leaves none after SIGTERM', async () => {
    // A short name: Chromium's lock socket path under it may not exceed 107 bytes.
    const tmp = testDir('lt-');
    const dir = testDir('lectern-serve-diagram-');
    const cache = testDir('lectern-serve-cache-');
    const file = join(dir, 'talk.md');
    writeFileSync(file, withDiagram('Finish line'));
    const child = spawn(process.execPath, [join(root, 'bin', 'lectern.js'), 'serve', file, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp, LECTERN_CACHE_DIR: cache, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    onTestFinished(() => void (child.exitCode === null && child.kill('SIGKILL')));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]);
      });
      void exited.then(() => reject(new Error(`exited early: ${out}${err}`)));
    });
    const port = Number(new URL(url).port);

    const page = await rawGet(port, '/');
    expect(page.status).toBe(200);
    let $ = load(page.body);
    // The diagram is inline SVG with its labels as text, not its source in a code block.
    expect($('figure.lt-diagram > svg text').text()).toContain('Finish line');
    expect($('pre.lt-code[data-lang="mermaid"]')).toHaveLength(0);
    // The picture is the deck's own copy, served by the preview.
    const src = $('img[alt="A striped chart"]').attr('src');
    expect(src).toMatch(/^remote\/[0-9a-f]+\.png$/);
    const picture = await rawGet(port, `/${src}`);
    expect(picture.status).toBe(200);
    expect(picture.headers['content-type']).toBe('image/png');
    expect(images.hits.get('/chart.png')).toBe(1);
    expect(err).not.toMatch(/could not (draw|fetch)/);

    // One Chromium, drawing for the server.
    const browsers = browsersUnder(tmp);
    expect(browsers).toHaveLength(1);
    const group = processGroup(browsers[0]);
    const groups = [group];
    // Should the test fail with Chromium still up, it goes anyway.
    onTestFinished(() => {
      for (const g of groups) if (groupMembers(g).length) process.kill(-g, 'SIGKILL');
    });

    // An edit to the diagram: rebuilt and redrawn in the same Chromium; the picture from the cache.
    const events = stateStream(port);
    onTestFinished(() => events.close());
    let build = (await events.next((s) => s.build !== '')).build;
    /** Saves the talk with a new label and returns the rebuilt page's diagram text ('' for none). */
    const edit = async (label: string) => {
      saveByRename(file, withDiagram(label));
      build = (await events.next((s) => s.build !== build && !s.error)).build;
      return load((await rawGet(port, '/')).body)('figure.lt-diagram > svg text').text();
    };
    expect(await edit('Second finish')).toContain('Second finish');
    expect(browsersUnder(tmp)).toEqual(browsers);
    expect(images.hits.get('/chart.png')).toBe(1);

    // Chromium crashes: a new one draws a later edit's diagram. A save that comes before the
    // server has heard of the crash shows the source; on a loaded machine that can be more than
    // one, so the test saves again (each save waits for its rebuild), up to five times.
    process.kill(-group, 'SIGKILL');
    let label = '';
    let drawn = false;
    for (let n = 1; n <= 5 && !drawn; n++) {
      label = `Redraw ${n}`;
      drawn = (await edit(label)).includes(label);
    }
    expect(drawn, `no redraw after the crash, up to "${label}"`).toBe(true);
    const replaced = browsersUnder(tmp);
    expect(replaced).toHaveLength(1);
    expect(replaced).not.toEqual(browsers);
    groups.push(processGroup(replaced[0]));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
    // The browsers' whole process groups are gone, and with them the profiles and the build folder.
    for (const g of groups) expect(groupMembers(g)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('the preview browser, started only for a diagram', () => {
  it('starts no browser for a deck without one; the first diagram in a save starts it, and one that cannot start shows the source', async () => {
    const dir = testDir('lectern-serve-lazy-');
    const file = join(dir, 'talk.md');
    writeFileSync(file, talk());
    const { path: fake, mark } = fakeBrowser(dir);
    const cap = captureIo();
    const s = await startServer(file, { browserPath: fake }, { port: 0, io: cap.io, quiet: false });
    onTestFinished(() => s.close());
    expect(existsSync(mark)).toBe(false);

    const events = stateStream(s.port);
    onTestFinished(() => events.close());
    const before = (await events.next((st) => st.build !== '')).build;
    // A diagram no other test draws: drawn diagrams are cached for the process, and test files
    // share it (vitest.config.ts, isolate: false).
    const flow = `A[Start] --> B[${basename(dir)}]`;
    saveByRename(file, talk({ first: `A flow follows.\n\n\`\`\`mermaid\nflowchart LR\n  ${flow}\n\`\`\`` }));
    await events.next((st) => st.build !== before);
    expect(existsSync(mark)).toBe(true);
    const $ = load((await rawGet(s.port, '/')).body);
    expect($('pre.lt-code[data-lang="mermaid"]').text()).toContain(flow);
    expect(cap.err.join('')).toMatch(/talk\.md:\d+: warning: could not draw the mermaid diagram \(the browser could not draw it/);
  });
});
