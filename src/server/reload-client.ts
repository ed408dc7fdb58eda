/** Where the served page finds the reload client (outside any path a deck writes). */
export const clientPath = '/__lectern/client.js';
/** The server's Server-Sent Events stream of build states. */
export const eventsPath = '/__lectern/events';

/**
 * The live-reload client, injected into the served index.html only (never into a build).
 * The top page listens to the server's events; frames (the speaker view's two previews)
 * hear them over a BroadcastChannel instead, so a deck with its speaker view open holds one
 * connection, not three. A new build reloads the page: reveal.js keeps the slide in the URL
 * hash (`hash: true`), so the reload lands on the same slide. A failed build shows an
 * overlay over the last good deck until a build succeeds. No network beyond the server.
 */
export const clientScript = `(function () {
  'use strict';
  var script = document.currentScript;
  var build = script ? script.getAttribute('data-build') : '';
  var isTop = true;
  try { isTop = window.top === window; } catch (e) { isTop = false; }
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('lectern-preview') : null;
  var reloading = false;

  function apply(state) {
    if (state.error) { if (isTop) show(state.error); return; }
    if (state.build !== build) {
      if (!reloading) { reloading = true; location.reload(); }
      return;
    }
    hide();
  }

  function overlay() {
    var box = document.getElementById('lectern-error');
    if (box) return box;
    box = document.createElement('div');
    box.id = 'lectern-error';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:6vh 8vw;' +
      'background:rgba(24,8,8,.92);color:#fff;font:18px/1.5 ui-monospace,Menlo,Consolas,monospace;text-align:left';
    var title = document.createElement('div');
    title.style.cssText = 'font-weight:bold;color:#ff8a80;margin-bottom:1em';
    title.textContent = 'Lectern could not rebuild the deck';
    var where = document.createElement('div');
    where.className = 'lectern-error-where';
    where.style.cssText = 'color:#ffd180';
    var message = document.createElement('pre');
    message.className = 'lectern-error-message';
    message.style.cssText = 'white-space:pre-wrap;margin:.5em 0 1.5em;font:inherit';
    var hint = document.createElement('div');
    hint.style.cssText = 'opacity:.7';
    hint.textContent = 'Fix it and save: the page updates by itself. Underneath is the last good build.';
    box.appendChild(title); box.appendChild(where); box.appendChild(message); box.appendChild(hint);
    document.documentElement.appendChild(box);
    return box;
  }

  function show(error) {
    var box = overlay();
    box.querySelector('.lectern-error-where').textContent = error.where || '';
    box.querySelector('.lectern-error-message').textContent = error.message;
  }

  function hide() {
    var box = document.getElementById('lectern-error');
    if (box) box.remove();
  }

  if (isTop && typeof EventSource === 'function') {
    var events = new EventSource('${eventsPath}');
    events.addEventListener('state', function (e) {
      var state = JSON.parse(e.data);
      if (channel) channel.postMessage(state);
      apply(state);
    });
  } else if (channel) {
    channel.onmessage = function (e) { apply(e.data); };
  }
})();
`;

/** The served index.html: the deck's page with the client added at the end of its body. */
export function injectClient(html: string, build: string): string {
  const tag = `<script src="${clientPath}" data-build="${build.replace(/[^0-9a-f]/g, '')}"></script>\n`;
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}

/** The page served before the first good build: nothing but the client, which shows the error. */
export function waitingPage(): string {
  return injectClient('<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Lectern preview</title></head>\n<body>\n<p>Waiting for a good build…</p>\n</body>\n</html>\n', '');
}
