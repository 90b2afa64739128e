/**
 * A workspace report no editor shows keeps no parse tree (server/documents.ts): read from disk, its
 * summaries are taken and its tree dropped; a validation parses it back for its time and drops it
 * again. In-process, with the server's services on the real file system.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/language/generated/ast.js';
import { reportOf, XxgkDocumentFactory } from '../server/documents.js';
import { createXxgkServices } from '../server/xxgk-services.js';
import { fixturesDir, read } from './support/helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-dehydrated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const name of ['longgang-2023.xxgk', 'longgang-2024.xxgk']) cpSync(path.join(fixturesDir, 'cross-year', name), path.join(dir, name));

describe('a report no editor shows', () => {
    it('holds no tree once read and once checked; what needs it gets one parsed from its text', async () => {
        const { shared } = createXxgkServices(NodeFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: pathToFileURL(dir).toString(), name: 'w' }]);
        const factory = shared.workspace.LangiumDocumentFactory as XxgkDocumentFactory;
        const documents = shared.workspace.LangiumDocuments.all.toArray().sort((a, b) => a.uri.path.localeCompare(b.uri.path));
        const treeless = (d: LangiumDocument) => {
            const report = d.parseResult.value as Report;
            return factory.isDehydrated(d) && report.$cstNode === undefined && report.lines.length === 0;
        };
        expect(documents.map(d => path.basename(d.uri.path))).toEqual(['longgang-2023.xxgk', 'longgang-2024.xxgk']);
        expect(documents.every(treeless)).toBe(true);
        // The index holds no tree either.
        expect(shared.workspace.IndexManager.allElements('Report').toArray().map(d => [d.name, d.node])).toEqual([
            ['深圳市龙岗区某局#2023', undefined], ['深圳市龙岗区某局#2024', undefined],
        ]);

        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        expect(documents.every(treeless)).toBe(true);
        const [last, current] = documents;
        const first = current.diagnostics!.map(d => d.code);
        expect(first).toContain('xxgk/carried-in'); // checked with last year's report, from its summary
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        expect(current.diagnostics!.map(d => d.code)).toEqual(first);
        expect(documents.every(treeless)).toBe(true);

        const tree = reportOf(shared, last);
        expect(tree.$cstNode?.root.fullText).toBe(read(URI.parse(last.uri.toString()).fsPath));
        expect(tree.lines.length).toBeGreaterThan(50);
        expect(treeless(last)).toBe(true); // parsed for that use only
    });
});
