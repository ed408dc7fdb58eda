import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { DeckFile } from './index.js';
import { classifyUrl, escapeAttr, tokenizeHtml, type HtmlToken } from '../html/sanitize.js';
import { browserPath, filePath, IMAGE_EXTENSIONS } from '../html/image-files.js';
import { isBelow } from '../paths.js';

/** Options for the image pass. */
export interface ImageOptions {
  /** Copy images from outside the content folder too (`--allow-outside`). @defaultValue false */
  allowOutside?: boolean;
  /** Source file, for the position of warnings. */
  file?: string;
  /**
   * Remote images the build looked up (src/remote-images.ts), by URL as a browser reads it:
   * each is a downloaded file, copied into the deck under `remote/`, or why it could not be
   * had. Without it, remote images are not downloaded (`lectern plan`).
   */
  remote?: ReadonlyMap<string, RemoteImage>;
  /**
   * Leave out an image that cannot be shown instead of putting a placeholder in its place: the
   * build has moved its alt text into the notes (plan/empty-slides.ts). @defaultValue false
   */
  dropUnavailable?: boolean;
}

/** A remote image as the build found it: a downloaded file (with its extension), or why not. */
export type RemoteImage = { file: string; ext: string } | { error: string };

/**
 * One `<img src>` of the slides and what became of it: `shown` (copied into the deck, a data:
 * image, or a local file that is missing, left for `lectern check` to report), `remote` (not
 * looked up: no `remote` map was given), or `unavailable` (refused or not fetched: a placeholder,
 * or nothing with `dropUnavailable`).
 */
export interface ImageUse {
  /** Index of the slide it is on: the `data-slide` of the section it is in (0 outside one). */
  slide: number;
  /** Source line of its slide (or 1). */
  line: number;
  /** The URL as a browser reads it. */
  src: string;
  alt: string;
  /** The title attribute (Markdown's `![alt](src "title")`), a caption. */
  title?: string;
  status: 'shown' | 'remote' | 'unavailable';
  /** The warning given about it, if any. */
  warning?: string;
}

/** File types copied into the deck as images; anything else named by an `<img>` stays out (and the planner counts it as nothing: plan/html-blocks.ts). */
export { IMAGE_EXTENSIONS };

/** Paths the deck itself uses; an image with one of these paths goes under `images/` instead. */
const RESERVED = /^(index\.html|slides\.pdf|handout\.pdf|(lib|theme|fonts|remote)\/)/i;

/**
 * Finds `<img src>` in rendered slides (however the tag is quoted). Relative paths inside the
 * source folder are copied into the deck (same relative path) so it works offline, and so are
 * remote images the build downloaded (`remote`, to `remote/<hash>.<ext>`). An image is shown
 * as a placeholder (its alt text, `span.lt-image-placeholder`), or left out with
 * `dropUnavailable`, with a warning when it is remote and was not downloaded, has another
 * scheme (`file:`…), is not an image file, is not found, or leaves the content folder
 * (symlinks included) without `allowOutside`; with it, such a file is copied to
 * `outside/<hash>-<name>`. A path is read as a browser reads it: `\` is `/` (as Chromium has
 * it in file URLs), and tabs and newlines are ignored. So the only `src` written for a local
 * image is the path of the copy Lectern made. `srcset` is dropped, since only `src` is copied.
 */
export function localImages(html: string, sourceDir: string, options: ImageOptions = {}): { html: string; files: DeckFile[]; diagnostics: Diagnostic[]; images: ImageUse[] } {
  const files = new Map<string, DeckFile>();
  const diagnostics: Diagnostic[] = [];
  const images: ImageUse[] = [];
  let line = 1;
  let slide = 0;
  const warn = (message: string) => diagnostics.push({ severity: 'warning', message, ...(options.file ? { pos: { file: options.file, line } } : {}) });
  const out: string[] = [];
  for (const t of tokenizeHtml(html)) {
    if (t.type === 'tag' && !t.end && t.name === 'section') {
      const l = Number(t.attrs.find((a) => a.name === 'data-line')?.value);
      if (Number.isInteger(l) && l > 0) line = l;
      const n = Number(t.attrs.find((a) => a.name === 'data-slide')?.value);
      if (Number.isInteger(n) && n >= 0) slide = n;
    }
    if (t.type !== 'tag' || t.end || t.name !== 'img') {
      out.push(t.raw);
      continue;
    }
    const warned = diagnostics.length;
    const shown = image(t, sourceDir, options, files, warn);
    out.push(shown.html);
    const warning = diagnostics.at(-1)?.message;
    const attr = (name: string) => t.attrs.find((a) => a.name === name)?.value;
    const src = attr('src');
    const title = attr('title');
    if (src !== undefined) images.push({ slide, line, src: browserPath(src), alt: attr('alt') ?? '', ...(title ? { title } : {}), status: shown.status, ...(diagnostics.length > warned && warning ? { warning } : {}) });
  }
  return { html: out.join(''), files: [...files.values()], diagnostics, images };
}

type Tag = Extract<HtmlToken, { type: 'tag' }>;

function image(t: Tag, sourceDir: string, options: ImageOptions, files: Map<string, DeckFile>, warn: (m: string) => void): { html: string; status: ImageUse['status'] } {
  const written = t.attrs.find((a) => a.name === 'src')?.value;
  const alt = t.attrs.find((a) => a.name === 'alt')?.value ?? '';
  if (written === undefined) {
    // None written, or the sanitizer removed it (a file: or script URL) and said so: a broken image.
    if (!options.dropUnavailable) return { html: t.raw, status: 'shown' };
    warn(`image ${alt ? `"${alt}" ` : ''}has no usable src; ${alt ? 'its alt text is in the notes' : 'it was left out'}`);
    return { html: '', status: 'unavailable' };
  }
  // Messages quote the src as written; everything else uses what a browser would read.
  const src = browserPath(written);
  const srcset = t.attrs.some((a) => a.name === 'srcset');
  if (srcset) warn("image srcset removed (Lectern copies only an image's src)");
  const withSrc = (path: string) => ({ html: `<img${t.attrs.filter((a) => a.name !== 'srcset').map((a) => ` ${a.name}="${escapeAttr(a.name === 'src' ? path : a.value)}"`).join('')}>`, status: 'shown' as const });
  // What cannot be shown: a placeholder (its alt text, or the file name), or nothing when the
  // build has put the alt text in the notes.
  const unavailable = (why: string) => {
    const caption = alt || t.attrs.find((a) => a.name === 'title')?.value;
    warn(options.dropUnavailable ? `${why}; ${caption ? 'its alt text is in the notes' : 'it has no alt text to put in the notes'}` : why);
    const shown = options.dropUnavailable ? '' : `<span class="lt-image-placeholder">${escapeAttr(alt || basename(src.split(/[?#]/)[0]) || 'image')}</span>`;
    return { html: shown, status: 'unavailable' as const };
  };
  const { kind, scheme } = classifyUrl(src);
  if (kind === 'data-image') return srcset ? withSrc(written) : { html: t.raw, status: 'shown' };
  if (kind === 'remote') {
    const got = options.remote?.get(src);
    if (!options.remote) {
      const found = unavailable(`remote image ${written} not downloaded (lectern build downloads it into the deck)`);
      return { ...found, status: 'remote' };
    }
    if (!got) return unavailable(`could not fetch ${written}: it was not looked up`);
    if ('error' in got) return unavailable(`could not fetch ${written}: ${got.error}`);
    const path = `remote/${createHash('sha256').update(src).digest('hex').slice(0, 16)}.${got.ext}`;
    files.set(path, { path, from: got.file });
    return withSrc(path);
  }
  if (kind !== 'relative') return unavailable(`image ${written} is not a local file (${scheme}:); it was left out`);
  const clean = filePath(src);
  if (!IMAGE_EXTENSIONS.has(extname(clean).toLowerCase())) return unavailable(`image ${written} is not an image file (${[...IMAGE_EXTENSIONS].join(', ')}); it was left out`);
  const abs = resolve(sourceDir, clean);
  const found = existsSync(abs) && statSync(abs).isFile();
  const inside = !isAbsolute(clean) && isBelow(sourceDir, abs) && (!found || isBelow(realpathSync(sourceDir), realpathSync(abs)));
  if (!inside && !options.allowOutside) return unavailable(`image ${written} is outside the content folder; it was left out (use --allow-outside to include it)`);
  if (!found) {
    // Not the tag as written: the browser could find something else by that path. Inside the
    // folder it stays an image of the deck's own folder that fails to load, so that
    // `lectern check` reports it by name; outside it becomes the placeholder.
    if (!inside) return unavailable(`image ${written} not found`);
    warn(`image ${written} not found`);
    let missing = relative(sourceDir, abs).split(sep).join('/');
    if (RESERVED.test(missing)) missing = `images/${missing}`;
    return withSrc(missing);
  }
  let path = inside ? relative(sourceDir, abs).split(sep).join('/') : outsidePath(abs);
  if (RESERVED.test(path)) path = `images/${path}`;
  files.set(path, { path, from: abs });
  return withSrc(path);
}

/** Where an image from outside the content folder goes: named by its bytes, so builds repeat exactly. */
function outsidePath(abs: string): string {
  const hash = createHash('sha256').update(readFileSync(abs)).digest('hex').slice(0, 12);
  return `outside/${hash}-${basename(abs)}`;
}
