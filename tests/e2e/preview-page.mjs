// The preview page's tests in a real Chromium (tests/browser/, vitest with tests/browser/vitest.config.ts):
// the page with its real CSP and script, VS Code's webview API stubbed. Part of `npm run test:e2e`;
// alone: `node tests/e2e/preview-page.mjs` after `npm run build`.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumPath, root } from './lib/host.mjs';

/** Runs the suite, its output passed through; returns the counts of its closing `N passed, M failed` line. */
export async function runPreviewPageSuite() {
    console.log('# preview page in Chromium (tests/browser/)');
    let output = '';
    const code = await new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'tests/browser/vitest.config.ts'], {
            cwd: root,
            env: { ...process.env, XXGK_CHROMIUM: chromiumPath() },
            stdio: ['ignore', 'pipe', 'inherit'],
        });
        child.stdout.on('data', chunk => {
            output += chunk;
            process.stdout.write(chunk);
        });
        child.on('error', reject);
        child.on('exit', resolve);
    });
    const last = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
    if (!last) return { passed: 0, failed: 1 };
    const result = { passed: Number(last[1]), failed: Number(last[2]) };
    // A run that failed without a failing test (a crash before the summary) still fails.
    if (code !== 0 && result.failed === 0) result.failed = 1;
    return result;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    const result = await runPreviewPageSuite();
    process.exitCode = result.failed > 0 ? 1 : 0;
}
