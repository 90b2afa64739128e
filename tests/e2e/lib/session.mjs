// One UI-test session: a fresh run directory and copy of the examples, the .vsix installed, code-server
// started (optionally in another display language) and its workbench open in chromium.
import * as path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { copyExamples, installVsix, makeRunDir, startCodeServer } from './code-server.mjs';
import { Workbench } from './workbench.mjs';

/** @param {{ kind: string, vsix: string, artifacts: string, locale?: string }} options */
export async function openSession({ kind, vsix, artifacts, locale }) {
    const runDir = makeRunDir(kind);
    const workspace = copyExamples(path.join(runDir, 'workspace'));
    installVsix(runDir, vsix);
    const server = await startCodeServer({ runDir, workspace, locale, log: path.join(artifacts, `code-server${locale ? `-${locale}` : ''}.log`) });
    let browser;
    try {
        browser = await launchBrowser(runDir);
    } catch (error) {
        await server.stop();
        throw error;
    }
    const session = {
        runDir,
        workspace,
        server,
        page: browser.page,
        wb: new Workbench(browser.page),
        async close() {
            await browser.context.close().catch(() => {});
            await server.stop();
        },
    };
    await session.page.goto(server.workbenchUrl(workspace));
    await session.wb.ready();
    return session;
}
