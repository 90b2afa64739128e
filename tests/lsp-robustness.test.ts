/**
 * The bundled language server as a real process over stdio, fed message sequences editors really
 * send and some they should not: it never exits. A closed document without a file is gone (its
 * diagnostics cleared, a preview of it answers with a clear error); a closed report with a file is
 * the file on disk again, for its diagnostics, next year's cross-year checks and export. Preview and export read
 * only `.xxgk` files, and only regular ones.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
    DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DocumentSymbolRequest,
} from 'vscode-languageserver-protocol';
import { PreviewMethods, type ExportResult, type ViewMessage } from '../src/render/preview-protocol.js';
import { examplesDir, read } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';
import { cellByRef, tableOf } from './support/view.js';
import { report, setRow } from './support/years.js';

const server = useServer();
const seed = read(path.join(examplesDir, 'yanshi-2020.xxgk'));
const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-robust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = (uri: string, text: string, version = 1) => server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'xxgk', version, text },
});
const change = (uri: string, version: number, text: string) => server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version }, contentChanges: [{ text }],
});
const close = (uri: string) => server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
const hasHan = /[\u4e00-\u9fff]/;

/** The server still answers requests (and has not exited). */
async function expectAlive(): Promise<void> {
    const uri = 'file:///work/robust/alive.xxgk';
    const diagnostics = server.nextDiagnostics(uri);
    await open(uri, seed);
    expect((await diagnostics).diagnostics).toEqual([]);
    const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    expect(symbols?.length).toBeGreaterThan(0);
    await close(uri);
    expect(server.exited).toBeUndefined();
    // Not even the last safety net (server/main.ts) was needed.
    expect(server.log.filter(line => /未处理的异步错误|未捕获的错误/.test(line))).toEqual([]);
}

/** The error a render request for `uri` answers with. */
async function renderError(uri: string): Promise<string> {
    try {
        await server.connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri });
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error(`rendered ${uri}`);
}

describe('the server never exits', () => {
    it('an untitled report closed (as Save As does), then another report opened and edited', async () => {
        const untitled = 'untitled:Untitled-1';
        const first = server.nextDiagnostics(untitled);
        await open(untitled, seed.replace(/(（一）予以公开 +\| +)0/, '$12'));
        expect((await first).diagnostics.length).toBeGreaterThan(0);
        const cleared = server.nextDiagnostics(untitled);
        await close(untitled);
        expect((await cleared).diagnostics).toEqual([]);
        const uri = 'file:///work/robust/after-untitled.xxgk';
        const opened = server.nextDiagnostics(uri);
        await open(uri, seed);
        await opened;
        const edited = server.nextDiagnostics(uri);
        await change(uri, 2, seed.replace(/(（一）予以公开 +\| +)0/, '$12'));
        expect((await edited).diagnostics.length).toBeGreaterThan(0);
        await close(uri);
        await expectAlive();
    });

    it('a document without a file closed while its build is pending, many times over', async () => {
        for (let i = 0; i < 20; i++) {
            const uri = `file:///work/robust/pending-${i}.xxgk`;
            await open(uri, seed);
            if (i % 2) await change(uri, 2, `${seed}\n`);
            await close(uri);
        }
        const untitled = 'untitled:Untitled-2';
        await open(untitled, seed);
        await close(untitled);
        await expectAlive();
    });

    it('an edit whose range lies past the end keeps positions right (the state of a fresh server)', async () => {
        const uri = 'file:///work/robust/past-the-end.xxgk';
        const short = '标题：某局2024年政府信息公开工作年度报告';
        const first = server.nextDiagnostics(uri);
        await open(uri, short);
        await first;
        // Backwards, both ends past the last line: the library the server uses would keep six lines for a two-line text.
        const edited = server.nextDiagnostics(uri);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 4, character: 0 } }, text: '\n机关：某局' }],
        });
        await edited;
        const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as { range: { start: { line: number } } }[];
        const freshUri = 'file:///work/robust/past-the-end-fresh.xxgk';
        const fresh = server.nextDiagnostics(freshUri);
        await open(freshUri, `${short}\n机关：某局`);
        expect((await edited).diagnostics).toEqual((await fresh).diagnostics);
        const expected = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: freshUri } });
        expect(symbols.length).toBeGreaterThan(0);
        expect(symbols.every(s => s.range.start.line <= 1)).toBe(true); // the text has two lines
        expect(symbols).toEqual(expected);
        await close(uri);
        await close(freshUri);
    });

    it('a document opened twice, closed twice, changed after close, or a version going back', async () => {
        const uri = 'file:///work/robust/odd.xxgk';
        await open(uri, seed);
        await open(uri, seed, 5);
        await change(uri, 3, '');
        await close(uri);
        await close(uri);
        await change(uri, 9, seed);
        await close('untitled:never-opened');
        await expectAlive();
    });
});

describe('closed documents', () => {
    it('one without a file is gone: diagnostics cleared, preview and export say so in Chinese', async () => {
        const uri = 'untitled:Untitled-3';
        const first = server.nextDiagnostics(uri);
        await open(uri, seed.replace(/(（一）予以公开 +\| +)0/, '$12'));
        await first;
        const cleared = server.nextDiagnostics(uri);
        await close(uri);
        expect((await cleared).diagnostics).toEqual([]);
        const message = await renderError(uri);
        expect(message).toMatch(hasHan);
        expect(message).toContain('Untitled-3');
        const exported = await server.connection.sendRequest<ExportResult>(PreviewMethods.export, { uri, format: 'html', output: path.join(dir, 'u.html') });
        expect(exported).toMatchObject({ status: 'failed', message: expect.stringMatching(hasHan) });
        const missing = pathToFileURL(path.join(dir, 'no-such-report.xxgk')).toString();
        expect(await renderError(missing)).toMatch(/no-such-report\.xxgk/);
        expect(await renderError(missing)).toMatch(hasHan);
    });

    it('a report closed without saving is its file on disk again, for next year\'s checks and for export', async () => {
        const lastFile = path.join(dir, 'a-2023.xxgk');
        const lastUri = pathToFileURL(lastFile).toString();
        const thisUri = pathToFileURL(path.join(dir, 'a-2024.xxgk')).toString();
        const current = report(2024);
        // On disk, last year's 结转下年度 matches this year's 上年结转 (and breaks last year's own balance);
        // the unsaved text is the example's: 3 | 1 | 0 | 0 | 0 | 0 | 4, balanced, but not this year's 上年结转.
        writeFileSync(lastFile, setRow(report(2023), '四、结转下年度继续办理', ['2', '0', '0', '0', '0', '0', '2']));
        const edited = report(2023);
        const carriedIn = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.filter(d => d.code === 'xxgk/carried-in').length;

        await open(lastUri, edited);
        const warned = server.diagnosticsWhere(thisUri, p => carriedIn(p) > 0);
        await open(thisUri, current);
        expect(carriedIn(await warned)).toBe(3);
        expect(server.latestDiagnostics(lastUri)!.diagnostics).toEqual([]);
        const lastRechecked = server.nextDiagnostics(lastUri);
        const rechecked = server.nextDiagnostics(thisUri);
        await close(lastUri);
        expect(carriedIn(await rechecked)).toBe(0);
        // Its diagnostics are now those of the file on disk, as for any workspace file no editor shows.
        expect((await lastRechecked).diagnostics.map(d => d.code)).toContain('xxgk/balance');

        const view = await server.connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri: lastUri });
        expect(view.version).toBe(-1);
        expect(cellByRef(tableOf(view.view, 'applications'), 'carriedOver.total').text).toBe('2');
        // The text on disk does not balance; the discarded one did.
        const exported = await server.connection.sendRequest<ExportResult>(PreviewMethods.export, { uri: lastUri, format: 'html', output: path.join(dir, 'a.html') });
        expect(exported).toMatchObject({ status: 'hasErrors', errors: expect.any(Number) });
        await close(thisUri);
    });
});

describe('preview and export read only the reports they are asked about', () => {
    it('refuses files that are not .xxgk reports, in Chinese, without reading them', async () => {
        const other = path.join(dir, 'secret.txt');
        writeFileSync(other, seed);
        for (const uri of [pathToFileURL(other).toString(), 'file:///etc/passwd', pathToFileURL(dir).toString()]) {
            expect(await renderError(uri)).toMatch(hasHan);
            const exported = await server.connection.sendRequest<ExportResult>(PreviewMethods.export, { uri, format: 'html', output: path.join(dir, 'x.html') });
            expect(exported).toMatchObject({ status: 'failed', message: expect.stringMatching(hasHan) });
        }
    });

    it('does not hang on a FIFO named like a report', async () => {
        const fifo = path.join(dir, 'fifo.xxgk');
        try {
            execFileSync('mkfifo', [fifo]);
        } catch {
            return; // no mkfifo here (Windows)
        }
        expect(await renderError(pathToFileURL(fifo).toString())).toMatch(hasHan);
        await expectAlive();
    });
});
