/**
 * Year over year through the language server as a real process over stdio: next year's report from
 * an open document and from a file on disk (the same text as `xxgk new --from`); the comparison with
 * last year's report in the workspace, sent again when last year's report changes, and exported.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { CompareMethods, type CompareExportResult, type CompareMessage } from '../src/compare/protocol.js';
import { nextYearReport } from '../src/format/next-year.js';
import { NextYearMethods, type NextYearResult } from '../src/format/next-year-protocol.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { check, examplesDir, fixturesDir, read } from './support/helpers.js';
import { startServer, type TestServer } from './support/lsp-client.js';

let server: TestServer;
const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-lsp-years-'));

beforeAll(async () => {
    server = await startServer();
});

afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
});

describe('「由上年报告生成新年报」 through the server', () => {
    it('answers with the text nextYearReport makes, for an open document (as edited, not as saved)', async () => {
        const file = path.join(dir, 'longgang-2024.xxgk');
        const uri = pathToFileURL(file).toString();
        writeFileSync(file, 'not what the editor shows');
        const text = read(path.join(examplesDir, 'longgang-2024.xxgk'));
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
        const result = await server.connection.sendRequest<NextYearResult>(NextYearMethods.create, { uri, prose: 'drop' });
        const expected = nextYearReport({ previous: check(text).model, year: 2025, registry: nationalRegistry, prose: 'drop', source: 'longgang-2024.xxgk' });
        expect(result).toEqual({ status: 'created', text: expected.text, year: 2025, format: '2021', fileName: '深圳市龙岗区某局-2025.xxgk', notes: expected.notes });
    });

    it('reads a report no editor has open from disk, across the change of format', async () => {
        const uri = pathToFileURL(path.join(fixturesDir, 'cross-year', 'yanshi-2020.xxgk')).toString();
        const result = await server.connection.sendRequest<NextYearResult>(NextYearMethods.create, { uri });
        expect(result).toMatchObject({ status: 'created', year: 2021, format: '2021' });
        expect(result.status === 'created' && result.notes.filter(n => n.startsWith('未结转'))).toHaveLength(3);
    });

    it('says what is wrong instead of failing: a missing file, a year that does not follow', async () => {
        const missing = await server.connection.sendRequest<NextYearResult>(NextYearMethods.create, { uri: pathToFileURL(path.join(dir, 'nope.xxgk')).toString() });
        expect(missing).toMatchObject({ status: 'failed', message: expect.stringMatching(/nope\.xxgk：无法读取：文件不存在（ENOENT）$/) });
        const uri = pathToFileURL(path.join(examplesDir, 'longgang-2024.xxgk')).toString();
        const wrong = await server.connection.sendRequest<NextYearResult>(NextYearMethods.create, { uri, year: 2030 });
        expect(wrong).toEqual({ status: 'failed', message: '上年报告是 2024 年度，新报告应为 2025 年度，而不是 2030' });
    });
    it('reads only a regular .xxgk file: a FIFO or a link to /dev/zero is refused unread, the server carries on', async () => {
        const fifo = path.join(dir, 'fifo.xxgk');
        execFileSync('mkfifo', [fifo]);
        const zero = path.join(dir, 'zero.xxgk');
        symlinkSync('/dev/zero', zero);
        const notReport = path.join(dir, 'notes.txt');
        writeFileSync(notReport, read(path.join(examplesDir, 'longgang-2024.xxgk')));
        const ask = (file: string) => server.connection.sendRequest<NextYearResult>(NextYearMethods.create, { uri: pathToFileURL(file).toString() });
        expect(await ask(fifo)).toEqual({ status: 'failed', message: `${fifo}：无法读取：这是一个命名管道（FIFO）；只读取普通文件` });
        expect(await ask(zero)).toEqual({ status: 'failed', message: `${zero}：无法读取：这是一个设备文件；只读取普通文件` });
        expect(await ask(notReport)).toEqual({ status: 'failed', message: `${notReport} 不是 .xxgk 年报文件` });
        expect(await ask(path.join(fixturesDir, 'cross-year', 'yanshi-2020.xxgk'))).toMatchObject({ status: 'created', year: 2021 });
    });
});

describe('「与上年对比」 through the server', () => {
    const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
    const open = (name: string, text: string, version = 1) => server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uriOf(name), languageId: 'xxgk', version, text },
    });
    const last = read(path.join(fixturesDir, 'cross-year', 'longgang-2023.xxgk'));
    const current = read(path.join(fixturesDir, 'cross-year', 'longgang-2024.xxgk'));

    it('compares a report with last year\'s report of the same 机关 in the workspace', async () => {
        await open('lg-2023.xxgk', last);
        await open('lg-2024.xxgk', current);
        const message = await server.connection.sendRequest<CompareMessage>(CompareMethods.render, { uri: uriOf('lg-2024.xxgk') });
        expect(message).toMatchObject({ status: 'compared', uri: uriOf('lg-2024.xxgk'), lastUri: uriOf('lg-2023.xxgk') });
        if (message.status !== 'compared') return;
        expect(message.view.counts).toEqual({ changed: 7, spikes: 0 });
        expect(message.view.this.findings.map(f => f.code)).toEqual(['xxgk/in-force-roll', 'xxgk/carried-in', 'xxgk/carried-in']);
    });

    it('sends the comparison again when last year\'s report changes', async () => {
        await server.connection.sendNotification(CompareMethods.open, { uri: uriOf('lg-2024.xxgk') });
        // Last year's 结转下年度 as this year's 上年结转: R14 holds, two findings fewer.
        const fixed = last.replace(/^(四、结转下年度继续办理 +)\| 1 \| 1 \|/m, '$1| 2 | 0 |');
        expect(fixed).not.toBe(last);
        const next = server.notification<CompareMessage>(CompareMethods.view, m => m.status === 'compared' && m.view.this.findings.length === 1);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uriOf('lg-2023.xxgk'), version: 2 }, contentChanges: [{ text: fixed }] });
        const message = await next;
        expect(message.status === 'compared' && message.view.this.findings.map(f => f.code)).toEqual(['xxgk/in-force-roll']);
        await server.connection.sendNotification(CompareMethods.close, { uri: uriOf('lg-2024.xxgk') });
    });

    it('exports the comparison (the server writes the file)', async () => {
        const output = path.join(dir, 'out', 'comparison.xlsx');
        const result = await server.connection.sendRequest<CompareExportResult>(CompareMethods.export, { uri: uriOf('lg-2024.xxgk'), format: 'xlsx', output });
        expect(result).toEqual({ status: 'written', path: output });
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(readFileSync(output) as unknown as ArrayBuffer);
        expect(wb.worksheets.at(-1)!.name).toBe('变化');
    });

    it('says when there is no last year\'s report', async () => {
        await open('yanshi-2019.xxgk', read(path.join(fixturesDir, 'cross-year', 'yanshi-2019.xxgk')));
        const message = await server.connection.sendRequest<CompareMessage>(CompareMethods.render, { uri: uriOf('yanshi-2019.xxgk') });
        expect(message).toEqual({ uri: uriOf('yanshi-2019.xxgk'), status: 'noLastYear', message: '工作区中没有「偃师市科学技术局」2018 年度的报告，无法与上年对比' });
        const refused = await server.connection.sendRequest<CompareExportResult>(CompareMethods.export, { uri: uriOf('yanshi-2019.xxgk'), format: 'html', output: path.join(dir, 'no.html') });
        expect(refused.status).toBe('failed');
        expect(existsSync(path.join(dir, 'no.html'))).toBe(false);
    });
});
