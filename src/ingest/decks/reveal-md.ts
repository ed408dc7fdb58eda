import { FRAGMENT_ITEM, type AuthoredSlide } from '../../model/deck.js';
import { lineAt, protect, warnOnce, type DeckContext } from './context.js';
import { finishSlide } from './slide.js';
import { isBlank, splitSlides, type BreakKind } from './split.js';

/** reveal.js's notes separator: `Note:` or `Notes:` on a line, any case, to the end of the slide. */
const NOTES = /^\s*notes?:(.*)$/i;
const ELEMENT = /<!--\s*\.element:?\s*([\s\S]*?)-->/g;
const SLIDE_ATTRS = /<!--\s*\.slide:?\s*[\s\S]*?-->/g;
const LIST_ITEM = /^(\s*(?:[-*+]|\d{1,9}[.)]))([ \t]+)/;

/**
 * Reads a reveal-md or reveal.js Markdown deck: slides split at the front matter's `separator`
 * and `verticalSeparator` (reveal-md's `---` and `----` by default, `--` too), vertical slides
 * kept as a stack, `Note:` to the end of a slide as notes, `<!-- .element: class="fragment" -->`
 * as a fragment on the element before it; other slide and element attributes are dropped with
 * one warning.
 */
export function readRevealMd(body: string, offset: number, front: Record<string, unknown>, ctx: DeckContext): AuthoredSlide[] {
  const horizontal = linePattern(front.separator, ctx);
  const vertical = linePattern(front.verticalSeparator, ctx);
  const kind = (line: string, i: number, lines: string[]): BreakKind => {
    const after = i === 0 || !lines[i - 1].trim();
    const l = line.trimEnd();
    if (horizontal ? horizontal.test(l) : after && l === '---') return 'slide';
    if (vertical ? vertical.test(l) : after && (l === '----' || l === '--')) return 'vertical';
    return null;
  };
  const slides: AuthoredSlide[] = [];
  for (const raw of splitSlides(body, offset, kind, ctx.file, ctx.diagnostics)) {
    // A stack's first slide may be empty (a separator right after another); the stack stays.
    if (isBlank(raw)) continue;
    const p = protect(raw);
    let lines = p.text.split('\n');
    const notes: string[] = [];
    const n = lines.findIndex((l) => NOTES.test(l));
    if (n >= 0) {
      notes.push(p.restore([NOTES.exec(lines[n])![1], ...lines.slice(n + 1)].join('\n')).trim());
      lines = lines.slice(0, n);
    }
    let text = lines.join('\n').replace(SLIDE_ATTRS, (m, at: number) => {
      warnOnce(ctx, 'reveal-slide-attrs', 'reveal.js slide attributes (<!-- .slide: … -->: backgrounds, transitions) have no counterpart in Lectern; dropped', lineAt(p.text, at, raw.line));
      return m.replace(/[^\n]/g, '');
    });
    text = elementFragments(text, raw.line, ctx);
    slides.push({ ...finishSlide({ body: text, restore: p.restore, line: raw.line, notes }, slides.length, ctx), ...(raw.vertical && slides.length ? { vertical: true } : {}) });
  }
  return slides;
}

/**
 * `<!-- .element: class="fragment" -->` makes the element before it a fragment: the list item
 * on its line, or else the block it ends (the paragraph, image or code block above it).
 */
function elementFragments(text: string, line: number, ctx: DeckContext): string {
  const lines = text.split('\n');
  const wrap: [number, number][] = [];
  lines.forEach((l, i) => {
    if (!l.includes('.element')) return;
    let fragment = false;
    const rest = l.replace(ELEMENT, (_, attrs: string) => {
      if (/class\s*=\s*["']?[^"'>]*\bfragment\b/.test(attrs)) fragment = true;
      else warnOnce(ctx, 'reveal-element-attrs', 'reveal.js element attributes (styles, data attributes) have no counterpart in Lectern; dropped', line + i);
      return '';
    });
    lines[i] = rest;
    if (!fragment) return;
    if (LIST_ITEM.test(rest)) {
      lines[i] = rest.replace(LIST_ITEM, `$1$2${FRAGMENT_ITEM}`);
      return;
    }
    // The block: this line if it has content, else the lines above it up to a blank line.
    let end = rest.trim() ? i : i - 1;
    while (end >= 0 && !lines[end].trim()) end--;
    if (end < 0) return;
    let start = end;
    while (start > 0 && lines[start - 1].trim()) start--;
    if (LIST_ITEM.test(lines[end])) {
      lines[end] = lines[end].replace(LIST_ITEM, `$1$2${FRAGMENT_ITEM}`);
      return;
    }
    wrap.push([start, end]);
  });
  for (const [start, end] of wrap.reverse()) {
    lines[start] = `<div class="fragment">\n\n${lines[start]}`;
    lines[end] = `${lines[end]}\n\n</div>`;
  }
  return lines.join('\n');
}

/** A separator from the front matter (a regular expression over one line), or undefined for the default. */
function linePattern(value: unknown, ctx: DeckContext): RegExp | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const core = value.replace(/\(\\r\\n\?\|\\n\)|\\r\?\\n|\\n|\\r/g, '').replace(/^\^/, '').replace(/\$$/, '');
  try {
    return new RegExp(`^(?:${core})$`);
  } catch {
    warnOnce(ctx, 'reveal-separator', `separator "${value}" is not a valid regular expression; using reveal-md's default`, 1);
    return undefined;
  }
}
