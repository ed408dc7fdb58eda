import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LecternError } from '../errors.js';

/** How many ports after the asked one are tried when it is busy. */
export const portTries = 20;

/**
 * Listens on `host:port`, or on the next free port when it is busy (up to `portTries`),
 * calling `onBusy` for each busy one. Port 0 lets the system choose. Other failures
 * (no such interface, a privileged port) are usage errors with what to do next.
 */
export async function listen(server: Server, host: string, port: number, onBusy: (port: number) => void): Promise<number> {
  for (let p = port; ; p++) {
    try {
      await listenOnce(server, host, p);
      return (server.address() as AddressInfo).port;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && port !== 0 && p < Math.min(port + portTries - 1, 65535)) {
        onBusy(p);
        continue;
      }
      throw listenError(code, host, port, p);
    }
  }
}

function listenOnce(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => {
      server.off('listening', ok);
      reject(e);
    };
    const ok = () => {
      server.off('error', fail);
      resolve();
    };
    server.once('error', fail);
    server.once('listening', ok);
    server.listen(port, host);
  });
}

function listenError(code: string | undefined, host: string, first: number, last: number): LecternError {
  if (code === 'EADDRINUSE') return new LecternError('USAGE', `ports ${first}–${last} are all busy; pass a free one with --port`);
  if (code === 'EACCES') return new LecternError('USAGE', `not allowed to listen on port ${last}; pass one above 1023 with --port`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new LecternError('USAGE', `--host ${host}: no such address on this machine; leave it out to use 127.0.0.1`);
  return new LecternError('USAGE', `cannot listen on ${host}:${last} (${code ?? 'error'}); try another --port or --host`);
}

/** The URL to print for a bound address: all-interfaces binds are reached on loopback. */
export function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

/** True for a Host header naming this machine's loopback: `localhost`, `127.x.x.x`, `[::1]`. */
export function isLoopbackHost(header: string | undefined): boolean {
  if (!header) return false;
  const name = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.replace(/:\d+$/, '');
  return /^(localhost|[\w-]+\.localhost|127(\.\d{1,3}){3}|::1)$/i.test(name);
}

/** True for an address or name to bind that only this machine can reach. */
export function isLoopbackAddress(host: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);
}
