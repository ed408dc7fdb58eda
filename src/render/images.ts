import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { DeckFile } from './index.js';
import { classifyUrl, escapeAttr, tokenizeHtml, type HtmlToken } from './sanitize.js';
import { isBelow } from '../paths.js';

/** Options for the image pass. */
export interface ImageOptions {
  /** Copy images from outside the content folder too (`--allow-outside`). @defaultValue false */
  allowOutside?: boolean;
  /** Source file, for the position of warnings. */
  file?: string;
}

/** File types copied into the deck as images; anything else named by an `<img>` stays out. */
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.bmp', '.ico']);

/** Paths the deck itself uses; an image with one of these paths goes under `images/` instead. */
const RESERVED = /^(index\.html|slides\.pdf|handout\.pdf|(lib|theme|fonts)\/)/i;

/**
 * Finds `<img src>` in rendered slides (however the tag is quoted). Relative paths inside the
 * source folder are copied into the deck (same relative path) so it works offline. An image
 * is shown as a placeholder (its alt text, `span.lt-image-placeholder`) with a warning when
 * it is remote (Lectern never downloads anything at build time), has another scheme
 * (`file:`…), is not an image file, is not found, or leaves the content folder (symlinks
 * included) without `allowOutside`; with it, such a file is copied to
 * `outside/<hash>-<name>`. A path is read as a browser reads it: `\` is `/` (as Chromium has
 * it in file URLs), and tabs and newlines are ignored. So the only `src` written for a local
 * image is the path of the copy Lectern made. `srcset` is dropped, since only `src` is copied.
 */
export function localImages(html: string, sourceDir: string, options: ImageOptions = {}): { html: string; files: DeckFile[]; diagnostics: Diagnostic[] } {
  const files = new Map<string, DeckFile>();
  const diagnostics: Diagnostic[] = [];
  let line = 1;
  const warn = (message: string) => diagnostics.push({ severity: 'warning', message, ...(options.file ? { pos: { file: options.file, line } } : {}) });
  const out: string[] = [];
  for (const t of tokenizeHtml(html)) {
    if (t.type === 'tag' && !t.end && t.name === 'section') {
      const l = Number(t.attrs.find((a) => a.name === 'data-line')?.value);
      if (Number.isInteger(l) && l > 0) line = l;
    }
    out.push(t.type === 'tag' && !t.end && t.name === 'img' ? image(t, sourceDir, options, files, warn) : t.raw);
  }
  return { html: out.join(''), files: [...files.values()], diagnostics };
}

type Tag = Extract<HtmlToken, { type: 'tag' }>;

/**
 * A URL path as a browser reads it: leading and trailing spaces and controls dropped, tabs
 * and newlines removed, and `\` taken as `/` (Chromium does so in file: URLs, so
 * `..\..\x.png` opened from disk leaves the deck folder).
 */
function browserPath(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
}

function image(t: Tag, sourceDir: string, options: ImageOptions, files: Map<string, DeckFile>, warn: (m: string) => void): string {
  const written = t.attrs.find((a) => a.name === 'src')?.value;
  if (written === undefined) return t.raw;
  // Messages quote the src as written; everything else uses what a browser would read.
  const src = browserPath(written);
  const alt = t.attrs.find((a) => a.name === 'alt')?.value ?? '';
  const placeholder = () => `<span class="lt-image-placeholder">${escapeAttr(alt || basename(src.split(/[?#]/)[0]) || 'image')}</span>`;
  const srcset = t.attrs.some((a) => a.name === 'srcset');
  if (srcset) warn("image srcset removed (Lectern copies only an image's src)");
  const withSrc = (path: string) => `<img${t.attrs.filter((a) => a.name !== 'srcset').map((a) => ` ${a.name}="${escapeAttr(a.name === 'src' ? path : a.value)}"`).join('')}>`;
  const { kind, scheme } = classifyUrl(src);
  if (kind === 'data-image') return srcset ? withSrc(written) : t.raw;
  if (kind === 'remote') {
    warn(`remote image ${written} left out (Lectern never downloads at build time); save it next to the source and link it by a relative path`);
    return placeholder();
  }
  if (kind !== 'relative') {
    warn(`image ${written} is not a local file (${scheme}:); it was left out`);
    return placeholder();
  }
  let clean = src.split(/[?#]/)[0];
  try {
    clean = decodeURI(clean);
  } catch {
    // A malformed %-escape: the path is used as written.
  }
  // `%5C` decodes to `\`: a file name with a backslash is never copied under it.
  clean = clean.replace(/\\/g, '/');
  if (!IMAGE_EXTENSIONS.has(extname(clean).toLowerCase())) {
    warn(`image ${written} is not an image file (${[...IMAGE_EXTENSIONS].join(', ')}); it was left out`);
    return placeholder();
  }
  const abs = resolve(sourceDir, clean);
  const found = existsSync(abs) && statSync(abs).isFile();
  const inside = !isAbsolute(clean) && isBelow(sourceDir, abs) && (!found || isBelow(realpathSync(sourceDir), realpathSync(abs)));
  if (!inside && !options.allowOutside) {
    warn(`image ${written} is outside the content folder; it was left out (use --allow-outside to include it)`);
    return placeholder();
  }
  if (!found) {
    // Not the tag as written: the browser could find something else by that path. Inside the
    // folder it stays an image of the deck's own folder that fails to load, so that
    // `lectern check` reports it by name; outside it becomes the placeholder.
    warn(`image ${written} not found`);
    if (!inside) return placeholder();
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
