import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { extensionOf, type ImageFormat } from './sniff.js';

/**
 * The download cache: `<cache>/images/<sha256 of the URL>.<ext>` beside a `.json` record of the
 * URL, its format, when it was fetched, and the server's ETag and Last-Modified for revalidation.
 * `<cache>` is `cacheDir` (API), else `$LECTERN_CACHE_DIR`, else `$XDG_CACHE_HOME/lectern`, else
 * `~/.cache/lectern`. Files are written under a temporary name and renamed, so concurrent
 * builds never read half an image.
 */

/** What the cache knows about one URL. */
export interface CacheRecord {
  url: string;
  format: ImageFormat;
  /** When the copy was fetched or last confirmed by the server (ms since 1970). */
  checked: number;
  etag?: string;
  lastModified?: string;
}

/** A cached copy: its record and the image file. */
export interface CacheEntry extends CacheRecord {
  file: string;
}

/** The cache folder for an environment. */
export function cacheFolder(cacheDir: string | undefined, env: NodeJS.ProcessEnv): string {
  if (cacheDir) return cacheDir;
  if (env.LECTERN_CACHE_DIR) return env.LECTERN_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lectern');
}

/** The images folder of a cache, and the key of a URL in it. */
function paths(cache: string, url: string): { dir: string; base: string } {
  return { dir: join(cache, 'images'), base: createHash('sha256').update(url).digest('hex') };
}

/** The cached copy of a URL, or undefined (none, or unreadable: the cache is only a cache). */
export function readCache(cache: string, url: string): CacheEntry | undefined {
  const { dir, base } = paths(cache, url);
  try {
    const record = JSON.parse(readFileSync(join(dir, `${base}.json`), 'utf8')) as CacheRecord;
    if (record.url !== url || !(record.format in extensionOf)) return undefined;
    const file = join(dir, `${base}.${extensionOf[record.format]}`);
    accessSync(file, constants.R_OK);
    return { ...record, file };
  } catch {
    return undefined;
  }
}

/** Stores a download; returns its entry, or undefined when the cache cannot be written (the build goes on without it). */
export function writeCache(cache: string, record: CacheRecord, bytes?: Uint8Array): CacheEntry | undefined {
  const { dir, base } = paths(cache, record.url);
  const file = join(dir, `${base}.${extensionOf[record.format]}`);
  const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    mkdirSync(dir, { recursive: true });
    if (bytes) {
      writeFileSync(join(dir, `${base}${tmp}`), bytes);
      renameSync(join(dir, `${base}${tmp}`), file);
    }
    writeFileSync(join(dir, `${base}${tmp}.json`), JSON.stringify(record));
    renameSync(join(dir, `${base}${tmp}.json`), join(dir, `${base}.json`));
    return { ...record, file };
  } catch {
    rmSync(join(dir, `${base}${tmp}`), { force: true });
    rmSync(join(dir, `${base}${tmp}.json`), { force: true });
    return undefined;
  }
}
