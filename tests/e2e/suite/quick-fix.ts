/** Quick fixes in the real editor: the fix the server offers for a wrong total repairs it. */
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { cellRange, codeOf, diagnosticsAfter, openWithDiagnostics, replace } from './support.js';

export const quickFixTests: TestCase[] = [
    {
        name: 'the quick fix for a wrong total sets it to the computed value and the error goes',
        fn: async () => {
            const { editor } = await openWithDiagnostics('longgang-2024.xxgk');
            const document = editor.document;
            const total = cellRange(document, '（一）予以公开', -1);
            const broken = await diagnosticsAfter(document.uri, () => replace(document, total, '4'),
                ds => ds.some(d => codeOf(d) === 'xxgk/row-total'), 'xxgk/row-total');
            const rowTotal = broken.find(d => codeOf(d) === 'xxgk/row-total')!;

            const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
                'vscode.executeCodeActionProvider', document.uri, rowTotal.range, vscode.CodeActionKind.QuickFix.value);
            const titles = actions.map(a => a.title);
            const fix = actions.find(a => a.title === '将「（一）予以公开」的总计改为 3');
            assert(fix, `a quick fix setting the total to 3 among ${JSON.stringify(titles)}`);
            assertEqual(fix.isPreferred, true, 'the fix is the preferred one (Ctrl+. Enter, auto-fix)');
            assert(fix.edit, 'the fix carries its edit');

            const after = await diagnosticsAfter(document.uri, () => vscode.workspace.applyEdit(fix.edit!),
                ds => !ds.some(d => codeOf(d) === 'xxgk/row-total'), 'the row-total error to go');
            assertEqual(document.getText(total), '3', 'the total after the fix');
            assertEqual(after.filter(d => d.severity === vscode.DiagnosticSeverity.Error).map(d => d.message), [], 'errors after the fix');
        },
    },
];
