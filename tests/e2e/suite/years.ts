/**
 * Year over year in the real editor: 「由上年报告生成新年报」 writes next year's report and opens it
 * (the server's diagnostics on it: only the cells the writer must fill); 「与上年对比」 opens a webview
 * beside the report with the comparison the server built, and exports it. The reports of a 机关 no
 * other test uses are written by the tests.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { codeOf, diagnosticsAfter, exampleAs, openWithDiagnostics, until, webviewTabs, workspaceFile } from './support.js';

const agency = '对比示例局';

/** The 2021 example as another year's report of `agency`, with 自然人 new applications `person` (two characters). */
async function report(year: number, person = '58', total = '66'): Promise<string> {
    return (await exampleAs(agency, year)).replace(/^(一、本年新收政府信息公开申请数量 +\| +)58( \|.*\| +)66$/m, `$1${person}$2${total}`);
}

const compareTabs = () => webviewTabs('xxgk.compare');

const outside = (name: string) => vscode.Uri.file(path.join(mkdtempSync(path.join(os.tmpdir(), 'xxgk-years-')), name));

export const yearsTests: TestCase[] = [
    {
        name: '「由上年报告生成新年报」 writes next year\'s report, opens it, and only the cells to fill are flagged',
        fn: async () => {
            const { editor } = await openWithDiagnostics('longgang-2024.xxgk');
            const target = outside('深圳市龙岗区某局-2025.xxgk');
            let result: { status: string; path?: string; notes?: string[] } | undefined;
            const diagnostics = await diagnosticsAfter(target, async () => {
                result = await vscode.commands.executeCommand('xxgk.newFromLastYear', editor.document.uri, { prose: 'drop', output: target });
            }, ds => ds.length > 0, 'the diagnostics of the new report');
            assertEqual(result?.status, 'written', 'the command result');
            const text = readFileSync(target.fsPath, 'utf8');
            assert(text.includes('年度：2025') && text.includes('统计期限：2025-01-01 至 2025-12-31'), 'the new report is for 2025');
            assertEqual(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the new report is open in the editor');
            const codes = diagnostics.map(codeOf).sort();
            assertEqual(JSON.stringify(codes), JSON.stringify(['xxgk/balance', 'xxgk/balance', 'xxgk/balance', 'xxgk/published-missing', 'xxgk/section-empty', 'xxgk/section-empty', 'xxgk/section-empty']),
                'the findings of the new report');
        },
    },
    {
        name: '「与上年对比」 opens a webview beside the report and exports the comparison',
        fn: async () => {
            const last = workspaceFile('compare-2023.xxgk');
            const current = workspaceFile('compare-2024.xxgk');
            await vscode.workspace.fs.writeFile(last, new TextEncoder().encode(await report(2023, '10', '18')));
            await vscode.workspace.fs.writeFile(current, new TextEncoder().encode(await report(2024)));
            await vscode.workspace.openTextDocument(last);
            const { editor } = await openWithDiagnostics('compare-2024.xxgk');
            const message = await vscode.commands.executeCommand<{ status: string; view?: { counts: { changed: number; spikes: number } } }>(
                'xxgk.compareWithLastYear', editor.document.uri);
            assertEqual(message?.status, 'compared', 'the comparison found last year\'s report');
            assertEqual(JSON.stringify(message?.view?.counts), JSON.stringify({ changed: 2, spikes: 1 }), 'changed cells and spikes');
            const tab = await until('the comparison tab', () => compareTabs()[0]);
            assert(tab.group.viewColumn !== editor.viewColumn, 'the comparison is beside the report');
            const output = outside('comparison.docx');
            const exported = await vscode.commands.executeCommand<{ status: string; path?: string }>('xxgk.exportComparison', current, 'docx', output);
            assertEqual(exported?.status, 'written', 'the export result');
            const body = await (await JSZip.loadAsync(readFileSync(output.fsPath))).file('word/document.xml')!.async('string');
            assert(body.includes('58（+48 ×5.8 突增）'), 'the Word file shows the spike');
            await vscode.window.tabGroups.close(tab);
            await until('the comparison tab to close', () => (compareTabs().length === 0 ? true : undefined));
        },
    },
];
