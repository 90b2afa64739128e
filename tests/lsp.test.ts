/**
 * The bundled language server as a real process over stdio, driven like an editor would: open the
 * seed example, change a number, get the diagnostics at the cell; then completion, hover, a quick
 * fix applied as the client would, and formatting.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
    CodeActionRequest, CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentFormattingRequest,
    HoverRequest, type CodeAction, type CompletionList, type Diagnostic, type Hover, type TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { examplesDir, read } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';

const server = useServer();
const nextDiagnostics = (uri: string) => server.nextDiagnostics(uri);

describe('language server over stdio', () => {
    const uri = 'file:///work/lsp-test/yanshi-2020.xxgk';
    const seed = read(path.join(examplesDir, 'yanshi-2020.xxgk'));
    let document = TextDocument.create(uri, 'xxgk', 1, seed);
    let diagnostics: Diagnostic[] = [];

    async function change(text: string): Promise<Diagnostic[]> {
        const next = nextDiagnostics(uri);
        document = TextDocument.create(uri, 'xxgk', document.version + 1, text);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version: document.version }, contentChanges: [{ text }],
        });
        return (await next).diagnostics;
    }

    const position = (search: string, delta = 0) => document.positionAt(document.getText().indexOf(search) + delta);

    it('publishes no diagnostics for the seed example', async () => {
        const next = nextDiagnostics(uri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text: seed } });
        expect((await next).diagnostics).toEqual([]);
    });

    it('reports a changed number at its row total, in Chinese, with the computed value', async () => {
        // Two applications received from individuals, both disclosed — but no total updated.
        diagnostics = await change(seed.replace(/(（一）予以公开 +\| +)0/, '$12').replace(/(一、本年新收政府信息公开申请数量 +\| +)0/, '$12'));
        const rowTotal = diagnostics.filter(d => d.code === 'xxgk/row-total')[1];
        expect(rowTotal.message).toBe('（一）予以公开：总计应为 2（自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0），实际为 0');
        expect(rowTotal.severity).toBe(1);
        expect(rowTotal.data).toMatchObject({ code: 'xxgk/row-total', computed: 2, reported: 0, row: 'disclosed', column: 'total' });
        const line = document.getText().split('\n')[rowTotal.range.start.line];
        expect(line.startsWith('  （一）予以公开')).toBe(true);
        expect(rowTotal.range.start.character).toBe(line.lastIndexOf('0'));
        expect(rowTotal.relatedInformation).toHaveLength(6);
        expect(diagnostics.map(d => d.code).sort()).toEqual(['xxgk/balance', 'xxgk/results-total', 'xxgk/row-total', 'xxgk/row-total']);
    });

    it('completes the rows a table lacks', async () => {
        const text = document.getText().replace(/    3\.要求提供公开出版物[^\n]*\n/, '    3.要\n');
        await change(text);
        const list = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: position('    3.要', 6) }) as CompletionList;
        expect(list.items.map(i => i.label)).toEqual(['3.要求提供公开出版物']);
        await change(text.replace('    3.要\n', '    3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n'));
    });

    it('explains a label on hover', async () => {
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position('1.本机关不掌握相关政府信息', 3) }) as Hover;
        expect((hover.contents as { value: string }).value).toContain('属于「无法提供」，不是「不予公开」');
    });

    it('repairs the totals with a quick fix applied as the client applies it', async () => {
        diagnostics = server.latestDiagnostics(uri)!.diagnostics;
        const rowTotal = diagnostics.filter(d => d.code === 'xxgk/row-total')[1];
        const actions = await server.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri }, range: rowTotal.range, context: { diagnostics: [rowTotal] },
        }) as CodeAction[];
        expect(actions.map(a => a.title)).toEqual([
            '将「（一）予以公开」的总计改为 2', '修正本表的全部总计（按依赖顺序）', '忽略此处的 xxgk/row-total（插入 xxgk-disable-next-line 注释）',
        ]);
        expect(actions[0].isPreferred).toBe(true);
        const fixAll = actions[1];
        const edits = fixAll.edit!.changes![uri] as TextEdit[];
        const fixed = TextDocument.applyEdits(document, edits);
        // The tables now agree; the prose still says no application was received (R24).
        const after = await change(fixed);
        expect(after.map(d => [d.code, d.severity])).toEqual([['xxgk/prose-count', 2]]);
        expect(document.getText().split('\n')[after[0].range.start.line]).toContain('未收到');
        expect(fixed.split('\n').find(l => l.startsWith('四、结转下年度继续办理'))).toMatch(/\| +0 \| +0/);
        expect(fixed.split('\n').find(l => l.startsWith('  （七）总计'))).toMatch(/^  （七）总计 +\| +2 \|.*\| +2$/);
    });

    it('formats a table', async () => {
        const messy = document.getText().replace(/行政复议 +\| +0 \| +0/, '行政复议|0|0');
        await change(messy);
        const format = () => server.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }) as Promise<TextEdit[]>;
        const formatted = TextDocument.applyEdits(document, await format());
        const lines = formatted.split('\n');
        expect(lines).toContain('行政复议           |        0 |        0 |        0 |        0 |    0');
        expect(lines.find(l => l.includes('3.要求提供公开出版物'))).toBe(lines.find(l => l.includes('4.无正当理由大量反复申请'))!
            .replace('4.无正当理由大量反复申请', '3.要求提供公开出版物    '));
        expect((await change(formatted)).map(d => d.code)).toEqual(['xxgk/prose-count']);
        expect(await format()).toEqual([]);
    });
});
