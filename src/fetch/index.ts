import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RemoteImageLimits } from '../config/schema.js';
import type { RemoteImage } from '../render/images.js';
import { readCache, writeCache, type CacheEntry } from './cache.js';
import { DownloadRefused, downloadImage, seconds } from './download.js';
import { extensionOf } from './sniff.js';

/** Options for bringing a deck's remote images. */
export interface FetchImagesOptions {
  /** Never touch the network: cached copies or nothing. */
  offline: boolean;
  /** The cache folder (cache.ts `cacheFolder`). */
  cache: string;
  limits: RemoteImageLimits;
  /** Downloads at once. @defaultValue 4 */
  concurrency?: number;
  /** Stops the downloads (the build was interrupted). */
  signal?: AbortSignal;
  /** The clock, for the cache's age. @defaultValue Date.now */
  now?: () => number;
}

/**
 * A cached copy younger than this is used without asking the server; an older one is
 * revalidated (If-None-Match / If-Modified-Since) and used as it is when the server cannot
 * be reached.
 */
export const CACHE_FRESH_MS = 24 * 60 * 60 * 1000;

/**
 * Brings remote images into reach: each URL (as a browser reads it; `//host/…` is https)
 * becomes a local file in the cache, or the reason it could not be had. `offline` uses cached
 * copies only and never opens a connection. At most `concurrency` downloads run at once, each
 * within `limits.timeoutSeconds`, and all of them within `limits.totalSeconds`.
 */
export async function fetchImages(urls: readonly string[], options: FetchImagesOptions): Promise<Map<string, RemoteImage>> {
  const found = new Map<string, RemoteImage>();
  const total = AbortSignal.timeout(options.limits.totalSeconds * 1000);
  const overall = new AbortController();
  const onTotal = () => overall.abort(new DownloadRefused(`the deck's downloads took longer than ${seconds(options.limits.totalSeconds * 1000)} (images.totalSeconds in lectern.config.json)`));
  total.addEventListener('abort', onTotal, { once: true });
  const onStop = () => overall.abort(new DownloadRefused('the build was stopped'));
  options.signal?.addEventListener('abort', onStop, { once: true });
  const queue = [...new Set(urls)];
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) found.set(url, await fetchOne(url, options, overall.signal));
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, worker));
  } finally {
    total.removeEventListener('abort', onTotal);
    options.signal?.removeEventListener('abort', onStop);
  }
  return found;
}

async function fetchOne(src: string, options: FetchImagesOptions, signal: AbortSignal): Promise<RemoteImage> {
  let url: string;
  try {
    url = new URL(src.startsWith('//') ? `https:${src}` : src).href;
  } catch {
    return { error: 'not a valid URL' };
  }
  if (!/^https?:/i.test(url)) return { error: 'not an http(s) URL' };
  const cached = readCache(options.cache, url);
  const local = (entry: CacheEntry): RemoteImage => ({ file: entry.file, ext: extensionOf[entry.format] });
  if (options.offline) return cached ? local(cached) : { error: 'offline (--offline), and no copy in the cache' };
  const now = (options.now ?? Date.now)();
  if (cached && now - cached.checked < CACHE_FRESH_MS) return local(cached);
  if (signal.aborted) return { error: (signal.reason as Error).message };
  try {
    const got = await downloadImage(url, { maxBytes: options.limits.maxMegabytes * 1_000_000, timeoutMs: options.limits.timeoutSeconds * 1000 }, signal, cached);
    if ('notModified' in got) {
      const { file: _, ...record } = cached!;
      return local(writeCache(options.cache, { ...record, checked: now }) ?? cached!);
    }
    const record = { url, format: got.format, checked: now, etag: got.etag, lastModified: got.lastModified };
    // A cache that cannot be written (a read-only home) still gives the deck its copy.
    const entry = writeCache(options.cache, record, got.bytes) ?? writeCache(join(tmpdir(), `lectern-cache-${process.getuid?.() ?? 'user'}`), record, got.bytes);
    return entry ? local(entry) : { error: 'the download could not be stored (no writable cache folder)' };
  } catch (e) {
    if (!(e instanceof DownloadRefused)) throw e;
    // The server is down or the network is gone: an older copy is better than none.
    if (cached) return local(cached);
    return { error: e.message };
  }
}
