import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['tests/**/*.test.ts'],
        exclude: ['tests/e2e/**', 'node_modules/**'],
        setupFiles: ['./src/polyfill.js'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
        deps: { interopDefault: true },
        reporters: ['default', './tests/support/plain-reporter.ts'],
    },
});
