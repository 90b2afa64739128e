/**
 * Cross-year checks in the real editor: when last year's report of the same 机关 is in the workspace,
 * this year's 上年结转 is compared with last year's 结转下年度 and a warning names the difference.
 * The test writes its own pair of reports (a 机关 no other test uses), made from the 2021 example.
 */
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { cellRange, codeOf, describeRange, diagnosticsAfter, exampleAs, openWithDiagnostics, workspaceFile } from './support.js';

const agency = '跨年示例局';

/** The example as another year's report of `agency`. */
const report = (year: number) => exampleAs(agency, year);

export const crossYearTests: TestCase[] = [
    {
        name: "the cross-year warning appears when last year's report is in the workspace",
        fn: async () => {
            const thisYear = workspaceFile('cross-year-2024.xxgk');
            const lastYear = workspaceFile('cross-year-2023.xxgk');
            await vscode.workspace.fs.writeFile(thisYear, new TextEncoder().encode(await report(2024)));
            const { editor, diagnostics: alone } = await openWithDiagnostics('cross-year-2024.xxgk');
            assertEqual(alone.filter(d => codeOf(d) === 'xxgk/carried-in').length, 0, 'cross-year warnings without last year\'s report');

            // Last year's report says 4 applications were carried over; this year's 上年结转 says 2.
            await vscode.workspace.fs.writeFile(lastYear, new TextEncoder().encode(await report(2023)));
            const found = await diagnosticsAfter(thisYear, () => vscode.workspace.openTextDocument(lastYear),
                ds => ds.some(d => codeOf(d) === 'xxgk/carried-in'), "xxgk/carried-in once last year's report is open");
            const total = cellRange(editor.document, '二、上年结转政府信息公开申请数量', -1);
            const warning = found.find(d => codeOf(d) === 'xxgk/carried-in' && d.range.isEqual(total));
            assert(warning, `a carried-in warning at the 总计 of 二、上年结转 (${describeRange(total)}) among ${JSON.stringify(found.map(d => `${codeOf(d)} ${describeRange(d.range)}`))}`);
            assertEqual(warning.severity, vscode.DiagnosticSeverity.Warning, 'severity');
            assertEqual(warning.message, '总计列：二、上年结转应为 4（2023 年度报告的「四、结转下年度继续办理」），实际为 2', 'message');
            const related = warning.relatedInformation?.[0];
            assertEqual(related?.location.uri.toString(), lastYear.toString(), 'the related information points into last year\'s report');
        },
    },
    {
        name: 'with xxgk.validation.crossYear = onSave the cross-year warning waits for a save',
        fn: async () => {
            const thisYear = workspaceFile('cross-year-2024.xxgk');
            const { editor } = await openWithDiagnostics('cross-year-2024.xxgk');
            const settings = vscode.workspace.getConfiguration('xxgk');
            await settings.update('validation.crossYear', 'onSave', vscode.ConfigurationTarget.Global);
            try {
                // An edit: the server checks again, this time without the cross-year rules.
                const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
                const typed = await diagnosticsAfter(thisYear, async () => {
                    const edit = new vscode.WorkspaceEdit();
                    edit.insert(thisYear, end, '\n// 保存后比对上年\n');
                    await vscode.workspace.applyEdit(edit);
                }, ds => !ds.some(d => codeOf(d) === 'xxgk/carried-in'), 'no cross-year warning while typing');
                assertEqual(typed.filter(d => codeOf(d) === 'xxgk/carried-in').length, 0, 'cross-year warnings while typing');
                // Saving runs them.
                const saved = await diagnosticsAfter(thisYear, () => editor.document.save(),
                    ds => ds.some(d => codeOf(d) === 'xxgk/carried-in'), 'the cross-year warning after saving');
                assert(saved.some(d => codeOf(d) === 'xxgk/carried-in'), 'a cross-year warning after saving');
            } finally {
                await settings.update('validation.crossYear', undefined, vscode.ConfigurationTarget.Global);
            }
        },
    },
];
