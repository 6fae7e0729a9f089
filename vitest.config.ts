import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // In CI a JSON report is written too: .ci/run derives its "N passed, N failed" line from it.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest/report.json' },
    // End-to-end tests drive Chromium and build the site; give them room, keep unit tests fast.
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
