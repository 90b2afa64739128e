/**
 * The bundled language server as a real process over stdio: open a report, get its diagnostics;
 * change a total, get the row-total error at that cell with the computed value.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
    DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification,
    InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { examplesDir, read, root } from './support/helpers.js';

let server: ChildProcess;
let connection: MessageConnection;
const published = new Map<string, PublishDiagnosticsParams[]>();
const waiters: (() => void)[] = [];

/** The next diagnostics published for a uri after this call (Langium sends no version). */
function nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    const seen = published.get(uri)?.length ?? 0;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 20_000);
        const poll = () => {
            const hit = published.get(uri)?.[seen];
            if (hit) {
                clearTimeout(timer);
                resolve(hit);
            } else waiters.push(poll);
        };
        poll();
    });
}

beforeAll(async () => {
    server = spawn(process.execPath, [path.join(root, 'out/server/main.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        published.set(params.uri, [...(published.get(params.uri) ?? []), params]);
        waiters.splice(0).forEach(w => w());
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
});

afterAll(async () => {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    server.kill();
});

describe('language server over stdio', () => {
    const uri = 'file:///work/lsp-test/longgang-2024.xxgk';
    const text = read(path.join(examplesDir, 'longgang-2024.xxgk'));

    it('publishes no diagnostics for the clean example', async () => {
        const next = nextDiagnostics(uri);
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'xxgk', version: 1, text },
        });
        const params = await next;
        expect(params.diagnostics).toEqual([]);
    });

    it('reports a wrong total at its cell, in Chinese, with the computed value', async () => {
        const changed = text.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$14');
        expect(changed).not.toEqual(text);
        const next = nextDiagnostics(uri);
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: 2 }, contentChanges: [{ text: changed }],
        });
        const params = await next;
        const rowTotal = params.diagnostics.find(d => d.code === 'xxgk/row-total');
        expect(rowTotal).toBeDefined();
        const line = changed.split('\n').findIndex(l => l.includes('（一）予以公开'));
        expect(rowTotal!.range.start.line).toBe(line);
        expect(changed.split('\n')[line].slice(rowTotal!.range.start.character, rowTotal!.range.end.character)).toBe('4');
        expect(rowTotal!.message).toBe('（一）予以公开：总计应为 3（自然人 2 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0），实际为 4');
        expect(rowTotal!.severity).toBe(1);
        expect(rowTotal!.data).toMatchObject({ code: 'xxgk/row-total', computed: 3, reported: 4, row: 'disclosed', column: 'total' });
        expect(rowTotal!.relatedInformation?.length).toBe(6);
        expect(params.diagnostics.map(d => d.code)).toContain('xxgk/results-total');
    });
});
