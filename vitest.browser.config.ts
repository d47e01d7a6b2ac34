import { defineConfig } from 'vitest/config';

// Browser tests: Chromium against the built site, served on 127.0.0.1 (see test/browser/global-setup.ts).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
