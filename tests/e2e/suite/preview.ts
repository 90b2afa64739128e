/** The preview in the real editor: the command opens a webview tab beside the report. */
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { openWithDiagnostics } from './support.js';

/** Webview tabs of the preview (the extension host sees the view type with a `mainThreadWebview-` prefix). */
function previewTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap(g => g.tabs)
        .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('xxgk.preview'));
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

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
