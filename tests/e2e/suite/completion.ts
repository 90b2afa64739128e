/** Completion in the real editor: inside table 三, the official rows the table lacks are offered. */
import * as vscode from 'vscode';
import { assert, type TestCase } from '../runner.mjs';
import { diagnosticsAfter, openWithDiagnostics, rowLine } from './support.js';

const labelOf = (item: vscode.CompletionItem) => typeof item.label === 'string' ? item.label : item.label.label;

export const completionTests: TestCase[] = [
    {
        name: 'completion inside table 三 offers the missing official row',
        fn: async () => {
            const { editor } = await openWithDiagnostics('longgang-2024.xxgk');
            const document = editor.document;
            // The row 3.要求提供公开出版物 (under （五）不予处理) is cut back to what a person starts typing.
            const line = rowLine(document, '3.要求提供公开出版物');
            const typed = '    3.要';
            await diagnosticsAfter(document.uri, async () => {
                const edit = new vscode.WorkspaceEdit();
                edit.replace(document.uri, document.lineAt(line).range, typed);
                await vscode.workspace.applyEdit(edit);
            }, undefined, 'diagnostics of the cut row');

            const list = await vscode.commands.executeCommand<vscode.CompletionList>(
                'vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, typed.length));
            const labels = list.items.map(labelOf);
            assert(labels.includes('3.要求提供公开出版物'), `3.要求提供公开出版物 among the completions ${JSON.stringify(labels.slice(0, 20))}`);
        },
    },
];
