/** Formatting in the real editor: Format Document aligns a table by display width. */
import * as vscode from 'vscode';
import { assertEqual, type TestCase } from '../runner.mjs';
import { diagnosticsAfter, openWithDiagnostics, rowLine } from './support.js';

async function formatDocument(document: vscode.TextDocument): Promise<vscode.TextEdit[]> {
    const options: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };
    return await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options) ?? [];
}

export const formattingTests: TestCase[] = [
    {
        name: 'formatting aligns a table that was typed without spaces',
        fn: async () => {
            const { editor } = await openWithDiagnostics('yanshi-2020.xxgk');
            const document = editor.document;
            const line = rowLine(document, '行政复议');
            const aligned = document.lineAt(line).text;
            await diagnosticsAfter(document.uri, async () => {
                const edit = new vscode.WorkspaceEdit();
                edit.replace(document.uri, document.lineAt(line).range, aligned.replace(/ +/g, ''));
                await vscode.workspace.applyEdit(edit);
            }, undefined, 'diagnostics of the unaligned row');
            assertEqual(document.lineAt(line).text, '行政复议|0|0|0|0|0', 'the row before formatting');

            const edits = await formatDocument(document);
            const edit = new vscode.WorkspaceEdit();
            edit.set(document.uri, edits);
            await vscode.workspace.applyEdit(edit);
            assertEqual(document.lineAt(line).text, aligned, 'the row after formatting (as in the example)');
            assertEqual((await formatDocument(document)).length, 0, 'edits from formatting again');
        },
    },
];
