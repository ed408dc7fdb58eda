import { load } from 'cheerio';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lecternHere, root, sharedBrowser } from '../helpers/cli.js';

/**
 * The hostile fixture (scripts, handlers, javascript: links, frames, remote styles and
 * images, structure breakers) built with default options, then opened in Chromium with
 * listeners on errors, dialogs and requests and a DOM probe: none of it may run or load.
 */
const work = mkdtempSync(join(tmpdir(), 'lectern-hostile-'));
const content = join(work, 'content');
cpSync(join(root, 'test', 'fixtures', 'hostile'), content, { recursive: true });
// A real file just outside the content folder, which the deck must not pick up.
writeFileSync(join(work, 'hostile-outside.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Probe {
  pwned: unknown;
  title: string;
  scripts: string[];
  handlers: string[];
  badUrls: string[];
  /** URL attributes whose value, read as a browser does (controls and spaces dropped), runs script. */
  scriptUrls: string[];
  banned: string[];
  sections: number;
  total: number;
  text: string;
}

/** Opens a deck, visits every slide, pokes every element, and reports what the page did. */
async function visit(deckDir: string) {
  return session.withPage(async (page) => {
    const requests: string[] = [];
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await page.goto(pathToFileURL(join(deckDir, 'index.html')).href, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as any).Reveal?.isReady());
    const total = await page.evaluate(() => (window as any).Reveal.getTotalSlides() as number);
    for (let i = 0; i < total; i++) await page.evaluate((n) => (window as any).Reveal.slide(n), i);
    await page.evaluate(() => {
      // Fire what handlers would listen for; anchors are left alone (a click would navigate).
      for (const el of document.querySelectorAll('.slides *')) {
        if (el.closest('a')) continue;
        for (const type of ['click', 'mouseover', 'focus', 'toggle', 'load', 'error']) el.dispatchEvent(new Event(type, { bubbles: true }));
      }
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
    const probe: Probe = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        pwned: (window as any).__pwned,
        title: document.title,
        scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? `inline:${s.closest('.reveal') ? 'in-slides' : 'page'}:${(s.textContent ?? '').trim().slice(0, 17)}`),
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
        badUrls: all.flatMap((el) => ['href', 'src', 'action', 'formaction', 'srcset', 'data', 'poster'].map((n) => el.getAttribute(n) ?? '').filter((v) => /^\s*(javascript|vbscript|data:text|file:|https?:|\/\/)/i.test(v) && !/^https:\/\/example\.org\/$/.test(v))),
        scriptUrls: all.flatMap((el) =>
          [...el.attributes]
            .filter((a) => /^(href|src|action|formaction|xlink:href|poster|data|background|cite|ping|srcdoc|to|values)$/i.test(a.name) && /^(javascript|vbscript):/i.test(a.value.replace(/[\u0000-\u0020]/g, '')))
            .map((a) => `${el.tagName} ${a.name}`),
        ),
        banned: [...document.querySelectorAll('.slides :is(script, style, iframe, object, embed, form, button, textarea, input:not([type=checkbox]), link, meta, base, svg, math, template, noscript, title, xmp, video, audio, [style*="url("], [srcdoc], [formaction])')].map((el) => el.tagName),
        sections: document.querySelectorAll('section[data-slide]').length,
        total: (window as any).Reveal.getTotalSlides() as number,
        text: document.querySelector('.slides')!.textContent ?? '',
      };
    });
    return { probe, requests, errors, dialogs };
  });
}

/**
 * The CLI in this process (its main(), in `work`): the builds here write HTML only, and the
 * checks print in `session`, launched as the CLI's own on first use (offline). The decks are
 * opened there too: a page's requests are seen (and listed) as it makes them, whether or not
 * the network would answer.
 */
const session = sharedBrowser();
const lectern = (args: string[]) => lecternHere(args, work, undefined, session);

async function build(input: string, out: string, ...flags: string[]) {
  const r = await lectern(['build', input, '-o', out, ...flags]);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('hostile Markdown, default build', () => {
  const out = join(work, 'out');
  const deck = join(out, 'hostile');
  let r: Awaited<ReturnType<typeof build>>;
  let plan: { slides: unknown[] };
  beforeAll(async () => {
    r = await build(join(content, 'hostile.md'), out);
    plan = JSON.parse((await lectern(['plan', join(content, 'hostile.md'), '--json', '-q'])).stdout) as typeof plan;
  });

  it('warns about what it removed, with file:line, folding repeats', () => {
    const warnings = r.stderr.split('\n').filter((l) => /warning:/.test(l));
    for (const w of warnings) expect(w).toMatch(/hostile\.md:\d+: warning: /);
    const has = (re: RegExp) => expect(warnings.some((w) => re.test(w)), String(re)).toBe(true);
    has(/hostile\.md:13: warning: removed <script> from raw HTML .*\(3 times, lines 13, 15, 18\)/);
    has(/removed event-handler attribute onerror/);
    has(/removed a javascript: URL \(a href\) \(6 times/);
    has(/removed a vbscript: URL/);
    has(/removed a data: URL/);
    for (const tag of ['iframe', 'object', 'embed', 'form', 'link', 'meta', 'base', 'style', 'svg', 'math', 'noscript', 'template']) has(new RegExp(`removed <${tag}>`));
    has(/removed a style attribute that loads resources/);
    has(/removed srcset/);
    // attacker.example is never resolved (.example is reserved), so the download fails at once.
    has(/could not fetch https:\/\/attacker\.example\/remote\.png: .*; its alt text is in the notes/);
    has(/hostile\.md:\d+: warning: image \.\.\/hostile-outside\.svg is outside the content folder; it was left out \(use --allow-outside/);
    has(/image secret\.env is not an image file/);
    // Repeated warnings fold into one line each.
    expect(new Set(warnings.map((w) => w.replace(/^[^:]+:\d+: /, ''))).size).toBe(warnings.length);
  });

  it('writes no script, handler or remote reference into the page', () => {
    const $ = load(readFileSync(join(deck, 'index.html'), 'utf8'));
    expect($('.slides script, .slides iframe, .slides object, .slides embed, .slides form, .slides style, .slides link, .slides meta, .slides base').length).toBe(0);
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name).not.toMatch(/^on/i);
    });
    expect($('script').map((_, el) => $(el).attr('src') ?? 'inline').get()).toEqual(['lib/reveal.js', 'lib/notes.js', 'inline']);
    expect($('section[data-slide]')).toHaveLength(plan.slides.length);
    // Images that cannot be had leave no placeholder: their alt text is in the notes.
    expect($('.lt-image-placeholder')).toHaveLength(0);
    for (const alt of ['a remote picture', 'a remote Markdown image', 'outside the folder']) expect($('aside.notes').text()).toContain(alt);
  });

  it('copies only the local image, not the outside file or the secret', () => {
    expect(existsSync(join(deck, 'local.svg'))).toBe(true);
    const files = readdirSync(deck, { recursive: true }).map(String);
    expect(files.filter((f) => /outside|secret|\.env$/.test(f))).toEqual([]);
  });

  it('runs nothing and requests nothing outside the deck folder in Chromium', async () => {
    const visited = await visit(deck);
    const { probe, requests } = visited;
    expectInert(visited, 'Hostile Markup');
    expect(probe.sections).toBe(plan.slides.length);
    expect(probe.total).toBe(plan.slides.length);
    expect(probe.text).toContain('A harmless style stays.');
    const inside = pathToFileURL(deck).href + '/';
    expect(requests.filter((u) => !u.startsWith(inside))).toEqual([]);
    expect(requests).toContain(inside + 'local.svg');
  });
});

describe('hostile transcript', () => {
  it('shows markup in a plain-text file as text and runs none of it', async () => {
    const out = join(work, 'out-txt');
    await build(join(content, 'hostile.txt'), out, '-q');
    const { probe, requests, errors, dialogs } = await visit(join(out, 'hostile'));
    expect(probe.pwned).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(probe.handlers).toEqual([]);
    expect(probe.scriptUrls).toEqual([]);
    expect(probe.banned).toEqual([]);
    expect(probe.scripts).toEqual(['lib/reveal.js', 'lib/notes.js', 'inline:page:Reveal.initialize']);
    const html = readFileSync(join(out, 'hostile', 'index.html'), 'utf8');
    expect(html).toContain('&lt;script&gt;');
    expect(requests.filter((u) => !u.startsWith(pathToFileURL(join(out, 'hostile')).href + '/'))).toEqual([]);
  });
});

describe('classic vectors, default build', () => {
  // vectors.md: a slide each for SVG and MathML handlers, disguised javascript: URLs, srcdoc,
  // style url()/expression(), meta refresh, base href, formaction, xlink:href, and nested and
  // unclosed tags, every payload setting window.__pwned or fetching from attacker.example.
  const out = join(work, 'out-vectors');
  let r: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    r = await build(join(content, 'vectors.md'), out);
  });
  const deck = join(out, 'vectors');

  it('warns about each family at the line it is on', () => {
    const warnings = r.stderr.split('\n').filter((l) => /warning:/.test(l));
    for (const w of warnings) expect(w).toMatch(/vectors\.md:\d+: warning: /);
    const has = (re: RegExp) => expect(warnings.some((w) => re.test(w)), String(re)).toBe(true);
    has(/vectors\.md:14: warning: removed <svg> from raw HTML .*lines 14, 15, 16, 17, 18, 19,/);
    has(/vectors\.md:26: warning: removed <math> from raw HTML .*\(4 times, lines 26, 27, 28, 29\)/);
    has(/vectors\.md:36: warning: removed a javascript: URL \(a href\) \(\d+ times, lines 36, 37, 38, 39, 40, 41, 42, 43, 45, 47, 48,/);
    has(/vectors\.md:55: warning: removed <iframe>/);
    has(/vectors\.md:62: warning: removed a style attribute that loads resources .*\(6 times, lines 62, 63, 64, 65, 66, 67\)/);
    has(/vectors\.md:76: warning: removed <meta> .*\(2 times, lines 76, 77\)/);
    has(/vectors\.md:78: warning: removed <base>/);
    has(/vectors\.md:85: warning: removed <form>/);
    has(/vectors\.md:88: warning: removed <button>/);
    has(/vectors\.md:89: warning: removed <input>/);
    has(/vectors\.md:104: warning: removed <script>/);
    has(/vectors\.md:106: warning: removed <noscript>/);
    has(/vectors\.md:110: warning: removed <textarea>/);
  });

  it('runs nothing and requests nothing outside the deck folder in Chromium', async () => {
    const visited = await visit(deck);
    const { probe, requests } = visited;
    expectInert(visited, 'Classic Vectors');
    expect(probe.total).toBe(probe.sections);
    for (const kept of ['SVG text after the payloads.', 'MathML text after the payloads.', 'A div with a srcdoc attribute.', 'A plain colour stays.', 'relative link after base', 'unclosed formatting', 'left open <img src=x'])
      expect(probe.text).toContain(kept);
    const inside = pathToFileURL(deck).href + '/';
    expect(requests.filter((u) => !u.startsWith(inside))).toEqual([]);
  });

  it('closes what the content left open inside its own slide', () => {
    const $ = load(readFileSync(join(deck, 'index.html'), 'utf8'));
    // Read as a browser reads it, an unclosed <b> or <i> would be reopened in the slides after it.
    const owners = $('.slides b, .slides i').map((_, el) => $(el).closest('section[data-slide]').find('h2').first().text()).get();
    expect(owners.length).toBeGreaterThan(0);
    expect([...new Set(owners)]).toEqual(['Nested and unclosed']);
    expect($('.slides a[href]').map((_, el) => $(el).attr('href')).get().filter((h) => !/^(#|relative-link$|java&#9;script)/.test(h))).toEqual([]);
  });
});

describe('opting in', () => {
  it('--allow-html keeps raw HTML as written, with no sanitiser warnings', async () => {
    const out = join(work, 'out-raw');
    const r = await build(join(content, 'hostile.md'), out, '--allow-html');
    expect(r.stderr).not.toMatch(/from raw HTML/);
    const $ = load(readFileSync(join(out, 'hostile', 'index.html'), 'utf8'));
    expect($('.slides script').first().text()).toContain(`window.__pwned = 'script block'`);
    expect($('.slides [onclick]').attr('onclick')).toBe(`window.__pwned = 'onclick'`);
    // Images that cannot be fetched stay out, and local ones inside the folder.
    expect($('img[src*="attacker"], img[srcset]')).toHaveLength(0);
    expect(r.stderr).toMatch(/could not fetch https:\/\/attacker\.example\/remote\.png: /);
    expect(r.stderr).toMatch(/outside the content folder/);
  });

  it('--allow-outside copies an image from outside the folder into the deck, named by its bytes', async () => {
    const out = join(work, 'out-outside');
    const r = await build(join(content, 'hostile.md'), out, '--allow-outside');
    expect(r.stderr).not.toMatch(/outside the content folder/);
    const copied = readdirSync(join(out, 'hostile', 'outside'));
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatch(/^[0-9a-f]{12}-hostile-outside\.svg$/);
    const $ = load(readFileSync(join(out, 'hostile', 'index.html'), 'utf8'));
    expect($('img[alt="outside the folder"]').attr('src')).toBe(`outside/${copied[0]}`);
    // Still only image files.
    expect(r.stderr).toMatch(/image secret\.env is not an image file/);
  });
});

describe('content that tries to cover the slide', () => {
  it('a fixed, full-window link, huge margins or a transform take clicks only inside its own slide', async () => {
    const src = join(work, 'cover.md');
    writeFileSync(
      src,
      [
        '# Cover',
        '',
        '## Inside',
        '',
        'Some prose before the links, so the body has a line of its own.',
        '',
        '- one <a class="fixed" href="https://example.org/" style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;display:block">x</a>',
        '- two <a class="margins" href="https://example.org/" style="display:block;margin:-3000px;padding:3000px;position:relative;z-index:99999">y</a>',
        '- three <a class="scaled" href="https://example.org/" style="display:inline-block;transform:scale(80);position:relative;z-index:99999">z</a>',
        '',
      ].join('\n'),
    );
    const out = join(work, 'cover-out');
    await build(src, out);
    const hits = await session.withPage(async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(pathToFileURL(join(out, 'cover', 'index.html')).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as any).Reveal?.isReady());
      await page.evaluate(() => {
        const target = document.querySelector('a.fixed')!.closest('section')!;
        (window as any).Reveal.slide(Number(target.getAttribute('data-slide')));
        return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 600)));
      });
      return page.evaluate(() => {
        const section = document.querySelector('a.fixed')!.closest('section')!;
        const frame = section.querySelector('.lt-frame')!.getBoundingClientRect();
        const at = (x: number, y: number) => (document.elementFromPoint(x, y)?.closest('a') as HTMLElement | null)?.className ?? null;
        return {
          // The window's corners and the edges just outside the slide.
          outside: [at(1, 1), at(innerWidth - 1, innerHeight - 1), at(frame.left - 2, frame.top + 50), at(frame.right - 50, frame.bottom + 2)],
          // Inside the slide the links work.
          inside: at(frame.left + frame.width / 2, frame.top + frame.height / 2),
          slide: section.getAttribute('data-template'),
          frame: [frame.left, frame.top, frame.right, frame.bottom].map(Math.round),
        };
      });
    });
    expect(hits.slide).toBe('content');
    // The slide is scaled into the window with a margin around it, so there is room outside it.
    expect(hits.frame[0]).toBeGreaterThan(2);
    expect(hits.frame[1]).toBeGreaterThan(2);
    expect(hits.outside).toEqual([null, null, null, null]);
    expect(hits.inside).not.toBeNull();
  });
});

describe('the slide clips at its own edge; lectern check draws the line at its margin', () => {
  it('a code block inside the content box passes check; one running into the bottom padding is drawn whole and is an error, as is one past the slide', async () => {
    // Under a one-line heading the body has 497px down to the content box's bottom: 14 lines of
    // code (31.9px, 36px padding) fit, 16 end at 713 (in the 56px padding), 25 past the slide.
    const code = (n: number) => ['# Clip', '', '## Code', '', '```', ...Array.from({ length: n }, (_, i) => `LINE${String(i).padStart(2, '0')} some code here`), '```', ''].join('\n');
    const fits = join(work, 'fits.md');
    const into = join(work, 'into-padding.md');
    const past = join(work, 'past-edge.md');
    writeFileSync(fits, code(14));
    writeFileSync(into, code(16));
    writeFileSync(past, code(25));
    // One check of all three (its exit code is 7 when any deck has an error), each deck's errors
    // from its report: the exit code `check` gives that deck alone.
    const checked = await lectern(['check', fits, into, past, '--no-autofit', '--json', '-q']);
    expect(checked.code, checked.stderr).toBe(7);
    const errors = Object.fromEntries((JSON.parse(checked.stdout) as { file: string; errors: number }[]).map((r) => [basename(r.file), r.errors]));
    expect(errors['fits.md']).toBe(0);
    expect(errors['into-padding.md']).toBeGreaterThan(0);
    expect(errors['past-edge.md']).toBeGreaterThan(0);
    expect(Object.keys(errors).sort()).toEqual(['fits.md', 'into-padding.md', 'past-edge.md']);
    const out = join(work, 'into-out');
    await build(into, out, '--no-autofit');
    const last = await session.withPage(async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(pathToFileURL(join(out, 'into-padding', 'index.html')).href, { waitUntil: 'load' });
      await page.waitForFunction(() => (window as any).Reveal?.isReady());
      await page.evaluate(() => {
        (window as any).Reveal.slide(Number(document.querySelector('pre')!.closest('section')!.getAttribute('data-slide')));
        return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 600)));
      });
      return page.evaluate(() => {
        const pre = document.querySelector('pre')!;
        const body = pre.closest('.lt-body')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(pre);
        const lines = [...range.getClientRects()];
        const end = lines[lines.length - 1];
        // The last line lies below the body's box, in the frame's padding, and is still hit (drawn).
        return { belowBody: end.top > body.bottom, hit: document.elementFromPoint(end.left + 4, end.top + end.height / 2)?.closest('pre') === pre };
      });
    });
    expect(last).toEqual({ belowBody: true, hit: true });
  });
});

/** What every hostile deck must show in Chromium: its title, and no script, handler, dialog, error or banned URL. */
function expectInert({ probe, errors, dialogs }: Awaited<ReturnType<typeof visit>>, title: string): void {
  expect(probe.pwned).toBeUndefined();
  expect(probe.title).toBe(title);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  expect(probe.scripts).toEqual(['lib/reveal.js', 'lib/notes.js', 'inline:page:Reveal.initialize']);
  expect(probe.handlers).toEqual([]);
  expect(probe.scriptUrls).toEqual([]);
  expect(probe.badUrls).toEqual([]);
  expect(probe.banned).toEqual([]);
}
