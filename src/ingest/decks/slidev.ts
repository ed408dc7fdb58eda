import { parse as parseYaml } from 'yaml';
import { FRAGMENT_ITEM, type AuthoredLayout, type AuthoredSlide } from '../../model/deck.js';
import { lineAt, protect, warnOnce, type DeckContext } from './context.js';
import { finishSlide } from './slide.js';
import { fenceMask, isBlank, splitSlides, type RawSlide } from './split.js';

/** Slidev layouts with a counterpart; any other is warned about once and read as `default`. */
const LAYOUTS: Record<string, AuthoredLayout> = {
  cover: 'title',
  intro: 'title',
  section: 'divider',
  center: 'divider',
  statement: 'divider',
  fact: 'divider',
  end: 'divider',
  'two-cols': 'two-column',
  'two-cols-header': 'two-column',
  'image-left': 'image-beside',
  'image-right': 'image-beside',
  quote: 'quote',
  default: 'content',
  none: 'content',
  full: 'content',
  image: 'content',
};

const SEPARATOR = /^---\s*$/;
const YAML_LINE = /^([\w$-]+\s*:(\s|$)|\s+\S|-\s)/;
const SLOT = /^::([\w-]+)::\s*$/;
/** The inside of an MDC attribute list: classes, ids, `key=value` and bare directives like `v-click`. */
const MDC_TOKEN = `(?:(?:[.#][\\w:/%!-]+)+|[a-z][\\w:.-]*(?:=(?:"[^"]*"|'[^']*'|[^\\s"']+))?)`;
const MDC_ATTRS = new RegExp(`^\\s*${MDC_TOKEN}(?:\\s+${MDC_TOKEN})*\\s*$`);

/**
 * Reads a Slidev deck: the headmatter (which is also the first slide's front matter), slides
 * split at `---`, each with optional front matter (`layout`, `image`…), the last comment of a
 * slide as its notes, `<v-click>`, `<v-clicks>` and `v-click` as fragments, `::right::` slots
 * as columns. A per-slide front matter block left open is read up to its last YAML line, with a
 * warning.
 */
export function readSlidev(body: string, offset: number, head: Record<string, unknown>, ctx: DeckContext): AuthoredSlide[] {
  const lines = body.split('\n').map((l) => l.replace(/\r$/, ''));
  const { fenced } = fenceMask(lines, (i) => SEPARATOR.test(lines[i]), ctx.file, offset, []);
  // Front matter blocks after separators: where each starts, and the line closing it (not a break).
  const closing = new Set<number>();
  const fronts = new Map<number, { data: Record<string, unknown>; lines: number }>();
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i] || !SEPARATOR.test(lines[i]) || !/^[\w$-]+\s*:(\s|$)/.test(lines[i + 1] ?? '')) continue;
    let j = i + 1;
    while (j < lines.length && !SEPARATOR.test(lines[j]) && YAML_LINE.test(lines[j])) j++;
    const closed = j < lines.length && SEPARATOR.test(lines[j]);
    if (!closed) {
      ctx.diagnostics.push({ severity: 'warning', message: `slide front matter has no closing --- line; read as front matter up to line ${offset + j}`, pos: { file: ctx.file, line: offset + i + 2 } });
    }
    fronts.set(offset + i + 2, { data: yamlOf(lines.slice(i + 1, j).join('\n'), offset + i + 2, ctx), lines: j - i - 1 + (closed ? 1 : 0) });
    if (closed) closing.add(j);
    i = j - (closed ? 0 : 1);
  }
  const raws = splitSlides(body, offset, (line, i) => (SEPARATOR.test(line) && !closing.has(i) ? 'slide' : null), ctx.file, ctx.diagnostics);
  const slides: AuthoredSlide[] = [];
  raws.forEach((raw, k) => {
    const front = k === 0 ? head : takeFront(raw, fronts);
    if (isBlank(raw)) return;
    slides.push(readSlide(raw, front, slides.length, ctx));
  });
  return slides;
}

function yamlOf(text: string, line: number, ctx: DeckContext): Record<string, unknown> {
  try {
    const data = parseYaml(text) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    ctx.diagnostics.push({ severity: 'warning', message: 'slide front matter is not valid YAML; ignored', pos: { file: ctx.file, line } });
    return {};
  }
}

/** Takes the front matter block off the start of a raw slide. */
function takeFront(raw: RawSlide, fronts: Map<number, { data: Record<string, unknown>; lines: number }>): Record<string, unknown> {
  const f = fronts.get(raw.line);
  if (!f) return {};
  raw.lines.splice(0, f.lines);
  raw.fenced.splice(0, f.lines);
  raw.line += f.lines;
  return f.data;
}

function readSlide(raw: RawSlide, front: Record<string, unknown>, index: number, ctx: DeckContext): AuthoredSlide {
  const p = protect(raw);
  let text = p.text;
  // Notes: the slide's last comment, when nothing but blank lines follows it.
  const notes: string[] = [];
  const last = /<!--([\s\S]*?)-->\s*$/.exec(text);
  if (last) {
    notes.push(p.restore(last[1]).trim());
    text = text.slice(0, last.index) + last[0].replace(/[^\n]/g, '');
  }
  // <v-clicks>: every list item inside is a click step.
  text = text.replace(/<v-clicks\b[^>]*>([\s\S]*?)<\/v-clicks\s*>/g, (_, inner: string) =>
    inner.replace(/^(\s*(?:[-*+]|\d{1,9}[.)]))([ \t]+)(?=\S)/gm, `$1$2${FRAGMENT_ITEM}`),
  );
  // `{Name}` magic links; MDC inline components (`:arrow{…}`) and attribute lists (`![](x){.w-30}`,
  // `text {v-click}`); HTML indented inside a component, which Markdown would read as code.
  text = text
    .replace(/(?<![\w$^_\\}])\{([A-Z][\w .-]{0,40})\}/g, '$1')
    .replace(/(?<![\w])::?[a-z][\w-]*\{[^}\n]*\}/g, (m, at: number) => {
      warnOnce(ctx, 'mdc-component', `MDC components like ${m.split('{')[0]} have no counterpart in Lectern; dropped`, lineAt(p.text, at, raw.line));
      return '';
    })
    .replace(/\[([^\]\n]*)\]\{([^{}\n]*)\}/g, (m, words: string, inner: string) => (!MDC_ATTRS.test(inner) ? m : /\bv-(click|after)\b/.test(inner) ? `<span class="fragment">${words}</span>` : words))
    .replace(/(?<=[\s)\]`*>"'」”]|^)\{([^{}\n]*)\}|\{([.#][^{}\n]*)\}/gm, (m, a?: string, b?: string) => (MDC_ATTRS.test(a ?? b ?? '') ? '' : m))
    .replace(/^[ \t]{4,}(?=<\/?[a-zA-Z])/gm, '');
  const layoutName = typeof front.layout === 'string' ? front.layout : undefined;
  let layout: AuthoredLayout | undefined;
  if (layoutName) {
    layout = LAYOUTS[layoutName];
    if (!layout) warnOnce(ctx, `slidev-layout-${layoutName}`, `Slidev layout "${layoutName}" has no counterpart in Lectern; those slides use the default layout`, raw.line);
  }
  for (const key of Object.keys(front)) {
    if (['layout', 'image', 'title', 'theme', 'class', 'level', 'hideInToc', 'src'].includes(key) || index === 0) continue;
    warnOnce(ctx, `slidev-key-${key}`, `Slidev slide option "${key}" has no counterpart in Lectern; dropped`, raw.line);
  }
  // Slots (`::right::`): the default slot is the left column, or with two-cols-header the part above.
  const parts = new Map<string, string[]>([['default', []]]);
  let slot = 'default';
  text.split('\n').forEach((l) => {
    const m = SLOT.exec(l);
    if (m) {
      slot = m[1];
      if (!parts.has(slot)) parts.set(slot, []);
      parts.get(slot)!.push('');
    } else parts.get(slot)!.push(l);
  });
  const get = (name: string) => (parts.get(name) ?? []).join('\n');
  let columns: [string, string] | undefined;
  if (layout === 'two-column') {
    const left = layoutName === 'two-cols-header' ? get('left') : [get('default'), get('left')].join('\n');
    text = layoutName === 'two-cols-header' ? get('default') : '';
    columns = [left, get('right')];
  } else if (parts.size > 1) text = [...parts.values()].map((l) => l.join('\n')).join('\n');
  // Slidev serves the deck's public/ folder at the root: `/logo.png` is public/logo.png.
  text = text.replace(/(\]\(|<img\b[^>]*?\bsrc=["'])\/(?!\/)/g, '$1public/');
  const image = typeof front.image === 'string' ? `![](${front.image.replace(/^\/(?!\/)/, 'public/')})` : undefined;
  if (layout === 'image-beside' && !image) layout = 'content';
  if (layoutName === 'image' && image) text = `${image}\n\n${text}`;
  const side = layoutName === 'image-left' ? 'left' : 'right';
  return finishSlide(
    { body: text, restore: p.restore, line: raw.line, notes, layout, ...(columns ? { columns } : {}), ...(layout === 'image-beside' ? { image, imageSide: side } : {}) },
    index,
    ctx,
  );
}
