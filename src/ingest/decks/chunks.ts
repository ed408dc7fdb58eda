import { parse as parseYaml } from 'yaml';
import { closesFence, openingFence, type RawSlide } from './split.js';

/** The execution options of a Quarto code chunk that decide what its slide shows. */
export interface ChunkShow {
  /** The chunk's code is shown (`echo`). */
  echo: boolean;
  /** The chunk shows anything at all, code or output (`include`). */
  include: boolean;
  /** The chunk is run, so it has output (`eval`). */
  eval: boolean;
  /** Its output is shown (`output`). */
  output: boolean;
  /** For the document's defaults: no option set `echo`, so it is the format's own (reveal.js hides code). */
  echoByFormat?: boolean;
}

/** What hiding a slide's chunks left to say: figure and table captions, and where output was lost. */
export interface HiddenChunks {
  /** Captions (`fig-cap`, `tbl-cap`) of hidden chunks whose output Quarto would have shown. */
  captions: string[];
  /** Index in the raw slide's lines of the first hidden chunk whose output Quarto would have shown. */
  lostAt?: number;
  /** That chunk hides its code only because its format does (reveal.js), not because an option says so. */
  byFormat?: boolean;
}

/** A chunk: ```` ```{r} ````, ```` ```{python label, echo=FALSE} ````; not ```` ```{.r} ```` (a class) nor ```` ```{=html} ```` (raw). */
const CHUNK = /^\{\s*([A-Za-z][\w+-]*)\s*,?\s*(.*?)\s*\}$/;
/** A cell option line at the top of a chunk, in its language's comment: `#|`, `//|`, `--|`, `%%|`. */
const OPTION = /^\s*(?:#|\/\/|--|%%)\|\s?/;
/** Languages Lectern draws itself (render/mermaid.ts): their chunks are kept as the diagram, whatever `echo` says. */
const DRAWN = new Set(['mermaid']);

/**
 * The document's defaults for every chunk: Quarto's `execute:` options, at the top of the front
 * matter or under the format, and knitr's `opts_chunk`. Presentation formats (reveal.js, its
 * custom `*-revealjs` formats, pptx, beamer) hide code unless told otherwise, as Quarto does.
 */
export function chunkDefaults(front: Record<string, unknown>): ChunkShow {
  const format = front.format;
  const formats = typeof format === 'string' ? [format] : format && typeof format === 'object' ? Object.keys(format) : [];
  const presentation = formats.some((f) => /revealjs|pptx|beamer/.test(f));
  const fromFormat = format && typeof format === 'object' ? Object.entries(format).find(([name]) => /revealjs/.test(name))?.[1] : undefined;
  const layers = [objectOf(objectOf(front.knitr).opts_chunk), front, objectOf(front.execute), objectOf(fromFormat), objectOf(objectOf(fromFormat).execute)].map(normalKeys);
  const pick = (key: 'echo' | 'include' | 'eval' | 'output', fallback: boolean) => layers.reduce((v, layer) => flag(layer[key]) ?? v, fallback);
  const echoSet = layers.some((layer) => flag(layer.echo) !== undefined);
  return { echo: pick('echo', !presentation), include: pick('include', true), eval: pick('eval', true), output: pick('output', true), ...(echoSet ? {} : { echoByFormat: presentation }) };
}

/**
 * Quarto's executable chunks on a raw slide, as a Quarto user sees them: a chunk whose code is
 * shown (`echo`) keeps it, in its language (```` ```{r} ```` → r) and without its `#|` option
 * lines; a chunk that hides its code (`echo: false`, `include: false`, per chunk, in its header
 * or for the document) is left out, blank lines in its place so later lines keep their numbers.
 * Lectern runs no code, so the output such a chunk would have shown is lost: the captions it
 * had go to the notes, and the caller says where. Mermaid chunks stay: Lectern draws them.
 * Fences that are not chunks (```` ```r ````, ```` ```{{r}} ````) are left as written.
 */
export function quartoChunks(raw: RawSlide, defaults: ChunkShow): HiddenChunks {
  const hidden: HiddenChunks = { captions: [] };
  const lines: string[] = [];
  const fenced: boolean[] = [];
  const keep = (from: number, to: number) => {
    for (let k = from; k <= to; k++) lines.push(raw.lines[k]), fenced.push(raw.fenced[k]);
  };
  let i = 0;
  while (i < raw.lines.length) {
    const open = raw.fenced[i] ? openingFence(raw.lines[i]) : undefined;
    if (!open) {
      keep(i, i++);
      continue;
    }
    let end = i + 1;
    while (end < raw.lines.length && raw.fenced[end] && !closesFence(raw.lines[end], open.marker)) end++;
    if (end >= raw.lines.length || !raw.fenced[end]) end--;
    const chunk = CHUNK.exec(open.info);
    if (!chunk) {
      keep(i, end);
      i = end + 1;
      continue;
    }
    let body = i + 1;
    const optionLines: string[] = [];
    while (body < end && OPTION.test(raw.lines[body])) optionLines.push(raw.lines[body++].replace(OPTION, ''));
    const options = { ...headerOptions(chunk[2]), ...cellOptions(optionLines) };
    const show = (key: 'echo' | 'include' | 'eval' | 'output') => flag(options[key]) ?? defaults[key];
    const lang = chunk[1];
    if (show('include') && (show('echo') || DRAWN.has(lang.toLowerCase()))) {
      lines.push(raw.lines[i].replace(open.info, lang));
      fenced.push(true);
      keep(body, end);
    } else {
      for (let k = i; k <= end; k++) lines.push(''), fenced.push(false);
      if (show('include') && show('eval') && show('output')) {
        if (hidden.lostAt === undefined) {
          hidden.lostAt = i;
          hidden.byFormat = flag(options.echo) === undefined && defaults.echoByFormat === true;
        }
        hidden.captions.push(...captions(options['fig-cap']), ...captions(options['tbl-cap']));
      }
    }
    i = end + 1;
  }
  raw.lines = lines;
  raw.fenced = fenced;
  return hidden;
}

/** `#|` option lines (their prefix removed) as YAML; lines YAML cannot read give no options. */
function cellOptions(lines: string[]): Record<string, unknown> {
  if (!lines.length) return {};
  try {
    return normalKeys(objectOf(parseYaml(lines.join('\n'))));
  } catch {
    return {};
  }
}

/** knitr's header options: `label, echo=FALSE, fig.cap="A, b"` (R values: TRUE/FALSE/T/F, quoted strings). */
function headerOptions(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of text.matchAll(/([\w.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,]*)/g)) {
    const value = m[2].trim();
    out[m[1]] = /^["']/.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return normalKeys(out);
}

/** Option names as Quarto writes them: knitr's `fig.cap` is `fig-cap`. */
function normalKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/\./g, '-'), v]));
}

function objectOf(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** An option's truth: YAML and R booleans; `echo: fenced` or a list of lines shows code. Anything else says nothing. */
function flag(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return true;
  if (typeof v !== 'string') return undefined;
  if (/^(false|f|no)$/i.test(v.trim())) return false;
  if (/^(true|t|yes|fenced)$/i.test(v.trim())) return true;
  return undefined;
}

function captions(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim());
}
