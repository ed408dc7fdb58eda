import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { highlightCode, parseFenceInfo } from '../../render/highlight.js';
import { builtInTemplatesDir } from '../../render/templates.js';
import { decodeEntities, plainRun, type Run } from './text.js';
import type { PptxTheme } from './theme.js';
import type { Lang } from '../../model/document.js';

// Code as the HTML deck highlights it (render/highlight.ts: highlight.js token classes), each
// token a run in the colour the theme gives its class (the `.hljs-*` rules of base.css and the
// theme's `--lt-code-*` colours), so code in the PPTX reads as it does on the slide.

/** A code block's lines as runs, with its type size (the planner's `fit=n` steps it down). */
export interface CodeLines {
  lines: Run[][];
  size: number;
  /** Source lines, for measuring. */
  text: string[];
}

/** Type size of code at fit step 0, 1, 2 (base.css: 22, 20, 18px). */
const SIZES = [22, 20, 18];

/** Highlighted code: one list of runs per source line, line numbers first when the fence asks. */
export function codeLines(source: string, info: string | undefined, theme: PptxTheme, lang: Lang): CodeLines {
  const fence = parseFenceInfo(info);
  const size = SIZES[Math.min(fence.fit ?? 0, SIZES.length - 1)];
  const html = highlightCode(source.replace(/\t/g, '    '), info);
  const colours = tokenColours(theme);
  const lines: Run[][] = [];
  const text: string[] = [];
  // Stepped highlights (`{1-3|4-6}`) show their last step, as slides.pdf prints the slide with every fragment shown (base.css lights up to 8 steps).
  const lit = fence.steps.length > 1 ? new RegExp(`\\blt-s${Math.min(fence.steps.length, 8)}\\b`) : /\blt-(?:hl|s1)\b/;
  const gutter = String(fence.start + source.replace(/\n$/, '').split('\n').length - 1).length;
  for (const m of html.matchAll(/<span class="lt-line([^"]*)" data-line="(\d+)"[^>]*>([\s\S]*?)<\/span>(?=<span class="lt-line|<\/code>)/g)) {
    const marked = lit.test(m[1]);
    const extra = marked ? { highlight: theme.codeHl } : {};
    const runs: Run[] = [];
    let plain = '';
    if (fence.lineNumbers) {
      const n = m[2].padStart(gutter, ' ') + '  ';
      runs.push(plainRun(n, { size, color: theme.codeColours.com ?? theme.muted, mono: true }, theme, lang));
      plain += n;
    }
    const stack: string[] = [];
    for (const t of m[3].matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
      if (t[1] !== undefined) stack.push(t[1]);
      else if (t[0] === '</span>') stack.pop();
      else {
        const s = decodeEntities(t[2]);
        const color = [...stack].reverse().map((c) => colourOf(c, colours)).find(Boolean) ?? theme.fg;
        runs.push(plainRun(s, { size, color, mono: true, italic: stack.includes('hljs-emphasis') }, theme, lang, extra));
        plain += s;
      }
    }
    if (runs.length === 0) runs.push(plainRun(' ', { size, color: theme.fg, mono: true }, theme, lang, extra));
    lines.push(runs);
    text.push(plain);
  }
  return { lines, size, text };
}

/**
 * The colour CSS would give a token span: of the rules whose classes it all has, the one with
 * the most classes, the later one on a tie (`hljs-title function_` takes `.hljs-title`'s).
 */
function colourOf(classAttr: string, colours: [string[], string][]): string | undefined {
  const have = new Set(classAttr.split(/\s+/));
  let best: [string[], string] | undefined;
  for (const rule of colours) if (rule[0].every((c) => have.has(c)) && (!best || rule[0].length >= best[0].length)) best = rule;
  return best?.[1];
}

let rules: [string[], string][] | undefined;

/**
 * Token class → colour, from base.css's `.hljs-*` rules (one class or two joined, as
 * `hljs-title class_`; rules for nested tokens are left out) and the theme's `--lt-code-*`.
 */
function tokenColours(theme: PptxTheme): [string[], string][] {
  rules ??= [...readFileSync(join(builtInTemplatesDir, 'themes', 'base.css'), 'utf8').matchAll(/([^{}]*\.hljs-[^{}]*)\{\s*color:\s*var\(--lt-code-(\w+)\)/g)].flatMap(([, selectors, name]) =>
    selectors
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^(\.[\w-]+)+$/.test(s))
      .map((s): [string[], string] => [s.slice(1).split('.'), name]),
  );
  return rules.flatMap(([classes, name]): [string[], string][] => (theme.codeColours[name] ? [[classes, theme.codeColours[name]]] : []));
}
