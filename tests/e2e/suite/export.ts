/** Export in the real editor: the command writes a Word file of the report. */
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import * as vscode from 'vscode';
import { assert, assertEqual, type TestCase } from '../runner.mjs';
import { openWithDiagnostics } from './support.js';

export const exportTests: TestCase[] = [
    {
        name: 'the export command writes a DOCX of the report',
        fn: async () => {
            const { editor } = await openWithDiagnostics('yanshi-2020.xxgk');
            // Outside the workspace (the extension host's TMPDIR is inside the run directory).
            const output = path.join(mkdtempSync(path.join(os.tmpdir(), 'xxgk-export-')), 'yanshi-2020.docx');
            const result = await vscode.commands.executeCommand<{ status: string; path?: string }>(
                'xxgk.export', editor.document.uri, 'docx', vscode.Uri.file(output));
            assertEqual(result?.status, 'written', 'the export result');
            const zip = await JSZip.loadAsync(readFileSync(output));
            const body = await zip.file('word/document.xml')?.async('string');
            assert(body, 'the file is a Word document (word/document.xml)');
            assert(body.includes('偃师市科学技术局2020年政府信息公开工作年度报告'), 'the document has the report title');
            assert(body.includes('收到和处理政府信息公开申请情况'), 'the document has section 三');
        },
    },
];
