/** Import in the real editor: the command turns a web page into a report opened beside it, with its diagnostics. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { codeOf, diagnosticsAfter } from './support.js';

const page = `<html><head><meta charset="utf-8"><title>某某局2020年政府信息公开工作年度报告</title></head><body>
<h1>某某局2020年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度依法公开政府信息。</p><p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
<tr><td>行政许可2140937</td></tr><tr><td>其他对外管理服务事项</td><td>3</td><td>+1</td><td>12</td></tr></table></body></html>`;

export const importTests: TestCase[] = [
    {
        name: 'the import command writes the report beside the page, opens it with diagnostics at the unreadable cells',
        fn: async () => {
            // Outside the workspace, so that no other test sees the new report.
            const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-import-'));
            const source = path.join(dir, 'report.html');
            writeFileSync(source, page);
            const target = vscode.Uri.file(path.join(dir, 'report.xxgk'));
            let result: { status: string; path?: string } | undefined;
            const diagnostics = await diagnosticsAfter(target, async () => {
                result = await vscode.commands.executeCommand<{ status: string; path?: string }>('xxgk.importReport', vscode.Uri.file(source));
            }, d => d.some(x => codeOf(x) === 'xxgk/value-kind'), 'the diagnostics of the imported report');
            assertEqual(result?.status, 'written', 'the import result');
            assert(existsSync(target.fsPath), 'the report is written beside the page');
            const text = readFileSync(target.fsPath, 'utf8');
            assert(text.includes('其他对外管理服务事项 |              3 |        +1 |           12'), `the readable row is written as printed:\n${text}`);
            const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === target.toString());
            assert(editor, 'the imported report is open in an editor');
            const licensing = editor.document.getText().split('\n').findIndex(l => l.startsWith('行政许可'));
            const unreadable = diagnostics.filter(d => codeOf(d) === 'xxgk/value-kind');
            assertEqual(unreadable.length, 3, 'one diagnostic per unreadable cell');
            assert(unreadable.every(d => d.range.start.line === licensing), 'the diagnostics are on the row of the unreadable cells');
            // Imported again on purpose (the caller says so): replaced without asking.
            const again = await vscode.commands.executeCommand<{ status: string }>('xxgk.importReport', vscode.Uri.file(source), { overwrite: true });
            assertEqual(again?.status, 'written', 'the second import');
        },
    },
];
