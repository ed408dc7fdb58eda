import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { Diagnostic } from '../../model/diagnostics.js';
import { localImages, type RemoteImage } from '../../render/images.js';
import { escapeAttr } from '../../html/sanitize.js';
import type { PptxPicture } from './body.js';

/** Options for finding a deck's images. */
export interface PictureOptions {
  /** Folder the source came from; image paths resolve against it. */
  sourceDir: string;
  /** Embed images from outside the content folder too (`--allow-outside`). @defaultValue false */
  allowOutside?: boolean;
  /** Source file, for the position of warnings. */
  file: string;
  /** Remote images the build downloaded, by URL: embedded from their local copies. */
  remote?: ReadonlyMap<string, RemoteImage>;
}

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml' };

// image-size comes with pptxgenjs (which reads image sizes with it in the browser build);
// loaded on first use, like pptxgenjs.
type ImageSize = (b: Uint8Array) => { width?: number; height?: number };
let imageSize: ImageSize | undefined;
const loadImageSize = () => (imageSize ??= (createRequire(createRequire(import.meta.url).resolve('pptxgenjs'))('image-size') as { imageSize: ImageSize }).imageSize);

/**
 * A resolver from image paths as written in the Markdown to embeddable pictures. Which paths
 * may be read is decided by the HTML deck's own rules (render/images.ts: inside the content
 * folder, symlinks followed, or anywhere with `allowOutside`), so the PPTX never embeds a file
 * the deck would refuse. A picture that cannot be embedded (missing, refused, or a format
 * PowerPoint does not read everywhere) gives a warning at its line; its slide shows the alt text.
 */
export function pictureResolver(o: PictureOptions): { resolve: (src: string, alt: string, line: number | undefined) => PptxPicture | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, PptxPicture | undefined>();
  const resolve = (src: string, alt: string, line: number | undefined): PptxPicture | undefined => {
    const warn = (why: string) => diagnostics.push({ severity: 'warning', message: `slides.pptx: image ${src} ${why}; its slide shows the alt text instead`, pos: { file: o.file, line: line ?? 1 } });
    const probe = localImages(`<img src="${escapeAttr(src)}" alt="${escapeAttr(alt)}">`, o.sourceDir, { allowOutside: o.allowOutside, remote: o.remote });
    const from = probe.files[0]?.from;
    if (!from) {
      warn(probe.diagnostics.length ? 'could not be embedded (see the warning about it above)' : 'not found');
      return undefined;
    }
    if (cache.has(from)) return cache.get(from);
    let picture: PptxPicture | undefined;
    const mime = MIME[extname(from).toLowerCase()];
    if (!mime) warn(`is ${extname(from).slice(1).toUpperCase()}, which PowerPoint does not embed everywhere; convert it to PNG or JPEG`);
    else {
      try {
        const bytes = readFileSync(from);
        const size = pixelSize(bytes);
        if (!size) warn('is not a readable image file');
        else picture = { data: `${mime};base64,${bytes.toString('base64')}`, ...size };
      } catch (e) {
        warn(`could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    cache.set(from, picture);
    return picture;
  };
  return { resolve, diagnostics };
}

/** Width and height of an image from its header (image-size, which pptxgenjs depends on), or undefined. */
export function pixelSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    const { width, height } = loadImageSize()(bytes);
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}
