import { createReadStream, lstatSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { isBelow } from '../paths.js';

/** Where a request path leads inside the served folder, or why it leads nowhere. */
export type ResolvedRequest = { ok: true; segments: string[] } | { ok: false; status: 400 | 403 };

/**
 * Turns the path part of a request URL into segments inside the served folder. It refuses
 * rather than repairs: a `.` or `..` segment (raw or percent-encoded), a backslash, a NUL,
 * a drive letter or a malformed escape never reach the file system. Browsers normalise dot
 * segments before they send a request, so only hand-made requests are refused.
 */
export function resolveRequestPath(url: string): ResolvedRequest {
  const raw = url.split(/[?#]/, 1)[0];
  if (!raw.startsWith('/')) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400 };
  }
  if (/[\\\0]/.test(decoded)) return { ok: false, status: 403 };
  const segments = decoded.slice(1).split('/');
  for (const s of segments) {
    if (s === '.' || s === '..' || /^[a-z]:/i.test(s)) return { ok: false, status: 403 };
  }
  // `/` and `/dir/` name the folder's index.html; `//x` and `/a//b` are not paths we write.
  if (segments.slice(0, -1).some((s) => s === '')) return { ok: false, status: 403 };
  if (segments[segments.length - 1] === '') segments[segments.length - 1] = 'index.html';
  return { ok: true, segments };
}

/** The file a request path names inside `root`, or undefined when it would leave `root`. */
export function fileInside(root: string, segments: string[]): string | undefined {
  const file = join(root, ...segments);
  return isBelow(root, file) ? file : undefined;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** The Content-Type for a file name; unknown kinds are sent as bytes, never sniffed. */
export function contentType(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Headers every preview response carries: nothing is cached, so a reload sees the new build;
 * only the preview itself may frame its pages (the speaker view does), so another site cannot
 * embed the deck and read its notes through reveal.js's postMessage API.
 */
export const baseHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Content-Security-Policy': "frame-ancestors 'self'",
} as const;

/** Sends a short plain-text answer. */
export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8', head = false): void {
  const body = Buffer.from(text);
  res.writeHead(status, { ...baseHeaders, 'Content-Type': type, 'Content-Length': body.length });
  res.end(head ? undefined : body);
}

/**
 * Sends a regular file of `root`; a folder is never listed and a symbolic link never
 * followed. Returns false when the path names no such file, so the caller can answer 404.
 */
export function sendFile(req: IncomingMessage, res: ServerResponse, root: string, segments: string[]): boolean {
  const file = fileInside(root, segments);
  if (!file) return false;
  let size: number;
  try {
    const st = lstatSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return false;
    size = st.size;
  } catch {
    return false;
  }
  res.writeHead(200, { ...baseHeaders, 'Content-Type': contentType(file), 'Content-Length': size });
  if (req.method === 'HEAD') return res.end(), true;
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
