import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServeResult } from '../../src/server/index.js';
import { root } from '../helpers/cli.js';
import { captureIo, rawGet, saveByRename, stateStream, talk, talkDir as newTalkDir } from './helpers.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A talk folder, removed after the tests. */
function talkDir(text?: string): { dir: string; file: string } {
  const t = newTalkDir(text);
  cleanup.push(() => rmSync(t.dir, { recursive: true, force: true }));
  return t;
}

async function serve(file: string, o: { port?: number; host?: string; css?: string } = {}): Promise<ServeResult & ReturnType<typeof captureIo>> {
  const cap = captureIo();
  const s = await startServer(file, o.css ? { userCss: o.css } : {}, { port: o.port ?? 0, host: o.host, io: cap.io, quiet: false });
  cleanup.push(() => s.close());
  return Object.assign(s, cap);
}

function connects(host: string, port: number): Promise<boolean> {
  return rawGet(port, '/', {}, host).then(
    () => true,
    () => false,
  );
}

describe('serving the deck', async () => {
  const { file } = talkDir();
  const s = await serve(file);
  // A file beside the served folder: what a path escaping the deck would reach first.
  writeFileSync(join(s.dir, 'secret.txt'), 'top secret');

  it('prints the URL on 127.0.0.1 and serves index.html with the reload client', async () => {
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/`);
    expect(s.out.join('')).toContain(`at ${s.url}`);
    const r = await rawGet(s.port, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('Reveal.initialize(');
    expect(r.body).toMatch(/<script src="\/__lectern\/client\.js" data-build="[0-9a-f]+"><\/script>\n<\/body>/);
    expect((await rawGet(s.port, '/__lectern/client.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('does not put the client into the built files', () => {
    const built = readFileSync(join(s.dir, 'b1', 'index.html'), 'utf8');
    expect(built).not.toContain('__lectern');
  });

  it('sends every kind of file with its content type', async () => {
    const cases: [string, string][] = [
      ['/lib/reveal.js', 'text/javascript; charset=utf-8'],
      ['/lib/reveal.css', 'text/css; charset=utf-8'],
      ['/theme/light.css', 'text/css; charset=utf-8'],
    ];
    const fonts = readFileSync(join(s.dir, 'b1', 'fonts', 'fonts.css'), 'utf8');
    const font = /url\("?([^")]+\.woff2)/.exec(fonts)?.[1];
    expect(font).toBeDefined();
    cases.push([`/fonts/${font!.replace(/^.*\//, '')}`, 'font/woff2']);
    for (const [path, type] of cases) {
      const r = await rawGet(s.port, path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe(type);
      expect(r.headers['cache-control']).toBe('no-store');
    }
  });

  it('lists no folder and answers 404 for what is not there', async () => {
    for (const path of ['/lib/', '/lib', '/fonts/', '/nope.html', '/b1/index.html']) {
      const r = await rawGet(s.port, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('reveal.js');
    }
  });

  it('refuses every path that leaves the deck folder', async () => {
    const paths = ['/../package.json', '/%2e%2e/package.json', '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/lib/../../secret.txt', '/..%5csecret.txt', '/..\\secret.txt', '/secret.txt%00.css', '//secret.txt', `/${s.dir}/secret.txt`, '/../../../../../../etc/passwd'];
    for (const path of paths) {
      const r = await rawGet(s.port, path);
      expect([400, 403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('top secret');
      expect(r.body, path).not.toContain('"name"');
    }
    expect((await rawGet(s.port, '/../package.json')).status).toBe(403);
    expect((await rawGet(s.port, '/%2e%2e/package.json')).status).toBe(403);
  });

  it('answers only requests addressed to localhost (no DNS rebinding)', async () => {
    expect((await rawGet(s.port, '/', { Host: 'evil.example' })).status).toBe(403);
    expect((await rawGet(s.port, '/', { Host: `localhost:${s.port}` })).status).toBe(200);
  });

  it('lets no other site frame its pages', async () => {
    const r = await rawGet(s.port, '/');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'self'");
  });

  it('binds 127.0.0.1 only', async () => {
    // On Linux all of 127/8 reaches the machine, but only a socket bound to 0.0.0.0 or
    // 127.0.0.2 accepts there; so does every other interface's address.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const host of [...(process.platform === 'linux' ? ['127.0.0.2'] : []), ...others]) expect(await connects(host, s.port), host).toBe(false);
    expect(await connects('127.0.0.1', s.port)).toBe(true);
  });
});

describe('listening', () => {
  it('moves to the next port when the asked one is busy, and says so', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const busy = (blocker.address() as { port: number }).port;
    const s = await serve(talkDir().file, { port: busy });
    expect(s.port).toBeGreaterThan(busy);
    expect(s.err.join('')).toContain(`port ${busy} is busy; using ${busy + 1}`);
    expect((await rawGet(s.port, '/')).status).toBe(200);
  });

  it('binds the interface --host names and then takes any Host header', async () => {
    const s = await serve(talkDir().file, { host: '0.0.0.0' });
    expect(s.url).toBe(`http://localhost:${s.port}/`);
    expect(s.err.join('')).toContain('other machines on the network can open the deck');
    if (process.platform === 'linux') expect((await rawGet(s.port, '/', { Host: 'my-laptop.lan' }, '127.0.0.2')).status).toBe(200);
  });

  it('keeps the DNS-rebinding check when --host names a loopback address', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const s = await serve(talkDir().file, { host });
      expect((await rawGet(s.port, '/', { Host: `rebind.attacker.example:${s.port}` })).status, host).toBe(403);
      expect((await rawGet(s.port, '/', { Host: `127.0.0.1:${s.port}` })).status, host).toBe(200);
    }
  });

  it('fails at once for a missing input', async () => {
    await expect(startServer('/no/such/talk.md', {}, { port: 0, io: captureIo().io, quiet: true })).rejects.toMatchObject({ code: 'INPUT' });
  });
});

describe('rebuilding on change', async () => {
  const { dir, file } = talkDir();
  const css = join(dir, 'extra.css');
  writeFileSync(css, '.reveal { --x: 1; }\n');
  const s = await serve(file, { css });
  const events = stateStream(s.port);
  cleanup.push(() => events.close());
  const first = await events.next((st) => !!st.build);
  let build = first.build;
  const changed = async () => {
    const st = await events.next((x) => x.build !== build || !!x.error);
    expect(st.error).toBeUndefined();
    build = st.build;
    return (await rawGet(s.port, '/')).body;
  };

  it('rebuilds when the content file is written in place', async () => {
    writeFileSync(file, talk({ first: 'The first part now mentions a zebra crossing. It has two sentences.' }));
    expect(await changed()).toContain('zebra crossing');
    expect(s.out.join('')).toMatch(/rebuilt \d+ slides in \d+ ms/);
  });

  it('rebuilds when an editor saves by renaming a new file over it', async () => {
    saveByRename(file, talk({ first: 'The first part now mentions a pelican. It has two sentences.' }));
    expect(await changed()).toContain('pelican');
    saveByRename(file, talk({ first: 'The first part now mentions a heron. It has two sentences.' }));
    expect(await changed()).toContain('heron');
  });

  it('reports an unchanged save without a new build', async () => {
    writeFileSync(file, readFileSync(file));
    const st = await events.next(() => true);
    expect(st).toEqual({ build });
  });

  it('shows a content error with file:line, keeps serving the last deck, and clears it on the next good build', async () => {
    writeFileSync(file, talk({ frontMatter: 'title: "Small Talk"\nlang: [en' }));
    const bad = await events.next((x) => !!x.error);
    expect(bad.build).toBe(build);
    expect(bad.error!.where).toMatch(/talk\.md:\d+$/);
    expect(bad.error!.message).toMatch(/front matter/);
    expect(s.err.join('')).toMatch(/lectern: .*talk\.md:\d+: malformed front matter/);
    expect((await rawGet(s.port, '/')).body).toContain('heron');
    writeFileSync(file, talk({ first: 'The first part now mentions a heron. It has two sentences.' }));
    expect(await events.next(() => true)).toEqual({ build });
  });

  it('rebuilds for lectern.config.json, a new templates/ folder and the --css file', async () => {
    writeFileSync(join(dir, 'lectern.config.json'), JSON.stringify({ theme: 'dark' }));
    expect(await changed()).toContain('theme/dark.css');
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'closing.hbs'), '<h2 class="custom-closing">{{title}}</h2>\n');
    expect(await changed()).toContain('custom-closing');
    writeFileSync(join(dir, 'templates', 'closing.hbs'), '<h2 class="custom-closing-2">{{title}}</h2>\n');
    expect(await changed()).toContain('custom-closing-2');
    writeFileSync(css, '.reveal { --x: 2; }\n');
    await changed();
    expect((await rawGet(s.port, '/theme/user.css')).body).toContain('--x: 2');
  });

  it('rebuilds when an image the deck uses changes', async () => {
    writeFileSync(join(dir, 'pic.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>one</title></svg>');
    writeFileSync(file, talk({ first: 'The first part now mentions a heron. It has two sentences.\n\n![A diagram](pic.svg)' }));
    await changed();
    expect((await rawGet(s.port, '/pic.svg')).headers['content-type']).toBe('image/svg+xml');
    saveByRename(join(dir, 'pic.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>two</title></svg>');
    await changed();
    expect((await rawGet(s.port, '/pic.svg')).body).toContain('two');
  });

  it('close() ends the event streams, frees the port and removes the build folder', async () => {
    expect(existsSync(s.dir)).toBe(true);
    await s.close();
    expect(existsSync(s.dir)).toBe(false);
    expect(await connects('127.0.0.1', s.port)).toBe(false);
  });
});

describe('starting with a broken file', () => {
  it('fails at once with the build\'s error, listens on nothing and leaves no folder', async () => {
    const { dir, file } = talkDir(talk({ theme: 'neon' }));
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const cap = captureIo();
      await expect(startServer(file, {}, { port: 0, io: cap.io, quiet: false })).rejects.toMatchObject({ code: 'CONTENT', message: expect.stringContaining('unknown theme "neon"') });
      expect(cap.out.join('')).toBe('');
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('lectern serve (CLI)', () => {
  it('prints the URL, and on SIGINT cleans up and exits 0', async () => {
    const { dir, file } = talkDir();
    // A temp folder of its own, to see that the server leaves nothing behind in it.
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const child = spawn(process.execPath, [join(root, 'bin', 'lectern.js'), 'serve', file, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}${err}`)));
    });
    const port = Number(new URL(url).port);
    expect((await rawGet(port, '/')).status).toBe(200);
    expect(readdirSync(tmp).filter((f) => f.startsWith('lectern-serve-'))).toHaveLength(1);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('stopped');
    expect(readdirSync(tmp)).toEqual([]);
    expect(await connects('127.0.0.1', port)).toBe(false);
  });
});
