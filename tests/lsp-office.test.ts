/**
 * The unit registry in the bundled language server, over stdio, with a copy of the fixture county
 * as the workspace (its 单位名单.csv at the root is the default registry): the status request, the
 * registry-based diagnostics of a report, the registry's own problems as diagnostics of the CSV
 * file, and fresh answers after files change on disk.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
    DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { OfficeMethods, type ExportStatusResult, type InitRegistryResult, type StatusResult } from '../src/office/protocol.js';
import { countyDir, expectedStatus } from './support/county-expected.js';
import { root } from './support/helpers.js';
import { startServer, useServer } from './support/lsp-client.js';

const workspace = mkdtempSync(path.join(tmpdir(), 'xxgk-office-lsp-'));
cpSync(countyDir, workspace, { recursive: true });
const late = mkdtempSync(path.join(tmpdir(), 'xxgk-office-lsp-'));
cpSync(path.join(root, 'examples'), late, { recursive: true });
afterAll(() => [workspace, late].forEach(dir => rmSync(dir, { recursive: true, force: true })));
const server = useServer({ workspace });
const uriOf = (file: string) => pathToFileURL(path.join(workspace, file)).toString();
const status = (year?: number, asOf?: string) => server.connection.sendRequest<StatusResult>(OfficeMethods.status, { year, asOf });
const open = async (file: string) => {
    const uri = uriOf(file);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'xxgk', version: 1, text: readFileSync(path.join(workspace, file), 'utf8') },
    });
    return uri;
};
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => d.code);

describe('the unit registry in the language server', () => {
    it('answers the status of every unit, year by year, with uris to open', async () => {
        for (const year of [2022, 2023, 2024]) {
            const result = await status(year);
            expect(result.registry).toMatchObject({ uri: uriOf('单位名单.csv'), units: 30, errors: 0, warnings: 0 });
            expect(result.years).toEqual([2022, 2023, 2024]);
            expect(Object.fromEntries(result.report!.units.map(u => [u.id, u.status]))).toEqual(expectedStatus[year]);
        }
        const latest = await status();
        expect(latest.year).toBe(2024);
        const late = latest.report!.units.find(u => u.id === '016')!;
        expect(late).toMatchObject({ source: uriOf('2024/016-青溪县农业农村局.xxgk'), daysLate: 5, errors: 0 });
        expect(latest.report!.unmatched.map(u => [u.source, u.kind])).toEqual([[uriOf('2024/青溪县林业局.xxgk'), 'unmatched']]);
        expect(latest.report!.similar.map(s => [s.id, s.kind])).toEqual([['022', 'tables'], ['024', 'prose']]);
    });

    it('counts no report opened from outside the workspace or not yet saved, nor lets it choose the year', async () => {
        const read = (file: string) => readFileSync(path.join(workspace, file), 'utf8');
        const outside = pathToFileURL(path.join(late, '002-2025.xxgk')).toString();
        const opened: [string, string][] = [
            [outside, read('2024/002-青溪县发展和改革局.xxgk').replace(/2025/g, '2026').replace(/2024/g, '2025')], // another year, elsewhere
            ['untitled:Untitled-1', read('2023/028-青溪县桃源镇人民政府.xxgk').replace(/2024/g, '2025').replace(/2023/g, '2024')], // 028's 2024 draft
        ];
        for (const [uri, text] of opened) {
            await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
            await server.diagnosticsWhere(uri, () => true);
        }
        const latest = await status();
        expect(latest.years).toEqual([2022, 2023, 2024]);
        expect(latest.year).toBe(2024);
        expect(latest.report!.units.find(u => u.id === '028')!.status).toBe(expectedStatus[2024]['028']);
        for (const [uri] of opened) await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });

    it('adds the registry findings to a report: 内容雷同 with last year\'s file, an unmatched 机关', async () => {
        const copied = await open('2024/024-青溪县统计局.xxgk');
        const found = await server.diagnosticsWhere(copied, p => codes(p).includes('xxgk/content-similar'));
        const similar = found.diagnostics.find(d => d.code === 'xxgk/content-similar')!;
        expect(similar.severity).toBe(3);
        expect(similar.data).toMatchObject({ id: '024', lastYear: 2023, threshold: 0.9 });
        expect(similar.data.similarity).toBeGreaterThanOrEqual(0.9);
        expect(similar.relatedInformation?.[0].location.uri).toBe(uriOf('2023/024-青溪县统计局.xxgk'));

        const stranger = await open('2024/青溪县林业局.xxgk');
        const unmatched = await server.diagnosticsWhere(stranger, p => codes(p).includes('xxgk/unit-unmatched'));
        expect(unmatched.diagnostics.find(d => d.code === 'xxgk/unit-unmatched')!.range.start.line).toBe(2); // 机关：…

        const clean = await open('2024/002-青溪县发展和改革局.xxgk');
        expect(codes(await server.diagnosticsWhere(clean, () => true))).toEqual([]);
    });

    it('shows the registry\'s problems on the CSV file and reads it again when it changes', async () => {
        const csv = path.join(workspace, '单位名单.csv');
        const original = readFileSync(csv, 'utf8');
        const registryUri = uriOf('单位名单.csv');
        const changed = server.notification(OfficeMethods.changed, () => true);
        writeFileSync(csv, `${original}031,青溪县林业局,,部门,099,,,,\r\n`, 'utf8');
        const problems = server.diagnosticsWhere(registryUri, p => p.diagnostics.length > 0);
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: registryUri, type: FileChangeType.Changed }] });
        const { diagnostics } = await problems;
        expect(diagnostics.map(d => [d.code, d.range.start.line, d.data.parent])).toEqual([['xxgk/registry-parent', 31, '099']]);
        await changed;
        // The forestry bureau is a unit now (without a parent): its report is matched.
        const result = await status(2024);
        expect(result.registry).toMatchObject({ units: 31, errors: 1 });
        expect(result.report!.unmatched).toEqual([]);
        expect(result.report!.units.find(u => u.id === '031')).toMatchObject({ status: 'filed', depth: 0 });
        const stranger = uriOf('2024/青溪县林业局.xxgk');
        await server.diagnosticsWhere(stranger, p => !codes(p).includes('xxgk/unit-unmatched'));

        writeFileSync(csv, original, 'utf8');
        const cleared = server.diagnosticsWhere(registryUri, p => p.diagnostics.length === 0);
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: registryUri, type: FileChangeType.Changed }] });
        await cleared;
    });

    it('counts a report written to disk, once the file watcher says so', async () => {
        const file = '2024/028-青溪县桃源镇人民政府.xxgk';
        const text = readFileSync(path.join(workspace, '2023/028-青溪县桃源镇人民政府.xxgk'), 'utf8')
            .replace(/2023/g, '2024').replace('发布日期：2024', '发布日期：2025');
        writeFileSync(path.join(workspace, file), text, 'utf8');
        const changed = server.notification(OfficeMethods.changed, () => true);
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type: FileChangeType.Created }] });
        await changed;
        const result = await status(2024);
        expect(result.report!.units.find(u => u.id === '028')).toMatchObject({ status: 'filed', source: uriOf(file) });
    });

    it('exports the status table and drafts no registry over an existing one', async () => {
        const output = path.join(workspace, 'status.json');
        const written = await server.connection.sendRequest<ExportStatusResult>(OfficeMethods.exportStatus, { year: 2023, format: 'json', output });
        expect(written).toEqual({ status: 'written', path: output });
        const report = JSON.parse(readFileSync(output, 'utf8'));
        expect(report.registry).toBe('单位名单.csv');
        expect(report.units.find((u: { id: string }) => u.id === '030')).toMatchObject({ status: 'late', source: path.join('2023', '030-青溪经济开发区管理委员会.xxgk') });
        const refused = await server.connection.sendRequest<ExportStatusResult>(OfficeMethods.exportStatus, { format: 'text', output: path.join(workspace, 'x.xxgk') });
        expect(refused.status).toBe('failed');
        expect(await server.connection.sendRequest<InitRegistryResult>(OfficeMethods.initRegistry)).toEqual({ status: 'exists', path: path.join(workspace, '单位名单.csv') });
    });
});

describe('a registry and a folder of reports copied into the workspace at once', () => {
    const later = useServer({ workspace: late });
    const uri = (file: string) => pathToFileURL(path.join(late, file)).toString();

    it('reads both: the registry\'s reload does not cancel the loading of the folder', async () => {
        const before = await later.connection.sendRequest<StatusResult>(OfficeMethods.status, {});
        expect(before.registry).toBeUndefined();
        expect(before.years).toEqual([2020, 2024]); // the examples
        cpSync(countyDir, path.join(late, 'county'), { recursive: true });
        cpSync(path.join(countyDir, '单位名单.csv'), path.join(late, '单位名单.csv'));
        const changed = later.notification(OfficeMethods.changed, () => true);
        // What a file watcher reports when a folder is copied in: the folder, not each file in it.
        await later.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [
            { uri: uri('county'), type: FileChangeType.Created }, { uri: uri('单位名单.csv'), type: FileChangeType.Created },
        ] });
        await changed;
        let result: StatusResult | undefined;
        for (let i = 0; i < 50 && result?.years.length !== 4; i++) {
            result = await later.connection.sendRequest<StatusResult>(OfficeMethods.status, { year: 2024 });
            if (result.years.length !== 4) await new Promise(resolve => setTimeout(resolve, 200));
        }
        expect(result!.years).toEqual([2020, 2022, 2023, 2024]);
        expect(Object.fromEntries(result!.report!.units.map(u => [u.id, u.status]))).toEqual(expectedStatus[2024]);
    });
});

describe('a registry that is not a regular file', () => {
    it('a FIFO as 单位名单.csv: its problem on the file, not a server that waits for a writer', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'xxgk-office-fifo-'));
        cpSync(path.join(root, 'examples', 'longgang-2024.xxgk'), path.join(folder, 'longgang-2024.xxgk'));
        const fifo = path.join(folder, '单位名单.csv');
        execFileSync('mkfifo', [fifo]);
        const fifoServer = await startServer({ workspace: folder });
        try {
            const problems = await fifoServer.diagnosticsWhere(pathToFileURL(fifo).toString(), p => p.diagnostics.length > 0);
            expect(problems.diagnostics.map(d => [d.code, d.message])).toEqual([
                ['xxgk/registry-unreadable', '无法读取单位名单：这是一个命名管道（FIFO）；只读取普通文件'],
            ]);
            const result = await fifoServer.connection.sendRequest<StatusResult>(OfficeMethods.status, {});
            expect(result.years).toEqual([2024]);
        } finally {
            await fifoServer.stop();
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
