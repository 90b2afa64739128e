// The preview page in a real Chromium (Debian's): part of `npm run test:e2e` (tests/e2e/run.mjs), not of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
    root: new URL('../..', import.meta.url).pathname,
    test: {
        include: ['tests/browser/**/*.test.ts'],
        setupFiles: ['./src/polyfill.js'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
        deps: { interopDefault: true },
        reporters: ['default', './tests/support/plain-reporter.ts'],
    },
});
