import { FRAGMENT_ITEM, type AuthoredSlide } from '../../model/deck.js';
import { protect, warnOnce, type DeckContext } from './context.js';
import { finishSlide } from './slide.js';
import { quartoChunks, type ChunkShow } from './chunks.js';
import { isBlank, splitSlides, type RawSlide } from './split.js';

/** How a Pandoc-family deck is read. */
export interface PandocOptions {
  /** Headings at this level and above start a slide; 0 splits only at `---` (a plain deck). */
  slideLevel: number;
  /** Lists are incremental (every item a fragment) unless a div says otherwise. */
  incremental: boolean;
  /** Quarto's extras: executable code chunks, shortcodes, emoji. */
  quarto: boolean;
  /** Quarto: what the document's chunks show unless a chunk says otherwise (`execute:`, the format's defaults). */
  chunks?: ChunkShow;
  /** The writer adds a title slide from the metadata before these slides. */
  titleSlide?: boolean;
}

const HEADING = /^(#{1,6})[ \t]+\S/;
const BREAK = /^ {0,3}([-*_])( *\1){2,} *$/;
const DIV_OPEN = /^ {0,3}(:{3,})\s*(\{[^}]*\}|[\w-]+)\s*:*\s*$/;
const DIV_CLOSE = /^ {0,3}:{3,}\s*$/;
const PAUSE = /^ {0,3}\. \. \.\s*$/;
const NOTE_LINE = /^\s*notes?:(.*)$/i;
const PAUSE_MARK = '\u0001pause';

/**
 * Reads Pandoc slide Markdown (and Quarto reveal.js decks, and plain `---`-separated decks):
 * a slide at each heading of the slide level or above and at each `---`; `::: notes` as
 * speaker notes; `. . .` pauses, `::: fragment` / `{.fragment}` and incremental lists as
 * fragments; `:::: columns` with two `::: column` divs as two columns. Other divs keep their
 * content and lose their fence, with one warning per class.
 */
export function readPandoc(body: string, offset: number, o: PandocOptions, ctx: DeckContext): AuthoredSlide[] {
  const level = o.slideLevel;
  const raws = splitSlides(
    body,
    offset,
    (line, i, lines) => {
      if (BREAK.test(line) && (i === 0 || !lines[i - 1].trim())) return 'slide';
      const h = HEADING.exec(line);
      return h && h[1].length <= level ? 'before' : null;
    },
    ctx.file,
    ctx.diagnostics,
  );
  const slides: AuthoredSlide[] = [];
  for (const raw of raws) {
    if (isBlank(raw)) continue;
    const hidden = o.quarto ? quartoChunks(raw, o.chunks ?? { echo: true, include: true, eval: true, output: true }) : { captions: [] };
    if (hidden.lostAt !== undefined) {
      const caption = hidden.captions.length ? '; its caption is in the notes' : '';
      const why = hidden.byFormat ? 'reveal.js hides chunk code unless echo: true' : 'the chunk hides its code: echo: false';
      ctx.diagnostics.push({ severity: 'warning', message: `chunk output is not shown; Lectern does not run code (${why})${caption}`, pos: { file: ctx.file, line: raw.line + hidden.lostAt } });
    }
    // A slide that held only chunks that show nothing (a setup chunk) is no slide; one whose
    // output is lost stays, its captions in its notes, for the plan to drop as showing nothing.
    if (isBlank(raw) && hidden.lostAt === undefined) continue;
    slides.push(readSlide(raw, o, slides.length + (o.titleSlide ? 1 : 0), ctx, hidden.captions));
  }
  return slides;
}

interface Div {
  kind: 'notes' | 'columns' | 'column' | 'fragment' | 'incremental' | 'nonincremental' | 'other';
  lines: string[];
}

function readSlide(raw: RawSlide, o: PandocOptions, index: number, ctx: DeckContext, captions: string[] = []): AuthoredSlide {
  const p = protect(raw);
  const notes: string[] = [];
  const columns: string[] = [];
  const stack: Div[] = [{ kind: 'other', lines: [] }];
  let inColumns = 0;
  /** A pause came before the columns: they appear on a click, like what follows a pause. */
  let pausedColumns = false;
  let plainNotes: string[] | undefined;
  const top = () => stack[stack.length - 1];
  p.text.split('\n').forEach((line, i) => {
    if (plainNotes) return plainNotes.push(line);
    const open = DIV_OPEN.exec(line);
    if (open) {
      const classes = divClasses(open[2]);
      const kind: Div['kind'] = classes.includes('notes') ? 'notes' : classes.includes('columns') ? 'columns' : classes.includes('column') ? 'column' : classes.includes('fragment') ? 'fragment' : classes.includes('incremental') ? 'incremental' : classes.includes('nonincremental') ? 'nonincremental' : 'other';
      if (kind === 'other') {
        warnOnce(ctx, `div-${classes[0] ?? open[2]}`, `::: ${open[2]} has no counterpart in Lectern; its content is kept without it`, raw.line + i);
      }
      if (kind === 'columns') {
        inColumns++;
        pausedColumns ||= stack.some((d) => d.lines.includes(PAUSE_MARK));
      }
      stack.push({ kind, lines: [] });
      return;
    }
    if (DIV_CLOSE.test(line) && stack.length > 1) {
      const div = stack.pop()!;
      const inner = closePauses(div.lines);
      if (div.kind === 'notes') notes.push(p.restore(inner.join('\n')).trim());
      else if (div.kind === 'column' && inColumns) columns.push(inner.join('\n'));
      else if (div.kind === 'columns') inColumns--;
      else if (div.kind === 'fragment') top().lines.push('<div class="fragment">', '', ...inner, '', '</div>');
      else if (div.kind === 'incremental') top().lines.push(...inner.map(fragmentItem));
      else top().lines.push(...inner);
      return;
    }
    if (!o.quarto && stack.length === 1 && NOTE_LINE.test(line) && o.slideLevel === 0) {
      plainNotes = [NOTE_LINE.exec(line)![1]];
      return;
    }
    if (PAUSE.test(line)) return top().lines.push(PAUSE_MARK);
    top().lines.push(o.incremental && stack.every((d) => d.kind !== 'notes' && d.kind !== 'nonincremental') ? fragmentItem(line) : line);
  });
  while (stack.length > 1) {
    const div = stack.pop()!;
    top().lines.push(...div.lines);
  }
  if (plainNotes) notes.push(p.restore(plainNotes.join('\n')).trim());
  // What a hidden chunk's figure or table was: the speaker can say it.
  if (captions.length) notes.push(captions.join('\n\n'));
  let body = inline(closePauses(top().lines).join('\n'), o, raw.line, ctx);
  const column = (c: string) => (pausedColumns ? `<div class="fragment">\n\n${inline(c, o, raw.line, ctx)}\n\n</div>` : inline(c, o, raw.line, ctx));
  const two = columns.length >= 2 ? ([column(columns[0]), column(columns.slice(1).join('\n\n'))] as [string, string]) : undefined;
  if (columns.length === 1) body = `${body}\n\n${column(columns[0])}`;
  // Heading attributes: `{.center}`, `{background-image="…"}`.
  body = body.replace(/^(#{1,6}[ \t].*?)[ \t]*\{[^}\n]*\}[ \t]*$/gm, (_, h: string) => h);
  return finishSlide({ body, restore: p.restore, line: raw.line, notes, ...(two ? { layout: 'two-column', columns: two } : {}) }, index, ctx);
}

/** The classes of a div's attributes: `{.columns}`, `{.column width="50%"}`, or a bare word. */
function divClasses(attrs: string): string[] {
  if (!attrs.startsWith('{')) return [attrs];
  return [...attrs.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
}

function fragmentItem(line: string): string {
  return line.replace(/^(\s*(?:[-*+]|\d{1,9}[.)]))([ \t]+)(?=\S)(?!<span class="lt-fragment-item">)/, `$1$2${FRAGMENT_ITEM}`);
}

/** Each `. . .` pause opens a fragment that runs to the end of its slide or div. */
function closePauses(lines: string[]): string[] {
  let open = 0;
  const out = lines.map((l) => {
    if (l !== PAUSE_MARK) return l;
    open++;
    return '<div class="fragment">\n';
  });
  for (let i = 0; i < open; i++) out.push('', '</div>');
  return out;
}

/** Emoji shortcodes with a text symbol the bundled fonts draw; pictographs would be empty boxes. */
const EMOJI: Record<string, string> = {
  heavy_check_mark: '✔', white_check_mark: '✔', ballot_box_with_check: '☑', x: '✘', heavy_multiplication_x: '✖', warning: '⚠', star: '★',
  arrow_right: '→', arrow_left: '←', arrow_up: '↑', arrow_down: '↓', point_right: '→', heavy_plus_sign: '+', heavy_minus_sign: '−', question: '?', exclamation: '!',
};

/** Pandoc's inline syntax that Markdown lacks: spans with classes, super- and subscripts, citations; Quarto's emoji and shortcodes. */
function inline(text: string, o: PandocOptions, line: number, ctx: DeckContext): string {
  let out = text
    .replace(/\[([^\]\n]*)\]\{([^}\n]*)\}/g, (_, words: string, attrs: string) => (/\.fragment\b/.test(attrs) ? `<span class="fragment">${words}</span>` : words))
    .replace(/(?<=\S)\^([^\s^]+)\^/g, '<sup>$1</sup>')
    .replace(/(?<=\S)(?<!~)~([^\s~]+)~(?!~)/g, '<sub>$1</sub>')
    .replace(/\[([^[\]\n]*)\](?![({])/g, (m, inside: string) => {
      if (!/(^|[\s;,])-?@[\w]/.test(inside)) return m;
      warnOnce(ctx, 'citations', 'citations are shown as their keys; Lectern reads no bibliography', line);
      return `(${inside.replace(/-?@/g, '').replace(/\s*[,;]\s*/g, '; ')})`;
    });
  if (o.quarto) {
    out = out
      .replace(/\{\{<[\s\S]*?>\}\}/g, () => {
        warnOnce(ctx, 'shortcodes', 'Quarto shortcodes ({{< … >}}) have no counterpart in Lectern; dropped', line);
        return '';
      })
      .replace(/(?<![\w/]):([a-z0-9_+-]+):(?![\w/])/g, (m, name: string) => {
        if (EMOJI[name]) return EMOJI[name];
        if (!/[a-z]/.test(name)) return m;
        warnOnce(ctx, 'emoji', 'emoji shortcodes are dropped (the bundled fonts draw no pictographs), but for check marks, crosses, arrows and stars', line);
        return '';
      });
  }
  return out;
}
