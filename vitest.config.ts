import { defineConfig } from 'vitest/config';

// `npm test`: everything that runs with Node and npm alone. The tests that need a real browser
// (tests/browser/) run in `npm run test:e2e`, with their own config (tests/browser/vitest.config.ts).

export default defineConfig({
    test: {
        include: ['tests/**/*.test.ts'],
        exclude: ['tests/e2e/**', 'tests/browser/**', 'node_modules/**'],
        setupFiles: ['./src/polyfill.js'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
        deps: { interopDefault: true },
        reporters: ['default', './tests/support/plain-reporter.ts'],
    },
});
