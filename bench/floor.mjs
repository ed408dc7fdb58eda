// The floor for a slides PDF: the least any tool can do with Puppeteer to print a built deck.
// Launch the same Chromium with the same flags as src/browser/launch.ts, open the
// deck's index.html?print-pdf, wait for reveal.js's pdf-ready and the fonts, call page.pdf()
// once with the options src/export/pdf.ts uses, write the bytes, close.
//
// Plain JavaScript on purpose: it runs under bare `node`, like bin/lectern.js, so neither side
// pays for a TypeScript loader. The benchmark compares this process's browser command line
// with Lectern's and warns if the flags drift apart.
//
// Usage: node bench/floor.mjs <index.html> <out.pdf> [width] [height]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';

const [html, out, width = '1280', height = '720'] = process.argv.slice(2);
if (!html || !out) {
  process.stderr.write('usage: node bench/floor.mjs <index.html> <out.pdf> [width] [height]\n');
  process.exit(2);
}
const executablePath = process.env.CHROME_PATH || process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', '--font-render-hinting=none'];
// Lectern's exports run offline (src/browser/launch.ts: no WebRTC, a proxy nobody listens
// on, no DNS) with pop-ups blocked; the floor's browser does the same, so both start alike.
args.push('--webrtc-ip-handling-policy=disable_non_proxied_udp', '--force-webrtc-ip-handling-policy=disable_non_proxied_udp');
args.push('--proxy-server=socks5://127.0.0.1:1', '--proxy-bypass-list=<-loopback>', '--host-resolver-rules=MAP * ~NOTFOUND');
if (process.getuid?.() === 0 || process.env.CI) args.push('--no-sandbox');
const profile = mkdtempSync(join(tmpdir(), 'lectern-floor-'));
const browser = await puppeteer.launch({ executablePath, headless: true, args, ignoreDefaultArgs: ['--disable-popup-blocking'], userDataDir: profile, timeout: 120_000, protocolTimeout: 600_000 });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(600_000);
  await page.evaluateOnNewDocument(() => {
    window.__floorReady = new Promise((res) => window.addEventListener('pdf-ready', () => res(), { once: true }));
  });
  await page.goto(pathToFileURL(html).href + '?print-pdf', { waitUntil: 'load' });
  await page.evaluate(async () => {
    await window.__floorReady;
    await document.fonts.ready;
  });
  const pdf = await page.pdf({ width: `${width}px`, height: `${height}px`, printBackground: true, preferCSSPageSize: true, tagged: false, outline: false, timeout: 0 });
  writeFileSync(out, pdf);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
