/** Diagnostics in the real editor: the language server's Chinese findings reach VS Code at the cell. */
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { cellRange, codeOf, describeRange, diagnosticsAfter, openWithDiagnostics, replace } from './support.js';

export const diagnosticsTests: TestCase[] = [
    {
        name: 'the seed example (偃师市科学技术局 2020) opens as xxgk without errors or warnings',
        fn: async () => {
            const { editor, diagnostics } = await openWithDiagnostics('yanshi-2020.xxgk');
            assertEqual(editor.document.languageId, 'xxgk', 'language of yanshi-2020.xxgk');
            const problems = diagnostics.filter(d => d.severity <= vscode.DiagnosticSeverity.Warning);
            assertEqual(problems.map(d => `${codeOf(d)} ${d.message}`), [], 'errors and warnings');
        },
    },
    {
        name: 'a wrong total in table 三 gets xxgk/row-total at that cell, with the computed value',
        fn: async () => {
            const { editor, diagnostics: before } = await openWithDiagnostics('longgang-2024.xxgk');
            assertEqual(before.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length, 0, 'errors before the edit');
            const document = editor.document;
            const total = cellRange(document, '（一）予以公开', -1);
            assertEqual(document.getText(total), '3', 'the 总计 of （一）予以公开 in the example');

            const after = await diagnosticsAfter(document.uri, () => replace(document, total, '4'),
                ds => ds.some(d => codeOf(d) === 'xxgk/row-total'), 'xxgk/row-total');
            const rowTotal = after.filter(d => codeOf(d) === 'xxgk/row-total');
            assertEqual(rowTotal.length, 1, 'number of xxgk/row-total diagnostics');
            const [d] = rowTotal;
            assertEqual(d.severity, vscode.DiagnosticSeverity.Error, 'severity');
            assertEqual(describeRange(d.range), describeRange(total), 'range of the diagnostic (the edited cell)');
            assertEqual(document.getText(d.range), '4', 'text under the diagnostic');
            assert(d.message.includes('总计应为 3'), `the message gives the computed total: ${d.message}`);
            assert(d.message.includes('实际为 4'), `the message gives the written total: ${d.message}`);
            // The language client keeps the LSP diagnostic's `data` on the object it hands to VS Code.
            const data = (d as vscode.Diagnostic & { data?: { computed?: unknown; reported?: unknown } }).data;
            assertEqual({ computed: data?.computed, reported: data?.reported }, { computed: 3, reported: 4 }, 'data of the diagnostic');

            const cleared = await diagnosticsAfter(document.uri, () => replace(document, total, '3'),
                ds => !ds.some(d => codeOf(d) === 'xxgk/row-total'), 'the error to go after restoring 3');
            assertEqual(cleared.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length, 0, 'errors after restoring 3');
        },
    },
];
