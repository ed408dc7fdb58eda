import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

/** A PNG of `width` × `height` pixels in stripes of the given colours, written here (no fixture file). */
export function stripedPng(width: number, height: number, colours: [number, number, number][]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) => Buffer.from([0, ...Array.from({ length: width }, (_, x) => colours[Math.floor((x / width) * colours.length)] ?? [0, 0, 0]).flat()]));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

export const png = stripedPng(320, 180, [
  [38, 84, 124],
  [239, 71, 111],
  [255, 209, 102],
  [6, 214, 160],
]);

const cleanSvg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#26547c"/></svg>';
const scriptSvg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><script>alert(1)</script><rect width="40" height="20"/></svg>';

/** What the test server answers on each path; `hits` counts the requests each path got. */
export interface ImageServer {
  origin: string;
  hits: Map<string, number>;
  /** Requests of any path. */
  total: () => number;
  /** The If-None-Match header of the last request, by path. */
  conditional: Map<string, string>;
  close: () => Promise<void>;
}

/**
 * A web server on 127.0.0.1 (port 0) with the cases a deck's remote images meet: a PNG, a
 * huge file, a response that never comes, a wrong content type, bytes that are not what the
 * type says, redirect chains (short, too long, to ftp:), an SVG with a script and a clean one,
 * and a PNG with an ETag.
 */
export async function startImageServer(): Promise<ImageServer> {
  const hits = new Map<string, number>();
  const conditional = new Map<string, string>();
  const send = (res: ServerResponse, type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'content-type': type, ...headers });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const inm = req.headers['if-none-match'];
    if (typeof inm === 'string') conditional.set(path, inm);
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n > 1 ? `/hop/${n - 1}` : '/chart.png' });
      return res.end();
    }
    switch (path) {
      case '/chart.png':
      case '/other.png':
        return send(res, 'image/png', png);
      case '/etag.png':
        if (inm === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          return res.end();
        }
        return send(res, 'image/png', png, { etag: '"v1"' });
      case '/huge.png':
        // No Content-Length: the limit is met while reading.
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(png);
        return res.end(Buffer.alloc(2_000_000));
      case '/declared-huge.png':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(50_000_000) });
        return res.end();
      case '/slow.png':
        // Answers nothing; the download's timeout ends it (close() drops the connection).
        return;
      case '/page.png':
        return send(res, 'text/html; charset=utf-8', '<!doctype html><p>not an image</p>');
      case '/liar.png':
        return send(res, 'image/png', 'GIF89a\x01\x00\x01\x00\x00\x00\x00;');
      case '/to-ftp.png':
        res.writeHead(301, { location: 'ftp://127.0.0.1/chart.png' });
        return res.end();
      case '/script.svg':
        return send(res, 'image/svg+xml', scriptSvg);
      case '/clean.svg':
        return send(res, 'image/svg+xml', cleanSvg);
      case '/gone.png':
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not here');
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    conditional,
    total: () => [...hits.values()].reduce((a, b) => a + b, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
