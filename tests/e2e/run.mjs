// `npm run test:e2e` (after `npm run package`): the preview page in Chromium and both end-to-end suites
// in real VS Code, installing code-server on first use (tests/e2e/lib/host.mjs says where). What the
// machine lacks for them is one line with its apt-get command. Each suite prints its own `N passed, M failed`;
// the last line is the total, and any failure makes the exit code 1.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { runInProcessSuite } from './in-process.mjs';
import { ensureHost, missingPrerequisites, prerequisitesMessage, root } from './lib/host.mjs';
import { runPreviewPageSuite } from './preview-page.mjs';
import { closingLine } from './runner.mjs';
import { runUiSuite, vsixPath } from './ui.mjs';

for (const file of [path.join(root, 'out', 'test', 'suite.cjs'), vsixPath()]) {
    if (!existsSync(file)) {
        console.error(`${path.relative(root, file)} is missing: run \`npm run package\` first (npm run test:e2e does).`);
        process.exit(1);
    }
}
const missing = missingPrerequisites();
if (missing.length > 0) {
    console.error(prerequisitesMessage(missing));
    process.exit(1);
}
await ensureHost();
const started = Date.now();
const results = [];
for (const suite of [runPreviewPageSuite, runInProcessSuite, runUiSuite]) {
    results.push(await suite());
    console.log('');
}
const total = { passed: results.reduce((n, r) => n + r.passed, 0), failed: results.reduce((n, r) => n + r.failed, 0) };
console.log(`# end-to-end total (${Math.round((Date.now() - started) / 1000)} s; screenshots and logs in tests/e2e/artifacts/)`);
console.log(closingLine(total));
process.exitCode = total.failed > 0 ? 1 : 0;
