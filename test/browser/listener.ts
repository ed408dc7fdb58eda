import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer } from 'node:http';

/** A listener on 127.0.0.1 that records every contact, to show that a page reached nothing. */
export interface Listener {
  /** TCP port: HTTP requests, WebSocket upgrades, bare connections. */
  port: number;
  /** UDP port: what WebRTC would send (STUN binding requests). */
  udpPort: number;
  /** Every contact in order: `tcp`, `http /path`, `ws /path`, `udp`. */
  hits: string[];
  close(): Promise<void>;
}

export async function listen(): Promise<Listener> {
  const hits: string[] = [];
  const http = createServer((req, res) => {
    hits.push(`http ${req.url}`);
    res.setHeader('content-type', /\.css$/.test(req.url ?? '') ? 'text/css' : 'text/plain');
    res.end(/\.css$/.test(req.url ?? '') ? 'body { color: red; }' : 'hello');
  });
  http.on('upgrade', (req, socket) => {
    hits.push(`ws ${req.url}`);
    socket.destroy();
  });
  http.on('connection', () => hits.push('tcp'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const udp = createSocket('udp4');
  udp.on('message', () => hits.push('udp'));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as { port: number }).port,
    udpPort: udp.address().port,
    hits,
    close: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await new Promise<void>((resolve) => udp.close(resolve));
    },
  };
}

/**
 * A script that tries every way out of a page: a WebSocket, a pop-up (with and without an
 * opener, and a link with a target), fetch, a beacon, a worker's fetch and WebSocket, and
 * WebRTC's STUN (UDP) and TURN (TCP). Each attempt is wrapped, so one failing stops no other.
 */
export function escapeScript(l: Listener): string {
  const at = `127.0.0.1:${l.port}`;
  const tries = [
    `new WebSocket('ws://${at}/ws')`,
    `window.open('http://${at}/popup')`,
    `window.open('http://${at}/noopener', '_blank', 'noopener')`,
    `(() => { const a = document.createElement('a'); a.href = 'http://${at}/link'; a.target = '_blank'; document.body.append(a); a.click(); })()`,
    `fetch('http://${at}/f').catch(() => {})`,
    `navigator.sendBeacon('http://${at}/beacon', 'x')`,
    `new Worker(URL.createObjectURL(new Blob(["fetch('http://${at}/worker').catch(() => {}); new WebSocket('ws://${at}/worker-ws');"])))`,
    `(async () => { const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${l.udpPort}' }, { urls: 'turn:${at}?transport=tcp', username: 'u', credential: 'p' }] }); pc.createDataChannel('x'); await pc.setLocalDescription(await pc.createOffer()); })().catch(() => {})`,
  ];
  return tries.map((t) => `try { ${t}; } catch (e) {}`).join('\n');
}

/**
 * A test file's listener and scratch folder: the listener starts before the tests, its hits are
 * cleared before each, and both go at the end. Read `work` and `listener` inside tests, not at load time.
 */
export function listenerFixture(prefix: string): { readonly work: string; readonly listener: Listener } {
  // Made in beforeAll, not at collection: a describe block's afterAll does not run when its
  // file fails before its tests (a setup error), and a folder made earlier would be left.
  let work: string | undefined;
  let current: Listener | undefined;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), prefix));
    current = await listen();
  });
  beforeEach(() => {
    if (current) current.hits.length = 0;
  });
  afterAll(async () => {
    await current?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  return {
    get work() {
      if (!work) throw new Error('the work folder is made in beforeAll');
      return work;
    },
    get listener() {
      if (!current) throw new Error('the listener starts in beforeAll');
      return current;
    },
  };
}
