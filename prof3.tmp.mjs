import { browserSession } from './dist/browser/launch.js';
import { openForCheck } from './dist/check/open.js';
import { findTofu } from './dist/check/tofu.js';
import * as cov from './dist/check/coverage.js';
import { dirname } from 'node:path';
const f = process.argv[2];
const s = browserSession({ env: process.env, timeoutMs: 30000, offline: true });
cov.systemFonts();
await s.withPage(async (page) => {
  await openForCheck(page, f);
  let t = performance.now();
  await findTofu(page); console.log('tofu1', (performance.now()-t).toFixed(0));
  t = performance.now();
  await findTofu(page); console.log('tofu2 (cached fc-query)', (performance.now()-t).toFixed(0));
  t = performance.now();
  const n = await page.evaluate(`document.querySelectorAll('section[data-slide] .lt-frame *').length`);
  console.log('elements', n);
}, { confineTo: dirname(f) });
await s.close();
