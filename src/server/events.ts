import type { ServerResponse } from 'node:http';
import type { PreviewState } from './deck.js';

/** The open Server-Sent Events connections, all told the same thing. */
export interface EventHub {
  /** Takes over a response as an event stream and sends it the current state at once. */
  add(res: ServerResponse, state: PreviewState): void;
  send(state: PreviewState): void;
  /** Ends every stream (the browser would reconnect; the server is closing by then). */
  close(): void;
}

/** Sends each state as an SSE `state` event; a comment every 20 s keeps idle streams open. */
export function eventHub(): EventHub {
  const clients = new Set<ServerResponse>();
  const frame = (state: PreviewState) => `event: state\ndata: ${JSON.stringify(state)}\n\n`;
  const ping = setInterval(() => {
    for (const res of clients) res.write(': ping\n\n');
  }, 20_000);
  ping.unref();
  return {
    add(res, state) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
      // A lost connection is retried after a second, so a restarted server is found again.
      res.write(`retry: 1000\n\n${frame(state)}`);
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    send(state) {
      const data = frame(state);
      for (const res of clients) res.write(data);
    },
    close() {
      clearInterval(ping);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
