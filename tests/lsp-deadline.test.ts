/**
 * The setting xxgk.validation.deadline through the real language server over stdio: a local
 * deadline earlier than the statutory one makes a report late at once, without an edit, and
 * clearing it takes the warning away.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DidChangeConfigurationNotification, DidOpenTextDocumentNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { examplesDir, read } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';

const server = useServer();
const uri = 'file:///work/lsp-deadline/report-2024.xxgk';
const text = read(path.join(examplesDir, 'longgang-2024.xxgk'));
const late = (p: PublishDiagnosticsParams) => p.diagnostics.filter(d => d.code === 'xxgk/published-late');
const configure = (deadline: string) => server.connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { xxgk: { validation: { deadline } } },
});

describe('xxgk.validation.deadline', () => {
    it('checks 发布日期 against a local deadline as soon as it is set', async () => {
        const first = server.nextDiagnostics(uri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
        expect((await first).diagnostics).toEqual([]);
        await configure('01-15');
        const { diagnostics } = await server.diagnosticsWhere(uri, p => late(p).length === 1);
        const [finding] = diagnostics;
        expect(finding).toMatchObject({ code: 'xxgk/published-late', severity: 2, data: { deadline: '2025-01-15', basis: 'local' } });
        expect(text.split('\n')[finding.range.start.line]).toBe('发布日期：2025-01-20');
        await configure('');
        await server.diagnosticsWhere(uri, p => p.diagnostics.length === 0);
    });

    it('ignores a value that is not a date', async () => {
        await configure('01-15');
        await server.diagnosticsWhere(uri, p => late(p).length === 1);
        await configure('next week');
        await server.diagnosticsWhere(uri, p => p.diagnostics.length === 0);
    });
});
