/** The language server imports a published report on request (xxgk/import), with the same function as the CLI. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportMethods, type ImportAnswer } from '../src/import/protocol.js';
import { startServer, type TestServer } from './support/lsp-client.js';

let server: TestServer;
const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-import-server-'));

beforeAll(async () => {
    server = await startServer();
});

afterAll(async () => {
    await server.stop();
});

describe('xxgk/import', () => {
    it('answers with the new report, where it goes and the import report', async () => {
        const file = path.join(dir, 'page.html');
        writeFileSync(file, '<html><head><title>某局2024年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p><p>正文。</p>' +
            '<p>二、主动公开政府信息情况</p><table><tr><td colspan="2">第二十条第（五）项</td></tr><tr><td>信息内容</td><td>本年处理决定数量</td></tr>' +
            '<tr><td>行政许可</td><td>7</td></tr></table></body></html>');
        const answer = await server.connection.sendRequest<ImportAnswer>(ImportMethods.import, { uri: pathToFileURL(file).toString() });
        expect(answer.status).toBe('imported');
        if (answer.status !== 'imported') return;
        expect(answer.target).toBe(path.join(dir, 'page.xxgk'));
        expect(answer.text).toContain('行政许可 |                7');
        expect(answer.report.cells).toMatchObject({ read: 1, unreadable: 0 });
        expect(answer.reportText).toContain('导入报告：page.html（网页）');
    });

    it('a file that cannot be imported fails with its message', async () => {
        const file = path.join(dir, 'old.doc');
        writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
        const answer = await server.connection.sendRequest<ImportAnswer>(ImportMethods.import, { uri: pathToFileURL(file).toString() });
        expect(answer).toEqual({ status: 'failed', message: expect.stringContaining('另存为 .docx') });
    });
});
