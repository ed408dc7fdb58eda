import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests drive a real Chromium; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Real-browser suites share CPU; running files two at a time keeps them stable.
    maxWorkers: 2,
  },
});
