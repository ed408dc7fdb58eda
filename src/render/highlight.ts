import { createRequire } from 'node:module';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { escapeHtml } from './escape.js';
import { MAX_HANG, indentColumns } from '../text/layout.js';

/**
 * Code highlighting at build time (a render step): the deck's HTML carries highlight.js's
 * token spans (`hljs-keyword`…), coloured by the theme's CSS, so no highlighter runs in the
 * browser. highlight.js was chosen over Shiki by measurement (bench/lecture.ts, issue #16): on
 * the bench deck's listings it was 5–10× faster and its markup 2.7–4× smaller, since its tokens
 * are classes the themes colour rather than inline colours per token.
 */

/**
 * What a fence's info string asks for: ```` ```python {2,4-6} linenos ````, Slidev's
 * ```` ```ts {1-3|all} ````, reveal.js's ```` ```js [1-3|4] ```` or Quarto's
 * ```` ```{.python code-line-numbers="1-3|4"} ````.
 */
export interface FenceInfo {
  /** The language as written (`py`, `python`, `{.python .input}` → `python`), lower case. */
  lang?: string;
  /**
   * Lines to highlight, one set per step: `{2,4-6}` is one step, Slidev's `{1-3|4-6|all}` and
   * reveal.js's `[1-3|4]` several, the first shown on entering the slide and each further one
   * as a fragment. A step may be empty (`[|4]`, `{none}`, `{0}`: nothing lit); `all`/`*` is
   * every line (given the line count). Empty when nothing is highlighted.
   */
  steps: Set<number>[];
  /** Show line numbers (`linenos`, `showLineNumbers`, `.numberLines`, `start=N`, or steps in `[…]`). */
  lineNumbers: boolean;
  /** Number of the first line (`start=N`, `startFrom=N`): a continuation keeps the original numbers. */
  start: number;
  /** Smaller type, step 1 or 2 (`fit=n`, set by the planner for code that would not fit). */
  fit?: number;
  /** Less padding (`compact`, set by the planner for an outline's formulas and diagrams). */
  compact?: boolean;
}

/** A line-highlight spec: ranges, `all`/`*`, `none`/`0`, steps split by `|` (`{1-3|4-6|all}`). */
const STEP_SPEC = /^(?:[\d\s,|*-]|all|none)*$/i;

/**
 * Most steps one listing may have: base.css has a rule per step (`.lt-s1`…`.lt-s8`). Steps after
 * the 8th are dropped rather than given a click that changes nothing.
 */
export const MAX_STEPS = 8;

/**
 * Parses a fence's info string. Never throws: what it does not know it ignores. `lineCount`
 * (the listing's number of lines) is what `all`/`*` stands for; without it they mark no line.
 */
export function parseFenceInfo(info: string | undefined, lineCount = 0): FenceInfo {
  const out: FenceInfo = { steps: [], lineNumbers: false, start: 1 };
  let rest = (info ?? '').trim();
  // Quarto's steps, an attribute: {.python code-line-numbers="|1-3|4"}
  let attrSpec: string | undefined;
  // Pandoc attributes: {.python .input startFrom="3"}
  const attrs = /^\{([^}]*)\}/.exec(rest);
  if (attrs && /(^|\s)\./.test(attrs[1])) {
    const classes = [...attrs[1].matchAll(/(?:^|\s)\.([\w+#-]+)/g)].map((m) => m[1]);
    out.lang = classes.find((c) => !/^(input|numberLines|number-lines|lineAnchors)$/i.test(c))?.toLowerCase();
    if (classes.some((c) => /^number-?lines$/i.test(c))) out.lineNumbers = true;
    const from = /startFrom\s*=\s*"?(\d+)/i.exec(attrs[1]);
    if (from) out.start = Number(from[1]);
    // Quarto: `code-line-numbers="true"` numbers the lines, a spec also highlights (and numbers, as reveal.js does).
    const quarto = /code-line-numbers\s*=\s*"([^"]*)"/i.exec(attrs[1]);
    if (quarto && /^\s*true\s*$/i.test(quarto[1])) out.lineNumbers = true;
    else if (quarto && STEP_SPEC.test(quarto[1])) {
      attrSpec = quarto[1];
      out.lineNumbers = true;
    }
    rest = rest.slice(attrs[0].length).trim();
  } else {
    // The first word is the language unless it is an option: a fence with no language still
    // carries the planner's `fit=n start=N` or `compact` (plan/code.ts), and the author's `linenos`.
    const lang = /^([^\s{[]+)/.exec(rest);
    if (lang && !/=|^(?:compact|linenos|showLineNumbers|line-numbers|numberLines)$/i.test(lang[1])) {
      out.lang = lang[1].toLowerCase();
      rest = rest.slice(lang[0].length).trim();
    }
  }
  const every = { from: out.start, to: out.start + lineCount - 1 };
  const braces = /\{([^}]*)\}/.exec(rest);
  const brackets = /\[((?:[\d\s,|*-]|all|none)*)\]/i.exec(rest);
  const spec = attrSpec ?? brackets?.[1] ?? (braces && /[\d*]|all|none/i.test(braces[1]) && STEP_SPEC.test(braces[1]) ? braces[1] : undefined);
  if (brackets) out.lineNumbers = true;
  const start = /(?:^|\s)(?:start|startFrom|startLine)\s*=\s*"?(\d+)/i.exec(rest);
  if (start) {
    out.start = Number(start[1]);
    out.lineNumbers = true;
    every.from = out.start;
    every.to = out.start + lineCount - 1;
  }
  if (spec !== undefined) out.steps = steps(spec, every);
  if (/(^|\s)(linenos|showLineNumbers|line-numbers|numberLines)(\s|$)/i.test(rest)) out.lineNumbers = true;
  const fit = /(?:^|\s)fit=(\d)/.exec(rest);
  if (fit) out.fit = Number(fit[1]);
  if (/(?:^|\s)compact(?:\s|$)/.test(rest)) out.compact = true;
  return out;
}

/**
 * The steps of a spec, as reveal.js and Slidev read them: an empty step (`[|4]`) or `none`/`0`
 * lights nothing, `all`/`*` every line. Steps that light nothing anywhere make no steps (`[]`,
 * `{0}`), and neither does one lone `{all}`/`{*}`: Slidev shows it as plain code.
 */
function steps(spec: string, every: { from: number; to: number }): Set<number>[] {
  const parts = spec.split('|').slice(0, MAX_STEPS);
  const sets = parts.map((p) => lineSet(p, every));
  if (sets.every((s) => s.size === 0)) return [];
  if (sets.length === 1 && /^\s*(?:all|\*)\s*$/i.test(parts[0])) return [];
  return sets;
}

function lineSet(spec: string, every: { from: number; to: number }): Set<number> {
  const set = new Set<number>();
  for (const part of spec.split(',')) {
    if (/^\s*(?:all|\*)\s*$/i.test(part)) {
      for (let n = every.from; n <= every.to && n - every.from < 10_000; n++) set.add(n);
      continue;
    }
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a === 0 && b === 0) continue; // `0`: no line, as `none`
    for (let n = Math.min(a, b); n <= Math.max(a, b) && n - a < 10_000; n++) set.add(n);
  }
  return set;
}

const require = createRequire(import.meta.url);
let core: HLJSApi | undefined;
let full: HLJSApi | undefined;

/** Common names that are not a highlight.js language file's own name. */
const ALIASES: Record<string, string> = {
  py: 'python', js: 'javascript', jsx: 'javascript', mjs: 'javascript', ts: 'typescript', tsx: 'typescript',
  sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', h: 'c', cs: 'csharp',
  'c#': 'csharp', fs: 'fsharp', 'f#': 'fsharp', rs: 'rust', golang: 'go', yml: 'yaml', html: 'xml', xhtml: 'xml',
  svg: 'xml', md: 'markdown', rb: 'ruby', kt: 'kotlin', hs: 'haskell', ml: 'ocaml', tex: 'latex', ps1: 'powershell',
  dockerfile: 'dockerfile', docker: 'dockerfile', make: 'makefile', jsonc: 'json', text: 'plaintext', txt: 'plaintext',
  plain: 'plaintext', r: 'r', objc: 'objectivec', vue: 'xml', sol: 'javascript',
};

/**
 * highlight.js with `lang` registered, or undefined when highlight.js does not know it. Each
 * language file is loaded the first time a deck uses it (a few ms), not all 190 at start.
 */
function hljsFor(lang: string): { api: HLJSApi; name: string } | undefined {
  core ??= require('highlight.js/lib/core') as HLJSApi;
  if (core.getLanguage(lang)) return { api: core, name: lang };
  const name = ALIASES[lang] ?? lang;
  if (/^[a-z0-9-]+$/.test(name)) {
    try {
      const def = require(`highlight.js/lib/languages/${name}`) as LanguageFn | { default: LanguageFn };
      core.registerLanguage(name, typeof def === 'function' ? def : def.default);
      if (name !== lang) core.registerAliases(lang, { languageName: name });
      return { api: core, name };
    } catch {
      // Not a file name: an alias only the full bundle knows (e.g. `pl` for Perl).
    }
  }
  full ??= require('highlight.js') as HLJSApi;
  return full.getLanguage(lang) ? { api: full, name: lang } : undefined;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 5000;

/**
 * A fenced code block as highlighted HTML: `<pre class="lt-code">` with one `.lt-line` per
 * source line (numbered with `data-line`), highlighted lines marked `lt-hl` (or `lt-s<k>` for
 * step k, with a fragment marker per later step). Unknown or absent languages are escaped
 * only. Results are cached by content, so a rebuild (or the bench) pays once per block.
 */
export function highlightCode(code: string, info: string | undefined): string {
  const key = `${info ?? ''}\u0000${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const body = code.replace(/\n$/, '');
  const html = build(body, parseFenceInfo(info, body.split('\n').length));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}

function build(code: string, f: FenceInfo): string {
  const hl = f.lang ? hljsFor(f.lang) : undefined;
  const body = hl ? hl.api.highlight(code, { language: hl.name, ignoreIllegals: true }).value : escapeHtml(code);
  const stepped = f.steps.length > 1;
  const source = code.split('\n');
  const lines = splitLines(body).map((html, i) => {
    const n = f.start + i;
    const classes = ['lt-line'];
    if (stepped) f.steps.forEach((s, k) => s.has(n) && classes.push(`lt-s${k + 1}`));
    else if (f.steps[0]?.has(n)) classes.push('lt-hl');
    // A long line wraps under its own indent, 2ch in (base.css); the planner measures it so (text/layout.ts).
    const indent = Math.min(indentColumns(source[i] ?? ''), MAX_HANG);
    return `<span class="${classes.join(' ')}" data-line="${n}"${indent ? ` style="--lt-indent:${indent}"` : ''}>${html}</span>`;
  });
  const pre = ['lt-code'];
  if (f.lineNumbers) pre.push('lt-numbered');
  if (f.steps.length) pre.push('lt-focus');
  if (f.fit) pre.push(`lt-fit-${f.fit}`);
  if (f.compact) pre.push('lt-compact');
  const width = String(f.start + lines.length - 1).length;
  const lang = hl ? ` language-${hl.name}` : '';
  const markers = f.steps.slice(1).map((_, k) => `<span class="fragment lt-step lt-step-${k + 2}" aria-hidden="true"></span>`);
  const data = f.lang ? ` data-lang="${escapeHtml(f.lang)}"` : '';
  return `<pre class="${pre.join(' ')}"${data} style="--lt-gutter:${width + 1}ch"><code class="hljs${lang}">${lines.join('')}</code>${markers.join('')}</pre>\n`;
}

/**
 * Splits highlighted HTML into lines, closing the spans open at a line end and opening them
 * again on the next line (a multi-line string or comment), so each line is whole markup.
 */
export function splitLines(html: string): string[] {
  const out: string[] = [];
  const open: string[] = [];
  let line = '';
  const re = /(<span[^>]*>)|(<\/span>)|(\n)|([^<\n]+|<)/g;
  for (const m of html.matchAll(re)) {
    if (m[1]) {
      open.push(m[1]);
      line += m[1];
    } else if (m[2]) {
      open.pop();
      line += m[2];
    } else if (m[3]) {
      out.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else line += m[4];
  }
  out.push(line + '</span>'.repeat(open.length));
  return out;
}
