import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { DeckFile } from './index.js';

/**
 * Finds `<img src>` in rendered slides. Relative paths inside the source folder are copied
 * into the deck (same relative path) so it works offline; paths that leave the folder, are
 * missing, or are remote are left out of the copy and reported.
 */
export function localImages(html: string, sourceDir: string): { html: string; files: DeckFile[]; diagnostics: Diagnostic[] } {
  const files = new Map<string, DeckFile>();
  const diagnostics: Diagnostic[] = [];
  const out = html.replace(/<img([^>]*?)src="([^"]*)"/g, (whole, pre: string, src: string) => {
    if (/^(https?:)?\/\//i.test(src)) {
      diagnostics.push({ severity: 'warning', message: `remote image ${src} will not show offline; download it next to the source` });
      return whole;
    }
    if (/^data:image\//i.test(src)) return whole;
    const clean = decodeURI(src.split(/[?#]/)[0]);
    const abs = resolve(sourceDir, clean);
    const rel = relative(sourceDir, abs);
    if (isAbsolute(clean) || rel.startsWith('..') || rel.split(sep).includes('..')) {
      diagnostics.push({ severity: 'warning', message: `image ${src} is outside the content folder; it was left out` });
      return `<img${pre}src=""`;
    }
    if (!existsSync(abs) || !statSync(abs).isFile()) {
      diagnostics.push({ severity: 'warning', message: `image ${src} not found` });
      return whole;
    }
    const path = rel.split(sep).join('/');
    files.set(path, { path, from: abs });
    return `<img${pre}src="${path}"`;
  });
  return { html: out, files: [...files.values()], diagnostics };
}
