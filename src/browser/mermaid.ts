import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LecternError } from '../errors.js';
import { facesFor, fontsCss } from '../render/fonts.js';
import { mermaidConfig, paletteVars, shortError, type DiagramResult } from '../render/mermaid.js';
import type { BrowserSession } from './launch.js';

/**
 * Draws mermaid diagrams in the run's browser (issue #16): all of a deck's diagrams in one
 * page, in one batch, with mermaid's bundled script (no CDN) and the deck's own font subsets,
 * so labels are measured in the face the slide sets them in. The page is a file in a
 * temporary folder beside links to the script and the fonts, and is confined to that folder:
 * it loads nothing else. (Sent over the DevTools connection instead, the 5.5 MB script took
 * longer to arrive than to run.) src/render/mermaid.ts turns the results into slide markup.
 */

/** Options for {@link drawDiagrams}. */
export interface DrawDiagramsOptions {
  /** The deck's theme, whose palette the diagrams take. */
  theme: string;
  /** The batch gives up after this many milliseconds. */
  timeoutMs: number;
}

const require = createRequire(import.meta.url);
const mermaidJs = require.resolve('mermaid/dist/mermaid.min.js');

/** Drawn diagrams by theme and source: a rebuild (`serve`, the bench) draws each once. */
const cache = new Map<string, DiagramResult>();
const CACHE_LIMIT = 500;

/**
 * Draws each source (a mermaid fence's text) and returns its SVG, or the error mermaid gave
 * for it. A browser that cannot be had is an error for every diagram (they are then shown as
 * their source, with a warning each), not a failed build: a deck written as HTML only does
 * not need Chromium otherwise.
 */
export async function drawDiagrams(session: BrowserSession, sources: readonly string[], options: DrawDiagramsOptions): Promise<Map<string, DiagramResult>> {
  const key = (s: string) => `${options.theme}\u0000${s}`;
  const out = new Map<string, DiagramResult>();
  const todo = sources.filter((s) => {
    const hit = cache.get(key(s));
    if (hit) out.set(s, hit);
    return !hit;
  });
  if (!todo.length) return out;
  let drawn: DiagramResult[];
  const dir = mkdtempSync(join(tmpdir(), 'lectern-mermaid-'));
  try {
    const page = drawingPage(dir, todo);
    drawn = await session.withPage((p) => drawInPage(p, page, todo, options.theme), {
      confineTo: dir,
      deadlineMs: options.timeoutMs,
      timeoutError: () => new LecternError('BROWSER', `drawing ${todo.length} mermaid diagram(s) took longer than ${Math.round(options.timeoutMs / 1000)} s; simplify them or raise --timeout`),
    });
  } catch (e) {
    if (!(e instanceof LecternError)) throw e;
    const error = `the browser could not draw it: ${e.message}`;
    for (const s of todo) out.set(s, { error });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  todo.forEach((s, i) => {
    const d = drawn[i];
    if ('error' in d) d.error = shortError(d.error);
    else d.svg = paletteVars(d.svg, options.theme);
    out.set(s, d);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key(s), d);
  });
  return out;
}

type Page = Parameters<Parameters<BrowserSession['withPage']>[0]>[0];

/**
 * Writes the drawing page into `dir`, beside links to mermaid's script and the text font's
 * subsets the labels need; returns the page's path and the font family.
 */
function drawingPage(dir: string, sources: string[]): { path: string; font: string } {
  const points = new Set<number>();
  for (const s of sources) for (const ch of s) points.add(ch.codePointAt(0)!);
  const faces = facesFor(points);
  link(mermaidJs, join(dir, 'mermaid.min.js'));
  for (const f of faces) link(f.file, join(dir, basename(f.file)));
  const path = join(dir, 'draw.html');
  writeFileSync(path, `<!doctype html><html><head><meta charset="utf-8"><style>${fontsCss(faces)}</style><script src="mermaid.min.js"></script></head><body></body></html>`);
  return { path, font: `'${faces[0]?.family ?? 'Noto Sans SC'}'` };
}

/** A symbolic link, or a copy where links cannot be made (Windows without the privilege). */
function link(from: string, to: string): void {
  try {
    symlinkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

async function drawInPage(page: Page, drawing: { path: string; font: string }, sources: string[], theme: string): Promise<DiagramResult[]> {
  await page.goto(pathToFileURL(drawing.path).href, { waitUntil: 'load' });
  const ids = sources.map((s) => `lt-diagram-${createHash('sha1').update(`${theme}\u0000${s}`).digest('hex').slice(0, 10)}`);
  return page.evaluate(
    async (sources: string[], ids: string[], config: Record<string, unknown>, font: string) => {
      // The same SVG with its style sheet applied as attributes, for slides.pptx: PowerPoint's
      // and LibreOffice's SVG readers apply little of mermaid's CSS (shapes came out black).
      const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'];
      const flatten = (svg: string): string => {
        const host = document.createElement('div');
        host.innerHTML = svg;
        document.body.append(host);
        const root = host.querySelector('svg')!;
        // Every style is read before any is written: the selectors need the classes still there.
        const styled = [root, ...root.querySelectorAll('*')]
          .filter((el) => el.localName !== 'style')
          .map((el) => {
            const cs = getComputedStyle(el);
            const values = PROPS.map((p) => [p, cs.getPropertyValue(p)] as const).filter(([, v]) => v && v !== 'normal' && v !== 'auto');
            return { el, values, hidden: cs.display === 'none', em: parseFloat(cs.fontSize) };
          });
        for (const { el, values, hidden, em } of styled) {
          for (const [p, v] of values) el.setAttribute(p, v);
          // Labels are filled, never outlined (an actor's name took its box's stroke in LibreOffice).
          if (el.localName === 'text' || el.localName === 'tspan') el.setAttribute('stroke', 'none');
          // Line offsets in em (`dy="1.1em"`) as px: LibreOffice drops them, and the labels rise.
          for (const a of ['x', 'y', 'dx', 'dy']) {
            const m = /^(-?[\d.]+)em$/.exec(el.getAttribute(a) ?? '');
            if (m) el.setAttribute(a, String(Math.round(Number(m[1]) * em * 100) / 100));
          }
          if (hidden) el.setAttribute('display', 'none');
          el.removeAttribute('style');
          el.removeAttribute('class');
        }
        for (const st of root.querySelectorAll('style')) st.remove();
        // A line's words are a tspan each, placed by the browser's text flow; LibreOffice sets them
        // on top of each other. One text run per line instead.
        for (const line of root.querySelectorAll('tspan')) {
          const words = [...line.children];
          if (words.length > 1 && words.every((w) => w.localName === 'tspan' && !['x', 'y', 'dx', 'dy'].some((a) => w.hasAttribute(a)))) line.textContent = line.textContent;
        }
        const out = root.outerHTML;
        host.remove();
        return out;
      };
      const text = sources.join('');
      // Labels are measured as they are drawn: every face the text needs must be loaded first.
      await Promise.all(['400', '700'].map((w) => document.fonts.load(`${w} 18px ${font}`, text)));
      const mermaid = (window as unknown as { mermaid: { initialize(c: unknown): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      const results: ({ svg: string; flat: string } | { error: string })[] = [];
      for (let i = 0; i < sources.length; i++) {
        mermaid.initialize({ ...config, deterministicIds: true, deterministicIDSeed: ids[i] });
        try {
          await mermaid.parse(sources[i]);
          const { svg } = await mermaid.render(ids[i], sources[i]);
          results.push({ svg, flat: flatten(svg) });
        } catch (e) {
          results.push({ error: e instanceof Error ? e.message : String(e) });
        }
        // mermaid leaves its scratch element (and, after an error, a bomb icon) in the page.
        for (const el of [...document.body.children]) el.remove();
      }
      return results;
    },
    sources,
    ids,
    mermaidConfig(theme),
    drawing.font,
  );
}
