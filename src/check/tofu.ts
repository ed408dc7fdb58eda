import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { filesCoverage, inRanges, merge, needsGlyph, systemFonts, type Ranges, type SystemFonts } from './coverage.js';

/** A font Chromium used to draw a node's text, as `CSS.getPlatformFontsForNode` reports it. */
export interface PlatformFont {
  familyName: string;
  postScriptName?: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** Font findings for one slide. */
export interface FontFinding {
  index: number;
  /** Characters no font available to the page has: drawn as `.notdef` boxes. */
  tofu: string[];
  /** Where the first tofu character is, e.g. `p "𐲀𐲁 Old Hungarian"`. */
  tofuWhere?: string;
  /** How many text elements on the slide have tofu. */
  tofuElements: number;
  /** System fonts outside the deck's fonts and the theme's font stack that drew some text. */
  fallbackFonts: string[];
  /** Characters that only such a fallback font has. */
  fallbackChars: string[];
}

export interface TextElement {
  index: number;
  text: string;
  /** Computed `font-family`, lower-cased names without quotes. */
  stack: string[];
  where: string;
}

// Marks every element inside a slide frame that has text of its own, in document order.
const markSource = String.raw`(() => {
  const out = [];
  let k = 0;
  for (const frame of document.querySelectorAll('section[data-slide] .lt-frame')) {
    const index = Number(frame.closest('section[data-slide]').getAttribute('data-slide'));
    // A box clipped to a pixel (KaTeX's MathML copy for screen readers, an .sr-only label) is
    // never drawn: its text is not looked at, nor is anything inside it.
    const unseen = (el) => {
      const cs = getComputedStyle(el);
      if (cs.clip === 'auto' && cs.clipPath === 'none') return false;
      const r = el.getBoundingClientRect();
      return r.width <= 1 && r.height <= 1;
    };
    const walker = document.createTreeWalker(frame, NodeFilter.SHOW_ELEMENT, { acceptNode: (el) => (unseen(el) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) });
    for (let el = frame; el; el = walker.nextNode()) {
      let text = '';
      for (const child of el.childNodes) if (child.nodeType === 3) text += child.data;
      if (!text.trim()) continue;
      el.setAttribute('data-lt-text', String(k++));
      const stack = getComputedStyle(el).fontFamily.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '').toLowerCase());
      const snippet = text.replace(/\s+/g, ' ').trim();
      const cls = el.classList.length ? '.' + el.classList[0] : '';
      out.push({ index, text, stack, where: el.tagName.toLowerCase() + cls + ' "' + (snippet.length > 40 ? snippet.slice(0, 39) + '…' : snippet) + '"' });
    }
  }
  // The faces the page loaded, by family and range; the files behind them are read from the
  // style sheets outside the page (findTofu): a file: page may not read its sheets' rules, and
  // Chromium keeps no resource timing for file: URLs.
  const key = (family, range) => (family.replace(/^["']|["']$/g, '') + '|' + (range || 'U+0-10FFFF')).toLowerCase().replace(/\s+/g, '');
  const loaded = [...document.fonts].filter((f) => f.status === 'loaded').map((f) => key(f.family, f.unicodeRange));
  const sheets = [...document.styleSheets].map((s) => s.href).filter(Boolean);
  return { elements: out, loaded, sheets };
})()`;

const unmarkSource = `document.querySelectorAll('[data-lt-text]').forEach((e) => e.removeAttribute('data-lt-text'))`;

/** Chromium's last-resort font names: macOS draws missing glyphs with Apple's "LastResort". */
const lastResort = /last\s*resort/i;

/**
 * Finds text drawn without a font that has its glyphs, slide by slide.
 *
 * Chromium does not say which glyphs were `.notdef`: `CSS.getPlatformFontsForNode` names the
 * font each run was shaped with, and when no font has a character the run is shaped with one
 * of the stack's fonts anyway (the primary web font or the next system font), so the report
 * looks normal. So a character counts as tofu when no font the page could use has it: the
 * deck's web fonts that the page loaded (their cmaps, read with `fc-query`) and the installed
 * TrueType/CFF fonts (`fc-list`), which is where Chromium on Linux looks for a fallback.
 * Without fontconfig's tools, a run drawn with a font called "LastResort" counts instead.
 * The DevTools report also names system fonts outside the theme's stack that drew text
 * (a fallback the deck does not control), reported as a warning.
 */
export async function findTofu(page: Page): Promise<FontFinding[]> {
  const { elements, loaded, sheets } = (await page.evaluate(markSource)) as { elements: TextElement[]; loaded: string[]; sheets: string[] };
  const fontFiles = loadedFontFiles(sheets, new Set(loaded));
  const cdp = await page.createCDPSession();
  const fonts: PlatformFont[][] = [];
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-lt-text]' });
    if (nodeIds.length !== elements.length) throw new Error(`font check: ${nodeIds.length} DOM nodes for ${elements.length} text elements`);
    // All asked at once: the answers come in order, without a round trip each.
    fonts.push(...(await Promise.all(nodeIds.map(async (nodeId) => ((await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts ?? []) as PlatformFont[]))));
  } finally {
    await page.evaluate(unmarkSource).catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
  const deck = deckCoverage(fontFiles);
  return judge(elements, fonts, deck, systemFonts());
}

/**
 * The `file:` URLs of the web font files behind the faces the page loaded (`loaded`: keys
 * `family|unicode-range`, lower case without white space, as the page's markSource writes them
 * from `document.fonts`), read from the `@font-face` rules of its local style sheets (`sheets`, URLs).
 */
export function loadedFontFiles(sheets: string[], loaded: Set<string>): string[] {
  const key = (family: string, range: string | undefined) => `${family.replace(/^["']|["']$/g, '')}|${range || 'U+0-10FFFF'}`.toLowerCase().replace(/\s+/g, '');
  const files: string[] = [];
  for (const href of sheets) {
    if (!href.startsWith('file:')) continue;
    let css: string;
    try {
      css = readFileSync(fileURLToPath(href.replace(/[?#].*$/, '')), 'utf8');
    } catch {
      continue;
    }
    for (const rule of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
      const family = /font-family:\s*([^;}]+)/.exec(rule)?.[1].trim();
      const url = /url\(\s*["']?([^"')]+)/.exec(rule)?.[1];
      if (!family || !url || url.startsWith('data:') || !loaded.has(key(family, /unicode-range:\s*([^;}]+)/.exec(rule)?.[1]))) continue;
      const file = new URL(url, href).href;
      if (/^file:.*\.(woff2?|ttf|otf)([?#].*)?$/i.test(file)) files.push(file);
    }
  }
  return files;
}

/** Coverage of the web font files the page loaded; null when one cannot be read. */
function deckCoverage(urls: string[]): Ranges | null {
  // filesCoverage reads each path once.
  const paths: string[] = [];
  for (const url of urls) {
    try {
      paths.push(fileURLToPath(url.replace(/[?#].*$/, '')));
    } catch {
      continue;
    }
  }
  const all: Ranges = [];
  for (const ranges of filesCoverage(paths).values()) {
    if (!ranges) return null;
    all.push(...ranges);
  }
  return merge(all);
}

const generic = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'emoji', 'math', 'fangsong', 'ui-serif', 'ui-sans-serif', 'ui-monospace', 'ui-rounded']);

/** Decides tofu and fallback per slide from the page's text, the fonts Chromium used, and font coverage. */
export function judge(elements: TextElement[], fonts: PlatformFont[][], deck: Ranges | null, system: SystemFonts | null): FontFinding[] {
  type Acc = { index: number; where?: string; elements: number; tofu: Set<string>; fallback: Set<string>; fonts: Set<string> };
  const bySlide = new Map<number, Acc>();
  elements.forEach((el, i) => {
    const used = fonts[i] ?? [];
    if (used.length === 0) return; // not rendered
    let acc = bySlide.get(el.index);
    if (!acc) bySlide.set(el.index, (acc = { index: el.index, elements: 0, tofu: new Set(), fallback: new Set(), fonts: new Set() }));
    const named = el.stack.filter((n) => !generic.has(n));
    const chars = [...new Set([...el.text].filter(needsGlyph))].filter((ch) => !(deck && inRanges(deck, ch.codePointAt(0)!)));
    const inStack = (cp: number) => named.some((n) => inRanges(system?.byFamily.get(n) ?? [], cp));
    let tofu: string[] = [];
    const fallback: string[] = [];
    if (system) {
      for (const ch of chars) {
        const cp = ch.codePointAt(0)!;
        if (!inRanges(system.all, cp)) tofu.push(ch);
        else if (!inStack(cp)) fallback.push(ch);
      }
    } else if (used.some((u) => lastResort.test(u.familyName))) tofu = chars;
    if (tofu.length) {
      acc.where ??= el.where;
      acc.elements++;
      for (const ch of tofu) acc.tofu.add(ch);
    }
    for (const u of used) {
      if (u.isCustomFont || lastResort.test(u.familyName) || named.includes(u.familyName.toLowerCase())) continue;
      // With fontconfig's data, name a fallback font only when it drew a character the stack lacks.
      const drew = system ? fallback.filter((ch) => inRanges(system.byFamily.get(u.familyName.toLowerCase()) ?? [], ch.codePointAt(0)!)) : [];
      if (system && drew.length === 0) continue;
      acc.fonts.add(u.familyName);
      for (const ch of drew) acc.fallback.add(ch);
    }
  });
  return [...bySlide.values()]
    .filter((a) => a.tofu.size || a.fonts.size)
    .map((a) => ({ index: a.index, tofu: [...a.tofu], tofuWhere: a.where, tofuElements: a.elements, fallbackFonts: [...a.fonts], fallbackChars: [...a.fallback] }))
    .sort((a, b) => a.index - b.index);
}
