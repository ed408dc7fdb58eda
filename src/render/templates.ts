import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { LecternError } from '../errors.js';
import { escapeHtml } from './markdown.js';
import { visualWidth } from '../text/layout.js';
import { phraseChunks } from '../text/phrases.js';

/** The built-in templates folder, shipped with the package. */
export const builtInTemplatesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

/** A compiled set of templates: the layout, the slide wrapper and one template per slide kind. */
export interface TemplateSet {
  layout: Handlebars.TemplateDelegate;
  slide: Handlebars.TemplateDelegate;
  slides: Map<string, Handlebars.TemplateDelegate>;
  /**
   * The print view (`print.hbs`) that goes with the built-in layout; undefined with a templates
   * folder, whose markup is printed by reveal.js's own print view.
   */
  print?: Handlebars.TemplateDelegate;
  /** Where each slide template came from (built-in or the user's folder). */
  sources: Map<string, string>;
}

function hbsFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.hbs')) out.set(basename(f, '.hbs'), join(dir, f));
  return out;
}

/** Template sets already loaded, by user folder ('' for none), with the files' stamp they were made from. */
const loaded = new Map<string, { stamp: string; set: TemplateSet }>();

/**
 * Loads templates into an isolated Handlebars instance: built-in partials and slide
 * templates, then the user's folder (`<dir>/*.hbs` or `<dir>/slides/*.hbs`, and
 * `<dir>/partials/*.hbs`), which override built-ins of the same name. A set is made once per
 * folder and reused while none of its files changes (size and modification time): a run of
 * many decks compiled every template again for each deck.
 */
export function loadTemplates(userDir?: string): TemplateSet {
  const partials = new Map([...hbsFiles(join(builtInTemplatesDir, 'partials')), ...(userDir ? hbsFiles(join(userDir, 'partials')) : [])]);
  const slideFiles = new Map([
    ...hbsFiles(join(builtInTemplatesDir, 'slides')),
    ...(userDir ? hbsFiles(userDir) : []),
    ...(userDir ? hbsFiles(join(userDir, 'slides')) : []),
  ]);
  slideFiles.delete('layout');
  const layoutFile = userDir && existsSync(join(userDir, 'layout.hbs')) ? join(userDir, 'layout.hbs') : join(builtInTemplatesDir, 'layout.hbs');
  const slideFile = join(builtInTemplatesDir, 'partials', 'slide.hbs');
  const printFile = join(builtInTemplatesDir, 'print.hbs');
  const stamp = [...partials.values(), ...slideFiles.values(), layoutFile, slideFile, printFile].map(fileStamp).join('|');
  const hit = loaded.get(userDir ?? '');
  if (hit?.stamp === stamp) return hit.set;

  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const [name, file] of partials) {
    const source = readFileSync(file, 'utf8');
    const spec = precompiledSpec(file, source);
    hb.registerPartial(name, spec ? hb.template(spec) : source);
  }
  const compile = (file: string) => {
    try {
      const source = readFileSync(file, 'utf8');
      const spec = precompiledSpec(file, source);
      return spec ? hb.template<unknown>(spec) : hb.compile(source, { strict: false, noEscape: false });
    } catch (e) {
      throw new LecternError('CONTENT', `${file}: cannot compile the template (${(e as Error).message.split('\n')[0]})`, { file });
    }
  };
  const slides = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, file] of slideFiles) slides.set(name, compile(file));
  const set: TemplateSet = {
    layout: compile(layoutFile),
    slide: compile(slideFile),
    slides,
    print: userDir ? undefined : compile(printFile),
    sources: slideFiles,
  };
  loaded.set(userDir ?? '', { stamp, set });
  return set;
}

/** A built-in template precompiled by `npm run build` (scripts/precompile-templates.mjs). */
interface Precompiled {
  hash: string;
  spec: TemplateSpecification;
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

let precompiled: Record<string, Precompiled> | null | undefined;

/**
 * The precompiled form of the built-in template `file`, when the build made one from this very
 * text; undefined for a user's template, an edited built-in one, or without the build's file
 * (tests run src/, where there is none).
 */
export function precompiledSpec(file: string, source: string): TemplateSpecification | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = createRequire(import.meta.url)('./templates.precompiled.cjs') as Record<string, Precompiled>;
    } catch {
      precompiled = null;
    }
  }
  const rel = relative(builtInTemplatesDir, file).split(sep).join('/');
  const entry = precompiled && !rel.startsWith('..') ? precompiled[rel] : undefined;
  if (!entry || entry.hash !== createHash('sha256').update(source).digest('hex')) return undefined;
  return entry.spec;
}

function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${file}:${s.size}:${s.mtimeMs}`;
  } catch {
    return `${file}:-`;
  }
}

/** Throws a CONTENT error listing the available templates when a name is unknown. */
export function assertTemplates(names: Iterable<string>, set: TemplateSet, where: string): void {
  const missing = [...new Set(names)].filter((n) => !set.slides.has(n));
  if (missing.length) {
    const avail = [...set.slides.keys()].sort().join(', ');
    throw new LecternError('CONTENT', `${where}: unknown template "${missing.join('", "')}"; available templates: ${avail}`, { file: where });
  }
}

/** Template helpers, registered in one place. */
function registerHelpers(hb: typeof Handlebars): void {
  // Notes are plain text; each paragraph becomes an escaped <p> (line breaks kept).
  hb.registerHelper('paras', (text: unknown) => {
    const s = typeof text === 'string' ? text : '';
    const html = s
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('\n');
    return new hb.SafeString(html);
  });
  // A size class from the text's visual width, so long titles and quotes get smaller type.
  hb.registerHelper('fit', (text: unknown, ...limits: unknown[]) => {
    const w = visualWidth(typeof text === 'string' ? text : '');
    const steps = limits.slice(0, -1).map(Number);
    let size = 0;
    while (size < steps.length && w > steps[size]) size++;
    return `fit-${size}`;
  });
  // Chinese display text breaks only between words: <wbr> at each phrase boundary, with
  // `word-break: keep-all` on the element (class lt-phrased). Text is escaped chunk by chunk.
  hb.registerHelper('phrases', (text: unknown) =>
    new hb.SafeString(phraseChunks(text == null ? '' : String(text)).map((c) => hb.Utils.escapeExpression(c)).join('<wbr>')),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
}
