/**
 * A text the client sends over the file read limit (MAX_REPORT_BYTES, 20 MB), through the real
 * server over stdio: it is neither parsed nor checked — one xxgk/too-large diagnostic at its start,
 * every request answered with an empty result (preview and export with the same Chinese message) —
 * another report is checked meanwhile, and an edit that brings it back under the limit has it checked
 * as any report. (Before: a 23 MB document's preview render got no answer in 30 s.)
 */
import * as path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import {
    CodeActionRequest, CompletionRequest, DefinitionRequest, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification, DocumentFormattingRequest, DocumentHighlightRequest, DocumentSymbolRequest, FoldingRangeRequest,
    HoverRequest, InlayHintRequest, SemanticTokensRequest, type Diagnostic,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_REPORT_BYTES } from '../src/cli/check-file.js';
import { PreviewMethods, type ExportResult, type ViewMessage } from '../src/render/preview-protocol.js';
import { examplesDir, read } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';

const server = useServer();
const example = read(path.join(examplesDir, 'longgang-2024.xxgk'));
/** A text block of CJK prose that takes the report past the limit (3 bytes a character in UTF-8). */
const filler = `"""\n${'政'.repeat(Math.ceil(MAX_REPORT_BYTES / 3) + 200_000)}\n"""\n`;
const big = `${example}\n${filler}`;
const uri = 'file:///work/lsp-too-large/big.xxgk';
const out = mkdtempSync(path.join(tmpdir(), 'xxgk-too-large-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code)).sort();

async function open(at: string, text: string): Promise<Diagnostic[]> {
    const next = server.nextDiagnostics(at);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: at, languageId: 'xxgk', version: 1, text } });
    return (await next).diagnostics;
}

describe('a text over the size limit, over stdio', () => {
    let expected: string[] = [];
    const document = TextDocument.create(uri, 'xxgk', 1, big);
    const middle = document.positionAt(example.length + filler.length / 2);

    it('the example as it is: its own findings', async () => {
        expected = codes(await open('file:///work/lsp-too-large/example.xxgk', example));
        expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_REPORT_BYTES);
    });

    it('over the limit: one xxgk/too-large error at its start, nothing else', async () => {
        const diagnostics = await open(uri, big);
        expect(diagnostics.map(d => [d.code, d.severity, d.range.start, d.range.end])).toEqual([
            ['xxgk/too-large', 1, { line: 0, character: 0 }, { line: 0, character: 0 }],
        ]);
        expect(diagnostics[0].message).toContain(`${MAX_REPORT_BYTES / 1024 / 1024} MB`);
    });

    it('another report is checked meanwhile', async () => {
        expect(codes(await open('file:///work/lsp-too-large/other.xxgk', example))).toEqual(expected);
    });

    it('every request answers with nothing to show or change', async () => {
        const textDocument = { uri };
        const range = { start: { line: 0, character: 0 }, end: middle };
        const answers = await Promise.all([
            server.connection.sendRequest(HoverRequest.type, { textDocument, position: middle }),
            server.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 0, character: 1 } }),
            server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
            server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
            server.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
            server.connection.sendRequest(InlayHintRequest.type, { textDocument, range }),
            server.connection.sendRequest(DefinitionRequest.type, { textDocument, position: middle }),
            server.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position: middle }),
            server.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: server.latestDiagnostics(uri)!.diagnostics } }),
        ]);
        for (const answer of answers) expect(answer ?? []).toEqual([]);
        const tokens = await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
        expect(tokens?.data ?? []).toEqual([]);
        const completion = await server.connection.sendRequest(CompletionRequest.type, { textDocument, position: middle });
        expect(Array.isArray(completion) ? completion : completion?.items ?? []).toEqual([]);
    });

    it('preview and export: the message of the diagnostic, no file written', async () => {
        const message = server.latestDiagnostics(uri)!.diagnostics[0].message;
        await expect(server.connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri })).rejects.toThrow(message);
        const exported = await server.connection.sendRequest<ExportResult>(PreviewMethods.export, {
            uri, format: 'html', output: path.join(out, 'big.html'), allowErrors: true,
        });
        expect(exported).toEqual({ status: 'failed', message });
    });

    it('edited back under the limit: checked as any report, its preview rendered', async () => {
        const next = server.nextDiagnostics(uri);
        const start = document.positionAt(example.length + 1);
        const end = document.positionAt(big.length);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: 2 }, contentChanges: [{ range: { start, end }, text: '' }],
        });
        expect(codes((await next).diagnostics)).toEqual(expected);
        const view = await server.connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri });
        expect(view.version).toBe(2);
        expect(view.view.title.text).toContain('2024');
    });

    it('over the limit again by an edit, then closed: the server carries on', async () => {
        const next = server.nextDiagnostics(uri);
        const end = TextDocument.create(uri, 'xxgk', 2, `${example}\n`).positionAt(example.length + 1);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: end, end }, text: filler }],
        });
        expect(codes((await next).diagnostics)).toEqual(['xxgk/too-large']);
        const cleared = server.nextDiagnostics(uri);
        await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        expect((await cleared).diagnostics).toEqual([]);
        expect(codes(await open('file:///work/lsp-too-large/after.xxgk', example))).toEqual(expected);
        expect(server.exited).toBeUndefined();
    });
});
