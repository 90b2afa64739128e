// The same in-process suite (out/test/suite.cjs) under desktop VS Code, with @vscode/test-electron
// 2.5.2 (v3 needs Node 22). Not run in CI: these machines have no desktop VS Code and cannot download
// one. On a machine that has VS Code (on Linux without a display, wrap it in `xvfb-run -a`):
//   XXGK_VSCODE_EXECUTABLE=/path/to/code npm run test:e2e:electron
// or, with internet access, let @vscode/test-electron download a build:
//   XXGK_VSCODE_VERSION=1.100.3 npm run test:e2e:electron     (default 1.100.3; 'stable' for the latest)
// XXGK_VSCODE_EXECUTABLE is the Electron binary itself (Linux: .../code, macOS:
// .../Visual Studio Code.app/Contents/MacOS/Electron, Windows: ...\Code.exe), not the `code` CLI script.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { baseSettings, copyExamples, makeRunDir } from './lib/code-server.mjs';
import { root } from './lib/host.mjs';
import { closingLine } from './runner.mjs';

const runDir = makeRunDir('electron');
const workspace = copyExamples(path.join(runDir, 'workspace'));
const userData = path.join(runDir, 'user-data');
mkdirSync(path.join(userData, 'User'), { recursive: true });
writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(baseSettings, null, 2));

const resultFile = path.join(runDir, 'result.json');
const executable = process.env.XXGK_VSCODE_EXECUTABLE;
try {
    await runTests({
        ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.XXGK_VSCODE_VERSION ?? '1.100.3' }),
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(root, 'out', 'test', 'suite.cjs'),
        launchArgs: [
            workspace,
            '--disable-extensions', // other installed extensions; the one under test still loads
            '--user-data-dir', userData,
            '--extensions-dir', path.join(runDir, 'extensions'),
            '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust', '--disable-telemetry',
        ],
        extensionTestsEnv: { XXGK_E2E_RESULT: resultFile },
    });
    // The suite printed its own `N passed, 0 failed`.
} catch (error) {
    process.exitCode = 1;
    // A failing suite has printed its `N passed, M failed` already; anything else never got that far.
    if (!existsSync(resultFile) || JSON.parse(readFileSync(resultFile, 'utf8')).failed === 0) {
        console.error(`not ok - VS Code run: ${error instanceof Error ? error.message : error}`);
        if (!executable) console.error('(without XXGK_VSCODE_EXECUTABLE, @vscode/test-electron downloads VS Code; that needs internet access)');
        console.log(closingLine({ passed: 0, failed: 1 }));
    }
}
