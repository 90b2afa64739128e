// Runs the in-process suite (out/test/suite.cjs, the @vscode/test-electron contract) inside the
// extension host of a real VS Code: code-server 4.100.3, its web workbench opened by chromium with
// the test locations in the page URL's `payload`. Usage: node tests/e2e/in-process.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { copyExamples, makeRunDir, remoteUri, startCodeServer } from './lib/code-server.mjs';
import { e2eDir, ensureHost, root } from './lib/host.mjs';
import { closingLine, closingLinePattern } from './runner.mjs';

const suiteTimeoutMs = 5 * 60_000;

/** @returns {Promise<{ passed: number, failed: number }>} */
export async function runInProcessSuite({
    artifacts = path.join(e2eDir, 'artifacts', 'in-process'),
    suite = path.join(root, 'out', 'test', 'suite.cjs'),
} = {}) {
    await ensureHost();
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const runDir = makeRunDir('in-process');
    const workspace = copyExamples(path.join(runDir, 'workspace'));
    const hostLog = [];
    /** @type {{ passed: number, failed: number } | undefined} */
    let counted;
    let server, browser;
    try {
        server = await startCodeServer({ runDir, workspace, log: path.join(artifacts, 'code-server.log') });
        browser = await launchBrowser(runDir);
        const { page } = browser;
        const exited = new Promise(resolve => page.exposeFunction('codeAutomationExit', code => resolve(Number(code))));
        // The extension host's console, forwarded by the workbench: the suite's own lines are printed
        // as they come, everything else is kept in the artefacts.
        await page.exposeFunction('codeAutomationLog', (type, args) => {
            const text = (Array.isArray(args) ? args : [args]).map(a => typeof a === 'string' ? a : JSON.stringify(a)).join(' ');
            hostLog.push(`[${type}] ${text}`);
            for (const line of text.split('\n')) {
                if (/^(# |ok \d|not ok \d| {4})/.test(line)) console.log(line);
                const m = closingLinePattern.exec(line.trim());
                if (m) {
                    counted = { passed: Number(m[1]), failed: Number(m[2]) };
                    console.log(line.trim());
                }
            }
        });
        const url = server.workbenchUrl(workspace, [
            ['extensionDevelopmentPath', remoteUri(root)],
            ['extensionTestsPath', remoteUri(suite)],
        ]);
        await page.goto(url);
        let timer;
        const code = await Promise.race([
            exited,
            new Promise(resolve => { timer = setTimeout(() => resolve('timeout'), suiteTimeoutMs); }),
        ]);
        clearTimeout(timer);
        await page.screenshot({ path: path.join(artifacts, 'end.png') }).catch(() => {});
        if (code === 'timeout') throw new Error(`the suite did not finish within ${suiteTimeoutMs / 1000} s`);
        if (!counted) throw new Error(`the extension host exited with ${code} before the suite printed its result`);
        if (code !== 0 && counted.failed === 0) throw new Error(`the extension host exited with ${code} although the suite passed`);
        return counted;
    } catch (error) {
        console.log(`not ok - in-process suite: ${error instanceof Error ? error.message : error}`);
        const result = { passed: counted?.passed ?? 0, failed: (counted?.failed ?? 0) + 1 };
        console.log(closingLine(result));
        return result;
    } finally {
        writeFileSync(path.join(artifacts, 'extension-host.log'), hostLog.join('\n'));
        await browser?.context.close().catch(() => {});
        await server?.stop();
    }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    // `node tests/e2e/in-process.mjs [bundle.cjs]`: another suite bundle (e.g. a probe while writing tests).
    const result = await runInProcessSuite(process.argv[2] ? { suite: path.resolve(process.argv[2]) } : {});
    process.exitCode = result.failed > 0 ? 1 : 0;
}
