import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviewState } from '../../src/server/deck.js';

/** A small talk of our own: title, agenda, two sections of one points slide each, closing. */
export function talk(o: { first?: string; theme?: string; frontMatter?: string } = {}): string {
  const front = o.frontMatter ?? `title: "Small Talk"\nlang: en${o.theme ? `\ntheme: ${o.theme}` : ''}`;
  return `---
${front}
---

# Small Talk

An opening paragraph about small talks and why they matter to anyone who speaks.

## First Part

${o.first ?? 'The first part says something plain. It has two sentences.'}

## Second Part

The second part says something else entirely, with more words in it.
`;
}

/** A temporary folder with `talk.md` in it. */
export function talkDir(text = talk()): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-serve-test-'));
  const file = join(dir, 'talk.md');
  writeFileSync(file, text);
  return { dir, file };
}

/** Saves the way most editors do: a new file renamed over the old one. */
export function saveByRename(file: string, text: string): void {
  writeFileSync(`${file}.swp`, text);
  renameSync(`${file}.swp`, file);
}

/** Collects output written through a CLI-style `io`. */
export function captureIo(): { io: { out: (s: string) => void; err: (s: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => void out.push(s), err: (s) => void err.push(s) }, out, err };
}

/**
 * One raw HTTP GET with the path sent exactly as given (node's client does not normalise
 * it, unlike a browser or `fetch`).
 */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}, host = '127.0.0.1'): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, headers, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A Server-Sent Events client for `/__lectern/events` that records every `state` event. */
export function stateStream(port: number): { states: PreviewState[]; next(pred: (s: PreviewState) => boolean, timeoutMs?: number): Promise<PreviewState>; close(): void } {
  const states: PreviewState[] = [];
  const waiters = new Set<() => void>();
  const req = request({ host: '127.0.0.1', port, path: '/__lectern/events' }, (res) => {
    res.setEncoding('utf8');
    let buf = '';
    res.on('data', (chunk: string) => {
      buf += chunk;
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^data: (.*)$/m.exec(frame);
        if (/^event: state$/m.test(frame) && data) states.push(JSON.parse(data[1]) as PreviewState);
      }
      for (const w of waiters) w();
    });
  });
  req.on('error', () => undefined);
  req.end();
  let seen = 0;
  return {
    states,
    // A guard, not a timing claim: a rebuild that relaunches Chromium on a loaded 2-core machine takes tens of seconds.
    next(pred, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          while (seen < states.length) {
            const s = states[seen++];
            if (pred(s)) {
              waiters.delete(check);
              clearTimeout(timer);
              return resolve(s);
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching state within ${timeoutMs} ms; got ${JSON.stringify(states)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => req.destroy(),
  };
}
