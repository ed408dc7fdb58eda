import { FRAGMENT_ITEM, type AuthoredLayout, type AuthoredSlide } from '../../model/deck.js';
import { lineAt, protect, warnOnce, type DeckContext } from './context.js';
import { finishSlide } from './slide.js';
import { isBlank, splitSlides } from './split.js';

/** Marp's directives (a leading `_` scopes one to its slide). */
const DIRECTIVES = new Set([
  'theme', 'style', 'headingDivider', 'size', 'math', 'title', 'author', 'description', 'keywords', 'url', 'image', 'marp', 'lang', 'paginate',
  'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat', 'backgroundSize', 'color', 'transition', 'inlineSVG',
]);

/** Marp class names with a counterpart: `lead` (Marp's own) and the usual names of title and section classes in themes. */
const CLASS_LAYOUTS: Record<string, AuthoredLayout> = { lead: 'title', title: 'title', cover: 'title', section: 'divider', divider: 'divider', chapter: 'divider' };

const COMMENT = /<!--([\s\S]*?)-->/g;
const BREAK = /^ {0,3}([-*_])( *\1){2,} *$/;
const BG_IMAGE = /!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
/** Image keywords Marp reads from an image's alt text. */
const INLINE_KEYWORD = /^((?:w|h|width|height|blur|brightness|contrast|drop-shadow|hue-rotate|opacity|saturate)(?::\S*)|sepia|grayscale|invert)(?::\S*)?$/i;
/** Keywords of a background image (`bg`). */
const IMAGE_KEYWORD = /^(bg|left|right|contain|cover|fit|auto|vertical|(?:w|h|width|height|sepia|blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|left|right)(?::\S*)?|\d+%|x\d*\.?\d*)$/i;

/**
 * Reads a Marp deck: slides split at thematic breaks (`---`, `***`, `___`, and before headings
 * with `headingDivider`), HTML comments as speaker notes unless they hold directives, `_class`
 * and `class` mapped onto layouts, `![bg left]` / `![bg right]` as an image beside the text,
 * and lists written with `*` or `1)` as fragment lists.
 */
export function readMarp(body: string, offset: number, front: Record<string, unknown>, ctx: DeckContext): AuthoredSlide[] {
  const divider = typeof front.headingDivider === 'number' ? front.headingDivider : 0;
  const raws = splitSlides(
    body,
    offset,
    (line, i, lines) => {
      if (BREAK.test(line) && (i === 0 || !lines[i - 1].trim() || /-->\s*$/.test(lines[i - 1]) || BREAK.test(lines[i - 1]))) return 'slide';
      const h = /^(#{1,6})\s/.exec(line);
      return h && h[1].length <= divider && lines.slice(0, i).some((l) => l.trim() && !BREAK.test(l)) ? 'before' : null;
    },
    ctx.file,
    ctx.diagnostics,
  );
  let globalClass = '';
  const slides: AuthoredSlide[] = [];
  for (const raw of raws) {
    if (isBlank(raw)) continue;
    const p = protect(raw);
    const notes: string[] = [];
    let localClass: string | undefined;
    let text = p.text.replace(COMMENT, (m, inner: string, at: number) => {
      const directives = parseDirectives(inner);
      if (!directives) notes.push(p.restore(inner).trim());
      else
        for (const [key, value] of directives) {
          if (key === '_class') localClass = value;
          else if (key === 'class') globalClass = value;
          else if (/^_?(paginate|header|footer|backgroundColor|backgroundImage|backgroundPosition|backgroundRepeat|backgroundSize|color|transition|style)$/.test(key)) {
            warnOnce(ctx, `marp-${key.replace(/^_/, '')}`, `Marp directive ${key.replace(/^_/, '')} has no counterpart in Lectern; dropped`, lineAt(p.text, at, raw.line));
          }
        }
      return m.replace(/[^\n]/g, '');
    });
    const classes = (localClass ?? globalClass).split(/\s+/).filter(Boolean);
    let layout: AuthoredLayout | undefined;
    for (const c of classes) {
      if (CLASS_LAYOUTS[c]) layout ??= CLASS_LAYOUTS[c];
      else warnOnce(ctx, `marp-class-${c}`, `Marp class "${c}" has no counterpart in Lectern; the slide keeps the default layout`, raw.line);
    }
    let image: string | undefined;
    let side: 'left' | 'right' | undefined;
    text = text.replace(BG_IMAGE, (m, alt: string, src: string, at: number) => {
      const words = alt.trim().split(/\s+/).filter(Boolean);
      if (!words.includes('bg')) {
        const kept = words.filter((w) => !INLINE_KEYWORD.test(w)).join(' ');
        return kept !== words.join(' ') ? `![${kept}](${src})` : m;
      }
      const kept = words.filter((w) => !IMAGE_KEYWORD.test(w)).join(' ');
      const beside = words.find((w) => /^(left|right)(:|$)/.test(w));
      if (beside && image === undefined) {
        image = `![${kept}](${src})`;
        side = beside.startsWith('left') ? 'left' : 'right';
        return '';
      }
      warnOnce(ctx, 'marp-bg', 'Marp background images are shown as images on the slide', lineAt(p.text, at, raw.line));
      return `![${kept}](${src})`;
    });
    // Marp's fragmented lists: bullets written with `*`, numbers with `)`.
    text = text.replace(/^( {0,3}(?:\*|\d{1,9}\)))([ \t]+)(?=\S)/gm, `$1$2${FRAGMENT_ITEM}`);
    slides.push(
      finishSlide(
        { body: text, restore: p.restore, line: raw.line, notes, layout: image ? 'image-beside' : layout, ...(image ? { image, imageSide: side } : {}), vertical: false },
        slides.length,
        ctx,
      ),
    );
  }
  return slides;
}

/** The directives a comment holds (`key: value` lines, every key a Marp directive), or undefined for a note. */
function parseDirectives(inner: string): [string, string][] | undefined {
  const lines = inner.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const out: [string, string][] = [];
  for (const l of lines) {
    const m = /^(_?[A-Za-z]+)\s*:\s*(.*)$/.exec(l);
    if (!m || !DIRECTIVES.has(m[1].replace(/^_/, ''))) return undefined;
    out.push([m[1], m[2].replace(/^["']|["']$/g, '').trim()]);
  }
  return out;
}
