/** Hover in the real editor: a row label explains its official meaning. */
import * as vscode from 'vscode';
import { assert, type TestCase } from '../runner.mjs';
import { openWithDiagnostics, rowLine } from './support.js';

const text = (content: vscode.MarkdownString | vscode.MarkedString) =>
    typeof content === 'string' ? content : 'value' in content ? content.value : '';

export const hoverTests: TestCase[] = [
    {
        name: 'hover on a row label shows its meaning',
        fn: async () => {
            const { editor } = await openWithDiagnostics('yanshi-2020.xxgk');
            const document = editor.document;
            const label = '1.本机关不掌握相关政府信息';
            const line = rowLine(document, label);
            const position = new vscode.Position(line, document.lineAt(line).text.indexOf(label) + 3);
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
            const shown = hovers.flatMap(h => h.contents.map(text)).join('\n');
            assert(shown.includes('属于「无法提供」，不是「不予公开」'), `the hover explains the row: ${JSON.stringify(shown.slice(0, 300))}`);
        },
    },
];
