import { Marked, type Token } from 'marked';
import type { DeckPlan } from '../model/plan.js';
import { highlightCode, parseFenceInfo } from './highlight.js';

/**
 * Diagrams at build time (a render step, issue #16): a ```` ```mermaid ```` fence becomes the
 * SVG mermaid drew for it in the run's browser (src/browser/mermaid.ts), inline in the slide,
 * so the deck runs no script for it and its labels are text in the PDF. This file is the pure
 * half: which fences a plan has, the mermaid settings for a deck theme, and the markup of a
 * diagram or of its fallback (the source as a code block).
 */

/**
 * What the browser made of one diagram: its SVG (and the same with its styles as attributes,
 * for slides.pptx), or why there is none.
 */
export type DiagramResult = { svg: string; flat?: string } | { error: string };

/** Rendered diagrams of a deck, by the fence's text (marked's `token.text`). */
export type Diagrams = ReadonlyMap<string, DiagramResult>;

/** True when a fence's info string names mermaid (```` ```mermaid ````, `{.mermaid}`). */
export function isMermaid(info: string | undefined): boolean {
  return parseFenceInfo(info).lang === 'mermaid';
}

/**
 * The texts of the mermaid fences on a deck's slides, each once, in slide order. Read with
 * marked's lexer, as the Markdown renderer reads them, so a key found here is the key the
 * renderer looks up.
 */
export function mermaidSources(plan: DeckPlan): string[] {
  const found = new Set<string>();
  const lexer = new Marked({ gfm: true });
  const walk = (tokens: Token[]) =>
    lexer.walkTokens(tokens, (t) => {
      if (t.type === 'code' && isMermaid(t.lang)) found.add(t.text);
    });
  for (const slide of plan.slides) {
    for (const body of [slide.body, ...(slide.columns ?? [])]) {
      // Cheap look first: most slides hold no fence at all.
      if (body && /mermaid/i.test(body)) walk(lexer.lexer(body));
    }
  }
  return [...found];
}

/**
 * The built-in themes' palettes (templates/themes/*.css), as mermaid's `base` theme variables;
 * `series` are the code token colours (blue, green, purple, brown), for a pie's slices.
 */
const PALETTES: Record<string, { bg: string; fg: string; muted: string; accent: string; rule: string; fill: string; series: string[] }> = {
  light: { bg: '#fbfaf7', fg: '#1d2433', muted: '#596173', accent: '#b4441f', rule: '#e3ded3', fill: '#f1eee6', series: ['#1c5894', '#2d6a1e', '#7a3e9d', '#7d5200'] },
  dark: { bg: '#161b26', fg: '#eef1f6', muted: '#a9b2c3', accent: '#f0a94a', rule: '#3a4356', fill: '#222a38', series: ['#86c1ff', '#a9d98b', '#d7b0ff', '#f3cc7a'] },
  contrast: { bg: '#ffffff', fg: '#000000', muted: '#262626', accent: '#0038a8', rule: '#6e6e6e', fill: '#e8e8e8', series: ['#8b0000', '#0b4d00', '#4b0082', '#5c3400'] },
};

/** The deck's text font (base.css `--lt-font`): labels are measured and set in it. */
export const DIAGRAM_FONT = "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif";

/**
 * mermaid's configuration for a deck theme: the `base` theme coloured from the deck's palette
 * (nodes on the code background, ink lines and text, the accent for borders), labels as SVG
 * text (`htmlLabels: false`: no `<foreignObject>` HTML, so the PDF holds the labels as text in
 * the deck's fonts), and `strict` security (no click handlers, labels escaped). Unknown themes
 * (a user's) take the light palette.
 */
export function mermaidConfig(theme: string): Record<string, unknown> {
  const p = PALETTES[theme] ?? PALETTES.light;
  const dark = theme === 'dark';
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    darkMode: dark,
    htmlLabels: false,
    fontFamily: DIAGRAM_FONT,
    // An edge's label on a solid patch of the slide's background, not mermaid's half-transparent one.
    themeCSS: '.edgeLabel rect { opacity: 1; }',
    flowchart: { useMaxWidth: true },
    sequence: { useMaxWidth: true },
    themeVariables: {
      darkMode: dark,
      fontFamily: DIAGRAM_FONT,
      fontSize: '18px',
      background: p.bg,
      primaryColor: p.fill,
      primaryTextColor: p.fg,
      primaryBorderColor: p.accent,
      secondaryColor: p.bg,
      tertiaryColor: p.bg,
      lineColor: p.muted,
      textColor: p.fg,
      mainBkg: p.fill,
      nodeBorder: p.accent,
      clusterBkg: p.bg,
      clusterBorder: p.rule,
      edgeLabelBackground: p.bg,
      titleColor: p.fg,
      actorBkg: p.fill,
      actorBorder: p.accent,
      actorTextColor: p.fg,
      actorLineColor: p.muted,
      signalColor: p.fg,
      signalTextColor: p.fg,
      labelBoxBkgColor: p.fill,
      labelBoxBorderColor: p.accent,
      labelTextColor: p.fg,
      loopTextColor: p.fg,
      noteBkgColor: p.bg,
      noteBorderColor: p.muted,
      noteTextColor: p.fg,
      activationBkgColor: p.rule,
      activationBorderColor: p.muted,
      sequenceNumberColor: p.bg,
      // Pie slices in the accent, the code colours and the muted ink, labelled in the background colour.
      ...Object.fromEntries([p.accent, ...p.series, p.muted].map((c, i) => [`pie${i + 1}`, c])),
      pieStrokeColor: p.bg,
      pieOuterStrokeColor: p.muted,
      pieSectionTextColor: p.bg,
      pieTitleTextColor: p.fg,
      pieLegendTextColor: p.fg,
    },
  };
}

/** Largest a diagram is drawn, as a multiple of the size mermaid laid it out at (its 18px labels → 27px at most). */
const MAX_SCALE = 1.5;

/**
 * A rendered diagram as slide markup: the SVG in a `<figure>`, its fixed pixel width replaced
 * by a cap, so it shrinks to fit the slide (base.css `.lt-diagram`) and grows no larger than
 * {@link MAX_SCALE}. Anything that could run or load (scripts, event handlers, links out) is
 * taken out first: mermaid's strict mode emits none, and this keeps it so.
 */
export function diagramHtml(svg: string): string {
  const size = diagramSize(svg);
  const safe = scrubSvg(svg).replace(/^<svg\b([^>]*)>/, (_, attrs: string) => {
    const kept = attrs.replace(/\s(?:width|height|style)="[^"]*"/g, '');
    const style = size ? ` style="max-width:${Math.round(size.width * MAX_SCALE)}px;max-height:min(100%,${Math.round(size.height * MAX_SCALE)}px)"` : '';
    return `<svg${kept}${style} role="img">`;
  });
  return `<figure class="lt-diagram">${safe}</figure>\n`;
}

/** The size mermaid laid a diagram out at, in px (its `viewBox`); undefined when it has none. */
export function diagramSize(svg: string): { width: number; height: number } | undefined {
  const box = /^<svg\b[^>]*\sviewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/.exec(svg);
  const width = Number(box?.[1]);
  const height = Number(box?.[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** Room a diagram has on a slide, in px: the frame's width, and the height of an image (base.css). */
const ROOM = { width: 1104, height: 480 };

/** Labels drawn smaller than this (px on the 1280 × 720 slide) are hard to read from the back of a room. */
export const LEGIBLE_LABEL = 14;

/**
 * The size a diagram's labels (laid out at 18px) come out at on the slide, once the SVG is
 * scaled to the room it has; undefined when its size is unknown.
 */
export function labelSize(svg: string): number | undefined {
  const size = diagramSize(svg);
  return size && 18 * Math.min(MAX_SCALE, ROOM.width / size.width, ROOM.height / size.height);
}

/** Removes from SVG markup what would run script or fetch anything. */
export function scrubSvg(svg: string): string {
  return svg
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\son\w+\s*=\s*(?:"[^"]*"|'[^']*')/gi, '')
    .replace(/\s(?:xlink:)?href\s*=\s*(["'])(?!#)[^"']*\1/gi, '')
    .replace(/@import[^;]*;/gi, '')
    .replace(/url\((?!\s*['"]?#)[^)]*\)/gi, 'none');
}

/** A diagram that could not be drawn: its source as a code block, as the author wrote it. */
export function diagramFallback(source: string): string {
  return highlightCode(source, 'mermaid');
}

/**
 * mermaid's error as one short clause: its parser writes several lines (the message, the text
 * around the fault, a caret, and every token it expected); the first line and what it got are
 * what the author needs. `Parse error on line 3:` … `got 'TAGEND'` → `parse error on line 3,
 * unexpected 'TAGEND'`.
 */
export function shortError(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const first = (lines[0] ?? 'unknown error').replace(/[:.]\s*$/, '');
  const got = /\bgot '([^']*)'/.exec(message)?.[1];
  const one = got !== undefined ? `${first}, unexpected '${got}'` : first;
  return (one.length > 120 ? `${one.slice(0, 117)}…` : one).replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase());
}

/** The line inside the diagram that an error names (`… on line 3 …`), if it names one. */
export function errorLine(message: string): number | undefined {
  const n = /\bon line (\d+)/.exec(message)?.[1];
  return n ? Number(n) : undefined;
}

/** The palette's CSS custom properties (base.css), by the palette key they hold. */
const PALETTE_VARS = { bg: '--lt-bg', fg: '--lt-fg', muted: '--lt-muted', accent: '--lt-accent', rule: '--lt-rule', fill: '--lt-code-bg' } as const;

/**
 * Ties a drawn diagram's colours to the deck's palette: each palette colour in its style
 * sheet and `style` attributes becomes `var(--lt-…, colour)`. The handout prints a dark deck
 * in the light palette (handout.css `.hb-light`), and a `--css` file may change the accent:
 * the diagram follows, as the rest of the slide does.
 */
export function paletteVars(svg: string, theme: string): string {
  const p = PALETTES[theme];
  if (!p) return svg;
  const vars = Object.entries(PALETTE_VARS).map(([k, name]) => ({ colour: p[k as keyof typeof p], name }));
  const swap = (css: string) => vars.reduce((s, v) => s.replace(new RegExp(`${v.colour}(?![0-9a-f])`, 'gi'), `var(${v.name}, ${v.colour})`), css);
  return svg.replace(/(<style[^>]*>)([\s\S]*?)(<\/style>)/g, (_, a: string, css: string, b: string) => a + swap(css) + b).replace(/\sstyle="([^"]*)"/g, (_, css: string) => ` style="${swap(css)}"`);
}
