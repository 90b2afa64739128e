// UI tests: what a person sees in real VS Code (code-server 4.100.3 in Debian's chromium, driven by
// playwright-core) with the extension installed from the .vsix that `npm run package` built.
// The last steps restart VS Code in Simplified Chinese. A screenshot of every step is kept in
// tests/e2e/artifacts/ui/. Usage: node tests/e2e/ui.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeRunDir } from './lib/code-server.mjs';
import { e2eDir, ensureHost, root } from './lib/host.mjs';
import { openSession } from './lib/session.mjs';
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

const json = file => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

export async function runUiSuite({ artifacts = path.join(e2eDir, 'artifacts', 'ui') } = {}) {
    await ensureHost();
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    const vsix = vsixPath();
    const cliDir = makeRunDir('ui-cli');
    /** The current session: English first, then Simplified Chinese. */
    let s;
    try {
        // The seed example and the cell the tests break: the 总计 of （一）予以公开 in table 三.
        const seed = 'yanshi-2020.xxgk';
        const lines = readFileSync(path.join(root, 'examples', seed), 'utf8').split('\n');
        const row = lines.findIndex(l => l.split('|')[0].trim() === '（一）予以公开');
        assert(row >= 0 && /\|\s+0$/.test(lines[row]), `the seed example has a 0 总计 for （一）予以公开`);
        const cell = { line: row + 1, column: lines[row].length }; // 1-based, as VS Code shows them
        const broken = lines.map((l, i) => i === row ? `${l.slice(0, -1)}5` : l).join('\n');
        const expectedErrors = cliErrors(broken, cliDir);
        assert(expectedErrors.some(f => f.code === 'xxgk/row-total'), 'the CLI finds xxgk/row-total in the broken text');
        const zhManifest = json('package.nls.zh-cn.json');
        const enManifest = json('package.nls.json');
        const county = path.join(root, 'tests', 'fixtures', 'office', 'county');
        const statusView = enManifest['view.status'];
        const zhRuntime = json('l10n/bundle.l10n.zh-cn.json');

        const tests = [
            {
                name: 'the workbench opens the examples folder, with the extension installed from the .vsix',
                fn: async () => {
                    s = await openSession({ kind: 'ui', vsix, artifacts });
                    await s.wb.explorerRow(seed).waitFor();
                },
            },
            {
                name: 'quick open shows the seed example as an xxgk report',
                fn: async () => {
                    await s.wb.openFile(seed);
                    await s.wb.editorContains('偃师市科学技术局2020年政府信息公开工作年度报告');
                    await s.wb.languageIs('政府信息公开年报');
                },
            },
            {
                name: '"Open Preview to the Side" shows the report laid out as printed, beside the editor',
                fn: async () => {
                    await s.wb.runCommand('xxgk: Open Preview to the Side');
                    const preview = s.wb.webview();
                    await preview.locator('h1.xxgk-title').filter({ hasText: '偃师市科学技术局2020年政府信息公开工作年度报告' }).waitFor();
                    await preview.locator('h2').filter({ hasText: '三、收到和处理政府信息公开申请情况' }).waitFor();
                    assert(await preview.locator('table.xxgk-table').count() >= 5, 'the tables of the report are in the preview');
                    assertEqual(await preview.locator('.f-error').count(), 0, 'cells marked as wrong in the clean report');
                    // The bar is in the editor's language (English here); the report stays Chinese.
                    await preview.locator('.xxgk-bar .count.clean').filter({ hasText: 'No problems found' }).waitFor();
                    await s.page.locator('.tabs-container .tab').filter({ hasText: seed }).first().waitFor();
                },
            },
            {
                name: 'typing a wrong total in table 三 puts an error squiggle under the cell',
                fn: async () => {
                    await s.wb.goTo(cell.line, cell.column);
                    await s.page.keyboard.press('Shift+End');
                    await s.page.keyboard.type('5');
                    await s.wb.squiggles('error').first().waitFor();
                    const box = await s.wb.squiggles('error').first().boundingBox();
                    assert(box && box.width > 0, 'the squiggle is visible');
                },
            },
            {
                name: 'the status bar counts the errors the checker finds in that text',
                fn: async () => {
                    await s.wb.problemsCountIs(expectedErrors.length, 0);
                },
            },
            {
                name: 'the Problems panel lists the row-total error in Chinese at its line and column',
                fn: async () => {
                    await s.wb.openProblems();
                    const rowTotal = expectedErrors.find(f => f.code === 'xxgk/row-total');
                    const hit = s.wb.problemRows().filter({ hasText: rowTotal.message });
                    await hit.first().waitFor();
                    const text = await hit.first().innerText();
                    assert(text.includes(`[Ln ${cell.line}, Col ${cell.column}]`), `the Problems row gives the cell's position: ${JSON.stringify(text)}`);
                },
            },
            {
                name: 'the preview marks the wrong cell',
                fn: async () => {
                    const wrong = s.wb.webview().locator(`td.f-error[data-range^="${cell.line - 1}:${cell.column - 1}:"]`);
                    await wrong.waitFor();
                    assertEqual((await wrong.innerText()).trim().charAt(0), '5', 'the marked cell shows what was typed');
                },
            },
            {
                name: 'Ctrl+. on the cell offers the fix; choosing it sets the computed total and the error goes away',
                fn: async () => {
                    await s.wb.goTo(cell.line, cell.column);
                    const rows = await s.wb.codeActions();
                    await s.page.screenshot({ path: path.join(artifacts, 'quick-fix-menu.png') });
                    assert(await rows.count() >= 1, 'the Ctrl+. menu has actions');
                    await s.wb.chooseCodeAction('将「（一）予以公开」的总计改为 0');
                    await s.wb.squiggles('error').first().waitFor({ state: 'detached' });
                    await s.wb.problemsCountIs(0, 0);
                },
            },
            {
                name: 'after the fix the preview no longer marks the cell',
                fn: async () => {
                    await s.wb.webview().locator('.f-error').first().waitFor({ state: 'detached' });
                    const fixed = s.wb.webview().locator(`td[data-range^="${cell.line - 1}:${cell.column - 1}:"]`);
                    assertEqual((await fixed.innerText()).trim(), '0', 'the cell after the fix');
                },
            },
            {
                name: 'clicking a cell in the preview moves the editor cursor to it',
                fn: async () => {
                    await s.wb.goTo(1, 1);
                    // The 总计 of 四、结转下年度继续办理 (a row away from the cursor and from the fixed cell).
                    const carried = lines.findIndex(l => l.startsWith('四、结转下年度继续办理'));
                    const target = s.wb.webview().locator(`td[data-range^="${carried}:${lines[carried].length - 1}:"]`);
                    await target.scrollIntoViewIfNeeded();
                    await target.click();
                    // The cell's value is selected: the cursor stands after it, one character selected.
                    await s.wb.statusBarText('status.editor.selection', `Ln ${carried + 1}, Col ${lines[carried].length + 1} (1 selected)`);
                },
            },
            {
                name: 'after a click on a cell in the preview the editor keeps the focus: what is typed next lands in the report, 5 times in a row',
                fn: async () => {
                    // The 总计 of five rows of table 三: each click selects the number, the typing replaces it.
                    const rows = ['一、本年新收', '（二）部分公开', '1.属于国家秘密', '（七）总计', '四、结转下年度继续办理']
                        .map(label => lines.findIndex(l => l.trim().startsWith(label) && l.includes('|')));
                    assert(rows.every(r => r >= 0), 'the seed example has the rows');
                    // The page must not take the focus on these clicks: VS Code polls a webview's focus (every
                    // 250 ms) and, when it reports it after the reveal, pulls the focus back from the editor.
                    const page = await s.wb.webviewFrame();
                    await page.evaluate(() => {
                        window.xxgkFocused = 0;
                        window.addEventListener('focus', () => window.xxgkFocused++);
                    });
                    for (const [n, r] of rows.entries()) {
                        const start = lines[r].search(/\d+\s*$/);
                        const typed = String(n + 1);
                        const target = s.wb.webview().locator(`td[data-range^="${r}:${start}:"]`);
                        await target.scrollIntoViewIfNeeded();
                        await target.click({ delay: 120 }); // pressed a moment, as a hand does
                        assertEqual(await page.evaluate(() => window.xxgkFocused), 0, `times the preview took the focus (click ${n + 1})`);
                        await s.wb.statusBarText('status.editor.selection', `Ln ${r + 1}, Col ${lines[r].length + 1} (`);
                        await s.page.keyboard.type(typed);
                        // The editor has it (the cursor stands after the typed digit, nothing selected) and so has the preview.
                        await s.wb.statusBarText('status.editor.selection', `Ln ${r + 1}, Col ${start + 2}`);
                        await s.wb.webview().locator(`td[data-range="${r}:${start}:${r}:${start + 1}"]`).filter({ hasText: typed }).waitFor();
                    }
                    await s.wb.focusEditor();
                    await s.wb.runCommand('File: Revert File');
                },
            },
            {
                name: 'Ctrl+Space in table 三 lists the official row labels the table lacks',
                fn: async () => {
                    const label = '3.要求提供公开出版物';
                    const line = lines.findIndex(l => l.trim().startsWith(label)) + 1;
                    await s.wb.goTo(line, lines[line - 1].indexOf(label) + 1);
                    await s.page.keyboard.press('Shift+End');
                    await s.page.keyboard.type('3.要');
                    const labels = await s.wb.suggestions();
                    const shown = await labels.allInnerTexts();
                    assert(shown.includes(label), `${label} among the suggestions ${JSON.stringify(shown)}`);
                    await s.page.screenshot({ path: path.join(artifacts, 'suggestions.png') });
                    await s.page.keyboard.press('Escape');
                    await s.wb.runCommand('File: Revert File');
                    await s.wb.problemsCountIs(0, 0);
                },
            },
            {
                name: '「与上年对比」 shows both years side by side beside the report: changes, a spike and the cross-year warnings on their cells',
                fn: async () => {
                    await s.wb.runCommand('View: Close All Editors');
                    // Last year's report of the 2021 example's 机关, with 10 new applications from 自然人 (this year: 58, a spike).
                    const last = readFileSync(path.join(root, 'tests', 'fixtures', 'cross-year', 'longgang-2023.xxgk'), 'utf8')
                        .replace(/^(一、本年新收政府信息公开申请数量 +)\| 56 \|(.*)\| 64$/m, '$1| 10 |$2| 18');
                    writeFileSync(path.join(s.workspace, 'longgang-2023.xxgk'), last);
                    // A file written now is in the explorer at once, not yet in quick open's index.
                    await s.wb.explorerRow('longgang-2023.xxgk').click();
                    await s.page.locator('.tabs-container .tab[data-resource-name="longgang-2023.xxgk"]').first().waitFor();
                    await s.wb.openFile('longgang-2024.xxgk');
                    await s.wb.runCommand('xxgk: Compare with Last Year');
                    const view = s.wb.webview();
                    await view.locator('.xxgk-compare h1').filter({ hasText: '深圳市龙岗区某局：2023 年度与 2024 年度对比' }).waitFor();
                    assert(await view.locator('.xxgk-pair').count() >= 6, 'every table of both years, in pairs');
                    const cell = ref => view.locator(`.xxgk-pair[data-table="applications"] [data-side="this"] td[data-ref="${ref}"]`);
                    await cell('received.person').locator('.change.spike').filter({ hasText: '+48 ×5.8' }).waitFor();
                    await cell('received.total').locator('.change').filter({ hasText: '+48' }).waitFor();
                    assert(await cell('carriedIn.person').evaluate(el => el.classList.contains('f-warning')), 'the R14 warning is on 二、上年结转 (自然人)');
                    await cell('received.person').scrollIntoViewIfNeeded();
                    await s.page.screenshot({ path: path.join(artifacts, 'compare-view.png') });
                },
            },
            {
                name: 'with a county\'s reports and its 单位名单.csv copied in, the filing status view lists its units under their parent',
                fn: async () => {
                    cpSync(county, path.join(s.workspace, 'county'), { recursive: true });
                    cpSync(path.join(county, '单位名单.csv'), path.join(s.workspace, '单位名单.csv'));
                    await s.wb.openView(statusView);
                    // Room for the county's 30 units: the folders view and the bottom panel closed.
                    await s.wb.collapseView('Workspace');
                    if (await s.page.locator('.part.panel').isVisible()) await s.page.keyboard.press('Control+J');
                    const pane = s.wb.viewPane(statusView);
                    // The view's description: the year and the counts, from the server.
                    await pane.locator('.pane-header').filter({ hasText: '2024: 28 to file, 1 missing, 1 late' }).waitFor({ timeout: 60_000 });
                    await s.wb.viewRows(statusView, '青溪县人民政府').first().waitFor();
                    await s.wb.viewRows(statusView, '青溪县桃源镇人民政府').filter({ hasText: '未报送' }).waitFor();
                    await s.wb.viewRows(statusView, '青溪县农业农村局').filter({ hasText: '逾期' }).waitFor();
                    await s.wb.viewRows(statusView, '青溪县白沙乡人民政府').filter({ hasText: '已报送（空表）' }).waitFor();
                    await s.wb.viewRows(statusView, '青溪县统计局').filter({ hasText: 'same as last year' }).waitFor();
                    await s.page.screenshot({ path: path.join(artifacts, 'status-view.png') });
                },
            },
            {
                name: 'clicking a unit in the status view opens its report',
                fn: async () => {
                    await s.wb.viewRows(statusView, '青溪县农业农村局').first().click();
                    await s.page.locator('.tabs-container .tab.active[data-resource-name="016-青溪县农业农村局.xxgk"]').waitFor();
                    await s.wb.editorContains('发布日期：2025-02-05');
                },
            },
            {
                name: 'the status view follows the files: a report written to disk turns 未报送 into 已报送',
                fn: async () => {
                    const last = readFileSync(path.join(county, '2023', '028-青溪县桃源镇人民政府.xxgk'), 'utf8');
                    writeFileSync(path.join(s.workspace, 'county', '2024', '028-青溪县桃源镇人民政府.xxgk'),
                        last.replace(/2023/g, '2024').replace('发布日期：2024', '发布日期：2025'));
                    await s.wb.viewRows(statusView, '青溪县桃源镇人民政府').filter({ hasText: '已报送' }).waitFor({ timeout: 60_000 });
                    await s.wb.viewPane(statusView).locator('.pane-header').filter({ hasText: '2024: 28 to file, 0 missing, 1 late' }).waitFor();
                    await s.page.screenshot({ path: path.join(artifacts, 'status-view-refreshed.png') });
                },
            },
            {
                name: 'in VS Code set to Simplified Chinese, the settings are described in Chinese (package.nls.zh-cn.json)',
                fn: async () => {
                    await s.close();
                    s = undefined;
                    s = await openSession({ kind: 'ui-zh-cn', vsix, artifacts, locale: 'zh-cn' });
                    await s.wb.openSettings('xxgk');
                    for (const key of ['config.inlayHints.computedTotals', 'config.validation.crossYear']) {
                        await s.wb.settingsEditor().getByText(zhManifest[key]).first().waitFor();
                    }
                },
            },
            {
                name: 'in Simplified Chinese, the command palette offers the preview under its Chinese title, and its bar is Chinese',
                fn: async () => {
                    await s.wb.openFile(seed);
                    await s.wb.languageIs('政府信息公开年报');
                    const title = `${zhManifest['command.category']}: ${zhManifest['command.showPreviewToSide']}`;
                    await s.wb.runCommand(title);
                    await s.wb.webview().locator('h1.xxgk-title').waitFor();
                    // The preview's bar speaks Chinese too (the l10n bundle, passed to the renderer).
                    await s.wb.webview().locator('.xxgk-bar .count.clean').filter({ hasText: zhRuntime['No problems found'] }).waitFor();
                    await s.wb.webview().locator('.xxgk-bar button[data-action="first"]').filter({ hasText: zhRuntime['Go to First Problem'] }).waitFor();
                },
            },
            {
                name: "in Simplified Chinese, the language server's output channel has its Chinese name (l10n bundle)",
                fn: async () => {
                    await s.wb.openFile(seed); // activates the extension, which starts the language server
                    const name = zhRuntime['xxgk Report Language Server'];
                    await s.wb.poll(async () => {
                        await s.wb.runCommand('Output: Show Output Channels');
                        const found = await s.wb.quickPickRow(name).count() > 0;
                        const shown = found || await s.wb.quickPickRow('').allInnerTexts();
                        if (!found) await s.wb.closeQuickPick();
                        return found || `output channels: ${JSON.stringify(shown)}`;
                    });
                },
            },
        ];
        return await runTests('xxgk in the VS Code workbench (Playwright)', tests, {
            afterEach: async (test, index, error) => {
                const slug = test.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
                await s?.page.screenshot({ path: path.join(artifacts, `${String(index + 1).padStart(2, '0')}-${slug}${error ? '-FAILED' : ''}.png`) });
            },
        });
    } catch (error) {
        console.log(`not ok - UI suite: ${error instanceof Error ? error.stack : error}`);
        const result = { passed: 0, failed: 1 };
        console.log(closingLine(result));
        return result;
    } finally {
        await s?.close();
    }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    const result = await runUiSuite();
    process.exitCode = result.failed > 0 ? 1 : 0;
}
