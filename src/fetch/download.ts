import { version } from '../version.js';
import { formatOfContentType, sniffFormat, svgProblem, type ImageFormat } from './sniff.js';

/** Limits on one download. */
export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Redirects followed before giving up. @defaultValue 5 */
  maxRedirects?: number;
}

/** A download's outcome: the image, or the server's word that the cached copy is current. */
export type Downloaded = { bytes: Uint8Array; format: ImageFormat; etag?: string; lastModified?: string } | { notModified: true };

/** Why an image could not be had; its message is the reason the warning shows. */
export class DownloadRefused extends Error {}

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml;q=0.9';

/**
 * Downloads one image with Node's fetch. Every hop of a redirect chain (at most `maxRedirects`)
 * must be http(s); the answer must name one of the five image types and its bytes must be that
 * type; it may not be larger than `maxBytes` (by its Content-Length, and by what arrives); an
 * SVG must be inert (sniff.ts). `timeoutMs` bounds the whole download; `signal` (the deck's
 * overall limit) aborts it too. `cached` makes the request conditional (ETag, Last-Modified).
 */
export async function downloadImage(url: string, limits: DownloadLimits, signal: AbortSignal, cached?: { etag?: string; lastModified?: string }): Promise<Downloaded> {
  const stop = new AbortController();
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const all = anySignal([signal, timeout, stop.signal]);
  const maxRedirects = limits.maxRedirects ?? 5;
  try {
    let at = new URL(url);
    for (let hop = 0; ; hop++) {
      if (at.protocol !== 'http:' && at.protocol !== 'https:') throw new DownloadRefused(`${hop ? 'redirected to' : 'not'} an http(s) URL (${at.protocol})`);
      const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': `lectern/${version}` };
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
      const res = await fetch(at, { redirect: 'manual', signal: all, headers });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
        await res.body?.cancel();
        if (hop >= maxRedirects) throw new DownloadRefused(`more than ${maxRedirects} redirects`);
        at = new URL(location, at);
        continue;
      }
      if (res.status === 304 && cached) {
        await res.body?.cancel();
        return { notModified: true };
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new DownloadRefused(`the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      const contentType = res.headers.get('content-type');
      const format = formatOfContentType(contentType);
      if (!format) {
        await res.body?.cancel();
        throw new DownloadRefused(`not an image (content type ${contentType ?? 'none'}; PNG, JPEG, GIF, WebP and SVG are taken)`);
      }
      const length = Number(res.headers.get('content-length'));
      if (length > limits.maxBytes) {
        await res.body?.cancel();
        throw new DownloadRefused(tooLarge(limits.maxBytes));
      }
      const bytes = await readAtMost(res, limits.maxBytes, () => stop.abort());
      const sniffed = sniffFormat(bytes);
      if (sniffed !== format) throw new DownloadRefused(`its bytes are ${sniffed ? `a ${sniffed.toUpperCase()} image` : 'not an image'}, though the server calls it ${contentType}`);
      if (format === 'svg') {
        const problem = svgProblem(new TextDecoder('utf-8').decode(bytes));
        if (problem) throw new DownloadRefused(`an SVG with ${problem} (SVGs that could run script or load files are refused)`);
      }
      return { bytes, format, etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined };
    }
  } catch (e) {
    if (e instanceof DownloadRefused) throw e;
    if (timeout.aborted) throw new DownloadRefused(`no complete answer within ${seconds(limits.timeoutMs)}`);
    if (signal.aborted) throw new DownloadRefused(signal.reason instanceof DownloadRefused ? signal.reason.message : 'the build was stopped');
    throw new DownloadRefused(networkReason(e));
  } finally {
    // Done either way: this drops the listeners the combined signal left on the others.
    stop.abort();
  }
}

/** A signal aborted with the first of `signals` (AbortSignal.any, which Node has only from 20.3). */
function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = new AbortController();
  const abort = (s: AbortSignal) => {
    if (!any.signal.aborted) any.abort(s.reason);
  };
  for (const s of signals) {
    if (s.aborted) abort(s);
    else s.addEventListener('abort', () => abort(s), { once: true, signal: any.signal });
  }
  return any.signal;
}

/** Reads a response body, refusing it once it passes `max` bytes. */
async function readAtMost(res: Response, max: number, abort: () => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    for await (const chunk of res.body) {
      total += chunk.length;
      if (total > max) {
        abort();
        throw new DownloadRefused(tooLarge(max));
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(max: number): string {
  return `larger than ${+(max / 1_000_000).toFixed(2)} MB (images.maxMegabytes in lectern.config.json)`;
}

export function seconds(ms: number): string {
  return `${+(ms / 1000).toFixed(1)} s`;
}

/** A network error as a short reason: the system's code (ENOTFOUND, ECONNREFUSED…) when there is one. */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code;
  const named: Record<string, string> = { ENOTFOUND: 'host not found', ECONNREFUSED: 'connection refused', ECONNRESET: 'connection reset', EAI_AGAIN: 'name lookup failed' };
  if (code) return named[code] ? `${named[code]} (${code})` : code;
  return cause?.message ?? (e as Error)?.message ?? String(e);
}
