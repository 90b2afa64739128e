/**
 * The bundled language server as a real process over stdio, with two years of one 机关: opening
 * both reports gives this year's R14 warnings (related information in last year's file), go-to-
 * definition jumps into last year's file, and editing last year's file to match clears them.
 */
import { describe, expect, it } from 'vitest';
import {
    DefinitionRequest, HoverRequest, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
    DidChangeWatchedFilesNotification, DidSaveTextDocumentNotification, FileChangeType, type LocationLink, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { useServer } from './support/lsp-client.js';
import { report, setRow } from './support/years.js';

const server = useServer();
const nextDiagnostics = (uri: string) => server.nextDiagnostics(uri);

describe('cross-year rules over stdio', () => {
    const lastUri = 'file:///work/lsp-years/report-2023.xxgk';
    const thisUri = 'file:///work/lsp-years/report-2024.xxgk';
    // Last year: 结转下年度 3 | 1 | 0 | 0 | 0 | 0 | 4 (the example's); this year: 上年结转 2 | 0 | … | 2.
    const last = setRow(report(2023), '行政规范性文件', ['5', '1', '21']).replace('现行有效25件', '现行有效21件');
    const current = report(2024);
    const carriedInLine = current.split('\n').findIndex(l => l.startsWith('二、上年结转'));

    it('warns on this year\'s 上年结转 cells, pointing at last year\'s file', async () => {
        const lastDiagnostics = nextDiagnostics(lastUri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: lastUri, languageId: 'xxgk', version: 1, text: last } });
        expect((await lastDiagnostics).diagnostics).toEqual([]);
        const thisDiagnostics = nextDiagnostics(thisUri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: thisUri, languageId: 'xxgk', version: 1, text: current } });
        const { diagnostics } = await thisDiagnostics;
        expect(diagnostics.map(d => [d.code, d.severity, d.range.start.line, d.data.column])).toEqual([
            ['xxgk/carried-in', 2, carriedInLine, 'person'],
            ['xxgk/carried-in', 2, carriedInLine, 'business'],
            ['xxgk/carried-in', 2, carriedInLine, 'total'],
        ]);
        const [person] = diagnostics;
        expect(person.message).toBe('自然人列：二、上年结转应为 3（2023 年度报告的「四、结转下年度继续办理」），实际为 2');
        expect(person.data).toMatchObject({ computed: 3, reported: 2, lastYear: 2023 });
        expect(person.relatedInformation).toEqual([{
            location: { uri: lastUri, range: expect.objectContaining({ start: expect.objectContaining({ line: last.split('\n').findIndex(l => l.startsWith('四、结转下年度继续办理')) }) }) },
            message: '2023 年度报告：四、结转下年度 = 3',
        }]);
    });

    it('goes to last year\'s cell', async () => {
        const line = current.split('\n')[carriedInLine];
        const character = line.indexOf('|') + 7; // the 自然人 cell
        expect(line[character]).toBe('2');
        const links = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: thisUri }, position: { line: carriedInLine, character } }) as LocationLink[];
        expect(links).toHaveLength(1);
        expect(links[0].targetUri).toBe(lastUri);
        const target = last.split('\n')[links[0].targetSelectionRange.start.line];
        expect(target.startsWith('四、结转下年度继续办理')).toBe(true);
        expect(target.slice(links[0].targetSelectionRange.start.character, links[0].targetSelectionRange.end.character)).toBe('3');
    });

    it('hover on this year\'s cell shows the comparison with last year\'s report', async () => {
        const line = current.split('\n')[carriedInLine];
        const character = line.indexOf('|') + 7; // the 自然人 cell
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: thisUri }, position: { line: carriedInLine, character } });
        const value = (hover?.contents as { value: string }).value;
        expect(value).toContain('与 2023 年度报告的核对：\n\n' +
            '- ✗ R14 上年结转 = 上年报告的结转下年度继续办理（自然人）：二、上年结转 2 = 2023 年度四、结转下年度 3；二、上年结转应为 **3**\n\n' +
            '_2021 格式');
    });

    it('clears the warnings when last year\'s file is edited to match', async () => {
        const matching = setRow(last, '四、结转下年度继续办理', ['2', '0', '0', '0', '0', '0', '2']);
        const thisDiagnostics = nextDiagnostics(thisUri);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: lastUri, version: 2 }, contentChanges: [{ text: matching }] });
        expect((await thisDiagnostics).diagnostics).toEqual([]);
    });

    describe('xxgk.validation.crossYear', () => {
        const configure = (crossYear: string) => server.connection.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { xxgk: { validation: { crossYear } } },
        });
        const edit = (uri: string, version: number, text: string) => server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version }, contentChanges: [{ text }],
        });
        const save = () => server.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: thisUri } });
        const watcherChanged = () => server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: [{ uri: thisUri, type: FileChangeType.Changed }],
        });
        const warnings = (p: PublishDiagnosticsParams) => p.diagnostics.filter(d => d.code === 'xxgk/carried-in').length;
        /** Resolves once this year's latest diagnostics have `count` cross-year warnings (times out otherwise). */
        const until = (count: number) => server.diagnosticsWhere(thisUri, p => warnings(p) === count);

        it('runs while typing, on save only, or not at all, as the setting says', async () => {
            // Last year's file no longer matches: this year's warnings come back on every change…
            await edit(lastUri, 3, last);
            await until(3);
            // … with onSave, an unsaved change hides them (the setting alone re-checks the open report) …
            await edit(thisUri, 2, current);
            await configure('onSave');
            await until(0);
            let next = nextDiagnostics(thisUri);
            await save();
            expect(warnings(await next)).toBe(3); // … and saving shows them.
            // Off: the setting re-checks at once, and saving shows nothing either.
            await configure('off');
            await until(0);
            const edited = nextDiagnostics(thisUri);
            await edit(thisUri, 3, current);
            await edited;
            next = nextDiagnostics(thisUri);
            await save();
            expect(warnings(await next)).toBe(0);
            // Back to onType: the setting alone brings them back.
            await configure('onType');
            await until(3);
        });

        it('keeps the on-save warnings when the file watcher reports the saved file as changed', async () => {
            // VS Code sends didSave and, from its file watcher, didChangeWatchedFiles for the same file,
            // in either order: both end with the warnings of a saved report.
            await configure('onSave');
            await edit(thisUri, 10, current);
            await until(0);
            await save();
            await watcherChanged();
            await until(3);
            await edit(thisUri, 11, current);
            await until(0);
            await watcherChanged();
            await save();
            await until(3);
            // The watcher's re-check of a report with unsaved changes does not bring them back.
            await edit(thisUri, 12, current);
            await until(0);
            const next = nextDiagnostics(thisUri);
            await watcherChanged();
            expect(warnings(await next)).toBe(0);
            await configure('onType');
            await until(3);
        });
    });
});
