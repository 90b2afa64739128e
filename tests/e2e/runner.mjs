// The tiny test runner both end-to-end suites use: inside the VS Code extension host (the in-process
// suite, bundled into out/test/suite.cjs) and in Node (the Playwright UI suite). Tests run one after
// another in the order given; each prints one line, and the run closes with `N passed, M failed`.

/**
 * @typedef {{ name: string, fn: () => Promise<void> | void }} TestCase
 * @typedef {{ passed: number, failed: number, failures: { name: string, error: string }[] }} RunResult
 * @typedef {{
 *   log?: (line: string) => void,
 *   afterEach?: (test: TestCase, index: number, error: unknown) => Promise<void> | void,
 * }} RunOptions
 */

/** An assertion failure with a message worth reading on its own. */
export class AssertionError extends Error {
    /** @param {string} message */
    constructor(message) {
        super(message);
        this.name = 'AssertionError';
    }
}

/**
 * @param {unknown} condition
 * @param {string} message
 * @returns {asserts condition}
 */
export function assert(condition, message) {
    if (!condition) throw new AssertionError(message);
}

/**
 * Deep equality on JSON-like values (what diagnostics, ranges and texts reduce to).
 * @param {unknown} actual
 * @param {unknown} expected
 * @param {string} [what]
 */
export function assertEqual(actual, expected, what = 'value') {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) throw new AssertionError(`${what}: expected ${e}, got ${a}`);
}

/** @param {unknown} error */
function describe(error) {
    if (error instanceof AssertionError) return error.message;
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return String(error);
}

/**
 * Runs the tests in order and prints one line each, then `N passed, M failed` alone on the last line.
 * @param {string} title
 * @param {TestCase[]} tests
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export async function runTests(title, tests, options = {}) {
    const log = options.log ?? (line => console.log(line));
    /** @type {RunResult} */
    const result = { passed: 0, failed: 0, failures: [] };
    log(`# ${title}`);
    for (const [index, test] of tests.entries()) {
        let error;
        try {
            await test.fn();
        } catch (e) {
            error = e ?? new Error('failed without an error');
        }
        if (options.afterEach) {
            try {
                await options.afterEach(test, index, error);
            } catch (e) {
                error ??= e;
            }
        }
        if (error === undefined) {
            result.passed++;
            log(`ok ${index + 1} - ${test.name}`);
        } else {
            result.failed++;
            const text = describe(error);
            result.failures.push({ name: test.name, error: text });
            log(`not ok ${index + 1} - ${test.name}`);
            for (const line of text.split('\n')) log(`    ${line}`);
        }
    }
    log(closingLine(result));
    return result;
}

/** @param {{ passed: number, failed: number }} result */
export function closingLine(result) {
    return `${result.passed} passed, ${result.failed} failed`;
}

/** Matches a closing line printed by {@link runTests}. */
export const closingLinePattern = /^(\d+) passed, (\d+) failed$/;
