/**
 * The server's document builder isolates one document's failure from the others (server/documents.ts):
 * a phase that throws for a document is logged and becomes that document's `xxgk/internal`
 * diagnostic, in Chinese; the other documents of the same build are checked as usual.
 * (The failures are injected: no real input is known to cause one — the fuzz suite looks for them.)
 */
import * as path from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../src/language/generated/ast.js';
import { createXxgkServices } from '../server/xxgk-services.js';
import { examplesDir, read } from './support/helpers.js';

const seed = read(path.join(examplesDir, 'yanshi-2020.xxgk'));
const broken = (line: string) => seed.replace('机关：', `${line}\n机关：`);

async function build(texts: Record<string, string>) {
    const { shared, Xxgk } = createXxgkServices(EmptyFileSystem);
    const documents = Object.entries(texts).map(([name, text]) =>
        shared.workspace.LangiumDocuments.createDocument(URI.parse(`file:///isolation/${name}`), text));
    return { shared, Xxgk, documents, run: () => shared.workspace.DocumentBuilder.build(documents, { validation: true }) };
}

const codes = (document: LangiumDocument) => (document.diagnostics ?? []).map(d => d.code);

describe('one document\'s failure', () => {
    afterEach(() => vi.restoreAllMocks());

    it('while indexing: logged, an xxgk/internal diagnostic on that document, the others checked', async () => {
        const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const { Xxgk, documents, run } = await build({ 'a.xxgk': broken('// 炸'), 'b.xxgk': seed.replace(/(（一）予以公开 +\| +)0/, '$12') });
        const reports = Xxgk.crossYear.Reports;
        const exportKey = reports.exportKey.bind(reports);
        vi.spyOn(reports, 'exportKey').mockImplementation(document => {
            if (document.textDocument.getText().includes('炸')) throw new Error('injected');
            return exportKey(document);
        });
        await run();
        const [a, b] = documents;
        const internal = a.diagnostics!.filter(d => d.code === 'xxgk/internal');
        expect(internal).toHaveLength(1);
        expect(internal[0].message).toMatch(/^索引本报告时出现内部错误/);
        expect(internal[0].severity).toBe(1);
        expect(codes(b)).toContain('xxgk/row-total');
        expect(codes(b)).not.toContain('xxgk/internal');
        expect(errors.mock.calls.flat().join('\n')).toContain('injected');
    });

    it('while validating: a Chinese diagnostic instead of Langium\'s English one', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const { Xxgk, documents, run } = await build({ 'a.xxgk': broken('// 炸'), 'b.xxgk': seed });
        Xxgk.validation.ValidationRegistry.register({
            Report: (report: Report) => {
                if (report.$document?.textDocument.getText().includes('炸')) throw new Error('injected');
            },
        });
        await run();
        const [a, b] = documents;
        expect(a.diagnostics!.filter(d => d.code === 'xxgk/internal').map(d => d.message)).toEqual([expect.stringMatching(/^检查本报告时出现内部错误/)]);
        expect(a.diagnostics!.map(d => d.message).join('')).not.toMatch(/An error occurred/);
        expect(b.diagnostics).toEqual([]);
    });

    it('in a listener of the build (the preview, the diagnostics): the other documents are still validated', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const { shared, documents, run } = await build({ 'a.xxgk': seed, 'b.xxgk': seed });
        let calls = 0;
        shared.workspace.DocumentBuilder.onDocumentPhase(6 /* Validated */, () => {
            if (calls++ === 0) throw new Error('injected');
        });
        await run();
        expect(documents.map(d => d.state)).toEqual([6, 6]);
        expect(calls).toBe(2);
    });
});
