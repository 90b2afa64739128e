/**
 * The bundled language server as a real process over stdio, as the preview uses it: the view model
 * arrives after every validation of a previewed document, a render request answers with the
 * current view (also for a file no editor has open), and an export request writes the file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
    DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
} from 'vscode-languageserver-protocol';
import { PreviewMethods, type ExportResult, type ViewMessage } from '../src/render/preview-protocol.js';
import { examplesDir, read } from './support/helpers.js';
import { flatText, readPdf } from './support/pdf.js';
import { startServer, type TestServer } from './support/lsp-client.js';
import { cellByRef, tableOf } from './support/view.js';

let server: TestServer;
let connection: MessageConnection;
const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-preview-server-'));

/** The first view of `uri` at `version` (already received or still to come). */
function viewAt(uri: string, version: number): Promise<ViewMessage> {
    return server.notification<ViewMessage>(PreviewMethods.view, v => v.uri === uri && v.version === version);
}

beforeAll(async () => {
    server = await startServer();
    connection = server.connection;
});

afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
});

describe('preview and export through the language server', () => {
    const uri = pathToFileURL(path.join(dir, 'longgang-2024.xxgk')).toString();
    const text = read(path.join(examplesDir, 'longgang-2024.xxgk'));
    const changed = text.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$14');

    it('sends the view model of a previewed document after it is validated', async () => {
        await connection.sendNotification(PreviewMethods.open, { uri });
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
        const { view } = await viewAt(uri, 1);
        expect(view.schema).toBe('xxgk-view/1');
        expect(view.title.text).toBe('深圳市龙岗区某局2024年政府信息公开工作年度报告');
        expect(view.counts).toEqual({ error: 0, warning: 0, info: 0 });
        expect(tableOf(view, 'review').columnCount).toBe(15);
    });

    it('sends a new view after every change, with the failing cell marked', async () => {
        await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: changed }] });
        const { view } = await viewAt(uri, 2);
        const cell = cellByRef(tableOf(view, 'applications'), 'disclosed.total');
        expect(cell).toMatchObject({ text: '4', computed: 3 });
        expect(cell.findings!.map(i => view.findings[i].code)).toContain('xxgk/row-total');
    });

    it('answers a render request with the current view, also for a file no editor has open', async () => {
        const current = await connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri });
        expect(current.version).toBe(2);
        expect(current.view.counts.error).toBeGreaterThan(0);
        const onDisk = pathToFileURL(path.join(examplesDir, 'yanshi-2020.xxgk')).toString();
        const fromDisk = await connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri: onDisk });
        expect(fromDisk).toMatchObject({ uri: onDisk, version: -1 });
        expect(fromDisk.view.format.id).toBe('2019');
        expect(fromDisk.view.title.text).toBe('偃师市科学技术局2020年政府信息公开工作年度报告');
    });

    it('exports through the server: asks first when the report has errors, then writes', async () => {
        const output = path.join(dir, 'out', 'report.docx');
        const refused = await connection.sendRequest<ExportResult>(PreviewMethods.export, { uri, format: 'docx', output });
        expect(refused).toMatchObject({ status: 'hasErrors' });
        expect(existsSync(output)).toBe(false);
        const written = await connection.sendRequest<ExportResult>(PreviewMethods.export, { uri, format: 'docx', output, allowErrors: true });
        expect(written).toMatchObject({ status: 'written', path: output });
        const zip = await JSZip.loadAsync(readFileSync(output));
        const xml = await zip.file('word/document.xml')!.async('string');
        expect(xml).toContain('深圳市龙岗区某局2024年政府信息公开工作年度报告');
    });

    it('writes a PDF with the fonts found on the machine (or the fallback), says which, and refuses to write over the report', async () => {
        const clean = pathToFileURL(path.join(examplesDir, 'longgang-2024.xxgk')).toString();
        const output = path.join(dir, 'report.pdf');
        const result = await connection.sendRequest<ExportResult>(PreviewMethods.export, { uri: clean, format: 'pdf', output });
        expect(result).toMatchObject({ status: 'written', path: output, errors: 0, fonts: expect.stringMatching(/^字体：\S+（标题/) });
        expect(flatText(await readPdf(output))).toContain('三、收到和处理政府信息公开申请情况');
        const over = await connection.sendRequest<ExportResult>(PreviewMethods.export, {
            uri: clean, format: 'html', output: path.join(examplesDir, 'longgang-2024.xxgk'),
        });
        expect(over).toMatchObject({ status: 'failed', message: expect.stringMatching(/为免覆盖年报/) });
        const font = await connection.sendRequest<ExportResult>(PreviewMethods.export, {
            uri: clean, format: 'pdf', output: path.join(dir, 'nofont.pdf'), fontPath: path.join(dir, 'missing.ttf'),
        });
        expect(font).toMatchObject({ status: 'failed', message: expect.stringMatching(/^字体文件不存在/) });
    });
});
