/**
 * Workspace reports no editor shows keep no parse tree in the server (server/documents.ts drops it
 * once their summaries are taken). Through the real server over stdio: such a report is checked
 * again — after last year's file changed on disk, after a setting changed — exactly as a report an
 * editor shows; the comparison with it, next year's report from it and its export read its text.
 * (tests/dehydrated.test.ts checks in-process that the tree is gone.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
    DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, type Diagnostic,
    type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { CompareMethods, type CompareMessage } from '../src/compare/protocol.js';
import { nextYearReport } from '../src/format/next-year.js';
import { NextYearMethods, type NextYearResult } from '../src/format/next-year-protocol.js';
import { buildView } from '../src/render/build-view.js';
import { PreviewMethods, type ViewMessage } from '../src/render/preview-protocol.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { check, fixturesDir, read } from './support/helpers.js';
import { startServer, type TestServer } from './support/lsp-client.js';

const made: string[] = [];
const servers: TestServer[] = [];
afterAll(async () => {
    await Promise.all(servers.map(s => s.stop()));
    made.forEach(d => rmSync(d, { recursive: true, force: true }));
});

/** A workspace of last year's and this year's report of one 机关 (and another 机关's report), none open. */
function workspace(): { dir: string; uriOf: (name: string) => string; fileOf: (name: string) => string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-dehydrated-'));
    made.push(dir);
    for (const name of ['longgang-2023.xxgk', 'longgang-2024.xxgk', 'other-agency-2024.xxgk']) cpSync(path.join(fixturesDir, 'cross-year', name), path.join(dir, name));
    return { dir, uriOf: name => pathToFileURL(path.join(dir, name)).toString(), fileOf: name => path.join(dir, name) };
}

async function serve(dir: string): Promise<TestServer> {
    const server = await startServer({ workspace: dir });
    servers.push(server);
    return server;
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => d.code);
/** What a diagnostic says, without the order the server found it in. */
const comparable = (diagnostics: Diagnostic[]) => diagnostics.map(d => JSON.stringify([d.range, d.code, d.severity, d.message, d.data, d.relatedInformation]))
    .sort();
const last = read(path.join(fixturesDir, 'cross-year', 'longgang-2023.xxgk'));
/** Last year's 结转下年度 as this year's 上年结转: this year's R14 findings go. */
const fixedLast = last.replace(/^(四、结转下年度继续办理 +)\| 1 \| 1 \|/m, '$1| 2 | 0 |');
const deadline = (server: TestServer, value: string) => server.connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { xxgk: { validation: { deadline: value } } },
});
const openFile = (server: TestServer, uri: string, file: string) => server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'xxgk', version: 1, text: readFileSync(file, 'utf8') },
});

describe('a workspace report no editor shows', () => {
    it('is checked again as an open report is: after last year\'s file changed, after a setting changed', async () => {
        expect(fixedLast).not.toBe(last);
        const { dir, uriOf, fileOf } = workspace();
        const server = await serve(dir);
        const thisYear = uriOf('longgang-2024.xxgk');
        // Opening another report builds the workspace: every report is checked.
        await openFile(server, uriOf('other-agency-2024.xxgk'), fileOf('other-agency-2024.xxgk'));
        await server.diagnosticsWhere(thisYear, p => codes(p).includes('xxgk/carried-in'));
        writeFileSync(fileOf('longgang-2023.xxgk'), fixedLast);
        await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('longgang-2023.xxgk'), type: FileChangeType.Changed }] });
        await server.diagnosticsWhere(thisYear, p => !codes(p).includes('xxgk/carried-in'));
        await deadline(server, '01-15');
        const { diagnostics } = await server.diagnosticsWhere(thisYear, p => codes(p).includes('xxgk/published-late'));

        // The same report open in a fresh server, with the same files and setting.
        const fresh = await serve(dir);
        await openFile(fresh, thisYear, fileOf('longgang-2024.xxgk'));
        await deadline(fresh, '01-15');
        const expected = await fresh.diagnosticsWhere(thisYear, p => codes(p).includes('xxgk/published-late'));
        expect(codes(expected)).toContain('xxgk/in-force-roll'); // a cross-year finding, with last year's file
        expect(comparable(diagnostics)).toEqual(comparable(expected.diagnostics));
    });

    it('is last year\'s report in the comparison, next year\'s report is made from it, its preview is its text', async () => {
        const { dir, uriOf, fileOf } = workspace();
        const server = await serve(dir);
        const thisYear = uriOf('longgang-2024.xxgk');
        await openFile(server, thisYear, fileOf('longgang-2024.xxgk'));
        await server.diagnosticsWhere(thisYear, p => codes(p).includes('xxgk/carried-in'));
        const message = await server.connection.sendRequest<CompareMessage>(CompareMethods.render, { uri: thisYear });
        expect(message).toMatchObject({ status: 'compared', lastUri: uriOf('longgang-2023.xxgk') });
        expect(message.status === 'compared' && message.view.counts).toEqual({ changed: 7, spikes: 0 });

        const result = await server.connection.sendRequest<NextYearResult>(NextYearMethods.create, { uri: uriOf('longgang-2023.xxgk'), prose: 'drop' });
        const expected = nextYearReport({ previous: check(last).model, year: 2024, registry: nationalRegistry, prose: 'drop', source: 'longgang-2023.xxgk' });
        expect(result).toMatchObject({ status: 'created', text: expected.text, year: 2024 });

        const view = await server.connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri: uriOf('longgang-2023.xxgk') });
        expect(view.view).toEqual(buildView(check(last)));
    });
});
