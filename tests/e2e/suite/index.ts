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
import { completionTests } from './completion.js';
import { crossYearTests } from './cross-year.js';
import { diagnosticsTests } from './diagnostics.js';
import { exportTests } from './export.js';
import { formattingTests } from './formatting.js';
import { hoverTests } from './hover.js';
import { importTests } from './import.js';
import { languageTests } from './language.js';
import { officeTests } from './office.js';
import { previewTests } from './preview.js';
import { quickFixTests } from './quick-fix.js';
import { revertAll } from './support.js';
import { yearsTests } from './years.js';

const suites = [diagnosticsTests, quickFixTests, completionTests, hoverTests, formattingTests, crossYearTests, previewTests, exportTests, importTests, yearsTests, languageTests, officeTests];

export async function run(): Promise<void> {
    // Every test starts from the files on disk: unsaved edits (of a failed test too) are thrown away.
    const result = await runTests('xxgk in the VS Code extension host', suites.flat(), { afterEach: revertAll });
    // For a runner that cannot read the extension host's console (see tests/e2e/electron.mjs).
    if (process.env.XXGK_E2E_RESULT) writeFileSync(process.env.XXGK_E2E_RESULT, JSON.stringify(result));
    if (result.failed > 0) throw new Error(`${result.failed} of ${result.passed + result.failed} in-process tests failed`);
}
