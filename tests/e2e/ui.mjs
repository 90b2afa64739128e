// UI tests: what a person sees in real VS Code (code-server 4.100.3 in Debian's chromium, driven by
// playwright-core) with the extension installed from the .vsix that `npm run package` built.
// A screenshot of every step is kept in tests/e2e/artifacts/ui/. Usage: node tests/e2e/ui.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { copyExamples, installVsix, makeRunDir, startCodeServer } from './lib/code-server.mjs';
import { e2eDir, ensureHost, root } from './lib/host.mjs';
import { Workbench } from './lib/workbench.mjs';
import { assert, assertEqual, closingLine, runTests } from './runner.mjs';

/** The .vsix `npm run package` wrote for this version. */
export function vsixPath() {
    const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    return path.join(root, `${name}-${version}.vsix`);
}

/** Errors the CLI (the same core as the server) finds in a text: the oracle for the editor's counts. */
function cliErrors(text, dir) {
    const file = path.join(dir, 'cli-oracle.xxgk');
    writeFileSync(file, text);
    const result = spawnSync(process.execPath, [path.join(root, 'out', 'cli', 'main.cjs'), 'check', '--format', 'json', file], { encoding: 'utf8' });
    if (result.status !== 0 && result.status !== 1) throw new Error(`xxgk check failed: ${result.stderr}`);
    return JSON.parse(result.stdout).files[0].findings.filter(f => f.severity === 'error');
}

export async function runUiSuite({ artifacts = path.join(e2eDir, 'artifacts', 'ui') } = {}) {
    await ensureHost();
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const runDir = makeRunDir('ui');
    const workspace = copyExamples(path.join(runDir, 'workspace'));
    let server, browser;
    try {
        installVsix(runDir, vsixPath());
        server = await startCodeServer({ runDir, workspace, log: path.join(artifacts, 'code-server.log') });
        browser = await launchBrowser(runDir);
        const wb = new Workbench(browser.page);
        const shot = name => browser.page.screenshot({ path: path.join(artifacts, `${name}.png`) });

        // The seed example and the cell the tests break: the 总计 of （一）予以公开 in table 三.
        const seed = 'yanshi-2020.xxgk';
        const seedText = readFileSync(path.join(workspace, seed), 'utf8');
        const lines = seedText.split('\n');
        const row = lines.findIndex(l => l.split('|')[0].trim() === '（一）予以公开');
        assert(row >= 0 && /\|\s+0$/.test(lines[row]), `the seed example has a 0 总计 for （一）予以公开`);
        const cell = { line: row + 1, column: lines[row].length }; // 1-based, as VS Code shows them
        const broken = lines.map((l, i) => i === row ? `${l.slice(0, -1)}5` : l).join('\n');
        const expectedErrors = cliErrors(broken, runDir);
        assert(expectedErrors.some(f => f.code === 'xxgk/row-total'), 'the CLI finds xxgk/row-total in the broken text');

        const tests = [
            {
                name: 'the workbench opens the examples folder, with the extension installed from the .vsix',
                fn: async () => {
                    await browser.page.goto(server.workbenchUrl(workspace));
                    await wb.ready();
                    await wb.explorerRow(seed).waitFor();
                },
            },
            {
                name: 'quick open shows the seed example as an xxgk report',
                fn: async () => {
                    await wb.openFile(seed);
                    await wb.editorContains('偃师市科学技术局2020年政府信息公开工作年度报告');
                    await wb.languageIs('政府信息公开年报');
                },
            },
            {
                name: 'typing a wrong total in table 三 puts an error squiggle under the cell',
                fn: async () => {
                    await wb.goTo(cell.line, cell.column);
                    await browser.page.keyboard.press('Shift+End');
                    await browser.page.keyboard.type('5');
                    await wb.squiggles('error').first().waitFor();
                    const box = await wb.squiggles('error').first().boundingBox();
                    assert(box && box.width > 0, 'the squiggle is visible');
                },
            },
            {
                name: 'the status bar counts the errors the checker finds in that text',
                fn: async () => {
                    await wb.problemsCountIs(expectedErrors.length, 0);
                },
            },
            {
                name: 'the Problems panel lists the row-total error in Chinese at its line and column',
                fn: async () => {
                    await wb.openProblems();
                    const rowTotal = expectedErrors.find(f => f.code === 'xxgk/row-total');
                    const hit = wb.problemRows().filter({ hasText: rowTotal.message });
                    await hit.first().waitFor();
                    const text = await hit.first().innerText();
                    assert(text.includes(`[Ln ${cell.line}, Col ${cell.column}]`), `the Problems row gives the cell's position: ${JSON.stringify(text)}`);
                    assertEqual(await wb.problemRows().filter({ hasText: '应为' }).count() >= 1, true, 'Problems rows about totals');
                },
            },
            {
                name: 'undo restores the total and the error goes away',
                fn: async () => {
                    await wb.focusEditor();
                    await browser.page.keyboard.press('Control+Z');
                    await wb.squiggles('error').first().waitFor({ state: 'detached' });
                    await wb.problemsCountIs(0, 0);
                },
            },
        ];
        let step = 0;
        return await runTests('xxgk in the VS Code workbench (Playwright)', tests, {
            afterEach: async (test, index, error) => {
                step = index + 1;
                const slug = test.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
                await shot(`${String(step).padStart(2, '0')}-${slug}${error ? '-FAILED' : ''}`);
            },
        });
    } catch (error) {
        console.log(`not ok - UI suite: ${error instanceof Error ? error.stack : error}`);
        if (browser) await browser.page.screenshot({ path: path.join(artifacts, 'setup-FAILED.png') }).catch(() => {});
        const result = { passed: 0, failed: 1 };
        console.log(closingLine(result));
        return result;
    } finally {
        await browser?.context.close().catch(() => {});
        await server?.stop();
    }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    const result = await runUiSuite();
    process.exitCode = result.failed > 0 ? 1 : 0;
}
