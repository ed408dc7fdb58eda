import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type Katex from 'katex';
import type { Diagnostic } from '../model/diagnostics.js';
import { findMath } from '../ingest/math-syntax.js';
import { escapeHtml } from './escape.js';
import { authoredRowBreaks } from '../text/math-spans.js';

/**
 * Math at build time (a render step): TeX in a slide's finished HTML (`$…$`, `$$…$$`,
 * `\(…\)`, `\[…\]`, as src/ingest/math-syntax.ts finds and normalizes it) becomes KaTeX's
 * markup, so the deck needs only KaTeX's stylesheet and the font files its formulas use, no
 * script. Text inside `<code>`, `<pre>`, `<script>`, `<style>` and the speaker notes is left
 * alone. TeX that KaTeX cannot read stays as its source in monospace, with a warning.
 */
export interface TypesetResult {
  html: string;
  /** True when the HTML holds at least one formula (the deck then needs KaTeX's CSS). */
  math: boolean;
  diagnostics: Diagnostic[];
}

const cache = new Map<string, { html: string; error?: string }>();
const CACHE_LIMIT = 20_000;

function typeset(tex: string, display: boolean): { html: string; error?: string } {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let out: { html: string; error?: string };
  try {
    out = { html: katexLib().renderToString(tex, { displayMode: display, throwOnError: true, strict: 'ignore', trust: false, output: 'htmlAndMathml' }) };
  } catch (e) {
    out = { html: '', error: e instanceof Error ? e.message.replace(/^KaTeX parse error:\s*/, '') : String(e) };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, out);
  return out;
}

/** Elements whose text is never math (an `<svg>` is a diagram, src/render/mermaid.ts). */
const SKIP = /^<(code|pre|script|style|textarea|svg|aside(?= class="notes"))[\s>]/i;

/**
 * Typesets the TeX in `html`. `pos` is where the slide's content came from, for warnings.
 */
export function typesetMath(html: string, pos?: { file: string; line: number }): TypesetResult {
  if (!/\$|\\[([]/.test(html)) return { html, math: false, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let math = false;
  let out = '';
  let skipDepth = 0;
  let skipTag = '';
  // Tags and text alternate; a skipped element's text is copied through untouched.
  for (const m of html.matchAll(/(<[^>]*>)|([^<]+)/g)) {
    if (m[1]) {
      const tag = m[1];
      if (skipDepth === 0) {
        const s = SKIP.exec(tag);
        if (s) {
          skipTag = s[1].toLowerCase();
          skipDepth = 1;
        }
      } else if (tag.startsWith(`<${skipTag}`) && /^<\w+[\s>]/.test(tag)) skipDepth++;
      else if (tag.startsWith(`</${skipTag}`)) skipDepth--;
      out += tag;
      continue;
    }
    const text = m[2];
    if (skipDepth > 0) {
      out += text;
      continue;
    }
    const decoded = decode(text);
    const spans = findMath(decoded);
    if (!spans.length) {
      out += text;
      continue;
    }
    let last = 0;
    for (const span of spans) {
      out += escapeHtml(decoded.slice(last, span.start));
      last = span.end;
      const source = decoded.slice(span.start, span.end);
      const r = span.loose && !looksLikeTex(span.tex) ? { html: '', error: 'not TeX' } : typeset(span.display ? authoredRowBreaks(span.tex) : span.tex, span.display);
      if (r.error === undefined) {
        math = true;
        out += r.html;
      } else if (span.loose) {
        // `\(x\)` that is not TeX: most likely escaped brackets, as Markdown would show them.
        out += escapeHtml(source.replace(/^\\([([])/, '$1').replace(/\\([)\]])$/, '$1'));
      } else {
        out += `<code class="lt-math-error">${escapeHtml(source)}</code>`;
        diagnostics.push({ severity: 'warning', message: `could not typeset ${clip(source)} (${r.error}); it is shown as TeX source`, ...(pos?.file ? { pos } : {}) });
      }
    }
    out += escapeHtml(cutShort(decoded.slice(last)));
  }
  return { html: out, math, diagnostics };
}

/**
 * Text that a length budget cut inside a formula ("并有二维向量$\mathbf{x} = [x_1…") ends
 * with "…" at the cut, not with half a formula's TeX: the open formula goes, the "…" stays.
 */
function cutShort(text: string): string {
  return text.replace(/(?:\$\$?|\\\(|\\\[)(?=[^$]*[\\^_{])[^$]*…$/, '…');
}

/**
 * Whether `\(…\)` / `\[…\]` with one backslash holds TeX rather than words in escaped
 * brackets ("在 \[自由代码\] 下工作"): no Han characters, and a command, script or
 * operator, or a single symbol.
 */
function looksLikeTex(tex: string): boolean {
  return !/\p{Script=Han}/u.test(tex) && (/[\\^_=+<>]/.test(tex) || /^\s*\w\s*$/.test(tex));
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** Text of HTML: the named entities escapers write, and numeric ones (Handlebars writes `=` as `&#x3D;`). */
function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|nbsp|#\d+|#x[\da-f]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : all;
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0' } as Record<string, string>)[e.toLowerCase()] ?? all;
  });
}

// ---------------------------------------------------------------------------------------
// KaTeX's stylesheet and fonts: only the faces the deck's formulas use are shipped.
// ---------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
let katexModule: typeof Katex | undefined;
/** KaTeX, loaded on the first formula: a deck without math (and every CLI start) skips its 75 ms. */
function katexLib(): typeof Katex {
  return (katexModule ??= require('katex') as typeof Katex);
}

/** A KaTeX font face: its family, style and weight, and the woff2 file. */
interface KatexFace {
  key: string;
  rule: string;
  file: string;
}

let parsed: { css: string; faces: KatexFace[]; rules: { classes: string[]; key: string }[] } | undefined;

function katexCss() {
  if (parsed) return parsed;
  const dist = dirname(require.resolve('katex/dist/katex.min.css'));
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  const faces: KatexFace[] = [];
  for (const m of css.matchAll(/@font-face\{[^}]*\}/g)) {
    const rule = m[0];
    const family = /font-family:(KaTeX_\w+)/.exec(rule)?.[1];
    const file = /url\((fonts\/[^)]+\.woff2)\)/.exec(rule)?.[1];
    if (!family || !file) continue;
    const key = faceKey(family, /font-style:italic/.test(rule), /font-weight:(700|bold)/.test(rule));
    faces.push({ key, rule, file: join(dist, file) });
  }
  const rules: { classes: string[]; key: string }[] = [];
  for (const m of css.matchAll(/([^{}@]+)\{([^{}]*KaTeX_\w+[^{}]*)\}/g)) {
    const family = /KaTeX_\w+/.exec(m[2])![0];
    const key = faceKey(family, /italic/.test(m[2]), /font-weight:(700|bold)/.test(m[2]));
    for (const selector of m[1].split(',')) rules.push({ classes: [...selector.matchAll(/\.([\w-]+)/g)].map((c) => c[1]), key });
  }
  parsed = { css, faces, rules };
  return parsed;
}

function faceKey(family: string, italic: boolean, bold: boolean): string {
  return `${family}/${italic ? 'italic' : 'normal'}/${bold ? 700 : 400}`;
}

/**
 * KaTeX's stylesheet for a deck (at `lib/katex/katex.css`) and the woff2 files of the faces
 * whose rules match classes in `html` (at `lib/katex/fonts/`). A face counts as used when
 * every class of one of its selectors occurs in the HTML: a superset of what Chromium will
 * ask for, and a fraction of the 20 faces (a formula with a sum and a fraction: 3–5 files).
 */
export function katexFiles(html: string): { path: string; content?: string; from?: string }[] {
  const { css, faces, rules } = katexCss();
  const used = new Set<string>();
  for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1].split(/\s+/)) used.add(c);
  // The base face of every formula (`.katex { font: … KaTeX_Main }`).
  const keys = new Set([faceKey('KaTeX_Main', false, false)]);
  for (const r of rules) if (r.classes.length && r.classes.every((c) => used.has(c))) keys.add(r.key);
  const kept = faces.filter((f) => keys.has(f.key));
  const sheet = css
    .replace(/@font-face\{[^}]*\}/g, (rule) => {
      const face = kept.find((f) => f.rule === rule);
      // Only the woff2 file is shipped; the woff and ttf fallbacks would be requests that fail.
      return face ? rule.replace(/src:[^;}]*/, `src:url(fonts/${basename(face.file)}) format("woff2")`) : '';
    });
  return [{ path: 'lib/katex/katex.css', content: sheet }, ...kept.map((f) => ({ path: `lib/katex/fonts/${basename(f.file)}`, from: f.file }))];
}
