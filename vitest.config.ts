import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests start Chromium and a static server; they run in scripts/test.mjs after the build.
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
});
