/**
 * Ends a vitest run with a plain `N passed, M failed` line (and `, K skipped`), the closing line
 * CI reads in any language.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class PlainReporter implements Reporter {
    onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
        let passed = 0;
        let failed = errors.length;
        let skipped = 0;
        for (const module of modules) {
            for (const test of module.children.allTests()) {
                const state = test.result().state;
                if (state === 'passed') passed++;
                else if (state === 'failed') failed++;
                else skipped++;
            }
            if (module.state() === 'failed' && ![...module.children.allTests()].length) failed++;
        }
        process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
    }
}
