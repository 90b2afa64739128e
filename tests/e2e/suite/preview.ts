/** The preview in the real editor: the command opens a webview tab beside the report. */
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { openWithDiagnostics, until, webviewTabs } from './support.js';

const previewTabs = () => webviewTabs('xxgk.preview');

export const previewTests: TestCase[] = [
    {
        name: 'the preview command opens a webview tab beside the report',
        fn: async () => {
            const { editor } = await openWithDiagnostics('yanshi-2020.xxgk');
            assertEqual(previewTabs().length, 0, 'preview tabs before the command');
            await vscode.commands.executeCommand('xxgk.showPreviewToSide', editor.document.uri);
            const tab = await until('the preview tab', () => previewTabs()[0]);
            assert(tab.label.includes('yanshi-2020.xxgk'), `the tab names the report: ${tab.label}`);
            assert(tab.group.viewColumn !== editor.viewColumn, `the preview is beside the editor (column ${tab.group.viewColumn} vs ${editor.viewColumn})`);
            await vscode.window.tabGroups.close(tab);
            await until('the preview tab to close', () => previewTabs().length === 0 ? true : undefined);
        },
    },
];
