import { defineConfig } from 'vitest/config';

/**
 * Three projects; `npm test` runs them all (after `npm run build`), `npm run test:unit` only the
 * first.
 *
 * - unit: in-process tests of src/, no build, no child processes, no browser. CHROME_PATH points
 *   at nothing there, so a test that starts Chromium fails at once ("no executable browser"),
 *   and `lectern()` (test/helpers/cli.ts) refuses to run.
 * - cli: tests that run the built CLI (bin/lectern.js, dist/) and need no browser.
 * - browser: tests that drive Chromium, in-process or through `lectern --pdf`, `--handout` or
 *   `check`. Name a new one `*.e2e.test.ts`; older ones are listed here.
 */
const cliTests = [
  'test/build.test.ts',
  'test/config/cli.test.ts',
  'test/export/pptx.test.ts',
  'test/hardening/bad-input.test.ts',
  'test/hardening/concurrency.test.ts',
  'test/hardening/image-paths.test.ts',
  'test/hardening/raw-html-cli.test.ts',
  'test/hardening/terminal-escapes.test.ts',
  'test/ingest/decks.test.ts',
  'test/plan/empty-slides-cli.test.ts',
  'test/render/remote-images-cli.test.ts',
  'test/server/server.test.ts',
];
const browserTests = [
  'test/**/*.e2e.test.ts',
  'test/cli.test.ts',
  'test/check/calibration.test.ts',
  'test/check/check.test.ts',
  'test/check/cli.test.ts',
  'test/check/confine.test.ts',
  'test/check/typography.test.ts',
  'test/export/chunked-pdf.test.ts',
  'test/export/handout-security.test.ts',
  'test/export/handout.test.ts',
  'test/export/pdf-meta.test.ts',
  'test/export/print-view.test.ts',
  'test/export/slides-pdf.test.ts',
  'test/hardening/bad-input-modes.test.ts',
  'test/hardening/determinism.test.ts',
  'test/hardening/hostile.test.ts',
];

export default defineConfig({
  test: {
    // Browser tests drive a real Chromium; give them room on a slow or loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Three files at a time on 2 cores: a file is often waiting (on a child process, a
    // deadline it tests, Chromium's start), and with two workers a core sat idle meanwhile
    // (npm test: 718 s with two, 510 s with three, back to back on a loaded machine). The
    // timeouts above leave room for the contention.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...cliTests, ...browserTests],
          // These files share no state but src/'s own caches: importing src/ once per worker
          // instead of once per file halves the project's time.
          isolate: false,
          env: { LECTERN_TEST_UNIT: '1', CHROME_PATH: '/nonexistent/test:unit starts no browser; name a browser test *.e2e.test.ts' },
        },
      },
      // These too import src/ once per worker: the cli and browser projects took 142 s and 276
      // CPU-s isolated, 121 s and 232 CPU-s not. A test must then not rely on a cache of src/
      // being cold (a drawn diagram, say), and must put back what it changes in process.env.
      { extends: true, test: { name: 'cli', include: cliTests, isolate: false } },
      { extends: true, test: { name: 'browser', include: browserTests, isolate: false } },
    ],
  },
});
