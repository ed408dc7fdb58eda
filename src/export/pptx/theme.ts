import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInTemplatesDir } from '../../render/templates.js';

/** A theme's colours (hex without `#`, as pptxgenjs takes them) and type faces for the PPTX. */
export interface PptxTheme {
  bg: string;
  fg: string;
  muted: string;
  accent: string;
  rule: string;
  codeBg: string;
  /** Background of highlighted code lines. */
  codeHl: string;
  /** Code token colours by name (`kw`, `str`, `com`, `num`, `fn`, `type`: the `--lt-code-*` properties). */
  codeColours: Record<string, string>;
  /** Colour of the rule under a heading: the accent, or the text colour in the contrast theme. */
  headingRule: string;
  /** Colour of the attribution under a question or quote. */
  cite: string;
  /** Latin and East Asian face of all text (the run's `latin` and `ea` typefaces). */
  font: string;
  /** Face of code. */
  mono: string;
}

/**
 * Noto Sans SC, the face the HTML deck bundles, is named for Latin and East Asian text alike.
 * Where it is not installed, PowerPoint substitutes by the run's character set (pptxgenjs marks
 * `ea` as GB2312, so a Simplified Chinese face such as Microsoft YaHei or DengXian is used) and
 * LibreOffice through fontconfig (Noto Sans CJK SC on Linux).
 */
export const PPTX_FONT = 'Noto Sans SC';

/**
 * Courier New for code: the deck's DejaVu Sans Mono is rare on Windows and macOS, and a missing
 * face is replaced by a proportional one there (pptxgenjs marks every face as proportional).
 * Courier New is everywhere (LibreOffice maps it to Liberation Mono) and is as wide (0.6 em) as
 * the face the layout model measures code in.
 */
export const PPTX_MONO = 'Courier New';

/** Code token colours a theme sets (`--lt-code-<name>`). */
const CODE_TOKENS = ['kw', 'str', 'com', 'num', 'fn', 'type'] as const;

const cache = new Map<string, PptxTheme>();

/**
 * Reads a built-in theme's colours from its stylesheet (`templates/themes/<name>.css`, the
 * `--lt-*` custom properties over those of base.css), so the PPTX follows the theme files
 * rather than a second copy of their values.
 */
export function pptxTheme(name: string): PptxTheme {
  const hit = cache.get(name);
  if (hit) return hit;
  const base = readFileSync(join(builtInTemplatesDir, 'themes', 'base.css'), 'utf8');
  let own = '';
  try {
    own = readFileSync(join(builtInTemplatesDir, 'themes', `${name}.css`), 'utf8');
  } catch {
    // An unknown theme was refused when the config was resolved; base.css's colours stand.
  }
  const vars = { ...cssVars(base), ...cssVars(own) };
  const color = (v: string) => hex(vars[v] ?? '#000000');
  // The contrast theme draws the heading rule in the text colour and sets the cite in the accent.
  const ruleFg = /\.lt-heading\s*\{[^}]*border-bottom-color:\s*var\(--lt-fg\)/.test(own);
  const citeAccent = /\.lt-cite[^{]*\{[^}]*color:\s*var\(--lt-accent\)/.test(own);
  const theme: PptxTheme = {
    bg: color('--lt-bg'),
    fg: color('--lt-fg'),
    muted: color('--lt-muted'),
    accent: color('--lt-accent'),
    rule: color('--lt-rule'),
    codeBg: color('--lt-code-bg'),
    codeHl: color('--lt-code-hl'),
    codeColours: Object.fromEntries(CODE_TOKENS.map((name) => [name, color(`--lt-code-${name}`)])),
    headingRule: ruleFg ? color('--lt-fg') : color('--lt-accent'),
    cite: citeAccent ? color('--lt-accent') : color('--lt-muted'),
    font: PPTX_FONT,
    mono: PPTX_MONO,
  };
  cache.set(name, theme);
  return theme;
}

/** `--lt-name: value;` declarations of a stylesheet's `:root` rules. */
function cssVars(css: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of css.matchAll(/:root\s*\{([^}]*)\}/g)) {
    for (const m of rule[1].matchAll(/(--lt-[\w-]+)\s*:\s*([^;]+);/g)) out[m[1]] = m[2].trim();
  }
  return out;
}

/** `#abc` or `#aabbcc` as `AABBCC`. */
function hex(value: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return '000000';
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return h.toUpperCase();
}
