/**
 * The in-process end-to-end suite: `run()` is called inside the VS Code extension host (the
 * @vscode/test-electron contract) with a copy of `examples/` as the workspace. It runs under
 * code-server here (tests/e2e/in-process.mjs) and under desktop VS Code with
 * @vscode/test-electron (tests/e2e/electron.mjs). Bundled to out/test/suite.cjs.
 *
 * A new feature adds one more `TestCase` list (a file beside this one) to `suites` below.
 */
import { writeFileSync } from 'node:fs';
import { runTests } from '../runner.mjs';
import { diagnosticsTests } from './diagnostics.js';
import { languageTests } from './language.js';
import { revertAndCloseAll } from './support.js';

const suites = [diagnosticsTests, languageTests];

export async function run(): Promise<void> {
    // Every test starts from a clean editor: unsaved edits of a failed test are thrown away.
    const result = await runTests('xxgk in the VS Code extension host', suites.flat(), { afterEach: revertAndCloseAll });
    // For a runner that cannot read the extension host's console (see tests/e2e/electron.mjs).
    if (process.env.XXGK_E2E_RESULT) writeFileSync(process.env.XXGK_E2E_RESULT, JSON.stringify(result));
    if (result.failed > 0) throw new Error(`${result.failed} of ${result.passed + result.failed} in-process tests failed`);
}
